//! End-to-end tests: the real binary in a pseudo-terminal.

#[path = "support/pty.rs"]
mod pty;

use pty::{Home, Session};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

/// The terminal settings `stty -a` printed after the program: the shell is
/// usable again only if canonical mode and echo are back on.
fn assert_terminal_sane(session: &Session) {
    let screen = session.screen();
    assert!(
        !session.in_alternate_screen(),
        "still in the alternate screen:\n{screen}"
    );
    assert!(!session.cursor_hidden(), "cursor still hidden:\n{screen}");
    let words: Vec<&str> = screen.split_whitespace().collect();
    for flag in ["icanon", "echo", "icrnl"] {
        assert!(words.contains(&flag), "{flag} not restored:\n{screen}");
        assert!(
            !words.contains(&format!("-{flag}").as_str()),
            "-{flag} after exit:\n{screen}"
        );
    }
}

fn open_count(screen: &str) -> usize {
    let (_, after) = screen
        .split_once(" Open ")
        .expect("title shows the open count");
    after
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number after 'Open'")
}

#[test]
fn demo_shows_the_caseload_and_q_quits_cleanly() {
    let home = Home::new();
    let mut s = Session::shell(
        &home,
        "\"$LINKWORK\" --demo; echo \"EXIT=$?\"; stty -a",
        &[],
        30,
        110,
    );
    s.wait_for("shown · by", WAIT);
    let screen = s.screen();
    assert!(open_count(&screen) >= 40, "{screen}");
    s.wait_for("Demo caseload: temporary, nothing is saved", WAIT);
    assert!(s.in_alternate_screen());
    s.send("?");
    s.wait_for("Show or hide this list of keys", WAIT);
    s.send("\x1b");
    // A person pauses between keys; Esc followed at once by q is Alt-q.
    s.wait_for("q quit", WAIT);
    s.send("q");
    s.wait_for("EXIT=0", WAIT);
    s.wait_for("icanon", WAIT);
    assert_terminal_sane(&s);
    assert!(s.wait_exit(WAIT).success());
}

#[test]
fn a_panic_in_the_event_loop_restores_the_terminal() {
    let home = Home::new();
    let mut s = Session::shell(
        &home,
        "\"$LINKWORK\" --demo; echo \"EXIT=$?\"; stty -a",
        &[("LINKWORK_TEST_PANIC_KEY", "x"), ("RUST_BACKTRACE", "0")],
        30,
        110,
    );
    s.wait_for("shown · by", WAIT);
    s.send("x");
    s.wait_for("EXIT=101", WAIT);
    s.wait_for("icanon", WAIT);
    assert!(
        s.screen().contains("test panic requested"),
        "{}",
        s.screen()
    );
    assert_terminal_sane(&s);
}

#[test]
fn a_second_window_on_the_same_data_is_refused() {
    let home = Home::new();
    let data = home.path().join("caseload");
    let data_arg = data.to_str().unwrap();
    let mut first = Session::linkwork(&home, &["--data-dir", data_arg], 24, 100);
    first.wait_for("Protect it with a passphrase?", WAIT);
    first.send("n\r");
    first.wait_for("No cases yet.", WAIT);
    first.wait_for("unencrypted store", WAIT);
    let out = home.command(&["--data-dir", data_arg]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "linkwork: This caseload is already open in another linkwork window ({}).\n",
            data.display()
        )
    );
    assert!(out.stdout.is_empty(), "the terminal must be left untouched");
    first.send("q");
    assert!(first.wait_exit(WAIT).success());
}

#[test]
fn seed_demo_persists_and_refuses_a_second_time() {
    let home = Home::new();
    let data = home.path().join("demo-store");
    let data_arg = data.to_str().unwrap();
    let out = home
        .command(&["seed-demo", "--data-dir", data_arg])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Wrote the demo caseload ("));
    let again = home
        .command(&["seed-demo", "--data-dir", data_arg])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("already holds records; seed-demo only writes into an empty store"),
        "{err}"
    );
    let mut s = Session::linkwork(&home, &["--data-dir", data_arg], 30, 110);
    s.wait_for("shown · by", WAIT);
    assert!(open_count(&s.screen()) >= 40);
    s.wait_for("unencrypted store", WAIT);
    s.send("q");
    assert!(s.wait_exit(WAIT).success());
}

