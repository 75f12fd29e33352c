//! Property tests for the parsers of outside data that the user controls:
//! config.toml (with key overrides) and theme files. Whatever the input,
//! the result is a value or an error that names the file and a line, never
//! a panic. (Backup files and key chords have their own property tests
//! beside their parsers.)

use linkwork::config::{Config, ConfigError};
use linkwork::ui::{Keymap, Theme};
use proptest::prelude::*;
use std::path::Path;

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("keys".to_owned()),
        Just("caseload".to_owned()),
        Just("global".to_owned()),
        Just("help".to_owned()),
        Just("roles".to_owned()),
        Just("theme".to_owned()),
        Just("worker_name".to_owned()),
        Just("idle_lock_minutes".to_owned()),
        Just("title".to_owned()),
        Just("fg".to_owned()),
        Just("move_down".to_owned()),
        Just("ctrl-p".to_owned()),
        Just("quit".to_owned()),
        "[a-z_-]{1,8}",
        "\\PC{0,6}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        (token(), token()).prop_map(|(a, b)| format!("\"{a}\" = \"{b}\"")),
        (token(), token()).prop_map(|(a, b)| format!("{a} = \"{b}\"")),
        (token(), any::<i64>()).prop_map(|(a, n)| format!("{a} = {n}")),
        (token(), token()).prop_map(|(a, b)| format!("[{a}.{b}]")),
        token().prop_map(|a| format!("[{a}]")),
        (token(), token(), token()).prop_map(|(a, b, c)| format!("{a} = {{ {b} = \"{c}\" }}")),
        "\\PC{0,30}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(line(), 0..12).prop_map(|lines| lines.join("\n"))
}

fn located(e: &ConfigError, file: &str) -> bool {
    let msg = e.to_string();
    msg.starts_with(&format!("{file} line ")) || msg.starts_with("There is no theme")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn config_and_keymap_never_panic_and_errors_name_file_and_line(text in document()) {
        match Config::parse(Path::new("config.toml"), text) {
            Ok(config) => {
                if let Err(e) = Keymap::from_config(&config) {
                    prop_assert!(located(&e, "config.toml"), "{e}");
                }
            }
            Err(e) => prop_assert!(located(&e, "config.toml"), "{e}"),
        }
    }

    #[test]
    fn random_bytes_as_config_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let _ = Config::parse(Path::new("config.toml"), text);
    }

    #[test]
    fn themes_never_panic_and_errors_name_file_and_line(text in document()) {
        let base = Theme::default_theme();
        if let Err(e) = Theme::parse("t", Path::new("t.toml"), &text, Some(&base)) {
            prop_assert!(located(&e, "t.toml"), "{e}");
        }
        if let Err(e) = Theme::parse("t", Path::new("t.toml"), &text, None) {
            prop_assert!(located(&e, "t.toml"), "{e}");
        }
    }
}
