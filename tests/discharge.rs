//! The message back to the referrer and GP, through the real binary:
//! golden files for a closed case with consent to share and one without;
//! without consent the letter carries only codes and dates.

#[path = "support/pty.rs"]
mod pty;

use linkwork::domain::case::{Case, CaseStatus};
use linkwork::domain::contact::ContactEntry;
use linkwork::domain::ladder::Connection;
use linkwork::domain::person::Person;
use linkwork::domain::referral::Consent;
use linkwork::domain::wellbeing::{Scores, WellbeingMeasure};
use linkwork::store::Store;
use pty::Home;

/// Consent to share as the letter reads it: the case's latest answer.
fn consent(_store: &Store, case: &Case) -> Consent {
    case.consent()
}

fn letter(home: &Home, dir: &str, case: u64) -> std::process::Output {
    home.command(&["discharge-letter", &case.to_string(), "--data-dir", dir])
        .env("LINKWORK_TODAY", "2026-11-22")
        .output()
        .unwrap()
}

#[test]
fn discharge_letters_with_and_without_consent() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    home.seed_demo(&data);
    let (with, without, open, forbidden, needed_person) = {
        let store = Store::open(&data, "test").unwrap();
        let cases: Vec<Case> = store.all().unwrap();
        let closed = |wanted: Consent| {
            cases
                .iter()
                .filter(|c| c.status == CaseStatus::Closed && c.discharge.is_some())
                .find(|c| consent(&store, c) == wanted)
                .cloned()
                .expect("a closed demo case")
        };
        let with = closed(Consent::Yes);
        let without = closed(Consent::No);
        let open = cases.iter().find(|c| c.status.is_open()).unwrap().id.0;
        // Everything personal about the case without consent.
        let person: Person = store
            .all::<Person>()
            .unwrap()
            .into_iter()
            .find(|p| p.id == without.person_id)
            .unwrap();
        // Who it is about is always there (the practice files the codes
        // against the patient); what the support was is not.
        let needed_person = vec![
            format!("Name: {}", person.display_name()),
            format!(
                "Born: {}",
                person.date_of_birth.unwrap().format("%-d %B %Y")
            ),
            "NHS number: ".to_owned(),
        ];
        let mut forbidden = Vec::new();
        forbidden.extend(person.postcode.clone());
        forbidden.extend(person.address.clone());
        let id = without.id;
        forbidden.extend(
            store
                .for_case::<ContactEntry>(id)
                .unwrap()
                .into_iter()
                .map(|c| c.notes)
                .filter(|n| !n.is_empty()),
        );
        forbidden.extend(
            store
                .for_case::<Connection>(id)
                .unwrap()
                .into_iter()
                .map(|c| c.service_name),
        );
        for m in store.for_case::<WellbeingMeasure>(id).unwrap() {
            forbidden.push(m.scores.summary());
            if let Scores::Who5(w) = m.scores {
                forbidden.push(format!("{} %", w.percentage()));
            }
        }
        let discharge = without.discharge.clone().unwrap();
        forbidden.push(discharge.summary.clone());
        forbidden.push(discharge.reason.label().to_owned());
        forbidden.extend(without.referral.referrer_name.clone());
        (with.id.0, without.id.0, open, forbidden, needed_person)
    };
    let out = letter(&home, d, with);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        include_str!("golden/discharge-letter-consent.md")
    );
    let out = letter(&home, d, without);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(text, include_str!("golden/discharge-letter-no-consent.md"));
    for f in &forbidden {
        assert!(!text.contains(f.as_str()), "{f:?} appears in:\n{text}");
    }
    for needed in ["871731000000106", "Referral received:", "Support ended:"] {
        assert!(text.contains(needed), "{needed}");
    }
    for needed in &needed_person {
        assert!(text.contains(needed.as_str()), "{needed} in:\n{text}");
    }
    // An open case has no letter yet: one sentence, exit 1, nothing written.
    let out = letter(&home, d, open);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is still open"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn the_visit_card_says_where_to_meet_and_who_goes() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    home.seed_demo(&data);
    let c = {
        let store = Store::open(&data, "test").unwrap();
        store
            .all::<Connection>()
            .unwrap()
            .into_iter()
            .find(|c| c.is_live() && c.visit_plan.is_some() && c.next.is_some())
            .expect("a planned visit in the demo")
    };
    let out = home
        .command(&["visit-card", &c.id.0.to_string(), "--data-dir", d])
        .env("LINKWORK_TODAY", "2026-11-22")
        .output()
        .unwrap();
    assert!(out.status.success());
    let card = String::from_utf8_lossy(&out.stdout);
    let plan = c.visit_plan.unwrap();
    let next = c.next.unwrap();
    for part in [
        format!("# Your visit: {}", c.service_name),
        format!("When: {}.", next.at.format("%A %-d %B %Y at %H:%M")),
        format!(
            "## Where to meet\n{}",
            plan.meeting_point.trim_end_matches('.')
        ),
        "If you cannot go, tell your link worker".to_owned(),
    ] {
        assert!(card.contains(&part), "{part:?} in\n{card}");
    }
    for clinical in ["SNOMED", "NHS", "risk"] {
        assert!(!card.contains(clinical), "{clinical}");
    }
    let none = home
        .command(&["visit-card", "999999", "--data-dir", d])
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(1));
    let err = String::from_utf8_lossy(&none.stderr);
    assert!(err.contains("There is no connection 999999"), "{err}");
}

