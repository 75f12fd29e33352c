//! Screen tests: build the app on the demo caseload, feed actions and
//! keys, render into ratatui's TestBackend at a fixed size, and read the
//! buffer.

use chrono::NaiveDate;
use linkwork::config::Config;
use linkwork::domain::caseload::CaseOverview;
use linkwork::store::Store;
use linkwork::ui::{Action, App, DataSource, Keymap, Mode, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;
use std::path::Path;

#[path = "screen/as_it_happened.rs"]
mod as_it_happened;
#[path = "screen/case_studies.rs"]
mod case_studies;
#[path = "screen/conversation.rs"]
mod conversation;
#[path = "screen/date_entry.rs"]
mod date_entry;
#[path = "screen/directory.rs"]
mod directory;
#[path = "screen/every_screen.rs"]
mod every_screen;
#[path = "screen/ladder.rs"]
mod ladder;
#[path = "screen/outcomes.rs"]
mod outcomes;
#[path = "screen/recorder.rs"]
mod recorder;
#[path = "screen/schedules.rs"]
mod schedules;
#[path = "screen/scoring.rs"]
mod scoring;
#[path = "screen/story_bugs.rs"]
mod story_bugs;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn demo_rows() -> Vec<CaseOverview> {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "Sam").unwrap();
    linkwork::demo::seed(&store, today()).unwrap();
    store.caseload(today()).unwrap()
}

fn app_with(keymap: Keymap, theme: Theme) -> App {
    App::new(
        demo_rows(),
        keymap,
        theme,
        DataSource::Demo,
        "Sam Patel".into(),
        linkwork::clock::Clock::fixed(today()),
    )
}

fn app() -> App {
    app_with(Keymap::default(), Theme::default_theme())
}

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.finish_background();
    terminal.draw(|f| app.draw(f)).unwrap();
    terminal
}

fn text(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// The demo store, its rows, and an app connected to it.
fn demo_app() -> (tempfile::TempDir, std::sync::Arc<Store>, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "Sam").unwrap();
    linkwork::demo::seed(&store, today()).unwrap();
    let store = std::sync::Arc::new(store);
    let rows = store.caseload(today()).unwrap();
    let app = App::new(
        rows,
        Keymap::default(),
        Theme::default_theme(),
        DataSource::Demo,
        "Sam Patel".into(),
        linkwork::clock::Clock::fixed(today()),
    )
    .with_backend(store.clone());
    (dir, store, app)
}

/// The app's cached rows are what a full reload from the store gives.
fn assert_rows_match_store(app: &App, store: &Store) {
    let mut cached = app.caseload.rows.clone();
    cached.sort_by_key(|r| r.case_id);
    let mut fresh = store.caseload(today()).unwrap();
    fresh.sort_by_key(|r| r.case_id);
    assert_eq!(cached, fresh, "the cached caseload drifted from the store");
}

fn shown_ids(app: &App) -> Vec<u64> {
    app.caseload
        .shown
        .iter()
        .map(|&i| app.caseload.rows[i].case_id.0)
        .collect()
}

#[test]
fn each_view_shows_the_right_cases() {
    use linkwork::domain::case::{Case, CaseStatus};
    use std::collections::BTreeSet;
    let (_dir, store, mut app) = demo_app();
    render(&mut app, 110, 30);
    // Expected sets, computed here from the stored records.
    let cases: Vec<Case> = store.all().unwrap();
    let open: BTreeSet<u64> = cases
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                CaseStatus::Referred
                    | CaseStatus::Contacted
                    | CaseStatus::Active
                    | CaseStatus::Ending
            )
        })
        .map(|c| c.id.0)
        .collect();
    let closed: BTreeSet<u64> = cases
        .iter()
        .map(|c| c.id.0)
        .filter(|id| !open.contains(id))
        .collect();
    let mut waiting: Vec<&Case> = cases
        .iter()
        .filter(|c| c.status == CaseStatus::Referred)
        .collect();
    waiting.sort_by_key(|c| (c.referral.received, c.id));
    let waiting: Vec<u64> = waiting.iter().map(|c| c.id.0).collect();
    let rows = store.caseload(today()).unwrap();
    let due: BTreeSet<u64> = rows
        .iter()
        .filter(|r| open.contains(&r.case_id.0))
        .filter(|r| {
            r.status == CaseStatus::Referred
                || r.next.as_ref().is_some_and(|n| n.due <= today())
                || r.flags.iter().any(|f| f.short() == "review due")
        })
        .map(|r| r.case_id.0)
        .collect();
    app.handle_key(&key('1'));
    assert_eq!(
        shown_ids(&app).into_iter().collect::<BTreeSet<_>>(),
        due,
        "Today"
    );
    app.handle_key(&key('2'));
    assert_eq!(
        shown_ids(&app).into_iter().collect::<BTreeSet<_>>(),
        open,
        "Open"
    );
    app.handle_key(&key('3'));
    assert_eq!(shown_ids(&app), waiting, "Waiting, oldest first");
    app.handle_key(&key('4'));
    assert_eq!(
        shown_ids(&app).into_iter().collect::<BTreeSet<_>>(),
        closed,
        "Closed"
    );
    app.handle_key(&key('v'));
    assert_eq!(
        app.caseload.view,
        linkwork::domain::caseload::CaseloadView::Today,
        "v cycles back"
    );
    let screen = text(render(&mut app, 110, 30).backend().buffer());
    for label in [
        format!("Today {}", due.len()),
        format!("Open {}", open.len()),
        format!("Waiting {}", waiting.len()),
        format!("Closed {}", closed.len()),
    ] {
        assert!(screen.contains(&label), "title lacks {label}: {screen}");
    }
    assert!(open.len() >= 40);
}

