//! A team's five years of cases: 10,000 cases and about 60,000 contacts,
//! made by repeating the demo caseload over separate id ranges. Measures
//! the hot paths of caseload review with the targets of the caseload issue:
//! a frame at most 2 ms, re-sorting or re-filtering at most 10 ms, opening a
//! case file at most 5 ms.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use linkwork::domain::ids::CaseId;
use linkwork::store::{AuditAction, Store, TreeName};
use linkwork::ui::{Action, App, DataSource, Keymap, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;
use std::sync::Arc;

const CASES: usize = 10_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// Fills `store` with copies of the demo caseload until it holds `CASES`.
fn team_store(store: &Store) -> usize {
    let mut copy = 0u64;
    let mut cases = 0;
    while cases < CASES {
        let data = linkwork::demo::generate(today(), 1 + copy * linkwork::demo::MAX_IDS);
        let mut changes = store.changes();
        let room = CASES - cases;
        let take: Vec<_> = data.cases.iter().take(room).collect();
        let ids: std::collections::HashSet<_> = take.iter().map(|c| c.id).collect();
        for p in &data.persons {
            changes.put(p, AuditAction::Created);
        }
        for c in &take {
            changes.put(*c, AuditAction::Created);
        }
        for c in data.contacts.iter().filter(|c| ids.contains(&c.case_id)) {
            changes.put(c, AuditAction::Created);
        }
        // Top every case up to six contacts (about 60,000 in all), with ids
        // from the unused top half of this copy's id range.
        let mut next_id = 1 + copy * linkwork::demo::MAX_IDS + linkwork::demo::MAX_IDS / 2;
        for case in &take {
            let have = data
                .contacts
                .iter()
                .filter(|c| c.case_id == case.id)
                .count();
            let template = data.contacts.first().cloned().expect("demo has contacts");
            for _ in have..6 {
                let mut extra = template.clone();
                extra.id = linkwork::domain::ids::ContactId(next_id);
                extra.case_id = case.id;
                extra.on = case.referral.received;
                next_id += 1;
                changes.put(&extra, AuditAction::Created);
            }
        }
        for p in data.plans.iter().filter(|p| ids.contains(&p.case_id)) {
            changes.put(p, AuditAction::Created);
        }
        for c in data.connections.iter().filter(|c| ids.contains(&c.case_id)) {
            changes.put(c, AuditAction::Created);
        }
        for c in data
            .conversations
            .iter()
            .filter(|c| ids.contains(&c.case_id))
        {
            changes.put(c, AuditAction::Created);
        }
        for m in data.measures.iter().filter(|m| ids.contains(&m.case_id)) {
            changes.put(m, AuditAction::Created);
        }
        store.commit(changes).expect("commit");
        cases += take.len();
        copy += 1;
    }
    store.count(TreeName::Contacts)
}

fn team(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), "bench").expect("store");
    let contacts = team_store(&store);
    eprintln!(
        "team store: {} cases, {contacts} contacts",
        store.count(TreeName::Cases)
    );
    let store = Arc::new(store);

    c.bench_function("10k: caseload rows from the store (start-up)", |b| {
        b.iter(|| black_box(store.caseload(today()).expect("rows")))
    });

    let rows = store.caseload(today()).expect("rows");
    let mut app = App::new(
        rows,
        Keymap::default(),
        Theme::default_theme(),
        DataSource::Demo,
        "bench".into(),
        linkwork::clock::Clock::fixed(today()),
    )
    .with_backend(store.clone());
    app.update(Action::ViewOpen);
    app.resize(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    c.bench_function("10k: draw one caseload frame (120x40)", |b| {
        b.iter(|| {
            app.update(Action::MoveDown);
            terminal.draw(|f| app.draw(f)).expect("draw");
        })
    });
    c.bench_function("10k: re-sort (next column)", |b| {
        b.iter(|| app.update(Action::SortNext))
    });
    app.update(Action::Filter);
    c.bench_function("10k: re-filter (next need)", |b| {
        b.iter(|| app.update(Action::NextValue))
    });
    app.update(Action::Back);
    app.update(Action::ClearFilters);
    c.bench_function("10k: find a misspelt surname", |b| {
        b.iter(|| {
            app.caseload.query = "Ashwerth".into();
            app.caseload.refresh();
            black_box(app.caseload.shown.len())
        })
    });
    app.caseload.query.clear();
    app.caseload.refresh();
    let changed = app.caseload.rows[app.caseload.rows.len() / 2].clone();
    c.bench_function("10k: update the caseload after a change to one case", |b| {
        b.iter(|| app.caseload.replace_row(black_box(changed.clone())))
    });
    // Key presses that reach the store, through the whole key path (keymap,
    // screen, effects, store, reload): each must fit in one frame (16 ms).
    let key = |code: KeyCode, modifiers: KeyModifiers| KeyEvent::new(code, modifiers);
    let plain = KeyModifiers::NONE;
    c.bench_function(
        "10k: key press Enter opens a case file, Esc closes it",
        |b| {
            b.iter(|| {
                app.handle_key(&key(KeyCode::Enter, plain));
                app.handle_key(&key(KeyCode::Esc, plain));
            })
        },
    );
    app.update(Action::ViewOpen);
    app.handle_key(&key(KeyCode::Enter, plain));
    c.bench_function(
        "10k: key press Ctrl-s saves a contact and reloads the case",
        |b| {
            b.iter(|| {
                app.handle_key(&key(KeyCode::Char('c'), plain));
                app.handle_key(&key(KeyCode::Char('s'), KeyModifiers::CONTROL));
            })
        },
    );
    app.handle_key(&key(KeyCode::Esc, plain));
    c.bench_function(
        "10k: key press R opens reports (read off the UI thread)",
        |b| {
            b.iter_custom(|n| {
                let mut spent = std::time::Duration::ZERO;
                for _ in 0..n {
                    let t = std::time::Instant::now();
                    app.handle_key(&key(KeyCode::Char('R'), plain));
                    spent += t.elapsed();
                    app.finish_background();
                    app.handle_key(&key(KeyCode::Esc, plain));
                }
                spent
            })
        },
    );
    let id = app.caseload.rows[app.caseload.rows.len() / 2].case_id;
    c.bench_function("10k: open a case file", |b| {
        b.iter(|| black_box(store.case_file(black_box(CaseId(id.0))).expect("case file")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = team
}
criterion_main!(benches);
