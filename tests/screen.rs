//! Screen tests: build the app on the demo caseload, feed actions and
//! keys, render into ratatui's TestBackend at a fixed size, and read the
//! buffer.

use chrono::NaiveDate;
use linkwork::config::Config;
use linkwork::domain::caseload::CaseOverview;
use linkwork::store::Store;
use linkwork::ui::{Action, App, DataSource, Keymap, Mode, Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;
use std::path::Path;

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
        today(),
    )
}

fn app() -> App {
    app_with(Keymap::default(), Theme::default_theme())
}

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
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

#[test]
fn caseload_shows_the_open_cases_most_urgent_first() {
    let mut app = app();
    let rows = demo_rows();
    let open: Vec<_> = rows.iter().filter(|r| r.status.is_open()).collect();
    assert!(open.len() >= 40);
    let terminal = render(&mut app, 110, 30);
    let screen = text(terminal.backend().buffer());
    assert!(screen.contains(&format!("{} open", open.len())), "{screen}");
    assert!(screen.contains("Open cases, most urgent first"));
    for header in [
        "Name", "Status", "Days", "Contacts", "Weeks", "Next due", "Flags",
    ] {
        assert!(screen.contains(header), "missing column {header}");
    }
    // The row with the earliest due date is first, computed here from the
    // overviews, not from the list code.
    let earliest = open
        .iter()
        .filter_map(|r| r.next.as_ref().map(|n| (n.due, r.name.clone())))
        .min()
        .unwrap();
    let first_row_line = screen.lines().nth(3).unwrap();
    assert!(
        first_row_line.contains(&earliest.1),
        "{first_row_line} should show {}",
        earliest.1
    );
    // 30 lines - title, footer, status - table border, header, border.
    let visible = screen
        .lines()
        .filter(|l| l.starts_with('│') && !l.contains("Name"))
        .count();
    assert_eq!(visible, 24);
    // Contacts used of limit appear as n/limit.
    let r = &app.caseload.rows[0];
    assert!(first_row_line.contains(&format!("{}/{}", r.contacts_used, r.contact_limit)));
    assert!(screen.contains("Demo caseload: temporary, nothing is saved"));
}

#[test]
fn caseload_snapshot() {
    let mut app = app();
    let terminal = render(&mut app, 100, 20);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn selection_moves_with_keys_and_scrolls() {
    let mut app = app();
    render(&mut app, 100, 20);
    for _ in 0..20 {
        app.handle_key(&key('j'));
    }
    assert_eq!(app.caseload.selected, 20);
    let terminal = render(&mut app, 100, 20);
    let screen = text(terminal.backend().buffer());
    let selected = &app.caseload.rows[20].name;
    assert!(
        screen.contains(selected.as_str()),
        "selected row must be visible"
    );
    assert!(
        !screen.contains(app.caseload.rows[0].name.as_str()),
        "first row scrolled away"
    );
    app.handle_key(&key('g'));
    assert_eq!(app.caseload.selected, 0);
    app.handle_key(&KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
    assert_eq!(app.caseload.selected, app.caseload.rows.len() - 1);
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
    assert_eq!(app.mode, Mode::Help);
    let terminal = render(&mut app, 100, 44);
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
    assert_eq!(app.mode, Mode::Caseload);
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
        footer.contains("j/↓ down") && footer.contains("q/Ctrl-c quit"),
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
        today(),
    );
    let terminal = render(&mut app, 80, 20);
    assert!(text(terminal.backend().buffer()).contains("No open cases."));
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
    assert_eq!(rows, 3);
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
    assert!(screen.contains(names[0].as_str()));
    // Ctrl-l locks at once; an unencrypted store resumes on any key.
    app.unlocker = Unlocker::AnyKey;
    app.handle_key(&KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    assert!(app.is_locked());
    app.handle_key(&key('x'));
    assert!(!app.is_locked());
}
