//! Unit tests of the app's stack: moving, help, quitting, resizing.

use super::*;
use crate::domain::case::CaseStatus;
use crate::domain::caseload::CaseloadView;
use crate::domain::ids::{CaseId, PersonId};
use crate::domain::referral::ReferralSource;
use chrono::NaiveDate;

fn row(i: u64) -> CaseOverview {
    CaseOverview {
        case_id: CaseId(i),
        person_id: PersonId(i),
        name: format!("Person {i:02}"),
        sort_name: format!("Person {i:02}"),
        nhs_number: None,
        status: CaseStatus::Active,
        referred_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        source: ReferralSource::Pharmacy,
        needs: vec![],
        days_open: 10,
        contacts_used: 1,
        contact_limit: 12,
        weeks_used: 1,
        week_limit: 12,
        next: None,
        last_contact: None,
        flags: vec![],
    }
}

fn app(n: u64) -> App {
    let mut app = App::new(
        (0..n).map(row).collect(),
        Keymap::default(),
        Theme::default_theme(),
        DataSource::Demo,
        "Sam".into(),
        Clock::fixed(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
    );
    app.caseload.set_view(CaseloadView::Open);
    app.resize(80, 14); // 14 - 3 lines of chrome - 3 of table frame = 8 rows
    app
}

#[test]
fn moving_keeps_selection_in_bounds_and_in_view() {
    let mut a = app(30);
    a.update(Action::MoveUp);
    assert_eq!(a.caseload.selected, 0);
    for _ in 0..9 {
        a.update(Action::MoveDown);
    }
    assert_eq!(a.caseload.selected, 9);
    assert_eq!(a.caseload.offset, 2);
    a.update(Action::Last);
    assert_eq!(a.caseload.selected, 29);
    assert_eq!(a.caseload.offset, 22);
    a.update(Action::PageUp);
    assert_eq!(a.caseload.selected, 21);
    assert_eq!(a.caseload.offset, 21);
    a.update(Action::First);
    assert_eq!((a.caseload.selected, a.caseload.offset), (0, 0));
}

#[test]
fn help_opens_closes_and_quit_stops() {
    let mut a = app(3);
    a.update(Action::ToggleHelp);
    assert_eq!(a.mode(), Mode::Help);
    a.update(Action::MoveDown);
    assert_eq!(a.screen::<Help>().map(|h| h.scroll), Some(1));
    assert_eq!(a.caseload.selected, 0);
    a.update(Action::Back);
    assert_eq!(a.mode(), Mode::Caseload);
    a.update(Action::Quit);
    assert!(!a.running);
}

#[test]
fn empty_caseload_is_safe() {
    let mut a = app(0);
    for action in Action::ALL {
        a.update(*action);
        while a.stack.len() > 1 {
            a.stack.pop();
        }
        a.stack[0] = CaseloadScreen::default().into();
    }
    assert_eq!(a.caseload.selected, 0);
}

#[test]
fn shrinking_the_window_keeps_the_selection_visible() {
    let mut a = app(30);
    a.update(Action::Last);
    a.resize(80, 40);
    a.resize(80, 12);
    let rows = 12 - 6;
    assert!(a.caseload.selected >= a.caseload.offset);
    assert!(a.caseload.selected < a.caseload.offset + rows);
}

#[test]
fn replacing_a_row_keeps_find_and_other_episodes_in_step() {
    let mut a = app(5);
    // Case 4 is a second episode of person 1.
    let mut second = row(4);
    second.person_id = PersonId(1);
    a.caseload.replace_row(second);
    let mut renamed = row(1);
    renamed.name = "Winifred Quartermaine".into();
    renamed.sort_name = "Quartermaine, Winifred".into();
    a.caseload.replace_row(renamed);
    a.caseload.query = "quartermane".into();
    a.caseload.refresh();
    let found: Vec<u64> = a
        .caseload
        .shown
        .iter()
        .map(|&i| a.caseload.rows[i].case_id.0)
        .collect();
    assert_eq!(
        found.len(),
        2,
        "both episodes of the renamed person: {found:?}"
    );
    assert!(found.contains(&1) && found.contains(&4));
    a.caseload.query = "Person 01".into();
    a.caseload.refresh();
    assert!(
        a.caseload
            .shown
            .iter()
            .all(|&i| a.caseload.rows[i].case_id.0 != 1),
        "old name gone"
    );
    let mut new_case = row(9);
    new_case.name = "Zebedee Newcome".into();
    new_case.sort_name = "Newcome, Zebedee".into();
    a.caseload.replace_row(new_case);
    a.caseload.query = "newcome".into();
    a.caseload.refresh();
    assert_eq!(a.caseload.shown.len(), 1, "an added row is indexed too");
}

#[test]
fn filter_values_cycle_through_none() {
    let statuses = CaseloadList::statuses();
    assert_eq!(step_option(statuses, None, 1), Some(statuses[0]));
    assert_eq!(step_option(statuses, Some(statuses[0]), -1), None);
    assert_eq!(
        step_option(statuses, None, -1),
        Some(statuses[statuses.len() - 1])
    );
}
