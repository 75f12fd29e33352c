//! Store tests against temporary sled databases: round trips, reopening,
//! migration from a hand-made schema-1 fixture, refusals, permissions,
//! atomicity and audit.

use chrono::NaiveDate;
#[path = "support/files.rs"]
mod files;
#[path = "support/raw_sled.rs"]
mod raw_sled;

use files::snapshot;
use linkwork::demo;
use linkwork::domain::case::{Case, CaseStatus};
use linkwork::domain::ids::{CaseId, PersonId};
use linkwork::domain::person::Person;
use linkwork::domain::referral::{Consent, Need, Referral, ReferralSource, Urgency};
use linkwork::store::{
    AuditAction, CURRENT_SCHEMA, Entity, LOCK_FILE, MARKER_FILE, Store, StoreError, TreeName,
};
use raw_sled::raw_sled;
use std::os::unix::fs::PermissionsExt;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn person(id: u64) -> Person {
    Person {
        id: PersonId(id),
        given_name: "Ada".into(),
        family_name: "Lovelace".into(),
        preferred_name: None,
        date_of_birth: NaiveDate::from_ymd_opt(1960, 12, 10),
        gender: None,
        nhs_number: Some("9434765919".parse().unwrap()),
        phone: None,
        email: None,
        address: None,
        postcode: Some("M30 0FN".into()),
        gp_practice: None,
        communication_needs: None,
        next_of_kin: None,
    }
}

fn case(id: u64, person: u64) -> Case {
    let referral = Referral {
        received: today(),
        source: ReferralSource::Pharmacy,
        referrer_name: None,
        referrer_organisation: None,
        needs: vec![Need::Loneliness],
        reason: String::new(),
        urgency: Urgency::Routine,
        consent_to_share: Consent::Yes,
        snomed_events: vec![],
    };
    Case::open(
        CaseId(id),
        PersonId(person),
        1,
        referral,
        "Sam",
        Store::now(),
    )
}

#[test]
fn round_trip_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let ids;
    {
        let store = Store::open(dir.path(), "Sam").unwrap();
        ids = store.allocate_ids(2).unwrap();
        let mut changes = store.changes();
        changes
            .put(&person(ids.start), AuditAction::Created)
            .put(&case(ids.start + 1, ids.start), AuditAction::Created);
        store.commit(changes).unwrap();
    }
    let store = Store::open(dir.path(), "Sam").unwrap();
    let people: Vec<Person> = store.all().unwrap();
    assert_eq!(people, vec![person(ids.start)]);
    let cases: Vec<Case> = store.all().unwrap();
    assert_eq!(
        cases,
        vec![case(ids.start + 1, ids.start)]
            .into_iter()
            .map(|mut c| {
                c.status_history = cases[0].status_history.clone();
                c
            })
            .collect::<Vec<_>>()
    );
    assert_eq!(store.schema_version().unwrap(), CURRENT_SCHEMA);
    // Ids keep counting after a reopen.
    let more = store.allocate_ids(1).unwrap();
    assert!(more.start >= ids.end);
}

#[test]
fn every_change_is_audited_without_personal_content() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "Sam Patel").unwrap();
    let mut changes = store.changes();
    changes.put(&person(1), AuditAction::Created);
    store.commit(changes).unwrap();
    let mut c = case(2, 1);
    c.move_to(CaseStatus::Contacted, Store::now(), None)
        .unwrap();
    let mut changes = store.changes();
    changes.put(
        &c,
        AuditAction::StatusChanged {
            from: CaseStatus::Referred,
            to: CaseStatus::Contacted,
        },
    );
    store.commit(changes).unwrap();
    let log = store.audit_log().unwrap();
    let kinds: Vec<_> = log.iter().map(|e| (e.entity, e.action.clone())).collect();
    assert_eq!(
        kinds,
        vec![
            (Entity::Store, AuditAction::StoreCreated),
            (Entity::Person, AuditAction::Created),
            (
                Entity::Case,
                AuditAction::StatusChanged {
                    from: CaseStatus::Referred,
                    to: CaseStatus::Contacted
                }
            ),
        ]
    );
    assert!(log.iter().all(|e| e.worker == "Sam Patel"));
    let text = format!("{log:?}");
    for secret in ["Ada", "Lovelace", "9434765919", "M30"] {
        assert!(!text.contains(secret), "audit log contains {secret}");
    }
}

