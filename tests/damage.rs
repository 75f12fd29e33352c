//! A damaged caseload is reported in one sentence naming what is damaged,
//! with the newest backup and the `linkwork restore` command, and its files
//! are left as they were: random byte flips in `db/db` (file time kept),
//! a missing `db/`, a tampered `linkwork.seq`, `linkwork.keys` and marker,
//! and a key file from before `linkwork rekey`.

#[path = "support/files.rs"]
mod files;
#[path = "support/pty.rs"]
mod pty;

use files::snapshot;
use pty::Home;
use std::path::Path;
use std::time::{Duration, Instant};

fn run(home: &Home, args: &[&str]) -> std::process::Output {
    home.command(args)
        .env("LINKWORK_TODAY", "2026-11-22")
        .output()
        .unwrap()
}

fn ok(home: &Home, args: &[&str]) -> String {
    let out = run(home, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The refusal: one sentence naming the folder and the damage, then the
/// newest backup and the command that restores it; no library error.
fn assert_reported(stderr: &str, what: &str) {
    assert!(stderr.contains(what), "{stderr}");
    assert!(stderr.contains("linkwork restore "), "{stderr}");
    assert!(stderr.contains("Your newest backup is "), "{stderr}");
    assert!(!stderr.contains("The store reported an error"), "{stderr}");
    assert!(!stderr.contains("backtrace"), "{stderr}");
}

/// A demo caseload, closed, with one backup.
fn pristine(home: &Home) -> std::path::PathBuf {
    let dir = home.path().join("pristine");
    home.seed_demo(&dir);
    let d = dir.to_str().unwrap();
    ok(home, &["backup", "--data-dir", d]);
    dir
}

#[test]
fn random_byte_flips_are_harmless_or_reported_and_never_change_the_files() {
    let home = Home::new();
    let clean = pristine(&home);
    let expected = ok(&home, &["cases", "--data-dir", clean.to_str().unwrap()]);
    let db_len = std::fs::metadata(clean.join("db/db")).unwrap().len();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut harmless, mut reported) = (0, 0);
    for flip in 0..60 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let offset = (seed >> 11) % db_len;
        let bit = 1u8 << ((seed >> 5) % 8);
        let dir = home.path().join(format!("flip-{flip}"));
        copy_dir(&clean, &dir);
        let db = dir.join("db/db");
        let time = std::fs::metadata(&db).unwrap().modified().unwrap();
        let mut bytes = std::fs::read(&db).unwrap();
        bytes[offset as usize] ^= bit;
        std::fs::write(&db, &bytes).unwrap();
        // As bit rot leaves it: the file's time unchanged.
        std::fs::File::options()
            .write(true)
            .open(&db)
            .unwrap()
            .set_modified(time)
            .unwrap();
        let out = run(&home, &["cases", "--data-dir", dir.to_str().unwrap()]);
        if out.status.success() {
            assert_eq!(
                String::from_utf8(out.stdout).unwrap(),
                expected,
                "flip {flip}"
            );
            harmless += 1;
        } else {
            let err = String::from_utf8_lossy(&out.stderr);
            assert_reported(&err, "could not be opened; its files may be damaged");
            assert_eq!(
                std::fs::read(&db).unwrap(),
                bytes,
                "flip {flip}: the files changed"
            );
            reported += 1;
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
    assert_eq!(harmless + reported, 60);
    eprintln!("60 flips: {harmless} harmless, {reported} reported");
}

/// A change made to a caseload folder.
type Tamper = dyn Fn(&Path);

#[test]
fn a_missing_database_or_tampered_seq_file_is_named_with_the_way_back() {
    let home = Home::new();
    let clean = pristine(&home);
    let cases = |dir: &Path| run(&home, &["cases", "--data-dir", dir.to_str().unwrap()]);
    let tamperings: [(&str, &Tamper, &str); 4] = [
        (
            "db removed",
            &|d| std::fs::remove_dir_all(d.join("db")).unwrap(),
            "its database folder db/ is missing",
        ),
        (
            "seq removed",
            &|d| std::fs::remove_file(d.join("linkwork.seq")).unwrap(),
            "The file linkwork.seq in",
        ),
        (
            "seq zeroed",
            &|d| {
                let p = d.join("linkwork.seq");
                let text = std::fs::read_to_string(&p).unwrap();
                let zeroed: String = text
                    .lines()
                    .map(|l| {
                        if l.starts_with("committed") {
                            "committed = 0"
                        } else {
                            l
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                std::fs::write(&p, zeroed).unwrap();
            },
            "is set back to 0",
        ),
        (
            "seq garbled",
            &|d| std::fs::write(d.join("linkwork.seq"), "committed = [").unwrap(),
            "The file linkwork.seq in",
        ),
    ];
    for (name, tamper, what) in tamperings {
        let dir = home.path().join(name.replace(' ', "-"));
        copy_dir(&clean, &dir);
        tamper(&dir);
        let out = cases(&dir);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_reported(&String::from_utf8_lossy(&out.stderr), what);
    }
}

fn encrypted(home: &Home) -> (std::path::PathBuf, std::path::PathBuf) {
    let pass = home.path().join("pass");
    std::fs::write(&pass, "correct horse\n").unwrap();
    let dir = home.path().join("secret");
    let (d, p) = (dir.to_str().unwrap(), pass.to_str().unwrap());
    ok(
        home,
        &["init", "--encrypt", "--data-dir", d, "--passphrase-file", p],
    );
    ok(
        home,
        &["seed-demo", "--data-dir", d, "--passphrase-file", p],
    );
    ok(home, &["backup", "--data-dir", d, "--passphrase-file", p]);
    (dir, pass)
}

#[test]
fn a_tampered_key_file_reads_as_damaged_in_bounded_time() {
    let home = Home::new();
    let (dir, pass) = encrypted(&home);
    let keys = std::fs::read_to_string(dir.join("linkwork.keys")).unwrap();
    let field = |name: &str| {
        keys.lines()
            .find(|l| l.starts_with(name))
            .unwrap()
            .to_owned()
    };
    let salt = field("salt");
    let flipped_salt = salt.replacen('"', "\"A", 1);
    let tamperings = [
        (field("m_cost"), "m_cost = 16777216".to_owned()),
        (field("t_cost"), "t_cost = 100000".to_owned()),
        (field("t_cost"), "t_cost = 4".to_owned()),
        (field("p_cost"), "p_cost = 64".to_owned()),
        (salt.clone(), flipped_salt),
        (field("wrapped_key"), "wrapped_key = \"AAAA\"".to_owned()),
        (field("check"), String::new()),
        (field("version"), "version = 7".to_owned()),
    ];
    for (from, to) in tamperings {
        std::fs::write(dir.join("linkwork.keys"), keys.replace(&from, &to)).unwrap();
        let started = Instant::now();
        let out = run(
            &home,
            &[
                "cases",
                "--data-dir",
                dir.to_str().unwrap(),
                "--passphrase-file",
                pass.to_str().unwrap(),
            ],
        );
        assert!(started.elapsed() < Duration::from_secs(10), "{to}: ran on");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{to}");
        assert!(!err.contains("passphrase does not open"), "{to}: {err}");
        assert_reported(&err, "The key file linkwork.keys in");
    }
    std::fs::write(dir.join("linkwork.keys"), &keys).unwrap();
    ok(
        &home,
        &[
            "cases",
            "--data-dir",
            dir.to_str().unwrap(),
            "--passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
}

#[test]
fn an_encrypted_store_stays_encrypted_whatever_its_marker_says() {
    let home = Home::new();
    let (dir, pass) = encrypted(&home);
    let d = dir.to_str().unwrap();
    let marker = dir.join("linkwork.store");
    let text = std::fs::read_to_string(&marker).unwrap();
    std::fs::write(
        &marker,
        text.replace("encrypted = true", "encrypted = false"),
    )
    .unwrap();
    // Without the passphrase: asked for, nothing written.
    let err = import_refused(&home, d, "Plain text lunch club");
    assert!(err.contains("is encrypted: give its passphrase"), "{err}");
    // The key file removed as well: its records still say encrypted.
    std::fs::rename(dir.join("linkwork.keys"), home.path().join("keys.aside")).unwrap();
    let err = import_refused(&home, d, "Plain text lunch club");
    assert_reported(
        &err,
        "is encrypted but its key file linkwork.keys is missing",
    );
    let raw = std::fs::read(dir.join("db/db")).unwrap();
    assert!(
        !raw.windows(b"Plain text lunch".len())
            .any(|w| w == b"Plain text lunch"),
        "plaintext reached the encrypted store"
    );
    std::fs::rename(home.path().join("keys.aside"), dir.join("linkwork.keys")).unwrap();
    ok(
        &home,
        &[
            "cases",
            "--data-dir",
            d,
            "--passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
}

#[test]
fn after_rekey_an_old_key_file_with_the_old_passphrase_no_longer_opens() {
    let home = Home::new();
    let (dir, pass) = encrypted(&home);
    let (d, p) = (dir.to_str().unwrap(), pass.to_str().unwrap());
    let before = ok(&home, &["cases", "--data-dir", d, "--passphrase-file", p]);
    let old_keys = std::fs::read(dir.join("linkwork.keys")).unwrap();
    let old_db = std::fs::read(dir.join("db/db")).unwrap();
    // Before the rekey the finished state is also rehearsed: a crash after
    // the journal was written is finished by the next open.
    let twin = home.path().join("twin");
    copy_dir(&dir, &twin);
    let said = ok(
        &home,
        &[
            "rekey",
            "--data-dir",
            d,
            "--passphrase-file",
            p,
            "--new-passphrase-file",
            p,
        ],
    );
    assert!(said.contains("under a new data key"), "{said}");
    assert_eq!(
        ok(&home, &["cases", "--data-dir", d, "--passphrase-file", p]),
        before
    );
    assert_ne!(std::fs::read(dir.join("db/db")).unwrap(), old_db);
    let audit = ok(&home, &["audit", "--data-dir", d, "--passphrase-file", p]);
    assert!(
        audit.contains("records sealed under a new data key"),
        "{audit}"
    );
    // The old key file, with the old passphrase, is refused and named.
    let current = std::fs::read(dir.join("linkwork.keys")).unwrap();
    std::fs::write(dir.join("linkwork.keys"), &old_keys).unwrap();
    let out = run(&home, &["cases", "--data-dir", d, "--passphrase-file", p]);
    assert_eq!(out.status.code(), Some(1));
    assert_reported(
        &String::from_utf8_lossy(&out.stderr),
        "does not belong to this caseload's records",
    );
    std::fs::write(dir.join("linkwork.keys"), &current).unwrap();

    // A crash after the journal: the twin gets the new files and the
    // journal, and its next open finishes the switch.
    copy_dir(&dir.join("db"), &twin.join("db.rekey"));
    std::fs::write(twin.join("linkwork.keys.rekey"), &current).unwrap();
    std::fs::write(twin.join("linkwork.rekey"), "switch to the new key\n").unwrap();
    let t = twin.to_str().unwrap();
    assert_eq!(
        ok(&home, &["cases", "--data-dir", t, "--passphrase-file", p]),
        before
    );
    assert_eq!(std::fs::read(twin.join("linkwork.keys")).unwrap(), current);
    for left in [
        "db.rekey",
        "db.pre-rekey",
        "linkwork.keys.rekey",
        "linkwork.rekey",
    ] {
        assert!(!twin.join(left).exists(), "{left} left behind");
    }
    // A crash before the journal: the new files are removed, the old key
    // still opens.
    let third = home.path().join("third");
    copy_dir(&dir, &third);
    std::fs::write(third.join("linkwork.keys"), &current).unwrap();
    copy_dir(&dir.join("db"), &third.join("db.rekey"));
    std::fs::write(third.join("linkwork.keys.rekey"), &old_keys).unwrap();
    let t = third.to_str().unwrap();
    ok(&home, &["cases", "--data-dir", t, "--passphrase-file", p]);
    assert!(!third.join("db.rekey").exists() && !third.join("linkwork.keys.rekey").exists());
}

#[test]
fn a_damaged_encrypted_backup_is_not_offered() {
    let home = Home::new();
    let (dir, pass) = encrypted(&home);
    let backup = std::fs::read_dir(dir.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "lwbak"))
        .unwrap();
    std::fs::remove_file(dir.join("linkwork.keys")).unwrap();
    let cases = || {
        let out = run(
            &home,
            &[
                "cases",
                "--data-dir",
                dir.to_str().unwrap(),
                "--passphrase-file",
                pass.to_str().unwrap(),
            ],
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(cases().contains(&backup.display().to_string()));
    let mut bytes = std::fs::read(&backup).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 4;
    std::fs::write(&backup, bytes).unwrap();
    let err = cases();
    assert!(err.contains("No backup in"), "{err}");
    assert!(!err.contains("Your newest backup"), "{err}");
}

/// `dir` seen through a read-only bind mount (as root), or made
/// read-only by its permissions (as anyone else); unmounted when dropped.
struct ReadOnly {
    view: std::path::PathBuf,
    mounted: bool,
}

impl ReadOnly {
    fn of(dir: &Path, view: &Path) -> Option<ReadOnly> {
        std::fs::create_dir_all(view).unwrap();
        let sh = |cmd: String| {
            std::process::Command::new("sh")
                .args(["-c", &cmd])
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let (d, v) = (dir.display(), view.display());
        if sh(format!(
            "mount --bind '{d}' '{v}' && mount -o remount,bind,ro '{v}'"
        )) {
            return Some(ReadOnly {
                view: view.to_owned(),
                mounted: true,
            });
        }
        let _ = sh(format!("umount '{v}'"));
        if nix_is_root() {
            return None;
        }
        sh(format!("chmod -R a-w '{d}'"));
        std::fs::remove_dir(view).unwrap();
        std::os::unix::fs::symlink(dir, view).unwrap();
        Some(ReadOnly {
            view: view.to_owned(),
            mounted: false,
        })
    }
}

fn nix_is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
    })
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.mounted {
            let _ = std::process::Command::new("umount")
                .arg(&self.view)
                .status();
        }
    }
}

/// Imports a one-service feed into the caseload at `data_dir`, expecting
/// a refusal: its message.
fn import_refused(home: &Home, data_dir: &str, name: &str) -> String {
    let feed = home.path().join("feed.json");
    std::fs::write(
        &feed,
        serde_json::json!({"id": "s1", "name": name, "status": "active"}).to_string(),
    )
    .unwrap();
    let out = run(
        home,
        &[
            "directory",
            "import",
            feed.to_str().unwrap(),
            "--data-dir",
            data_dir,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_read_only_folder_can_be_read_and_nothing_is_written() {
    let home = Home::new();
    let dir = pristine(&home);
    let before = snapshot(&dir);
    let Some(ro) = ReadOnly::of(&dir, &home.path().join("view")) else {
        eprintln!("skipped: as root without mount, a folder cannot be made read-only");
        return;
    };
    let v = ro.view.to_str().unwrap();
    for args in [
        vec!["cases", "--data-dir", v],
        vec!["audit", "--data-dir", v],
        vec!["report", "--data-dir", v],
        vec!["directory", "search", "lunch", "--data-dir", v],
    ] {
        let out = run(&home, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(
            err.contains("is read-only: reading only"),
            "{args:?}: {err}"
        );
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    let err = import_refused(&home, v, "New club");
    assert!(
        err.contains("is read-only: nothing can be saved there"),
        "{err}"
    );
    drop(ro);
    assert_eq!(snapshot(&dir), before, "nothing in the folder changed");
}

/// A small tmpfs mounted at `at` (as root), unmounted when dropped.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(at: &Path, megabytes: u32) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| SmallDisk(at.to_owned()))
    }

    /// Fills the disk to the last byte.
    fn fill(&self) -> std::path::PathBuf {
        use std::io::Write;
        let path = self.0.join("filler");
        let mut f = std::fs::File::create(&path).unwrap();
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).is_ok() {}
        let byte = [0u8; 1];
        while f.write_all(&byte).is_ok() {}
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_during_save_backup_and_import_says_what_was_kept() {
    let home = Home::new();
    let Some(disk) = SmallDisk::mount(&home.path().join("disk"), 8) else {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    };
    let dir = disk.0.join("caseload");
    home.seed_demo(&dir);
    let d = dir.to_str().unwrap();
    let before = ok(&home, &["cases", "--data-dir", d]);
    let feed = home.path().join("feed.json");
    std::fs::write(
        &feed,
        r#"{"id": "s1", "name": "New club", "status": "active"}"#,
    )
    .unwrap();

    // Saves while the app has the caseload open and the disk fills: each
    // is either done (and says so, warning that the disk is full) or
    // refused whole, and after a restart exactly the ones said done are
    // there.
    let store = linkwork::store::Store::open(&dir, "Sam").unwrap();
    let filler = disk.fill();
    let mut services: Vec<linkwork::domain::directory::Service> = store.all().unwrap();
    let (mut done, mut refused) = (Vec::new(), Vec::new());
    for (i, service) in services.iter_mut().enumerate().take(40) {
        service.description = Some(format!("{i} {}", "x".repeat(20_000)));
        match store.save_service(service, None, linkwork::store::AuditAction::Updated) {
            Ok(()) => {
                let warning = store.take_warning().unwrap_or_default();
                assert!(
                    warning.is_empty() || warning.starts_with("Saved. But "),
                    "{warning}"
                );
                done.push(service.id.clone());
            }
            Err(e) => {
                let e = e.to_string();
                assert!(e.starts_with("The disk holding"), "{e}");
                assert!(e.contains("this change was not saved"), "{e}");
                refused.push(service.id.clone());
            }
        }
    }
    assert!(!refused.is_empty(), "the disk never filled");
    eprintln!("{} saves done, {} refused", done.len(), refused.len());
    drop(store);

    // On the full disk: reading still works, import and backup refuse in
    // one sentence, and leave nothing behind.
    let out = run(&home, &["cases", "--data-dir", d]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("is on a full disk: reading only"), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), before);
    let err = import_refused(&home, d, "New club");
    assert!(
        err.contains("is on a full disk: nothing can be saved there"),
        "{err}"
    );
    let out = run(&home, &["backup", "--data-dir", d]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("No space left on device"), "{err}");
    assert_eq!(
        err.trim().lines().count(),
        2,
        "the read-only note and one sentence: {err}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Space freed: everything as it was, and saving works again.
    std::fs::remove_file(filler).unwrap();
    assert_eq!(ok(&home, &["cases", "--data-dir", d]), before);
    let said = ok(
        &home,
        &[
            "directory",
            "import",
            feed.to_str().unwrap(),
            "--data-dir",
            d,
        ],
    );
    assert!(said.contains("1 added"), "{said}");

    // An import that fills the disk half-way: refused whole, the
    // directory as it was.
    let big = home.path().join("big-feed");
    linkwork::demo::feed::write(&big, 3_000, 500, 7).unwrap();
    let filler = disk.fill();
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .unwrap();
    let len = f.metadata().unwrap().len();
    f.set_len(len.saturating_sub(1 << 20)).unwrap();
    drop(f);
    let out = run(
        &home,
        &[
            "directory",
            "import",
            big.to_str().unwrap(),
            "--data-dir",
            d,
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("is full") || err.contains("full disk"),
        "{err}"
    );
    assert!(!err.contains("damaged"), "{err}");
    eprintln!("import on a nearly full disk: {err}");
    std::fs::remove_file(filler).unwrap();

    let store = linkwork::store::Store::open(&dir, "Sam").unwrap();
    let after: Vec<linkwork::domain::directory::Service> = store.all().unwrap();
    assert_eq!(after.len(), 153, "the demo's 152 and the new club");
    let long = |id| {
        after
            .iter()
            .any(|s| &s.id == id && s.description.as_deref().is_some_and(|d| d.len() > 20_000))
    };
    assert!(done.iter().all(long), "every save said done is there");
    assert!(!refused.iter().any(long), "no save said refused is there");
}
