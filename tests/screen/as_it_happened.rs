//! Ben Read's patient (seed 003), re-recorded from the keyboard months
//! after the work, with the dates it happened in August-December 2018:
//! every date in the case file, the letter and the report CSV is the date
//! entered; the WHO-5 baseline `1 1 1 0 1` scores as typed; the four
//! ladder steps with the worker count as contacts.

use super::{key, press, render, text};
use linkwork::domain::case::{Case, CaseStatus};
use linkwork::domain::caseload::CaseloadView;
use linkwork::domain::contact::ContactEntry;
use linkwork::domain::ids::CaseId;
use linkwork::domain::intake::{IntakeDraft, IntakeField};
use linkwork::domain::ladder::{Connection, Rung};
use linkwork::domain::referral::{Consent, Need, ReferralSource, SnomedCode};
use linkwork::domain::wellbeing::{MeasurePoint, Scores, WellbeingMeasure};
use linkwork::store::Store;
use linkwork::ui::{App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;

/// The day the worker types it all up.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(&key(c));
    }
}

/// Empties the field (Ctrl-u) and types `s`.
fn retype(app: &mut App, s: &str) {
    ctrl(app, 'u');
    typed(app, s);
}

fn screen(app: &mut App) -> String {
    text(render(app, 110, 34).backend().buffer())
}

/// The screen's text without spaces and borders, so a check does not
/// depend on where a line wraps (the correction stamp carries the day the
/// test runs).
fn flat(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

/// The demo directory and caseload, with the referral received on 6 August
/// 2018 (typed as `6/8/18`, read as a day that has happened).
fn setup() -> (tempfile::TempDir, Arc<Store>, App, CaseId) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "Sam").unwrap();
    linkwork::demo::seed(&store, today()).unwrap();
    let mut draft = IntakeDraft::new(today());
    *draft.get_mut(IntakeField::GivenName) = "Daniel".into();
    *draft.get_mut(IntakeField::FamilyName) = "Okafor".into();
    *draft.get_mut(IntakeField::DateOfBirth) = "14/3/97".into();
    *draft.get_mut(IntakeField::NhsNumber) = "9434765919".into();
    *draft.get_mut(IntakeField::Received) = "6/8/18".into();
    *draft.get_mut(IntakeField::Reason) =
        "Socially isolated after a suicide attempt; anxious in groups".into();
    draft.source = Some(ReferralSource::MultiDisciplinaryTeam);
    draft.needs = vec![Need::Loneliness];
    draft.consent = Consent::Yes;
    let id = store.create_referral(&draft, None, today()).unwrap();
    let store = Arc::new(store);
    let rows = store.caseload(today()).unwrap();
    let mut app = App::new(
        rows,
        linkwork::ui::Keymap::default(),
        linkwork::ui::Theme::default_theme(),
        linkwork::ui::DataSource::Demo,
        "Sam Patel".into(),
        linkwork::clock::Clock::fixed(today()),
    )
    .with_backend(store.clone());
    app.load_directory_now();
    app.caseload.set_view(CaseloadView::Open);
    app.caseload.select_case(id);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::CaseFile);
    (dir, store, app, id)
}

fn case(store: &Store, id: CaseId) -> Case {
    store
        .all::<Case>()
        .unwrap()
        .into_iter()
        .find(|c| c.id == id)
        .unwrap()
}