#[test]
fn demo_seeds_once_and_is_refused_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "Sam").unwrap();
    assert!(store.is_empty());
    demo::seed(&store, today()).unwrap();
    assert!(!store.is_empty());
    let rows = store.caseload(today()).unwrap();
    assert!(rows.iter().filter(|r| r.status.is_open()).count() >= 40);
    assert!(store.count(TreeName::Services) >= 150);
    let err = demo::seed(&store, today()).unwrap_err();
    assert!(matches!(err, StoreError::NotEmpty { .. }));
    assert!(err.to_string().contains("already holds records"), "{err}");
}

#[test]
fn second_open_of_the_same_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Store::open(dir.path(), "Sam").unwrap();
    let err = Store::open(dir.path(), "Sam").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "This caseload is already open in another linkwork window ({}).",
            dir.path().display()
        )
    );
}

#[test]
fn a_folder_with_other_files_is_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.docx"), b"not ours").unwrap();
    let err = Store::open(dir.path(), "Sam").unwrap_err();
    assert!(matches!(err, StoreError::NotAStore(_)));
    assert!(
        err.to_string().contains("is not a linkwork data folder"),
        "{err}"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["thesis.docx"], "nothing may be written");
}

#[test]
fn a_store_from_a_newer_linkwork_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path(), "Sam").unwrap());
    let marker = dir.path().join(MARKER_FILE);
    let newer = CURRENT_SCHEMA + 1;
    std::fs::write(
        &marker,
        format!("format = \"linkwork\"\nschema = {newer}\n"),
    )
    .unwrap();
    let before = snapshot(dir.path());
    let err = Store::open(dir.path(), "Sam").unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { found, .. } if found == newer));
    assert!(
        err.to_string().contains("written by a newer linkwork"),
        "{err}"
    );
    assert_eq!(snapshot(dir.path()), before, "nothing may be written");
}

#[test]
fn a_damaged_marker_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(MARKER_FILE), "format = [").unwrap();
    let err = Store::open(dir.path(), "Sam").unwrap_err();
    assert!(matches!(err, StoreError::BadMarker { .. }), "{err}");
}

#[test]
fn store_files_are_private() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("caseload");
    drop(Store::open(&dir, "Sam").unwrap());
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join(MARKER_FILE)), 0o600);
    assert_eq!(mode(&dir.join(linkwork::store::LOCK_FILE)), 0o600);
}

/// Builds a schema-1 store by hand: bare JSON values, a person with a
/// single `name`, a marker saying schema 1.
fn schema_1_fixture(dir: &std::path::Path) {
    {
        let db = raw_sled(&dir.join("db"));
        let meta = db.open_tree("meta").unwrap();
        meta.insert("format", "linkwork").unwrap();
        meta.insert("schema_version", &1u32.to_be_bytes()).unwrap();
        meta.insert("next_id", &3u64.to_be_bytes()).unwrap();
        let persons = db.open_tree("persons").unwrap();
        persons
            .insert(
                1u64.to_be_bytes(),
                br#"{"id":1,"name":"Mary Ann Evans","date_of_birth":"1949-11-22","nhs_number":"9434765919","postcode":"M5 4WT"}"#.as_slice(),
            )
            .unwrap();
        let cases = db.open_tree("cases").unwrap();
        let c = serde_json::json!({
            "id": 2, "person_id": 1, "episode": 1,
            "referral": {"received": "2026-10-01", "source": "general_practice", "needs": ["loneliness"]},
            "status": "referred",
            "status_history": [{"from": null, "to": "referred", "at": "2026-10-01T09:00:00Z"}],
            "worker": "Sam"
        });
        cases
            .insert(2u64.to_be_bytes(), serde_json::to_vec(&c).unwrap())
            .unwrap();
        db.flush().unwrap();
    }
    std::fs::write(dir.join(MARKER_FILE), "format = \"linkwork\"\nschema = 1\n").unwrap();
}