#[test]
fn bad_config_and_theme_stop_before_the_terminal_is_touched() {
    let home = Home::new();
    let config = home.path().join("bad-config.toml");
    std::fs::write(
        &config,
        "worker_name = \"Sam\"\n[keys.caseload]\n\"x\" = \"explode\"\n",
    )
    .unwrap();
    let out = home
        .command(&["--demo", "--config", config.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{} line 3: unknown action \"explode\"",
            config.display()
        )),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    // Every command reads the configuration as strictly as the app.
    let data = home.path().join("some-store");
    home.seed_demo(&data);
    let out = home
        .command(&[
            "cases",
            "--config",
            config.to_str().unwrap(),
            "--data-dir",
            data.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "cases refuses the bad config too"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown action \"explode\""));
    assert!(out.stdout.is_empty());

    let theme = home.path().join("bad-theme.toml");
    std::fs::write(&theme, "[roles]\ntitle = { fg = \"sparkly\" }\n").unwrap();
    let out = home
        .command(&["--demo", "--theme", theme.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{} line 2: \"sparkly\" is not a colour",
            theme.display()
        )),
        "{err}"
    );
}

#[test]
fn resizing_redraws_and_a_tiny_window_asks_to_be_larger() {
    let home = Home::new();
    let mut s = Session::linkwork(&home, &["--demo"], 30, 110);
    s.wait_for("shown · by", WAIT);
    s.resize(10, 50);
    s.wait_for("Make the window larger", WAIT);
    s.resize(30, 110);
    s.wait_for("shown · by", WAIT);
    s.send("q");
    assert!(s.wait_exit(WAIT).success());
}

#[test]
fn light_and_high_contrast_themes_start() {
    for theme in ["light", "high-contrast"] {
        let home = Home::new();
        let mut s = Session::linkwork(&home, &["--demo", "--theme", theme], 24, 100);
        s.wait_for("shown · by", WAIT);
        s.send("q");
        assert!(s.wait_exit(WAIT).success(), "{theme}");
    }
}

#[test]
fn the_first_run_in_a_new_folder_offers_encryption() {
    let home = Home::new();
    let data = home.path().join("new-caseload");
    let data_arg = data.to_str().unwrap();
    let mut s = Session::linkwork(&home, &["--data-dir", data_arg], 24, 100);
    s.wait_for("Protect it with a passphrase?", WAIT);
    s.send("y\r");
    s.wait_for("New passphrase:", WAIT);
    s.send("tea and biscuits\r");
    s.wait_for("The same passphrase again:", WAIT);
    s.send("tea and biscuits\r");
    s.wait_for("No cases yet.", WAIT);
    s.wait_for("encrypted", WAIT);
    s.send("q");
    assert!(s.wait_exit(WAIT).success());
    // The next run asks for the passphrase; a wrong one gets a sentence and
    // another try.
    let mut s = Session::linkwork(&home, &["--data-dir", data_arg], 24, 100);
    s.wait_for("Passphrase for the caseload", WAIT);
    s.send("scones\r");
    s.wait_for(
        "That passphrase does not open this caseload. Try again.",
        WAIT,
    );
    s.send("tea and biscuits\r");
    s.wait_for("No cases yet.", WAIT);
    s.send("q");
    assert!(s.wait_exit(WAIT).success());
}

