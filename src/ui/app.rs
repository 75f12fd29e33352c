//! The app: a stack of screens over a shared [`Context`]. A key becomes an
//! [`Action`] through the keymap (or text, for a screen that takes it); the
//! screen on top answers with [`Effect`]s; the app applies them. "Back" is
//! popping the stack; help, footer and palette come from the screen on top.

mod draw;

pub use super::context::{Context, DEFAULT_IDLE_LOCK, DataSource, Notice};
pub use super::screens::case_file::{CaseFileState, CaseTab};
pub use super::screens::caseload::{CaseloadCounts, CaseloadList, FILTER_ROWS, ReviewState};
pub use super::screens::casework_form::{CaseworkForm, FieldValue, FormField, FormPurpose};
pub use super::screens::contact_form::{ContactField, ContactForm};
pub use super::screens::conversation::{
    ConversationEffect, ConversationEvent, ConversationScreen, FieldKind, FieldView, MAX_GOALS,
    ScreenMessage,
};
pub use super::screens::directory::{
    DIRECTORY_FILTER_ROWS, DirectoryScreen, DirectoryView, ServiceDetail,
};
pub use super::screens::edit::EditForm;
pub use super::screens::intake::{IntakeEffect, IntakeEvent, IntakeForm};
pub use super::screens::lock::{Lock, Unlocker};
pub use super::screens::move_status::MoveStatusForm;
pub use super::screens::palette::Palette;
pub use super::screens::plan::{
    PlanEditor, PlanForm, PlanFormTarget, PlanRow, SUGGESTIONS_PER_GOAL, ServiceLine, brief,
};
pub use super::screens::quality_checks::{QUALITY_ROWS, QualityForm};
pub use super::screens::reports::ReportScreen;
pub use super::screens::risk::{RISK_KINDS, RiskForm};
pub use super::screens::service_form::ServiceForm;
pub use super::screens::{AgendaScreen, CaseloadScreen, ConfirmQuit, Help, OnStack, Screen};
pub use super::widgets::{step_option, step_value, wrap};

use super::action::Action;
use super::backend::Casework;
use super::context::JobResult;
use super::keymap::{KeyChord, Keymap};
use super::mode::Mode;
use super::screen::{Effect, Effects};
use super::theme::Theme;
use crate::clock::Clock;
use crate::domain::caseload::CaseOverview;
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
use std::sync::Arc;
use std::time::Instant;

/// The running app: the stack of screens and what they share.
pub struct App {
    stack: Vec<Screen>,
    /// What every screen shares.
    pub cx: Context,
    /// In a team: the sync worker, and how many changes from teammates had
    /// arrived when the screens last read them.
    sync: Option<(crate::team::SyncHandle, u64, u64)>,
}

impl std::ops::Deref for App {
    type Target = Context;
    fn deref(&self) -> &Context {
        &self.cx
    }
}

impl std::ops::DerefMut for App {
    fn deref_mut(&mut self) -> &mut Context {
        &mut self.cx
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("stack", &self.stack)
            .finish_non_exhaustive()
    }
}

impl App {
    /// A new app showing `rows` on the caseload.
    pub fn new(
        rows: Vec<CaseOverview>,
        keymap: Keymap,
        theme: Theme,
        source: DataSource,
        worker: String,
        clock: Clock,
    ) -> Self {
        let caseload = CaseloadList::new(rows, clock.today());
        Self {
            stack: vec![CaseloadScreen::default().into()],
            cx: Context::new(caseload, keymap, theme, source, worker, clock),
            sync: None,
        }
    }

    /// Connects the app to the store it reads and changes.
    pub fn with_backend(mut self, backend: Arc<dyn Casework + Send + Sync>) -> Self {
        self.cx.backend = Some(backend);
        self
    }

    /// The team's sync worker: its state goes on the status line, and what
    /// teammates change is read in as it arrives.
    pub fn with_sync(mut self, sync: crate::team::SyncHandle) -> Self {
        self.cx.team_line = Some(sync.status().line());
        self.sync = Some((sync, 0, 0));
        self
    }