#[test]
fn migrates_a_schema_1_store() {
    let dir = tempfile::tempdir().unwrap();
    schema_1_fixture(dir.path());
    let store = Store::open(dir.path(), "Sam").unwrap();
    assert_eq!(store.schema_version().unwrap(), CURRENT_SCHEMA);
    let people: Vec<Person> = store.all().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].given_name, "Mary Ann");
    assert_eq!(people[0].family_name, "Evans");
    assert_eq!(people[0].nhs_number.unwrap().to_string(), "943 476 5919");
    let cases: Vec<Case> = store.all().unwrap();
    assert_eq!(cases[0].status, CaseStatus::Referred);
    assert_eq!(
        cases[0].limits.contact_limit, 12,
        "defaults fill fields schema 1 lacked"
    );
    let rows = store.caseload(today()).unwrap();
    assert_eq!(rows[0].name, "Mary Ann Evans");
    let log = store.audit_log().unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == AuditAction::Migrated { from: 1, to: 2 })
    );
    drop(store);
    let marker = std::fs::read_to_string(dir.path().join(MARKER_FILE)).unwrap();
    assert!(
        marker.contains(&format!("schema = {CURRENT_SCHEMA}")),
        "{marker}"
    );
    // A second open has nothing left to migrate.
    let store = Store::open(dir.path(), "Sam").unwrap();
    let migrations = store
        .audit_log()
        .unwrap()
        .into_iter()
        .filter(|e| matches!(e.action, AuditAction::Migrated { .. }))
        .count();
    assert_eq!(migrations, 2, "1 -> 2 and 2 -> 3, once each");
}

/// A record that always fails to encode (JSON map keys must be strings).
#[derive(serde::Serialize, serde::Deserialize)]
struct Unencodable(std::collections::BTreeMap<(u8, u8), u8>);

impl linkwork::store::shared::Shareable for Unencodable {}

impl linkwork::store::Record for Unencodable {
    const TREE: TreeName = TreeName::Persons;
    const ENTITY: Entity = Entity::Person;
    fn key(&self) -> Vec<u8> {
        99u64.to_be_bytes().to_vec()
    }
    fn audit_id(&self) -> String {
        "99".into()
    }
}

#[test]
fn a_change_set_with_one_bad_record_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "Sam").unwrap();
    let audit_before = store.audit_log().unwrap().len();
    let mut changes = store.changes();
    changes.put(&person(1), AuditAction::Created);
    changes.put(&case(2, 1), AuditAction::Created);
    changes.put(
        &Unencodable([((1, 2), 3)].into_iter().collect()),
        AuditAction::Created,
    );
    let err = store.commit(changes).unwrap_err();
    assert!(matches!(err, StoreError::Codec(_)), "{err}");
    assert!(err.to_string().contains("could not be written"), "{err}");
    assert!(
        store.all::<Person>().unwrap().is_empty(),
        "the valid person must not be half-saved"
    );
    assert!(store.all::<Case>().unwrap().is_empty());
    assert_eq!(store.audit_log().unwrap().len(), audit_before);
    drop(store);
    let store = Store::open(dir.path(), "Sam").unwrap();
    assert!(store.is_empty());
}