#[test]
fn a_case_recorded_afterwards_keeps_every_date_it_happened() {
    let (_dir, store, mut app, id) = setup();
    assert_eq!(case(&store, id).referral.received, d(2018, 8, 6));

    // First contact, 13 August 2018: the case is Contacted as of that day.
    app.handle_key(&key('c'));
    retype(&mut app, "13/8/18");
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::CaseFile, "{}", screen(&mut app));
    assert_eq!(
        case(&store, id).entered(CaseStatus::Contacted),
        Some(d(2018, 8, 13))
    );

    // The conversation, held on 20 August 2018, with a WHO-5 baseline of
    // 1 1 1 0 1.
    app.handle_key(&key('w'));
    typed(&mut app, " ");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right); // consent to share: yes
    press(&mut app, KeyCode::Enter);
    retype(&mut app, "20/8/2018");
    let s = screen(&mut app);
    assert!(s.contains("Mon 20 Aug 2018"), "{s}");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    for _ in 0..4 {
        ctrl(&mut app, 'n');
    }
    press(&mut app, KeyCode::Right); // safety: no risks identified
    ctrl(&mut app, 'n');
    press(&mut app, KeyCode::Right); // WHO-5
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "11101");
    ctrl(&mut app, 'n');
    typed(&mut app, "Run with other people");
    ctrl(&mut app, 'n');
    ctrl(&mut app, 'n');
    assert_eq!(app.mode(), Mode::Plan, "{}", screen(&mut app));
    let measures: Vec<WellbeingMeasure> = store.for_case(id).unwrap();
    assert_eq!(measures.len(), 1);
    assert_eq!(
        measures[0].taken_on,
        d(2018, 8, 20),
        "the conversation's day"
    );
    assert_eq!(measures[0].point, MeasurePoint::Baseline);
    match &measures[0].scores {
        Scores::Who5(w) => {
            assert_eq!(w.items, [1, 1, 1, 0, 1]);
            assert_eq!(w.percentage(), 16);
        }
        other => panic!("{other:?}"),
    }

    // A service for the goal, then the plan agreed on 27 August 2018: the
    // move to Active is offered on that day and records the acceptance.
    for _ in 0..4 {
        app.handle_key(&key('j'));
    }
    press(&mut app, KeyCode::Enter);
    let connections: Vec<Connection> = store.for_case(id).unwrap();
    assert_eq!(connections.len(), 1, "{}", screen(&mut app));
    app.handle_key(&key('a'));
    retype(&mut app, "27/8/18");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::MoveStatus, "{}", screen(&mut app));
    assert!(screen(&mut app).contains("move the case to Active?"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Plan, "{}", screen(&mut app));
    let c = case(&store, id);
    assert_eq!(c.status, CaseStatus::Active);
    assert_eq!(c.entered(CaseStatus::Active), Some(d(2018, 8, 27)));
    assert!(
        c.referral
            .snomed_events
            .iter()
            .any(|e| e.code == SnomedCode::ReferralAccepted && e.on == d(2018, 8, 27))
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::CaseFile);

    // Four steps down the ladder from 3 September 2018: the first typed,
    // each next one the step linkwork proposes, on the service's next
    // session (it meets on Mondays and Saturdays).
    for _ in 0..7 {
        if screen(&mut app).contains("Ladder") {
            break;
        }
        press(&mut app, KeyCode::Tab);
    }
    assert!(screen(&mut app).contains("Ladder"), "{}", screen(&mut app));
    app.handle_key(&key('o'));
    retype(&mut app, "3/9/2018 18:30");
    ctrl(&mut app, 's');
    for _ in 0..3 {
        ctrl(&mut app, 's'); // plan the proposed next step
        assert_eq!(app.mode(), Mode::CaseFile, "{}", screen(&mut app));
        app.handle_key(&key('o'));
        ctrl(&mut app, 's'); // it happened as planned
    }
    press(&mut app, KeyCode::Esc); // the fifth step is left unplanned
    let connection = store.for_case::<Connection>(id).unwrap().pop().unwrap();
    let steps: Vec<_> = connection
        .events
        .iter()
        .map(|e| (e.at.date(), e.rung))
        .collect();
    assert_eq!(
        steps,
        [
            (d(2018, 9, 3), Rung::Discussion),
            (d(2018, 9, 8), Rung::PlanningVisit),
            (d(2018, 9, 10), Rung::AttendingTogether),
            (d(2018, 9, 15), Rung::DistantShadowing),
        ]
    );
    assert_eq!(
        connection.started,
        d(2018, 9, 3),
        "no later than its first step"
    );

    // Discharged on 14 December 2018 with a final WHO-5 taken that day.
    app.handle_key(&key('D'));
    press(&mut app, KeyCode::Tab);
    retype(&mut app, "14/12/18");
    ctrl(&mut app, 's');
    let s = screen(&mut app);
    assert!(s.contains("14/12/2018"), "the final measure's day:\n{s}");
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "33343");
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::CaseFile, "{}", screen(&mut app));
    let c = case(&store, id);
    assert_eq!(c.status, CaseStatus::Closed);
    assert_eq!(c.ended_on(), Some(d(2018, 12, 14)));
    assert!(
        c.status_history
            .iter()
            .filter(|s| !s.to.is_open())
            .all(|s| s.day() == d(2018, 12, 14))
    );
    let last: WellbeingMeasure = store
        .for_case::<WellbeingMeasure>(id)
        .unwrap()
        .into_iter()
        .max_by_key(|m| m.taken_on)
        .unwrap();
    assert_eq!(last.taken_on, d(2018, 12, 14));
    assert_eq!(last.point, MeasurePoint::Final);

    // The case file: every status on the day it happened.
    let s = screen(&mut app);
    assert!(s.contains("Closed"), "{s}");
    for _ in 0..3 {
        press(&mut app, KeyCode::BackTab); // Connections to Summary
    }
    let s = text(render(&mut app, 110, 60).backend().buffer());
    for day in [
        "6 Aug 2018 Referred",
        "13 Aug 2018 Contacted",
        "27 Aug 2018 Active",
        "14 Dec 2018 Closed",
    ] {
        assert!(s.contains(day), "{day}:\n{s}");
    }

    // The letter: the dates entered, five contacts (one logged, four ladder
    // steps with the worker), WHO-5 first against last.
    let letter = store.discharge_letter(id, None, today()).unwrap();
    for line in [
        "Referral received: 6 August 2018",
        "First contact: 13 August 2018",
        "Support ended: 14 December 2018",
        "871731000000106 |Referral to social prescribing service| on 27 August 2018",
        "5 contacts (of which 4 at support steps with the link worker).",
        "WHO-5",
    ] {
        assert!(letter.contains(line), "{line}:\n{letter}");
    }
    for line in letter.lines().filter(|l| l.contains("2026")) {
        assert!(line.starts_with("Written "), "a date of today in {line:?}");
    }
    let logged: Vec<ContactEntry> = store.for_case(id).unwrap();
    assert_eq!(logged.len(), 1, "each visit was logged once, on the ladder");

    // The report of 2018: the row carries the dates entered.
    let report = store.report(d(2018, 8, 1), d(2018, 12, 31), false).unwrap();
    let csv = linkwork::domain::report::report_csv(&report).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv
        .lines()
        .skip(1)
        .find(|l| l.contains("2018-08-06"))
        .expect("the 2018 case in the report")
        .split(',')
        .collect();
    let field = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(field("referred_on"), "2018-08-06");
    assert_eq!(field("ended_on"), "2018-12-14");
    assert_eq!(field("days_to_first_contact"), "7");
    assert_eq!(field("contacts"), "5");
    assert_eq!(report.closed, 1, "closed in the period it ended in");
}

