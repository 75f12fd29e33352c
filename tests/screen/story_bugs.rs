//! What recording real stories again from the keyboard got wrong (issue
//! 31's bugs), each recorded through the real app and checked where it
//! went wrong: the letter's name, addressee, risks and connections, who
//! went kept as typed, "attends independently" only alone, a step-up
//! reason only on a step back up, risks at discharge, the plan's "Agreed
//! on" label.

use super::recorder::{Desk, Referral, Talk};
use super::today;
use linkwork::domain::ladder::{Companion, Rung};
use linkwork::domain::referral::{Need, ReferralSource};
use linkwork::ui::Mode;
use linkwork::ui::app::CaseworkForm;
use linkwork::ui::screens::casework_form::Field;
use ratatui::crossterm::event::KeyCode;

fn lunch(desk: &mut Desk) {
    desk.add_service(&[
        "Eccles Village Lunch",
        "Eccles Community Hub",
        "A hot two-course lunch and company, first and third Thursday.",
        "Luncheon club",
        "1st Thu of the month 12:00-14:00; 3rd Thu of the month 12:00-14:00",
        "Eccles Community Hub, Church Street",
        "Salford",
        "M30 0DF",
        "0161 496 0110",
    ]);
}

/// A man referred by his wife after a stroke, who goes by "Bill".
#[test]
fn a_man_referred_by_his_wife_recorded_from_the_keyboard() {
    let mut desk = Desk::new();
    lunch(&mut desk);
    let id = desk.refer(&Referral {
        given: "William",
        family: "Ashworth",
        born: "3/4/1951",
        gender: "m",
        postcode: "M30 9QF",
        received: "2/3/2026",
        source: ReferralSource::FamilyFriendOrCarer,
        referrer: "Mrs Joan Ashworth (wife)",
        needs: &[Need::LongTermCondition, Need::Loneliness],
        reason: "Anxious and lonely since his stroke; phones the family day and night.",
    });
    desk.open(id);
    desk.edit(&[(2, "Bill")]);
    desk.raise_risk(4, "Falls at home since the stroke.", "2/3/2026");
    desk.contact("5/3/2026");
    desk.converse(&Talk {
        held: "9/3/2026",
        what_matters: "Getting out of the house and seeing people.",
        areas: &[(Need::Loneliness, 2, "sees nobody but family")],
        strengths: &[(0, "Loves a chat")],
        barriers: &[0],
        days: "thu",
        cost: "free",
        miles: "3",
        accompanied: true,
        decision: "",
        who5: "22112",
        goals: &["Company at lunch once a fortnight"],
        ..Talk::default()
    });
    desk.choose_searched(0, "Eccles Village Lunch");
    // The date's label and its value are apart ("Agreed ontoday" was).
    desk.app.handle_key(&super::key('a'));
    desk.retype("today");
    let screen = desk.screen();
    assert!(screen.contains("Agreed on today"), "{screen}");
    desk.press(KeyCode::Esc);
    desk.expect(Mode::Plan);
    desk.agree("9/3/2026");
    desk.press(KeyCode::Esc);
    desk.select_connection(id, "Eccles Village Lunch");
    desk.log_step("12/3/2026 12:00", Rung::Discussion, "worker", 0, "");
    // A reason typed on an ordinary step is kept as a note, not as a step
    // back up.
    desk.app.handle_key(&super::key('o'));
    desk.expect(Mode::CaseworkForm);
    desk.retype("19/3/2026 12:00");
    desk.press(KeyCode::Tab);
    desk.press(KeyCode::Right);
    desk.times(KeyCode::Tab, 2);
    // The pre-filled "who went" is replaced by what is typed.
    desk.typed("worker, his wife and daughter");
    desk.times(KeyCode::Tab, 3);
    desk.typed("He was nervous about the bus");
    desk.ctrl('s');
    // The next step falls on the lunch's next session: the first
    // Thursday of April, not a week on (26 March is the fourth).
    desk.expect(Mode::CaseworkForm);
    assert!(
        desk.app
            .screen::<CaseworkForm>()
            .unwrap()
            .title
            .starts_with("Next step")
    );
    let screen = desk.screen();
    assert!(screen.contains("on Thu 2 Apr 12:00"), "{screen}");
    desk.press(KeyCode::Esc);
    desk.expect(Mode::CaseFile);
    let steps = desk.connections(id).pop().unwrap().events;
    let planning = steps.last().unwrap();
    assert_eq!(planning.rung, Rung::PlanningVisit);
    assert_eq!(planning.step_up_reason, None);
    assert_eq!(planning.notes, "He was nervous about the bus");
    assert_eq!(
        planning.who_went,
        vec![Companion::Worker, Companion::Family],
        "counted as kinds"
    );
    let screen = desk.screen();
    assert!(
        screen.contains("with worker, his wife and daughter"),
        "kept as typed\n{screen}"
    );
    assert!(!screen.contains("stepped back up"), "{screen}");

    // "Attends independently" with a carer is refused, saying why.
    desk.app.handle_key(&super::key('o'));
    desk.retype("26/3/2026 12:00");
    desk.press(KeyCode::Tab);
    while desk
        .app
        .screen::<CaseworkForm>()
        .unwrap()
        .choice(Field::Step)
        != 5
    {
        desk.press(KeyCode::Right);
    }
    desk.times(KeyCode::Tab, 2);
    desk.typed("carer");
    desk.ctrl('s');
    desk.expect(Mode::CaseworkForm);
    let screen = desk.screen();
    assert!(
        screen.contains("attending independently means going alone"),
        "{screen}"
    );
    desk.press(KeyCode::Esc);
    if desk.app.mode() != Mode::CaseFile {
        desk.press(KeyCode::Enter);
    }

    // At discharge the open risk flag is named, and cleared on request.
    desk.tab(0);
    desk.app.handle_key(&super::key('D'));
    desk.expect(Mode::CaseworkForm);
    let screen = desk.screen();
    assert!(screen.contains("Still open: Other risk."), "{screen}");
    assert!(screen.contains("Open risk flags"), "{screen}");
    desk.press(KeyCode::Tab);
    desk.retype("14/5/2026");
    desk.times(KeyCode::Tab, 3);
    desk.press(KeyCode::Right); // final measure: not taken
    desk.press(KeyCode::Tab);
    desk.press(KeyCode::Right); // open risks: cleared
    desk.ctrl('s');
    desk.expect(Mode::CaseFile);
    let case = desk.case(id);
    assert!(case.active_risks().next().is_none());
    let letter = desk.store.discharge_letter(id, None, today()).unwrap();
    for line in [
        "Name: William Ashworth (known as Bill)\n",
        "To: the GP practice\n",
        "Referred by: Mrs Joan Ashworth (wife) (family, friend or carer); not sent this letter\n",
        "## Risks\n- Other risk: raised 2 March 2026, cleared 14 May 2026. Falls at home since the stroke.\n",
        "- Eccles Village Lunch: planning the visit (step 2 of 6)\n",
    ] {
        assert!(letter.contains(line), "{line}\n{letter}");
    }
    assert!(!letter.contains("To: Mrs"), "{letter}");
}

