//! A link worker at the keyboard: every record made through the screens,
//! key by key, as the case studies are recorded (intake, the edit form,
//! risk flags, the directory's service form, the conversation, the plan,
//! the ladder, contacts and discharge). Each helper checks the screen it
//! expects and leaves the app where a worker would be.

use super::{key, press, render, text, today};
use linkwork::domain::case::Case;
use linkwork::domain::caseload::CaseloadView;
use linkwork::domain::ids::CaseId;
use linkwork::domain::ladder::{Connection, Rung};
use linkwork::domain::referral::{Need, ReferralSource};
use linkwork::store::Store;
use linkwork::ui::app::{CaseworkForm, PlanEditor, PlanRow};
use linkwork::ui::screens::casework_form::Field;
use linkwork::ui::{App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;

/// The demo's directory and caseload, and the app over them.
pub struct Desk {
    _dir: tempfile::TempDir,
    pub store: Arc<Store>,
    pub app: App,
}

/// A referral as the intake form takes it.
pub struct Referral<'a> {
    pub given: &'a str,
    pub family: &'a str,
    pub born: &'a str,
    pub gender: &'a str,
    pub postcode: &'a str,
    pub received: &'a str,
    pub source: ReferralSource,
    pub referrer: &'a str,
    pub needs: &'a [Need],
    pub reason: &'a str,
}

/// The conversation's answers, step by step.
#[derive(Default)]
pub struct Talk<'a> {
    pub held: &'a str,
    pub what_matters: &'a str,
    /// Need, weight (1 a little, 2 a lot), note.
    pub areas: &'a [(Need, usize, &'a str)],
    /// Five Ways to Wellbeing index (Connect 0 ... Give 4), text.
    pub strengths: &'a [(usize, &'a str)],
    /// Barrier indexes to tick, and "other".
    pub barriers: &'a [usize],
    pub other_barriers: &'a str,
    pub days: &'a str,
    pub evenings: bool,
    pub weekends: bool,
    pub cost: &'a str,
    pub miles: &'a str,
    pub travel: &'a str,
    pub accompanied: bool,
    /// The decision; with `risks`, risks were identified.
    pub risks: bool,
    pub decision: &'a str,
    /// WHO-5 answers, typed as digits.
    pub who5: &'a str,
    pub goals: &'a [&'a str],
}

