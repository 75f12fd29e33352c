//! Issue 5 end to end: the real binary in a pseudo-terminal holds a whole
//! "What matters to you?" conversation with a new referral, is closed in
//! the middle and resumes at the same step with nothing lost, builds a
//! plan with two services, and the person's copy (by key and by
//! `linkwork plan export`) matches the golden file.

#[path = "support/pty.rs"]
mod pty;

use pty::{Home, Session};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);
const TAB: &str = "\t";
const RIGHT: &str = "\x1b[C";
const NEXT_STEP: &str = "\x0e"; // Ctrl-n
const QUIT: &str = "\x03"; // Ctrl-c
const SAVE: &str = "\x13"; // Ctrl-s

fn open(home: &Home, data: &str) -> Session {
    Session::shell(
        home,
        &format!("exec \"$LINKWORK\" --data-dir '{data}'"),
        &[("LINKWORK_TODAY", "2026-11-22")],
        34,
        110,
    )
}

#[test]
fn a_whole_conversation_resumed_after_quitting_builds_a_plan_and_its_copy() {
    let home = Home::new();
    let data = home.path().join("caseload");
    let d = data.to_str().unwrap();
    home.seed_demo(&data);

    // A new referral, made in the app.
    let mut s = open(&home, d);
    s.wait_for("Open 44", WAIT);
    s.send("n");
    s.wait_for("New referral", WAIT);
    s.send("Mabel\tPritchard\t\t1948-03-02\tfemale\t");
    s.send("\t\t\t\t\t");
    s.send(RIGHT);
    s.send("\t\t ");
    s.send(SAVE);
    s.wait_for("Referral saved", WAIT);
    s.send("\r");
    s.wait_for("Mabel Pritchard (78)", WAIT);

    // Steps 1 to 5, then half of step 6, then quit.
    s.send("w");
    s.wait_for("Step 1 of 10", WAIT);
    s.send(" ");
    s.send(TAB);
    s.send(RIGHT);
    s.send("\r");
    // Held on: today unless changed.
    s.wait_for("Held on", WAIT);
    s.send("\r");
    s.wait_for("Step 2 of 10", WAIT);
    s.send("Seeing people again, and singing.\r");
    s.wait_for("Step 3 of 10", WAIT);
    s.send(&format!(
        "{TAB}{TAB}{TAB}{RIGHT}{RIGHT}since her husband died{NEXT_STEP}"
    ));
    s.wait_for("Step 4 of 10", WAIT);
    s.send(&format!("Sang in the church choir for 30 years{NEXT_STEP}"));
    s.wait_for("Step 5 of 10", WAIT);
    s.send(&format!(" {TAB} {NEXT_STEP}"));
    s.wait_for("Step 6 of 10", WAIT);
    s.send("wed thu");
    s.wait_for("Wednesday, Thursday", WAIT);
    s.send(QUIT);
    assert!(s.wait_exit(WAIT).success());

    // Reopened: the conversation resumes at step 6 with every answer.
    let mut s = open(&home, d);
    s.wait_for("Mabel Pritchard", WAIT);
    s.send("\r");
    s.wait_for("Mabel Pritchard (78)", WAIT);
    s.send("w");
    s.wait_for("Resumed at step 6 of 10", WAIT);
    s.wait_for("Step 6 of 10", WAIT);
    s.wait_for("Wed Thu", WAIT);
    s.send(&format!(
        "{TAB}{TAB}{TAB}free{TAB}1{TAB}walks{TAB}y{NEXT_STEP}"
    ));
    s.wait_for("Step 7 of 10", WAIT);
    // The safety step holds until a decision is recorded.
    s.send(NEXT_STEP);
    s.wait_for("cannot be skipped", WAIT);
    s.send(&format!(
        "{RIGHT}{TAB}{TAB}{TAB}{TAB}{TAB}No risks identified{NEXT_STEP}"
    ));
    s.wait_for("Step 8 of 10", WAIT);
    s.send(&format!("{TAB}7"));
    s.send("5");
    s.send("4");
    s.send("6");
    s.wait_for("high anxiety", WAIT);
    s.send(NEXT_STEP);
    s.wait_for("Step 9 of 10", WAIT);
    s.send("Meet people again\rSing in a choir");
    s.send(NEXT_STEP);
    s.wait_for("Step 10 of 10", WAIT);
    for answer in [
        "Seeing people again, and singing.",
        "weighs a lot (since her husband died)",
        "Sang in the church choir for 30 years",
        "Wednesday, Thursday, free only, up to 1 miles, walks, someone with them at first",
        "no risks identified; No risks identified",
        "taken (Outcomes tab)",
        "Sing in a choir",
    ] {
        s.wait_for(answer, WAIT);
    }
    s.send(NEXT_STEP);
    s.wait_for("Action plan · 2 goals", WAIT);

    // Goal 1: the best suggestion, and a step for the worker.
    // A suggestion row (the footer's "? help" is not one).
    s.wait_for("    ? ", WAIT);
    s.send("jjjj\r");
    s.wait_for("Chose ", WAIT);
    s.wait_for("✓ ", WAIT);
    s.send("\r");
    s.wait_for("A new step for goal 1", WAIT);
    s.send(&format!("Ring the group with Mabel{TAB}{RIGHT}{TAB}+3\r"));
    s.wait_for("Ring the group with Mabel (worker, by 25 Nov)", WAIT);
    // Goal 2: search the whole directory for a choir.
    s.send("Gk\r");
    s.wait_for("choosing for goal 2", WAIT);
    s.send("choir");
    s.wait_for("Search: choir", WAIT);
    s.send("\r");
    std::thread::sleep(Duration::from_millis(200));
    s.send("\r");
    s.wait_for("for goal 2; it is a connection now", WAIT);
    s.send("a");
    s.wait_for("The person agreed the plan", WAIT);
    s.send("\r");
    s.wait_for("Plan agreed with the person on 22 Nov 2026", WAIT);
    std::thread::sleep(Duration::from_millis(100));
    s.send("P");
    s.wait_for("Wrote the person's copy to", WAIT);
    s.send("\x1b");
    s.wait_for("Agreed", WAIT);
    std::thread::sleep(Duration::from_millis(100));
    // From the Plan tab to the Connections tab: both services, rung 1.
    s.send("\t");
    s.wait_for("[1 discuss]", WAIT);
    s.send("q");
    s.wait_for("shown · by", WAIT);
    s.send("q");
    assert!(s.wait_exit(WAIT).success());

    // The copy written by key, and the same from the command line.
    let by_key = home.file_starting("plan-copy-case-");
    let case = by_key
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .trim_start_matches("plan-copy-case-")
        .split('-')
        .next()
        .unwrap()
        .to_owned();
    let written = std::fs::read_to_string(&by_key).unwrap();
    let golden = include_str!("golden/plan-copy-new-referral.md");
    assert_eq!(written, golden);
    let exported = home
        .command(&["plan", "export", &case, "--data-dir", d])
        .env("LINKWORK_TODAY", "2026-11-22")
        .output()
        .unwrap();
    assert!(exported.status.success());
    assert_eq!(String::from_utf8_lossy(&exported.stdout), golden);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&by_key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
