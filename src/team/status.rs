//! What the sync worker tells the rest of linkwork: connected or not,
//! how many changes wait, how many need a look. Read by the status line
//! without waiting (a mutex held only to copy).

use chrono::{DateTime, Local, Utc};
use std::sync::Mutex;

/// Whether the worker reaches the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncState {
    /// Not yet connected since start.
    Connecting,
    /// Connected, and caught up with what the server holds.
    Online,
    /// Connected, catching up (`left` changes still to arrive).
    CatchingUp {
        /// How many are left.
        left: u64,
    },
    /// The server cannot be reached, since then.
    Offline {
        /// When the connection was lost (or first failed).
        since: DateTime<Utc>,
    },
}

/// A snapshot of the sync worker's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncStatus {
    /// The connection.
    pub state: SyncState,
    /// Changes waiting in the outbox.
    pub waiting: usize,
    /// Refused changes waiting for a decision.
    pub needs_a_look: usize,
    /// How many changes from others have been applied since start (the UI
    /// reloads when this moves).
    pub received: u64,
    /// How many changes to the directory from others have been applied
    /// since start (the UI reads the directory again when this moves).
    pub received_directory: u64,
    /// The last problem, in one sentence (no personal content).
    pub problem: Option<String>,
}

impl Default for SyncStatus {
    fn default() -> Self {
        Self {
            state: SyncState::Connecting,
            waiting: 0,
            needs_a_look: 0,
            received: 0,
            received_directory: 0,
            problem: None,
        }
    }
}

impl SyncStatus {
    /// The status line's words: "synced", "3 changes waiting", "offline
    /// since 14:02", with "2 need a look" after.
    pub fn line(&self) -> String {
        let mut words = match &self.state {
            SyncState::Offline { since } => {
                let local: DateTime<Local> = (*since).into();
                let mut s = format!("offline since {}", local.format("%H:%M"));
                if self.waiting > 0 {
                    s.push_str(&format!(", {} waiting", changes(self.waiting)));
                }
                s
            }
            SyncState::Connecting => "connecting to the team".to_owned(),
            SyncState::CatchingUp { left } => format!("catching up ({})", changes(*left as usize)),
            SyncState::Online if self.waiting > 0 => format!("{} waiting", changes(self.waiting)),
            SyncState::Online => "synced".to_owned(),
        };
        if self.needs_a_look > 0 {
            words.push_str(&format!(
                "; {} need{} a look",
                self.needs_a_look,
                if self.needs_a_look == 1 { "s" } else { "" }
            ));
        }
        words
    }
}

fn changes(n: usize) -> String {
    if n == 1 {
        "1 change".into()
    } else {
        format!("{n} changes")
    }
}

/// The status, shared between the worker and its readers.
#[derive(Debug, Default)]
pub struct StatusCell(Mutex<SyncStatus>);

impl StatusCell {
    /// A copy of the status now.
    pub fn get(&self) -> SyncStatus {
        self.0.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Changes the status.
    pub fn update(&self, f: impl FnOnce(&mut SyncStatus)) {
        if let Ok(mut s) = self.0.lock() {
            f(&mut s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_where_things_stand() {
        let mut s = SyncStatus {
            state: SyncState::Online,
            ..SyncStatus::default()
        };
        assert_eq!(s.line(), "synced");
        s.waiting = 3;
        assert_eq!(s.line(), "3 changes waiting");
        s.needs_a_look = 1;
        assert_eq!(s.line(), "3 changes waiting; 1 needs a look");
        s.state = SyncState::Offline { since: Utc::now() };
        assert!(s.line().starts_with("offline since "), "{}", s.line());
    }
}
