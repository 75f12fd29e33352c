//! A team on a real nats-server (started here on a free loopback port,
//! with TLS; see `support/nats.rs`): casework reaches teammates read-only,
//! forged and misaddressed changes are refused, offline devices catch up
//! with nothing lost or applied twice, and the server holds ciphertext only.

#[path = "support/nats.rs"]
mod nats;
#[path = "support/team.rs"]
mod team;

use chrono::NaiveDate;
use linkwork::domain::case::{Case, RiskKind};
use linkwork::domain::contact::{ContactEntry, ContactMode, ContactPurpose};
use linkwork::domain::ids::CaseId;
use linkwork::domain::intake::{IntakeDraft, IntakeField};
use linkwork::domain::referral::{Consent, Need, ReferralSource};
use linkwork::store::shared::{LocalChange, SharedRecord};
use linkwork::store::{ContactDraft, Store};
use linkwork::team::envelope::{self, Payload};
use linkwork::team::{Membership, SyncState, subjects};
use std::time::Duration;
use team::{Seat, Team};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// A referral with consent, as intake makes it.
fn referral(store: &Store, given: &str, family: &str, nhs: &str, postcode: &str) -> CaseId {
    let mut draft = IntakeDraft::new(day(22));
    *draft.get_mut(IntakeField::GivenName) = given.into();
    *draft.get_mut(IntakeField::FamilyName) = family.into();
    *draft.get_mut(IntakeField::DateOfBirth) = "2/5/1958".into();
    *draft.get_mut(IntakeField::NhsNumber) = nhs.into();
    *draft.get_mut(IntakeField::Postcode) = postcode.into();
    *draft.get_mut(IntakeField::GpPractice) = "Monton Medical Practice".into();
    *draft.get_mut(IntakeField::Received) = "16/11/2026".into();
    *draft.get_mut(IntakeField::Referrer) = "Dr Amara Osei".into();
    draft.source = Some(ReferralSource::GeneralPractice);
    draft.needs = vec![Need::Loneliness];
    draft.consent = Consent::Yes;
    store.create_referral(&draft, None, day(22)).unwrap()
}

fn contact(on: NaiveDate, notes: &str) -> ContactDraft {
    ContactDraft {
        on,
        mode: ContactMode::Phone,
        minutes: 20,
        purpose: ContactPurpose::CheckIn,
        notes: notes.into(),
        reach: Default::default(),
    }
}

/// The case of the person with this family name, on a store.
fn case_of(store: &Store, family: &str) -> Option<Case> {
    store.all::<Case>().unwrap().into_iter().find(|c| {
        store
            .case_file(c.id)
            .map(|f| f.person.family_name == family)
            .unwrap_or(false)
    })
}

fn synced(seat: &Seat) {
    let status = seat.sync(30);
    assert!(
        status.state == SyncState::Online && status.waiting == 0,
        "{} did not sync: {status:?}",
        seat.name
    );
}

/// Publishes raw bytes on `subject` with a member's own credentials, as a
/// modified client would; returns the stream sequence the server gave it.
fn publish_as(
    team: &Membership,
    server: &str,
    ca: &std::path::Path,
    subject: &str,
    payload: Vec<u8>,
) -> Result<u64, String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = async_nats::ConnectOptions::with_user_and_password(
            team.me.id.clone(),
            team.password.clone(),
        )
        .add_root_certificates(ca.to_owned())
        .require_tls(true)
        .connect(server)
        .await
        .map_err(|e| e.to_string())?;
        let mut js = async_nats::jetstream::new(client);
        js.set_timeout(Duration::from_secs(2));
        let ack = js
            .publish(subject.to_owned(), payload.into())
            .await
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        Ok(ack.sequence)
    })
}

