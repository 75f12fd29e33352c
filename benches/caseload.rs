//! Benchmarks of the caseload's hot paths on the demo store: building the
//! overview rows from the store (done at start-up and after each change)
//! and drawing one frame (done on every key press).

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use linkwork::store::Store;
use linkwork::ui::{Action, App, DataSource, Keymap, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn caseload(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), "bench").expect("store");
    linkwork::demo::seed(&store, today()).expect("seed");

    c.bench_function("caseload rows from the demo store", |b| {
        b.iter(|| black_box(store.caseload(today()).expect("caseload")))
    });

    let rows = store.caseload(today()).expect("caseload");
    let mut app = App::new(
        rows,
        Keymap::default(),
        Theme::default_theme(),
        DataSource::Demo,
        "bench".into(),
        linkwork::clock::Clock::fixed(today()),
    );
    app.resize(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    c.bench_function("draw one caseload frame (120x40)", |b| {
        b.iter(|| {
            app.update(Action::MoveDown);
            terminal.draw(|f| app.draw(f)).expect("draw");
        })
    });

    c.bench_function("generate the demo caseload", |b| {
        b.iter(|| black_box(linkwork::demo::generate(today(), 1)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = caseload
}
criterion_main!(benches);
