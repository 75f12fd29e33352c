//! Data safety, end to end: backups and restores, damage detection,
//! encryption at rest, permissions, audit, and messages that never carry
//! personal data.

#[path = "support/pty.rs"]
mod pty;
#[path = "support/raw_sled.rs"]
mod raw_sled;

use raw_sled::raw_sled;

use linkwork::domain::case::Case;
use linkwork::domain::contact::ContactEntry;
use linkwork::domain::person::Person;
use linkwork::store::{Secret, Store, TreeName};
use pty::{Home, Session};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

fn run(home: &Home, args: &[&str]) -> Output {
    home.command(args).output().expect("run linkwork")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(home: &Home, args: &[&str]) -> String {
    let o = run(home, args);
    assert!(o.status.success(), "{args:?} failed: {}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

/// Strings from the demo that identify people: full names, NHS numbers,
/// postcodes, contact notes.
fn personal_strings() -> Vec<String> {
    let d = linkwork::demo::generate(chrono::Local::now().date_naive(), 1);
    let mut out = Vec::new();
    for p in &d.persons {
        out.push(format!("{} {}", p.given_name, p.family_name));
        out.push(format!("{}, {}", p.family_name, p.given_name));
        if let Some(n) = p.nhs_number {
            out.push(n.digits());
            out.push(n.to_string());
        }
        if let Some(pc) = &p.postcode {
            out.push(pc.clone());
        }
    }
    for c in &d.contacts {
        out.push(c.notes.clone());
    }
    for c in &d.cases {
        if let Some(n) = &c.safeguarding_note {
            out.push(n.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn seeded(home: &Home, name: &str, pass: Option<&Path>) -> PathBuf {
    let dir = home.path().join(name);
    let mut args = vec!["init", "--data-dir", s(&dir)];
    if let Some(p) = pass {
        args.extend(["--encrypt", "--passphrase-file", s(p)]);
    }
    ok(home, &args);
    let mut args = vec!["seed-demo", "--data-dir", s(&dir)];
    if let Some(p) = pass {
        args.extend(["--passphrase-file", s(p)]);
    }
    ok(home, &args);
    dir
}

fn passfile(home: &Home, name: &str, text: &str) -> PathBuf {
    let p = home.path().join(name);
    std::fs::write(&p, format!("{text}\n")).expect("write pass");
    // Private, as a passphrase file must be (others' access is warned of).
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    p
}

#[test]
fn a_passphrase_file_others_can_change_or_that_never_ends_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let p = passfile(&home, "pass", "correct horse battery staple");
    let dir = home.path().join("enc");
    let s = |p: &std::path::Path| p.to_str().unwrap().to_owned();
    let out = home
        .command(&[
            "init",
            "--encrypt",
            "--passphrase-file",
            &s(&p),
            "--data-dir",
            &s(&dir),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cases = |pass: &str| {
        home.command(&["cases", "--passphrase-file", pass, "--data-dir", &s(&dir)])
            .output()
            .unwrap()
    };
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = cases(&s(&p));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Warning: others can read"));
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o666)).unwrap();
    let out = cases(&s(&p));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("can be changed by others"));
    let out = cases("/dev/zero");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("holds more than a passphrase"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The records of every tree but meta and audit (which a restore adds to).
fn data_records(dir: &Path, pass: Option<&Secret>) -> Vec<(TreeName, Vec<u8>, Vec<u8>)> {
    let store = Store::open_with(dir, "t", pass).expect("open");
    let snap = store.snapshot().expect("snapshot");
    // Every record must decode, too.
    assert!(!store.all::<Person>().expect("persons").is_empty());
    assert!(!store.all::<Case>().expect("cases").is_empty());
    assert!(!store.all::<ContactEntry>().expect("contacts").is_empty());
    snap.records
        .into_iter()
        .filter(|r| !matches!(r.tree, TreeName::Meta | TreeName::Audit))
        .map(|r| (r.tree, r.key, r.value))
        .collect()
}

#[test]
fn backup_and_restore_give_identical_data_plain_and_encrypted() {
    let home = Home::new();
    let pass = passfile(&home, "pass", "a long and private passphrase");
    for (name, pass) in [("plain", None), ("sealed", Some(pass.as_path()))] {
        let dir = seeded(&home, name, pass);
        let file = home.path().join(format!("{name}.lwbak"));
        let mut args = vec!["backup", "--data-dir", s(&dir), "--out", s(&file)];
        if let Some(p) = pass {
            args.extend(["--passphrase-file", s(p)]);
        }
        assert!(ok(&home, &args).starts_with("Wrote a verified backup"));
        let target = home.path().join(format!("{name}-restored"));
        let mut args = vec!["restore", s(&file), "--data-dir", s(&target)];
        if let Some(p) = pass {
            args.extend(["--passphrase-file", s(p)]);
        }
        assert!(ok(&home, &args).contains("Restored"));
        let secret =
            pass.map(|p| Secret::new(std::fs::read_to_string(p).unwrap().trim_end().to_owned()));
        let before = data_records(&dir, secret.as_ref());
        let after = data_records(&target, secret.as_ref());
        assert_eq!(before.len(), after.len());
        assert!(before == after, "{name}: restored records differ");
        // Restoring again into the same folder is refused.
        let again = run(&home, &args);
        assert_eq!(again.status.code(), Some(1));
        assert!(
            stderr(&again).contains("already holds files"),
            "{}",
            stderr(&again)
        );
    }
}

#[test]
fn truncated_flipped_and_wrong_passphrase_backups_are_refused() {
    let home = Home::new();
    let pass = passfile(&home, "pass", "right one");
    let wrong = passfile(&home, "wrong", "wrong one");
    let dir = seeded(&home, "store", Some(&pass));
    let file = home.path().join("b.lwbak");
    ok(
        &home,
        &[
            "backup",
            "--data-dir",
            s(&dir),
            "--out",
            s(&file),
            "--passphrase-file",
            s(&pass),
        ],
    );
    let bytes = std::fs::read(&file).unwrap();
    let cases: Vec<(&str, Vec<u8>, &Path, &str)> = vec![
        (
            "truncated",
            bytes[..bytes.len() * 2 / 3].to_vec(),
            &pass,
            "cannot be used",
        ),
        (
            "flipped",
            {
                let mut b = bytes.clone();
                let at = b.len() / 2;
                b[at] ^= 0x01;
                b
            },
            &pass,
            "failed its integrity check",
        ),
        (
            "wrong passphrase",
            bytes.clone(),
            &wrong,
            "That passphrase does not open",
        ),
        (
            "not a backup",
            b"hello".to_vec(),
            &pass,
            "is not a linkwork backup",
        ),
    ];
    for (what, content, p, expected) in cases {
        let f = home.path().join(format!("{what}.lwbak"));
        std::fs::write(&f, content).unwrap();
        let target = home
            .path()
            .join(format!("target-{}", what.replace(' ', "-")));
        let o = run(
            &home,
            &[
                "restore",
                s(&f),
                "--data-dir",
                s(&target),
                "--passphrase-file",
                s(p),
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{what}");
        let err = stderr(&o);
        assert!(err.contains(expected), "{what}: {err}");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "{what}: one sentence: {err}"
        );
        assert!(!target.exists(), "{what}: nothing may be restored");
    }
}

#[test]
fn a_damaged_store_is_detected_left_untouched_and_a_restore_offered() {
    let home = Home::new();
    let dir = seeded(&home, "store", None);
    let backup_out = ok(&home, &["backup", "--data-dir", s(&dir)]);
    assert!(backup_out.contains("backups/linkwork-"), "{backup_out}");
    // Damage the newest half of the database log, where the latest
    // confirmed changes are.
    let db = dir.join("db").join("db");
    let mut bytes = std::fs::read(&db).unwrap();
    let used = bytes.iter().rposition(|&b| b != 0).unwrap_or(0);
    for b in bytes[used / 2..used].iter_mut().step_by(7) {
        *b ^= 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    let before = files(&dir);
    let o = run(&home, &["--data-dir", s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("could not be opened; its files may be damaged"),
        "{err}"
    );
    assert!(
        err.contains("linkwork restore ") && err.contains("--data-dir NEW_FOLDER"),
        "{err}"
    );
    assert_eq!(
        files(&dir),
        before,
        "the damaged files must be left exactly as they were"
    );
}

#[test]
fn an_encrypted_store_hides_everything_and_detects_swapped_records() {
    let home = Home::new();
    let pass = passfile(&home, "pass", "correct horse battery staple");
    let dir = seeded(&home, "store", Some(&pass));
    ok(
        &home,
        &[
            "backup",
            "--data-dir",
            s(&dir),
            "--passphrase-file",
            s(&pass),
        ],
    );
    let secrets = personal_strings();
    assert!(secrets.len() > 100);
    for (path, bytes) in files(&dir) {
        for secret in &secrets {
            assert!(
                !contains(&bytes, secret),
                "{} contains {secret:?}",
                path.display()
            );
        }
    }
    // Swap two person records on disk.
    let secret = Secret::new("correct horse battery staple".into());
    {
        let store = Store::open_with(&dir, "t", Some(&secret)).unwrap();
        assert_eq!(store.all::<Person>().unwrap().len(), 55);
    }
    let db = raw_sled(&dir.join("db"));

    let persons = db.open_tree("persons").unwrap();
    let mut it = persons.iter();
    let (k1, v1) = it.next().unwrap().unwrap();
    let (k2, v2) = it.next().unwrap().unwrap();
    persons.insert(&k1, v2).unwrap();
    persons.insert(&k2, v1).unwrap();
    db.flush().unwrap();
    drop((it, persons, db));
    std::thread::sleep(Duration::from_millis(200));
    let store = Store::open_with(&dir, "t", Some(&secret)).unwrap();
    let err = store.all::<Person>().unwrap_err().to_string();
    assert!(err.contains("authentication check failed"), "{err}");
    assert!(!secrets.iter().any(|s| err.contains(s.as_str())), "{err}");
}

#[test]
fn wrong_passphrase_is_refused_and_a_change_keeps_data_readable_with_the_new_one_only() {
    let home = Home::new();
    let old = passfile(&home, "old", "first passphrase");
    let new = passfile(&home, "new", "second passphrase");
    let dir = seeded(&home, "store", Some(&old));
    let before = files(&dir);
    let o = run(
        &home,
        &["audit", "--data-dir", s(&dir), "--passphrase-file", s(&new)],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "linkwork: That passphrase does not open this caseload.\n"
    );
    assert_eq!(files(&dir), before, "a wrong passphrase writes nothing");
    let o = run(&home, &["audit", "--data-dir", s(&dir)]);
    assert!(
        stderr(&o).contains("is encrypted: give its passphrase"),
        "{}",
        stderr(&o)
    );
    ok(
        &home,
        &[
            "passphrase",
            "--data-dir",
            s(&dir),
            "--passphrase-file",
            s(&old),
            "--new-passphrase-file",
            s(&new),
        ],
    );
    let o = run(
        &home,
        &["audit", "--data-dir", s(&dir), "--passphrase-file", s(&old)],
    );
    assert_eq!(o.status.code(), Some(1));
    let log = ok(
        &home,
        &["audit", "--data-dir", s(&dir), "--passphrase-file", s(&new)],
    );
    assert!(log.contains("passphrase changed"));
    let mut s2 = Session::linkwork(
        &home,
        &["--data-dir", s(&dir), "--passphrase-file", s(&new)],
        24,
        100,
    );
    s2.wait_for("Open 44", Duration::from_secs(20));
    s2.wait_for("encrypted", Duration::from_secs(20));
    s2.send("q");
    assert!(s2.wait_exit(Duration::from_secs(20)).success());
}

#[test]
fn everything_created_is_private_and_the_audit_shows_a_session_without_personal_data() {
    let home = Home::new();
    let pass = passfile(&home, "pass", "private words");
    let dir = seeded(&home, "store", Some(&pass));
    ok(
        &home,
        &[
            "backup",
            "--data-dir",
            s(&dir),
            "--passphrase-file",
            s(&pass),
        ],
    );
    let mut ui = Session::linkwork(
        &home,
        &["--data-dir", s(&dir), "--passphrase-file", s(&pass)],
        24,
        100,
    );
    ui.wait_for("Open 44", Duration::from_secs(20));
    // One change in the session (a directory entry verified), so the exit
    // has something new to back up.
    ui.send("d");
    ui.wait_for("152 services", Duration::from_secs(20));
    ui.send("\r");
    ui.wait_for("verified today", Duration::from_secs(20));
    ui.send("v");
    ui.wait_for("marked verified today", Duration::from_secs(20));
    ui.send("q");
    ui.wait_for("Open 44", Duration::from_secs(20));
    ui.send("q");
    assert!(ui.wait_exit(Duration::from_secs(20)).success());
    let restored = home.path().join("restored");
    let backup = std::fs::read_dir(dir.join("backups"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    ok(
        &home,
        &[
            "restore",
            s(&backup),
            "--data-dir",
            s(&restored),
            "--passphrase-file",
            s(&pass),
        ],
    );
    for root in [&dir, &restored] {
        let mut stack = vec![root.clone()];
        while let Some(d) = stack.pop() {
            assert_eq!(
                std::fs::metadata(&d).unwrap().permissions().mode() & 0o777,
                0o700,
                "{}",
                d.display()
            );
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
                    assert_eq!(mode, 0o600, "{}", p.display());
                }
            }
        }
    }
    let log = ok(
        &home,
        &[
            "audit",
            "--data-dir",
            s(&dir),
            "--passphrase-file",
            s(&pass),
        ],
    );
    for action in [
        "store created",
        "person",
        "case",
        "contact",
        "demo caseload seeded",
        "backup written",
    ] {
        assert!(log.contains(action), "audit lacks {action}");
    }
    assert!(
        log.matches("backup written").count() >= 2,
        "the clean exit after a change wrote a backup too"
    );
    let restored_log = ok(
        &home,
        &[
            "audit",
            "--data-dir",
            s(&restored),
            "--passphrase-file",
            s(&pass),
        ],
    );
    assert!(restored_log.contains("restored from a backup"));
    for secret in personal_strings() {
        assert!(!log.contains(&secret), "audit shows {secret:?}");
    }
}

#[test]
fn error_messages_carry_no_personal_data() {
    let home = Home::new();
    let dir = seeded(&home, "store", None);
    // A person record that no longer parses, with a name inside it.
    {
        let store = Store::open(&dir, "t").unwrap();
        drop(store);
    }
    let db = raw_sled(&dir.join("db"));

    let persons = db.open_tree("persons").unwrap();
    let (k, _) = persons.iter().next().unwrap().unwrap();
    let mut bad = vec![1u8];
    bad.extend_from_slice(br#"{"id":"Winifred Quartermaine","given_name":7}"#);
    persons.insert(k, bad).unwrap();
    db.flush().unwrap();
    drop((persons, db));
    std::thread::sleep(Duration::from_millis(200));
    let o = run(&home, &["--data-dir", s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("could not be read"), "{err}");
    for secret in personal_strings()
        .iter()
        .map(String::as_str)
        .chain(["Winifred", "Quartermaine"])
    {
        assert!(
            !err.contains(secret),
            "error message shows {secret:?}: {err}"
        );
    }
}