#[test]
fn migration_to_schema_3_indexes_existing_history_by_case() {
    let dir = tempfile::tempdir().unwrap();
    schema_1_fixture(dir.path());
    // Schema 1 audit entries: one for case 2, one for the store.
    {
        let db = raw_sled(&dir.path().join("db"));
        let audit = db.open_tree("audit").unwrap();
        audit
            .insert(1u64.to_be_bytes(), br#"{"at":"2026-10-01T09:00:00Z","worker":"Sam","entity":"case","id":"2","case":2,"action":{"kind":"created"}}"#.as_slice())
            .unwrap();
        audit
            .insert(2u64.to_be_bytes(), br#"{"at":"2026-10-01T09:00:00Z","worker":"Sam","entity":"store","id":"-","action":{"kind":"store_created"}}"#.as_slice())
            .unwrap();
        // A store with audit entries has its counter past them.
        db.open_tree("meta")
            .unwrap()
            .insert("next_audit", &3u64.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    let store = Store::open(dir.path(), "Sam").unwrap();
    let file = store.case_file(CaseId(2)).unwrap();
    assert_eq!(file.history.len(), 1);
    assert_eq!(file.history[0].action, AuditAction::Created);
}

/// The directory cache beside the store: written by the first reader,
/// identical in what it finds to the records, gone before any directory
/// change, and never written for an encrypted store.
#[test]
fn the_directory_cache_follows_the_records() {
    use linkwork::domain::directory::Service;
    use linkwork::store::directory_cache::{self, CACHE_FILE};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "t").unwrap();
    demo::seed(&store, today()).unwrap();
    assert!(!dir.path().join(CACHE_FILE).exists(), "seeding removed it");
    let from_records = store.directory_index().unwrap();
    let cached = directory_cache::read(dir.path()).expect("written by the first reader");
    let mode = std::fs::metadata(dir.path().join(CACHE_FILE))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    for q in ["befriending", "mntl hlth", "walk eccles", "debt advice"] {
        assert_eq!(from_records.search(q, 50), cached.search(q, 50), "{q}");
    }
    // A change to a service removes the cache before it is committed; the
    // next reader sees the change.
    let mut s: Service = store.all::<Service>().unwrap().remove(0);
    s.name = "Zebra Crossing Club".into();
    store
        .save_service_named(&s, "Salford CVS", AuditAction::Updated)
        .unwrap();
    assert!(!dir.path().join(CACHE_FILE).exists());
    let index = store.directory_index().unwrap();
    assert_eq!(index.search("zebra crossing", 5).len(), 1);
    let cached = directory_cache::read(dir.path()).unwrap();
    assert_eq!(cached.search("zebra crossing", 5).len(), 1);
    // A one-off search leaves the facts in the file and reads its results'.
    let one_off = directory_cache::read_for_search(dir.path()).unwrap();
    let hit = one_off.search("zebra crossing", 1)[0].index;
    assert_eq!(one_off.facts_of(hit).unwrap().name, "Zebra Crossing Club");
    assert_eq!(one_off.all_facts().count(), 152);
    // Damage anywhere is a cache not used (the records are read instead):
    // a byte changed in each part, the file cut short, or grown.
    let path = dir.path().join(CACHE_FILE);
    let good = std::fs::read(&path).unwrap();
    for at in [
        0,
        10,
        20,
        60,
        good.len() / 2,
        good.len() - 100,
        good.len() - 1,
    ] {
        let mut bad = good.clone();
        bad[at] ^= 0x55;
        std::fs::write(&path, &bad).unwrap();
        let read = directory_cache::read(dir.path());
        // A changed letter inside a name or description is still a
        // readable cache; the rest must be refused.
        if let Some(index) = read {
            assert_eq!(index.len(), 152, "byte {at}");
        }
    }
    for bad in [
        &good[..good.len() - 1],
        &[good.as_slice(), b"x"].concat()[..],
    ] {
        std::fs::write(&path, bad).unwrap();
        assert!(directory_cache::read(dir.path()).is_none());
        assert!(directory_cache::read_for_search(dir.path()).is_none());
    }
    let mut bad = good.clone();
    let last = bad.len() - 1;
    bad[last] ^= 0x55;
    std::fs::write(&path, &bad).unwrap();
    assert!(directory_cache::read(dir.path()).is_none(), "rest checked");
    std::fs::write(&path, &good).unwrap();
    assert!(directory_cache::read(dir.path()).is_some());
    drop(store);

    let secret = tempfile::tempdir().unwrap();
    let store = Store::create(
        secret.path(),
        "t",
        Some(&linkwork::store::Secret::new("words words".into())),
    )
    .unwrap();
    demo::seed(&store, today()).unwrap();
    assert_eq!(store.directory_index().unwrap().len(), 152);
    assert!(
        !secret.path().join(CACHE_FILE).exists(),
        "no plain copy beside an encrypted store"
    );
}

/// The guided conversation is saved answer by answer: closing the store
/// half way and opening it again resumes at the same step with every
/// answer; a finished conversation makes the next one a review, pre-filled;
/// a closed episode is read-only.
#[test]
fn a_conversation_resumes_after_a_restart_and_reviews_start_from_the_last() {
    use linkwork::domain::conversation::{
        Answer, Barrier, ConversationStep, FlowEffect, FlowEvent, SafetyDecision,
    };
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::Utc::now();
    let case_id = CaseId(2);
    {
        let store = Store::open(dir.path(), "t").unwrap();
        let mut changes = store.changes();
        changes.put(&person(1), AuditAction::Created);
        let mut c = case(2, 1);
        c.status = CaseStatus::Active;
        changes.put(&c, AuditAction::Created);
        store.commit(changes).unwrap();
        let mut flow = store.conversation_flow(case_id, now).unwrap();
        assert_eq!(flow.conversation.version, 1);
        for event in [
            FlowEvent::Answer(Answer::ConsentToRecord(true)),
            FlowEvent::Next,
            FlowEvent::Answer(Answer::WhatMatters("My garden".into())),
            FlowEvent::Next,
            FlowEvent::Skip,
            FlowEvent::Answer(Answer::ToggleBarrier(Barrier::Cost)),
        ] {
            for effect in flow.handle(event, now) {
                if effect == FlowEffect::Save {
                    store.save_conversation(&flow.conversation).unwrap();
                }
            }
        }
        assert_eq!(flow.step(), ConversationStep::Strengths);
    }
    let store = Store::open(dir.path(), "t").unwrap();
    let mut flow = store.conversation_flow(case_id, now).unwrap();
    assert_eq!(
        flow.step(),
        ConversationStep::Strengths,
        "resumed where it was left"
    );
    assert_eq!(flow.conversation.what_matters, "My garden");
    assert_eq!(flow.conversation.barriers, [Barrier::Cost]);
    assert_eq!(flow.conversation.skipped, [ConversationStep::LifeAreas]);
    // Finish it.
    while flow.conversation.completed.is_none() {
        if flow.step() == ConversationStep::Safety {
            flow.handle(
                FlowEvent::Answer(Answer::Safety(SafetyDecision::default())),
                now,
            );
        }
        flow.handle(FlowEvent::Next, now);
        store.save_conversation(&flow.conversation).unwrap();
    }
    let review = store.conversation_flow(case_id, now).unwrap();
    assert_eq!(review.conversation.version, 2);
    assert_eq!(review.conversation.what_matters, "My garden");
    assert_eq!(review.step(), ConversationStep::Opening);
    let audit = store.audit_log().unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.id == "2/v1" && e.action == AuditAction::Created)
    );
    assert!(
        audit
            .iter()
            .any(|e| e.id == "2/v1" && e.action == AuditAction::Updated)
    );
    // A closed episode is read-only.
    let mut c: Case = store.get(&2u64.to_be_bytes()).unwrap().unwrap();
    c.status = CaseStatus::Closed;
    let mut changes = store.changes();
    changes.put(&c, AuditAction::Updated);
    store.commit(changes).unwrap();
    assert!(store.conversation_flow(case_id, now).is_err());
    assert!(store.save_conversation(&review.conversation).is_err());
}

#[test]
fn a_saved_plan_makes_and_unmakes_its_connections_in_one_commit() {
    use linkwork::domain::directory::blank_service;
    use linkwork::domain::ids::ServiceId;
    use linkwork::domain::ladder::{Connection, EventOutcome, LadderEvent, Rung};
    use linkwork::domain::plan::{ActionPlan, Goal};
    use linkwork::domain::wellbeing::{MeasurePoint, Scores, WellbeingMeasure, Who5};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "t").unwrap();
    let mut changes = store.changes();
    changes.put(&person(1), AuditAction::Created);
    let mut c = case(2, 1);
    c.status = CaseStatus::Active;
    changes.put(&c, AuditAction::Created);
    for (id, name) in [("walk", "Health Walks"), ("choir", "Community Choir")] {
        let mut s = blank_service(ServiceId(id.into()));
        s.name = name.into();
        changes.put(&s, AuditAction::Created);
    }
    store.commit(changes).unwrap();
    let goal = |text: &str, services: &[&str]| Goal {
        text: text.into(),
        life_area: Some(Need::Loneliness),
        steps: vec![],
        services: services.iter().map(|s| ServiceId((*s).into())).collect(),
    };
    let mut plan = ActionPlan {
        case_id: CaseId(2),
        goals: vec![goal("Meet people", &["walk"]), goal("Sing", &["choir"])],
        review_date: None,
        agreed_on: None,
    };
    let made = store.save_plan(&plan, today()).unwrap();
    assert_eq!(made.len(), 2);
    assert_eq!(made[0].service_name, "Health Walks");
    assert_eq!((made[0].rung, made[0].goal), (Rung::Discussion, Some(0)));
    assert_eq!(made[1].goal, Some(1));
    // Saving again changes nothing and makes no second connection.
    let seq = store.commit_seq().unwrap();
    assert_eq!(store.save_plan(&plan, today()).unwrap(), made);
    assert_eq!(store.commit_seq().unwrap(), seq, "nothing to commit");

    // The walk has history; the first goal goes: the walk's connection
    // stays (ended or not, it is history) and the choir's follows its goal.
    let mut walk: Connection = made[0].clone();
    walk.record(LadderEvent {
        at: today().and_hms_opt(10, 0, 0).unwrap(),
        rung: Rung::Discussion,
        outcome: EventOutcome::Attended,
        who_went: Vec::new(),
        who_went_as_typed: None,
        report_back: None,
        notes: String::new(),
        step_up_reason: None,
        revisions: Vec::new(),
        struck: None,
    })
    .unwrap();
    let mut changes = store.changes();
    changes.put(&walk, AuditAction::Updated);
    store.commit(changes).unwrap();
    plan.goals.remove(0);
    let after = store.save_plan(&plan, today()).unwrap();
    assert_eq!(after.len(), 2, "a connection with history is kept");
    let choir = after
        .iter()
        .find(|c| c.service_name == "Community Choir")
        .unwrap();
    assert_eq!(choir.goal, Some(0), "re-pointed at its goal's new place");
    // Without history, taking a service out removes its connection.
    plan.goals[0].services.clear();
    let after = store.save_plan(&plan, today()).unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].service_name, "Health Walks");

    // A measure, saved and corrected under one id, both audited.
    let scores = |items| Scores::Who5(Who5::new(items).unwrap());
    let m = store
        .save_measure(
            CaseId(2),
            None,
            today(),
            MeasurePoint::Baseline,
            scores([3; 5]),
            None,
        )
        .unwrap();
    let fixed = store
        .save_measure(
            CaseId(2),
            Some(m.id),
            today(),
            MeasurePoint::Baseline,
            scores([2; 5]),
            None,
        )
        .unwrap();
    assert_eq!(fixed.id, m.id);
    let all: Vec<WellbeingMeasure> = store.for_case(CaseId(2)).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].scores, scores([2; 5]));

    // A closed episode refuses a plan change.
    let mut closed = case(2, 1);
    closed.status = CaseStatus::Closed;
    let mut changes = store.changes();
    changes.put(&closed, AuditAction::Updated);
    store.commit(changes).unwrap();
    let err = store.save_plan(&plan, today()).unwrap_err().to_string();
    assert!(err.contains("read-only"), "{err}");
}