    /// The sync worker's news: the status line, and a reload when changes
    /// from teammates have arrived (the caseload in the background, the
    /// open case file at once).
    fn poll_sync(&mut self) {
        let Some((sync, seen, seen_directory)) = self.sync.as_mut() else {
            return;
        };
        let status = sync.status();
        // While a long catch-up runs, the status line counts it down; what
        // arrived is read once it is done, not at every frame.
        let catching_up = matches!(status.state, crate::team::SyncState::CatchingUp { .. });
        let directory_arrived = !catching_up && status.received_directory != *seen_directory;
        let cases_arrived = !catching_up && status.received != *seen;
        if !catching_up {
            *seen = status.received;
            *seen_directory = status.received_directory;
        }
        self.cx.team_line = Some(status.line());
        if directory_arrived {
            self.start_directory_load();
        }
        if cases_arrived {
            if self.cx.case_id().is_some() {
                self.cx.reload();
            }
            self.cx.reload_caseload();
            self.shared_data_changed();
        }
    }

    fn top(&self) -> &Screen {
        // The caseload is never popped, so the stack is never empty.
        &self.stack[self.stack.len() - 1]
    }

    /// The keymap section of the screen on top.
    pub fn mode(&self) -> Mode {
        self.top().component().mode()
    }

    /// The screens open, bottom first.
    pub fn stack(&self) -> &[Screen] {
        &self.stack
    }

    /// The topmost open screen of type `T`.
    pub fn screen<T: OnStack>(&self) -> Option<&T> {
        self.stack.iter().rev().find_map(T::of)
    }

    /// The topmost open screen of type `T`, to change.
    pub fn screen_mut<T: OnStack>(&mut self) -> Option<&mut T> {
        self.stack.iter_mut().rev().find_map(T::of_mut)
    }

    /// Whether the screen is locked.
    pub fn is_locked(&self) -> bool {
        self.screen::<Lock>().is_some()
    }

    /// Handles a key: the lock takes every key; a screen that takes text
    /// takes plain characters; the rest is resolved through the keymap.
    pub fn handle_key(&mut self, key: &KeyEvent) {
        self.cx.last_input = Instant::now();
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let mode = self.mode();
        if self.is_locked() || (mode.takes_text() && plain) {
            let top = self.stack.len() - 1;
            if let Some(effects) = self.stack[top].component_mut().type_key(key, &mut self.cx) {
                self.apply(effects);
                return;
            }
        }
        if self.is_locked() {
            return;
        }
        if let Some(action) = self.cx.keymap.resolve(mode, KeyChord::from_event(key)) {
            self.update(action);
        }
        if let Some(warning) = self.cx.backend().and_then(|b| b.take_warning()) {
            self.cx.notify(warning, true);
        }
    }

    /// Applies an action: the few that mean the same everywhere here, the
    /// rest by the screen on top.
    pub fn update(&mut self, action: Action) {
        let mode = self.mode();
        match action {
            Action::Quit => {
                let cx = &mut self.cx;
                for screen in self.stack.iter_mut().rev() {
                    screen.component_mut().flush(cx);
                }
                // Typed work that is not saved is never thrown away
                // silently: ask first (asked again, leave).
                let losing = self
                    .stack
                    .iter()
                    .rev()
                    .find_map(|s| s.component().unsaved());
                match losing {
                    Some(losing) if mode != Mode::ConfirmQuit => {
                        self.stack.push(
                            ConfirmQuit {
                                losing,
                                form_only: false,
                            }
                            .into(),
                        );
                    }
                    _ => self.cx.running = false,
                }
                return;
            }
            Action::Lock => {
                self.stack.push(Lock::default().into());
                return;
            }
            Action::Palette if !matches!(mode, Mode::Help | Mode::Palette) => {
                self.stack.push(Palette::new(mode).into());
                return;
            }
            Action::Palette => return,
            Action::ClearField => {
                let top = self.stack.len() - 1;
                self.stack[top].component_mut().clear_field(&mut self.cx);
                return;
            }
            Action::ToggleHelp if mode != Mode::Help => {
                self.stack.push(Help::new(mode).into());
                return;
            }
            _ => {}
        }
        let top = self.stack.len() - 1;
        let effects = self.stack[top].component_mut().handle(action, &mut self.cx);
        self.apply(effects);
    }

