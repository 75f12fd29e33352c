//! The directory at real scale, on a realistic Open Referral feed
//! (`linkwork::demo::feed`: every service with its own organisation and
//! nested records, nulls, unknown fields, non-ASCII text, odd ages), in API
//! pages of 1,000 services:
//!
//! - for 10k, 100k and 300k services (`LINKWORK_SCALE_SIZES` to change):
//!   the bare parse (`python3`'s `json.loads` of each page, when Python is
//!   there), `linkwork directory import` of the folder as a whole process
//!   (wall time, ratio to the parse, peak memory, store size on disk);
//! - the plain CSV spreadsheet and HSDS CSV tables at 20k and 100k rows;
//! - on the 100k store: `linkwork directory search` as a whole process
//!   against `fzf --filter` on a file of the same names, keystroke latency
//!   as the directory screen searches, and the relevance set's precision.
//!
//! Run with `cargo bench --bench directory_scale`.

use linkwork::domain::directory::search::{SearchIndex, Searcher};

// The allocator the app uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use linkwork::store::Store;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const PER_PAGE: usize = 1000;
const SEED: u64 = 2026;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// Bytes under `dir`.
fn disk_size(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            total += disk_size(&path);
        } else if let Ok(m) = entry.metadata() {
            total += m.len();
        }
    }
    total
}