/// A golden file: compared, or written when `UPDATE_GOLDEN` is set.
fn golden(name: &str, text: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(text, want, "{name} (UPDATE_GOLDEN=1 rewrites it)");
}

/// A referral of 30 October 2026 with consent to share.
fn referral(store: &Store, given: &str, family: &str, nhs: &str) -> linkwork::domain::ids::CaseId {
    use linkwork::domain::intake::{IntakeDraft, IntakeField};
    use linkwork::domain::referral::{Need, ReferralSource};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut draft = IntakeDraft::new(today);
    *draft.get_mut(IntakeField::GivenName) = given.into();
    *draft.get_mut(IntakeField::FamilyName) = family.into();
    *draft.get_mut(IntakeField::DateOfBirth) = "2/5/1958".into();
    *draft.get_mut(IntakeField::NhsNumber) = nhs.into();
    *draft.get_mut(IntakeField::GpPractice) = "Monton Medical Practice".into();
    *draft.get_mut(IntakeField::Received) = "30/10/2026".into();
    *draft.get_mut(IntakeField::Referrer) = "Dr Amara Osei".into();
    draft.source = Some(ReferralSource::GeneralPractice);
    draft.needs = vec![Need::Loneliness];
    draft.consent = Consent::Yes;
    store.create_referral(&draft, None, today).unwrap()
}

#[test]
fn letters_for_a_person_never_reached_and_one_who_declined() {
    use linkwork::domain::contact::{ContactMode, ContactPurpose, Reach};
    use linkwork::store::ContactDraft;
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    home.seed_demo(&data);
    let (unreached, declined) = {
        let store = Store::open(&data, "test").unwrap();
        let attempt = |on, mode, reach| ContactDraft {
            on,
            mode,
            minutes: 5,
            purpose: ContactPurpose::FirstContact,
            notes: "no reply".into(),
            reach,
        };
        // Three attempts, then not contactable.
        let a = referral(&store, "Peter", "Quayle", "9434765870");
        store
            .log_contact(a, attempt(day(2), ContactMode::Phone, Reach::NoAnswer))
            .unwrap();
        store
            .log_contact(a, attempt(day(5), ContactMode::Phone, Reach::MessageLeft))
            .unwrap();
        store
            .log_contact(a, attempt(day(9), ContactMode::Text, Reach::LetterSent))
            .unwrap();
        store
            .move_case(
                a,
                CaseStatus::NotContactable,
                Some("three attempts, no reply".into()),
                day(16),
            )
            .unwrap();
        // Reached, then declined.
        let b = referral(&store, "Rita", "Sowerby", "9434765889");
        let mut talk = attempt(day(3), ContactMode::Phone, Reach::Reached);
        talk.notes = "would rather not for now".into();
        store.log_contact(b, talk).unwrap();
        store
            .move_case(
                b,
                CaseStatus::Declined,
                Some("not ready for groups yet".into()),
                day(4),
            )
            .unwrap();
        (a.0, b.0)
    };
    let out = letter(&home, d, unreached);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    golden("discharge-letter-not-contactable.md", &text);
    for needed in [
        "0 contacts.",
        "3 attempts to reach them:",
        "- 2 November 2026: no answer (phone)",
        "- 9 November 2026: letter sent (text)",
    ] {
        assert!(text.contains(needed), "{needed}:\n{text}");
    }
    assert!(!text.contains("no reply"), "notes stay in the record");
    let out = letter(&home, d, declined);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    golden("discharge-letter-declined.md", &text);
    assert!(text.contains("871711000000103"), "{text}");
    assert!(text.contains("on 4 November 2026"), "{text}");
    assert!(!text.contains("would rather not"), "{text}");
}
