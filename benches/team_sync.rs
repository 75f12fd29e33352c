//! Team sync against a real nats-server (started here on a free loopback
//! port with TLS, as the tests start it; `./test.sh` installs it):
//! - the initial sync of a team's 10,000 cases, shared as about 70,000
//!   changes (each case's referral, then each of its six contacts, then its
//!   plan, conversation, connections and measures, as a team's years of
//!   casework arrive), to a new member's empty device (target: 30 s);
//! - the time from a save on one device to its showing on another (median
//!   at most 1 s);
//! - the replay of 1,000 changes queued offline (at most 5 s);
//! - what a frame costs while the app catches up (no frame waits on sync).
//!
//! `cargo bench --bench team_sync` (release). The one-shot figures are
//! printed; the repeated ones are criterion's.

#[path = "../tests/support/nats.rs"]
mod nats;
#[path = "../tests/support/team.rs"]
mod team;

use chrono::NaiveDate;
use criterion::Criterion;
use linkwork::domain::contact::{ContactMode, ContactPurpose};
use linkwork::domain::ids::{CaseId, ContactId};
use linkwork::store::{AuditAction, ContactDraft, Store, TreeName};
use linkwork::team::{Membership, SyncHandle, SyncState};
use linkwork::ui::{App, DataSource, Keymap, Theme};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The team's cases (`LINKWORK_TEAM_CASES` for a smaller run).
fn team_size() -> usize {
    std::env::var("LINKWORK_TEAM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// One case's part of a round of the team's history.
type Put = Box<dyn Fn(&mut linkwork::store::ChangeSet)>;

/// Fills a team member's store with `team_size()` cases from copies of the
/// demo caseload, committed in rounds so that every case's records reach
/// the outbox as separate changes. Returns the number of changes queued.
fn team_history(store: &Store) -> usize {
    let mut copy = 0u64;
    let mut cases = 0;
    let mut rounds: Vec<Vec<Put>> = (0..9).map(|_| Vec::new()).collect();
    while cases < team_size() {
        let data = linkwork::demo::generate(today(), 1 + copy * linkwork::demo::MAX_IDS);
        let take: Vec<_> = data
            .cases
            .iter()
            .take(team_size() - cases)
            .cloned()
            .collect();
        let mut next_id = 1 + copy * linkwork::demo::MAX_IDS + linkwork::demo::MAX_IDS / 2;
        let template = data.contacts.first().cloned().expect("demo contacts");
        for case in take.iter().cloned() {
            let person = data
                .persons
                .iter()
                .find(|p| p.id == case.person_id)
                .cloned()
                .expect("a person");
            let c2 = case.clone();
            rounds[0].push(Box::new(move |ch| {
                ch.put(&person, AuditAction::Created);
                ch.put(&c2, AuditAction::Created);
            }));
            let mut contacts: Vec<_> = data
                .contacts
                .iter()
                .filter(|c| c.case_id == case.id)
                .cloned()
                .collect();
            while contacts.len() < 6 {
                let mut extra = template.clone();
                extra.id = ContactId(next_id);
                next_id += 1;
                extra.case_id = case.id;
                extra.on = case.referral.received;
                contacts.push(extra);
            }
            for (n, contact) in contacts.into_iter().take(6).enumerate() {
                rounds[1 + n].push(Box::new(move |ch| {
                    ch.put(&contact, AuditAction::Created);
                }));
            }
            let plan = data.plans.iter().find(|p| p.case_id == case.id).cloned();
            let convs: Vec<_> = data
                .conversations
                .iter()
                .filter(|c| c.case_id == case.id)
                .cloned()
                .collect();
            rounds[7].push(Box::new(move |ch| {
                if let Some(p) = &plan {
                    ch.put(p, AuditAction::Created);
                }
                for c in &convs {
                    ch.put(c, AuditAction::Created);
                }
            }));
            let conns: Vec<_> = data
                .connections
                .iter()
                .filter(|c| c.case_id == case.id)
                .cloned()
                .collect();
            let measures: Vec<_> = data
                .measures
                .iter()
                .filter(|m| m.case_id == case.id)
                .cloned()
                .collect();
            rounds[8].push(Box::new(move |ch| {
                for c in &conns {
                    ch.put(c, AuditAction::Created);
                }
                for m in &measures {
                    ch.put(m, AuditAction::Created);
                }
            }));
        }
        cases += take.len();
        copy += 1;
    }
    // Ids above every copy's range from now on.
    store
        .allocate_ids((copy + 1) * linkwork::demo::MAX_IDS)
        .expect("ids");
    for round in rounds {
        // One commit a round, each case's part a change of its own.
        for chunk in round.chunks(2_000) {
            let mut changes = store.changes();
            for put in chunk {
                put(&mut changes);
            }
            store.commit(changes).expect("commit");
        }
    }
    store.outbox_len()
}

fn sync_until_done(store: &Arc<Store>, limit: Duration) -> Duration {
    let team = Membership::of(store).expect("read").expect("member");
    let start = Instant::now();
    let status = linkwork::team::worker::sync_once(store.clone(), team, limit);
    assert_eq!(status.state, SyncState::Online, "{status:?}");
    assert_eq!(status.waiting, 0, "{status:?}");
    start.elapsed()
}

fn contact(n: usize) -> ContactDraft {
    ContactDraft {
        on: today(),
        mode: ContactMode::Phone,
        minutes: 15,
        purpose: ContactPurpose::CheckIn,
        notes: format!("bench contact {n}"),
        reach: Default::default(),
    }
}

fn main() {
    let t = team::Team::new("Bench PCN", "Cat Ruiz", &["Sam Patel", "Bo Quinn"], true);
    team::Seat::sync(&t.seats[0], 30);
    let a = Arc::new(t.seats[1].open());
    let made = Instant::now();
    let queued = team_history(&a);
    eprintln!(
        "team history: {} cases, {} contacts, {queued} changes queued in {:.1} s",
        team_size(),
        a.count(TreeName::Contacts),
        made.elapsed().as_secs_f64()
    );
    let published = sync_until_done(&a, Duration::from_secs(900));
    eprintln!(
        "publish {queued} changes from one device: {:.1} s ({:.0} changes/s)",
        published.as_secs_f64(),
        queued as f64 / published.as_secs_f64()
    );

    // 1. The initial sync of the whole team to a new member's empty device,
    // while the app draws frames over it.
    let b = Arc::new(t.seats[2].open());
    let team_b = Membership::of(&b).expect("read").expect("member");
    let rows = b.caseload(today()).expect("rows");
    let mut app = App::new(
        rows,
        Keymap::default(),
        Theme::default_theme(),
        DataSource::Demo,
        "Bo Quinn".into(),
        linkwork::clock::Clock::fixed(today()),
    )
    .with_backend(b.clone());
    let start = Instant::now();
    app = app.with_sync(SyncHandle::start(b.clone(), team_b));
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
    let mut frames = Vec::new();
    loop {
        let f = Instant::now();
        app.poll_background();
        terminal.draw(|frame| app.draw(frame)).expect("draw");
        frames.push(f.elapsed());
        let line = app.cx.team_line.clone().unwrap_or_default();
        if line == "synced" && b.team_cursor().unwrap_or(0) >= a.team_cursor().unwrap_or(0) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(900),
            "initial sync stalled: {line}"
        );
        std::thread::sleep(Duration::from_millis(16));
    }
    let initial = start.elapsed();
    eprintln!(
        "B: {:?}, cursor {}, A's cursor {}",
        app.cx.team_line,
        b.team_cursor().unwrap_or(0),
        a.team_cursor().unwrap_or(0)
    );
    frames.sort();
    let pct = |p: f64| frames[((frames.len() - 1) as f64 * p) as usize];
    eprintln!(
        "initial sync of {} cases ({queued} changes) to a new device: {:.1} s (target 30 s); \
         {} cases, {} contacts there",
        team_size(),
        initial.as_secs_f64(),
        b.count(TreeName::Cases),
        b.count(TreeName::Contacts)
    );
    eprintln!(
        "frames while catching up: {} drawn, median {:.2} ms, p99 {:.2} ms, worst {:.2} ms",
        frames.len(),
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        frames[frames.len() - 1].as_secs_f64() * 1e3
    );
    drop(app);

    // 2. A save on A showing on B, both syncing in the background.
    let ta = Membership::of(&a).expect("read").expect("member");
    let tb = Membership::of(&b).expect("read").expect("member");
    let ha = SyncHandle::start(a.clone(), ta);
    let hb = SyncHandle::start(b.clone(), tb);
    let case = a
        .all::<linkwork::domain::case::Case>()
        .expect("cases")
        .into_iter()
        .find(|c| c.status.is_open())
        .expect("an open case")
        .id;
    let there = CaseId(
        b.local_id(a.global_id(case.0).expect("gid"))
            .expect("read")
            .expect("on B"),
    );
    let mut n = 0usize;
    let mut save_and_see = || {
        n += 1;
        let want = format!("bench contact {n}");
        let start = Instant::now();
        a.log_contact(case, contact(n)).expect("save");
        while a.outbox_len() > 0 && start.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(1));
        }
        let sent = start.elapsed();
        loop {
            let seen = b
                .case_file(there)
                .map(|f| f.contacts.iter().any(|c| c.notes == want))
                .unwrap_or(false);
            if seen {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "never arrived");
            std::thread::sleep(Duration::from_millis(2));
        }
        if start.elapsed() > Duration::from_millis(500) {
            eprintln!(
                "slow save {n}: sent after {sent:?}, seen after {:?}",
                start.elapsed()
            );
        }
        start.elapsed()
    };
    let mut latencies: Vec<Duration> = (0..50).map(|_| save_and_see()).collect();
    latencies.sort();
    eprintln!(
        "save on A to showing on B: {} saves, median {:.0} ms, p95 {:.0} ms, worst {:.0} ms (target median 1 s)",
        latencies.len(),
        latencies[latencies.len() / 2].as_secs_f64() * 1e3,
        latencies[latencies.len() * 95 / 100].as_secs_f64() * 1e3,
        latencies[latencies.len() - 1].as_secs_f64() * 1e3
    );
    let mut criterion = Criterion::default()
        .sample_size(10)
        .configure_from_args()
        .warm_up_time(Duration::from_millis(200));
    criterion.bench_function("team: a save on A shows on B", |bench| {
        bench.iter_custom(|iters| (0..iters).map(|_| save_and_see()).sum())
    });
    eprintln!("A's sync: {:?}\nB's sync: {:?}", ha.status(), hb.status());
    ha.stop();
    hb.stop();

    // 3. 1,000 changes made offline, then replayed.
    let mut replays = Vec::new();
    for round in 0..3 {
        for i in 0..1_000 {
            a.log_contact(case, contact(1_000_000 + round * 1_000 + i))
                .expect("save");
        }
        assert_eq!(a.outbox_len(), 1_000);
        let took = sync_until_done(&a, Duration::from_secs(120));
        replays.push(took);
        eprintln!(
            "replay of 1,000 changes queued offline: {:.2} s (target 5 s)",
            took.as_secs_f64()
        );
    }
    criterion.final_summary();
}
