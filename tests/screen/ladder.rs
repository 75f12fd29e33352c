//! The support ladder, the time limit and the agenda on screen: the whole
//! seed 003 example recorded from the keyboard and shown as a timeline, a
//! step back up refused without a reason, an extension, the agenda's
//! days, overdue items and weeks, and `o` on a case with several live
//! connections naming the one it logs and switching to another.

use super::{demo_app, key, press, render, text, today};
use linkwork::domain::case::{Case, CaseStatus};
use linkwork::domain::caseload::CaseloadView;
use linkwork::domain::ids::CaseId;
use linkwork::domain::ladder::{Companion, Connection, ReportBack, Rung};
use linkwork::store::Store;
use linkwork::ui::screens::casework_form::Field;
use linkwork::ui::{App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(&key(c));
    }
}

fn save(app: &mut App) {
    app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
}

fn screen(app: &mut App) -> String {
    text(render(app, 120, 40).backend().buffer())
}

/// An active case whose first connection is still on the first rung.
fn early_case(store: &Store) -> (CaseId, Connection) {
    let cases: Vec<Case> = store.all().unwrap();
    cases
        .iter()
        .filter(|c| c.status == CaseStatus::Active)
        .find_map(|c| {
            let conns: Vec<Connection> = store.for_case(c.id).unwrap();
            conns
                .first()
                .filter(|x| {
                    let early = chrono::NaiveDate::from_ymd_opt(2026, 11, 14).unwrap();
                    x.is_live()
                        && x.rung == Rung::Discussion
                        && x.events.iter().all(|e| e.at.date() < early)
                })
                .map(|x| (c.id, x.clone()))
        })
        .expect("an active case on the first rung")
}

fn open_connections(app: &mut App, id: CaseId) {
    app.caseload.set_view(CaseloadView::Open);
    app.caseload.select_case(id);
    press(app, KeyCode::Enter);
    for _ in 0..3 {
        press(app, KeyCode::Tab);
    }
    assert_eq!(app.mode(), Mode::CaseFile);
}

/// Logs one event: when, the rung (moved from the form's), the outcome,
/// who went and how they reported back, through the form's keys.
fn log(
    app: &mut App,
    when: &str,
    rung: Rung,
    outcome_steps: usize,
    who: &str,
    back: Option<ReportBack>,
) {
    app.handle_key(&key('o'));
    let mode = app.mode();
    assert_eq!(mode, Mode::CaseworkForm, "{}", screen(app));
    for _ in 0..30 {
        press(app, KeyCode::Backspace);
    }
    typed(app, when);
    press(app, KeyCode::Tab);
    // Each choice moved from where the form put it to the one wanted.
    let set = |app: &mut App, field: Field, wanted: usize, len: usize| {
        let now = app
            .screen::<linkwork::ui::app::CaseworkForm>()
            .unwrap()
            .choice(field);
        for _ in 0..(wanted + len - now) % len {
            press(app, KeyCode::Right);
        }
        assert_eq!(
            app.screen::<linkwork::ui::app::CaseworkForm>()
                .unwrap()
                .choice(field),
            wanted
        );
    };
    set(
        app,
        Field::Step,
        Rung::ALL.iter().position(|r| *r == rung).unwrap(),
        6,
    );
    press(app, KeyCode::Tab);
    for _ in 0..outcome_steps {
        press(app, KeyCode::Right);
    }
    press(app, KeyCode::Tab);
    app.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(app, who);
    press(app, KeyCode::Tab);
    let back_at = back.map_or(0, |b| {
        ReportBack::ALL.iter().position(|x| *x == b).unwrap() + 1
    });
    set(app, Field::ReportedBackBy, back_at, 4);
    save(app);
    // The proposal form follows; leave it unplanned.
    let title = app
        .screen::<linkwork::ui::app::CaseworkForm>()
        .map(|f| f.title.clone());
    assert!(
        title.as_deref().is_some_and(|t| t.starts_with("Next step")),
        "{}",
        screen(app)
    );
    press(app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::CaseFile);
}

