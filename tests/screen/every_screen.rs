//! Every screen at 80×24 and at 120×40, reached by keys as a worker
//! reaches it: the footer's key hints are whole (each one a key and its
//! whole label, none cut at the edge), the case header names every flag of
//! the case whole (risk first), the caseload title's risk count is whole,
//! and a notice, however long, is on screen word for word.

use super::{demo_app, key, press, render, text};
use linkwork::domain::case::{Case, CaseStatus};
use linkwork::domain::caseload::CaseloadView;
use linkwork::domain::ids::CaseId;
use linkwork::domain::ladder::Connection;
use linkwork::store::Store;
use linkwork::ui::{App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn ctrl(app: &mut App, c: char) {
    app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Back to the caseload, whatever is open.
fn home(app: &mut App) {
    for _ in 0..8 {
        if app.mode() == Mode::Caseload {
            break;
        }
        press(app, KeyCode::Esc);
    }
    assert_eq!(app.mode(), Mode::Caseload, "Esc leads back to the caseload");
    app.cx.notice = None;
}

fn open_case(app: &mut App, id: CaseId) {
    app.caseload.set_view(CaseloadView::Open);
    app.caseload.select_case(id);
    press(app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::CaseFile);
}

fn tab_to(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, KeyCode::Tab);
    }
}

/// The footer's hints, each a key and the whole label of its action in
/// this mode.
fn assert_hints_whole(app: &App, footer: &str, name: &str) {
    let mode = app.mode();
    let actions = app.keymap.actions_in(mode);
    for chunk in footer.split("  ").map(str::trim).filter(|c| !c.is_empty()) {
        if chunk == "type to enter text" || chunk == "type text" {
            continue;
        }
        let whole = actions.iter().any(|(action, keys)| {
            let label = action.label_in(mode);
            let one = keys.first().map(ToString::to_string).unwrap_or_default();
            let two: Vec<String> = keys.iter().take(2).map(ToString::to_string).collect();
            chunk == format!("{one} {label}") || chunk == format!("{} {label}", two.join("/"))
        });
        assert!(
            whole,
            "{name}: footer hint {chunk:?} is not a whole key and label\n{footer}"
        );
    }
}

/// Renders at each size and checks what must never be cut.
fn check(app: &mut App, name: &str) {
    for (w, h) in SIZES {
        let screen = text(render(app, w, h).backend().buffer());
        let rows: Vec<&str> = screen.lines().collect();
        let at = format!("{name} at {w}x{h}");
        assert_eq!(rows.len(), usize::from(h));
        // A notice too long for the status line is written over the footer.
        let long_notice = app
            .cx
            .notice
            .as_ref()
            .is_some_and(|n| n.text.chars().count() + 1 > usize::from(w));
        if app.mode() != Mode::Lock && !long_notice {
            assert_hints_whole(app, rows[usize::from(h) - 2], &at);
        }
        // The case header: every flag whole, risk first.
        if let Some(cf) = app.case_file.as_ref().filter(|_| {
            matches!(
                app.mode(),
                Mode::CaseFile | Mode::ContactForm | Mode::MoveStatus | Mode::Risk
            )
        }) {
            let row = app
                .caseload
                .rows
                .iter()
                .find(|r| r.case_id == cf.file.case.id)
                .expect("the open case is in the caseload");
            let header = format!("{}  ", rows[0]);
            let mut last = 0;
            for flag in &row.flags {
                // Whole: a word of its own, with a space either side
                // (two where there is room, one where the header is tight).
                let shown = format!(" {} ", flag.short());
                let found = header.find(&shown).unwrap_or_else(|| {
                    panic!("{at}: flag {:?} is not whole\n{screen}", flag.short())
                });
                assert!(found >= last, "{at}: flags keep their order\n{screen}");
                last = found;
            }
            if row.flags.iter().any(|f| f.short() == "risk") {
                let risk = header.find(" risk ").unwrap_or(usize::MAX);
                assert!(
                    row.flags
                        .iter()
                        .all(|f| header.find(&format!(" {} ", f.short())) >= Some(risk)),
                    "{at}: risk comes first\n{screen}"
                );
            }
        }
        if app.mode() == Mode::Caseload {
            let risky = app.caseload.counts.risk;
            if risky > 0 {
                assert!(
                    rows[0].contains(&format!("{risky} with risk flags")),
                    "{at}: the title's risk count is whole\n{screen}"
                );
            }
        }
        // A notice is there word for word, over as many lines as it needs.
        if let Some(notice) = app.cx.notice.as_ref().map(|n| n.text.clone()) {
            let bottom: String = rows[rows.len().saturating_sub(4)..]
                .iter()
                .flat_map(|r| r.split_whitespace())
                .collect::<Vec<_>>()
                .join(" ");
            let words = notice.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                bottom.contains(&words),
                "{at}: the notice {notice:?} is not whole\n{screen}"
            );
        }
    }
}

