//! The message back to the referrer and GP, through the real binary:
//! golden files for a closed case with consent to share and one without;
//! without consent the letter carries only codes and dates.

#[path = "support/pty.rs"]
mod pty;

use linkwork::domain::case::{Case, CaseStatus};
use linkwork::domain::contact::ContactEntry;
use linkwork::domain::conversation::Conversation;
use linkwork::domain::ladder::Connection;
use linkwork::domain::person::Person;
use linkwork::domain::referral::Consent;
use linkwork::domain::wellbeing::{Scores, WellbeingMeasure};
use linkwork::store::Store;
use pty::Home;

/// Consent to share as the letter reads it: the last conversation's,
/// else the referral's.
fn consent(store: &Store, case: &Case) -> Consent {
    store
        .for_case::<Conversation>(case.id)
        .unwrap()
        .iter()
        .rfind(|c| c.consent_to_share != Consent::NotAsked)
        .map_or(case.referral.consent_to_share, |c| c.consent_to_share)
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
