//! The directory screen: query, highlights, filters, detail, and the keys
//! that change a service (verified today, quality checks, retire, add).

use super::{demo_app, key, press, render, text, today};
use linkwork::domain::directory::{
    Category, DirectoryFilter, Service, ServiceFacts, ServiceStatus,
};
use linkwork::store::{AuditEntry, Store};
use linkwork::ui::{Mode, Role};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn open_directory(app: &mut linkwork::ui::App, query: &str) {
    app.load_directory_now();
    app.handle_key(&key('d'));
    assert_eq!(app.mode(), Mode::DirectoryFind);
    for c in query.chars() {
        app.handle_key(&key(c));
    }
}

/// How many stored services pass `filter`, counted here from the records.
fn passing(store: &Store, filter: &DirectoryFilter) -> usize {
    let services: Vec<Service> = store.all().unwrap();
    services
        .iter()
        .filter(|s| filter.keeps(&ServiceFacts::of(s, ""), today()))
        .count()
}

#[test]
fn typing_a_query_lists_matches_with_the_matched_letters_highlighted() {
    let (_dir, _store, mut app) = demo_app();
    open_directory(&mut app, "befriend");
    let terminal = render(&mut app, 120, 34);
    let screen = text(terminal.backend().buffer());
    assert!(screen.contains("Search: befriend"), "{screen}");
    assert!(screen.contains("5 services"), "{screen}");
    for town in ["Eccles", "Irlam", "Salford", "Swinton", "Walkden"] {
        assert!(
            screen.contains(&format!("{town} Befriending Service")),
            "{town}\n{screen}"
        );
    }
    assert!(!screen.contains("Men's Shed"), "{screen}");
    // The letters of "Befriend" in the first row are highlighted; the rest
    // of the name is not.
    let buffer = terminal.backend().buffer();
    let highlight = app.theme.style(Role::MatchHighlight);
    let row_text = |y: u16| -> String {
        (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect()
    };
    let row = (0..buffer.area.height)
        .find(|y| row_text(*y).contains("▶ ") && row_text(*y).contains("Befriending Service"))
        .expect("the selected row");
    let line: String = (0..buffer.area.width)
        .map(|x| buffer[(x, row)].symbol())
        .collect();
    let start = line.find("Befriending").unwrap();
    let start = line[..start].chars().count() as u16;
    let lit = |x: u16| {
        let cell = &buffer[(x, row)];
        highlight.fg.is_none_or(|fg| cell.fg == fg)
            && cell.modifier.contains(highlight.add_modifier)
    };
    assert!((start..start + 8).all(lit), "B-e-f-r-i-e-n-d lit");
    assert!(!lit(start + 9), "the rest of the word is not");
    assert!(!lit(start - 2), "nor the town before it");
}

#[test]
fn the_detail_pane_says_when_where_cost_access_contact_and_freshness() {
    let (_dir, _store, mut app) = demo_app();
    open_directory(&mut app, "irlam befriending");
    let terminal = render(&mut app, 120, 34);
    let screen = text(terminal.backend().buffer());
    for expected in [
        "Irlam Befriending Service",
        "Age Well Salford",
        "When       every Mon, Tue, Wed, Thu, Fri 09:00–17:00",
        "Where      Irlam and Cadishead Community Centre",
        "Cost       Free",
        "Getting in Referral needed",
        "Contact    0161 496 0600",
        "Verified   30 Oct 2026",
        "Checks     ✓ safeguarding",
    ] {
        assert!(screen.contains(expected), "{expected}\n{screen}");
    }
}

#[test]
fn stale_and_inactive_entries_are_marked() {
    let (_dir, store, mut app) = demo_app();
    open_directory(&mut app, "befriending");
    let screen = text(render(&mut app, 120, 34).backend().buffer());
    let services: Vec<Service> = store.all().unwrap();
    for s in services.iter().filter(|s| s.name.contains("Befriending")) {
        let line = screen
            .lines()
            .find(|l| l.contains(&format!(" {} ·", s.name)))
            .unwrap_or_else(|| panic!("{} listed\n{screen}", s.name));
        assert_eq!(line.contains("[stale]"), s.is_stale(today()), "{line}");
        assert_eq!(
            line.contains("[inactive]"),
            s.status == ServiceStatus::Inactive,
            "{line}"
        );
    }
    assert!(
        screen.contains("[stale]") && screen.contains("[inactive]"),
        "{screen}"
    );
}

#[test]
fn each_filter_narrows_the_list_to_what_the_records_say() {
    let (_dir, store, mut app) = demo_app();
    open_directory(&mut app, "");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Directory);
    render(&mut app, 120, 34);
    assert_eq!(app.directory.results.total, 152);
    app.handle_key(&key('f'));
    assert_eq!(app.mode(), Mode::DirectoryFilter);
    // Row by row: turn the filter on, compare with a count from the records,
    // turn it off again.
    for row in 0..10 {
        app.handle_key(&key('l'));
        let filter = app.directory.filter.clone();
        assert!(filter.is_active(), "row {row} turned something on");
        let expected = passing(&store, &filter);
        assert_eq!(
            app.directory.results.total, expected,
            "row {row}: {filter:?}"
        );
        assert!(expected < 152, "row {row} filters something out");
        let screen = text(render(&mut app, 120, 34).backend().buffer());
        assert!(
            screen.contains(&format!("{expected} services pass")),
            "{screen}"
        );
        app.handle_key(&key('x'));
        app.handle_key(&key('j'));
    }
    // Two together: free walking groups.
    app.directory.filter_row = 0;
    let walking = Category::ALL
        .iter()
        .position(|c| *c == Category::Walking)
        .unwrap();
    for _ in 0..=walking {
        app.handle_key(&key('l'));
    }
    app.handle_key(&key('j'));
    app.handle_key(&key(' '));
    let filter = app.directory.filter.clone();
    assert_eq!(filter.category, Some(Category::Walking));
    assert!(filter.free_only);
    assert_eq!(app.directory.results.total, passing(&store, &filter));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Directory);
    let screen = text(render(&mut app, 120, 34).backend().buffer());
    assert!(screen.contains("Filters: Walking, free"), "{screen}");
}