#[test]
fn sort_and_filter_work_from_the_keyboard() {
    use linkwork::domain::caseload::{SortColumn, SortOrder};
    use linkwork::domain::referral::Need;
    let (_dir, _store, mut app) = demo_app();
    render(&mut app, 110, 30);
    app.handle_key(&key('2'));
    // s steps through the columns: Next due is the Open view's own; the next is Last contact.
    app.handle_key(&key('s'));
    assert_eq!(
        app.caseload.sort,
        Some((SortColumn::LastContact, SortOrder::Ascending))
    );
    for _ in 0..2 {
        app.handle_key(&key('s'));
    }
    assert_eq!(
        app.caseload.sort,
        Some((SortColumn::Name, SortOrder::Ascending))
    );
    let names: Vec<String> = app
        .caseload
        .shown
        .iter()
        .map(|&i| app.caseload.rows[i].sort_name.to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    app.handle_key(&KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    let reversed: Vec<String> = app
        .caseload
        .shown
        .iter()
        .map(|&i| app.caseload.rows[i].sort_name.to_lowercase())
        .collect();
    sorted.reverse();
    assert_eq!(reversed, sorted);
    let screen = text(render(&mut app, 110, 30).backend().buffer());
    assert!(screen.contains("by Name ↓"), "{screen}");
    // Filter by need: f, down to Need, right to the first need.
    app.handle_key(&key('f'));
    assert_eq!(app.mode(), Mode::Filter);
    app.handle_key(&key('j'));
    app.handle_key(&KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    assert_eq!(app.caseload.filter.need, Some(Need::ALL[0]));
    let screen = text(render(&mut app, 110, 30).backend().buffer());
    assert!(
        screen.contains("Filter") && screen.contains("cases pass"),
        "{screen}"
    );
    app.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(!app.caseload.shown.is_empty());
    assert!(
        app.caseload
            .shown
            .iter()
            .all(|&i| app.caseload.rows[i].needs.contains(&Need::ALL[0]))
    );
    let screen = text(render(&mut app, 110, 30).backend().buffer());
    assert!(
        screen.contains(&format!("filter: {}", Need::ALL[0].label())),
        "{screen}"
    );
    app.handle_key(&key('x'));
    assert!(!app.caseload.filter.is_active());
}

#[test]
fn find_forgives_a_misspelt_surname_and_takes_an_nhs_number() {
    let (_dir, _store, mut app) = demo_app();
    render(&mut app, 110, 30);
    let target = app
        .caseload
        .rows
        .iter()
        .find(|r| r.nhs_number.is_some() && r.sort_name.split(',').next().unwrap().len() >= 6)
        .unwrap()
        .clone();
    let surname = target.sort_name.split(',').next().unwrap().to_owned();
    // Replace the third letter: a typo no subsequence match forgives.
    let mut misspelt: Vec<char> = surname.chars().collect();
    misspelt[2] = if misspelt[2] == 'x' { 'q' } else { 'x' };
    let misspelt: String = misspelt.into_iter().collect();
    app.handle_key(&key('/'));
    for c in misspelt.chars() {
        app.handle_key(&key(c));
    }
    let first = app.caseload.selected_row().unwrap();
    assert_eq!(
        first.person_id, target.person_id,
        "{misspelt} should find {surname}"
    );
    let screen = text(render(&mut app, 110, 30).backend().buffer());
    assert!(screen.contains(&format!("Find: {misspelt}")));
    app.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(app.caseload.query.is_empty());
    app.handle_key(&key('/'));
    for c in target.nhs_number.unwrap().to_string().chars() {
        app.handle_key(&key(c));
    }
    assert_eq!(
        app.caseload.selected_row().unwrap().person_id,
        target.person_id
    );
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.mode(), Mode::Caseload, "Enter keeps the results");
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.mode(), Mode::CaseFile, "Enter opens the case");
}

#[test]
fn caseload_snapshot() {
    let (_dir, _store, mut app) = demo_app();
    let terminal = render(&mut app, 100, 20);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_case_file_shows_its_header_and_every_tab() {
    let (_dir, _store, mut app) = demo_app();
    render(&mut app, 110, 34);
    app.handle_key(&key('2'));
    // Pick a case with a plan, connections and contacts.
    let pos = app
        .caseload
        .shown
        .iter()
        .position(|&i| app.caseload.rows[i].status == linkwork::domain::case::CaseStatus::Active)
        .unwrap();
    app.caseload.move_to(pos, 20);
    let row = app.caseload.selected_row().unwrap().clone();
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.mode(), Mode::CaseFile);
    let screen = text(render(&mut app, 110, 34).backend().buffer());
    let header = screen.lines().next().unwrap();
    assert!(
        header.contains(&row.name) && header.contains("NHS") && header.contains("Active"),
        "{header}"
    );
    assert!(
        header.contains(&format!(
            "{}/{} contacts",
            row.contacts_used, row.contact_limit
        )),
        "{header}"
    );
    for tab in [
        "Summary",
        "Conversation",
        "Plan",
        "Connections",
        "Contacts",
        "Outcomes",
        "History",
    ] {
        assert!(
            screen.lines().nth(1).unwrap().contains(tab),
            "missing tab {tab}"
        );
    }
    let expect = [
        "Referral",
        "Version 1",
        "Agreed",
        "Ladder",
        "Purpose",
        "Baseline",
        "created",
    ];
    for (i, needle) in expect.iter().enumerate() {
        let screen = text(render(&mut app, 110, 34).backend().buffer());
        assert!(screen.contains(needle), "tab {i} lacks {needle}:\n{screen}");
        app.handle_key(&KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(app.mode(), Mode::Caseload);
}

#[test]
fn the_contact_form_shows_errors_and_saves_nothing_until_they_are_fixed() {
    let (_dir, store, mut app) = demo_app();
    render(&mut app, 110, 34);
    app.handle_key(&key('2'));
    let id = app.caseload.selected_case().unwrap();
    let before: Vec<linkwork::domain::contact::ContactEntry> = store.for_case(id).unwrap();
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.handle_key(&key('c'));
    assert_eq!(app.mode(), Mode::ContactForm);
    for _ in 0..10 {
        app.handle_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    for c in "2099-01-01".chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let screen = text(render(&mut app, 110, 34).backend().buffer());
    assert!(
        screen.contains("a contact cannot be in the future"),
        "{screen}"
    );
    assert_eq!(
        store
            .for_case::<linkwork::domain::contact::ContactEntry>(id)
            .unwrap()
            .len(),
        before.len()
    );
    for _ in 0..10 {
        app.handle_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    for c in "today".chars() {
        app.handle_key(&key(c));
    }
    // Date, how, reached, minutes, purpose: then the note.
    for _ in 0..5 {
        app.handle_key(&KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    }
    for c in "Walked to the cafe together.".chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.mode(), Mode::CaseFile);
    let after: Vec<linkwork::domain::contact::ContactEntry> = store.for_case(id).unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert!(
        after
            .iter()
            .any(|c| c.notes == "Walked to the cafe together." && c.on == today())
    );
    assert_rows_match_store(&app, &store);
    let screen = text(render(&mut app, 110, 34).backend().buffer());
    assert!(screen.contains("saved"), "{screen}");
}

#[test]
fn status_moves_are_confirmed_and_forbidden_ones_refused() {
    use linkwork::domain::case::CaseStatus;
    let (_dir, store, mut app) = demo_app();
    render(&mut app, 110, 34);
    app.handle_key(&key('3'));
    let id = app.caseload.selected_case().unwrap();
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.handle_key(&key('m'));
    assert_eq!(app.mode(), Mode::MoveStatus);
    // Referred: options are every other status; pick Closed (forbidden).
    let form = app.screen::<linkwork::ui::app::MoveStatusForm>().unwrap();
    let closed = form
        .options
        .iter()
        .position(|s| *s == CaseStatus::Closed)
        .unwrap();
    let steps = (closed + form.options.len() - form.selected) % form.options.len();
    for _ in 0..steps {
        app.handle_key(&KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let screen = text(render(&mut app, 110, 34).backend().buffer());
    assert!(
        screen.contains("Refused: a case cannot move from Referred to Closed."),
        "{screen}"
    );
    // Declined needs a reason, named in the confirmation.
    let form = app.screen::<linkwork::ui::app::MoveStatusForm>().unwrap();
    let declined = form
        .options
        .iter()
        .position(|s| *s == CaseStatus::Declined)
        .unwrap();
    let steps = (declined + form.options.len() - form.selected) % form.options.len();
    for _ in 0..steps {
        app.handle_key(&KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let screen = text(render(&mut app, 110, 34).backend().buffer());
    assert!(screen.contains("from Referred to Declined?"), "{screen}");
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(
        app.screen::<linkwork::ui::app::MoveStatusForm>()
            .unwrap()
            .message
            .as_deref()
            == Some("Declining needs a reason.")
    );
    for c in "Feels things are better".chars() {
        app.handle_key(&key(c));
    }
    // The person declined three days ago: that is the code's date. A day
    // still to come is refused.
    app.handle_key(&KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
    for _ in 0..5 {
        app.handle_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    for c in "+3".chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(
        app.screen::<linkwork::ui::app::MoveStatusForm>()
            .and_then(|f| f.message.clone())
            .as_deref(),
        Some("When: not in the future: that day is still to come.")
    );
    for _ in 0..2 {
        app.handle_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    for c in "19/11/2026".chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.mode(), Mode::CaseFile);
    let case: linkwork::domain::case::Case = store.get(&id.0.to_be_bytes()).unwrap().unwrap();
    assert_eq!(case.status, CaseStatus::Declined);
    assert!(
        case.referral
            .snomed_events
            .iter()
            .any(|e| e.code.concept_id() == "871711000000103"
                && e.on == NaiveDate::from_ymd_opt(2026, 11, 19).unwrap()),
        "{:?}",
        case.referral.snomed_events
    );
    assert_rows_match_store(&app, &store);
    let file = store.case_file(id).unwrap();
    assert!(
        file.history
            .iter()
            .any(|e| e.action.describe() == "status Referred -> Declined")
    );
    // A declined case is read-only.
    app.handle_key(&key('c'));
    assert_eq!(app.mode(), Mode::CaseFile);
    assert!(app.notice.as_ref().unwrap().text.contains("read-only"));
}

#[test]
fn risk_flags_are_raised_and_cleared_with_notes() {
    let (_dir, store, mut app) = demo_app();
    render(&mut app, 110, 34);
    app.handle_key(&key('2'));
    let id = app.caseload.selected_case().unwrap();
    let before = store.case_file(id).unwrap().case.active_risks().count();
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.handle_key(&key('r'));
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(
        app.screen::<linkwork::ui::app::RiskForm>()
            .unwrap()
            .message
            .is_some(),
        "a note is required"
    );
    for c in "Worried about the winter".chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let file = store.case_file(id).unwrap();
    assert_eq!(file.case.active_risks().count(), before + 1);
    assert!(
        file.history
            .iter()
            .any(|e| e.action.describe().starts_with("risk flag raised"))
    );
    app.handle_key(&key('r'));
    app.handle_key(&KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    for c in "Spoke to GP; settled".chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let file = store.case_file(id).unwrap();
    assert_eq!(file.case.active_risks().count(), before);
    assert!(
        file.history
            .iter()
            .any(|e| e.action.describe().starts_with("risk flag cleared"))
    );
    assert_rows_match_store(&app, &store);
    let history = format!("{:?}", file.history);
    assert!(
        !history.contains("winter") && !history.contains("settled"),
        "no note text in history"
    );
}

#[test]
fn selected_row_uses_the_selection_role() {
    let theme = Theme::builtin("high-contrast").unwrap().unwrap();
    let mut app = app_with(Keymap::default(), theme);
    app.update(Action::MoveDown);
    let terminal = render(&mut app, 100, 20);
    let buffer = terminal.backend().buffer();
    // Row 0 of the table is screen line 3; the selection is line 4.
    let style = buffer[(2, 4)].style();
    assert!(style.add_modifier.contains(Modifier::REVERSED), "{style:?}");
    assert!(
        !buffer[(2, 3)]
            .style()
            .add_modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn help_overlay_lists_every_binding_of_the_keymap() {
    let config = Config::parse(
        Path::new("config.toml"),
        "[keys.caseload]\n\"ctrl-n\" = \"move_down\"\n\"x\" = \"last\"\n".into(),
    )
    .unwrap();
    let keymap = Keymap::from_config(&config).unwrap();
    let mut app = app_with(keymap.clone(), Theme::default_theme());
    app.handle_key(&key('?'));
    assert_eq!(app.mode(), Mode::Help);
    let terminal = render(&mut app, 100, 420);
    let screen = text(terminal.backend().buffer());
    for mode in Mode::ALL {
        assert!(screen.contains(mode.title()), "section {}", mode.title());
        for (chord, action) in keymap
            .mode_bindings(mode)
            .iter()
            .chain(keymap.global_bindings())
        {
            if keymap.resolve(mode, *chord) != Some(*action) {
                continue; // shadowed by a mode binding
            }
            let line = screen.lines().find(|l| {
                l.contains(action.description_in(mode)) && l.contains(&chord.to_string())
            });
            assert!(
                line.is_some(),
                "{mode:?}: {chord} -> {action:?} missing from help\n{screen}"
            );
        }
    }
    assert!(screen.contains("Ctrl-n"), "a user binding appears in help");
    app.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(app.mode(), Mode::Caseload);
}

#[test]
fn footer_shows_the_keys_of_the_current_mode() {
    let mut app = app();
    let terminal = render(&mut app, 100, 20);
    let footer = text(terminal.backend().buffer())
        .lines()
        .nth(18)
        .unwrap()
        .to_owned();
    assert!(
        footer.contains("Enter open") && footer.contains("q quit") && footer.contains("? help"),
        "{footer}"
    );
    app.update(Action::ToggleHelp);
    let terminal = render(&mut app, 100, 20);
    let footer = text(terminal.backend().buffer())
        .lines()
        .nth(18)
        .unwrap()
        .to_owned();
    assert!(footer.contains("Esc/q back"), "{footer}");
}

#[test]
fn a_tiny_terminal_asks_to_be_larger() {
    let mut app = app();
    for (w, h) in [(40, 10), (59, 30), (120, 11), (1, 1)] {
        let terminal = render(&mut app, w, h);
        let screen = text(terminal.backend().buffer());
        if w >= 24 {
            assert!(
                screen.contains("Make the window larger"),
                "{w}x{h}: {screen}"
            );
        }
    }
    let terminal = render(&mut app, 60, 12);
    assert!(!text(terminal.backend().buffer()).contains("Make the window larger"));
}

#[test]
fn an_empty_store_says_so() {
    let mut app = App::new(
        vec![],
        Keymap::default(),
        Theme::default_theme(),
        DataSource::Demo,
        "Sam".into(),
        linkwork::clock::Clock::fixed(today()),
    );
    let terminal = render(&mut app, 80, 20);
    assert!(text(terminal.backend().buffer()).contains("No cases yet."));
}

#[test]
fn readme_key_table_matches_the_default_keymap() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let keymap = Keymap::default();
    let sections: Vec<(&str, Vec<_>)> =
        std::iter::once(("Everywhere", keymap.global_bindings().to_vec()))
            .chain(
                Mode::ALL
                    .iter()
                    .map(|m| (m.title(), keymap.mode_bindings(*m).to_vec())),
            )
            .collect();
    let mut rows = 0;
    for (section, bindings) in sections {
        for (chord, action) in bindings {
            let row = readme
                .lines()
                .find(|l| {
                    l.starts_with(&format!("| {section} |"))
                        && l.contains(&format!("`{}`", action.name()))
                })
                .unwrap_or_else(|| panic!("README has no {section} row for {}", action.name()));
            assert!(
                row.contains(&format!("`{chord}`")),
                "README row {row:?} lacks `{chord}`"
            );
        }
        rows += 1;
    }
    assert_eq!(rows, Mode::ALL.len() + 1);
    let table_rows = readme
        .lines()
        .filter(|l| {
            l.starts_with("| Everywhere |")
                || l.starts_with("| Caseload |")
                || l.starts_with("| Help |")
        })
        .count();
    let documented: usize = Mode::ALL
        .iter()
        .map(|m| keymap.actions_in(*m).len())
        .sum::<usize>();
    assert!(
        table_rows <= documented,
        "README lists actions the keymap does not have"
    );
}

#[test]
fn idle_lock_hides_personal_data_and_resumes_with_the_passphrase() {
    use linkwork::store::Secret;
    use linkwork::ui::app::Unlocker;
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(
        &dir.path().join("s"),
        "t",
        Some(&Secret::new("open sesame".into())),
    )
    .unwrap();
    let check = store
        .passphrase_check()
        .unwrap()
        .expect("encrypted stores check passphrases");
    let mut app = app();
    app.unlocker = Unlocker::Passphrase(std::sync::Arc::new(check));
    app.idle_after = Some(Duration::from_secs(600));
    let names: Vec<String> = app.caseload.rows.iter().map(|r| r.name.clone()).collect();
    let t0 = app.last_input;
    app.tick(t0 + Duration::from_secs(599));
    assert!(!app.is_locked(), "not before ten minutes");
    app.tick(t0 + Duration::from_secs(600));
    assert!(app.is_locked());
    let screen = text(render(&mut app, 100, 24).backend().buffer());
    assert!(screen.contains("linkwork is locked") && screen.contains("Personal data is hidden."));
    for name in &names {
        assert!(
            !screen.contains(name.as_str()),
            "{name} visible while locked"
        );
    }
    assert!(!screen.contains("open"), "no counts or titles while locked");
    // Keys do nothing but type: q does not quit, j does not move.
    for c in "qj".chars() {
        app.handle_key(&key(c));
    }
    assert!(app.running && app.caseload.selected == 0);
    app.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    for c in "wrong".chars() {
        app.handle_key(&key(c));
    }
    let screen = text(render(&mut app, 100, 24).backend().buffer());
    assert!(
        screen.contains("•••••") && !screen.contains("wrong"),
        "typing is masked"
    );
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.is_locked());
    let screen = text(render(&mut app, 100, 24).backend().buffer());
    assert!(screen.contains("That passphrase does not open this caseload."));
    for c in "open sesame".chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(!app.is_locked());
    let screen = text(render(&mut app, 100, 24).backend().buffer());
    let selected = app.caseload.selected_row().unwrap().name.clone();
    assert!(
        screen.contains(selected.as_str()),
        "{selected} visible again"
    );
    // Ctrl-l locks at once; an unencrypted store resumes on any key.
    app.unlocker = Unlocker::AnyKey;
    app.handle_key(&KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    assert!(app.is_locked());
    app.handle_key(&key('x'));
    assert!(!app.is_locked());
}

fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(&key(c));
    }
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn intake_shows_errors_saves_nothing_until_valid_then_saves_and_spots_duplicates() {
    use linkwork::domain::person::Person;
    let (_dir, store, mut app) = demo_app();
    render(&mut app, 120, 34);
    let people_before = store.all::<Person>().unwrap().len();
    let cases_before = store.all::<linkwork::domain::case::Case>().unwrap().len();
    app.handle_key(&key('n'));
    assert_eq!(app.mode(), Mode::Intake);
    // Leave the name empty, a future date of birth, a bad NHS number.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "2031-01-01");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "maybe");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "943 476 5918");
    app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let screen = text(render(&mut app, 120, 34).backend().buffer());
    for message in [
        "✗ required",
        "a date of birth cannot be in the future",
        "the check digit does not match",
        "one of female, male, non-binary, other or not stated",
        "choose who referred",
        "tick at least one need",
    ] {
        assert!(screen.contains(message), "missing {message:?}:\n{screen}");
    }
    assert_eq!(
        store.all::<Person>().unwrap().len(),
        people_before,
        "nothing saved"
    );
    // Fix everything: the focus jumped to the first problem (given name).
    type_str(&mut app, "Ada");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Lovelace");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_str(&mut app, "1960-12-10");
    press(&mut app, KeyCode::Tab);
    app.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    type_str(&mut app, "f");
    press(&mut app, KeyCode::Tab);
    for _ in 0..12 {
        press(&mut app, KeyCode::Backspace);
    }
    type_str(&mut app, "9434765919");
    while app
        .screen::<linkwork::ui::app::IntakeForm>()
        .unwrap()
        .field()
        != linkwork::domain::intake::IntakeField::Source
    {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, " ");
    app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.mode(), Mode::Caseload, "saved");
    assert_eq!(store.all::<Person>().unwrap().len(), people_before + 1);
    assert_eq!(
        store.all::<linkwork::domain::case::Case>().unwrap().len(),
        cases_before + 1
    );
    let row = app.caseload.selected_row().unwrap();
    assert_eq!(row.name, "Ada Lovelace");
    assert_eq!(row.status, linkwork::domain::case::CaseStatus::Referred);
    let history = store.case_file(row.case_id).unwrap().history;
    assert!(
        history
            .iter()
            .any(|e| e.action == linkwork::store::AuditAction::Created)
    );
    // The same NHS number again: shown as a possible duplicate first.
    app.handle_key(&key('n'));
    type_str(&mut app, "Augusta");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "King");
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    type_str(&mut app, "9434765919");
    while app
        .screen::<linkwork::ui::app::IntakeForm>()
        .unwrap()
        .field()
        != linkwork::domain::intake::IntakeField::Source
    {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, " ");
    app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(
        app.screen::<linkwork::ui::app::IntakeForm>()
            .unwrap()
            .duplicates
            .len(),
        1,
        "duplicate detected"
    );
    let screen = text(render(&mut app, 120, 34).backend().buffer());
    assert!(
        screen.contains("This may be someone already known") && screen.contains("Ada Lovelace"),
        "{screen}"
    );
    // A new episode for her is refused while one is open; nothing is saved.
    app.handle_key(&key('e'));
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .contains("already has an open episode")
    );
    assert_eq!(store.all::<Person>().unwrap().len(), people_before + 1);
    assert_eq!(
        store.all::<linkwork::domain::case::Case>().unwrap().len(),
        cases_before + 1
    );
}

#[test]
fn a_re_referral_after_a_closed_episode_opens_episode_two() {
    use linkwork::domain::case::{Case, CaseStatus};
    use linkwork::domain::intake::{IntakeDraft, IntakeField};
    let (_dir, store, _app) = demo_app();
    let cases: Vec<Case> = store.all().unwrap();
    let closed = cases
        .iter()
        .find(|c| {
            c.status == CaseStatus::Closed
                && !cases
                    .iter()
                    .any(|o| o.person_id == c.person_id && o.status.is_open())
        })
        .unwrap();
    let person: linkwork::domain::person::Person = store
        .get(&closed.person_id.0.to_be_bytes())
        .unwrap()
        .unwrap();
    let mut draft = IntakeDraft::new(today());
    *draft.get_mut(IntakeField::GivenName) = person.given_name.clone();
    *draft.get_mut(IntakeField::FamilyName) = person.family_name.clone();
    *draft.get_mut(IntakeField::DateOfBirth) = person.date_of_birth.unwrap().to_string();
    draft.source = Some(linkwork::domain::referral::ReferralSource::SelfReferral);
    draft.needs = vec![linkwork::domain::referral::Need::Loneliness];
    let dups = store.duplicates_of(&draft).unwrap();
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].person.id, person.id);
    let id = store
        .create_referral(&draft, Some(person.id), today())
        .unwrap();
    let case: Case = store.get(&id.0.to_be_bytes()).unwrap().unwrap();
    assert_eq!(case.person_id, person.id);
    assert_eq!(case.episode, closed.episode + 1);
    assert_eq!(case.previous_case, Some(closed.id));
}

#[test]
fn editing_details_checks_each_field_and_audits_the_change() {
    use linkwork::domain::person::Person;
    let (_dir, store, mut app) = demo_app();
    render(&mut app, 120, 34);
    app.handle_key(&key('2'));
    let row = app.caseload.selected_row().unwrap().clone();
    press(&mut app, KeyCode::Enter);
    app.handle_key(&key('e'));
    assert_eq!(app.mode(), Mode::Edit);
    // Postcode is the tenth field.
    for _ in 0..9 {
        press(&mut app, KeyCode::Tab);
    }
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_str(&mut app, "nowhere");
    press(&mut app, KeyCode::Tab);
    let screen = text(render(&mut app, 120, 34).backend().buffer());
    assert!(screen.contains("this is not a UK postcode"), "{screen}");
    app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.mode(), Mode::Edit, "not saved while a field is wrong");
    let before: Person = store.get(&row.person_id.0.to_be_bytes()).unwrap().unwrap();
    assert_ne!(before.postcode.as_deref(), Some("nowhere"));
    press(&mut app, KeyCode::BackTab);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_str(&mut app, "m28 3ab");
    app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.mode(), Mode::CaseFile);
    let after: Person = store.get(&row.person_id.0.to_be_bytes()).unwrap().unwrap();
    assert_eq!(after.postcode.as_deref(), Some("M28 3AB"));
    assert_rows_match_store(&app, &store);
    let history = store.case_file(row.case_id).unwrap().history;
    assert!(
        history
            .iter()
            .any(|e| e.entity == linkwork::store::Entity::Person
                && e.action == linkwork::store::AuditAction::Updated),
        "the edit shows in the case's History"
    );
    let log = store.audit_log().unwrap();
    assert!(
        log.iter()
            .any(|e| e.entity == linkwork::store::Entity::Person
                && e.id == row.person_id.to_string()
                && e.action == linkwork::store::AuditAction::Updated)
    );
    assert!(
        !format!("{history:?}{log:?}").contains("M28 3AB"),
        "no content in the audit"
    );
}

#[test]
fn the_command_palette_finds_and_runs_an_action_with_its_key_shown() {
    let (_dir, _store, mut app) = demo_app();
    render(&mut app, 120, 34);
    app.handle_key(&key(':'));
    assert_eq!(app.mode(), Mode::Palette);
    type_str(&mut app, "closed");
    let screen = text(render(&mut app, 120, 34).backend().buffer());
    let line = screen
        .lines()
        .find(|l| l.contains("Show closed, declined and not-contactable episodes"))
        .expect("the action is offered");
    assert!(
        line.contains("  4   Show closed, declined and not-contactable episodes"),
        "its key is shown, before what it does: {line}"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Caseload);
    assert_eq!(
        app.caseload.view,
        linkwork::domain::caseload::CaseloadView::Closed
    );
    app.handle_key(&KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    assert_eq!(app.mode(), Mode::Palette);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Caseload);
}

#[test]
fn a_long_notice_has_the_whole_status_line_and_home_is_written_as_a_tilde() {
    let mut app = app();
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    app.cx.notify(
        format!("Wrote the person's copy to {home}/letters/plan-copy-case-34.md (0600)."),
        false,
    );
    let terminal = render(&mut app, 80, 24);
    let screen = text(terminal.backend().buffer());
    let status = screen.lines().last().unwrap_or_default().to_owned();
    assert!(
        status.contains("Wrote the person's copy to ~/letters/plan-copy-case-34.md (0600)."),
        "{status}"
    );
    // A short one keeps the worker and the date beside it.
    app.cx.notify("Saved.", false);
    let terminal = render(&mut app, 80, 24);
    let status = text(terminal.backend().buffer())
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(
        status.contains("Saved.") && status.contains("2026"),
        "{status}"
    );
}

#[test]
fn the_case_header_at_80_columns_shows_every_flag_first_and_cuts_no_word() {
    let (_dir, _store, mut app) = demo_app();
    render(&mut app, 80, 24);
    let flagged: Vec<usize> = (0..app.caseload.shown.len())
        .filter(|&p| !app.caseload.rows[app.caseload.shown[p]].flags.is_empty())
        .take(8)
        .collect();
    assert!(!flagged.is_empty(), "the demo has flagged cases");
    for pos in flagged {
        app.caseload.move_to(pos, 20);
        let row = app.caseload.selected_row().unwrap().clone();
        app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        let screen = text(render(&mut app, 80, 24).backend().buffer());
        let header = screen.lines().next().unwrap().trim_end().to_owned();
        for flag in &row.flags {
            assert!(
                header.contains(flag.short()),
                "{:?} missing: {header}",
                flag
            );
        }
        let ends_whole = [
            "weeks",
            "contacts",
            "days",
            "Referred",
            "Active",
            "Contacted",
        ]
        .iter()
        .any(|w| header.ends_with(w))
            || header.ends_with(|c: char| c.is_ascii_digit())
            || row.flags.iter().any(|f| header.ends_with(f.short()));
        assert!(ends_whole, "cut: {header}");
        app.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    }
}
