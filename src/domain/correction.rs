//! Putting a record right, as clinical records do: the entry is corrected
//! or struck out with a reason, and what it said before stays with it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An earlier version of a record, kept when it was corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision<T> {
    /// What the record said before the correction.
    pub was: T,
    /// Why it was corrected.
    pub reason: String,
    /// When the correction was made.
    pub at: DateTime<Utc>,
    /// Who made it.
    pub by: String,
}

/// A record struck out: kept and shown, never counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrikeOut {
    /// Why it was struck out.
    pub reason: String,
    /// When.
    pub at: DateTime<Utc>,
    /// By whom.
    pub by: String,
}

/// Checks the reason a correction or strike-out gives.
pub fn check_reason(reason: &str) -> Result<String, &'static str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err("say why it is put right (a few words: it stays in the record)");
    }
    Ok(reason.to_owned())
}
