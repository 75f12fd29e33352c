//! Application state and the flat update function.

mod caseload;
mod lock;

pub use caseload::{CaseloadCounts, CaseloadList};
pub use lock::{Lock, Unlocker};

use super::action::Action;
use super::keymap::{KeyChord, Keymap};
use super::layout;
use super::mode::Mode;
use super::theme::Theme;
use crate::domain::caseload::CaseOverview;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

/// Where the data shown comes from (for the status line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// The built-in demo in a temporary store.
    Demo,
    /// A data directory.
    Dir(std::path::PathBuf),
}

/// Everything the view needs, and nothing it has to fetch.
#[derive(Debug, Clone)]
pub struct App {
    /// Which keymap section applies.
    pub mode: Mode,
    /// Key bindings.
    pub keymap: Keymap,
    /// Styles.
    pub theme: Theme,
    /// The caseload list.
    pub caseload: CaseloadList,
    /// Scroll position of the help overlay.
    pub help_scroll: usize,
    /// The terminal size.
    pub size: Rect,
    /// Where the data lives.
    pub source: DataSource,
    /// The worker's name.
    pub worker: String,
    /// Whether the store is encrypted (shown in the status line).
    pub encrypted: bool,
    /// The date the app treats as today.
    pub today: NaiveDate,
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
}

/// The default idle time before the screen locks.
pub const DEFAULT_IDLE_LOCK: Duration = Duration::from_secs(10 * 60);

impl App {
    /// A new app showing `rows`.
    pub fn new(
        rows: Vec<CaseOverview>,
        keymap: Keymap,
        theme: Theme,
        source: DataSource,
        worker: String,
        today: NaiveDate,
    ) -> Self {
        Self {
            mode: Mode::Caseload,
            keymap,
            theme,
            caseload: CaseloadList::new(rows),
            help_scroll: 0,
            size: Rect::new(0, 0, 80, 24),
            source,
            worker,
            encrypted: false,
            today,
            running: true,
            idle_after: Some(DEFAULT_IDLE_LOCK),
            last_input: Instant::now(),
            lock: None,
            unlocker: Unlocker::AnyKey,
        }
    }

    /// Whether the screen is locked.
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// Handles a key: while locked it goes to the lock; otherwise it is
    /// resolved in the current mode and applied.
    pub fn handle_key(&mut self, key: &KeyEvent) {
        self.last_input = Instant::now();
        if self.lock.is_some() {
            self.lock_key(key);
            return;
        }
        if let Some(action) = self.keymap.resolve(self.mode, KeyChord::from_event(key)) {
            self.update(action);
        }
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
    }

    fn visible_rows(&self) -> usize {
        layout::table_rows(layout::areas(self.size).body).max(1)
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action) {
        let page = self.visible_rows();
        match (self.mode, action) {
            (_, Action::Quit) => self.running = false,
            (_, Action::Lock) => self.lock = Some(Lock::default()),
            (Mode::Help, Action::ToggleHelp | Action::Back) => self.mode = Mode::Caseload,
            (_, Action::ToggleHelp) => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
            }
            (Mode::Help, Action::MoveDown) => self.help_scroll += 1,
            (Mode::Help, Action::MoveUp) => self.help_scroll = self.help_scroll.saturating_sub(1),
            (Mode::Caseload, Action::MoveDown) => self.caseload.move_by(1, page),
            (Mode::Caseload, Action::MoveUp) => self.caseload.move_by(-1, page),
            (Mode::Caseload, Action::PageDown) => self.caseload.move_by(page as isize, page),
            (Mode::Caseload, Action::PageUp) => self.caseload.move_by(-(page as isize), page),
            (Mode::Caseload, Action::First) => self.caseload.move_to(0, page),
            (Mode::Caseload, Action::Last) => self.caseload.move_to(usize::MAX, page),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseStatus;
    use crate::domain::ids::{CaseId, PersonId};

    fn row(i: u64) -> CaseOverview {
        CaseOverview {
            case_id: CaseId(i),
            person_id: PersonId(i),
            name: format!("Person {i:02}"),
            sort_name: format!("Person {i:02}"),
            source: crate::domain::referral::ReferralSource::Pharmacy,
            needs: vec![],
            nhs_number: None,
            status: CaseStatus::Active,
            referred_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
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
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        );
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
            a.update(action);
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
}
