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

/// The `directory search` listing: name, organisation, town, categories,
/// and marks for inactive and stale entries.
pub fn search(
    store: &Store,
    query: &str,
    limit: usize,
    today: chrono::NaiveDate,
) -> Result<String, CliError> {
    use crate::domain::directory::search::SearchIndex;
    use crate::domain::directory::{Organisation, Service, ServiceStatus};
    use std::collections::HashMap;
    let services: Vec<Service> = store.all()?;
    let organisations: HashMap<String, String> = store
        .all::<Organisation>()?
        .into_iter()
        .map(|o| (o.id.0, o.name))
        .collect();
    let index = SearchIndex::new(&services, |s| {
        organisations.get(&s.organization_id.0).map(String::as_str)
    });
    let mut out = String::new();
    for hit in index.search(query, limit) {
        let s = &services[hit.index];
        let town = s
            .locations
            .iter()
            .flat_map(|l| &l.addresses)
            .find_map(|a| a.city.clone())
            .unwrap_or_default();
        let categories: Vec<&str> = s.local.categories.iter().map(|c| c.label()).collect();
        let mut marks = Vec::new();
        if s.status != ServiceStatus::Active {
            marks.push(s.status.label().to_lowercase());
        }
        if s.is_stale(today) {
            marks.push("not verified in 12 months".to_owned());
        }
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!(" [{}]", marks.join(", "))
        };
        out.push_str(&format!(
            "{} · {} · {} · {}{marks}\n",
            s.name,
            organisations
                .get(&s.organization_id.0)
                .map_or("", String::as_str),
            town,
            categories.join(", ")
        ));
    }
    Ok(out)
}

/// Writes the directory to `path` in `format`; returns how many services.
pub fn export(store: &Store, format: super::ExportFormat, path: &Path) -> Result<usize, CliError> {
    use crate::domain::directory::{Organisation, Service};
    if format == super::ExportFormat::Csv {
        return Err(CliError::NotYet(
            "HSDS CSV tables cannot be written by this linkwork yet; use --format oruk-json. Nothing was written.".into(),
        ));
    }
    let services: Vec<Service> = store.all()?;
    let organisations: Vec<Organisation> = store.all()?;
    let page = crate::import::hsds_export::page(&services, &organisations);
    let text = serde_json::to_string_pretty(&page)
        .map_err(|e| crate::store::StoreError::Inconsistent(e.to_string()))?;
    std::fs::write(path, text).map_err(|e| crate::store::StoreError::io("write", path, e))?;
    let mut changes = store.changes();
    changes.note(
        crate::store::Entity::Service,
        "-",
        crate::store::AuditAction::Exported {
            what: format!(
                "directory ({} services, Open Referral JSON)",
                services.len()
            ),
        },
    );
    store.commit(changes)?;
    Ok(services.len())
}