#[test]
fn planted_temporary_files_never_change_where_or_how_an_output_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("plan.md");
    let elsewhere = dir.path().join("elsewhere.txt");
    std::fs::write(&elsewhere, "theirs").unwrap();
    // A symlink planted where the temporary file goes.
    std::os::unix::fs::symlink(&elsewhere, dir.path().join("plan.md.tmp")).unwrap();
    linkwork::store::write_private(&target, b"the plan").unwrap();
    assert_eq!(
        std::fs::read_to_string(&elsewhere).unwrap(),
        "theirs",
        "not followed"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "the plan");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // A world-writable file planted there.
    let letter = dir.path().join("letter.md");
    let planted = dir.path().join("letter.md.tmp");
    std::fs::write(&planted, "junk").unwrap();
    std::fs::set_permissions(&planted, std::fs::Permissions::from_mode(0o666)).unwrap();
    linkwork::store::write_private(&letter, b"dear practice").unwrap();
    let mode = std::fs::metadata(&letter).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "a planted 0666 file is not reused");
    assert!(!planted.exists());
}

#[test]
fn backups_never_lie_failed_partial_and_future_dated() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "Sam").unwrap();
    demo::seed(&store, today()).unwrap();
    // A backup that cannot be written is audited as failed.
    let nowhere = dir.path().join("no-such-folder").join("x.lwbak");
    assert!(store.write_backup(&nowhere).is_err());
    let last = store.audit_log().unwrap().pop().unwrap();
    assert_eq!(last.action, AuditAction::BackupFailed);
    // Partial files from an earlier run, and a backup named for 2099.
    let backups = store.backup_dir();
    std::fs::create_dir_all(&backups).unwrap();
    std::fs::write(backups.join("partial.lwbak.tmp"), "half").unwrap();
    let future = chrono::NaiveDate::from_ymd_opt(2099, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let future_name = linkwork::store::backup::file_name(future);
    std::fs::write(backups.join(&future_name), "planted").unwrap();
    let written = store.backup_rotating((1, 0)).unwrap();
    assert!(written.exists(), "the backup just written is kept");
    assert!(
        !backups.join("partial.lwbak.tmp").exists(),
        "partial files removed"
    );
    assert_eq!(
        store.audit_log().unwrap().pop().unwrap().action,
        AuditAction::BackupWritten
    );
    // Again: the newest real backup stays, whatever the planted name says.
    let again = store.backup_rotating((1, 0)).unwrap();
    assert!(again.exists());
    // A whole, valid backup whose inside says 2099, under an old name:
    // rotation goes by the time inside, leaves it alone and keeps the
    // newest; it is never offered for a restore.
    let mut snapshot = store.snapshot().unwrap();
    snapshot.created = future.timestamp();
    let old_name = backups.join("linkwork-2020-01-01T000000Z.lwbak");
    std::fs::write(&old_name, linkwork::store::backup::encode(&snapshot, None)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let newest = store.backup_rotating((1, 0)).unwrap();
    assert!(newest.exists() && old_name.exists());
    assert_eq!(
        linkwork::store::newest_good_backup(dir.path()),
        Some(newest.clone())
    );
    // The newest damaged: another that verifies is offered instead.
    let copy = backups.join("linkwork-2020-01-02T000000Z.lwbak");
    std::fs::copy(&newest, &copy).unwrap();
    let mut bytes = std::fs::read(&newest).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&newest, bytes).unwrap();
    assert_eq!(linkwork::store::newest_good_backup(dir.path()), Some(copy));
}