/// Cases to visit: one with a risk flag and not acknowledged, one active
/// with connections, contacts and measures.
fn cases(store: &Store) -> (CaseId, CaseId) {
    let cases: Vec<Case> = store.all().unwrap();
    let flagged = cases
        .iter()
        .filter(|c| c.status == CaseStatus::Referred)
        .find(|c| c.active_risks().next().is_some())
        .expect("a referred case with a risk flag")
        .id;
    let active = cases
        .iter()
        .filter(|c| c.status == CaseStatus::Active)
        .find(|c| {
            let connections: Vec<Connection> = store.for_case(c.id).unwrap();
            connections
                .iter()
                .any(|k| k.ended.is_none() && !k.events.is_empty())
        })
        .expect("an active case with a live connection")
        .id;
    (flagged, active)
}

#[test]
fn every_screen_keeps_its_flags_notices_and_key_hints_whole_at_80x24_and_120x40() {
    let (_dir, store, mut app) = demo_app();
    let (flagged, active) = cases(&store);
    let mut seen = Vec::new();
    let mut visit = |app: &mut App, name: &str, go: &dyn Fn(&mut App)| {
        home(app);
        go(app);
        check(app, name);
        seen.push(app.mode());
    };
    for (view, k) in [
        ("Today", '1'),
        ("Open", '2'),
        ("Waiting", '3'),
        ("Closed", '4'),
    ] {
        visit(&mut app, view, &|a| a.handle_key(&key(k)));
    }
    visit(&mut app, "find", &|a| {
        a.handle_key(&key('/'));
        for c in "ashw".chars() {
            a.handle_key(&key(c));
        }
    });
    visit(&mut app, "caseload filter", &|a| a.handle_key(&key('f')));
    visit(&mut app, "new referral", &|a| a.handle_key(&key('n')));
    visit(&mut app, "agenda", &|a| a.handle_key(&key('a')));
    visit(&mut app, "reports", &|a| a.handle_key(&key('R')));
    visit(&mut app, "palette", &|a| a.handle_key(&key(':')));
    visit(&mut app, "help", &|a| press(a, KeyCode::F(1)));
    visit(&mut app, "lock", &|a| ctrl(a, 'l'));
    app.load_directory_now();
    visit(&mut app, "directory", &|a| {
        a.handle_key(&key('d'));
        for c in "lonely".chars() {
            a.handle_key(&key(c));
        }
    });
    let in_list = |a: &mut App| {
        a.handle_key(&key('d'));
        press(a, KeyCode::Enter);
    };
    visit(&mut app, "directory list", &in_list);
    visit(&mut app, "directory filters", &|a| {
        in_list(a);
        a.handle_key(&key('f'));
    });
    visit(&mut app, "quality checks", &|a| {
        in_list(a);
        a.handle_key(&key('c'));
    });
    visit(&mut app, "service form", &|a| {
        in_list(a);
        a.handle_key(&key('e'));
    });
    visit(&mut app, "vocabulary", &|a| {
        in_list(a);
        a.handle_key(&key('T'));
    });
    for tab in 0..7 {
        visit(&mut app, &format!("case file tab {tab}"), &|a| {
            open_case(a, flagged);
            tab_to(a, tab);
        });
    }
    for (name, k) in [
        ("contact form", 'c'),
        ("status move", 'm'),
        ("risk", 'r'),
        ("edit", 'e'),
        ("conversation", 'w'),
        ("plan", 'p'),
        ("extend", 'x'),
        ("directory for the person", 'd'),
    ] {
        visit(&mut app, name, &|a| {
            open_case(a, flagged);
            a.handle_key(&key(k));
        });
    }
    for (name, tab, k) in [
        ("log outcome", 3, 'o'),
        ("next step", 3, 's'),
        ("visit plan", 3, 'v'),
        ("end connection", 3, 'E'),
        ("put right an event", 3, 'C'),
        ("strike out an event", 3, 'X'),
        ("put right a contact", 4, 'C'),
        ("measure", 5, 'M'),
        ("discharge", 0, 'D'),
    ] {
        visit(&mut app, name, &|a| {
            open_case(a, active);
            tab_to(a, tab);
            a.handle_key(&key(k));
        });
    }
    // In a team, a change the server refused as stale: "Needs a look",
    // and the reason asked for when it is dropped.
    store
        .set_team_identity(&linkwork::store::team::TeamIdentity {
            member: "m1".into(),
            name: "Sam Patel".into(),
            device: 7,
        })
        .unwrap();
    store
        .log_contact(
            active,
            linkwork::store::ContactDraft {
                on: super::today(),
                mode: linkwork::domain::contact::ContactMode::Phone,
                minutes: 45,
                purpose: linkwork::domain::contact::ContactPurpose::CheckIn,
                notes: "Phoned on the other laptop: the allotment visit is on Tuesday".into(),
                reach: Default::default(),
            },
        )
        .unwrap();
    let waiting = store.outgoing(1).unwrap();
    store
        .refused(
            &waiting[0],
            "the case had changed on the server since this device last saw it",
        )
        .unwrap();
    visit(&mut app, "needs a look", &|a| a.handle_key(&key('N')));
    visit(&mut app, "why drop it", &|a| {
        a.handle_key(&key('N'));
        a.handle_key(&key('d'));
        for c in "logged twice".chars() {
            a.handle_key(&key(c));
        }
    });
    // A refusal, and the longest kind of notice: each whole.
    visit(&mut app, "a refusal", &|a| {
        open_case(a, flagged);
        a.handle_key(&key('D'));
    });
    assert!(app.cx.notice.is_some(), "D on a referred case says why not");
    visit(&mut app, "a long notice", &|a| {
        open_case(a, active);
        a.cx.notify(
            "Wrote the person's copy to ~/Documents/linkwork/person copies/plan-copy-case-34.md: give it to them or post it; it holds no clinical detail and nothing about the referral.",
            false,
        );
    });
    for mode in [
        Mode::Caseload,
        Mode::Find,
        Mode::Filter,
        Mode::Intake,
        Mode::Agenda,
        Mode::Reports,
        Mode::Palette,
        Mode::Help,
        Mode::Lock,
        Mode::Directory,
        Mode::DirectoryFind,
        Mode::DirectoryFilter,
        Mode::QualityChecks,
        Mode::Vocabulary,
        Mode::ServiceForm,
        Mode::CaseFile,
        Mode::ContactForm,
        Mode::MoveStatus,
        Mode::Risk,
        Mode::Edit,
        Mode::Conversation,
        Mode::Plan,
        Mode::CaseworkForm,
        Mode::NeedsALook,
        Mode::DropReason,
    ] {
        assert!(seen.contains(&mode), "{mode:?} was visited");
    }
}