#[test]
fn the_seed_003_example_is_recorded_and_shown_as_a_timeline() {
    let (_dir, store, mut app) = demo_app();
    let (case, conn) = early_case(&store);
    open_connections(&mut app, case);
    let day = |d: u32| format!("{d}/11/2026 10:00");
    log(&mut app, &day(14), Rung::Discussion, 0, "worker", None);
    log(&mut app, &day(16), Rung::PlanningVisit, 0, "worker", None);
    log(
        &mut app,
        &day(18),
        Rung::AttendingTogether,
        0,
        "worker",
        None,
    );
    log(
        &mut app,
        &day(20),
        Rung::DistantShadowing,
        0,
        "worker",
        None,
    );
    log(
        &mut app,
        &day(21),
        Rung::WithCarerOrPeer,
        0,
        "carer",
        Some(ReportBack::Photo),
    );
    let stored: Connection = store.for_case::<Connection>(case).unwrap()[0].clone();
    assert_eq!(stored.id, conn.id);
    assert_eq!(stored.rung, Rung::WithCarerOrPeer);
    let ours: Vec<_> = stored.events.iter().rev().take(5).rev().collect();
    let rungs: Vec<Rung> = ours.iter().map(|e| e.rung).collect();
    assert_eq!(rungs, &Rung::ALL[..5], "each step one rung down");
    assert_eq!(ours[4].report_back, Some(ReportBack::Photo));
    assert_eq!(ours[4].who_went, [Companion::Carer]);
    let s = screen(&mut app);
    let timeline: Vec<&str> = s.lines().filter(|l| l.contains("Nov 2026 10:00")).collect();
    assert_eq!(timeline.len(), 5, "{s}");
    for (line, expected) in timeline.iter().zip([
        "Sat 14 Nov 2026 10:00  1 Discussion and exploration",
        "Mon 16 Nov 2026 10:00  2 Planning the visit",
        "Wed 18 Nov 2026 10:00  3 Attending together",
        "Fri 20 Nov 2026 10:00  4 Distant shadowing",
        "Sat 21 Nov 2026 10:00  5 With carer or peer, reports back",
    ]) {
        assert!(line.contains(expected), "{expected} in {line}\n{s}");
    }
    assert!(
        s.contains("Attended · with carer · reported back by a photo"),
        "{s}"
    );
    assert!(timeline[2].contains("Attended · with link worker"), "{s}");
    assert!(
        s.contains("[5 with peer]"),
        "the ladder marks the rung:\n{s}"
    );

    // A step back up is refused without a reason, then taken with one.
    app.handle_key(&key('o'));
    for _ in 0..30 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "22/11/2026 09:00");
    press(&mut app, KeyCode::Tab);
    // From step 5 back up to step 3.
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert_eq!(
        app.screen::<linkwork::ui::app::CaseworkForm>()
            .unwrap()
            .choice(Field::Step),
        2
    );
    save(&mut app);
    let s = screen(&mut app);
    assert!(s.contains("needs a reason"), "{s}");
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    typed(&mut app, "a bad week");
    save(&mut app);
    press(&mut app, KeyCode::Esc);
    let stored: Connection = store.for_case::<Connection>(case).unwrap()[0].clone();
    assert_eq!(stored.rung, Rung::AttendingTogether);
    let s = screen(&mut app);
    assert!(s.contains("stepped back up: a bad week"), "{s}");
}

#[test]
fn an_extension_needs_a_reason_and_is_recorded() {
    let (_dir, store, mut app) = demo_app();
    let (case, _) = early_case(&store);
    open_connections(&mut app, case);
    app.handle_key(&key('x'));
    assert_eq!(app.mode(), Mode::CaseworkForm);
    save(&mut app);
    assert!(screen(&mut app).contains("needs a reason"));
    typed(&mut app, "waiting for a housing decision");
    save(&mut app);
    assert_eq!(app.mode(), Mode::CaseFile);
    let c: Case = store
        .all::<Case>()
        .unwrap()
        .into_iter()
        .find(|c| c.id == case)
        .unwrap();
    assert_eq!((c.limits.contact_limit, c.limits.week_limit), (16, 16));
    assert_eq!(
        c.limits.extensions[0].reason,
        "waiting for a housing decision"
    );
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    let s = screen(&mut app);
    assert!(s.contains("waiting for a housing decision"), "{s}");
}