#[test]
fn the_lock_is_verified_by_its_holder_and_restore_force_checks_it() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("caseload");
    let store = Store::open(&dir, "Sam").unwrap();
    let mut changes = store.changes();
    changes.put(&person(1), AuditAction::Created);
    store.commit(changes).unwrap();
    let backup = root.path().join("b.lwbak");
    store.write_backup(&backup).unwrap();
    // The lock file removed under the open store: a second opener is told
    // it is open, not that its files may be damaged.
    std::fs::remove_file(dir.join(LOCK_FILE)).unwrap();
    let err = Store::open(&dir, "Kim").unwrap_err().to_string();
    assert!(
        err.contains("already open in another linkwork window"),
        "{err}"
    );
    // restore --force refuses it too (sled's own lock is still held).
    let bytes = std::fs::read(&backup).unwrap();
    let err = linkwork::store::restore(&backup, &bytes, &dir, "Kim", None, true)
        .unwrap_err()
        .to_string();
    assert!(err.contains("already open"), "{err}");
    assert!(dir.join("db").exists(), "nothing was moved aside");
    // The holder takes its lock again at its next save...
    let mut changes = store.changes();
    changes.put(&person(2), AuditAction::Created);
    store.commit(changes).unwrap();
    assert!(dir.join(LOCK_FILE).exists());
    // ...unless someone else holds the new lock file by then.
    std::fs::remove_file(dir.join(LOCK_FILE)).unwrap();
    let other = std::fs::File::create(dir.join(LOCK_FILE)).unwrap();
    other.try_lock().unwrap();
    let mut changes = store.changes();
    changes.put(&person(3), AuditAction::Created);
    let err = store.commit(changes).unwrap_err().to_string();
    assert!(
        err.starts_with("Nothing was saved: its lock file was removed"),
        "{err}"
    );
    drop(other);
    // A folder moved aside (and replaced) under the open store: refused.
    std::fs::rename(&dir, root.path().join("aside")).unwrap();
    std::fs::create_dir(&dir).unwrap();
    let mut changes = store.changes();
    changes.put(&person(3), AuditAction::Created);
    let err = store.commit(changes).unwrap_err().to_string();
    assert!(
        err.contains("the folder was moved or replaced while open"),
        "{err}"
    );
}

