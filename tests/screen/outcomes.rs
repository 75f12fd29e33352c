//! The Outcomes tab's chart and the Reports screen.

use super::{demo_app, key, press, render, text, today};
use linkwork::domain::case::Case;
use linkwork::domain::caseload::CaseloadView;
use linkwork::domain::wellbeing::{Instrument, Scores, WellbeingMeasure};
use linkwork::ui::Mode;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn the_outcomes_tab_charts_each_measure_and_a_new_one_joins_it() {
    let (_dir, store, mut app) = demo_app();
    // An open case measured twice with WHO-5.
    let measures: Vec<WellbeingMeasure> = store.all().unwrap();
    let cases: Vec<Case> = store.all().unwrap();
    let (case, first, last) = cases
        .iter()
        .filter(|c| c.status.is_open())
        .find_map(|c| {
            let mut who5: Vec<&WellbeingMeasure> = measures
                .iter()
                .filter(|m| m.case_id == c.id && m.scores.instrument() == Instrument::Who5)
                .collect();
            who5.sort_by_key(|m| m.taken_on);
            (who5.len() == 2).then(|| (c.id, who5[0].clone(), who5[1].clone()))
        })
        .expect("an open case with two WHO-5 measures");
    let pct = |m: &WellbeingMeasure| match &m.scores {
        Scores::Who5(w) => w.percentage(),
        _ => unreachable!(),
    };
    app.caseload.set_view(CaseloadView::Open);
    app.caseload.select_case(case);
    press(&mut app, KeyCode::Enter);
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    let terminal = render(&mut app, 110, 34);
    let screen = text(terminal.backend().buffer());
    assert!(screen.contains("WHO-5 (0-100 %; 50 or below"), "{screen}");
    assert!(
        screen.contains(&format!(
            "{} % at the start, {} % at the end",
            pct(&first),
            pct(&last)
        )),
        "{screen}"
    );
    // Two bars, each showing its value.
    let bar_rows = screen.lines().filter(|l| l.contains('█')).count();
    assert!(bar_rows >= 5, "bars drawn:\n{screen}");
    for m in [&first, &last] {
        assert!(
            screen.lines().any(|l| l.contains(&format!("█{}█", pct(m)))),
            "value {} on its bar:\n{screen}",
            pct(m)
        );
    }

    // A new measure, taken from the keyboard, joins the chart.
    app.handle_key(&key('M'));
    assert_eq!(app.mode(), Mode::CaseworkForm);
    let s = text(render(&mut app, 110, 34).backend().buffer());
    assert!(s.contains("‹ WHO-5 ›"), "the case's usual instrument:\n{s}");
    press(&mut app, KeyCode::Tab);
    for c in "45454".chars() {
        app.handle_key(&key(c));
    }
    let s = text(render(&mut app, 110, 34).backend().buffer());
    assert!(s.contains("WHO-5 raw 22 of 25 = 88 %"), "{s}");
    app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.mode(), Mode::CaseFile);
    let s = text(render(&mut app, 110, 34).backend().buffer());
    assert!(s.contains("88 % at the end"), "{s}");
    assert!(s.contains(&today().format("%-d %b").to_string()), "{s}");
}

#[test]
fn the_reports_screen_shows_the_figures_and_moves_by_quarter() {
    let (_dir, store, mut app) = demo_app();
    app.handle_key(&key('R'));
    assert_eq!(app.mode(), Mode::Reports);
    let from = chrono::NaiveDate::from_ymd_opt(2025, 11, 23).unwrap();
    let referred = store
        .all::<Case>()
        .unwrap()
        .iter()
        .filter(|c| c.referral.received >= from && c.referral.received <= today())
        .count();
    let screen = text(render(&mut app, 120, 40).backend().buffer());
    for part in [
        "Report · 23 Nov 2025 to 22 Nov 2026".to_owned(),
        format!("Referrals received: {referred}"),
        "Referral to first contact: median".to_owned(),
        "Referrals by need".to_owned(),
        "Connections by rung now".to_owned(),
        "Meaningfully improved, %".to_owned(),
        "6 Attends independently".to_owned(),
    ] {
        assert!(screen.contains(&part), "{part}\n{screen}");
    }
    assert!(
        screen.lines().filter(|l| l.contains('█')).count() >= 8,
        "{screen}"
    );
    app.handle_key(&key(']'));
    let screen = text(render(&mut app, 120, 40).backend().buffer());
    assert!(
        screen.contains("Report · 23 Feb 2026 to 22 Feb 2027"),
        "{screen}"
    );
    app.handle_key(&key('['));
    app.handle_key(&key('['));
    let screen = text(render(&mut app, 120, 40).backend().buffer());
    assert!(
        screen.contains("Report · 23 Aug 2025 to 22 Aug 2026"),
        "{screen}"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Caseload);
}
