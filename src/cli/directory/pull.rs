//! `linkwork directory pull URL`: reading a council's live Open Referral UK
//! API (`GET /services?page=N&per_page=M`, following `total_pages`), a page
//! at a time, politely, with timeouts and retries, into the data folder;
//! then importing the pages as one atomic import and saying what changed
//! in the feed since the last pull.
//!
//! Pages are kept in `feeds/<feed>/pages/` (0600) until the import is done,
//! so a pull that was interrupted resumes where it stopped. The ids the
//! feed had at its last pull are kept in `feeds/<feed>/services.txt`: a
//! service the feed no longer has is marked "no longer in the feed", never
//! deleted; our own notes, categories, verification and checks are kept
//! through every pull (the import keeps them).

use super::import::{MAX_FILE_BYTES, import};
use crate::cli::CliError;
use crate::domain::directory::Service;
use crate::store::{AuditAction, ImportCounts, Store};
use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Services per page asked of the feed.
pub const PER_PAGE: usize = 500;
/// Tries of each page before giving up.
const TRIES: u32 = 4;
/// The pause between pages, so as not to load a council's server.
const PAUSE: Duration = Duration::from_millis(200);
/// How many services of each kind the diff names (the rest are counted).
const LISTED: usize = 20;
/// More pages than any directory has: a feed saying otherwise is refused.
const MAX_PAGES: usize = 10_000;

/// What a pull found and did.
#[derive(Debug, Default)]
pub struct Pulled {
    /// Pages read (fetched now or kept from an interrupted pull).
    pub pages: usize,
    /// Pages kept from an interrupted pull rather than fetched again.
    pub resumed: usize,
    /// Services in the feed now, new since the last pull (names).
    pub new: Vec<String>,
    /// Services whose standard fields changed: name and the fields.
    pub changed: Vec<(String, Vec<String>)>,
    /// Services in the last pull and not in this one (names).
    pub gone: Vec<String>,
    /// What the import did.
    pub counts: ImportCounts,
    /// Where the feed diff was written (`feeds/<feed>/last-pull.txt`,
    /// 0600).
    pub report: PathBuf,
}

impl Pulled {
    /// The feed diff, for people (names come from the feed: the caller
    /// prints it cleaned).
    pub fn describe(&self, url: &str) -> String {
        let mut out = format!(
            "Pulled {} page{} from {url}{}.\n",
            self.pages,
            if self.pages == 1 { "" } else { "s" },
            if self.resumed > 0 {
                format!(" ({} kept from the interrupted pull before)", self.resumed)
            } else {
                String::new()
            }
        );
        out.push_str(&format!(
            "Feed changes since the last pull: {} new, {} changed, {} gone.\n",
            self.new.len(),
            self.changed.len(),
            self.gone.len()
        ));
        let list = |out: &mut String, lines: Vec<String>, what: &str| {
            for line in lines.iter().take(LISTED) {
                out.push_str(&format!("  {line}\n"));
            }
            if lines.len() > LISTED {
                out.push_str(&format!("  ... and {} more {what}\n", lines.len() - LISTED));
            }
        };
        list(
            &mut out,
            self.new.iter().map(|n| format!("new: {n}")).collect(),
            "new",
        );
        list(
            &mut out,
            self.changed
                .iter()
                .map(|(n, f)| format!("changed: {n} ({})", f.join(", ")))
                .collect(),
            "changed",
        );
        list(
            &mut out,
            self.gone
                .iter()
                .map(|n| format!("gone: {n} (kept, marked \"no longer in the feed\")"))
                .collect(),
            "gone",
        );
        let c = &self.counts;
        out.push_str(&format!(
            "Imported: {} added, {} updated, {} unchanged, {} rejected.{}\n",
            c.added,
            c.updated,
            c.unchanged,
            c.rejected,
            c.terms_said()
        ));
        out
    }
}