/// An NHS number is one person's: a second person with it is refused at
/// intake ("save as a different, new person") and in the edit form, and a
/// new episode of the person who has it is not.
#[test]
fn a_second_person_with_the_same_nhs_number_is_refused() {
    use linkwork::domain::intake::{IntakeDraft, IntakeField};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "Sam").unwrap();
    let draft = |given: &str, nhs: &str| {
        let mut d = IntakeDraft::new(today());
        *d.get_mut(IntakeField::GivenName) = given.into();
        *d.get_mut(IntakeField::FamilyName) = "Pryce".into();
        *d.get_mut(IntakeField::DateOfBirth) = "2/5/1958".into();
        *d.get_mut(IntakeField::NhsNumber) = nhs.into();
        *d.get_mut(IntakeField::Received) = "30/10/2026".into();
        d.source = Some(ReferralSource::GeneralPractice);
        d.needs = vec![Need::Loneliness];
        d
    };
    let first = store
        .create_referral(&draft("Xander", "943 476 5919"), None, today())
        .unwrap();
    let refused = store
        .create_referral(&draft("Alexander", "9434765919"), None, today())
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("NHS number 943 476 5919 is already another person's (case"),
        "{refused}"
    );
    let other = store
        .create_referral(&draft("Yvonne", "4010232137"), None, today())
        .unwrap();
    let mut yvonne = store.case_file(other).unwrap();
    yvonne.person.nhs_number = "9434765919".parse().ok();
    let refused = store.save_edits(&yvonne.person, &yvonne.case).unwrap_err();
    assert!(
        refused.to_string().contains("already another person's"),
        "{refused}"
    );
    // Closing the first episode and referring the same person again is
    // a new episode of theirs, not refused.
    let person = store.case_file(first).unwrap().person.id;
    assert!(
        store
            .create_referral(&draft("Xander", "9434765919"), Some(person), today())
            .unwrap_err()
            .to_string()
            .contains("already has an open episode"),
        "the existing open episode is what stands in the way, not the number"
    );
}

