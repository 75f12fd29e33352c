//! `linkwork directory import`: a file or folder into the directory, all
//! or nothing, at the speed of parsing. A folder of API pages is parsed a
//! few pages at a time on every core and streamed into a new generation of
//! the directory (see `store::DirectoryImport`), so memory stays bounded by
//! those pages, not by the feed.

use super::super::CliError;
use crate::domain::directory::taxonomy::Vocabulary;
use crate::import::hsds_json::Parsed;
use crate::import::{ImportError, Location, hsds_csv, hsds_json, plain_csv};
use crate::store::{DirectoryImport, ImportCounts, PreparedService, ServicePreparer, Store};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The largest file an import reads (1 GB).
pub const MAX_FILE_BYTES: u64 = 1_000_000_000;

fn unreadable(file: &Path, e: std::io::Error) -> CliError {
    CliError::Import(ImportError::Shape {
        file: file.display().to_string(),
        message: format!("cannot be read ({e})"),
    })
}

fn note(text: &str) {
    super::quiet::note(text);
}

/// Files a folder of Open Referral JSON may hold that describe the data
/// rather than hold it (the specification's examples carry `base.json`).
const METADATA_FILES: [&str; 5] = [
    "base.json",
    "tabular.json",
    "openapi.json",
    "profile.json",
    "datapackage.json",
];

/// The JSON pages of a folder, in name order; metadata files are skipped
/// with one note.
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
    let is_metadata = |p: &PathBuf| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| METADATA_FILES.iter().any(|m| m.eq_ignore_ascii_case(n)))
    };
    let (metadata, pages): (Vec<PathBuf>, Vec<PathBuf>) =
        found.iter().cloned().partition(is_metadata);
    if !metadata.is_empty() && !pages.is_empty() {
        found = pages;
        let skipped: Vec<String> = metadata
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        note(&format!(
            "Skipped {}: {} the data, not services",
            skipped.join(", "),
            if skipped.len() == 1 {
                "it describes"
            } else {
                "they describe"
            }
        ));
    }
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
    shown: bool,
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
            shown: false,
        }
    }

    fn set(&mut self, done: u64) {
        if !self.shown
            && !super::quiet::is_quiet()
            && self.started.elapsed() > std::time::Duration::from_millis(300)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(10));
            self.shown = true;
        }
        self.bar.set_position(done);
    }

    fn done(self) {
        self.bar.finish_and_clear();
    }
}

/// Whether `bytes` begin a spreadsheet rather than JSON, by their first
/// character that is not a space (`None`: only spaces so far).
fn is_csv(bytes: &[u8]) -> Option<bool> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace())?;
    Some(!matches!(first, b'{' | b'['))
}

/// Whether the file is a spreadsheet, as its first bytes say.
fn is_spreadsheet(file: &Path) -> Result<bool, CliError> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .map_err(|e| unreadable(file, e))?;
    Ok(is_csv(&head) == Some(true))
}

/// Reads and parses one JSON page or plain CSV spreadsheet.
fn parse_file(file: &Path) -> Result<Parsed, CliError> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| unreadable(file, e))?;
    Ok(if is_csv(&bytes) != Some(false) {
        plain_csv::parse(&name, &bytes)?
    } else {
        hsds_json::parse(&name, &bytes)?
    })
}

/// HSDS tabular data: a folder with `datapackage.json`.
fn parse_tables(path: &Path) -> Result<Parsed, CliError> {
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
    Ok(hsds_csv::parse(&mut read)?)
}

/// Refuses, before anything is read, a file beyond any real feed page.
fn check_size(file: &Path) -> Result<(), CliError> {
    let size = std::fs::metadata(file)
        .map_err(|e| unreadable(file, e))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(CliError::Import(ImportError::Shape {
            file: file.display().to_string(),
            message: format!(
                "it is {} MB; files over {} MB are not read (split the feed into pages)",
                size / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
        }));
    }
    Ok(())
}