#[test]
fn a_referral_and_a_contact_made_in_the_real_app_survive_a_restart() {
    let home = Home::new();
    let data = home.path().join("caseload");
    let data_arg = data.to_str().unwrap();
    let mut s = Session::linkwork(&home, &["--data-dir", data_arg], 30, 120);
    s.wait_for("Protect it with a passphrase?", WAIT);
    s.send("n\r");
    s.wait_for("No cases yet.", WAIT);
    s.send("n");
    s.wait_for("New referral", WAIT);
    s.send("Mabel\tPritchard\t\t1948-03-02\tfemale\t");
    // Skip to "Referred by", choose the first source, then tick a need.
    s.send("\t\t\t\t\t");
    s.send("\x1b[C");
    s.send("\t\t ");
    s.send("\x13"); // Ctrl-s
    s.wait_for("Referral saved", WAIT);
    s.wait_for("Mabel Pritchard", WAIT);
    s.send("\r");
    s.wait_for("Summary", WAIT);
    s.send("c");
    s.wait_for("Log a contact with Mabel Pritchard", WAIT);
    s.send("\t\t\t\t\tFirst call; she would like to try the choir.");
    s.send("\x13");
    s.wait_for("saved", WAIT);
    s.wait_for("Contacted", WAIT);
    s.send("\x1b");
    s.wait_for("shown · by", WAIT);
    s.send("q");
    assert!(s.wait_exit(WAIT).success());

    let mut s = Session::linkwork(&home, &["--data-dir", data_arg], 30, 120);
    // The Waiting view is remembered; she has left it now she is contacted.
    s.wait_for("Waiting · 0 shown", WAIT);
    s.send("2");
    s.wait_for("Mabel Pritchard", WAIT);
    s.wait_for("Contacted", WAIT);
    s.wait_for(" 1/12", WAIT);
    s.send("\r");
    s.wait_for("Summary", WAIT);
    s.send("\t\t\t\t");
    s.wait_for("First call; she would like to try the choir.", WAIT);
    s.send("\t\t");
    s.wait_for("status Referred -> Contacted", WAIT);
    s.send("q");
    s.wait_for("shown · by", WAIT);
    s.send("q");
    assert!(s.wait_exit(WAIT).success());
}

/// `linkwork plan export` on the demo writes the person's copy exactly as
/// the golden file has it; a case without a plan, or no such case, is one
/// sentence and exit 1.
#[test]
fn plan_export_writes_the_persons_copy() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    let run = |args: &[&str]| {
        home.command(args)
            .env("LINKWORK_TODAY", "2026-11-22")
            .output()
            .unwrap()
    };
    assert!(run(&["seed-demo", "--data-dir", d]).status.success());
    let out_file = home.path().join("copy.md");
    let out = run(&[
        "plan",
        "export",
        "34",
        "--out",
        out_file.to_str().unwrap(),
        "--data-dir",
        d,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&out_file).unwrap();
    let golden = include_str!("golden/plan-copy-case-34.md");
    assert_eq!(written, golden);
    for not_for_the_person in [
        "SNOMED",
        "871731000000106",
        "NHS number",
        "Referral",
        "risk",
    ] {
        assert!(
            !written.contains(not_for_the_person),
            "{not_for_the_person}"
        );
    }
    let none = run(&["plan", "export", "1", "--data-dir", d]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&none.stderr).trim(),
        "linkwork: There is no case 1 in this caseload (see linkwork cases)."
    );
    let audit = run(&["audit", "--case", "34", "--data-dir", d]);
    assert!(String::from_utf8_lossy(&audit.stdout).contains("the person's copy of the plan"));
}

#[test]
fn a_mistyped_data_dir_is_said_to_be_one_and_nothing_is_created() {
    let home = Home::new();
    let typo = home.path().join("caseloda");
    for args in [
        vec!["cases"],
        vec!["audit"],
        vec!["report"],
        vec!["directory", "search", "choir"],
        vec!["backup"],
    ] {
        let mut all = args.clone();
        all.extend(["--data-dir", typo.to_str().unwrap()]);
        let out = home.command(&all).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("There is no caseload in"), "{args:?}: {err}");
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
}