#[test]
fn opened_from_a_case_the_directory_fits_the_persons_age_and_district() {
    let (_dir, _store, mut app) = demo_app();
    app.load_directory_now();
    render(&mut app, 120, 34);
    app.update(linkwork::ui::Action::ViewOpen);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::CaseFile);
    let person = app.case_file.as_ref().unwrap().file.person.clone();
    app.handle_key(&key('d'));
    let screen = text(render(&mut app, 120, 34).backend().buffer());
    assert!(
        screen.contains(&format!("for {}", person.display_name())),
        "{screen}"
    );
    if let Some(age) = person.age_on(today()) {
        assert_eq!(app.directory.filter.age, Some(age));
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::CaseFile, "back where the worker was");
    assert_eq!(
        app.directory.filter.age, None,
        "the person's filters go with them"
    );
}

fn audit_actions(store: &Store) -> Vec<String> {
    store
        .audit_log()
        .unwrap()
        .iter()
        .map(|e: &AuditEntry| e.action.describe())
        .collect()
}

#[test]
fn verified_today_quality_checks_and_retire_are_saved_and_audited() {
    let (_dir, store, mut app) = demo_app();
    open_directory(&mut app, "swinton befriending");
    press(&mut app, KeyCode::Enter);
    render(&mut app, 120, 34);
    let id = app.directory.selected_facts().unwrap().id.clone();
    let stored = |store: &Store| store.get::<Service>(id.0.as_bytes()).unwrap().unwrap();
    app.handle_key(&key('v'));
    let v = stored(&store).local.last_verified.unwrap();
    assert_eq!((v.on, v.by.as_str()), (today(), "Sam Patel"));
    let screen = text(render(&mut app, 120, 34).backend().buffer());
    assert!(
        screen.contains("Verified   22 Nov 2026 by Sam Patel"),
        "{screen}"
    );
    assert!(
        !screen.contains("Swinton Befriending Service · Swinton [stale]"),
        "{screen}"
    );

    app.handle_key(&key('c'));
    assert_eq!(app.mode(), Mode::QualityChecks);
    let before = stored(&store).local.qa;
    press(&mut app, KeyCode::Char(' '));
    let screen = text(render(&mut app, 120, 34).backend().buffer());
    assert!(screen.contains("Safeguarding policy seen"), "{screen}");
    press(&mut app, KeyCode::Enter);
    let after = stored(&store).local.qa;
    assert_ne!(before, after);
    assert_eq!(
        after.safeguarding_policy,
        if before.safeguarding_policy.is_some() {
            None
        } else {
            Some(today())
        }
    );

    app.handle_key(&key('R'));
    assert_eq!(stored(&store).status, ServiceStatus::Defunct);
    let screen = text(render(&mut app, 120, 34).backend().buffer());
    assert!(screen.contains("[closed]"), "{screen}");
    app.handle_key(&key('R'));
    assert_eq!(stored(&store).status, ServiceStatus::Active);
    let actions = audit_actions(&store);
    for done in [
        "verified with the provider",
        "quality checks updated",
        "retired",
        "reinstated",
    ] {
        assert!(
            actions.iter().any(|a| a == done),
            "{done} audited: {actions:?}"
        );
    }
}