#[test]
fn consent_is_one_fact_the_latest_answer_with_its_history() {
    use linkwork::domain::conversation::Flow;
    let (_dir, store, mut app, id) = setup();
    // Referral: yes. The conversation, held on 20 August 2018: no.
    use chrono::TimeZone;
    let noon = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
    let mut flow = Flow::start(id, None, noon);
    flow.conversation.consent_to_share = Consent::No;
    flow.conversation.held_on = Some(d(2018, 8, 20));
    store.save_conversation(&flow.conversation).unwrap();
    let c = case(&store, id);
    assert_eq!(
        c.referral.consent_to_share,
        Consent::Yes,
        "the referral's answer is kept"
    );
    assert_eq!(c.consent(), Consent::No);
    assert_eq!(c.consent_changes[0].on, d(2018, 8, 20));
    // The header and Summary say so once the case is read again.
    press(&mut app, KeyCode::Esc);
    app.caseload.select_case(id);
    press(&mut app, KeyCode::Enter);
    let s = text(render(&mut app, 110, 60).backend().buffer());
    assert!(s.lines().next().unwrap().contains("no consent"), "{s}");
    assert!(
        s.contains(
            "Consent to share      No (in the conversation on 20 Aug 2018; at referral: yes)"
        ),
        "{s}"
    );
}

/// Reopens the case file (so the screen shows what the store holds).
fn reopen(app: &mut App, id: CaseId) {
    while app.mode() != Mode::Caseload {
        press(app, KeyCode::Esc);
    }
    app.caseload.set_view(CaseloadView::Open);
    app.caseload.select_case(id);
    press(app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::CaseFile);
}

