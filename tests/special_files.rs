//! Outputs go only to regular files: a device, FIFO, socket or folder named
//! as `--out` is refused with one sentence and left as it was, and a FIFO
//! named like a backup in `backups/` is never opened (nothing hangs).

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn linkwork(data: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_linkwork"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("LINKWORK_TODAY", "2026-11-22")
        .env_remove("XDG_CONFIG_HOME")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Bounded: a write into a FIFO nobody reads would wait for ever.
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("linkwork {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &Path) {
    nix::unistd::mkfifo(path, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

#[test]
fn outputs_refuse_devices_fifos_and_folders_and_leave_them_as_they_were() {
    use std::os::unix::fs::FileTypeExt;
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("store");
    assert!(linkwork(&data, &["seed-demo"]).status.success());
    let fifo = home.path().join("pipe");
    mkfifo(&fifo);
    let folder = home.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let null = Path::new("/dev/null");
    for (args, target) in [
        (vec!["report", "--format", "csv", "--out"], null),
        (vec!["report", "--out"], fifo.as_path()),
        (vec!["discharge-letter", "57", "--out"], fifo.as_path()),
        (vec!["report", "--out"], folder.as_path()),
        (vec!["backup", "--out"], null),
        (
            vec!["directory", "export", "--format", "oruk-json"],
            fifo.as_path(),
        ),
    ] {
        let mut args = args.clone();
        let t = target.to_str().unwrap();
        args.push(t);
        let out = linkwork(&data, &args);
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} wrote into {t}");
        assert!(
            said.contains("not a file: nothing was written") || said.contains("no case"),
            "{args:?}: {said}"
        );
    }
    assert!(is_fifo(&fifo), "the FIFO is still a FIFO");
    assert!(folder.is_dir());
    assert!(
        std::fs::metadata(null)
            .unwrap()
            .file_type()
            .is_char_device(),
        "/dev/null is still a device"
    );
}

#[test]
fn a_fifo_named_like_a_backup_is_never_opened() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("store");
    assert!(linkwork(&data, &["seed-demo"]).status.success());
    let backups = data.join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let trap = backups.join("linkwork-2026-11-21T100000Z.lwbak");
    mkfifo(&trap);
    let out = linkwork(&data, &["backup"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = linkwork(&data, &["backup"]);
    assert!(again.status.success());
    assert!(is_fifo(&trap), "left as it was");
}