#[test]
fn a_referral_and_a_week_of_casework_reach_the_team_read_only() {
    let t = Team::new("North PCN", "Cat Ruiz", &["Sam Patel", "Bo Quinn"], false);
    let (boss, a, b) = (&t.seats[0], &t.seats[1], &t.seats[2]);
    synced(boss);
    {
        let store = a.open();
        let case = referral(&store, "Joan", "Ashworth", "943 476 5919", "M30 0QT");
        for d in 16..21 {
            store
                .log_contact(
                    case,
                    contact(day(d), &format!("Joan talked about the allotment, day {d}")),
                )
                .unwrap();
        }
        store
            .add_risk(case, RiskKind::Safeguarding, "kitchen unsafe", day(20))
            .unwrap();
        assert!(store.outbox_len() >= 7, "every save is in the outbox");
    }
    synced(a);
    synced(b);
    synced(boss);
    for seat in [boss, b] {
        let store = seat.open();
        let case =
            case_of(&store, "Ashworth").unwrap_or_else(|| panic!("{} has no case", seat.name));
        let file = store.case_file(case.id).unwrap();
        assert_eq!(file.contacts.len(), 5, "{}", seat.name);
        assert_eq!(file.person.given_name, "Joan");
        assert!(
            file.case
                .risk_flags
                .iter()
                .any(|r| r.kind == RiskKind::Safeguarding)
        );
        assert_eq!(
            store.case_owner(case.id.0).unwrap().unwrap().name,
            "Sam Patel"
        );
        assert!(
            file.history.iter().any(|h| h.worker == "Sam Patel (team)"),
            "the history says who did it"
        );
    }
    // B may read A's case but not change it.
    let b_store = b.open();
    let case = case_of(&b_store, "Ashworth").unwrap();
    let refused = b_store
        .log_contact(case.id, contact(day(21), "B tries"))
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        format!(
            "Case {} is held by Sam Patel: it can be read here but not changed (nothing was written).",
            case.id
        )
    );
    assert_eq!(b_store.outbox_len(), 0);
    assert_eq!(b_store.case_file(case.id).unwrap().contacts.len(), 5);

    // A modified client under B's name: a sealed change to A's case on B's
    // own subject. The server takes it (B may publish there); every store
    // ignores it.
    let b_team = Membership::of(&b_store).unwrap().unwrap();
    let file = b_store.case_file(case.id).unwrap();
    let mut forged_contact: ContactEntry = file.contacts[0].clone();
    forged_contact.notes = "FORGED by B".into();
    let forged = b_store
        .as_outgoing(
            0,
            LocalChange {
                change_id: "0123456789abcdef0123456789abcdef".into(),
                made_at: chrono::Utc::now(),
                case: case.id.0,
                service: None,
                records: vec![SharedRecord::Contact(forged_contact)],
                audit: Vec::new(),
                based_on: 0,
                before: Vec::new(),
            },
        )
        .unwrap();
    let b_subject = subjects::case_subject(&b_team.team_id, forged.case, &b_team.me.id);
    let sealed = envelope::seal(&b_team, &b_subject, &Payload::Change(forged.clone())).unwrap();
    let url = t.server.url();
    publish_as(&b_team, &url, &t.tls.ca, &b_subject, sealed).expect("B may publish on B's subject");
    // ... and B under A's name: the server refuses it.
    let a_member = Membership::of(&a.open()).unwrap().unwrap().me.id;
    let a_subject = subjects::case_subject(&b_team.team_id, forged.case, &a_member);
    let sealed = envelope::seal(&b_team, &a_subject, &Payload::Change(forged)).unwrap();
    let under_a = publish_as(&b_team, &url, &t.tls.ca, &a_subject, sealed);
    assert!(
        under_a.is_err(),
        "the server took B's publish under A's name: {under_a:?}"
    );
    drop(b_store);
    for seat in [a, boss, b] {
        let status = seat.sync(30);
        assert_eq!(status.state, SyncState::Online);
        let store = seat.open();
        let case = case_of(&store, "Ashworth").unwrap();
        let file = store.case_file(case.id).unwrap();
        assert!(
            file.contacts.iter().all(|c| !c.notes.contains("FORGED")),
            "{} applied a forged change",
            seat.name
        );
    }
    // The server holds ciphertext only: no name, NHS number, postcode or
    // note word anywhere in its files (its own encryption at rest is off).
    let mut bytes = Vec::new();
    for entry in walk(&t.server.store_dir) {
        bytes.extend(std::fs::read(entry).unwrap());
    }
    assert!(bytes.len() > 1000, "the server kept the changes");
    for needle in [
        "Joan",
        "Ashworth",
        "9434765919",
        "943 476 5919",
        "M30 0QT",
        "allotment",
        "kitchen",
        "Sam Patel",
        "Monton",
    ] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "the server's files hold {needle:?}"
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn two_offline_devices_catch_up_with_nothing_lost_or_applied_twice() {
    let mut t = Team::new("East PCN", "Cat Ruiz", &["Sam Patel", "Bo Quinn"], true);
    synced(&t.seats[0]);
    {
        let store = t.seats[1].open();
        referral(&store, "Kieran", "Potts", "943 476 5919", "M30 0QT");
    }
    synced(&t.seats[1]);
    let second = t.second_device(&t.seats[1], "laptop2");
    synced(&second);
    synced(&t.seats[2]);
    // The server goes away; both of A's devices work on.
    t.server.kill();
    let shared_family = "Potts";
    for (n, seat) in [&t.seats[1], &second].into_iter().enumerate() {
        let store = seat.open();
        let shared = case_of(&store, shared_family).unwrap().id;
        for i in 0..5 {
            store
                .log_contact(
                    shared,
                    contact(day(16 + i), &format!("device {n} visit {i}")),
                )
                .unwrap();
        }
        for i in 0..45 {
            referral(&store, "Person", &format!("Dev{n}No{i}"), "", "M30 0QT");
        }
        assert_eq!(store.outbox_len(), 50);
    }
    t.server.restart();
    synced(&t.seats[1]);
    let status = second.sync(30);
    assert_eq!(status.state, SyncState::Online, "{status:?}");
    assert_eq!(status.waiting, 0);
    for seat in [&t.seats[1], &t.seats[0], &t.seats[2], &second] {
        synced(seat);
    }
    // Every store has the 90 new cases once, and the shared case with the
    // first device's five contacts once each.
    let second_store = second.open();
    let conflicts = second_store.conflicts(false).unwrap();
    assert_eq!(
        conflicts.len(),
        5,
        "the second device's stale changes need a look"
    );
    for c in &conflicts {
        let lines = second_store.conflict_lines(c).unwrap();
        assert!(!lines.is_empty(), "both versions are shown");
    }
    drop(second_store);
    for seat in [&t.seats[0], &t.seats[1], &t.seats[2], &second] {
        let store = seat.open();
        let cases = store.all::<Case>().unwrap();
        assert_eq!(cases.len(), 91, "{} holds every case once", seat.name);
        let shared = case_of(&store, shared_family).unwrap();
        let contacts = store.case_file(shared.id).unwrap().contacts;
        let from_first = contacts
            .iter()
            .filter(|c| c.notes.starts_with("device 0"))
            .count();
        assert_eq!(
            from_first, 5,
            "{}: the first device's contacts, once each",
            seat.name
        );
        let from_second = contacts
            .iter()
            .filter(|c| c.notes.starts_with("device 1"))
            .count();
        // Undone where they were made (they wait in "Needs a look"), never sent.
        assert_eq!(from_second, 0, "{}: a stale change was applied", seat.name);
    }
    // The worker decides: four applied again on top of the newer state,
    // one dropped with a reason; afterwards every store agrees.
    {
        let store = second.open();
        let waiting = store.conflicts(false).unwrap();
        for c in &waiting[..4] {
            store.apply_conflict_again(c.seq).unwrap();
        }
        store
            .drop_conflict(waiting[4].seq, "the same call as on the other laptop")
            .unwrap();
        assert_eq!(store.conflict_count(), 0);
        let all = store.conflicts(true).unwrap();
        assert!(
            all.iter()
                .any(|c| c.decided.as_deref()
                    == Some("dropped: the same call as on the other laptop"))
        );
    }
    synced(&second);
    for seat in [&t.seats[0], &t.seats[1], &t.seats[2], &second] {
        synced(seat);
        let store = seat.open();
        let shared = case_of(&store, shared_family).unwrap();
        let contacts = store.case_file(shared.id).unwrap().contacts;
        let from_second = contacts
            .iter()
            .filter(|c| c.notes.starts_with("device 1"))
            .count();
        assert_eq!(
            from_second, 4,
            "{}: the four applied again, once each",
            seat.name
        );
        assert_eq!(
            contacts
                .iter()
                .filter(|c| c.notes.starts_with("device 0"))
                .count(),
            5
        );
    }
}