fn to_tab(app: &mut App, tab: linkwork::ui::app::CaseTab) {
    for _ in 0..7 {
        if app.case_file.as_ref().unwrap().tab == tab {
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("no {tab:?} tab");
}

#[test]
fn a_contact_an_event_and_a_measure_put_right_keep_their_history_and_count_as_corrected() {
    use linkwork::domain::plan::{ActionPlan, Goal};
    use linkwork::ui::app::CaseTab;
    let (_dir, store, mut app, id) = setup();
    // A contact logged wrongly: as an attempt, on the wrong day.
    app.handle_key(&key('c'));
    retype(&mut app, "14/8/18");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // attempt: no answer
    ctrl(&mut app, 's');
    assert_eq!(
        case(&store, id).status,
        CaseStatus::Referred,
        "an attempt is not a contact"
    );
    // Put right: he answered, on the 13th.
    to_tab(&mut app, CaseTab::Contacts);
    app.handle_key(&key('C'));
    retype(&mut app, "13/8/18");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Left); // reached
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 's');
    assert_eq!(
        app.mode(),
        Mode::CaseworkForm,
        "a correction needs a reason"
    );
    typed(&mut app, "he picked up; logged on the wrong line");
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::CaseFile, "{}", screen(&mut app));
    let contacts: Vec<ContactEntry> = store.for_case(id).unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].on, d(2018, 8, 13));
    assert!(contacts[0].counts());
    assert_eq!(contacts[0].revisions.len(), 1);
    assert_eq!(contacts[0].revisions[0].was.on, d(2018, 8, 14));
    assert_eq!(
        case(&store, id).entered(CaseStatus::Contacted),
        Some(d(2018, 8, 13))
    );
    let s = screen(&mut app);
    assert!(s.contains("corrected"), "{s}");
    assert!(
        flat(&s).contains(&flat("he picked up; logged on the wrong line")),
        "{s}"
    );
    assert!(
        flat(&s).contains(&flat("it said: 14 Aug 2018, Phone, no answer, 20 min")),
        "the old version shown:\n{s}"
    );

    // A plan with a service, accepted; then a step logged as "alone".
    let service = store.all::<linkwork::domain::directory::Service>().unwrap()[0]
        .id
        .clone();
    let plan = ActionPlan {
        case_id: id,
        goals: vec![Goal {
            text: "Run with other people".into(),
            life_area: Some(Need::Loneliness),
            steps: vec![],
            services: vec![service],
        }],
        review_date: None,
        agreed_on: Some(d(2018, 8, 27)),
    };
    store.save_plan(&plan, today()).unwrap();
    store
        .move_case(id, CaseStatus::Active, None, d(2018, 8, 27))
        .unwrap();
    reopen(&mut app, id);
    to_tab(&mut app, CaseTab::Connections);
    app.handle_key(&key('o'));
    retype(&mut app, "1/10/2018 18:30");
    press(&mut app, KeyCode::Tab);
    for _ in 0..4 {
        press(&mut app, KeyCode::Right); // step 5, with a carer or peer
    }
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    retype(&mut app, "alone");
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Esc); // no next step yet
    let contacts_before = app
        .caseload
        .rows
        .iter()
        .find(|r| r.case_id == id)
        .unwrap()
        .contacts_used;
    assert_eq!(contacts_before, 1, "a step alone is not a contact");
    // Put right: the worker went with him.
    app.handle_key(&key('C'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    retype(&mut app, "worker");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    typed(&mut app, "I went along; picked the wrong line");
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::CaseFile, "{}", screen(&mut app));
    let connection = store.for_case::<Connection>(id).unwrap().pop().unwrap();
    let event = &connection.events[0];
    assert_eq!(
        event.who_went,
        [linkwork::domain::ladder::Companion::Worker]
    );
    assert_eq!(
        event.revisions[0].was.who_went,
        [linkwork::domain::ladder::Companion::Alone]
    );
    let s = screen(&mut app);
    assert!(
        flat(&s).contains(&flat("I went along; picked the wrong line")),
        "{s}"
    );
    assert!(
        flat(&s).contains(&flat("it said: Mon 1 Oct 2018 18:30 · Attended · alone")),
        "{s}"
    );
    assert_eq!(
        app.caseload
            .rows
            .iter()
            .find(|r| r.case_id == id)
            .unwrap()
            .contacts_used,
        2,
        "the corrected step counts"
    );

    // A measure typed wrongly (4 for 1), put right; a stray one struck out.
    app.handle_key(&key('M'));
    press(&mut app, KeyCode::Right); // WHO-5
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "41101");
    press(&mut app, KeyCode::Tab);
    retype(&mut app, "20/8/18");
    ctrl(&mut app, 's');
    to_tab(&mut app, CaseTab::Outcomes);
    app.handle_key(&key('C'));
    ctrl(&mut app, 'u');
    typed(&mut app, "11101");
    while app
        .screen::<linkwork::ui::app::CaseworkForm>()
        .unwrap()
        .fields[app
        .screen::<linkwork::ui::app::CaseworkForm>()
        .unwrap()
        .focus]
        .key
        != linkwork::ui::screens::casework_form::Field::Why
    {
        press(&mut app, KeyCode::Tab);
    }
    typed(&mut app, "the first answer was 1");
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::CaseFile, "{}", screen(&mut app));
    app.handle_key(&key('M')); // WHO-5 now, the case's first instrument
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "55555");
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::CaseFile, "{}", screen(&mut app));
    app.handle_key(&key('X'));
    typed(&mut app, "typed into the wrong case");
    ctrl(&mut app, 's');
    let measures: Vec<WellbeingMeasure> = store.for_case(id).unwrap();
    let standing: Vec<_> = measures.iter().filter(|m| m.stands()).collect();
    assert_eq!(standing.len(), 1);
    match &standing[0].scores {
        Scores::Who5(w) => assert_eq!(w.items, [1, 1, 1, 0, 1]),
        other => panic!("{other:?}"),
    }
    assert_eq!(standing[0].revisions.len(), 1);

    // The letter and the report use the record as corrected.
    store
        .discharge(
            id,
            linkwork::domain::discharge::Discharge {
                reason: linkwork::domain::discharge::DischargeReason::GoalsMet,
                on: d(2018, 12, 14),
                summary: String::new(),
                onward_referral: None,
                risks_cleared: false,
            },
        )
        .unwrap();
    let letter = store.discharge_letter(id, None, today()).unwrap();
    assert!(letter.contains("First contact: 13 August 2018"), "{letter}");
    assert!(
        letter.contains("2 contacts (of which 1 at support steps"),
        "{letter}"
    );
    assert!(
        !letter.contains("100 %"),
        "the struck-out measure is not in:\n{letter}"
    );
    let report = store.report(d(2018, 8, 1), d(2018, 12, 31), false).unwrap();
    let row = report
        .cases
        .iter()
        .find(|r| r.referred_on == d(2018, 8, 6))
        .unwrap();
    assert_eq!(row.contacts, 2);
    assert_eq!(row.days_to_first_contact, Some(7));
    // The History tab has each correction, audited.
    let file = store.case_file(id).unwrap();
    let corrected = file
        .history
        .iter()
        .filter(|e| e.action.describe().starts_with("corrected"))
        .count();
    assert_eq!(corrected, 3, "contact, event and measure");
    let actions: Vec<String> = file.history.iter().map(|e| e.action.describe()).collect();
    assert!(
        actions.iter().any(|a| a.starts_with("struck out")),
        "{actions:?}"
    );
}

