//! Wellbeing answers typed from the keyboard are saved as typed: every
//! value of every item of every instrument, and a 0 followed by another
//! answer (which used to merge into "01").

use super::{demo_app, key, press};
use linkwork::domain::case::{Case, CaseStatus};
use linkwork::domain::caseload::CaseloadView;
use linkwork::domain::wellbeing::{Instrument, Scores, WellbeingMeasure};
use linkwork::store::Store;
use linkwork::ui::app::CaseworkForm;
use linkwork::ui::screens::casework_form::Field;
use linkwork::ui::{App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn items(scores: &Scores) -> Vec<u8> {
    match scores {
        Scores::Ons4(s) => vec![s.life_satisfaction, s.worthwhile, s.happy, s.anxious],
        Scores::Who5(s) => s.items.to_vec(),
        Scores::Swemwbs(s) => s.items.to_vec(),
    }
}

/// Takes a measure with `instrument` from the case file by typing `keys`,
/// and returns the answers the store saved.
fn measure(app: &mut App, store: &Store, instrument: Instrument, keys: &str) -> Vec<u8> {
    app.handle_key(&key('M'));
    assert_eq!(app.mode(), Mode::CaseworkForm);
    for _ in 0..Instrument::ALL.len() {
        let chosen = app
            .screen::<CaseworkForm>()
            .unwrap()
            .choice(Field::Instrument);
        if Instrument::ALL[chosen] == instrument {
            break;
        }
        press(app, KeyCode::Right);
    }
    press(app, KeyCode::Tab);
    for c in keys.chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(
        app.mode(),
        Mode::CaseFile,
        "saved {instrument:?} {keys}: {:?}",
        app.screen::<CaseworkForm>().and_then(|f| f.message.clone())
    );
    let newest = store
        .all::<WellbeingMeasure>()
        .unwrap()
        .into_iter()
        .max_by_key(|m| m.id.0)
        .unwrap();
    assert_eq!(newest.scores.instrument(), instrument);
    items(&newest.scores)
}

fn open_case(app: &mut App, store: &Store) {
    let case = store
        .all::<Case>()
        .unwrap()
        .into_iter()
        .find(|c| c.status == CaseStatus::Active)
        .unwrap();
    app.caseload.set_view(CaseloadView::Open);
    app.caseload.select_case(case.id);
    press(app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::CaseFile);
}

#[test]
fn every_value_of_every_item_of_every_instrument_is_saved_as_typed() {
    let (_dir, store, mut app) = demo_app();
    open_case(&mut app, &store);
    for instrument in Instrument::ALL {
        let (min, max) = instrument.scale();
        let n = instrument.items().len();
        for v in min..=max {
            let keys = v.to_string().repeat(n);
            let saved = measure(&mut app, &store, instrument, &keys);
            assert_eq!(saved, vec![v; n], "{instrument:?} typed {keys}");
        }
    }
}

#[test]
fn a_zero_answer_never_joins_the_next_one() {
    let (_dir, store, mut app) = demo_app();
    open_case(&mut app, &store);
    // Ben Read's baseline in the case study: 1 1 1 0 1.
    assert_eq!(
        measure(&mut app, &store, Instrument::Who5, "11101"),
        [1, 1, 1, 0, 1]
    );
    assert_eq!(
        measure(&mut app, &store, Instrument::Ons4, "03101"),
        [0, 3, 10, 1]
    );
    assert_eq!(
        measure(&mut app, &store, Instrument::Ons4, "13100"),
        [1, 3, 10, 0]
    );
    assert_eq!(
        measure(&mut app, &store, Instrument::Swemwbs, "5123451"),
        [5, 1, 2, 3, 4, 5, 1]
    );
}

#[test]
fn an_answer_outside_the_scale_is_refused_with_the_scale() {
    let (_dir, store, mut app) = demo_app();
    open_case(&mut app, &store);
    app.handle_key(&key('M'));
    for _ in 0..Instrument::ALL.len() {
        let chosen = app
            .screen::<CaseworkForm>()
            .unwrap()
            .choice(Field::Instrument);
        if Instrument::ALL[chosen] == Instrument::Swemwbs {
            break;
        }
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Tab);
    app.handle_key(&key('0'));
    let form = app.screen::<CaseworkForm>().unwrap();
    assert_eq!(form.message.as_deref(), Some("Answers go from 1 to 5."));
    assert_eq!(form.text(Field::Item(0)), "");
}

#[test]
fn ctrl_c_never_throws_away_a_typed_note_without_asking() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let (_dir, store, mut app) = demo_app();
    open_case(&mut app, &store);
    // An empty form: nothing typed, so Ctrl-c leaves at once.
    app.handle_key(&key('c'));
    assert_eq!(app.mode(), Mode::ContactForm);
    app.handle_key(&ctrl_c);
    assert!(!app.running, "nothing typed, nothing to lose");

    let (_dir, store, mut app) = demo_app();
    open_case(&mut app, &store);
    app.handle_key(&key('c'));
    // To the note, the last field.
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    for c in "Talked about the allotment".chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&ctrl_c);
    assert!(app.running, "asked first");
    assert_eq!(app.mode(), Mode::ConfirmQuit);
    let screen = super::text(super::render(&mut app, 80, 24).backend().buffer());
    assert!(
        screen.contains("loses the contact you were logging"),
        "{screen}"
    );
    // n goes back to the form with the note as it was.
    app.handle_key(&key('n'));
    assert_eq!(app.mode(), Mode::ContactForm);
    let note = app
        .screen::<linkwork::ui::app::ContactForm>()
        .unwrap()
        .notes
        .lines()
        .join("\n");
    assert_eq!(note, "Talked about the allotment");
    // Asked again and answered y: leave.
    app.handle_key(&ctrl_c);
    app.handle_key(&key('y'));
    assert!(!app.running);
}
