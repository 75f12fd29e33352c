//! The letter's parts that real stories got wrong: the name the practice
//! files under, who it is sent to, the risks section, and which services
//! count as connections.

use super::*;
use crate::domain::case::{RiskFlag, RiskKind};
use crate::domain::fixtures;
use crate::domain::ids::{CaseId, ConnectionId, PersonId, ServiceId};
use crate::domain::ladder::{ConnectionEnd, ConnectionEndReason, Rung};
use crate::domain::referral::{Need, ReferralSource};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, d).unwrap()
}

fn case(source: ReferralSource) -> Case {
    let mut referral = fixtures::referral(day(1), source, Need::Loneliness, Consent::Yes);
    referral.referrer_name = Some("Mrs Ann Pryce".into());
    Case::open(CaseId(1), PersonId(1), 1, referral, "Sam", fixtures::noon())
}

fn connection(name: &str, steps: &[Rung], ended: Option<ConnectionEndReason>) -> Connection {
    Connection {
        id: ConnectionId(1),
        case_id: CaseId(1),
        service_id: ServiceId::from(name),
        service_name: name.into(),
        goal: None,
        started: day(2),
        rung: steps.last().copied().unwrap_or(Rung::Discussion),
        next: None,
        events: steps
            .iter()
            .enumerate()
            .map(|(i, rung)| {
                fixtures::attended(day(3 + i as u32).and_hms_opt(10, 0, 0).unwrap(), *rung)
            })
            .collect(),
        visit_plan: None,
        ended: ended.map(|reason| ConnectionEnd {
            on: day(20),
            reason,
        }),
    }
}

fn letter(person: &Person, case: &Case, connections: &[Connection]) -> String {
    discharge_letter(LetterFrom {
        person,
        case,
        consent: Consent::Yes,
        contacts: &[],
        connections,
        measures: &[],
        worker: None,
        today: day(30),
    })
}

#[test]
fn the_practice_gets_the_legal_name_with_the_one_the_person_goes_by() {
    let mut xander = fixtures::person(1, "Xander", "Pryce");
    xander.preferred_name = Some("X".into());
    let text = letter(&xander, &case(ReferralSource::GeneralPractice), &[]);
    assert!(text.contains("Name: Xander Pryce (known as X)\n"), "{text}");
    xander.preferred_name = Some("Xander".into());
    let text = letter(&xander, &case(ReferralSource::GeneralPractice), &[]);
    assert!(text.contains("Name: Xander Pryce\n"), "{text}");
}

#[test]
fn a_family_referrer_is_named_but_not_sent_the_letter() {
    let person = fixtures::person(1, "Xander", "Pryce");
    let text = letter(&person, &case(ReferralSource::FamilyFriendOrCarer), &[]);
    assert!(text.contains("To: the GP practice\n"), "{text}");
    assert!(
        text.contains("Referred by: Mrs Ann Pryce (family, friend or carer); not sent this letter"),
        "{text}"
    );
    assert!(!text.contains("To: Mrs"), "{text}");
    let text = letter(&person, &case(ReferralSource::Pharmacy), &[]);
    assert!(
        text.contains("To: Mrs Ann Pryce; and the GP practice\n"),
        "{text}"
    );
}

#[test]
fn the_risks_section_is_never_empty_and_names_open_flags() {
    let person = fixtures::person(1, "Xander", "Pryce");
    let mut c = case(ReferralSource::GeneralPractice);
    let text = letter(&person, &c, &[]);
    assert!(text.contains("## Risks\nNo known risks.\n"), "{text}");
    c.risk_flags.push(RiskFlag {
        kind: RiskKind::RiskToSelf,
        note: "Spoke of not wanting to go on; crisis line given".into(),
        raised: day(4),
        cleared: None,
    });
    c.risk_flags.push(RiskFlag {
        kind: RiskKind::LoneWorking,
        note: String::new(),
        raised: day(2),
        cleared: Some(day(9)),
    });
    let text = letter(&person, &c, &[]);
    assert!(
        text.contains(
            "- Risk to self: raised 4 October 2026, still open. Spoke of not wanting to go on; crisis line given\n\
             - Lone working: raised 2 October 2026, cleared 9 October 2026\n"
        ),
        "{text}"
    );
}

#[test]
fn only_services_taken_up_are_connections_and_those_not_for_them_are_listed_apart() {
    let person = fixtures::person(1, "Xander", "Pryce");
    let c = case(ReferralSource::GeneralPractice);
    let connections = [
        connection(
            "Choir",
            &[Rung::Discussion, Rung::AttendingTogether, Rung::Independent],
            Some(ConnectionEndReason::Established),
        ),
        connection(
            "Pottery",
            &[Rung::Discussion],
            Some(ConnectionEndReason::NotForThem),
        ),
        connection(
            "Yoga",
            &[Rung::AttendingTogether],
            Some(ConnectionEndReason::NotForThem),
        ),
        connection("Book club", &[], None),
    ];
    let text = letter(&person, &c, &connections);
    assert!(
        text.contains(
            "## Connected to\n- Choir: attends independently (step 6 of 6); ended 20 October 2026 (established: attends independently)\n\
             Tried, not for them: Pottery, Yoga.\n\
             Suggested, not taken up: Book club.\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Book club: discussion"), "{text}");
}