/// The feeds to pull, `(what to call it, url)`: the one at `wanted` (an
/// address, or the name of a feed in config.toml), else every feed there.
pub fn feeds(
    configured: &[crate::config::Feed],
    wanted: Option<&str>,
) -> Result<Vec<(String, String)>, CliError> {
    let names = || {
        configured
            .iter()
            .map(|f| format!("\"{}\"", f.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted.map(str::trim) {
        Some(w) if w.starts_with("https://") || w.starts_with("http://") => {
            Ok(vec![(w.to_owned(), w.to_owned())])
        }
        Some(w) => configured
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(w))
            .map(|f| vec![(f.name.clone(), f.url.clone())])
            .ok_or_else(|| {
                failed(
                    w,
                    if configured.is_empty() {
                        "it is not an address (https://...) and config.toml names no feeds"
                            .to_owned()
                    } else {
                        format!(
                            "it is not an address and not a feed in config.toml ({})",
                            names()
                        )
                    },
                )
            }),
        None if configured.is_empty() => Err(failed(
            "config.toml",
            "no feed is named there: add [[feeds]] with name = \"...\" and url = \"https://...\", or give the address",
        )),
        None => Ok(configured
            .iter()
            .map(|f| (f.name.clone(), f.url.clone()))
            .collect()),
    }
}

/// `…/services`, whatever the worker typed (the API's base, or the
/// services address itself).
fn services_url(url: &str) -> String {
    let base = url.trim().trim_end_matches('/');
    let base = base.split('?').next().unwrap_or(base);
    if base.ends_with("/services") {
        base.to_owned()
    } else {
        format!("{base}/services")
    }
}

/// Where this feed's pages and last ids are kept.
fn feed_dir(store: &Store, url: &str) -> PathBuf {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(url.as_bytes());
    let name: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    store.dir().join("feeds").join(name)
}

fn failed(url: &str, why: impl std::fmt::Display) -> CliError {
    CliError::Pull {
        url: url.to_owned(),
        why: why.to_string(),
    }
}

fn private_dir(path: &Path) -> Result<(), CliError> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
        .map_err(|e| crate::store::StoreError::io("create", path, e).into())
}

/// The longest a page may take, whole.
const PAGE_DEADLINE: Duration = Duration::from_secs(300);

/// How many redirects a page may take (each over http(s), to the same host).
const MAX_REDIRECTS: usize = 5;

/// Where a redirect from `from` leads, when it may be followed: over
/// http(s), to the same host and port. Otherwise why not.
fn redirect_target(from: &str, location: Option<&str>) -> Result<String, String> {
    let base = url::Url::parse(from).map_err(|_| "the feed's address does not read".to_owned())?;
    let location = location.ok_or("it redirected without saying where")?;
    let to = base
        .join(location)
        .map_err(|_| "it redirected to an address that does not read".to_owned())?;
    if !matches!(to.scheme(), "http" | "https") {
        return Err(format!(
            "it redirected to a {} address, which is never followed",
            to.scheme()
        ));
    }
    if to.host_str() != base.host_str()
        || to.port_or_known_default() != base.port_or_known_default()
    {
        return Err(format!(
            "it redirected to another host ({}), which is not followed",
            to.host_str().unwrap_or("none")
        ));
    }
    Ok(to.into())
}

/// One page, following redirects only over http(s) to the same host, with
/// retries and backoff (1 s, 2 s, 4 s) on a failure of the network or the
/// server; a page over [`MAX_FILE_BYTES`] is refused.
fn fetch(agent: &ureq::Agent, url: &str, backoff: Duration) -> Result<Vec<u8>, CliError> {
    let mut at = url.to_owned();
    for _ in 0..=MAX_REDIRECTS {
        match fetch_one(agent, &at, backoff)? {
            Fetched::Page(bytes) => return Ok(bytes),
            Fetched::Redirect(location) => {
                at = redirect_target(&at, location.as_deref()).map_err(|why| failed(url, why))?;
            }
        }
    }
    Err(failed(
        url,
        format!("it redirected more than {MAX_REDIRECTS} times"),
    ))
}

/// A page, or where the server sent us instead.
enum Fetched {
    Page(Vec<u8>),
    Redirect(Option<String>),
}

fn fetch_one(agent: &ureq::Agent, url: &str, backoff: Duration) -> Result<Fetched, CliError> {
    let mut wait = backoff;
    let mut last = String::new();
    for attempt in 1..=TRIES {
        match agent.get(url).call() {
            Ok(response) if (300..400).contains(&response.status()) => {
                return Ok(Fetched::Redirect(
                    response.header("location").map(str::to_owned),
                ));
            }
            Ok(response) => {
                let mut bytes = Vec::new();
                response
                    .into_reader()
                    .take(MAX_FILE_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| failed(url, e))?;
                if bytes.len() as u64 > MAX_FILE_BYTES {
                    return Err(failed(url, "a page is larger than 1 GB"));
                }
                return Ok(Fetched::Page(bytes));
            }
            // Not found or refused: asking again will not help.
            Err(ureq::Error::Status(code, _)) if code < 500 && code != 429 => {
                return Err(failed(url, format!("the server answered {code}")));
            }
            Err(e) => last = e.to_string(),
        }
        if attempt < TRIES {
            std::thread::sleep(wait);
            wait *= 2;
        }
    }
    Err(failed(url, format!("{last} ({TRIES} tries)")))
}

#[cfg(test)]
mod redirect_tests {
    use super::redirect_target;

    #[test]
    fn redirects_go_only_to_the_same_host_over_http() {
        let from = "http://feed.example:8080/api/services?page=1";
        assert_eq!(
            redirect_target(from, Some("/v2/services?page=1")).unwrap(),
            "http://feed.example:8080/v2/services?page=1"
        );
        assert!(redirect_target(from, Some("file:///etc/passwd")).is_err());
        assert!(redirect_target(from, Some("http://elsewhere.example:8080/x")).is_err());
        assert!(redirect_target(from, Some("http://feed.example:9090/x")).is_err());
        assert!(redirect_target(from, None).is_err());
    }
}

/// The number of pages a feed page says there are.
fn total_pages(url: &str, page: &[u8]) -> Result<usize, CliError> {
    let value: serde_json::Value = serde_json::from_slice(page)
        .map_err(|e| failed(url, format!("the page is not JSON ({e})")))?;
    let total = value
        .get("total_pages")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(1);
    usize::try_from(total)
        .ok()
        .filter(|t| *t <= MAX_PAGES)
        .ok_or_else(|| failed(url, format!("the feed says it has {total} pages")))
}

/// Fetches every page of the feed into `pages`, keeping those an
/// interrupted pull already has. Returns (pages, resumed).
fn fetch_all(url: &str, pages: &Path, backoff: Duration) -> Result<(usize, usize), CliError> {
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout_read(Duration::from_secs(60))
        // A whole page within a deadline: a server sending a byte at a
        // time cannot hold a pull for ever.
        .timeout(PAGE_DEADLINE)
        // Redirects are followed by `fetch`, only to the same host.
        .redirects(0)
        .user_agent(concat!("linkwork/", env!("CARGO_PKG_VERSION")))
        .build();
    let page_url = |n: usize| format!("{url}?page={n}&per_page={PER_PAGE}");
    let file = |n: usize| pages.join(format!("page-{n:05}.json"));
    let first_kept = std::fs::read(file(1)).ok();
    let mut resumed = usize::from(first_kept.is_some());
    let first = match first_kept {
        Some(bytes) => bytes,
        None => {
            let bytes = fetch(&agent, &page_url(1), backoff)?;
            crate::store::write_private(&file(1), &bytes)?;
            bytes
        }
    };
    let total = total_pages(url, &first)?.max(1);
    let bar = indicatif::ProgressBar::new(total as u64);
    if super::quiet::is_quiet() || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    bar.set_message("Pulling pages");
    bar.inc(1);
    for n in 2..=total {
        if file(n).is_file() {
            resumed += 1;
        } else {
            std::thread::sleep(PAUSE);
            let bytes = fetch(&agent, &page_url(n), backoff)?;
            crate::store::write_private(&file(n), &bytes)?;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok((total, resumed))
}

/// The standard fields of a service that differ between two versions of
/// it (our own fields are not the feed's).
fn changed_fields(before: &Service, now: &Service) -> Vec<String> {
    let fields = |s: &Service| -> BTreeMap<String, serde_json::Value> {
        match serde_json::to_value(s) {
            // A field linkwork keeps without modelling is named as the feed
            // names it (`wait_time`, not `extra`).
            Ok(serde_json::Value::Object(map)) => map
                .into_iter()
                .filter(|(k, _)| k != "local")
                .flat_map(|(k, v)| match (k.as_str(), v) {
                    ("extra", serde_json::Value::Object(extra)) => {
                        extra.into_iter().collect::<Vec<_>>()
                    }
                    (_, v) => vec![(k, v)],
                })
                .collect(),
            _ => BTreeMap::new(),
        }
    };
    let (a, b) = (fields(before), fields(now));
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// Pulls the feed at `url` into the directory (see the module).
pub fn pull(
    store: &Store,
    url: &str,
    strict: bool,
    today: chrono::NaiveDate,
) -> Result<Pulled, CliError> {
    let backoff = Duration::from_secs(1);
    let url = services_url(url);
    let dir = feed_dir(store, &url);
    let pages = dir.join("pages");
    private_dir(&pages)?;
    let (total, resumed) = fetch_all(&url, &pages, backoff)?;
    let last_ids_file = dir.join("services.txt");
    let last_ids: Vec<String> = std::fs::read_to_string(&last_ids_file)
        .map(|t| t.lines().map(str::to_owned).collect())
        .unwrap_or_default();
    let last: HashSet<&str> = last_ids.iter().map(String::as_str).collect();
    let stored = |id: &str| store.get::<Service>(id.as_bytes());
    let mut pulled = Pulled {
        pages: total,
        resumed,
        ..Pulled::default()
    };
    // What the feed holds now, as the import will read it, compared with
    // what is stored a page at a time (only ids and names are kept, so
    // memory stays a page's worth). Services marked gone that are back are
    // noted to have the mark cleared.
    let mut now_ids: HashSet<String> = HashSet::new();
    let mut returning: Vec<String> = Vec::new();
    for n in 1..=total {
        let name = format!("page-{n:05}.json");
        let Ok(bytes) = std::fs::read(pages.join(&name)) else {
            continue;
        };
        let Ok(parsed) = crate::import::hsds_json::parse(&name, &bytes) else {
            continue;
        };
        for s in parsed.services {
            let before = stored(&s.id.0)?;
            if before
                .as_ref()
                .is_some_and(|b| b.local.gone_from_feed.is_some())
            {
                returning.push(s.id.0.clone());
            }
            match before {
                Some(before) if last.contains(s.id.0.as_str()) => {
                    let fields = changed_fields(&before, &s);
                    if !fields.is_empty() {
                        pulled.changed.push((s.name.clone(), fields));
                    }
                }
                _ if !last.contains(s.id.0.as_str()) => pulled.new.push(s.name.clone()),
                _ => {}
            }
            now_ids.insert(s.id.0);
        }
    }
    pulled.counts = import(store, &pages, strict)?;
    // Gone from the feed: kept and marked; back in it: the mark cleared.
    let mut changes = store.changes();
    for id in last.iter().filter(|id| !now_ids.contains(**id)) {
        if let Some(mut s) = stored(id)? {
            pulled.gone.push(s.name.clone());
            if s.local.gone_from_feed.is_none() {
                s.local.gone_from_feed = Some(today);
                changes.put(&s, AuditAction::Updated);
            }
        }
    }
    // Read again after the import, which may have changed them.
    for id in &returning {
        if let Some(mut s) = stored(id)?
            && s.local.gone_from_feed.is_some()
        {
            s.local.gone_from_feed = None;
            changes.put(&s, AuditAction::Updated);
        }
    }
    store.commit(changes)?;
    let mut ids: Vec<String> = now_ids.into_iter().collect();
    ids.sort_unstable();
    crate::store::write_private(&last_ids_file, ids.join("\n").as_bytes())?;
    // Done: the pages go (the next pull fetches afresh).
    std::fs::remove_dir_all(&pages)
        .map_err(|e| crate::store::StoreError::io("remove", &pages, e))?;
    // The diff, kept for the worker (the app shows a line and this file).
    pulled.report = dir.join("last-pull.txt");
    let text = pulled.describe(&url);
    crate::store::write_private(&pulled.report, crate::domain::text::clean(&text).as_bytes())?;
    Ok(pulled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_services_address_is_found_from_what_was_typed() {
        for typed in [
            "https://api.example.org",
            "https://api.example.org/",
            "https://api.example.org/services",
            "https://api.example.org/services?page=3",
        ] {
            assert_eq!(services_url(typed), "https://api.example.org/services");
        }
    }

    #[test]
    fn a_feed_claiming_too_many_pages_is_refused() {
        assert_eq!(total_pages("u", br#"{"total_pages": 3}"#).unwrap(), 3);
        assert_eq!(total_pages("u", br#"{"contents": []}"#).unwrap(), 1);
        assert!(total_pages("u", br#"{"total_pages": 99999999}"#).is_err());
        assert!(total_pages("u", b"<html>").is_err());
    }
}
