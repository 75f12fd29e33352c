//! The directory at national scale, end to end: 100,000 services of Open
//! Referral JSON imported through the real import path; the directory made
//! ready after opening (read from the store and indexed, which the app does
//! in the background while it opens); and `linkwork directory search` as a
//! whole process against `fzf --filter` on a file of the same names.
//!
//! Run with `cargo bench --bench directory_scale`. Set
//! `LINKWORK_SCALE_KEEP=DIR` to keep the 100,000-service store in DIR (to
//! open the app on it and read its memory use).

use chrono::NaiveDate;
use linkwork::domain::ids::ServiceId;
use linkwork::store::Store;
use std::process::Command;
use std::time::{Duration, Instant};

const SERVICES: usize = 100_000;
const QUERIES: [&str; 4] = [
    "befriending",
    "walking football",
    "debt advice salford",
    "mntl hlth",
];

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing
    // we need; either way run once.
    let keep = std::env::var_os("LINKWORK_SCALE_KEEP").map(std::path::PathBuf::from);
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let data = keep.clone().unwrap_or_else(|| tmp.path().join("store"));
    let demo =
        linkwork::demo::generate(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default(), 1);
    let services: Vec<_> = (0..SERVICES)
        .map(|i| {
            let mut s = demo.services[i % demo.services.len()].clone();
            s.id = ServiceId(format!("svc-{i}"));
            s.name = format!("{} {}", s.name, i / demo.services.len());
            s.local = Default::default();
            s
        })
        .collect();
    let page = linkwork::import::hsds_export::page(&services, &demo.organisations);
    let file = tmp.path().join("national.json");
    std::fs::write(&file, serde_json::to_vec(&page).expect("JSON")).expect("written");
    let names: String = services.iter().map(|s| format!("{}\n", s.name)).collect();
    let names_file = tmp.path().join("names.txt");
    std::fs::write(&names_file, names).expect("written");
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    drop(services);

    let store = Store::open(&data, "bench").expect("a store");
    let start = Instant::now();
    let counts = linkwork::cli::directory::import(&store, &file).expect("imported");
    println!(
        "100k: import {} services of Open Referral JSON ({:.0} MB): {:.2} s",
        counts.added,
        size as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    let mut ready = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let index = store.directory_index().expect("the index");
        assert_eq!(index.len(), SERVICES);
        ready.push(start.elapsed());
    }
    println!(
        "100k: directory read from the store and indexed (background, after open): {:.0} ms",
        ms(median(ready))
    );
    drop(store);

    let linkwork = env!("CARGO_BIN_EXE_linkwork");
    let d = data.to_str().expect("a path");
    // fzf exits 1 when nothing matches; that is still a finished search.
    let run = |cmd: &mut Command| {
        let start = Instant::now();
        let out = cmd.output().expect("ran");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        start.elapsed()
    };
    for query in QUERIES {
        let ours: Vec<Duration> = (0..11)
            .map(|_| {
                run(Command::new(linkwork).args(["directory", "search", query, "--data-dir", d]))
            })
            .collect();
        let theirs: Vec<Duration> = (0..11)
            .map(|_| {
                run(Command::new("sh").args([
                    "-c",
                    &format!(
                        "fzf --filter '{query}' < '{}' > /dev/null",
                        names_file.display()
                    ),
                ]))
            })
            .collect();
        let (o, t) = (median(ours), median(theirs));
        println!(
            "100k: process `directory search \"{query}\"` {:.0} ms; `fzf --filter` on the names {:.0} ms; ratio {:.2}",
            ms(o),
            ms(t),
            o.as_secs_f64() / t.as_secs_f64()
        );
    }
}
