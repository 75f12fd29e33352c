//! The guided conversation and the plan editor on screen: each step as it
//! renders, answers saved to the store as fields are left, resuming after
//! the app is closed, and the plan editor's suggestions, choices, steps
//! and agreement.

use super::{demo_app, key, press, render, text, today};
use linkwork::domain::case::Case;
use linkwork::domain::caseload::CaseloadView;
use linkwork::domain::conversation::{Conversation, ConversationStep};
use linkwork::domain::ids::CaseId;
use linkwork::domain::ladder::{Connection, Rung};
use linkwork::domain::plan::{ActionPlan, StepOwner};
use linkwork::store::Store;
use linkwork::ui::{Action, App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An open case with no conversation yet.
fn fresh_case(store: &Store) -> CaseId {
    let cases: Vec<Case> = store.all().unwrap();
    cases
        .iter()
        .filter(|c| c.status.is_open())
        .find(|c| {
            store.for_case::<Conversation>(c.id).unwrap().is_empty()
                && store.for_case::<ActionPlan>(c.id).unwrap().is_empty()
        })
        .expect("a demo case without a conversation")
        .id
}

fn open_case(app: &mut App, id: CaseId) {
    app.caseload.set_view(CaseloadView::Open);
    app.caseload.select_case(id);
    press(app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::CaseFile);
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(&key(c));
    }
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn screen(app: &mut App) -> String {
    text(render(app, 110, 34).backend().buffer())
}

fn saved(store: &Store, id: CaseId) -> Conversation {
    store
        .for_case::<Conversation>(id)
        .unwrap()
        .pop()
        .expect("a saved conversation")
}

/// Asserts the screen is at step `n` and shows each of `expected`.
fn at_step(app: &mut App, n: usize, expected: &[&str]) -> String {
    let s = screen(app);
    let title = ConversationStep::ALL[n - 1].title();
    assert!(
        s.contains(&format!("Step {n} of 10 · {title}")),
        "step {n}:\n{s}"
    );
    for e in expected {
        assert!(s.contains(e), "step {n} lacks {e:?}:\n{s}");
    }
    s
}

#[test]
fn every_step_renders_its_fields_and_saves_its_answers() {
    let (_dir, store, mut app) = demo_app();
    app.load_directory_now();
    let id = fresh_case(&store);
    open_case(&mut app, id);
    app.handle_key(&key('w'));
    assert_eq!(app.mode(), Mode::Conversation);

    at_step(
        &mut app,
        1,
        &[
            "◆○○○○○○○○○",
            "[ ] Consent to record this conversation",
            "Consent to share with the GP and referrer",
            "‹ Not asked ›",
        ],
    );
    ctrl(&mut app, 'n');
    at_step(
        &mut app,
        1,
        &["Ask for consent to record the conversation first"],
    );
    typed(&mut app, " ");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    at_step(
        &mut app,
        1,
        &["[x] Consent to record", "‹ Yes ›", "Held on"],
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);

    at_step(&mut app, 2, &["●◆○○○○○○○○", "In their words"]);
    typed(&mut app, "Getting back to the allotment");
    at_step(&mut app, 2, &["Getting back to the allotment▏"]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        saved(&store, id).what_matters,
        "Getting back to the allotment",
        "saved as the field was left"
    );

    at_step(
        &mut app,
        3,
        &[
            "Mental health",
            "Dementia",
            "‹ not at all ›",
            "carry forward",
        ],
    );
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    typed(&mut app, "most days alone");
    at_step(&mut app, 3, &["‹ a lot      › most days alone▏"]);
    ctrl(&mut app, 'n');

    at_step(
        &mut app,
        4,
        &[
            "Connect",
            "Give",
            "Who do you enjoy being with?",
            "What do you do for others",
        ],
    );
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "Grows leeks");
    ctrl(&mut app, 'k');

    at_step(
        &mut app,
        5,
        &[
            "[ ] Anxiety about going alone or meeting people",
            "[ ] No bank account",
            "Other",
            "skipped for now: Strengths and interests",
            "●●●◌◆○○○○○",
        ],
    );
    press(&mut app, KeyCode::Tab);
    typed(&mut app, " ");
    at_step(&mut app, 5, &["[x] Cost"]);
    ctrl(&mut app, 'n');

    at_step(
        &mut app,
        6,
        &[
            "Days that suit",
            "Most they can pay",
            "Someone with them at first",
        ],
    );
    typed(&mut app, "mon fri");
    at_step(&mut app, 6, &["Monday, Friday"]);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "lots");
    at_step(&mut app, 6, &["use an amount like £3.50, 50p or free"]);
    ctrl(&mut app, 'n');
    at_step(&mut app, 6, &["Put this right first"]);
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "free");
    at_step(&mut app, 6, &["only free things"]);
    // How far: a day out 200 miles away is an answer; so is "any".
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "far");
    at_step(&mut app, 6, &["a whole number from 0 to 1000, or \"any\""]);
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "any");
    ctrl(&mut app, 'n');
    let p = saved(&store, id).preferences;
    assert!(p.any_distance && p.max_travel_miles.is_none());
    ctrl(&mut app, 'b');
    at_step(&mut app, 6, &["How far (miles, or any)  any"]);
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "200");
    assert!(!screen(&mut app).contains("a whole number"));
    ctrl(&mut app, 'n');
    let p = saved(&store, id).preferences;
    assert_eq!((p.any_distance, p.max_travel_miles), (false, Some(200)));

    at_step(
        &mut app,
        7,
        &[
            "‹ not yet answered ›",
            "[ ] Refer on: Safeguarding",
            "Decision",
            "cannot be skipped",
        ],
    );
    ctrl(&mut app, 'k');
    at_step(&mut app, 7, &["The safety step cannot be skipped"]);
    press(&mut app, KeyCode::Right);
    at_step(&mut app, 7, &["‹ no risks identified ›"]);
    // Risks identified and no decision yet: the step says why it stays.
    press(&mut app, KeyCode::Right);
    at_step(&mut app, 7, &["‹ yes, risks identified ›"]);
    ctrl(&mut app, 'n');
    at_step(
        &mut app,
        7,
        &["Risks were identified: record what was decided"],
    );
    press(&mut app, KeyCode::Left);
    at_step(&mut app, 7, &["‹ no risks identified ›"]);
    ctrl(&mut app, 'n');

    at_step(
        &mut app,
        8,
        &[
            "‹ ONS4 ›",
            "Overall, how satisfied are you with your life nowadays?",
            "0 of 4 answered",
        ],
    );
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    at_step(
        &mut app,
        8,
        &[
            "‹ SWEMWBS ›",
            "I've been feeling optimistic about the future",
            "needs a licence",
        ],
    );
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "3333");
    at_step(&mut app, 8, &["4 of 7 answered, raw so far 12"]);
    ctrl(&mut app, 'n');
    at_step(&mut app, 8, &["Answer the 3 remaining item(s)"]);
    typed(&mut app, "344");
    at_step(&mut app, 8, &["SWEMWBS raw 23 (7-35) = metric score 20.73"]);
    ctrl(&mut app, 'n');
    let baseline = saved(&store, id).baseline.expect("the baseline is linked");
    let measures: Vec<linkwork::domain::wellbeing::WellbeingMeasure> = store.for_case(id).unwrap();
    assert!(measures.iter().any(|m| m.id == baseline));

    at_step(&mut app, 9, &["Goal 1", "Weighs a lot: Loneliness"]);
    ctrl(&mut app, 'n');
    at_step(&mut app, 9, &["Note at least one goal"]);
    typed(&mut app, "Get back to the allotment");
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "Have company on Mondays");
    at_step(&mut app, 9, &["Goal 3"]);
    ctrl(&mut app, 'n');

    at_step(
        &mut app,
        10,
        &[
            "Getting back to the allotment",
            "weighs a lot (most days alone)",
            "Monday, Friday, free only",
            "no risks identified",
            "taken (Outcomes tab)",
            "Have company on Mondays",
            "Skipped for now: Strengths and interests",
        ],
    );
    let c = saved(&store, id);
    assert_eq!(c.current_step, ConversationStep::Review);
    assert_eq!(c.skipped, [ConversationStep::Strengths]);
    assert_eq!(
        c.strengths.len(),
        1,
        "what was typed before skipping is kept; the step stays listed"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Plan);
    assert!(saved(&store, id).is_complete());
    let plan = store.for_case::<ActionPlan>(id).unwrap().pop().unwrap();
    assert_eq!(plan.goals.len(), 2);
}

