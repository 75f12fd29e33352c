//! What every screen shares: the theme, keymap and clock, the store seam,
//! the notice line, the terminal size, and the caches of what is shown
//! (the caseload, the open case file, the directory). Screens keep their
//! own state; the context is what lives longer than any one of them.

mod directory;
mod jobs;

pub use jobs::{Job, JobResult, Jobs};

use super::app::{CaseFileState, CaseloadList, DirectoryScreen, Unlocker};
use super::backend::{Casework, Export};
use super::keymap::Keymap;
use super::layout;
use super::theme::Theme;
use crate::clock::Clock;
use crate::domain::ids::CaseId;
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

/// The shared state of the running app.
pub struct Context {
    /// Key bindings.
    pub keymap: Keymap,
    /// Styles.
    pub theme: Theme,
    /// The one clock: today and now (advanced by the event loop's tick).
    pub clock: Clock,
    /// The caseload list.
    pub caseload: CaseloadList,
    /// The open case file (shown by the case file, its forms and the plan).
    pub case_file: Option<CaseFileState>,
    /// The community directory: the index, the search and its results.
    pub directory: DirectoryScreen,
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
    pub signature: Option<crate::domain::signature::Signature>,
    /// Whether the store is encrypted (shown in the status line).
    pub encrypted: bool,
    /// Why nothing can be saved, when the caseload's folder is read-only or
    /// on a full disk (shown in the status line).
    pub read_only: Option<&'static str>,
    /// False once the user has asked to quit.
    pub running: bool,
    /// Lock the screen after this long without input (`None`: never).
    pub idle_after: Option<Duration>,
    /// When the last key was pressed.
    pub last_input: Instant,
    /// How the lock is opened.
    pub unlocker: Unlocker,
    /// Slow work running off the UI thread.
    pub jobs: Jobs,
    /// The live feeds named in config.toml (`P` in the directory pulls
    /// them).
    pub feeds: Vec<crate::config::Feed>,
    pub(crate) backend: Option<Arc<dyn Casework + Send + Sync>>,
    /// In a team: what the status line says of sharing ("synced",
    /// "3 changes waiting", "offline since 14:02").
    pub team_line: Option<String>,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("clock", &self.clock)
            .finish_non_exhaustive()
    }
}

impl Context {
    /// A context showing `caseload`.
    pub fn new(
        caseload: CaseloadList,
        keymap: Keymap,
        theme: Theme,
        source: DataSource,
        worker: String,
        clock: Clock,
    ) -> Self {
        Self {
            keymap,
            theme,
            clock,
            caseload,
            case_file: None,
            directory: DirectoryScreen::default(),
            notice: None,
            size: Rect::new(0, 0, 80, 24),
            source,
            worker,
            signature: None,
            encrypted: false,
            read_only: None,
            running: true,
            idle_after: Some(DEFAULT_IDLE_LOCK),
            last_input: Instant::now(),
            unlocker: Unlocker::AnyKey,
            jobs: Jobs::default(),
            feeds: Vec::new(),
            backend: None,
            team_line: None,
        }
    }

    /// The store seam, when connected.
    pub fn backend(&self) -> Option<Arc<dyn Casework + Send + Sync>> {
        self.backend.clone()
    }

    /// Shows a notice in the status line.
    /// Paths under the home folder are written `~/…`.
    pub fn notify(&mut self, text: impl Into<String>, is_error: bool) {
        self.notice = Some(Notice {
            text: crate::paths::tilde(&text.into()),
            is_error,
        });
    }

    /// How many caseload rows fit on screen.
    pub fn visible_rows(&self) -> usize {
        layout::table_rows(layout::areas(self.size).body).max(1)
    }

    /// The open case's id.
    pub fn case_id(&self) -> Option<CaseId> {
        self.case_file.as_ref().map(|cf| cf.file.case.id)
    }

    /// Says so and returns true when the open case is closed, or held by
    /// a teammate (read-only either way).
    pub fn closed_notice(&mut self) -> bool {
        if let Some(holder) = self
            .case_file
            .as_ref()
            .and_then(|cf| cf.file.held_by.clone())
        {
            self.notify(
                format!(
                    "This case is held by {}: it can be read here but not changed.",
                    crate::domain::text::clean(&holder)
                ),
                true,
            );
            return true;
        }
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

    /// Reloads after a change: with a case file open, that case file and
    /// its one caseload row (from the records just read); otherwise the
    /// whole caseload, in the background.
    pub fn reload(&mut self) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        let Some(id) = self.case_id() else {
            self.reload_caseload();
            return;
        };
        match backend.case_file(id) {
            Ok(file) => {
                let row = file.overview(self.clock.today());
                if let Some(cf) = self.case_file.as_mut() {
                    cf.file = file;
                }
                self.caseload.replace_row(row);
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    /// Reads one case again and replaces (or adds) its caseload row.
    pub fn refresh_row(&mut self, id: CaseId) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        match backend.case_file(id) {
            Ok(file) => {
                let row = file.overview(self.clock.today());
                self.caseload.replace_row(row);
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    /// Reads every case's row again, off the UI thread; the rows replace
    /// the list when they arrive.
    pub fn reload_caseload(&mut self) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        let today = self.clock.today();
        self.jobs.spawn(Job::Caseload, move || {
            JobResult::Caseload(backend.caseload(today))
        });
    }

    /// Writes a file for someone outside linkwork (a letter, a card, a
    /// copy, a report) into the working folder, and says where.
    pub fn write_export(&mut self, what: Export) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        let folder = std::env::current_dir().unwrap_or_else(|_| ".".into());
        match backend.write_export(what, self.signature.as_ref(), self.clock.today(), &folder) {
            Ok(path) => {
                self.reload();
                self.notify(
                    format!("Wrote {} to {}.", what.describe(), path.display()),
                    false,
                );
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }
}
