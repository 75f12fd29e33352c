use super::*;
use crate::domain::ids::CaseId;
use crate::store::shared::SharedRecord;

fn demo_store(dir: &std::path::Path) -> Store {
    let store = Store::open(dir, "Sam").unwrap();
    crate::demo::seed(
        &store,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    )
    .unwrap();
    store
}

fn join(store: &Store, member: &str, name: &str, device: u64) {
    store
        .set_team_identity(&TeamIdentity {
            member: member.into(),
            name: name.into(),
            device,
        })
        .unwrap();
}

#[test]
fn outside_a_team_nothing_goes_to_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    assert_eq!(store.outbox_len(), 0);
    assert!(store.team_identity().is_none());
}

#[test]
fn a_change_to_a_case_lands_in_the_outbox_in_its_commit_and_goes_across() {
    let a_dir = tempfile::tempdir().unwrap();
    let b_dir = tempfile::tempdir().unwrap();
    let a = demo_store(a_dir.path());
    let b = Store::open(b_dir.path(), "Bo").unwrap();
    join(&a, "m-a", "Sam", 11);
    join(&b, "m-b", "Bo", 22);
    let shared = a.share_everything().unwrap();
    assert!(shared > 5);
    assert_eq!(a.outbox_len(), shared);
    let out = a.outgoing(usize::MAX).unwrap();
    for (n, o) in out.iter().enumerate() {
        a.published(o, n as u64 + 1).unwrap();
        let applied = b
            .apply_incoming(&Incoming {
                stream_seq: n as u64 + 1,
                author: "m-a".into(),
                author_name: "Sam".into(),
                change: o.clone(),
            })
            .unwrap();
        assert!(matches!(applied, Applied::Applied { .. }), "{applied:?}");
    }
    assert_eq!(a.outbox_len(), 0);
    let a_cases = a.all::<crate::domain::case::Case>().unwrap();
    let b_cases = b.all::<crate::domain::case::Case>().unwrap();
    assert_eq!(a_cases.len(), b_cases.len());
    // The same people, the same contacts, on both.
    let first = &a_cases[0];
    let there = b
        .local_id(a.global_id(first.id.0).unwrap())
        .unwrap()
        .unwrap();
    let fa = a.case_file(first.id).unwrap();
    let fb = b.case_file(CaseId(there)).unwrap();
    assert_eq!(fa.person.family_name, fb.person.family_name);
    assert_eq!(fa.contacts.len(), fb.contacts.len());
    assert_eq!(fa.measures.len(), fb.measures.len());
    // A replay is applied once.
    let again = b
        .apply_incoming(&Incoming {
            stream_seq: 1,
            author: "m-a".into(),
            author_name: "Sam".into(),
            change: out[0].clone(),
        })
        .unwrap();
    assert_eq!(again, Applied::AlreadyHad);
    // B may not change A's case: refused with a sentence, nothing written.
    let mut case = fb.case.clone();
    case.worker = "Bo".into();
    let mut changes = b.changes();
    changes.put(&case, crate::store::AuditAction::Updated);
    let err = b.commit(changes).unwrap_err();
    assert!(err.to_string().contains("held by Sam"), "{err}");
    assert_eq!(b.outbox_len(), 0);
    // A forged change under B's name to A's case is ignored.
    let mut forged = out[0].clone();
    forged.change_id = "forged".into();
    let ignored = b
        .apply_incoming(&Incoming {
            stream_seq: 999,
            author: "m-b".into(),
            author_name: "Bo".into(),
            change: forged,
        })
        .unwrap();
    assert!(matches!(ignored, Applied::Ignored(_)));
}

#[test]
fn a_record_of_another_case_in_a_change_is_ignored() {
    let a_dir = tempfile::tempdir().unwrap();
    let b_dir = tempfile::tempdir().unwrap();
    let a = demo_store(a_dir.path());
    let b = Store::open(b_dir.path(), "Bo").unwrap();
    join(&a, "m-a", "Sam", 11);
    join(&b, "m-b", "Bo", 22);
    a.share_everything().unwrap();
    let out = a.outgoing(usize::MAX).unwrap();
    let mut mixed = out[0].clone();
    let stray = out[1]
        .records
        .iter()
        .find(|r| matches!(r, SharedRecord::Contact(_)))
        .cloned();
    if let Some(mut stray) = stray {
        // Point it at a placeholder that is not the case.
        stray
            .map_ids(&mut |_| Ok::<u64, ()>(mixed.ids.len() as u64))
            .unwrap();
        mixed.ids.push(GlobalId {
            device: 11,
            id: 999_999,
        });
        mixed.records.push(stray);
        let r = b
            .apply_incoming(&Incoming {
                stream_seq: 1,
                author: "m-a".into(),
                author_name: "Sam".into(),
                change: mixed,
            })
            .unwrap();
        assert!(matches!(r, Applied::Ignored(_)), "{r:?}");
    }
}

#[test]
fn a_set_of_several_intakes_shares_each_person_with_their_own_case_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "Sam").unwrap();
    join(&store, "m-a", "Sam", 11);
    let d = crate::demo::generate(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), 1);
    let mut changes = store.changes();
    for case in d.cases.iter().take(3) {
        let person = d.persons.iter().find(|p| p.id == case.person_id).unwrap();
        changes.put(person, crate::store::AuditAction::Created);
        changes.put(case, crate::store::AuditAction::Created);
    }
    store.commit(changes).unwrap();
    let out = store.outgoing(usize::MAX).unwrap();
    assert_eq!(out.len(), 3);
    for o in &out {
        let people = o
            .records
            .iter()
            .filter(|r| matches!(r, SharedRecord::Person(_)))
            .count();
        assert_eq!(people, 1, "each change holds its own person only");
    }
}