#[test]
fn closing_the_app_mid_answer_resumes_at_the_same_step() {
    let (dir, store, mut app) = demo_app();
    let id = fresh_case(&store);
    open_case(&mut app, id);
    app.handle_key(&key('w'));
    typed(&mut app, " ");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "My dog");
    // Quitting saves the answer being typed.
    app.update(Action::Quit);
    assert!(!app.running);
    drop(app);
    let store2 = store.clone();
    let rows = store2.caseload(today()).unwrap();
    let mut app = App::new(
        rows,
        linkwork::ui::Keymap::default(),
        linkwork::ui::Theme::default_theme(),
        linkwork::ui::DataSource::Demo,
        "Sam".into(),
        linkwork::clock::Clock::fixed(today()),
    )
    .with_backend(store2);
    open_case(&mut app, id);
    app.handle_key(&key('w'));
    let s = at_step(&mut app, 2, &["My dog"]);
    assert!(s.contains("Resumed at step 2 of 10"), "{s}");
    // Esc leaves; the conversation tab shows where it stopped.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::CaseFile);
    let s = screen(&mut app);
    assert!(s.contains("in progress, at \"What matters to you\""), "{s}");
    assert!(s.contains("w carries on from there"), "{s}");
    drop(dir);
}

#[test]
fn the_plan_editor_suggests_chooses_adds_steps_and_is_agreed() {
    let (_dir, store, mut app) = demo_app();
    app.load_directory_now();
    let id = fresh_case(&store);
    open_case(&mut app, id);
    // A short conversation: consent, a heavy area, safety, one goal.
    app.handle_key(&key('w'));
    typed(&mut app, " ");
    press(&mut app, KeyCode::Enter);
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
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 'n');
    ctrl(&mut app, 'k');
    typed(&mut app, "Meet people");
    ctrl(&mut app, 'n');
    ctrl(&mut app, 'n');
    assert_eq!(app.mode(), Mode::Plan);
    let s = screen(&mut app);
    for e in [
        "Action plan · 1 goal",
        "Review date            3 Jan 2027",
        "Agreed with the person not yet",
        "Goal 1 “Meet people” · Loneliness and isolation",
        "+ add a step",
        "/ search the whole directory for this goal",
        "+ add a goal",
    ] {
        assert!(s.contains(e), "{e}\n{s}");
    }
    let suggestions = s.lines().filter(|l| l.contains("    ? ")).count();
    assert_eq!(suggestions, 5, "{s}");
    assert!(
        s.contains("helps with loneliness"),
        "reasons are shown:\n{s}"
    );

    // Choose the first suggestion: a connection on the first rung.
    for _ in 0..4 {
        app.handle_key(&key('j'));
    }
    let s = screen(&mut app);
    assert!(s.contains("Why: helps with loneliness"), "detail:\n{s}");
    press(&mut app, KeyCode::Enter);
    let connections: Vec<Connection> = store.for_case(id).unwrap();
    assert_eq!(connections.len(), 1);
    assert_eq!(connections[0].rung, Rung::Discussion);
    assert_eq!(connections[0].goal, Some(0));
    let s = screen(&mut app);
    assert!(
        s.contains(&format!("✓ {}", connections[0].service_name)),
        "{s}"
    );
    assert!(
        s.lines().filter(|l| l.contains("    ? ")).count() == 5,
        "the chosen one leaves the suggestions, another comes in"
    );

    // A step: a bad date is refused in the form, then saved.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::PlanForm);
    typed(&mut app, "Visit together");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "someday");
    ctrl(&mut app, 's');
    let s = screen(&mut app);
    assert!(s.contains("By when: use a date like"), "{s}");
    assert_eq!(app.mode(), Mode::PlanForm);
    for _ in 0..7 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "1/12");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Plan);
    let plan = store.for_case::<ActionPlan>(id).unwrap().pop().unwrap();
    let step = &plan.goals[0].steps[0];
    assert_eq!(step.what, "Visit together");
    assert_eq!(step.owner, StepOwner::Worker);
    assert_eq!(step.due, chrono::NaiveDate::from_ymd_opt(2026, 12, 1));
    assert!(screen(&mut app).contains("☐ Visit together (worker, by 1 Dec)"));

    // Agreed: the day is asked (today unless changed); the footer says how.
    app.handle_key(&key('a'));
    assert!(screen(&mut app).contains("Agreed on"));
    press(&mut app, KeyCode::Enter);
    let plan = store.for_case::<ActionPlan>(id).unwrap().pop().unwrap();
    assert_eq!(plan.agreed_on, Some(today()));
    let s = screen(&mut app);
    assert!(s.contains("Agreed with the person 22 Nov 2026"), "{s}");
    assert!(s.contains("a agreed"), "footer from the keymap:\n{s}");

    // Taking the service out removes its (eventless) connection.
    app.handle_key(&key('g'));
    for _ in 0..3 {
        app.handle_key(&key('j'));
    }
    app.handle_key(&key('x'));
    assert!(store.for_case::<Connection>(id).unwrap().is_empty());
    let plan = store.for_case::<ActionPlan>(id).unwrap().pop().unwrap();
    assert!(plan.goals[0].services.is_empty());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::CaseFile);
    let s = screen(&mut app);
    assert!(s.contains("Visit together"), "the Plan tab:\n{s}");
}

#[test]
fn the_conversation_screen_snapshot() {
    let (_dir, store, mut app) = demo_app();
    let id = fresh_case(&store);
    open_case(&mut app, id);
    app.handle_key(&key('w'));
    typed(&mut app, " ");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "To feel useful again");
    press(&mut app, KeyCode::Enter);
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    typed(&mut app, "since the move");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    let s = render(&mut app, 100, 30);
    insta::assert_snapshot!(text(s.backend().buffer()));
}

#[test]
fn every_life_area_can_be_reached_and_seen_at_80_by_24() {
    let (_dir, store, mut app) = demo_app();
    let id = fresh_case(&store);
    open_case(&mut app, id);
    app.handle_key(&key('w'));
    typed(&mut app, " ");
    ctrl(&mut app, 'n');
    ctrl(&mut app, 'n');
    let areas = linkwork::domain::referral::Need::ALL;
    for (i, need) in areas.iter().enumerate() {
        let terminal = render(&mut app, 80, 24);
        let s = text(terminal.backend().buffer());
        assert!(s.contains("Step 3 of 10"), "{s}");
        assert!(
            s.contains(need.label()),
            "area {i} {} not shown:\n{s}",
            need.label()
        );
        press(&mut app, KeyCode::Tab);
    }
}