impl Desk {
    /// The demo store (a worker named Sam Patel), its directory loaded.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), "Sam").unwrap();
        linkwork::demo::seed(&store, today()).unwrap();
        let store = Arc::new(store);
        let rows = store.caseload(today()).unwrap();
        let mut app = App::new(
            rows,
            linkwork::ui::Keymap::default(),
            linkwork::ui::Theme::default_theme(),
            linkwork::ui::DataSource::Demo,
            "Sam Patel".into(),
            linkwork::clock::Clock::fixed(today()),
        )
        .with_backend(store.clone());
        app.load_directory_now();
        Self {
            _dir: dir,
            store,
            app,
        }
    }

    pub fn typed(&mut self, s: &str) {
        for c in s.chars() {
            self.app.handle_key(&key(c));
        }
    }

    pub fn press(&mut self, code: KeyCode) {
        press(&mut self.app, code);
    }

    pub fn times(&mut self, code: KeyCode, n: usize) {
        for _ in 0..n {
            press(&mut self.app, code);
        }
    }

    pub fn ctrl(&mut self, c: char) {
        self.app
            .handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    /// Empties the field being typed in (Ctrl-u) and types `s`.
    pub fn retype(&mut self, s: &str) {
        self.ctrl('u');
        self.typed(s);
    }

    pub fn screen(&mut self) -> String {
        text(render(&mut self.app, 120, 40).backend().buffer())
    }

    pub fn small_screen(&mut self) -> String {
        text(render(&mut self.app, 80, 24).backend().buffer())
    }

    /// Asserts the mode, showing the screen when it is not.
    pub fn expect(&mut self, mode: Mode) {
        if self.app.mode() != mode {
            let s = self.screen();
            panic!("expected {mode:?}, got {:?}\n{s}", self.app.mode());
        }
    }

    /// Back to the caseload.
    pub fn home(&mut self) {
        for _ in 0..8 {
            if self.app.mode() == Mode::Caseload {
                return;
            }
            self.press(KeyCode::Esc);
        }
        self.expect(Mode::Caseload);
    }

    pub fn case(&self, id: CaseId) -> Case {
        self.store
            .all::<Case>()
            .unwrap()
            .into_iter()
            .find(|c| c.id == id)
            .unwrap()
    }

    pub fn connections(&self, id: CaseId) -> Vec<Connection> {
        self.store.for_case(id).unwrap()
    }

    /// `n`: the intake form, field by field; a new person. The new case.
    pub fn refer(&mut self, r: &Referral) -> CaseId {
        self.home();
        self.app.handle_key(&key('n'));
        self.expect(Mode::Intake);
        self.typed(r.given);
        self.press(KeyCode::Tab);
        self.typed(r.family);
        self.times(KeyCode::Tab, 2);
        self.typed(r.born);
        self.press(KeyCode::Tab);
        self.typed(r.gender);
        self.times(KeyCode::Tab, 3);
        self.typed(r.postcode);
        self.times(KeyCode::Tab, 2);
        self.retype(r.received);
        self.press(KeyCode::Tab);
        let source = ReferralSource::ALL
            .iter()
            .position(|s| *s == r.source)
            .unwrap();
        self.times(KeyCode::Right, source + 1);
        self.press(KeyCode::Tab);
        self.typed(r.referrer);
        self.press(KeyCode::Tab);
        let mut cursor = 0;
        for need in r.needs {
            let at = Need::ALL.iter().position(|n| n == need).unwrap();
            self.times(KeyCode::Right, at - cursor);
            cursor = at;
            self.typed(" ");
        }
        self.press(KeyCode::Tab);
        self.typed(r.reason);
        self.times(KeyCode::Tab, 2);
        self.press(KeyCode::Right); // consent to share: yes
        self.ctrl('s');
        if self.app.mode() == Mode::Intake {
            self.typed("n"); // a possible duplicate: a different, new person
        }
        self.expect(Mode::Caseload);
        let row = self.app.caseload.selected_row().unwrap().clone();
        assert_eq!(row.name, format!("{} {}", r.given, r.family));
        row.case_id
    }

    /// Opens the case file on its Summary.
    pub fn open(&mut self, id: CaseId) {
        self.home();
        self.app.caseload.set_view(CaseloadView::Open);
        self.app.caseload.select_case(id);
        if self.app.caseload.selected_row().map(|r| r.case_id) != Some(id) {
            self.app.caseload.set_view(CaseloadView::Closed);
            self.app.caseload.select_case(id);
        }
        self.press(KeyCode::Enter);
        self.expect(Mode::CaseFile);
    }

    /// Moves to a case-file tab by Tab (0 Summary ... 6 History).
    pub fn tab(&mut self, n: usize) {
        self.expect(Mode::CaseFile);
        let now = self.app.case_file.as_ref().unwrap().tab;
        let at = linkwork::ui::screens::case_file::CaseTab::ALL
            .iter()
            .position(|t| *t == now)
            .unwrap();
        self.times(KeyCode::Tab, (7 + n - at) % 7);
    }

    /// `e`: one field of the edit form (by its index), then saved.
    pub fn edit(&mut self, fields: &[(usize, &str)]) {
        self.app.handle_key(&key('e'));
        self.expect(Mode::Edit);
        let mut at = 0;
        for (i, value) in fields {
            self.times(KeyCode::Tab, i - at);
            at = *i;
            self.retype(value);
        }
        self.ctrl('s');
        self.expect(Mode::CaseFile);
    }

    /// `r`: a risk flag of kind `kind` (its place in the list), its note
    /// and day.
    pub fn raise_risk(&mut self, kind: usize, note: &str, on: &str) {
        self.app.handle_key(&key('r'));
        self.expect(Mode::Risk);
        self.times(KeyCode::Right, kind);
        self.typed(note);
        self.press(KeyCode::Tab);
        self.retype(on);
        self.press(KeyCode::Enter);
        self.expect(Mode::CaseFile);
    }

    /// `c`: a contact on `on`, reached, with its notes.
    pub fn contact(&mut self, on: &str) {
        self.app.handle_key(&key('c'));
        self.expect(Mode::ContactForm);
        self.retype(on);
        self.ctrl('s');
        self.expect(Mode::CaseFile);
    }

    /// `d` then `a` in the directory: a service, every field of the form
    /// in order (an empty value empties the field).
    pub fn add_service(&mut self, values: &[&str]) {
        self.home();
        self.app.handle_key(&key('d'));
        self.press(KeyCode::Enter); // leave the search
        self.app.handle_key(&key('a'));
        self.expect(Mode::ServiceForm);
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.press(KeyCode::Tab);
            }
            self.retype(v);
        }
        self.ctrl('s');
        self.expect(Mode::Directory);
        self.home();
    }

    /// `w`: the whole conversation by keys, finished with Ctrl-n on the
    /// review; the plan editor opens.
    pub fn converse(&mut self, t: &Talk) {
        self.app.handle_key(&key('w'));
        self.expect(Mode::Conversation);
        // 1. Consent to record; the held-on day.
        self.typed(" ");
        self.times(KeyCode::Tab, 2);
        self.retype(t.held);
        self.ctrl('n');
        // 2. What matters.
        self.typed(t.what_matters);
        self.ctrl('n');
        // 3. Life areas.
        let mut at = 0;
        for (need, weight, note) in t.areas {
            let i = Need::ALL.iter().position(|n| n == need).unwrap();
            self.times(KeyCode::Tab, i - at);
            at = i;
            self.times(KeyCode::Right, *weight);
            self.typed(note);
        }
        self.ctrl('n');
        // 4. Strengths.
        let mut at = 0;
        for (way, text) in t.strengths {
            self.times(KeyCode::Tab, way - at);
            at = *way;
            self.typed(text);
        }
        self.ctrl('n');
        // 5. Barriers (the ninth field, then "other").
        let mut at = 0;
        for b in t.barriers {
            self.times(KeyCode::Tab, b - at);
            at = *b;
            self.typed(" ");
        }
        if !t.other_barriers.is_empty() {
            self.times(KeyCode::Tab, 9 - at);
            self.typed(t.other_barriers);
        }
        self.ctrl('n');
        // 6. Preferences.
        self.typed(t.days);
        self.press(KeyCode::Tab);
        if t.evenings {
            self.typed(" ");
        }
        self.press(KeyCode::Tab);
        if t.weekends {
            self.typed(" ");
        }
        self.press(KeyCode::Tab);
        self.typed(t.cost);
        self.press(KeyCode::Tab);
        self.typed(t.miles);
        self.press(KeyCode::Tab);
        self.typed(t.travel);
        self.press(KeyCode::Tab);
        if t.accompanied {
            self.typed(" ");
        }
        self.ctrl('n');
        // 7. Safety: answered, and the decision.
        self.press(KeyCode::Right);
        if t.risks {
            self.press(KeyCode::Right);
        }
        self.times(KeyCode::Tab, 5);
        self.typed(t.decision);
        self.ctrl('n');
        // 8. WHO-5.
        self.press(KeyCode::Right);
        self.press(KeyCode::Tab);
        self.typed(t.who5);
        self.ctrl('n');
        // 9. Goals, in their words.
        for (i, g) in t.goals.iter().enumerate() {
            if i > 0 {
                self.press(KeyCode::Tab);
            }
            self.typed(g);
        }
        self.ctrl('n');
        // 10. The review; Ctrl-n finishes and builds the plan.
        let s = self.screen();
        assert!(s.contains("Step 10 of 10"), "{s}");
        self.ctrl('n');
        self.expect(Mode::Plan);
    }

    fn plan_rows(&self) -> (Vec<PlanRow>, usize) {
        let e = self.app.screen::<PlanEditor>().unwrap();
        (e.rows(), e.row)
    }

    /// In the plan editor: moves to `row`.
    pub fn plan_row(&mut self, row: PlanRow) {
        self.expect(Mode::Plan);
        let (rows, now) = self.plan_rows();
        let to = rows
            .iter()
            .position(|r| *r == row)
            .unwrap_or_else(|| panic!("no {row:?} in {rows:?}"));
        if to >= now {
            self.times(KeyCode::Char('j'), to - now);
        } else {
            self.times(KeyCode::Char('k'), now - to);
        }
        assert_eq!(self.plan_rows().1, to);
    }

    /// The names of the services suggested for goal `g`, best first.
    pub fn suggested(&mut self, g: usize) -> Vec<String> {
        let s = self.screen();
        let goals: Vec<&str> = s.split("│ Goal ").collect();
        goals
            .get(g + 1)
            .map(|part| {
                part.lines()
                    .filter_map(|l| l.split("    ? ").nth(1))
                    .map(|l| l.split(" — ").next().unwrap_or("").trim().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Chooses a suggestion of goal `g` by its name.
    pub fn choose_suggested(&mut self, g: usize, name: &str) {
        let names = self.suggested(g);
        let i = names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("{name} not suggested for goal {}: {names:?}", g + 1));
        self.plan_row(PlanRow::Suggestion(g, i));
        self.press(KeyCode::Enter);
    }

    /// `/` from goal `g`: the whole directory searched, the service chosen.
    pub fn choose_searched(&mut self, g: usize, query: &str) {
        self.plan_row(PlanRow::Search(g));
        self.press(KeyCode::Enter);
        self.expect(Mode::DirectoryFind);
        self.typed(query);
        self.press(KeyCode::Enter);
        self.press(KeyCode::Enter);
        self.expect(Mode::Plan);
    }

    /// A step of goal `g`: what, who (0 person, 1 worker, 2 carer, 3
    /// other), by when.
    pub fn plan_step(&mut self, g: usize, what: &str, who: usize, by: &str) {
        self.plan_row(PlanRow::AddStep(g));
        self.press(KeyCode::Enter);
        self.typed(what);
        self.press(KeyCode::Tab);
        self.times(KeyCode::Right, who);
        self.press(KeyCode::Tab);
        self.retype(by);
        self.press(KeyCode::Enter);
        self.expect(Mode::Plan);
    }

    /// `a` in the plan: agreed on `on` (and, when offered, the case moves
    /// to Active that day).
    pub fn agree(&mut self, on: &str) {
        self.app.handle_key(&key('a'));
        self.retype(on);
        self.press(KeyCode::Enter);
        if self.app.mode() == Mode::MoveStatus {
            self.press(KeyCode::Enter);
        }
        self.expect(Mode::Plan);
    }

    /// On the Connections tab: selects the connection to `service`.
    pub fn select_connection(&mut self, id: CaseId, service: &str) {
        self.tab(3);
        let file = self.store.case_file(id).unwrap();
        let i = file
            .connections
            .iter()
            .position(|c| c.service_name == service)
            .unwrap_or_else(|| panic!("no connection to {service}"));
        let now = self.app.case_file.as_ref().unwrap().connection;
        if i >= now {
            self.times(KeyCode::Char('j'), i - now);
        } else {
            self.times(KeyCode::Char('k'), now - i);
        }
    }

    /// `o` on the selected connection: what happened at a step, the step
    /// moved to `rung`, who went typed as a list, reported back by (0 not
    /// recorded, 1 call, 2 photo, 3 message); the next step left unplanned.
    pub fn log_step(&mut self, when: &str, rung: Rung, who: &str, back: usize, notes: &str) {
        self.app.handle_key(&key('o'));
        self.expect(Mode::CaseworkForm);
        self.retype(when);
        self.press(KeyCode::Tab);
        let wanted = Rung::ALL.iter().position(|r| *r == rung).unwrap();
        for _ in 0..6 {
            let form = self.app.screen::<CaseworkForm>().unwrap();
            if form.choice(Field::Step) == wanted {
                break;
            }
            self.press(KeyCode::Right);
        }
        assert_eq!(
            self.app
                .screen::<CaseworkForm>()
                .unwrap()
                .choice(Field::Step),
            wanted
        );
        self.times(KeyCode::Tab, 2);
        self.retype(who);
        self.press(KeyCode::Tab);
        self.times(KeyCode::Right, back);
        self.press(KeyCode::Tab);
        self.typed(notes);
        self.ctrl('s');
        if self.app.mode() == Mode::CaseworkForm {
            let title = self.app.screen::<CaseworkForm>().unwrap().title.clone();
            assert!(title.starts_with("Next step"), "{}", self.screen());
            self.press(KeyCode::Esc);
        }
        self.expect(Mode::CaseFile);
    }
}
