//! What counts as a contact with the person: not a call about them with
//! someone else, and not a step-1 talk held in the same meeting as a
//! logged contact.

use super::*;
use crate::domain::ids::{ConnectionId, ServiceId};
use crate::domain::ladder::{LadderEvent, Rung};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn logged(id: u64, on: NaiveDate, reach: Reach, purpose: ContactPurpose) -> ContactEntry {
    ContactEntry {
        id: ContactId(id),
        case_id: CaseId(1),
        on,
        mode: ContactMode::Phone,
        minutes: 20,
        purpose,
        notes: String::new(),
        reach,
        revisions: Vec::new(),
        struck: None,
    }
}

fn step(on: NaiveDate, rung: Rung) -> LadderEvent {
    crate::domain::fixtures::attended(on.and_hms_opt(11, 0, 0).unwrap(), rung)
}

#[test]
fn a_call_about_the_person_and_a_talk_in_the_same_meeting_are_not_more_contacts() {
    let contacts = [
        logged(1, day(2), Reach::Reached, ContactPurpose::FirstContact),
        logged(2, day(9), Reach::Reached, ContactPurpose::WhatMatters),
        // The lunch club's organiser, to arrange the first visit.
        logged(
            3,
            day(10),
            Reach::AboutThem,
            ContactPurpose::ConnectionSupport,
        ),
        logged(4, day(11), Reach::NoAnswer, ContactPurpose::CheckIn),
    ];
    let connection = Connection {
        id: ConnectionId(1),
        case_id: CaseId(1),
        service_id: ServiceId::from("lunch"),
        service_name: "Village lunch".into(),
        goal: None,
        started: day(9),
        rung: Rung::AttendingTogether,
        next: None,
        // Talked through in the conversation of 9 March; together on 19.
        events: vec![
            step(day(9), Rung::Discussion),
            step(day(19), Rung::AttendingTogether),
        ],
        visit_plan: None,
        ended: None,
    };
    let days: Vec<NaiveDate> = counted(&contacts, [&connection])
        .iter()
        .map(|c| c.on)
        .collect();
    assert_eq!(days, [day(2), day(9), day(19)]);
    assert!(contacts[2].is_about() && !contacts[2].counts() && !contacts[2].is_attempt());
    assert!(contacts[3].is_attempt());
    // A talk on a day with no logged contact is a contact of its own.
    let alone = Connection {
        events: vec![step(day(12), Rung::Discussion)],
        ..connection
    };
    let days: Vec<NaiveDate> = counted(&contacts, [&alone]).iter().map(|c| c.on).collect();
    assert_eq!(days, [day(2), day(9), day(12)]);
}