    /// Applies effects in order.
    fn apply(&mut self, effects: Effects) {
        for effect in effects {
            match effect {
                Effect::Push(screen) => self.stack.push(screen),
                Effect::Pop => self.pop(),
                Effect::Replace(screen) => {
                    if self.stack.len() > 1 {
                        self.stack.pop();
                    }
                    self.stack.push(screen);
                }
                Effect::PopWith(message) => {
                    self.pop();
                    let top = self.stack.len() - 1;
                    let more = self.stack[top]
                        .component_mut()
                        .receive(message, &mut self.cx);
                    self.apply(more);
                }
                Effect::Dispatch(action) => self.update(action),
            }
        }
    }

    fn pop(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
            let top = self.stack.len() - 1;
            self.stack[top].component_mut().resume(&mut self.cx);
        }
    }

    /// Advances the clock; when the day has changed, the caseload is
    /// reloaded so "today" and "overdue" follow it.
    pub fn advance_clock(&mut self) {
        if self.cx.clock.tick() {
            let today = self.cx.clock.today();
            self.cx.caseload.set_today(today);
            self.cx.reload_caseload();
        }
    }

    /// Called when time passes without input: locks the screen once the
    /// idle time is up.
    pub fn tick(&mut self, now: Instant) {
        if !self.is_locked()
            && self
                .cx
                .idle_after
                .is_some_and(|idle| now.saturating_duration_since(self.cx.last_input) >= idle)
        {
            self.stack.push(Lock::default().into());
        }
    }

    /// Records a new terminal size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.cx.size = ratatui::layout::Rect::new(0, 0, width, height);
        let rows = self.cx.visible_rows();
        self.cx.caseload.scroll_into_view(rows);
        if self.cx.directory.index.is_some() {
            self.cx.refresh_directory();
        }
    }

    /// Whether background work is under way (the loop then wakes often).
    pub fn is_busy(&self) -> bool {
        self.cx.directory.is_loading() || self.cx.jobs.any_running()
    }

    /// Takes what background work has finished: the directory index, the
    /// caseload's rows, a report.
    pub fn poll_background(&mut self) {
        if crate::ui::terminal::take_background_panic() {
            self.cx.notify(
                "A background task stopped unexpectedly; what it was doing was not finished (your saved work is safe).",
                true,
            );
        }
        self.poll_sync();
        if self.cx.directory.poll() {
            self.cx.refresh_directory();
            self.shared_data_changed();
        }
        let results = self.cx.jobs.take();
        self.take_results(results);
    }

    /// Waits for background work to finish and takes it (tests, and
    /// screens checked without a terminal).
    pub fn finish_background(&mut self) {
        let results = self.cx.jobs.wait();
        self.take_results(results);
    }

    fn take_results(&mut self, results: Vec<JobResult>) {
        for result in results {
            match result {
                JobResult::Caseload(Ok(rows)) => self.cx.caseload.set_rows(rows),
                JobResult::Report(Ok(report)) => {
                    if let Some(r) = self.screen_mut::<ReportScreen>() {
                        r.set(*report);
                    }
                }
                JobResult::Caseload(Err(e)) | JobResult::Report(Err(e)) => {
                    self.cx.notify(e.to_string(), true)
                }
                JobResult::Pull(pulled) => {
                    let failed = pulled.iter().any(|(_, r)| r.is_err());
                    let said: Vec<String> = pulled
                        .into_iter()
                        .map(|(name, r)| match r {
                            Ok((line, file)) => {
                                format!("Pulled {name}: {line} (the list: {}).", file.display())
                            }
                            Err(why) if name.is_empty() => {
                                format!("The feeds were not pulled: {why}")
                            }
                            Err(why) => format!("{name} was not pulled: {why}"),
                        })
                        .collect();
                    self.cx.notify(said.join(" "), failed);
                    // The directory as the pull left it.
                    self.cx.load_directory_now();
                    self.shared_data_changed();
                }
            }
        }
    }

    /// Loads the directory now (tests, and the CLI's screen checks).
    pub fn load_directory_now(&mut self) {
        self.cx.load_directory_now();
        self.shared_data_changed();
    }

    fn shared_data_changed(&mut self) {
        let cx = &mut self.cx;
        for screen in &mut self.stack {
            screen.component_mut().data_loaded(cx);
        }
    }

    /// Draws the whole screen.
    pub fn draw(&self, frame: &mut ratatui::Frame) {
        draw::draw(frame, self);
    }
}

#[cfg(test)]
mod tests;
