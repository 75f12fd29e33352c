//! The screen lock: after a stretch without input (or on request) personal
//! data is hidden until the passphrase is typed (unencrypted stores: any
//! key).

use std::fmt;
use std::sync::Arc;
use zeroize::Zeroizing;

/// How the lock is opened.
#[derive(Clone)]
pub enum Unlocker {
    /// Any key resumes (unencrypted stores).
    AnyKey,
    /// The passphrase must check out.
    Passphrase(Arc<dyn Fn(&str) -> bool + Send + Sync>),
}

impl fmt::Debug for Unlocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AnyKey => f.write_str("AnyKey"),
            Self::Passphrase(_) => f.write_str("Passphrase(..)"),
        }
    }
}

/// The state of a locked screen.
#[derive(Debug, Clone, Default)]
pub struct Lock {
    /// What has been typed (never shown).
    pub typed: Zeroizing<String>,
    /// The answer to the last attempt.
    pub message: Option<&'static str>,
}
