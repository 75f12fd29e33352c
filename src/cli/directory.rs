//! `linkwork directory ...`: importing Open Referral data.

mod import;
pub mod pull;
pub mod quiet;

use super::CliError;
use crate::store::Store;
use std::path::Path;

pub use import::{MAX_FILE_BYTES, import};

/// The `directory search` listing: name, organisation, town, categories,
/// and marks for inactive and stale entries, best first.
pub fn listing(
    index: &crate::domain::directory::search::SearchIndex,
    query: &str,
    limit: usize,
    today: chrono::NaiveDate,
) -> String {
    use crate::domain::directory::Category;
    let mut out = String::new();
    for hit in index.search(query, limit) {
        let Some(f) = index.facts_of(hit.index) else {
            continue;
        };
        let categories: Vec<&str> = Category::ALL
            .iter()
            .filter(|c| f.has_category(**c))
            .map(|c| c.label())
            .collect();
        let mut marks = Vec::new();
        if !f.is_active() {
            marks.push(f.status.label().to_lowercase());
        }
        if f.is_stale(today) {
            marks.push("not verified in 12 months".to_owned());
        }
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!(" [{}]", marks.join(", "))
        };
        out.push_str(&format!(
            "{} · {} · {} · {}{marks}\n",
            f.name,
            if f.organisation.is_empty() {
                "no organisation named"
            } else {
                &f.organisation
            },
            f.town,
            categories.join(", ")
        ));
    }
    out
}

/// The listing from the store's directory cache, without opening the
/// database (`None` when there is no usable cache).
pub fn search_cached(
    dir: &Path,
    query: &str,
    limit: usize,
    today: chrono::NaiveDate,
) -> Option<String> {
    let index = crate::store::directory_cache::read_for_search(dir)?;
    let out = listing(&index, query, limit, today);
    // The process ends next; freeing 100,000 entries one by one would only
    // delay it.
    std::mem::forget(index);
    Some(out)
}

/// The listing, reading the store.
pub fn search(
    store: &Store,
    query: &str,
    limit: usize,
    today: chrono::NaiveDate,
) -> Result<String, CliError> {
    Ok(listing(&store.directory_index()?, query, limit, today))
}

/// Writes the directory to `path` in `format`; returns how many services.
pub fn export(store: &Store, format: super::ExportFormat, path: &Path) -> Result<usize, CliError> {
    use crate::domain::directory::{Organisation, Service};
    let services: Vec<Service> = store.all()?;
    let organisations: Vec<Organisation> = store.all()?;
    let what = match format {
        super::ExportFormat::OrukJson => {
            let page = crate::import::hsds_export::page(&services, &organisations);
            let text = serde_json::to_string_pretty(&page)
                .map_err(|e| crate::store::StoreError::Inconsistent(e.to_string()))?;
            crate::store::refuse_special(path)?;
            std::fs::write(path, text)
                .map_err(|e| crate::store::StoreError::io("write", path, e))?;
            "Open Referral JSON"
        }
        super::ExportFormat::Csv => {
            let tables = crate::import::hsds_csv_export::tables_with_vocabulary(
                &services,
                &organisations,
                &store.vocabulary()?,
            )
            .map_err(|e| crate::store::StoreError::Inconsistent(e.to_string()))?;
            std::fs::create_dir_all(path)
                .map_err(|e| crate::store::StoreError::io("create", path, e))?;
            for (name, bytes) in tables {
                let file = path.join(name);
                crate::store::refuse_special(&file)?;
                std::fs::write(&file, bytes)
                    .map_err(|e| crate::store::StoreError::io("write", &file, e))?;
            }
            "HSDS CSV tables"
        }
    };
    let mut changes = store.changes();
    changes.note(
        crate::store::Entity::Service,
        "-",
        crate::store::AuditAction::Exported {
            what: format!(
                "directory ({}, {what})",
                crate::domain::text::count(services.len(), "service", "services")
            ),
        },
    );
    store.commit(changes)?;
    Ok(services.len())
}