#[test]
fn a_removed_member_opens_nothing_written_later_and_another_team_sees_nothing() {
    let mut t = Team::new("West PCN", "Cat Ruiz", &["Sam Patel", "Bo Quinn"], false);
    synced(&t.seats[0]);
    referral(
        &t.seats[1].open(),
        "Ada",
        "Lovelace",
        "943 476 5919",
        "M30 0QT",
    );
    synced(&t.seats[1]);
    synced(&t.seats[2]);
    assert!(case_of(&t.seats[2].open(), "Lovelace").is_some());
    let accounts = t.accounts.to_str().unwrap().to_owned();
    t.seats[0].run(&["team", "remove", "Bo Quinn", "--server-config", &accounts]);
    assert!(
        !std::fs::read_to_string(&t.accounts)
            .unwrap()
            .contains(&Membership::of(&t.seats[2].open()).unwrap().unwrap().me.id),
        "the removed member's user is out of the account block"
    );
    synced(&t.seats[0]);
    synced(&t.seats[1]);
    let a_team = Membership::of(&t.seats[1].open()).unwrap().unwrap();
    assert_eq!(
        a_team.current_key().unwrap().0,
        2,
        "the others took the new key"
    );
    assert!(a_team.roster.iter().all(|m| m.name != "Bo Quinn"));
    referral(
        &t.seats[1].open(),
        "Grace",
        "Hopper",
        "943 476 5870",
        "M30 0QT",
    );
    synced(&t.seats[1]);
    synced(&t.seats[0]);
    assert!(case_of(&t.seats[0].open(), "Hopper").is_some());
    // Before the server is reloaded the removed member can still read the
    // stream, but opens nothing sealed after the removal.
    let b_status = t.seats[2].sync(10);
    assert!(case_of(&t.seats[2].open(), "Hopper").is_none());
    assert!(
        b_status
            .problem
            .as_deref()
            .is_some_and(|p| p.contains("key this member was not given")),
        "{b_status:?}"
    );
    let b_team = Membership::of(&t.seats[2].open()).unwrap().unwrap();
    assert_eq!(b_team.current_key().unwrap().0, 1);
    // Reloaded, the server refuses them.
    t.server.restart();
    let b_status = t.seats[2].sync(4);
    assert!(
        matches!(b_status.state, SyncState::Offline { .. }),
        "{b_status:?}"
    );
    synced(&t.seats[1]);

    // Another team on the same server: its members cannot reach this
    // team's stream or subjects at all.
    let other = team::seat(t.home.path(), "other", "Dee Other");
    let south = t.home.path().join("south.conf");
    other.run(&[
        "team",
        "create",
        "South PCN",
        "--server",
        &t.server.url(),
        "--tls-ca",
        t.tls.ca.to_str().unwrap(),
        "--server-config",
        south.to_str().unwrap(),
    ]);
    let port = t.server.port;
    t.server.kill();
    t.server = nats::NatsServer::start(
        t.home.path(),
        port,
        &t.tls,
        &[t.accounts.clone(), south.clone()],
        false,
    );
    synced(&other);
    let south_team = Membership::of(&other.open()).unwrap().unwrap();
    let url = t.server.url();
    let ca = t.tls.ca.clone();
    let west_id = a_team.team_id.clone();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (stream_seen, heard) = rt.block_on(async {
        let client = async_nats::ConnectOptions::with_user_and_password(
            south_team.me.id.clone(),
            south_team.password.clone(),
        )
        .add_root_certificates(ca)
        .require_tls(true)
        .connect(url)
        .await
        .unwrap();
        let mut js = async_nats::jetstream::new(client.clone());
        js.set_timeout(Duration::from_secs(2));
        let stream_seen = js.get_stream(subjects::stream(&west_id)).await.is_ok();
        let sub = client.subscribe(subjects::all(&west_id)).await;
        (stream_seen, sub.ok())
    });
    assert!(
        !stream_seen,
        "another team's member reached this team's stream"
    );
    // While this team works, the other team's subscription hears nothing.
    referral(
        &t.seats[1].open(),
        "Alan",
        "Turing",
        "401 023 2137",
        "M30 0QT",
    );
    synced(&t.seats[1]);
    if let Some(mut sub) = heard {
        use futures_util::StreamExt;
        let got = rt.block_on(async {
            tokio::time::timeout(Duration::from_secs(2), sub.next())
                .await
                .ok()
                .flatten()
        });
        assert!(got.is_none(), "another team heard this team's subjects");
    }
}

