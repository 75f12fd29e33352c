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

/// A record that can be put right or struck out (a contact, a ladder
/// event, a wellbeing measure): it carries its earlier versions and its
/// strike-out.
pub trait Correctable: Clone {
    /// What a correction of a struck-out one is told.
    const STRUCK_NOT_CORRECTED: &'static str;
    /// Its earlier versions, oldest first.
    fn revisions_mut(&mut self) -> &mut Vec<Revision<Self>>;
    /// Its strike-out, if it was struck out.
    fn struck_mut(&mut self) -> &mut Option<StrikeOut>;
}

/// `corrected` as the version of `old` that stands: carrying `old`'s
/// earlier versions and then `old` itself, with the reason, when and by
/// whom. Refused without a reason, or when `old` was struck out.
pub fn put_right<T: Correctable>(
    old: &T,
    mut corrected: T,
    reason: &str,
    at: DateTime<Utc>,
    by: &str,
) -> Result<T, &'static str> {
    let reason = check_reason(reason)?;
    let mut was = old.clone();
    if was.struck_mut().is_some() {
        return Err(T::STRUCK_NOT_CORRECTED);
    }
    let mut revisions = std::mem::take(was.revisions_mut());
    revisions.push(Revision {
        was,
        reason,
        at,
        by: by.to_owned(),
    });
    *corrected.revisions_mut() = revisions;
    *corrected.struck_mut() = None;
    Ok(corrected)
}

/// Strikes `record` out, with the reason, when and by whom. Refused
/// without a reason, or when it already is.
pub fn strike_out<T: Correctable>(
    record: &mut T,
    reason: &str,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), &'static str> {
    let reason = check_reason(reason)?;
    let struck = record.struck_mut();
    if struck.is_some() {
        return Err("it is already struck out");
    }
    *struck = Some(StrikeOut {
        reason,
        at,
        by: by.to_owned(),
    });
    Ok(())
}

impl StrikeOut {
    /// `struck out 2 Dec 2026 by Sam Patel: the reason`.
    pub fn describe(&self) -> String {
        format!(
            "struck out {} by {}: {}",
            self.at.format("%-d %b %Y"),
            self.by,
            self.reason
        )
    }
}

/// Checks the reason a correction or strike-out gives.
pub fn check_reason(reason: &str) -> Result<String, &'static str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err("say why it is put right (a few words: it stays in the record)");
    }
    Ok(reason.to_owned())
}
