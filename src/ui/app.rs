//! Application state and the flat update function.

mod agenda;
mod case_file;
mod caseload;
mod casework_form;
mod conversation;
mod conversation_actions;
mod directory;
mod edit;
mod forms;
mod intake;
mod ladder_actions;
mod lock;
mod palette;
mod plan_actions;
mod plan_editor;
mod reports;
mod wrap;

pub use agenda::AgendaScreen;
pub use case_file::{CaseFileState, CaseTab};
pub use caseload::{CaseloadCounts, CaseloadList, ReviewState};
pub use casework_form::{CaseworkForm, FieldValue, FormField, FormPurpose};
pub use conversation::{
    ConversationEffect, ConversationEvent, ConversationScreen, FieldKind, FieldView, MAX_GOALS,
    ScreenMessage,
};
pub use directory::{
    DIRECTORY_FILTER_ROWS, DirectoryScreen, QUALITY_ROWS, QualityForm, ServiceDetail, ServiceForm,
};
pub use edit::EditForm;
pub use forms::{ContactField, ContactForm, MoveStatusForm, RISK_KINDS, RiskForm};
pub use intake::{IntakeEffect, IntakeEvent, IntakeForm};
pub use lock::{Lock, Unlocker};
pub use palette::Palette;
pub use plan_editor::{
    PlanEditor, PlanForm, PlanFormTarget, PlanPerson, PlanRow, SUGGESTIONS_PER_GOAL, ServiceLine,
    brief,
};
pub use reports::ReportScreen;
pub use wrap::{step_option, step_value, wrap};

use super::action::Action;
use super::backend::Casework;
use super::keymap::{KeyChord, Keymap};
use super::layout;
use super::mode::Mode;
use super::theme::Theme;
use crate::clock::Clock;
use crate::domain::case::CaseStatus;
use crate::domain::caseload::{CaseFlag, CaseOverview, CaseloadView};
use crate::domain::referral::{Need, ReferralSource};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where the data shown comes from (for the status line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// The built-in demo in a temporary store.
    Demo,
    /// A data directory.
    Dir(std::path::PathBuf),
}

/// The default idle time before the screen locks.
pub const DEFAULT_IDLE_LOCK: Duration = Duration::from_secs(10 * 60);

/// A line shown in the status bar after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The text (no personal data).
    pub text: String,
    /// Whether it reports a problem.
    pub is_error: bool,
}

/// The filter panel's rows.
pub const FILTER_ROWS: [&str; 4] = ["Status", "Need", "Referral source", "Flag"];

/// Everything the view needs, and nothing it has to fetch.
pub struct App {
    /// Which keymap section applies.
    pub mode: Mode,
    /// The mode to return to when an overlay closes.
    pub previous_mode: Mode,
    /// Key bindings.
    pub keymap: Keymap,
    /// Styles.
    pub theme: Theme,
    /// The caseload list.
    pub caseload: CaseloadList,
    /// The open case file.
    pub case_file: Option<CaseFileState>,
    /// The contact form, while open.
    pub contact_form: Option<ContactForm>,
    /// The status move, while open.
    pub move_form: Option<MoveStatusForm>,
    /// The risk form, while open.
    pub risk_form: Option<RiskForm>,
    /// The intake form, while open.
    pub intake: Option<IntakeForm>,
    /// The edit form, while open.
    pub edit: Option<EditForm>,
    /// The command palette, while open.
    pub palette: Option<Palette>,
    /// The conversation being held, while open.
    pub conversation: Option<ConversationScreen>,
    /// The plan editor, while open.
    pub plan_editor: Option<PlanEditor>,
    /// The agenda, while open.
    pub agenda: Option<AgendaScreen>,
    /// The report, while open.
    pub reports: Option<ReportScreen>,
    /// The ladder, limit, discharge or measure form, while open.
    pub casework_form: Option<CaseworkForm>,
    /// The community directory screen.
    pub directory: DirectoryScreen,
    /// The service form, while open.
    pub service_form: Option<ServiceForm>,
    /// The quality checklist, while open.
    pub quality_form: Option<QualityForm>,
    /// The highlighted row of the filter panel.
    pub filter_row: usize,
    /// Scroll position of the help overlay.
    pub help_scroll: usize,
    /// The last notice.
    pub notice: Option<Notice>,
    /// The terminal size.
    pub size: Rect,
    /// Where the data lives.
    pub source: DataSource,
    /// The worker's name (for the status line).
    pub worker: String,
    /// The worker's name as configured, for what the person reads
    /// (none: "your link worker").
    pub worker_name: Option<String>,
    /// Whether the store is encrypted (shown in the status line).
    pub encrypted: bool,
    /// The one clock: today and now (advanced by the event loop's tick).
    pub clock: Clock,
    /// False once the user has asked to quit.
    pub running: bool,
    /// Lock the screen after this long without input (`None`: never).
    pub idle_after: Option<Duration>,
    /// When the last key was pressed.
    pub last_input: Instant,
    /// The lock, while the screen is locked.
    pub lock: Option<Lock>,
    /// How the lock is opened.
    pub unlocker: Unlocker,
    backend: Option<Arc<dyn Casework + Send + Sync>>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

impl App {
    /// A new app showing `rows`.
    pub fn new(
        rows: Vec<CaseOverview>,
        keymap: Keymap,
        theme: Theme,
        source: DataSource,
        worker: String,
        clock: Clock,
    ) -> Self {
        let today = clock.today();
        Self {
            mode: Mode::Caseload,
            previous_mode: Mode::Caseload,
            keymap,
            theme,
            caseload: CaseloadList::new(rows, today),
            case_file: None,
            contact_form: None,
            move_form: None,
            risk_form: None,
            intake: None,
            edit: None,
            palette: None,
            conversation: None,
            plan_editor: None,
            agenda: None,
            reports: None,
            casework_form: None,
            directory: DirectoryScreen::default(),
            service_form: None,
            quality_form: None,
            filter_row: 0,
            help_scroll: 0,
            notice: None,
            size: Rect::new(0, 0, 80, 24),
            source,
            worker,
            worker_name: None,
            encrypted: false,
            clock,
            running: true,
            idle_after: Some(DEFAULT_IDLE_LOCK),
            last_input: Instant::now(),
            lock: None,
            unlocker: Unlocker::AnyKey,
            backend: None,
        }
    }

