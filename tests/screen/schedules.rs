//! A service's sessions said right wherever the app says when: a running
//! club on Tuesday and Thursday evenings and Saturday mornings, a
//! fortnightly film club and a monthly memory café, read from an HSDS 3.0
//! file, shown in the directory's detail pane, the person's plan copy and
//! the visit card (golden files), and edited in the service form.

use super::{demo_app, key, press, render, text, today};
use linkwork::domain::directory::describe::{Wording, sessions};
use linkwork::domain::directory::{Organisation, Schedule, Service};
use linkwork::domain::ids::{CaseId, ConnectionId};
use linkwork::domain::ladder::{CardFor, Connection, PlannedStep, Rung, visit_card};
use linkwork::domain::plan::{ActionPlan, CopyFor, Goal, PlanStep, StepOwner, person_copy};
use linkwork::domain::signature::Signature;
use linkwork::store::AuditAction;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The three services as a council's feed would publish them.
const FEED: &str = r#"[
  {"id": "run-1", "name": "Buile Hill Running Club", "status": "active",
   "description": "Friendly runs for every pace, from walking to 10k.",
   "organization": {"id": "org-run", "name": "Salford Harriers"},
   "locations": [{"id": "loc-run", "location_type": "physical",
     "addresses": [{"id": "a-run", "address_1": "Buile Hill Park", "city": "Salford",
       "postal_code": "M6 8GL", "country": "GB", "address_type": "physical"}]}],
   "schedules": [
     {"id": "run-weekday", "freq": "WEEKLY", "interval": 1, "byday": "TU,TH",
      "opens_at": "18:30:00", "closes_at": "20:00:00"},
     {"id": "run-saturday", "freq": "WEEKLY", "interval": 1, "byday": "SA",
      "opens_at": "09:00:00", "closes_at": "10:00:00",
      "description": "Meet at the park gates"}
   ]},
  {"id": "film-1", "name": "Eccles Film Club", "status": "active",
   "organization": {"id": "org-film", "name": "Eccles Library Friends"},
   "schedules": [
     {"id": "film-wed", "freq": "WEEKLY", "interval": 2, "byday": "WE",
      "opens_at": "18:30:00", "closes_at": "20:30:00"}
   ]},
  {"id": "cafe-1", "name": "Swinton Memory Cafe", "status": "active",
   "organization": {"id": "org-cafe", "name": "Swinton Methodists"},
   "schedules": [
     {"id": "cafe-first-wed", "freq": "MONTHLY", "interval": 1, "byday": "1WE",
      "opens_at": "10:00:00", "closes_at": "12:00:00"}
   ]}
]"#;

/// A golden file: compared, or written when `UPDATE_GOLDEN` is set.
fn golden(name: &str, text: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(text, want, "{name} (UPDATE_GOLDEN=1 rewrites it)");
}

