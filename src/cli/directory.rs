//! `linkwork directory ...`: importing Open Referral data.

use super::CliError;
use crate::import::hsds_json::Parsed;
use crate::import::{ImportError, hsds_csv, hsds_json, plain_csv};
use crate::store::{ImportCounts, Store};
use std::path::{Path, PathBuf};

fn unreadable(file: &Path, e: std::io::Error) -> CliError {
    CliError::Import(ImportError::Shape {
        file: file.display().to_string(),
        message: format!("cannot be read ({e})"),
    })
}

/// The JSON pages of a folder, in name order.
fn json_pages(path: &Path) -> Result<Vec<PathBuf>, CliError> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| unreadable(path, e))?
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
            message: "holds no .json files (and no datapackage.json)".into(),
        }));
    }
    Ok(found)
}

/// A progress bar on stderr, shown only once the work has taken more than
/// a moment (and only on a terminal).
struct Progress {
    bar: indicatif::ProgressBar,
    started: std::time::Instant,
    shown: std::cell::Cell<bool>,
}

impl Progress {
    fn new(len: u64, what: &'static str) -> Self {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_length(len);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({elapsed})")
        {
            bar.set_style(style);
        }
        bar.set_message(what);
        Self {
            bar,
            started: std::time::Instant::now(),
            shown: std::cell::Cell::new(false),
        }
    }

    fn set(&self, done: u64) {
        if !self.shown.get() && self.started.elapsed() > std::time::Duration::from_millis(300) {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(10));
            self.shown.set(true);
        }
        self.bar.set_position(done);
    }

    fn done(self) {
        self.bar.finish_and_clear();
    }
}

/// Reads `path` in whichever form it is: all of it, or an error.
fn parse(path: &Path) -> Result<Parsed, CliError> {
    if path.is_dir() && path.join("datapackage.json").is_file() {
        let mut read = |name: &str| -> Result<Option<Vec<u8>>, ImportError> {
            let file = path.join(name);
            match std::fs::read(&file) {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(ImportError::Shape {
                    file: name.to_owned(),
                    message: format!("cannot be read ({e})"),
                }),
            }
        };
        return Ok(hsds_csv::parse(&mut read)?);
    }
    let files = if path.is_dir() {
        json_pages(path)?
    } else {
        vec![path.to_owned()]
    };
    let bar = Progress::new(files.len() as u64, "reading");
    let mut all = Parsed::default();
    for (done, file) in files.into_iter().enumerate() {
        bar.set(done as u64);
        let name = file.display().to_string();
        // A file is read whole: one beyond any real feed page is refused
        // before it is read, so memory stays bounded.
        let size = std::fs::metadata(&file)
            .map_err(|e| unreadable(&file, e))?
            .len();
        if size > MAX_FILE_BYTES {
            return Err(CliError::Import(ImportError::Shape {
                file: name,
                message: format!(
                    "it is {} MB; files over {} MB are not read (split the feed into pages)",
                    size / 1_000_000,
                    MAX_FILE_BYTES / 1_000_000
                ),
            }));
        }
        let bytes = std::fs::read(&file).map_err(|e| unreadable(&file, e))?;
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let first = body.iter().find(|b| !b.is_ascii_whitespace());
        let parsed = if matches!(first, Some(b'{' | b'[')) {
            hsds_json::parse(&name, &bytes)?
        } else {
            plain_csv::parse(&name, &bytes)?
        };
        all.services.extend(parsed.services);
        all.origins.extend(parsed.origins);
        all.notes.extend(parsed.notes);
        for org in parsed.organisations {
            if !all.organisations.iter().any(|o| o.id == org.id) {
                all.organisations.push(org);
            }
        }
    }
    bar.done();
    Ok(all)
}

/// The largest file an import reads (1 GB).
pub const MAX_FILE_BYTES: u64 = 1_000_000_000;

/// Imports `path` into the directory: all of it, or nothing.
pub fn import(store: &Store, path: &Path) -> Result<ImportCounts, CliError> {
    let Parsed {
        services,
        organisations,
        origins,
        notes,
    } = parse(path)?;
    // A file that said what it holds instead (a taxonomy, a base file) has
    // a note; an empty file, `null` or an empty list has neither.
    let explained = !notes.is_empty();
    for note in notes {
        eprintln!("Note: {}.", crate::domain::text::clean(&note.to_string()));
    }
    if services.is_empty() && !explained {
        return Err(CliError::Import(ImportError::Shape {
            file: path.display().to_string(),
            message: "no services found in it (an empty file, null, or an empty list)".into(),
        }));
    }
    // The same id twice in one import (a paged feed repeats a service, or a
    // file is wrong) is stored once: the last one is kept, and both records
    // are named, so the counts say what was stored.
    let (services, origins) = {
        let mut last: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, s) in services.iter().enumerate() {
            if let Some(earlier) = last.insert(s.id.0.clone(), i) {
                eprintln!(
                    "Note: {}.",
                    crate::domain::text::clean(&format!(
                        "service \"{}\" appears twice ({} and {}); the later one is kept",
                        s.id, origins[earlier], origins[i]
                    ))
                );
            }
        }
        let mut kept_services = Vec::with_capacity(last.len());
        let mut kept_origins = Vec::with_capacity(last.len());
        for (i, (s, at)) in services.into_iter().zip(origins).enumerate() {
            if last.get(&s.id.0) == Some(&i) {
                kept_services.push(s);
                kept_origins.push(at);
            }
        }
        (kept_services, kept_origins)
    };
    // A record far larger than any real one is skipped and named.
    let mut skipped = 0;
    let (services, origins): (Vec<_>, Vec<_>) = services
        .into_iter()
        .zip(origins)
        .filter(
            |(s, at)| match crate::domain::directory::limits::too_large(s) {
                Some(why) => {
                    eprintln!(
                        "Note: {}.",
                        crate::domain::text::clean(&format!("{at}: {why}: skipped"))
                    );
                    skipped += 1;
                    false
                }
                None => true,
            },
        )
        .unzip();
    if services.is_empty() && skipped > 0 {
        return Err(CliError::Import(ImportError::Shape {
            file: path.display().to_string(),
            message: "every service in it is too large to keep".into(),
        }));
    }
    let known: std::collections::HashSet<&str> =
        organisations.iter().map(|o| o.id.0.as_str()).collect();
    for (service, at) in services.iter().zip(&origins) {
        if !known.contains(service.organization_id.0.as_str())
            && !store.has_organisation(&service.organization_id.0)?
        {
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
    let bar = Progress::new(services.len() as u64, "importing");
    let mut counts =
        store.import_directory(services, organisations, &mut |done| bar.set(done as u64))?;
    bar.done();
    counts.rejected += skipped;
    Ok(counts)
}

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
        let Some(f) = index.facts(hit.index) else {
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
            f.organisation,
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
    let index = crate::store::directory_cache::read(dir)?;
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
            std::fs::write(path, text)
                .map_err(|e| crate::store::StoreError::io("write", path, e))?;
            "Open Referral JSON"
        }
        super::ExportFormat::Csv => {
            let tables = crate::import::hsds_csv_export::tables(&services, &organisations)
                .map_err(|e| crate::store::StoreError::Inconsistent(e.to_string()))?;
            std::fs::create_dir_all(path)
                .map_err(|e| crate::store::StoreError::io("create", path, e))?;
            for (name, bytes) in tables {
                let file = path.join(name);
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
            what: format!("directory ({} services, {what})", services.len()),
        },
    );
    store.commit(changes)?;
    Ok(services.len())
}