/// Esc on a half-filled new referral asks before throwing it away; an
/// empty one closes at once.
#[test]
fn esc_on_a_half_filled_referral_asks_first() {
    let mut desk = Desk::new();
    desk.app.handle_key(&super::key('n'));
    desk.expect(Mode::Intake);
    desk.press(KeyCode::Esc);
    desk.expect(Mode::Caseload);
    desk.app.handle_key(&super::key('n'));
    desk.typed("Xander");
    desk.press(KeyCode::Esc);
    desk.expect(Mode::ConfirmQuit);
    let screen = desk.small_screen();
    assert!(screen.contains("Throw it away?"), "{screen}");
    assert!(
        screen.contains("the referral you were entering"),
        "{screen}"
    );
    desk.typed("n");
    desk.expect(Mode::Intake);
    assert!(desk.screen().contains("Xander"));
    desk.press(KeyCode::Esc);
    desk.typed("y");
    desk.expect(Mode::Caseload);
}

/// At 80x24 the case header keeps the contacts, the weeks and the NHS
/// number whole for every case of the demo, flags and all (it lost them
/// when flags showed).
#[test]
fn the_case_header_is_whole_at_80_columns_with_flags() {
    use linkwork::domain::case::Case;
    let mut desk = Desk::new();
    let cases: Vec<Case> = desk.store.all().unwrap();
    let mut with_flags = 0;
    for case in cases.iter().filter(|c| c.status.is_open()) {
        desk.open(case.id);
        let screen = desk.small_screen();
        let header = screen.lines().next().unwrap().to_owned();
        let person = desk.store.case_file(case.id).unwrap().person;
        let nhs = person
            .nhs_number
            .map_or("no NHS number".to_owned(), |n| n.to_string());
        for part in [" contacts", " weeks", nhs.as_str()] {
            assert!(header.contains(part), "{part} missing: {header}");
        }
        let row = desk
            .store
            .caseload(today())
            .unwrap()
            .into_iter()
            .find(|r| r.case_id == case.id)
            .unwrap();
        if !row.flags.is_empty() {
            with_flags += 1;
            assert!(header.contains(row.flags[0].short()), "{header}");
        }
    }
    assert!(with_flags >= 10, "{with_flags} cases with flags checked");
}