#[test]
fn a_status_move_made_in_error_is_struck_out_from_the_summary() {
    use linkwork::ui::app::CaseTab;
    let (_dir, store, mut app, id) = setup();
    app.handle_key(&key('c'));
    retype(&mut app, "13/8/18");
    ctrl(&mut app, 's');
    // Moved to Active by mistake (the person has not accepted yet).
    app.handle_key(&key('m'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(case(&store, id).status, CaseStatus::Active);
    assert_eq!(case(&store, id).referral.snomed_events.len(), 1);
    to_tab(&mut app, CaseTab::Summary);
    app.handle_key(&key('X'));
    let s = screen(&mut app);
    assert!(s.contains("Strike out the move to Active"), "{s}");
    typed(&mut app, "moved too soon; she is still deciding");
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::CaseFile, "{}", screen(&mut app));
    let c = case(&store, id);
    assert_eq!(c.status, CaseStatus::Contacted);
    assert!(
        c.referral.snomed_events.is_empty(),
        "the acceptance code is taken back"
    );
    let s = text(render(&mut app, 110, 60).backend().buffer());
    assert!(s.contains("Active (struck out"), "{s}");
    assert!(
        flat(&s).contains(&flat("moved too soon; she is still deciding")),
        "{s}"
    );
    assert!(s.lines().next().unwrap().contains("Contacted"), "{s}");
}
