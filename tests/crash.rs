//! Crash safety: a writer process makes many small changes and reports
//! each one only after linkwork has confirmed it; it is killed with SIGKILL
//! at random moments; the store must then open cleanly and hold every
//! confirmed change. `LINKWORK_CRASH_CYCLES` sets the number of kills
//! (default 50; use more locally, e.g. 1000).

use chrono::NaiveDate;
use linkwork::domain::contact::{ContactEntry, ContactMode, ContactPurpose};
use linkwork::domain::ids::{CaseId, ContactId};
use linkwork::store::{AuditAction, Store};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WRITER_VAR: &str = "LINKWORK_CRASH_WRITER";

fn contact(id: u64) -> ContactEntry {
    ContactEntry {
        id: ContactId(id),
        case_id: CaseId(1),
        on: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default(),
        mode: ContactMode::Phone,
        minutes: 15,
        purpose: ContactPurpose::CheckIn,
        notes: format!("check-in {id}"),
        reach: Default::default(),
        revisions: Vec::new(),
        struck: None,
    }
}

/// The writer: run only by `confirmed_changes_survive_sigkill`, as a child
/// process of this test binary.
#[test]
#[ignore = "run as a child process by confirmed_changes_survive_sigkill"]
fn crash_writer_process() {
    let dir = std::env::var(WRITER_VAR).expect("the writer needs LINKWORK_CRASH_WRITER");
    let store = Store::open(std::path::Path::new(&dir), "crash-writer").expect("store opens");
    let mut out = std::io::stdout().lock();
    writeln!(out, "READY").ok();
    out.flush().ok();
    loop {
        let id = store.allocate_ids(1).expect("id").start;
        let mut changes = store.changes();
        changes.put(&contact(id), AuditAction::Created);
        store.commit(changes).expect("commit");
        // Only now is the change confirmed to the user.
        writeln!(out, "CONFIRMED {id}").ok();
        out.flush().ok();
    }
}

#[test]
fn confirmed_changes_survive_sigkill() {
    let cycles: usize = std::env::var("LINKWORK_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let dir = tempfile::tempdir().expect("temp dir");
    drop(Store::open(dir.path(), "test").expect("create store"));
    let exe = std::env::current_exe().expect("test binary");
    let mut rng = fastrand::Rng::with_seed(0x5eed);
    let mut confirmed: BTreeSet<u64> = BTreeSet::new();
    let started = Instant::now();
    for cycle in 0..cycles {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash_writer_process",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(WRITER_VAR, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn writer");
        let stdout = child.stdout.take().expect("stdout");
        let seen = Arc::new(Mutex::new(Vec::<String>::new()));
        let sink = Arc::clone(&seen);
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Ok(mut s) = sink.lock() {
                    s.push(line);
                }
            }
        });
        // Wait until the writer has the store open, then let it write for a
        // random while before killing it.
        let wait_start = Instant::now();
        while !seen
            .lock()
            .map(|s| s.iter().any(|l| l.ends_with("READY")))
            .unwrap_or(false)
        {
            assert!(
                wait_start.elapsed() < Duration::from_secs(30),
                "writer never became ready"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(rng.u64(5..120)));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        reader.join().expect("reader");
        let lines = seen.lock().map(|s| s.clone()).unwrap_or_default();
        confirmed.extend(
            lines
                .iter()
                .filter_map(|l| l.strip_prefix("CONFIRMED "))
                .filter_map(|n| n.parse::<u64>().ok()),
        );
        let store = Store::open(dir.path(), "test")
            .unwrap_or_else(|e| panic!("cycle {cycle}: the store did not open cleanly: {e}"));
        let present: BTreeSet<u64> = store
            .for_case::<ContactEntry>(CaseId(1))
            .unwrap_or_else(|e| panic!("cycle {cycle}: records unreadable: {e}"))
            .into_iter()
            .map(|c| c.id.0)
            .collect();
        let lost: Vec<_> = confirmed.difference(&present).collect();
        assert!(
            lost.is_empty(),
            "cycle {cycle}: confirmed changes lost: {lost:?}"
        );
    }
    println!(
        "crash test: {cycles} kill cycles, {} changes confirmed, 0 lost, {:.1} s",
        confirmed.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        confirmed.len() >= cycles,
        "too few changes were confirmed to test anything"
    );
}