/// A visit card is for a visit still to come: an ended connection of a
/// closed case has none, and the card is refused in one sentence.
#[test]
fn no_visit_card_for_an_ended_connection_of_a_closed_case() {
    use linkwork::domain::ladder::Connection;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "Sam").unwrap();
    demo::seed(&store, today()).unwrap();
    let closed: Vec<Case> = store
        .all::<Case>()
        .unwrap()
        .into_iter()
        .filter(|c| !c.status.is_open())
        .collect();
    let ended = closed
        .iter()
        .flat_map(|c| store.for_case::<Connection>(c.id).unwrap())
        .find(|k| k.ended.is_some())
        .expect("the demo has an ended connection of a closed case");
    let refused = store.visit_card(ended.id, None, today()).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "There is no visit to make a card for: this connection has ended and the case is closed. Nothing was written."
    );
    let live = store
        .all::<Case>()
        .unwrap()
        .into_iter()
        .filter(|c| c.status.is_open())
        .flat_map(|c| store.for_case::<Connection>(c.id).unwrap())
        .find(|k| k.ended.is_none())
        .unwrap();
    assert!(store.visit_card(live.id, None, today()).is_ok());
}

/// Two caseloads both have a case with the same number: their letters
/// written into one folder are two files, not one overwriting the other;
/// the same caseload writes the same name again.
#[test]
fn letters_of_two_caseloads_do_not_overwrite_each_other() {
    use linkwork::ui::backend::{Casework, Export};
    let out = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    let mut stores = Vec::new();
    for _ in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), "Sam").unwrap();
        demo::seed(&store, today()).unwrap();
        let closed = store
            .all::<Case>()
            .unwrap()
            .into_iter()
            .filter(|c| !c.status.is_open())
            .map(|c| c.id)
            .min()
            .unwrap();
        let path = store
            .write_export(Export::DischargeLetter(closed), None, today(), out.path())
            .unwrap();
        written.push((closed, path));
        stores.push((dir, store, closed));
    }
    assert_eq!(written[0].0, written[1].0, "the same case number in both");
    assert_ne!(written[0].1, written[1].1);
    assert!(written.iter().all(|(_, p)| p.exists()));
    let (_, store, closed) = &stores[0];
    let again = store
        .write_export(Export::DischargeLetter(*closed), None, today(), out.path())
        .unwrap();
    assert_eq!(again, written[0].1);
}