#[test]
fn a_service_added_by_hand_is_checked_saved_and_found() {
    let (_dir, store, mut app) = demo_app();
    open_directory(&mut app, "");
    press(&mut app, KeyCode::Enter);
    render(&mut app, 120, 40);
    app.handle_key(&key('a'));
    assert_eq!(app.mode(), Mode::ServiceForm);
    let fields = [
        "Tuesday Knit Club",
        "Eccles Knitters",
        "Knitting and a natter",
        "arts",
        "tue 2 o'clock",
    ];
    for value in fields {
        for c in value.chars() {
            app.handle_key(&key(c));
        }
        press(&mut app, KeyCode::Enter);
    }
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    app.handle_key(&save);
    let screen = text(render(&mut app, 120, 40).backend().buffer());
    assert!(
        screen.contains("\"2\" is not a day, a time or how often"),
        "{screen}"
    );
    assert_eq!(
        store.all::<Service>().unwrap().len(),
        152,
        "nothing half-saved"
    );
    // Back to "When", put it right, save.
    app.handle_key(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    app.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in "tue 2pm".chars() {
        app.handle_key(&key(c));
    }
    app.handle_key(&save);
    assert_eq!(app.mode(), Mode::Directory);
    let services: Vec<Service> = store.all().unwrap();
    let added = services
        .iter()
        .find(|s| s.name == "Tuesday Knit Club")
        .expect("saved");
    assert_eq!(added.local.categories, [Category::Arts]);
    assert_eq!(added.schedules[0].opens_at.as_deref(), Some("14:00"));
    let org = store
        .organisation_named("eccles knitters")
        .unwrap()
        .expect("new organisation");
    assert_eq!(added.organization_id, org.id);
    let screen = text(render(&mut app, 120, 40).backend().buffer());
    assert!(screen.contains("▶ Tuesday Knit Club"), "selected\n{screen}");
    assert!(screen.contains("Tuesday Knit Club added."), "{screen}");
    assert!(audit_actions(&store).iter().any(|a| a == "created"));
    // It can be found at once.
    app.handle_key(&key('/'));
    for c in "knit club".chars() {
        app.handle_key(&key(c));
    }
    assert_eq!(app.directory.results.total, 1);
}

#[test]
fn directory_snapshot() {
    let (_dir, _store, mut app) = demo_app();
    open_directory(&mut app, "debt advice");
    let screen = text(render(&mut app, 110, 30).backend().buffer());
    insta::assert_snapshot!(screen);
}

#[test]
fn the_detail_says_why_a_service_matched_and_what_looks_wrong_in_it() {
    let (_dir, store, mut app) = demo_app();
    // A published record whose ages are the wrong way round, as feeds have.
    let mut services: Vec<Service> = store.all().unwrap();
    services.sort_by(|a, b| a.name.cmp(&b.name));
    let odd = services
        .iter()
        .find(|s| s.name.contains("Befriending"))
        .unwrap()
        .clone();
    let mut changed = odd.clone();
    changed.minimum_age = Some(50);
    changed.maximum_age = Some(25);
    let mut changes = store.changes();
    changes.put_quiet(&changed);
    store.commit(changes).unwrap();
    open_directory(&mut app, "lonely");
    // Walk to the changed service.
    for _ in 0..40 {
        let screen = text(render(&mut app, 120, 40).backend().buffer());
        if screen.contains(&format!("││{}", odd.name)) {
            break;
        }
        app.handle_key(&KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    }
    let screen = text(render(&mut app, 120, 40).backend().buffer());
    assert!(
        screen.contains("Matched    “lonely”: a need it serves, in the categories"),
        "{screen}"
    );
    assert!(
        screen.contains("Check      the minimum age (50) is above the maximum age"),
        "{screen}"
    );
    // At 80 columns the lines wrap under their label, whole.
    let screen = text(render(&mut app, 80, 24).backend().buffer());
    assert!(screen.contains("Matched"), "{screen}");
}

#[test]
fn flags_and_joined_emoji_are_drawn_whole_at_every_width() {
    let (_dir, store, mut app) = demo_app();
    let mut services: Vec<Service> = store.all().unwrap();
    let s = services
        .iter_mut()
        .find(|s| s.name.contains("Irlam Befriending"))
        .unwrap();
    s.name = "Irlam Befriending 🇬🇧🇺🇦🇵🇱 for 👨\u{200d}👩\u{200d}👧 families 🏴\u{e0067}\u{e0062}\u{e0077}\u{e006c}\u{e0073}\u{e007f}".into();
    store
        .save_service(s, None, linkwork::store::AuditAction::Updated)
        .unwrap();
    open_directory(&mut app, "irlam befriending");
    let is_indicator = |c: char| ('\u{1f1e6}'..='\u{1f1ff}').contains(&c);
    for width in 80..=124 {
        let height = if width < 100 { 24 } else { 40 };
        let terminal = render(&mut app, width, height);
        let buffer = terminal.backend().buffer();
        for cell in buffer.content() {
            let symbol = cell.symbol();
            let indicators = symbol.chars().filter(|c| is_indicator(*c)).count();
            assert!(
                indicators % 2 == 0,
                "half a flag ({symbol:?}) at width {width}:\n{}",
                text(buffer)
            );
            assert!(
                !symbol.ends_with('\u{200d}'),
                "a joined emoji cut at width {width}"
            );
        }
        // Each wide grapheme fills two cells (its own and a blank one).
        let screen = text(buffer);
        if width >= 110 {
            assert!(
                screen.contains("🇬🇧 🇺🇦 🇵🇱  for 👨\u{200d}👩\u{200d}👧  families"),
                "{screen}"
            );
        }
    }
}

/// The vocabulary (T): the feeds' taxonomy terms in name order, each with
/// its code and taxonomy; Enter searches the directory for the term.
#[test]
fn the_vocabulary_lists_the_feeds_terms_and_searches_for_the_one_picked() {
    let (_dir, store, mut app) = demo_app();
    let terms = store.vocabulary().unwrap().len();
    assert!(terms > 20, "the demo keeps its services' terms: {terms}");
    open_directory(&mut app, "");
    press(&mut app, KeyCode::Enter);
    app.handle_key(&key('T'));
    assert_eq!(app.mode(), Mode::Vocabulary);
    let screen = text(render(&mut app, 80, 24).backend().buffer());
    assert!(
        screen.contains(&format!("Vocabulary: {terms} terms from the feeds")),
        "{screen}"
    );
    assert!(
        screen.contains("Adult learning  learning · linkwork"),
        "{screen}"
    );
    assert!(
        screen.contains("Enter searches the directory for it"),
        "{screen}"
    );
    for _ in 0..2 {
        app.handle_key(&key('j'));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Directory);
    let screen = text(render(&mut app, 120, 34).backend().buffer());
    assert!(screen.contains("Search: Advocacy   1 service"), "{screen}");
    assert!(screen.contains("Salford Advocacy Partnership"), "{screen}");
    // Esc closes it without searching.
    app.handle_key(&key('T'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Directory);
    assert_eq!(app.cx.directory.query, "Advocacy");
}
