//! Property tests for the parsers of outside data that the user controls:
//! config.toml (with key overrides), theme files, and the directory
//! importers (Open Referral JSON, HSDS CSV tables, plain CSV). Whatever the input,
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

/// The importers of outside data: random bytes and random mutations of the
/// Open Referral examples never panic; they parse or give an error.
mod importers {
    use linkwork::import::{hsds_csv, hsds_json, plain_csv};
    use proptest::prelude::*;
    use std::collections::HashMap;

    const JSON: [&str; 3] = [
        include_str!("fixtures/openreferral/service_full.json"),
        include_str!("fixtures/openreferral/organization_full.json"),
        include_str!("fixtures/openreferral/service_list.json"),
    ];

    fn tables() -> HashMap<String, Vec<u8>> {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/openreferral/hsds3-csv"
        );
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (
                    p.file_name().unwrap().to_str().unwrap().to_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect()
    }

    /// A mutation: flip, insert or delete a byte, or cut the text short.
    #[derive(Debug, Clone)]
    enum Mutation {
        Flip(usize, u8),
        Insert(usize, u8),
        Delete(usize),
        Truncate(usize),
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        prop_oneof![
            (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
            (
                any::<usize>(),
                prop_oneof![Just(b','), Just(b'"'), Just(b'\n'), Just(b'{'), any::<u8>()]
            )
                .prop_map(|(i, b)| Mutation::Insert(i, b)),
            any::<usize>().prop_map(Mutation::Delete),
            any::<usize>().prop_map(Mutation::Truncate),
        ]
    }

    fn mutate(bytes: &mut Vec<u8>, mutations: &[Mutation]) {
        for m in mutations {
            let n = bytes.len().max(1);
            match *m {
                Mutation::Flip(i, b) if !bytes.is_empty() => bytes[i % n] = b,
                Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
                Mutation::Delete(i) if !bytes.is_empty() => {
                    bytes.remove(i % n);
                }
                Mutation::Truncate(i) => bytes.truncate(i % (bytes.len() + 1)),
                _ => {}
            }
        }
    }

    fn parse_tables(files: &HashMap<String, Vec<u8>>) {
        let _ = hsds_csv::parse(&mut |name: &str| Ok(files.get(name).cloned()));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = hsds_json::parse("random.json", &bytes);
            let _ = plain_csv::parse("random.csv", &bytes);
            let files: HashMap<String, Vec<u8>> = [("services.csv".to_owned(), bytes.clone())].into();
            parse_tables(&files);
        }

        #[test]
        fn mutated_json_examples_never_panic(
            which in 0..JSON.len(),
            mutations in proptest::collection::vec(mutation(), 1..8),
        ) {
            let mut bytes = JSON[which].as_bytes().to_vec();
            mutate(&mut bytes, &mutations);
            let _ = hsds_json::parse("mutated.json", &bytes);
        }

        #[test]
        fn mutated_csv_tables_never_panic(
            table in prop_oneof![
                Just("services.csv"), Just("locations.csv"), Just("service_at_location.csv"),
                Just("phones.csv"), Just("schedules.csv"), Just("attributes.csv"),
                Just("contacts.csv"), Just("datapackage.json"),
            ],
            mutations in proptest::collection::vec(mutation(), 1..8),
        ) {
            let mut files = tables();
            if let Some(bytes) = files.get_mut(table) {
                mutate(bytes, &mutations);
            }
            parse_tables(&files);
            let mut sheet = b"name,organisation,days,opens_at,cost,postcode,minimum_age\nKnit,Library,Tue,14:00,free,M30 0FN,18\n".to_vec();
            mutate(&mut sheet, &mutations);
            let _ = plain_csv::parse("sheet.csv", &sheet);
        }
    }
}