/// One import as it streams in: the store's import and what is needed to
/// name problems and check references once every file is read.
struct Run<'s> {
    import: DirectoryImport<'s>,
    /// Where each service was read, by the tag the store's import keeps
    /// with it, to name a repeat.
    seen: Vec<Seen>,
    /// The files read, by [`Seen::file`].
    files: Vec<String>,
    organisations: HashSet<Box<str>>,
    /// Services (organisation id, service id, where) naming an
    /// organisation by id only, not yet seen.
    unresolved: Vec<(Box<str>, Box<str>, Location)>,
    /// Services read more than once: where first and last, and how many
    /// times in all, for one line per id at the end.
    repeated: std::collections::BTreeMap<Box<str>, (Location, Location, usize)>,
    services: usize,
    skipped: usize,
    explained: bool,
    /// Records skipped as invalid (refused whole with `strict`).
    rejected: Vec<ImportError>,
    strict: bool,
}

/// Where a record was read, compactly (a feed has hundreds of thousands).
#[derive(Debug, Clone, Copy)]
struct Seen {
    file: u32,
    record: Option<u32>,
    line: Option<u32>,
}

impl Run<'_> {
    /// Keeps where a service was read; returns its tag.
    fn seen(&mut self, at: &Location) -> u32 {
        if self.files.last() != Some(&at.file) {
            self.files.push(at.file.clone());
        }
        self.seen.push(Seen {
            file: (self.files.len() - 1) as u32,
            record: at.record.and_then(|r| u32::try_from(r).ok()),
            line: at.line,
        });
        (self.seen.len() - 1) as u32
    }

    fn location(&self, seen: Seen, id: &str) -> Location {
        Location {
            file: self
                .files
                .get(seen.file as usize)
                .cloned()
                .unwrap_or_default(),
            record: seen.record.map(|r| r as usize),
            line: seen.line,
            id: Some(crate::import::shorten(id)),
        }
    }
}

/// A file parsed, its services made ready for the store.
struct Prepared {
    /// Each service ready to write, or why it is too large to keep, with
    /// where it was read.
    services: Vec<(Result<PreparedService, String>, Location)>,
    /// Each organisation's id, encoded (key, value).
    organisations: Vec<(Box<str>, Vec<u8>, Vec<u8>)>,
    notes: Vec<String>,
    rejected: Vec<ImportError>,
    vocabulary: Vocabulary,
}

