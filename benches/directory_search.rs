//! Directory search at national scale: 100,000 services of the realistic
//! Open Referral feed (`linkwork::demo::feed`: every service with its own
//! organisation, long descriptions, taxonomy terms), and, as a second line,
//! the demo's 152 services repeated with new ids and numbered names.
//!
//! The target: typing a query one key at a time, each keystroke's first
//! screenful of ranked results is ready in at most 16 ms at the 99th
//! percentile and 5 ms median. `typing` measures exactly that, keystroke by
//! keystroke with a [`Searcher`] as the directory screen uses it, over the
//! relevance set's queries (needs, misspellings, activities), and prints
//! the percentiles; criterion then times whole queries.

use chrono::NaiveDate;

// The allocator the app uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use criterion::{Criterion, criterion_group, criterion_main};
use linkwork::domain::directory::Service;
use linkwork::domain::directory::search::{SearchIndex, Searcher};
use linkwork::domain::ids::ServiceId;
use std::hint::black_box;
use std::time::{Duration, Instant};

const SERVICES: usize = 100_000;
/// The results the directory screen asks for (at least 100, so that a page
/// or two beyond the selection is ready).
const SCREEN: usize = 100;
const QUERIES: [&str; 4] = [
    "befriending",
    "walking football",
    "debt advice salford",
    "mntl hlth",
];

/// The realistic feed, parsed as an import would, and indexed.
fn realistic() -> SearchIndex {
    let mut index = linkwork::demo::feed::search_index(SERVICES, 2026);
    index.prepare_for_typing();
    index
}

fn demo_repeated() -> Vec<Service> {
    let demo =
        linkwork::demo::generate(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default(), 1);
    (0..SERVICES)
        .map(|i| {
            let mut s = demo.services[i % demo.services.len()].clone();
            s.id = ServiceId(format!("svc-{i}"));
            s.name = format!("{} {}", s.name, i / demo.services.len());
            s
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

/// Types each query key by key, `rounds` times over, and prints the
/// keystroke latency percentiles.
fn typing(label: &str, index: &SearchIndex, queries: &[&str], rounds: u32) {
    let mut times = Vec::new();
    let mut by_prefix: std::collections::BTreeMap<String, Duration> = Default::default();
    for _ in 0..rounds {
        for query in queries {
            let mut searcher = Searcher::default();
            let mut typed = String::new();
            for c in query.chars() {
                typed.push(c);
                let start = Instant::now();
                black_box(searcher.search(index, &typed, &|_| true, SCREEN));
                times.push(start.elapsed());
                *by_prefix.entry(typed.clone()).or_default() += start.elapsed() / rounds;
            }
        }
    }
    times.sort();
    let mut slowest: Vec<(String, Duration)> = by_prefix.into_iter().collect();
    slowest.sort_by_key(|(_, t)| std::cmp::Reverse(*t));
    let slowest: Vec<String> = slowest
        .iter()
        .take(5)
        .map(|(q, t)| format!("\"{q}\" {:.1} ms", t.as_secs_f64() * 1e3))
        .collect();
    println!("{label}, slowest keystrokes (mean): {}", slowest.join(", "));
    println!(
        "{label}, per keystroke ({} keystrokes): median {:.2} ms, 99th percentile {:.2} ms, worst {:.2} ms",
        times.len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
    );
}

fn search(c: &mut Criterion) {
    let start = Instant::now();
    let index = realistic();
    println!(
        "100k realistic: parse the feed and build the search index: {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    let set: Vec<&str> = linkwork::domain::directory::relevance::SET
        .iter()
        .map(|(q, _)| *q)
        .collect();
    typing("100k realistic typing", &index, &set, 5);
    let mut demo = SearchIndex::new(&demo_repeated(), |_| Some("Salford CVS"));
    demo.prepare_for_typing();
    typing("100k demo-repeated typing", &demo, &QUERIES, 25);
    for query in QUERIES {
        c.bench_function(&format!("100k: type \"{query}\" key by key"), |b| {
            b.iter(|| {
                let mut searcher = Searcher::default();
                for end in 1..=query.len() {
                    black_box(searcher.search(&index, &query[..end], &|_| true, SCREEN));
                }
            })
        });
        c.bench_function(&format!("100k: search \"{query}\" from scratch"), |b| {
            b.iter(|| black_box(index.search(black_box(query), SCREEN)))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(3));
    targets = search
}
criterion_main!(benches);