/// Space on a done step of the plan says when it was done and asks for a
/// second Space before marking it not done (one stray key un-did it).
#[test]
fn one_space_never_undoes_a_done_step() {
    use linkwork::domain::case::Case;
    use linkwork::ui::app::{PlanEditor, PlanRow};
    let mut desk = Desk::new();
    let cases: Vec<Case> = desk.store.all().unwrap();
    let (id, g, s) = cases
        .iter()
        .filter(|c| c.status.is_open())
        .find_map(|c| {
            let plan = desk.store.case_file(c.id).unwrap().plan?;
            plan.goals.iter().enumerate().find_map(|(g, goal)| {
                goal.steps
                    .iter()
                    .position(|st| st.done.is_some())
                    .map(|s| (c.id, g, s))
            })
        })
        .expect("the demo has a done step on an open case");
    desk.open(id);
    desk.app.handle_key(&super::key('p'));
    desk.expect(Mode::Plan);
    desk.plan_row(PlanRow::Step(g, s));
    let done = |desk: &Desk| {
        desk.app.screen::<PlanEditor>().unwrap().plan.goals[g].steps[s]
            .done
            .is_some()
    };
    desk.typed(" ");
    assert!(done(&desk), "one Space leaves it done");
    let screen = desk.screen();
    assert!(screen.contains("Space again marks it not done"), "{screen}");
    // Moving away forgets the first press.
    desk.typed("j");
    desk.typed("k");
    desk.typed(" ");
    assert!(done(&desk));
    desk.typed(" ");
    assert!(!done(&desk), "the second Space marks it not done");
}

/// A re-referral's Outcomes tab shows what the person's earlier episode
/// measured, so the new episode starts from where they were.
#[test]
fn a_new_episode_shows_the_earlier_episodes_measures() {
    use linkwork::domain::case::Case;
    use linkwork::domain::wellbeing::WellbeingMeasure;
    let mut desk = Desk::new();
    let cases: Vec<Case> = desk.store.all().unwrap();
    let (case, earlier) = cases
        .iter()
        .filter(|c| c.status.is_open())
        .find_map(|c| {
            let earlier = c.previous_case?;
            let measured: Vec<WellbeingMeasure> = desk.store.for_case(earlier).unwrap();
            (!measured.is_empty()).then_some((c.id, earlier))
        })
        .expect("the demo has an open re-referral whose earlier episode was measured");
    desk.open(case);
    desk.tab(5);
    for screen in [desk.screen(), desk.small_screen()] {
        assert!(
            screen.contains(&format!("Earlier episode (case {earlier})")),
            "{screen}"
        );
        if std::env::var_os("SHOW").is_some() {
            println!("{screen}");
        }
    }
}
