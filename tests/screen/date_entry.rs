//! One date entry everywhere: every form that asks when something happened
//! takes the same ways of typing a day, and Ctrl-u empties its field.
//! Today in these tests is Sunday 22 November 2026; each input below is
//! Saturday 21 November.

use super::{demo_app, key, press, today};
use linkwork::domain::case::{Case, CaseStatus};
use linkwork::domain::caseload::CaseloadView;
use linkwork::domain::contact::ContactEntry;
use linkwork::domain::ids::CaseId;
use linkwork::domain::ladder::Connection;
use linkwork::domain::wellbeing::WellbeingMeasure;
use linkwork::store::Store;
use linkwork::ui::app::{CaseworkForm, ContactForm};
use linkwork::ui::{App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SATURDAY: [&str; 7] = [
    "yesterday",
    "-1",
    "21/11",
    "21/11/2026",
    "21.11.26",
    "2026-11-21",
    "sat",
];

fn saturday() -> chrono::NaiveDate {
    today() - chrono::Duration::days(1)
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(&key(c));
    }
}

fn open(app: &mut App, id: CaseId) {
    while app.mode() != Mode::Caseload {
        press(app, KeyCode::Esc);
    }
    app.caseload.set_view(CaseloadView::Open);
    app.caseload.select_case(id);
    press(app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::CaseFile);
}

fn cases(store: &Store, status: CaseStatus) -> Vec<CaseId> {
    store
        .all::<Case>()
        .unwrap()
        .into_iter()
        .filter(|c| c.status == status)
        .map(|c| c.id)
        .collect()
}

/// The focused field of a casework form, emptied by Ctrl-u.
fn cleared(app: &mut App, form_text: impl Fn(&App) -> String) {
    ctrl(app, 'u');
    assert_eq!(form_text(app), "", "Ctrl-u empties the date field");
}

fn casework_text(app: &App) -> String {
    let f = app.screen::<CaseworkForm>().unwrap();
    match &f.fields[f.focus].value {
        linkwork::ui::app::FieldValue::Text(t) => t.clone(),
        linkwork::ui::app::FieldValue::Choice { .. } => "(a choice)".into(),
    }
}

#[test]
fn every_dated_form_takes_the_same_inputs_and_ctrl_u_clears_its_date() {
    let (_dir, store, mut app) = demo_app();
    let active = cases(&store, CaseStatus::Active);
    let referred = cases(&store, CaseStatus::Referred);
    let id = active[0];
    for (n, input) in SATURDAY.iter().enumerate() {
        // A contact.
        open(&mut app, id);
        app.handle_key(&key('c'));
        cleared(&mut app, |a| {
            a.screen::<ContactForm>().unwrap().date.clone()
        });
        typed(&mut app, input);
        ctrl(&mut app, 's');
        assert_eq!(app.mode(), Mode::CaseFile, "contact {input}");
        let newest = store
            .for_case::<ContactEntry>(id)
            .unwrap()
            .into_iter()
            .max_by_key(|c| c.id.0)
            .unwrap();
        assert_eq!(newest.on, saturday(), "contact {input}");

        // A risk raised.
        app.handle_key(&key('r'));
        typed(&mut app, "Lives alone since the winter");
        press(&mut app, KeyCode::Tab);
        ctrl(&mut app, 'u');
        assert_eq!(app.screen::<linkwork::ui::app::RiskForm>().unwrap().on, "");
        typed(&mut app, input);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.mode(), Mode::CaseFile, "risk {input}");
        let case = store.case_file(id).unwrap().case;
        assert_eq!(
            case.risk_flags.last().unwrap().raised,
            saturday(),
            "risk {input}"
        );

        // A wellbeing measure: the day it was taken is the last field.
        app.handle_key(&key('M'));
        press(&mut app, KeyCode::Tab);
        let items = app.screen::<CaseworkForm>().unwrap().fields.len() - 2;
        typed(&mut app, &"3".repeat(items));
        while app.screen::<CaseworkForm>().unwrap().fields
            [app.screen::<CaseworkForm>().unwrap().focus]
            .key
            != linkwork::ui::screens::casework_form::Field::TakenOn
        {
            press(&mut app, KeyCode::Tab);
        }
        cleared(&mut app, casework_text);
        typed(&mut app, input);
        ctrl(&mut app, 's');
        assert_eq!(app.mode(), Mode::CaseFile, "measure {input}");
        let newest = store
            .for_case::<WellbeingMeasure>(id)
            .unwrap()
            .into_iter()
            .max_by_key(|m| m.id.0)
            .unwrap();
        assert_eq!(newest.taken_on, saturday(), "measure {input}");

        // A status move (a referred case contacted), on its own case.
        open(&mut app, referred[n]);
        app.handle_key(&key('m'));
        press(&mut app, KeyCode::Enter); // the first allowed move: contacted
        ctrl(&mut app, 'u');
        assert_eq!(
            app.screen::<linkwork::ui::app::MoveStatusForm>()
                .unwrap()
                .on,
            "",
            "move {input}"
        );
        typed(&mut app, input);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.mode(), Mode::CaseFile, "move {input}");
        let c = store.case_file(referred[n]).unwrap().case;
        assert_eq!(
            c.entered(CaseStatus::Contacted),
            Some(saturday()),
            "move {input}"
        );

        // A connection ended, and a discharge, each on its own active case.
        let other = active[n + 1];
        open(&mut app, other);
        let live: Vec<Connection> = store
            .for_case::<Connection>(other)
            .unwrap()
            .into_iter()
            .filter(|c| c.is_live())
            .collect();
        if let Some(c) = live.first() {
            press(&mut app, KeyCode::Tab);
            press(&mut app, KeyCode::Tab);
            press(&mut app, KeyCode::Tab);
            app.handle_key(&key('E'));
            assert_eq!(app.mode(), Mode::CaseworkForm, "end {input}");
            press(&mut app, KeyCode::Right); // established with support
            press(&mut app, KeyCode::Right); // not for them
            while casework_text(&app) == "(a choice)" {
                press(&mut app, KeyCode::Tab);
            }
            cleared(&mut app, casework_text);
            typed(&mut app, input);
            ctrl(&mut app, 's');
            let ended = store
                .for_case::<Connection>(other)
                .unwrap()
                .into_iter()
                .filter_map(|x| x.ended.map(|e| e.on))
                .max();
            assert_eq!(ended, Some(saturday()), "end {input} ({})", c.service_name);
            open(&mut app, other);
        }
        app.handle_key(&key('D'));
        press(&mut app, KeyCode::Tab);
        cleared(&mut app, casework_text);
        typed(&mut app, input);
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Right); // final measure: not taken
        ctrl(&mut app, 's');
        let c = store.case_file(other).unwrap().case;
        assert_eq!(c.ended_on(), Some(saturday()), "discharge {input}");
        assert_eq!(c.status, CaseStatus::Closed);
    }
    // A day still to come is refused in each of these forms.
    open(&mut app, id);
    app.handle_key(&key('c'));
    ctrl(&mut app, 'u');
    typed(&mut app, "+1");
    ctrl(&mut app, 's');
    assert_eq!(
        app.mode(),
        Mode::ContactForm,
        "tomorrow's contact is refused"
    );
}