/// Makes the services and organisations of `parsed` ready for the store
/// (compared with the stored ones, encoded, sizes checked, the records
/// then dropped) on every core, so the one thread that writes only writes.
fn prepare(
    store: &Store,
    preparer: &ServicePreparer,
    parsed: Parsed,
) -> Result<Prepared, CliError> {
    let Parsed {
        services,
        organisations,
        origins,
        notes,
        rejected,
        vocabulary,
    } = parsed;
    let services = services
        .into_par_iter()
        .zip(origins)
        .map(|(s, at)| {
            let ready = match crate::domain::directory::limits::too_large(&s) {
                Some(why) => Err(why),
                None => Ok(preparer.prepare(s)?),
            };
            Ok::<_, CliError>((ready, at))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let organisations = organisations
        .into_par_iter()
        .map(|o| {
            let (key, value) = store.encode_organisation(&o)?;
            Ok::<_, CliError>((o.id.0.as_str().into(), key, value))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Prepared {
        services,
        organisations,
        notes,
        rejected,
        vocabulary,
    })
}

/// Services per step when one file holds a whole feed (a spreadsheet,
/// HSDS tables): encoded on every core a step at a time, so only one
/// step's bytes are held at once.
const STEP: usize = 4096;

impl Run<'_> {
    /// Takes one file that holds a whole feed, a step at a time.
    fn take_whole(&mut self, store: &Store, mut parsed: Parsed) -> Result<(), CliError> {
        let preparer = self.import.preparer();
        // Everything but the services first, then the services a step at
        // a time.
        let services = std::mem::take(&mut parsed.services);
        let origins = std::mem::take(&mut parsed.origins);
        self.take(prepare(store, &preparer, parsed)?)?;
        let mut rest = services.into_iter().zip(origins);
        loop {
            let (services, origins): (Vec<_>, Vec<_>) = rest.by_ref().take(STEP).unzip();
            if services.is_empty() {
                return Ok(());
            }
            let step = Parsed {
                services,
                origins,
                ..Parsed::default()
            };
            self.take(prepare(store, &preparer, step)?)?;
        }
    }

    fn take(&mut self, prepared: Prepared) -> Result<(), CliError> {
        let Prepared {
            services,
            organisations,
            notes,
            rejected,
            vocabulary,
        } = prepared;
        self.explained |= !notes.is_empty() || !vocabulary.is_empty();
        self.import.vocabulary(vocabulary);
        self.services += rejected.len();
        self.rejected.extend(rejected);
        for n in notes {
            note(&n);
        }
        for (id, key, value) in organisations {
            if self.organisations.insert(id) {
                self.import.organisation_encoded(key, value)?;
            }
        }
        for (ready, at) in services {
            self.services += 1;
            // A record far larger than any real one is skipped and named.
            let ready = match ready {
                Ok(ready) => ready,
                Err(why) => {
                    note(&format!("{at}: {why}: skipped"));
                    self.skipped += 1;
                    continue;
                }
            };
            if !ready.organisation_id.is_empty()
                && !self.organisations.contains(&ready.organisation_id)
            {
                self.unresolved
                    .push((ready.organisation_id.clone(), ready.id.clone(), at.clone()));
            }
            let id = ready.id.clone();
            let tag = self.seen(&at);
            // The same id twice in one import (a paged feed repeats a
            // service, or a file is wrong) is stored once: the later one.
            if let Some(earlier) = self.import.service_prepared(ready, tag)?
                && let Some(earlier) = self.seen.get(earlier as usize)
            {
                let earlier = self.location(*earlier, &id);
                self.repeated
                    .entry(id.clone())
                    .and_modify(|(_, last, times)| {
                        *last = at.clone();
                        *times += 1;
                    })
                    .or_insert((earlier, at.clone(), 2));
            }
        }
        Ok(())
    }

    fn finish(mut self, store: &Store, path: &Path) -> Result<ImportCounts, CliError> {
        // One line per repeated id, however many copies a feed repeats.
        for (id, (first, last, times)) in std::mem::take(&mut self.repeated) {
            note(&if times == 2 {
                format!(
                    "service \"{id}\" appears twice ({first} and {last}); the later one is kept"
                )
            } else {
                format!(
                    "service \"{id}\" appears {times} times ({first} to {last}); only the last is kept"
                )
            });
        }
        if self.services == 0 && !self.explained {
            return Err(CliError::Import(ImportError::Shape {
                file: path.display().to_string(),
                message: "no services found in it (an empty file, null, or an empty list)".into(),
            }));
        }
        if self.services > 0 && self.skipped == self.services {
            return Err(CliError::Import(ImportError::Shape {
                file: path.display().to_string(),
                message: "every service in it is too large to keep".into(),
            }));
        }
        // A service naming an organisation found nowhere is invalid too.
        for (org_id, id, at) in std::mem::take(&mut self.unresolved) {
            if !self.organisations.contains(&org_id) && !store.has_organisation(&org_id)? {
                self.import.withdraw(&id)?;
                self.rejected.push(ImportError::Field {
                    at,
                    field: "organization_id".into(),
                    message: format!("\"{org_id}\" is not in this import or the directory"),
                });
            }
        }
        let invalid = self.rejected.len();
        if invalid > 0 && (self.strict || invalid + self.skipped >= self.services) {
            // Strict, or nothing valid at all: refused whole, naming the
            // first; any others are named before it.
            for e in self.rejected.iter().skip(1) {
                note(&format!("{e}"));
            }
            return Err(CliError::Import(self.rejected.swap_remove(0)));
        }
        for e in &self.rejected {
            note(&format!("{e}: skipped"));
        }
        let report = if invalid > 0 {
            Some(write_report(store, path, &self.rejected)?)
        } else {
            None
        };
        let mut counts = self.import.finish()?;
        counts.rejected += self.skipped + invalid;
        if let Some(report) = report {
            note(&format!(
                "{invalid} invalid record{} skipped, listed in {}",
                if invalid == 1 { "" } else { "s" },
                report.display()
            ));
        }
        Ok(counts)
    }
}

/// Lists the records an import skipped in a private file in the data
/// folder's `import-reports` (0700) folder; returns its path.
fn write_report(store: &Store, path: &Path, rejected: &[ImportError]) -> Result<PathBuf, CliError> {
    use std::os::unix::fs::DirBuilderExt;
    let dir = store.dir().join("import-reports");
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .map_err(|e| crate::store::StoreError::io("create", &dir, e))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let file = dir.join(format!("import-{stamp}.txt"));
    let mut text = format!(
        "linkwork directory import of {}\n{} record(s) skipped as invalid; the others were imported.\n\n",
        path.display(),
        rejected.len()
    );
    for e in rejected {
        text.push_str(&crate::domain::text::clean(&e.to_string()));
        text.push('\n');
    }
    crate::store::write_private(&file, text.as_bytes())?;
    Ok(file)
}

/// Imports `path` into the directory: every valid record, or nothing at
/// all; invalid records are skipped and named (with `strict`, any invalid
/// record refuses the whole import).
pub fn import(store: &Store, path: &Path, strict: bool) -> Result<ImportCounts, CliError> {
    let mut run = Run {
        import: store.begin_directory_import()?,
        seen: Vec::new(),
        files: Vec::new(),
        organisations: HashSet::new(),
        unresolved: Vec::new(),
        repeated: std::collections::BTreeMap::new(),
        services: 0,
        skipped: 0,
        explained: false,
        rejected: Vec::new(),
        strict,
    };
    if path.is_dir() && path.join("datapackage.json").is_file() {
        run.take_whole(store, parse_tables(path)?)?;
        return run.finish(store, path);
    }
    let files = if path.is_dir() {
        json_pages(path)?
    } else {
        vec![path.to_owned()]
    };
    for file in &files {
        check_size(file)?;
    }
    let mut bar = Progress::new(files.len() as u64, "importing");
    // A few pages at a time, parsed and encoded on every core while the
    // pages before them are written, and taken in file order (so the later
    // of a repeated service is the one kept).
    let window = 2 * rayon::current_num_threads().max(1);
    if let [file] = files.as_slice() {
        if is_spreadsheet(file)? {
            // A step of services at a time, never the whole sheet built.
            let bytes = std::fs::read(file).map_err(|e| unreadable(file, e))?;
            plain_csv::parse_in_steps(&file.display().to_string(), &bytes, STEP, &mut |step| {
                run.take_whole(store, step)
            })?;
        } else {
            run.take_whole(store, parse_file(file)?)?;
        }
        return run.finish(store, path);
    }
    let preparer = run.import.preparer();
    let preparer = &preparer;
    let read = move |pages: &[PathBuf]| -> Vec<Result<Prepared, CliError>> {
        pages
            .par_iter()
            .map(|f| parse_file(f).and_then(|p| prepare(store, preparer, p)))
            .collect()
    };
    std::thread::scope(|scope| -> Result<(), CliError> {
        // One window read ahead while another waits to be written, so the
        // cores never wait for the writer (nor the writer for them).
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let pages = files.as_slice();
        let reader = scope.spawn(move || {
            for w in pages.chunks(window) {
                if tx.send(read(w)).is_err() {
                    return;
                }
            }
        });
        let mut done = 0;
        for ready in rx {
            for prepared in ready {
                run.take(prepared?)?;
                done += 1;
                bar.set(done);
            }
        }
        // Every page was read, unless the reader stopped on its own.
        reader.join().map_err(|_| {
            CliError::Import(ImportError::Shape {
                file: path.display().to_string(),
                message: "reading it stopped unexpectedly".into(),
            })
        })?;
        if done != files.len() as u64 {
            return Err(CliError::Import(ImportError::Shape {
                file: path.display().to_string(),
                message: "reading it stopped unexpectedly".into(),
            }));
        }
        Ok(())
    })?;
    bar.done();
    run.finish(store, path)
}
