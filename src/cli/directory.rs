//! `linkwork directory ...`: importing Open Referral data.

use super::CliError;
use crate::import::{ImportError, Location, hsds_json};
use crate::store::{ImportCounts, Store};
use std::path::{Path, PathBuf};

/// The files an import reads: the file itself, or the JSON pages of a
/// folder in name order.
fn files(path: &Path) -> Result<Vec<PathBuf>, CliError> {
    let io = |e| {
        CliError::Import(ImportError::Shape {
            file: path.display().to_string(),
            message: format!("cannot be read ({e})"),
        })
    };
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    if path.join("datapackage.json").is_file() {
        return Err(CliError::Import(ImportError::Shape {
            file: path.display().to_string(),
            message: "is HSDS tabular data (datapackage.json with CSV tables), which this linkwork cannot read yet; import the JSON form".into(),
        }));
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(CliError::Import(ImportError::Shape {
            file: path.display().to_string(),
            message: "holds no .json files".into(),
        }));
    }
    Ok(found)
}

/// Imports `path` into the directory: all of it, or nothing.
pub fn import(store: &Store, path: &Path) -> Result<ImportCounts, CliError> {
    let mut services = Vec::new();
    let mut organisations = Vec::new();
    let mut origin = Vec::new();
    for file in files(path)? {
        let name = file.display().to_string();
        let bytes = std::fs::read(&file).map_err(|e| {
            CliError::Import(ImportError::Shape {
                file: name.clone(),
                message: format!("cannot be read ({e})"),
            })
        })?;
        let parsed = hsds_json::parse(&name, &bytes)?;
        for (i, s) in parsed.services.iter().enumerate() {
            origin.push(Location {
                file: name.clone(),
                record: Some(i + 1),
                id: Some(s.id.0.clone()),
            });
        }
        services.extend(parsed.services);
        for org in parsed.organisations {
            if !organisations
                .iter()
                .any(|o: &crate::domain::directory::Organisation| o.id == org.id)
            {
                organisations.push(org);
            }
        }
    }
    for (service, at) in services.iter().zip(&origin) {
        let known = organisations
            .iter()
            .any(|o| o.id == service.organization_id)
            || store.has_organisation(&service.organization_id.0)?;
        if !known {
            return Err(CliError::Import(ImportError::Field {
                at: at.clone(),
                field: "organization_id".into(),
                message: format!(
                    "\"{}\" is not in this import or the directory",
                    service.organization_id
                ),
            }));
        }
    }
    Ok(store.import_directory(services, organisations)?)
}
