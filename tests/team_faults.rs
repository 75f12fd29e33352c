//! Faults while a team syncs, on a real nats-server: the server killed
//! with SIGKILL mid-sync and started again, a client killed with SIGKILL
//! mid-publish and mid-apply, 20 cycles each. Afterwards nothing is lost,
//! nothing is applied twice, and every store opens.
//! `LINKWORK_TEAM_FAULT_CYCLES` sets the number of cycles (default 20).

#[path = "support/nats.rs"]
mod nats;
#[path = "support/team.rs"]
mod team;

use chrono::NaiveDate;
use linkwork::domain::case::Case;
use linkwork::domain::contact::{ContactMode, ContactPurpose};
use linkwork::domain::intake::{IntakeDraft, IntakeField};
use linkwork::domain::referral::{Consent, Need, ReferralSource};
use linkwork::store::{ContactDraft, Store};
use linkwork::team::{Membership, SyncHandle, SyncState};
use std::sync::Arc;
use std::time::{Duration, Instant};
use team::{Seat, Team};

fn cycles() -> usize {
    std::env::var("LINKWORK_TEAM_FAULT_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// `cases` referrals with `contacts` contacts each, by the seat's worker.
fn casework(store: &Store, cases: usize, contacts: usize, tag: &str) {
    for c in 0..cases {
        let mut draft = IntakeDraft::new(day(22));
        *draft.get_mut(IntakeField::GivenName) = "Person".into();
        *draft.get_mut(IntakeField::FamilyName) = format!("{tag}{c}");
        *draft.get_mut(IntakeField::DateOfBirth) = "2/5/1958".into();
        *draft.get_mut(IntakeField::GpPractice) = "Monton Medical Practice".into();
        *draft.get_mut(IntakeField::Received) = "16/11/2026".into();
        draft.source = Some(ReferralSource::GeneralPractice);
        draft.needs = vec![Need::Loneliness];
        draft.consent = Consent::Yes;
        let case = store.create_referral(&draft, None, day(22)).unwrap();
        for n in 0..contacts {
            store
                .log_contact(
                    case,
                    ContactDraft {
                        on: day(16 + (n % 6) as u32),
                        mode: ContactMode::Phone,
                        minutes: 15,
                        purpose: ContactPurpose::CheckIn,
                        notes: format!("{tag} contact {n}"),
                        reach: Default::default(),
                    },
                )
                .unwrap();
        }
    }
}

/// Every case with this tag and its contacts, as (family name, contacts),
/// and how many contacts carry each note (a note twice is a change applied twice).
fn holdings(store: &Store, tag: &str) -> (usize, usize, usize) {
    let mut cases = 0;
    let mut contacts = 0;
    let mut doubled = 0;
    for case in store.all::<Case>().unwrap() {
        let file = store.case_file(case.id).unwrap();
        if !file.person.family_name.starts_with(tag) {
            continue;
        }
        cases += 1;
        let mut notes: Vec<&str> = file.contacts.iter().map(|c| c.notes.as_str()).collect();
        contacts += notes.len();
        notes.sort_unstable();
        let before = notes.len();
        notes.dedup();
        doubled += before - notes.len();
    }
    (cases, contacts, doubled)
}

fn synced(seat: &Seat) {
    let status = seat.sync(60);
    assert!(
        status.state == SyncState::Online && status.waiting == 0,
        "{} did not sync: {status:?}",
        seat.name
    );
}

/// Runs `linkwork team sync` on a seat and kills it with SIGKILL after a
/// random moment; returns whether it was still running then.
fn killed_sync(seat: &Seat, within_ms: u64) -> bool {
    let mut child = seat
        .command(&["team", "sync", "--timeout", "30"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(fastrand::u64(20..within_ms)));
    let running = matches!(child.try_wait(), Ok(None));
    let _ = child.kill();
    let _ = child.wait();
    running
}

#[test]
fn kills_of_the_server_and_of_clients_lose_nothing_and_apply_nothing_twice() {
    let mut t = Team::new("Fault PCN", "Cat Ruiz", &["Sam Patel", "Bo Quinn"], true);
    synced(&t.seats[0]);
    let n = cycles();

    // 1. The server killed mid-sync, n times, while A publishes.
    {
        let store = Arc::new(t.seats[1].open());
        casework(&store, 20, 10, "Srv");
        let waiting = store.outbox_len();
        assert!(waiting >= 200, "{waiting}");
        let team = Membership::of(&store).unwrap().unwrap();
        let handle = SyncHandle::start(store.clone(), team);
        let mut kills_mid_sync = 0;
        for _ in 0..n {
            std::thread::sleep(Duration::from_millis(fastrand::u64(20..200)));
            if store.outbox_len() > 0 {
                kills_mid_sync += 1;
            }
            t.server.kill();
            std::thread::sleep(Duration::from_millis(fastrand::u64(10..100)));
            t.server.restart();
        }
        let start = Instant::now();
        while (store.outbox_len() > 0 || handle.status().state != SyncState::Online)
            && start.elapsed() < Duration::from_secs(60)
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(store.outbox_len(), 0, "{:?}", handle.status());
        handle.stop();
        eprintln!(
            "team faults: server killed {n} times, {kills_mid_sync} with changes still to send"
        );
        assert!(
            kills_mid_sync > 0,
            "no kill fell while changes were being sent"
        );
    }

    // 2. A's client killed mid-publish, n times: each kill counted only
    // when changes were still waiting after it (more are made when the
    // outbox runs dry).
    let mut batches = 0;
    let mut mid_publish = 0;
    let mut attempts = 0;
    while mid_publish < n && attempts < 6 * n {
        attempts += 1;
        if t.seats[1].open().outbox_len() == 0 {
            casework(&t.seats[1].open(), 5, 10, &format!("Pub{batches}-"));
            batches += 1;
        }
        let running = killed_sync(&t.seats[1], 300);
        if running && t.seats[1].open().outbox_len() > 0 {
            mid_publish += 1;
        }
    }
    assert_eq!(mid_publish, n, "kills that fell mid-publish");
    synced(&t.seats[1]);

    // 3. B's client killed mid-apply, n times: each counted only when B
    // was still behind after it (A makes more when B has caught up).
    let mut mid_apply = 0;
    attempts = 0;
    while mid_apply < n && attempts < 6 * n {
        attempts += 1;
        let last = t.seats[1].open().team_cursor().unwrap();
        if t.seats[2].open().team_cursor().unwrap() >= last {
            casework(&t.seats[1].open(), 5, 10, &format!("Pub{batches}-"));
            batches += 1;
            synced(&t.seats[1]);
        }
        let last = t.seats[1].open().team_cursor().unwrap();
        let running = killed_sync(&t.seats[2], 300);
        if running && t.seats[2].open().team_cursor().unwrap() < last {
            mid_apply += 1;
        }
    }
    assert_eq!(mid_apply, n, "kills that fell mid-apply");
    eprintln!(
        "team faults: client killed {mid_publish} times mid-publish, {mid_apply} times mid-apply ({attempts} tries), {batches} batches of 50 contacts"
    );
    for seat in &t.seats {
        synced(seat);
    }
    // Everything on every store, once.
    for seat in &t.seats {
        let store = seat.open();
        let (cases, contacts, doubled) = holdings(&store, "Srv");
        assert_eq!(
            (cases, contacts, doubled),
            (20, 200, 0),
            "{}: the server-kill batch",
            seat.name
        );
        let (cases, contacts, doubled) = holdings(&store, "Pub");
        assert_eq!(cases, 5 * batches, "{}: every case", seat.name);
        assert_eq!(contacts, 50 * batches, "{}: every contact", seat.name);
        assert_eq!(doubled, 0, "{}: contacts applied twice", seat.name);
        assert_eq!(store.outbox_len(), 0);
        assert_eq!(store.conflict_count(), 0, "{}: nothing raced", seat.name);
    }
    eprintln!(
        "team faults: 3 stores x {} contacts each: 0 lost, 0 applied twice",
        200 + 50 * batches
    );
}
