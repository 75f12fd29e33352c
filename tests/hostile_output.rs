//! Text from outside (a feed's service names, a typed name, a file's
//! contents) never drives the terminal: every CLI output that shows it is
//! checked byte by byte for C0 and C1 controls and bidirectional
//! overrides, through the real binary.

#[path = "support/pty.rs"]
mod pty;

use linkwork::domain::case::{Case, CaseStatus};
use linkwork::domain::directory::Service;
use linkwork::domain::ladder::Connection;
use linkwork::domain::person::Person;
use linkwork::domain::plan::ActionPlan;
use linkwork::store::{AuditAction, Store};
use pty::Home;

/// Escapes that do harm in a terminal: set the title, write the
/// clipboard (OSC 52), clear the screen, a C1 CSI, a bidi override.
const PAYLOADS: [&str; 5] = [
    "\u{1b}]0;owned\u{7}",
    "\u{1b}]52;c;MDcwMCA5MDAgOTAw\u{7}",
    "\u{1b}[2J\u{1b}[H",
    "\u{9b}31m\u{9d}0;x\u{9c}",
    "\u{202e}gnirts\u{202c}",
];

/// Every character a terminal may act on, at any position in `out`.
fn unsafe_chars(out: &str) -> Vec<(usize, char)> {
    out.char_indices()
        .filter(|(_, c)| linkwork::domain::text::is_unsafe(*c))
        .collect()
}

fn check(what: &str, out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        let found = unsafe_chars(&text);
        assert!(found.is_empty(), "{what}: {found:?} in\n{text}");
        assert!(!stream.contains(&0x1b), "{what}: a raw ESC byte");
    }
}

#[test]
fn no_output_of_the_cli_carries_a_terminal_escape() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    home.seed_demo(&data);
    let payload = PAYLOADS.concat();
    let (closed, connection, planned) = {
        let store = Store::open(&data, "test").unwrap();
        // Every service of a plan named with the payloads, as a hostile
        // feed would name them.
        let connections: Vec<Connection> = store.all().unwrap();
        let connection = connections
            .iter()
            .find(|c| c.is_live() && c.next.is_some())
            .unwrap()
            .clone();
        for mut s in store.all::<Service>().unwrap() {
            s.name = format!("Choir {payload}");
            s.description = Some(payload.clone());
            store.save_service(&s, None, AuditAction::Updated).unwrap();
        }
        // Every person named with them, as a hostile file would.
        for case in store.all::<Case>().unwrap() {
            let mut person: Person = store.case_file(case.id).unwrap().person;
            person.given_name = format!("Ann{payload}");
            person.preferred_name = Some(payload.clone());
            store.save_edits(&person, &case).unwrap();
        }
        let closed = store
            .all::<Case>()
            .unwrap()
            .into_iter()
            .find(|c| c.status == CaseStatus::Closed && c.discharge.is_some())
            .unwrap()
            .id
            .0;
        let planned = store.all::<ActionPlan>().unwrap()[0].case_id.0;
        (closed, connection.id.0, planned)
    };
    linkwork::store::directory_cache::invalidate(&data).unwrap();
    let run = |args: &[&str]| {
        home.command(args)
            .env("LINKWORK_TODAY", "2026-11-22")
            .output()
            .unwrap()
    };
    let closed = closed.to_string();
    let connection = connection.to_string();
    let planned = planned.to_string();
    for (what, args) in [
        (
            "directory search",
            vec!["directory", "search", "choir", "--data-dir", d],
        ),
        ("cases", vec!["cases", "--data-dir", d]),
        (
            "cases json",
            vec!["cases", "--format", "json", "--data-dir", d],
        ),
        (
            "discharge letter",
            vec!["discharge-letter", &closed, "--data-dir", d],
        ),
        (
            "visit card",
            vec!["visit-card", &connection, "--data-dir", d],
        ),
        (
            "plan export",
            vec!["plan", "export", &planned, "--data-dir", d],
        ),
        ("audit", vec!["audit", "--data-dir", d]),
    ] {
        let out = run(&args);
        check(what, &out);
        if what == "directory search" {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.contains("Choir ␛]0;owned␇"),
                "shown, not obeyed:\n{text}"
            );
        }
        if what == "cases json" {
            // Still JSON, and the names read back as they are stored.
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert!(v.to_string().len() > 2);
        }
    }
    // A file whose contents are quoted in an error message.
    let bad = home.path().join("bad.json");
    std::fs::write(
        &bad,
        format!(
            "{{\"services\": [{{\"id\": \"{}\"",
            payload.replace('\u{1b}', "\\u001b")
        ),
    )
    .unwrap();
    let out = run(&[
        "directory",
        "import",
        bad.to_str().unwrap(),
        "--data-dir",
        d,
    ]);
    assert!(!out.status.success());
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(unsafe_chars(&text).is_empty(), "import error:\n{text}");
    }
}
