//! The commissioner's report over a team's 10,000 cases (the demo
//! caseload repeated over separate id ranges, with its contacts,
//! conversations, plans, connections and measures): target under 1 s, from
//! the records in memory and from the store on disk.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use linkwork::demo::{DemoData, MAX_IDS, generate};
use linkwork::domain::directory::ServiceFacts;
use linkwork::domain::report::{ReportInput, build};
use linkwork::store::{AuditAction, Store};
use std::hint::black_box;
use std::time::Duration;

const CASES: usize = 10_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// Demo copies until there are `CASES` cases (the directory once).
fn team() -> DemoData {
    let mut all = generate(today(), 1);
    let mut copy = 1;
    while all.cases.len() < CASES {
        let d = generate(today(), 1 + copy * MAX_IDS);
        all.persons.extend(d.persons);
        all.cases.extend(d.cases);
        all.contacts.extend(d.contacts);
        all.conversations.extend(d.conversations);
        all.plans.extend(d.plans);
        all.connections.extend(d.connections);
        all.measures.extend(d.measures);
        copy += 1;
    }
    all
}

fn bench(c: &mut Criterion) {
    let data = team();
    eprintln!(
        "{} cases, {} contacts, {} connections, {} measures",
        data.cases.len(),
        data.contacts.len(),
        data.connections.len(),
        data.measures.len()
    );
    let facts: Vec<ServiceFacts> = data
        .services
        .iter()
        .map(|s| ServiceFacts::of(s, ""))
        .collect();
    let from = NaiveDate::from_ymd_opt(2025, 11, 23).unwrap_or_default();
    let mut group = c.benchmark_group("report");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("10k cases, in memory", |b| {
        b.iter(|| {
            black_box(build(
                ReportInput {
                    persons: &data.persons,
                    cases: &data.cases,
                    contacts: &data.contacts,
                    connections: &data.connections,
                    conversations: &data.conversations,
                    plans: &data.plans,
                    measures: &data.measures,
                    services: &facts,
                },
                from,
                today(),
                b"bench",
            ))
        })
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), "bench").expect("store");
    let mut changes = store.changes();
    macro_rules! put_all {
        ($($field:ident),*) => {
            $(for r in &data.$field {
                changes.put(r, AuditAction::Created);
            })*
        };
    }
    put_all!(
        organisations,
        services,
        persons,
        cases,
        contacts,
        conversations,
        plans,
        connections,
        measures
    );
    store.commit(changes).expect("commit");
    group.bench_function("10k cases, read from the store", |b| {
        b.iter(|| black_box(store.report(from, today(), false).expect("report")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