fn imported() -> Vec<(Service, Option<Organisation>)> {
    let parsed = linkwork::import::hsds_json::parse("feed.json", FEED.as_bytes()).unwrap();
    parsed
        .services
        .into_iter()
        .map(|s| {
            let org = parsed
                .organisations
                .iter()
                .find(|o| o.id == s.organization_id)
                .cloned();
            (s, org)
        })
        .collect()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

#[test]
fn the_import_keeps_every_session_with_its_frequency_interval_days_and_times() {
    let services = imported();
    let sessions_of = |id: &str| -> Vec<(String, Option<u32>, String, String, String)> {
        let (s, _) = services
            .iter()
            .find(|(s, _)| s.id.to_string() == id)
            .unwrap();
        s.schedules
            .iter()
            .map(|sc: &Schedule| {
                (
                    sc.freq.clone().unwrap_or_default(),
                    sc.interval,
                    sc.byday.clone().unwrap_or_default(),
                    sc.opens_at.clone().unwrap_or_default(),
                    sc.closes_at.clone().unwrap_or_default(),
                )
            })
            .collect()
    };
    let row =
        |f: &str, i, d: &str, o: &str, c: &str| (f.into(), Some(i), d.into(), o.into(), c.into());
    assert_eq!(
        sessions_of("run-1"),
        [
            row("WEEKLY", 1, "TU,TH", "18:30:00", "20:00:00"),
            row("WEEKLY", 1, "SA", "09:00:00", "10:00:00")
        ]
    );
    assert_eq!(
        sessions_of("film-1"),
        [row("WEEKLY", 2, "WE", "18:30:00", "20:30:00")]
    );
    assert_eq!(
        sessions_of("cafe-1"),
        [row("MONTHLY", 1, "1WE", "10:00:00", "12:00:00")]
    );
}

/// The detail pane's rows from "When" down to the next label.
fn when_rows(screen: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in screen.lines() {
        let Some(pane) = line.rsplit("││").next().filter(|_| line.contains("││")) else {
            continue;
        };
        let pane = pane.trim_end_matches('│').trim_end();
        if pane.starts_with("When ") {
            inside = true;
        } else if inside && !pane.starts_with("    ") {
            break;
        }
        if inside {
            out.push(pane.to_owned());
        }
    }
    out
}

#[test]
fn each_session_is_described_right_in_the_detail_pane_plan_copy_and_visit_card() {
    let (_dir, store, mut app) = demo_app();
    let services = imported();
    for (s, org) in &services {
        store
            .save_service(s, org.as_ref(), AuditAction::Created)
            .unwrap();
    }
    // The detail pane, wide and at 80×24.
    let mut pane = String::new();
    for (name, query) in [
        ("Buile Hill Running Club", "buile hill running"),
        ("Eccles Film Club", "eccles film club"),
        ("Swinton Memory Cafe", "swinton memory cafe"),
    ] {
        for (w, h) in [(120, 40), (80, 24)] {
            app.load_directory_now();
            app.handle_key(&key('d'));
            for c in query.chars() {
                app.handle_key(&key(c));
            }
            let screen = text(render(&mut app, w, h).backend().buffer());
            let rows = when_rows(&screen);
            assert!(!rows.is_empty(), "{name} at {w}x{h}\n{screen}");
            pane.push_str(&format!("## {name} at {w}x{h}\n{}\n\n", rows.join("\n")));
            press(&mut app, KeyCode::Esc);
            press(&mut app, KeyCode::Esc);
        }
    }
    golden("sessions-detail-pane.txt", &pane);
    for want in [
        "When       every Tue, Thu 18:30–20:00",
        "           every Sat 09:00–10:00. Meet at the park gates",
        "When       every other Wed 18:30–20:30",
        "When       1st Wed of the month 10:00–12:00",
    ] {
        assert!(pane.contains(want), "{want}\n{pane}");
    }

    // The person's copy of a plan using all three.
    let worker = Signature {
        name: "Sam Patel".into(),
        role: Some("Social prescribing link worker".into()),
        contact: Some("0161 496 0000".into()),
    };
    let step = |what: &str, owner| PlanStep {
        what: what.into(),
        owner,
        due: Some(today() + chrono::Duration::days(10)),
        done: None,
    };
    let plan = ActionPlan {
        case_id: CaseId(7),
        goals: vec![
            Goal {
                text: "Get running again".into(),
                life_area: None,
                steps: vec![step("Go to a Thursday run", StepOwner::Person)],
                services: vec![services[0].0.id.clone()],
            },
            Goal {
                text: "Something to look forward to".into(),
                life_area: None,
                steps: vec![step("Come with Ben to the memory cafe", StepOwner::Worker)],
                services: vec![services[1].0.id.clone(), services[2].0.id.clone()],
            },
        ],
        review_date: Some(today() + chrono::Duration::days(28)),
        agreed_on: Some(today()),
    };
    let copy = person_copy(
        CopyFor {
            name: "Ben",
            worker: Some(&worker),
            today: today(),
            support_ended: None,
        },
        &plan,
        &services,
    );
    golden("sessions-plan-copy.md", &copy);
    for want in [
        "When: Every Tuesday and Thursday, 18:30 to 20:00.",
        "When: Every Saturday, 09:00 to 10:00. Meet at the park gates.",
        "When: Every other Wednesday (every two weeks), 18:30 to 20:30.",
        "When: The first Wednesday of the month, 10:00 to 12:00.",
    ] {
        assert!(copy.contains(want), "{want}\n{copy}");
    }

    // Visit cards: one inside each service's sessions, and one for the
    // memory café on the second Wednesday, when it does not run.
    let mut cards = String::new();
    for (i, when) in [
        (0, at(2026, 12, 3, 18, 30)),
        (1, at(2026, 12, 9, 19, 0)),
        (2, at(2026, 12, 2, 10, 30)),
        (2, at(2026, 12, 9, 10, 30)),
    ] {
        let (s, org) = &services[i];
        let c = Connection {
            id: ConnectionId(20 + i as u64),
            case_id: CaseId(7),
            service_id: s.id.clone(),
            service_name: s.name.clone(),
            goal: Some(0),
            started: today(),
            rung: Rung::Discussion,
            next: Some(PlannedStep {
                at: when,
                rung: Rung::AttendingTogether,
            }),
            events: vec![],
            visit_plan: None,
            ended: None,
        };
        let card = visit_card(
            CardFor {
                name: "Ben",
                worker: Some(&worker),
                today: today(),
            },
            &c,
            Some(&(s.clone(), org.clone())),
        );
        cards.push_str(&card);
        cards.push_str("\n---\n\n");
    }
    golden("sessions-visit-cards.md", &cards);
    for want in [
        "It runs every Tuesday and Thursday, 18:30 to 20:00; every Saturday, 09:00 to 10:00. Meet at the park gates.",
        "It runs every other Wednesday (every two weeks), 18:30 to 20:30.",
        "It runs the first Wednesday of the month, 10:00 to 12:00.",
        "Check before you go: the directory says it runs the first Wednesday of the month, 10:00 to 12:00, and this visit is on Wednesday at 10:30.",
    ] {
        assert!(cards.contains(want), "{want}\n{cards}");
    }
    assert_eq!(cards.matches("Check before you go").count(), 1, "{cards}");
}

#[test]
fn the_service_form_edits_every_session_and_keeps_the_ones_left_alone() {
    let (_dir, store, mut app) = demo_app();
    let services = imported();
    let (club, org) = &services[0];
    store
        .save_service(club, org.as_ref(), AuditAction::Created)
        .unwrap();
    app.load_directory_now();
    app.handle_key(&key('d'));
    for c in "buile hill running".chars() {
        app.handle_key(&key(c));
    }
    press(&mut app, KeyCode::Enter);
    app.handle_key(&key('e'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    let screen = text(render(&mut app, 120, 40).backend().buffer());
    assert!(
        screen.contains("When              every Tue, Thu 18:30-20:00; every Sat 09:00-10:00"),
        "the form shows every session\n{screen}"
    );
    // At 80×24 the line wraps under its value, never cut.
    let screen = text(render(&mut app, 80, 24).backend().buffer());
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.contains("When              every Tue, Thu 18:30-20:00; every Sat"))
        .unwrap_or_else(|| panic!("the When field is whole\n{screen}"));
    assert!(
        rows[at + 1].contains("                    09:00-10:00"),
        "the rest of the line is under the value\n{screen}"
    );
    // A mistake first: named, nothing saved.
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    app.handle_key(&ctrl('u'));
    for c in "every Tue, Thu 18:30-20:00; every Sat 09:00-10:00; last Sunnday 10:00".chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&ctrl('s'));
    let screen = text(render(&mut app, 120, 40).backend().buffer());
    assert!(screen.contains("\"sunnday\" is not a day"), "{screen}");
    let stored = |store: &linkwork::store::Store| {
        store
            .all::<Service>()
            .unwrap()
            .into_iter()
            .find(|s| s.id == club.id)
            .unwrap()
    };
    assert_eq!(
        stored(&store).schedules,
        club.schedules,
        "nothing half-saved"
    );
    // Put right: a monthly Sunday session added, the others kept whole.
    for _ in 0.."Sunnday 10:00".len() {
        press(&mut app, KeyCode::Backspace);
    }
    for c in "Sun of the month 10:00-11:00".chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&ctrl('s'));
    let saved = stored(&store);
    assert_eq!(saved.schedules.len(), 3, "{:?}", saved.schedules);
    assert_eq!(
        saved.schedules[..2],
        club.schedules[..],
        "ids and notes kept"
    );
    let third = &saved.schedules[2];
    assert_eq!(
        (
            third.freq.as_deref(),
            third.byday.as_deref(),
            third.opens_at.as_deref()
        ),
        (Some("MONTHLY"), Some("-1SU"), Some("10:00"))
    );
    assert_eq!(
        sessions(&saved, Wording::Plain)[2],
        "The last Sunday of the month, 10:00 to 11:00."
    );
}