#[test]
fn the_agenda_shows_days_overdue_on_top_and_moves_by_week() {
    let (_dir, store, mut app) = demo_app();
    app.handle_key(&key('a'));
    assert_eq!(app.mode(), Mode::Agenda);
    let s = screen(&mut app);
    assert!(s.contains("Agenda · Sun 22 Nov to Sat 28 Nov 2026"), "{s}");
    assert!(s.contains("Today, Sunday 22 November"), "{s}");
    let overdue = s.find("Overdue (").expect("overdue heading");
    let today_at = s.find("Today, Sunday").unwrap();
    assert!(overdue < today_at, "overdue on top");
    // Every visit planned this week is under its day, at its time.
    let connections: Vec<Connection> = store.all().unwrap();
    let cases: Vec<Case> = store.all().unwrap();
    let this_week: Vec<&Connection> = connections
        .iter()
        .filter(|c| {
            c.is_live()
                && cases
                    .iter()
                    .any(|k| k.id == c.case_id && k.status.is_open())
        })
        .filter(|c| {
            c.next.is_some_and(|n| {
                n.at.date() >= today() && n.at.date() < today() + chrono::Duration::days(7)
            })
        })
        .collect();
    assert!(!this_week.is_empty());
    let rows = app
        .screen::<linkwork::ui::app::AgendaScreen>()
        .unwrap()
        .rows(today());
    for c in &this_week {
        let n = c.next.unwrap();
        assert!(
            rows.iter().any(|i| i.case_id == c.case_id
                && i.on == n.at.date()
                && i.time == Some(n.at.time())),
            "{} on {}",
            c.service_name,
            n.at
        );
    }
    app.handle_key(&key(']'));
    let s = screen(&mut app);
    assert!(s.contains("Agenda · Sun 29 Nov to Sat 5 Dec 2026"), "{s}");
    assert!(s.contains("Overdue ("), "overdue stays on top");
    app.handle_key(&key('['));
    app.handle_key(&key('['));
    assert!(screen(&mut app).contains("Agenda · Sun 15 Nov to Sat 21 Nov 2026"));
    // Enter opens the item's case; Esc comes back to the agenda.
    app.handle_key(&key(']'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::CaseFile);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Agenda);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Caseload);
}

#[test]
fn with_several_live_connections_o_says_which_and_switches_to_another() {
    let (_dir, store, mut app) = demo_app();
    let cases: Vec<Case> = store.all().unwrap();
    let (case, live) = cases
        .iter()
        .filter(|c| c.status.is_open())
        .find_map(|c| {
            let live: Vec<Connection> = store
                .for_case::<Connection>(c.id)
                .unwrap()
                .into_iter()
                .filter(Connection::is_live)
                .collect();
            (live.len() >= 2).then_some((c.id, live))
        })
        .expect("an open case with two live connections");
    app.caseload.set_view(CaseloadView::Open);
    app.caseload.select_case(case);
    press(&mut app, KeyCode::Enter);
    app.handle_key(&key('o'));
    let form = app.screen::<linkwork::ui::app::CaseworkForm>().unwrap();
    let first = form.title.clone();
    assert_eq!(form.focus, 1, "the cursor starts at When");
    let s = screen(&mut app);
    assert!(
        s.contains("Connection"),
        "the form names the connection\n{s}"
    );
    // Back up to the connection, and the next one.
    app.handle_key(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    press(&mut app, KeyCode::Right);
    let form = app.screen::<linkwork::ui::app::CaseworkForm>().unwrap();
    assert_ne!(form.title, first, "another connection");
    let now = form.title.trim_start_matches("What happened: ").to_owned();
    assert!(live.iter().any(|c| c.service_name == now), "{now}");
    // Logged, it goes on the connection chosen.
    press(&mut app, KeyCode::Tab);
    app.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut app, "today 10:00");
    save(&mut app);
    let after: Vec<Connection> = store.for_case(case).unwrap();
    let chosen = after.iter().find(|c| c.service_name == now).unwrap();
    let before = live.iter().find(|c| c.service_name == now).unwrap();
    assert_eq!(
        chosen.events.len(),
        before.events.len() + 1,
        "{}",
        screen(&mut app)
    );
}