    /// Connects the app to the store it reads and changes.
    pub fn with_backend(mut self, backend: Arc<dyn Casework + Send + Sync>) -> Self {
        self.backend = Some(backend);
        self
    }

    /// Whether the screen is locked.
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    fn notify(&mut self, text: impl Into<String>, is_error: bool) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error,
        });
    }

    /// Handles a key: while locked it goes to the lock; in text modes plain
    /// characters are typed; otherwise it is resolved in the current mode
    /// and applied.
    pub fn handle_key(&mut self, key: &KeyEvent) {
        self.last_input = Instant::now();
        if self.lock.is_some() {
            self.lock_key(key);
            return;
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if self.mode.takes_text() && plain && self.type_text(key) {
            return;
        }
        if let Some(action) = self.keymap.resolve(self.mode, KeyChord::from_event(key)) {
            self.update(action);
        }
    }

    /// Typing in a text mode; returns whether the key was taken as text.
    fn type_text(&mut self, key: &KeyEvent) -> bool {
        match self.mode {
            Mode::Find => match key.code {
                KeyCode::Char(c) => {
                    self.caseload.query.push(c);
                    self.after_search();
                    true
                }
                KeyCode::Backspace => {
                    self.caseload.query.pop();
                    self.after_search();
                    true
                }
                _ => false,
            },
            Mode::DirectoryFind => match key.code {
                KeyCode::Char(c) => {
                    self.directory_type(Some(c));
                    true
                }
                KeyCode::Backspace => {
                    self.directory_type(None);
                    true
                }
                _ => false,
            },
            Mode::ServiceForm => {
                let Some(form) = self.service_form.as_mut() else {
                    return false;
                };
                match key.code {
                    KeyCode::Char(c) => form.values[form.focus].push(c),
                    KeyCode::Backspace => {
                        form.values[form.focus].pop();
                    }
                    KeyCode::Enter => form.step(1),
                    _ => return false,
                }
                true
            }
            Mode::ContactForm => {
                let Some(form) = self.contact_form.as_mut() else {
                    return false;
                };
                if form.focus == ContactField::Notes {
                    if matches!(key.code, KeyCode::Esc | KeyCode::Tab | KeyCode::BackTab) {
                        return false;
                    }
                    form.notes.input(*key);
                    return true;
                }
                match key.code {
                    KeyCode::Char(c) => {
                        form.type_char(c);
                        true
                    }
                    KeyCode::Backspace => {
                        form.backspace();
                        true
                    }
                    KeyCode::Enter => {
                        form.step_focus(1);
                        true
                    }
                    _ => false,
                }
            }
            Mode::Intake => {
                let event = match key.code {
                    KeyCode::Char(c) => IntakeEvent::Char(c),
                    KeyCode::Backspace => IntakeEvent::Backspace,
                    KeyCode::Enter => {
                        if self
                            .intake
                            .as_ref()
                            .is_some_and(|f| !f.duplicates.is_empty())
                        {
                            IntakeEvent::Submit
                        } else {
                            IntakeEvent::Next
                        }
                    }
                    _ => return false,
                };
                self.intake_event(event);
                true
            }
            Mode::Conversation => {
                let event = match key.code {
                    KeyCode::Char(c) => ConversationEvent::Char(c),
                    KeyCode::Backspace => ConversationEvent::Backspace,
                    KeyCode::Enter => ConversationEvent::Enter,
                    _ => return false,
                };
                self.conversation_event(event);
                true
            }
            Mode::CaseworkForm => {
                let Some(form) = self.casework_form.as_mut() else {
                    return false;
                };
                match key.code {
                    KeyCode::Char(c) => form.type_char(c),
                    KeyCode::Backspace => form.backspace(),
                    KeyCode::Enter => {
                        if !form.step(1) {
                            self.save_casework_form();
                        }
                    }
                    _ => return false,
                }
                true
            }
            Mode::PlanForm => {
                let Some(form) = self.plan_editor.as_mut().and_then(|e| e.form.as_mut()) else {
                    return false;
                };
                match key.code {
                    KeyCode::Char(c) => form.type_char(c),
                    KeyCode::Backspace => form.backspace(),
                    KeyCode::Enter => {
                        if !form.step(1) {
                            self.save_plan_form();
                        }
                    }
                    _ => return false,
                }
                true
            }
            Mode::Palette => {
                let Some(p) = self.palette.as_mut() else {
                    return false;
                };
                match key.code {
                    KeyCode::Char(c) => p.query.push(c),
                    KeyCode::Backspace => {
                        p.query.pop();
                    }
                    _ => return false,
                }
                p.selected = 0;
                true
            }
            Mode::Edit => {
                let Some(form) = self.edit.as_mut() else {
                    return false;
                };
                match key.code {
                    KeyCode::Char(c) => form.type_char(c),
                    KeyCode::Backspace => form.backspace(),
                    KeyCode::Enter => form.step(1, self.clock.today()),
                    _ => return false,
                }
                true
            }
            Mode::MoveStatus | Mode::Risk => {
                let text = match self.mode {
                    Mode::MoveStatus => self
                        .move_form
                        .as_mut()
                        .filter(|f| f.chosen.is_some())
                        .map(|f| &mut f.reason),
                    _ => self.risk_form.as_mut().map(|f| &mut f.note),
                };
                let Some(text) = text else { return false };
                match key.code {
                    KeyCode::Char(c) => {
                        text.push(c);
                        true
                    }
                    KeyCode::Backspace => {
                        text.pop();
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    fn after_search(&mut self) {
        self.caseload.selected = 0;
        self.caseload.offset = 0;
        self.caseload.refresh();
    }

    fn lock_key(&mut self, key: &KeyEvent) {
        let Some(lock) = self.lock.as_mut() else {
            return;
        };
        let check = match &self.unlocker {
            Unlocker::AnyKey => {
                self.lock = None;
                return;
            }
            Unlocker::Passphrase(check) => check.clone(),
        };
        match key.code {
            KeyCode::Enter => {
                if check(&lock.typed) {
                    self.lock = None;
                } else {
                    lock.typed.clear();
                    lock.message = Some("That passphrase does not open this caseload.");
                }
            }
            KeyCode::Backspace => {
                lock.typed.pop();
            }
            KeyCode::Esc => lock.typed.clear(),
            KeyCode::Char(c) => lock.typed.push(c),
            _ => {}
        }
    }

    /// Advances the clock; when the day has changed, the caseload is
    /// reloaded so "today" and "overdue" follow it.
    pub fn advance_clock(&mut self) {
        if self.clock.tick() {
            self.caseload.set_today(self.clock.today());
            if self.case_file.is_none() {
                self.reload();
            }
        }
    }

    /// Called when time passes without input: locks the screen once the
    /// idle time is up.
    pub fn tick(&mut self, now: Instant) {
        if self.lock.is_none()
            && self
                .idle_after
                .is_some_and(|idle| now.saturating_duration_since(self.last_input) >= idle)
        {
            self.lock = Some(Lock::default());
        }
    }

    /// Records a new terminal size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        self.caseload.scroll_into_view(self.visible_rows());
        if self.directory.index.is_some() {
            self.refresh_directory();
        }
    }

    fn visible_rows(&self) -> usize {
        layout::table_rows(layout::areas(self.size).body).max(1)
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action) {
        let page = self.visible_rows();
        match (self.mode, action) {
            (_, Action::Quit) => {
                self.flush_conversation();
                self.running = false;
            }
            (_, Action::Lock) => self.lock = Some(Lock::default()),
            (Mode::Palette, Action::MoveDown | Action::MoveUp) => {
                let n = self
                    .palette
                    .as_ref()
                    .map_or(0, |p| p.entries(&self.keymap).len());
                if let Some(p) = self.palette.as_mut() {
                    let step = if action == Action::MoveDown { 1 } else { -1 };
                    p.selected = wrap(p.selected, step, n);
                }
            }
            (Mode::Palette, Action::Open) => {
                if let Some(p) = self.palette.take() {
                    self.mode = p.from;
                    if let Some((chosen, _)) = p.entries(&self.keymap).get(p.selected).cloned() {
                        self.update(chosen);
                    }
                }
            }
            (Mode::Palette, Action::Back) => {
                if let Some(p) = self.palette.take() {
                    self.mode = p.from;
                }
            }
            (Mode::Help | Mode::Palette, Action::Palette) => {}
            (_, Action::Palette) => {
                self.palette = Some(Palette::new(self.mode));
                self.mode = Mode::Palette;
            }
            (Mode::Help, Action::ToggleHelp | Action::Back) => self.mode = self.previous_mode,
            (_, Action::ToggleHelp) => {
                self.help_scroll = 0;
                self.previous_mode = self.mode;
                self.mode = Mode::Help;
            }
            (Mode::Help, Action::MoveDown) => self.help_scroll += 1,
            (Mode::Help, Action::MoveUp) => self.help_scroll = self.help_scroll.saturating_sub(1),
            (Mode::Caseload | Mode::Find, Action::MoveDown) => self.caseload.move_by(1, page),
            (Mode::Caseload | Mode::Find, Action::MoveUp) => self.caseload.move_by(-1, page),
            (Mode::Caseload, Action::PageDown) => self.caseload.move_by(page as isize, page),
            (Mode::Caseload, Action::PageUp) => self.caseload.move_by(-(page as isize), page),
            (Mode::Caseload, Action::First) => self.caseload.move_to(0, page),
            (Mode::Caseload, Action::Last) => self.caseload.move_to(usize::MAX, page),
            (Mode::Caseload, Action::NextView) => self.caseload.set_view(self.caseload.view.next()),
            (Mode::Caseload, Action::ViewToday) => self.caseload.set_view(CaseloadView::Today),
            (Mode::Caseload, Action::ViewOpen) => self.caseload.set_view(CaseloadView::Open),
            (Mode::Caseload, Action::ViewWaiting) => self.caseload.set_view(CaseloadView::Waiting),
            (Mode::Caseload, Action::ViewClosed) => self.caseload.set_view(CaseloadView::Closed),
            (Mode::Caseload, Action::SortNext) => {
                let (column, _) = self.caseload.sort_in_effect();
                self.caseload.sort = Some((column.next(), Default::default()));
                self.caseload.refresh();
            }
            (Mode::Caseload, Action::SortReverse) => {
                let (column, order) = self.caseload.sort_in_effect();
                self.caseload.sort = Some((column, order.flip()));
                self.caseload.refresh();
            }
            (Mode::Caseload, Action::Filter) => self.mode = Mode::Filter,
            (Mode::Caseload | Mode::Filter, Action::ClearFilters) => {
                self.caseload.filter = Default::default();
                self.caseload.refresh();
            }
            (Mode::Caseload, Action::Find) => {
                self.caseload.query.clear();
                self.mode = Mode::Find;
            }
            (Mode::Caseload, Action::Back) if !self.caseload.query.is_empty() => {
                self.caseload.query.clear();
                self.caseload.refresh();
            }
            (Mode::Find, Action::Open) => self.mode = Mode::Caseload,
            (Mode::Find, Action::Back) => {
                self.caseload.query.clear();
                self.caseload.refresh();
                self.mode = Mode::Caseload;
            }
            (Mode::Filter, Action::MoveDown) => {
                self.filter_row = wrap(self.filter_row, 1, FILTER_ROWS.len());
            }
            (Mode::Filter, Action::MoveUp) => {
                self.filter_row = wrap(self.filter_row, -1, FILTER_ROWS.len());
            }
            (Mode::Filter, Action::NextValue) => self.cycle_filter(1),
            (Mode::Filter, Action::PrevValue) => self.cycle_filter(-1),
            (Mode::Filter, Action::Back) => self.mode = Mode::Caseload,
            (Mode::Caseload, Action::Open) => self.open_selected_case(),
            (Mode::Caseload, Action::NewReferral) => {
                self.intake = Some(IntakeForm::new(self.clock.today()));
                self.mode = Mode::Intake;
            }
            (Mode::Intake, Action::NextTab) => self.intake_event(IntakeEvent::Next),
            (Mode::Intake, Action::PrevTab) => self.intake_event(IntakeEvent::Prev),
            (Mode::Intake, Action::NextValue) => self.intake_event(IntakeEvent::NextValue),
            (Mode::Intake, Action::PrevValue) => self.intake_event(IntakeEvent::PrevValue),
            (Mode::Intake, Action::Save) => self.intake_event(IntakeEvent::Submit),
            (Mode::Intake, Action::Back) => self.intake_event(IntakeEvent::Cancel),
            (Mode::CaseFile, Action::NextTab) => self.step_tab(1),
            (Mode::CaseFile, Action::PrevTab) => self.step_tab(-1),
            (Mode::CaseFile, Action::MoveDown) => self.scroll_case(1),
            (Mode::CaseFile, Action::MoveUp) => self.scroll_case(-1),
            (Mode::CaseFile, Action::PageDown) => self.scroll_case(page as isize),
            (Mode::CaseFile, Action::PageUp) => self.scroll_case(-(page as isize)),
            (Mode::CaseFile, Action::Back) => {
                self.case_file = None;
                if self.agenda_open() {
                    self.refresh_agenda();
                    self.mode = Mode::Agenda;
                } else {
                    self.mode = Mode::Caseload;
                }
            }
            (Mode::CaseFile, Action::LogContact) => self.start_contact(),
            (Mode::CaseFile, Action::MoveStatus) => self.start_move(),
            (Mode::CaseFile, Action::RiskFlag) => self.start_risk(),
            (Mode::CaseFile, Action::Edit) => {
                if !self.closed_notice()
                    && let Some(cf) = &self.case_file
                {
                    self.edit = Some(EditForm::new(&cf.file.person, &cf.file.case));
                    self.mode = Mode::Edit;
                }
            }
            (Mode::Edit, Action::NextTab) => {
                let today = self.clock.today();
                if let Some(f) = self.edit.as_mut() {
                    f.step(1, today);
                }
            }
            (Mode::Edit, Action::PrevTab) => {
                let today = self.clock.today();
                if let Some(f) = self.edit.as_mut() {
                    f.step(-1, today);
                }
            }
            (Mode::Edit, Action::Save) => self.save_edits(),
            (Mode::Edit, Action::Back) => {
                self.edit = None;
                self.mode = Mode::CaseFile;
            }
            (Mode::ContactForm, Action::NextTab) => self.with_contact_form(|f| f.step_focus(1)),
            (Mode::ContactForm, Action::PrevTab) => self.with_contact_form(|f| f.step_focus(-1)),
            (Mode::ContactForm, Action::NextValue) => self.with_contact_form(|f| f.cycle(1)),
            (Mode::ContactForm, Action::PrevValue) => self.with_contact_form(|f| f.cycle(-1)),
            (Mode::ContactForm, Action::Save) => self.save_contact(),
            (Mode::ContactForm | Mode::MoveStatus | Mode::Risk, Action::Back) => self.close_form(),
            (Mode::MoveStatus, Action::MoveDown) => self.step_move(1),
            (Mode::MoveStatus, Action::MoveUp) => self.step_move(-1),
            (Mode::MoveStatus, Action::Open) => self.confirm_move(),
            (Mode::Risk, Action::MoveDown) => self.step_risk(1),
            (Mode::Risk, Action::MoveUp) => self.step_risk(-1),
            (Mode::Risk, Action::NextValue) => self.cycle_risk_kind(1),
            (Mode::Risk, Action::PrevValue) => self.cycle_risk_kind(-1),
            (Mode::Risk, Action::Open) => self.save_risk(),
            (Mode::CaseFile, Action::StartConversation) => self.start_conversation(),
            (Mode::CaseFile, Action::LogOutcome) => self.start_log_outcome(),
            (Mode::CaseFile, Action::Reschedule) => self.start_reschedule(),
            (Mode::CaseFile, Action::VisitPlan) => self.start_visit_plan(),
            (Mode::CaseFile, Action::VisitCard) => self.write_visit_card(),
            (Mode::CaseFile, Action::EndConnection) => self.start_end_connection(),
            (Mode::CaseFile, Action::ExtendLimit) => self.start_extension(),
            (Mode::CaseFile, Action::Discharge) => self.start_discharge(),
            (Mode::CaseFile, Action::DischargeLetter) => self.write_discharge_letter(),
            (Mode::CaseFile, Action::Measure) => self.start_measure(),
            (Mode::Caseload, Action::Agenda) => self.open_agenda(),
            (Mode::Caseload, Action::Reports) => self.open_reports(),
            (Mode::Reports, Action::MoveDown) => {
                if let Some(r) = self.reports.as_mut() {
                    r.scroll += 1;
                }
            }
            (Mode::Reports, Action::MoveUp) => {
                if let Some(r) = self.reports.as_mut() {
                    r.scroll = r.scroll.saturating_sub(1);
                }
            }
            (Mode::Reports, Action::PrevWeek) => self.shift_report(-3),
            (Mode::Reports, Action::NextWeek) => self.shift_report(3),
            (Mode::Reports, Action::ExportReport) => self.export_report(),
            (Mode::Reports, Action::Back) => {
                self.reports = None;
                self.mode = Mode::Caseload;
            }
            (Mode::Caseload, Action::LogOutcome) => {
                self.open_selected_case();
                if self.mode == Mode::CaseFile {
                    self.start_log_outcome();
                }
            }
            (Mode::Agenda, Action::MoveDown) => self.agenda_move(1),
            (Mode::Agenda, Action::MoveUp) => self.agenda_move(-1),
            (Mode::Agenda, Action::NextWeek) => self.agenda_week(1),
            (Mode::Agenda, Action::PrevWeek) => self.agenda_week(-1),
            (Mode::Agenda, Action::Open) => {
                self.agenda_open_case();
            }
            (Mode::Agenda, Action::LogOutcome) => self.agenda_log_outcome(),
            (Mode::Agenda, Action::Reschedule) => self.agenda_reschedule(),
            (Mode::Agenda, Action::Back) => {
                self.agenda = None;
                self.mode = Mode::Caseload;
            }
            (Mode::CaseworkForm, Action::NextTab | Action::PrevTab) => {
                let step = if action == Action::NextTab { 1 } else { -1 };
                if let Some(f) = self.casework_form.as_mut() {
                    f.step(step);
                }
            }
            (Mode::CaseworkForm, Action::NextValue | Action::PrevValue) => {
                let step = if action == Action::NextValue { 1 } else { -1 };
                if let Some(f) = self.casework_form.as_mut() {
                    f.cycle(step);
                }
            }
            (Mode::CaseworkForm, Action::Save) => self.save_casework_form(),
            (Mode::CaseworkForm, Action::Back) => {
                self.casework_form = None;
                self.mode = Mode::CaseFile;
            }
            (Mode::CaseFile, Action::OpenPlan) => self.open_plan_editor(),
            (Mode::CaseFile | Mode::Plan, Action::PersonCopy) => self.write_person_copy(),
            (Mode::Conversation, Action::NextTab) => {
                self.conversation_event(ConversationEvent::NextField)
            }
            (Mode::Conversation, Action::PrevTab) => {
                self.conversation_event(ConversationEvent::PrevField)
            }
            (Mode::Conversation, Action::NextValue) => {
                self.conversation_event(ConversationEvent::Cycle(1))
            }
            (Mode::Conversation, Action::PrevValue) => {
                self.conversation_event(ConversationEvent::Cycle(-1))
            }
            (Mode::Conversation, Action::NextStep) => {
                self.conversation_event(ConversationEvent::NextStep)
            }
            (Mode::Conversation, Action::PrevStep) => {
                self.conversation_event(ConversationEvent::PrevStep)
            }
            (Mode::Conversation, Action::SkipStep) => {
                self.conversation_event(ConversationEvent::Skip)
            }
            (Mode::Conversation, Action::Back) => self.conversation_event(ConversationEvent::Leave),
            (Mode::Plan, Action::MoveDown | Action::MoveUp | Action::First | Action::Last) => {
                if let Some(e) = self.plan_editor.as_mut() {
                    match action {
                        Action::MoveDown => e.move_by(1),
                        Action::MoveUp => e.move_by(-1),
                        Action::First => e.move_by(isize::MIN / 2),
                        _ => e.move_by(isize::MAX / 2),
                    }
                }
            }
            (Mode::Plan, Action::Open) => self.plan_open(),
            (Mode::Plan, Action::NextValue) => self.plan_value(1),
            (Mode::Plan, Action::PrevValue) => self.plan_value(-1),
            (Mode::Plan, Action::MarkDone) => self.plan_mark_done(),
            (Mode::Plan, Action::AgreePlan) => self.toggle_agreed(),
            (Mode::Plan, Action::Remove) => self.plan_remove(),
            (Mode::Plan, Action::Find) => {
                match self
                    .plan_editor
                    .as_ref()
                    .and_then(|e| e.goal_of_selection())
                {
                    Some(g) => {
                        self.open_directory();
                        self.directory.picking = Some(g);
                    }
                    None => self.notify("Select a goal (or a row under it) first.", false),
                }
            }
            (Mode::Plan, Action::Back) => self.close_plan_editor(),
            (Mode::PlanForm, Action::NextTab | Action::PrevTab) => {
                let step = if action == Action::NextTab { 1 } else { -1 };
                if let Some(f) = self.plan_editor.as_mut().and_then(|e| e.form.as_mut()) {
                    f.step(step);
                }
            }
            (Mode::PlanForm, Action::NextValue | Action::PrevValue) => {
                let step = if action == Action::NextValue { 1 } else { -1 };
                if let Some(f) = self.plan_editor.as_mut().and_then(|e| e.form.as_mut()) {
                    f.cycle_owner(step);
                }
            }
            (Mode::PlanForm, Action::Save) => self.save_plan_form(),
            (Mode::PlanForm, Action::Back) => {
                if let Some(e) = self.plan_editor.as_mut() {
                    e.form = None;
                }
                self.mode = Mode::Plan;
            }
            (Mode::Directory, Action::Open) => self.directory_choose(),
            (Mode::Caseload | Mode::CaseFile, Action::Directory) => self.open_directory(),
            (Mode::Directory | Mode::DirectoryFind, Action::MoveDown) => self.directory_move(1),
            (Mode::Directory | Mode::DirectoryFind, Action::MoveUp) => self.directory_move(-1),
            (Mode::Directory | Mode::DirectoryFind, Action::PageDown) => {
                self.directory_move(page as isize)
            }
            (Mode::Directory | Mode::DirectoryFind, Action::PageUp) => {
                self.directory_move(-(page as isize))
            }
            (Mode::Directory, Action::First) => self.directory_to(false),
            (Mode::Directory, Action::Last) => self.directory_to(true),
            (Mode::Directory, Action::Find) => self.mode = Mode::DirectoryFind,
            (Mode::DirectoryFind, Action::Open) => self.mode = Mode::Directory,
            (Mode::DirectoryFind, Action::Back) => {
                if self.directory.query.is_empty() {
                    self.close_directory();
                } else {
                    self.directory.query.clear();
                    self.directory.selected = 0;
                    self.refresh_directory();
                }
            }
            (Mode::Directory, Action::Back) => self.close_directory(),
            (Mode::Directory, Action::Filter) => self.mode = Mode::DirectoryFilter,
            (Mode::Directory | Mode::DirectoryFilter, Action::ClearFilters) => {
                self.clear_directory_filters()
            }
            (Mode::DirectoryFilter, Action::MoveDown) => self.directory_filter_row(1),
            (Mode::DirectoryFilter, Action::MoveUp) => self.directory_filter_row(-1),
            (Mode::DirectoryFilter, Action::NextValue) => self.directory_filter_step(1),
            (Mode::DirectoryFilter, Action::PrevValue) => self.directory_filter_step(-1),
            (Mode::DirectoryFilter, Action::Back) => self.mode = Mode::Directory,
            (Mode::Directory, Action::VerifyToday) => self.verify_service(),
            (Mode::Directory, Action::RetireService) => self.retire_service(),
            (Mode::Directory, Action::QualityChecks) => self.start_quality_checks(),
            (Mode::QualityChecks, Action::MoveDown | Action::MoveUp) => {
                if let Some(f) = self.quality_form.as_mut() {
                    let step = if action == Action::MoveDown { 1 } else { -1 };
                    f.row = wrap(f.row, step, QUALITY_ROWS.len());
                }
            }
            (Mode::QualityChecks, Action::NextValue) => {
                let today = self.clock.today();
                if let Some(f) = self.quality_form.as_mut() {
                    f.toggle(today);
                }
            }
            (Mode::QualityChecks, Action::Open) => self.save_quality_checks(),
            (Mode::QualityChecks, Action::Back) => {
                self.quality_form = None;
                self.mode = Mode::Directory;
            }
            (Mode::Directory, Action::AddService) => self.start_service_form(true),
            (Mode::Directory, Action::Edit) => self.start_service_form(false),
            (Mode::ServiceForm, Action::NextTab) => {
                if let Some(f) = self.service_form.as_mut() {
                    f.step(1);
                }
            }
            (Mode::ServiceForm, Action::PrevTab) => {
                if let Some(f) = self.service_form.as_mut() {
                    f.step(-1);
                }
            }
            (Mode::ServiceForm, Action::Save) => self.save_service_form(),
            (Mode::ServiceForm, Action::Back) => {
                self.service_form = None;
                self.mode = Mode::Directory;
            }
            _ => {}
        }
    }

    fn intake_event(&mut self, event: IntakeEvent) {
        let Some(form) = self.intake.as_mut() else {
            return;
        };
        let effect = form.handle(event);
        let Some(backend) = self.backend.clone() else {
            if effect == IntakeEffect::Cancelled {
                self.intake = None;
                self.mode = Mode::Caseload;
            }
            return;
        };
        let saved = match effect {
            IntakeEffect::None => return,
            IntakeEffect::Cancelled => {
                self.intake = None;
                self.mode = Mode::Caseload;
                return;
            }
            IntakeEffect::CheckDuplicates => match backend.duplicates(&form.draft) {
                Ok(found) if !found.is_empty() => {
                    form.duplicates = found;
                    form.duplicate = 0;
                    return;
                }
                Ok(_) => backend.create_referral(&form.draft, None, self.clock.today()),
                Err(e) => Err(e),
            },
            IntakeEffect::SaveNewPerson => backend.create_referral(&form.draft, None, self.clock.today()),
            IntakeEffect::SaveNewEpisode => {
                let existing = form.duplicates.get(form.duplicate).map(|d| d.person.id);
                backend.create_referral(&form.draft, existing, self.clock.today())
            }
        };
        match saved {
            Ok(case_id) => {
                self.intake = None;
                self.mode = Mode::Caseload;
                self.reload();
                self.caseload.set_view(CaseloadView::Waiting);
                self.caseload.select_case(case_id);
                self.notify(
                    "Referral saved; it is in Waiting until the first contact.",
                    false,
                );
            }
            Err(e) => {
                if let Some(form) = self.intake.as_mut() {
                    form.duplicates.clear();
                }
                self.notify(e.to_string(), true);
            }
        }
    }

    fn cycle_filter(&mut self, step: isize) {
        let f = &mut self.caseload.filter;
        match self.filter_row {
            0 => f.status = step_option(CaseloadList::statuses(), f.status, step),
            1 => f.need = step_option(&Need::ALL, f.need, step),
            2 => f.source = step_option(&ReferralSource::ALL, f.source, step),
            _ => f.flag = step_option(&CaseFlag::ALL, f.flag, step),
        }
        self.caseload.selected = 0;
        self.caseload.offset = 0;
        self.caseload.refresh();
    }

    fn open_selected_case(&mut self) {
        let Some(id) = self.caseload.selected_case() else {
            return;
        };
        let Some(backend) = self.backend.clone() else {
            return;
        };
        match backend.case_file(id) {
            Ok(file) => {
                self.case_file = Some(CaseFileState {
                    file,
                    tab: CaseTab::Summary,
                    scroll: 0,
                    connection: 0,
                });
                self.notice = None;
                self.mode = Mode::CaseFile;
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    fn step_tab(&mut self, step: isize) {
        if let Some(cf) = self.case_file.as_mut() {
            cf.tab = cf.tab.step(step);
            cf.scroll = 0;
        }
    }

    /// Scrolls the tab; on the Connections tab, selects a connection.
    fn scroll_case(&mut self, step: isize) {
        if let Some(cf) = self.case_file.as_mut() {
            if cf.tab == CaseTab::Connections && !cf.file.connections.is_empty() {
                let n = cf.file.connections.len() as isize;
                cf.connection = (cf.connection as isize + step.signum()).clamp(0, n - 1) as usize;
                return;
            }
            cf.scroll = cf.scroll.saturating_add_signed(step);
        }
    }

    /// Reloads after a change: with a case file open, that case file and
    /// its one caseload row (from the records just read); otherwise (a new
    /// referral) the whole caseload.
    fn reload(&mut self) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        if let Some(cf) = self.case_file.as_mut() {
            match backend.case_file(cf.file.case.id) {
                Ok(file) => {
                    let f = &file;
                    let row = crate::domain::caseload::overview(
                        &crate::domain::caseload::CaseRecords {
                            person: &f.person,
                            case: &f.case,
                            contacts: &f.contacts,
                            plan: f.plan.as_ref(),
                            connections: &f.connections,
                            has_conversation: !f.conversations.is_empty(),
                        },
                        self.clock.today(),
                    );
                    cf.file = file;
                    self.caseload.replace_row(row);
                }
                Err(e) => {
                    let text = e.to_string();
                    self.notify(text, true);
                }
            }
            return;
        }
        match backend.caseload(self.clock.today()) {
            Ok(rows) => self.caseload.set_rows(rows),
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    fn case_id(&self) -> Option<crate::domain::ids::CaseId> {
        self.case_file.as_ref().map(|cf| cf.file.case.id)
    }

    fn closed_notice(&mut self) -> bool {
        let closed = self
            .case_file
            .as_ref()
            .is_some_and(|cf| !cf.file.case.status.is_open());
        if closed {
            self.notify(
                "This episode has ended, so it is read-only; a re-referral opens a new episode.",
                true,
            );
        }
        closed
    }

    pub(super) fn start_contact(&mut self) {
        if self.closed_notice() {
            return;
        }
        self.contact_form = Some(ContactForm::new(self.clock.today()));
        self.mode = Mode::ContactForm;
    }

    fn with_contact_form(&mut self, f: impl FnOnce(&mut ContactForm)) {
        if let Some(form) = self.contact_form.as_mut() {
            f(form);
        }
    }

    fn save_contact(&mut self) {
        let (Some(id), Some(backend)) = (self.case_id(), self.backend.clone()) else {
            return;
        };
        let Some(form) = self.contact_form.as_mut() else {
            return;
        };
        let Some(draft) = form.validate(self.clock.today()) else {
            return;
        };
        match backend.log_contact(id, draft) {
            Ok(entry) => {
                self.contact_form = None;
                self.mode = Mode::CaseFile;
                self.reload();
                self.notify(
                    format!("Contact of {} saved.", entry.on.format("%-d %b")),
                    false,
                );
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    fn save_edits(&mut self) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        let Some(form) = self.edit.as_mut() else {
            return;
        };
        let Some((person, case)) = form.apply(self.clock.today()) else {
            return;
        };
        match backend.save_edits(&person, &case) {
            Ok(()) => {
                self.edit = None;
                self.mode = Mode::CaseFile;
                self.reload();
                self.notify("Changes saved.", false);
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    fn close_form(&mut self) {
        self.contact_form = None;
        self.move_form = None;
        self.risk_form = None;
        self.mode = Mode::CaseFile;
    }

    fn start_move(&mut self) {
        let Some(cf) = self.case_file.as_ref() else {
            return;
        };
        let from = cf.file.case.status;
        if from.allowed_moves().is_empty() {
            self.notify(
                format!(
                    "A {} case cannot move; a re-referral opens a new episode.",
                    from.label().to_lowercase()
                ),
                true,
            );
            return;
        }
        self.move_form = Some(MoveStatusForm::new(from));
        self.mode = Mode::MoveStatus;
    }

    fn step_move(&mut self, step: isize) {
        if let Some(f) = self.move_form.as_mut().filter(|f| f.chosen.is_none()) {
            f.selected = wrap(f.selected, step, f.options.len());
            f.message = None;
        }
    }

    fn confirm_move(&mut self) {
        let (Some(id), Some(backend)) = (self.case_id(), self.backend.clone()) else {
            return;
        };
        let Some(f) = self.move_form.as_mut() else {
            return;
        };
        match f.chosen {
            None => {
                let to = f.options[f.selected];
                if let Err(e) = f.from.check_move(to) {
                    f.message = Some(format!("Refused: {e}."));
                    return;
                }
                if to == CaseStatus::Closed {
                    // Closing is a discharge: reason, final measure, letter.
                    self.move_form = None;
                    self.mode = Mode::CaseFile;
                    self.start_discharge();
                    return;
                }
                f.chosen = Some(to);
                f.message = None;
            }
            Some(to) => {
                if to == CaseStatus::Declined && f.reason.trim().is_empty() {
                    f.message = Some("Declining needs a reason.".into());
                    return;
                }
                let reason = Some(f.reason.trim().to_owned()).filter(|r| !r.is_empty());
                match backend.move_case(id, to, reason, self.clock.today()) {
                    Ok(case) => {
                        self.move_form = None;
                        self.mode = Mode::CaseFile;
                        self.reload();
                        self.notify(format!("Moved to {}.", case.status.label()), false);
                    }
                    Err(e) => f.message = Some(e.to_string()),
                }
            }
        }
    }

    fn start_risk(&mut self) {
        if self.closed_notice() {
            return;
        }
        let active = self
            .case_file
            .as_ref()
            .map_or(0, |cf| cf.file.case.active_risks().count());
        self.risk_form = Some(RiskForm::new(active));
        self.mode = Mode::Risk;
    }

    fn step_risk(&mut self, step: isize) {
        if let Some(f) = self.risk_form.as_mut() {
            f.selected = wrap(f.selected, step, f.active + 1);
            f.message = None;
        }
    }

    fn cycle_risk_kind(&mut self, step: isize) {
        if let Some(f) = self.risk_form.as_mut().filter(|f| f.selected == 0) {
            f.kind = wrap(f.kind, step, RISK_KINDS.len());
        }
    }

    fn save_risk(&mut self) {
        let (Some(id), Some(backend)) = (self.case_id(), self.backend.clone()) else {
            return;
        };
        let Some(f) = self.risk_form.as_mut() else {
            return;
        };
        if f.note.trim().is_empty() {
            f.message = Some("Type a note first: what the risk is, or why it is cleared.".into());
            return;
        }
        let result = if f.selected == 0 {
            backend.add_risk(id, RISK_KINDS[f.kind], &f.note, self.clock.today())
        } else {
            backend.clear_risk(id, f.selected - 1, &f.note, self.clock.today())
        };
        let done = if f.selected == 0 {
            "Risk flag raised."
        } else {
            "Risk flag cleared."
        };
        match result {
            Ok(_) => {
                self.risk_form = None;
                self.mode = Mode::CaseFile;
                self.reload();
                self.notify(done, false);
            }
            Err(e) => f.message = Some(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{CaseId, PersonId};
    use chrono::NaiveDate;

    fn row(i: u64) -> CaseOverview {
        CaseOverview {
            case_id: CaseId(i),
            person_id: PersonId(i),
            name: format!("Person {i:02}"),
            sort_name: format!("Person {i:02}"),
            nhs_number: None,
            status: CaseStatus::Active,
            referred_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            source: ReferralSource::Pharmacy,
            needs: vec![],
            days_open: 10,
            contacts_used: 1,
            contact_limit: 12,
            weeks_used: 1,
            week_limit: 12,
            next: None,
            last_contact: None,
            flags: vec![],
        }
    }

    fn app(n: u64) -> App {
        let mut app = App::new(
            (0..n).map(row).collect(),
            Keymap::default(),
            Theme::default_theme(),
            DataSource::Demo,
            "Sam".into(),
            Clock::fixed(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
        );
        app.caseload.set_view(CaseloadView::Open);
        app.resize(80, 14); // 14 - 3 lines of chrome - 3 of table frame = 8 rows
        app
    }

    #[test]
    fn moving_keeps_selection_in_bounds_and_in_view() {
        let mut a = app(30);
        a.update(Action::MoveUp);
        assert_eq!(a.caseload.selected, 0);
        for _ in 0..9 {
            a.update(Action::MoveDown);
        }
        assert_eq!(a.caseload.selected, 9);
        assert_eq!(a.caseload.offset, 2);
        a.update(Action::Last);
        assert_eq!(a.caseload.selected, 29);
        assert_eq!(a.caseload.offset, 22);
        a.update(Action::PageUp);
        assert_eq!(a.caseload.selected, 21);
        assert_eq!(a.caseload.offset, 21);
        a.update(Action::First);
        assert_eq!((a.caseload.selected, a.caseload.offset), (0, 0));
    }

    #[test]
    fn help_opens_closes_and_quit_stops() {
        let mut a = app(3);
        a.update(Action::ToggleHelp);
        assert_eq!(a.mode, Mode::Help);
        a.update(Action::MoveDown);
        assert_eq!(a.help_scroll, 1);
        assert_eq!(a.caseload.selected, 0);
        a.update(Action::Back);
        assert_eq!(a.mode, Mode::Caseload);
        a.update(Action::Quit);
        assert!(!a.running);
    }

    #[test]
    fn empty_caseload_is_safe() {
        let mut a = app(0);
        for action in Action::ALL {
            a.update(*action);
            a.mode = Mode::Caseload;
        }
        assert_eq!(a.caseload.selected, 0);
    }

    #[test]
    fn shrinking_the_window_keeps_the_selection_visible() {
        let mut a = app(30);
        a.update(Action::Last);
        a.resize(80, 40);
        a.resize(80, 12);
        let rows = 12 - 6;
        assert!(a.caseload.selected >= a.caseload.offset);
        assert!(a.caseload.selected < a.caseload.offset + rows);
    }

    #[test]
    fn replacing_a_row_keeps_find_and_other_episodes_in_step() {
        let mut a = app(5);
        // Case 4 is a second episode of person 1.
        let mut second = row(4);
        second.person_id = PersonId(1);
        a.caseload.replace_row(second);
        let mut renamed = row(1);
        renamed.name = "Winifred Quartermaine".into();
        renamed.sort_name = "Quartermaine, Winifred".into();
        a.caseload.replace_row(renamed);
        a.caseload.query = "quartermane".into();
        a.caseload.refresh();
        let found: Vec<u64> = a
            .caseload
            .shown
            .iter()
            .map(|&i| a.caseload.rows[i].case_id.0)
            .collect();
        assert_eq!(
            found.len(),
            2,
            "both episodes of the renamed person: {found:?}"
        );
        assert!(found.contains(&1) && found.contains(&4));
        a.caseload.query = "Person 01".into();
        a.caseload.refresh();
        assert!(
            a.caseload
                .shown
                .iter()
                .all(|&i| a.caseload.rows[i].case_id.0 != 1),
            "old name gone"
        );
        let mut new_case = row(9);
        new_case.name = "Zebedee Newcome".into();
        new_case.sort_name = "Newcome, Zebedee".into();
        a.caseload.replace_row(new_case);
        a.caseload.query = "newcome".into();
        a.caseload.refresh();
        assert_eq!(a.caseload.shown.len(), 1, "an added row is indexed too");
    }

    #[test]
    fn filter_values_cycle_through_none() {
        let statuses = CaseloadList::statuses();
        assert_eq!(step_option(statuses, None, 1), Some(statuses[0]));
        assert_eq!(step_option(statuses, Some(statuses[0]), -1), None);
        assert_eq!(
            step_option(statuses, None, -1),
            Some(statuses[statuses.len() - 1])
        );
    }
}
