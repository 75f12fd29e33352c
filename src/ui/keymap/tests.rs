use super::*;
use ratatui::crossterm::event::KeyCode;
use std::path::Path;

fn config(text: &str) -> Config {
    Config::parse(
        Path::new("/home/u/.config/linkwork/config.toml"),
        text.into(),
    )
    .unwrap()
}

#[test]
fn defaults_resolve_mode_then_global() {
    let m = Keymap::default();
    assert_eq!(
        m.resolve(Mode::Caseload, KeyChord::char('j')),
        Some(Action::MoveDown)
    );
    assert_eq!(
        m.resolve(Mode::Caseload, KeyChord::char('?')),
        Some(Action::ToggleHelp)
    );
    assert_eq!(
        m.resolve(Mode::Help, KeyChord::char('q')),
        Some(Action::Back)
    );
    assert_eq!(
        m.resolve(Mode::Caseload, KeyChord::char('q')),
        Some(Action::Quit)
    );
    assert_eq!(m.resolve(Mode::Caseload, KeyChord::char('z')), None);
}

#[test]
fn overrides_add_and_remove() {
    let m = Keymap::from_config(&config(
        "[keys.caseload]\n\"ctrl-n\" = \"move_down\"\n\"j\" = \"none\"\n[keys.global]\n\"ctrl-q\" = \"quit\"\n",
    ))
    .unwrap();
    assert_eq!(
        m.resolve(Mode::Caseload, KeyChord::ctrl('n')),
        Some(Action::MoveDown)
    );
    assert_eq!(m.resolve(Mode::Caseload, KeyChord::char('j')), None);
    assert_eq!(
        m.resolve(Mode::Help, KeyChord::ctrl('q')),
        Some(Action::Quit)
    );
}

#[test]
fn bad_overrides_name_file_and_line() {
    let cases = [
        (
            "[keys.caseload]\n\"hyper-x\" = \"quit\"\n",
            2,
            "is not a key",
        ),
        (
            "[keys.caseload]\n\n\"x\" = \"fly\"\n",
            3,
            "unknown action \"fly\"",
        ),
        (
            "[keys.nowhere]\n\"x\" = \"quit\"\n",
            1,
            "unknown key section",
        ),
        (
            "[keys.global]\n\"x\" = \"move_down\"\n",
            2,
            "cannot be bound",
        ),
    ];
    for (text, line, needle) in cases {
        let err = Keymap::from_config(&config(text)).unwrap_err().to_string();
        let prefix = format!("/home/u/.config/linkwork/config.toml line {line}: ");
        assert!(err.starts_with(&prefix), "{err}");
        assert!(err.contains(needle), "{err}");
    }
}

#[test]
fn actions_in_lists_keys_once_and_skips_shadowed_globals() {
    let m = Keymap::default();
    let help = m.actions_in(Mode::Help);
    let back = help.iter().find(|(a, _)| *a == Action::Back).unwrap();
    assert_eq!(
        back.1,
        [
            KeyChord::key(KeyCode::Esc),
            KeyChord::char('q'),
            KeyChord::char('?')
        ]
    );
    let caseload = m.actions_in(Mode::Caseload);
    let quit = caseload.iter().find(|(a, _)| *a == Action::Quit).unwrap();
    assert_eq!(quit.1, [KeyChord::char('q'), KeyChord::ctrl('c')]);
}