/// The peak resident memory (`VmHWM`) of a running process, in bytes.
fn peak_of(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs a command to its end, returning its wall time and its peak memory
/// (read from /proc every 5 ms while it runs); panics if it fails.
fn measured(cmd: &mut Command) -> (Duration, u64) {
    let start = Instant::now();
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("ran");
    let mut peak = 0;
    let status = loop {
        if let Some(status) = child.try_wait().expect("waited") {
            break status;
        }
        peak = peak.max(peak_of(child.id()).unwrap_or(0));
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = start.elapsed();
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    assert!(matches!(status.code(), Some(0 | 1)), "{err}");
    (took, peak)
}

/// Runs a command, returning its wall time; panics if it fails.
fn timed(cmd: &mut Command) -> Duration {
    measured(cmd).0
}

const PARSE: &str = "import json, sys, pathlib\nfor p in sorted(pathlib.Path(sys.argv[1]).glob('*.json')):\n    json.loads(p.read_bytes().decode('utf-8-sig'))\n";

/// The bare parse of every page by Python, if it is there.
fn python_parse(feed: &Path) -> Option<Duration> {
    let ok = Command::new("python3").arg("--version").output().is_ok();
    ok.then(|| timed(Command::new("python3").args(["-c", PARSE]).arg(feed)))
}

fn import(linkwork: &str, store: &Path, what: &Path) -> (Duration, u64) {
    Command::new(linkwork)
        .args(["init", "--data-dir"])
        .arg(store)
        .output()
        .expect("init");
    measured(
        Command::new(linkwork)
            .args(["directory", "import"])
            .arg(what)
            .arg("--data-dir")
            .arg(store),
    )
}

fn json_feed(linkwork: &str, tmp: &Path, size: usize) {
    let feed = tmp.join(format!("feed-{size}"));
    let bytes = linkwork::demo::feed::write(&feed, size, PER_PAGE, SEED).expect("written");
    let parse = python_parse(&feed);
    let store = tmp.join(format!("store-{size}"));
    let (took, peak) = import(linkwork, &store, &feed);
    let on_disk = disk_size(&store);
    let ratio = parse.map_or("no python3 here".to_owned(), |p| {
        format!(
            "bare parse (python3 json.loads) {:.2} s, ratio {:.2}",
            p.as_secs_f64(),
            took.as_secs_f64() / p.as_secs_f64()
        )
    });
    println!(
        "{size}: import {:.0} MB of JSON pages: {:.2} s; {ratio}; peak memory {:.0} MB; store on disk {:.0} MB ({:.2}x the JSON)",
        mb(bytes),
        took.as_secs_f64(),
        mb(peak),
        mb(on_disk),
        on_disk as f64 / bytes as f64
    );
    if std::env::var_os("LINKWORK_SCALE_DIR").is_none() {
        if size != 100_000 {
            let _ = std::fs::remove_dir_all(&store);
        }
        let _ = std::fs::remove_dir_all(&feed);
    }
}

fn csv_sheet(rows: usize) -> String {
    let mut out = String::from("name,organisation,categories,days,opens_at,cost,postcode,notes\n");
    for i in 0..rows {
        out.push_str(&format!(
            "Walking group {i},Org {i},Walking,Tue,10:00,free,M30 {}AB,\"Meet at the café, Zoë's\"\n",
            i % 9 + 1
        ));
    }
    out
}

fn csv_imports(linkwork: &str, tmp: &Path) {
    let mut took = Vec::new();
    for rows in [20_000, 100_000] {
        let file = tmp.join(format!("sheet-{rows}.csv"));
        std::fs::write(&file, csv_sheet(rows)).expect("written");
        let store = tmp.join(format!("csv-{rows}"));
        let (t, peak) = import(linkwork, &store, &file);
        println!(
            "{rows} rows of the plain CSV spreadsheet: {:.2} s, peak memory {:.0} MB",
            t.as_secs_f64(),
            mb(peak)
        );
        took.push(t);
        let _ = std::fs::remove_dir_all(&store);
    }
    println!(
        "plain CSV: 100k rows take {:.1}x the time of 20k",
        took[1].as_secs_f64() / took[0].as_secs_f64()
    );
}

fn hsds_csv_imports(linkwork: &str, tmp: &Path) {
    let mut took = Vec::new();
    for size in [20_000, 100_000] {
        // A JSON feed imported, exported as HSDS CSV tables, imported again.
        let feed = tmp.join(format!("hsds-feed-{size}"));
        linkwork::demo::feed::write(&feed, size, PER_PAGE, SEED).expect("written");
        let from = tmp.join(format!("hsds-from-{size}"));
        import(linkwork, &from, &feed);
        let tables = tmp.join(format!("hsds-csv-{size}"));
        timed(
            Command::new(linkwork)
                .args(["directory", "export", "--format", "csv"])
                .arg(&tables)
                .arg("--data-dir")
                .arg(&from),
        );
        let store = tmp.join(format!("hsds-to-{size}"));
        let (t, peak) = import(linkwork, &store, &tables);
        println!(
            "{size} services of HSDS CSV tables: {:.2} s, peak memory {:.0} MB",
            t.as_secs_f64(),
            mb(peak)
        );
        took.push(t);
        for dir in [feed, from, tables, store] {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    println!(
        "HSDS CSV: 100k services take {:.1}x the time of 20k",
        took[1].as_secs_f64() / took[0].as_secs_f64()
    );
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Types each relevance query key by key, as the directory screen does.
fn typing(index: &SearchIndex) {
    let mut times = Vec::new();
    for _ in 0..5 {
        for (query, _) in linkwork::domain::directory::relevance::SET {
            let mut searcher = Searcher::default();
            let mut typed = String::new();
            for c in query.chars() {
                typed.push(c);
                let start = Instant::now();
                std::hint::black_box(searcher.search(index, &typed, &|_| true, 40));
                times.push(start.elapsed());
            }
        }
    }
    times.sort();
    println!(
        "100k typing, per keystroke ({} keystrokes over the relevance queries): median {:.2} ms, 99th percentile {:.2} ms, worst {:.2} ms",
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(times[times.len() - 1]),
    );
}

fn search(linkwork: &str, tmp: &Path, store: &Path) {
    let d = store.to_str().expect("a path");
    // The first search after the import reads every record and writes the
    // index cache; the rest read the cache.
    let first =
        timed(Command::new(linkwork).args(["directory", "search", "walking", "--data-dir", d]));
    println!(
        "100k: first `directory search` after the import (reads the records, writes the cache): {:.2} s",
        first.as_secs_f64()
    );
    let opened = Store::open(store, "bench").expect("the store");
    let start = Instant::now();
    let mut index = opened.directory_index().expect("the index");
    let read = start.elapsed();
    index.prepare_for_typing();
    println!(
        "100k: directory ready in the app (index read from the cache {:.0} ms, word indexes made {:.0} ms; on the loader thread)",
        ms(read),
        ms(start.elapsed() - read)
    );
    drop(opened);
    typing(&index);
    let precision = linkwork::domain::directory::relevance::precision_at_10(&index);
    println!(
        "100k relevance set ({} queries): mean precision at 10 {:.2}",
        linkwork::domain::directory::relevance::SET.len(),
        precision.iter().map(|(_, p)| p).sum::<f64>() / precision.len() as f64
    );
    for (q, p) in &precision {
        println!("  {q:>16}: {p:.1}");
    }
    let names: String = (0..index.len())
        .filter_map(|i| index.facts(i))
        .map(|f| format!("{}\n", f.name))
        .collect();
    let names_file = tmp.join("names.txt");
    std::fs::write(&names_file, names).expect("written");
    for query in ["mntl hlth", "lonely", "money worries", "befriending"] {
        let ours = median(
            (0..7)
                .map(|_| {
                    timed(Command::new(linkwork).args([
                        "directory",
                        "search",
                        query,
                        "--data-dir",
                        d,
                    ]))
                })
                .collect(),
        );
        let fzf = Command::new("fzf").arg("--version").output().is_ok();
        let theirs = fzf.then(|| {
            median(
                (0..7)
                    .map(|_| {
                        timed(Command::new("sh").args([
                            "-c",
                            &format!(
                                "fzf --filter '{query}' < '{}' > /dev/null",
                                names_file.display()
                            ),
                        ]))
                    })
                    .collect(),
            )
        });
        println!(
            "100k: process `directory search \"{query}\"` {:.0} ms; {}",
            ms(ours),
            theirs.map_or("no fzf here".to_owned(), |t| format!(
                "`fzf --filter` on the names {:.0} ms; ratio {:.2}",
                ms(t),
                ours.as_secs_f64() / t.as_secs_f64()
            ))
        );
    }
}

fn main() {
    let linkwork = env!("CARGO_BIN_EXE_linkwork");
    // LINKWORK_SCALE_DIR=folder works there and keeps the stores (to time
    // searches by hand afterwards); otherwise a temporary folder.
    let kept = std::env::var_os("LINKWORK_SCALE_DIR").map(std::path::PathBuf::from);
    let temporary = tempfile::tempdir().expect("a temporary folder");
    let work = kept.unwrap_or_else(|| temporary.path().to_owned());
    std::fs::create_dir_all(&work).expect("the work folder");
    let sizes: Vec<usize> = std::env::var("LINKWORK_SCALE_SIZES")
        .unwrap_or_else(|_| "10000,100000,300000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    // LINKWORK_SCALE_CSV=0 leaves out the CSV imports.
    if std::env::var("LINKWORK_SCALE_CSV").as_deref() != Ok("0") {
        csv_imports(linkwork, &work);
        hsds_csv_imports(linkwork, &work);
    }
    for size in &sizes {
        json_feed(linkwork, &work, *size);
    }
    let store_100k = work.join("store-100000");
    if store_100k.exists() {
        search(linkwork, &work, &store_100k);
    }
}