#[test]
fn a_service_added_by_hand_reaches_the_team_and_an_imported_feed_does_not() {
    use linkwork::domain::directory::{Service, blank_service};
    use linkwork::domain::ids::ServiceId;
    use linkwork::store::AuditAction;
    let t = Team::new("Dir PCN", "Cat Ruiz", &["Sam Patel", "Bo Quinn"], false);
    synced(&t.seats[0]);
    let id = {
        let store = t.seats[1].open();
        let id = store.new_service_id().unwrap();
        let mut s: Service = blank_service(id.clone());
        s.name = "Tuesday allotment group".into();
        s.local.notes = "Ask for Hamid at the gate".into();
        store
            .save_service_named(&s, "Swinton Growers", AuditAction::Created)
            .unwrap();
        id
    };
    // A council feed one member imports stays theirs (each pulls it).
    let feed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/openreferral/service_full.json"
    );
    t.seats[1].run(&["directory", "import", feed]);
    let imported = t.seats[1].open().all::<Service>().unwrap().len();
    assert!(imported >= 2);
    synced(&t.seats[1]);
    synced(&t.seats[2]);
    {
        let b = t.seats[2].open();
        let all = b.all::<Service>().unwrap();
        assert_eq!(all.len(), 1, "only the service added by hand arrives");
        let (s, org) = b.service_detail(&id).unwrap().unwrap();
        assert_eq!(s.name, "Tuesday allotment group");
        assert_eq!(org.unwrap().name, "Swinton Growers");
        // B learns a contact name at a visit and writes it in.
        let mut s = s;
        s.local.notes = "Ask for Hamid at the gate; Jo runs it in winter".into();
        b.save_service_named(&s, "Swinton Growers", AuditAction::Updated)
            .unwrap();
    }
    synced(&t.seats[2]);
    for seat in [&t.seats[0], &t.seats[1]] {
        synced(seat);
        let (s, _) = seat
            .open()
            .service_detail(&ServiceId(id.0.clone()))
            .unwrap()
            .unwrap();
        assert_eq!(
            s.local.notes, "Ask for Hamid at the gate; Jo runs it in winter",
            "{}",
            seat.name
        );
    }
}
