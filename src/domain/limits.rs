//! Time-limited support: contacts used of the limit and weeks used of the
//! limit, with warnings at 80 % and at the limit.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The default number of contacts in an episode.
pub const DEFAULT_CONTACT_LIMIT: u32 = 12;
/// The default number of weeks in an episode.
pub const DEFAULT_WEEK_LIMIT: u32 = 12;

/// A recorded extension of the limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitExtension {
    /// When it was agreed.
    pub on: NaiveDate,
    /// Why support continues past the limit.
    pub reason: String,
    /// The new contact limit.
    pub contact_limit: u32,
    /// The new week limit.
    pub week_limit: u32,
}

/// The limits of one episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportLimits {
    /// Contacts allowed.
    pub contact_limit: u32,
    /// Weeks allowed, counted from the first contact.
    pub week_limit: u32,
    /// Extensions, oldest first.
    #[serde(default)]
    pub extensions: Vec<LimitExtension>,
}

impl Default for SupportLimits {
    fn default() -> Self {
        Self {
            contact_limit: DEFAULT_CONTACT_LIMIT,
            week_limit: DEFAULT_WEEK_LIMIT,
            extensions: Vec::new(),
        }
    }
}

/// Why an extension was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionError {
    /// No reason given.
    #[error("an extension needs a reason")]
    NoReason,
    /// The new limits do not extend anything.
    #[error("the new limits must be larger than the current ones")]
    NotLarger,
}

impl SupportLimits {
    /// Extends the limits, recording the reason.
    pub fn extend(
        &mut self,
        on: NaiveDate,
        reason: &str,
        contact_limit: u32,
        week_limit: u32,
    ) -> Result<(), ExtensionError> {
        if reason.trim().is_empty() {
            return Err(ExtensionError::NoReason);
        }
        if contact_limit < self.contact_limit
            || week_limit < self.week_limit
            || (contact_limit == self.contact_limit && week_limit == self.week_limit)
        {
            return Err(ExtensionError::NotLarger);
        }
        self.extensions.push(LimitExtension {
            on,
            reason: reason.trim().to_owned(),
            contact_limit,
            week_limit,
        });
        self.contact_limit = contact_limit;
        self.week_limit = week_limit;
        Ok(())
    }
}

/// How close a count is to its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LimitLevel {
    /// Under 80 % of the limit.
    Within,
    /// At or over 80 %, under the limit.
    Approaching,
    /// Exactly at the limit.
    AtLimit,
    /// Past the limit.
    Over,
}

impl LimitLevel {
    /// Classifies `used` of `limit`.
    pub fn of(used: u32, limit: u32) -> Self {
        let (used, limit) = (u64::from(used), u64::from(limit));
        if used > limit {
            Self::Over
        } else if used == limit {
            Self::AtLimit
        } else if used * 100 >= limit * 80 {
            Self::Approaching
        } else {
            Self::Within
        }
    }

    /// The warning for `used` of `limit` `what` (contacts, weeks), if due.
    pub fn warning(what: &str, used: u32, limit: u32) -> Option<String> {
        let pct = if limit == 0 {
            100
        } else {
            u64::from(used) * 100 / u64::from(limit)
        };
        match Self::of(used, limit) {
            Self::Within => None,
            Self::Approaching => Some(format!(
                "{used} of {limit} {what} used ({pct} %): nearing the limit."
            )),
            Self::AtLimit => Some(format!(
                "{used} of {limit} {what} used: at the limit. Extend it with a reason, or plan the ending."
            )),
            Self::Over => Some(format!(
                "{used} of {limit} {what} used: past the limit. Extend it with a reason, or plan the ending."
            )),
        }
    }

    /// Whether a warning is due (approaching, at or over).
    pub fn warns(self) -> bool {
        self != Self::Within
    }
}

/// Weeks of support used: whole or part weeks since `started` (day 0 is
/// week 0, days 1-7 are week 1, ...). Zero before support starts.
pub fn weeks_used(started: Option<NaiveDate>, today: NaiveDate) -> u32 {
    let Some(started) = started else { return 0 };
    let days = (today - started).num_days().max(0);
    u32::try_from((days + 6) / 7).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, day).unwrap()
    }

    #[test]
    fn levels_at_the_boundaries() {
        // 12 contacts: 80 % is 9.6, so 9 is within and 10 approaching.
        assert_eq!(LimitLevel::of(9, 12), LimitLevel::Within);
        assert_eq!(LimitLevel::of(10, 12), LimitLevel::Approaching);
        assert_eq!(LimitLevel::of(12, 12), LimitLevel::AtLimit);
        assert_eq!(LimitLevel::of(13, 12), LimitLevel::Over);
        // 100: 79 within, 80 approaching, 99 approaching, 100 at.
        assert_eq!(LimitLevel::of(79, 100), LimitLevel::Within);
        assert_eq!(LimitLevel::of(80, 100), LimitLevel::Approaching);
        assert_eq!(LimitLevel::of(99, 100), LimitLevel::Approaching);
        assert_eq!(LimitLevel::of(100, 100), LimitLevel::AtLimit);
        assert!(!LimitLevel::of(0, 12).warns());
        assert!(LimitLevel::of(0, 0).warns());
    }

    #[test]
    fn warnings_at_79_80_and_100_percent_and_after_an_extension() {
        assert_eq!(LimitLevel::warning("contacts", 79, 100), None);
        assert_eq!(
            LimitLevel::warning("contacts", 80, 100).as_deref(),
            Some("80 of 100 contacts used (80 %): nearing the limit.")
        );
        assert!(
            LimitLevel::warning("weeks", 100, 100)
                .unwrap()
                .contains("at the limit")
        );
        assert!(
            LimitLevel::warning("weeks", 13, 12)
                .unwrap()
                .contains("past the limit")
        );
        let mut l = SupportLimits::default();
        assert!(LimitLevel::warning("contacts", 12, l.contact_limit).is_some());
        l.extend(d(1), "waiting for a housing decision", 16, 16)
            .unwrap();
        assert_eq!(LimitLevel::warning("contacts", 12, l.contact_limit), None);
        assert!(LimitLevel::warning("contacts", 13, l.contact_limit).is_some());
        assert_eq!(l.extensions[0].reason, "waiting for a housing decision");
    }

    #[test]
    fn weeks_count_part_weeks() {
        assert_eq!(weeks_used(None, d(20)), 0);
        assert_eq!(weeks_used(Some(d(1)), d(1)), 0);
        assert_eq!(weeks_used(Some(d(1)), d(2)), 1);
        assert_eq!(weeks_used(Some(d(1)), d(8)), 1);
        assert_eq!(weeks_used(Some(d(1)), d(9)), 2);
        assert_eq!(weeks_used(Some(d(10)), d(1)), 0);
    }

    #[test]
    fn extension_needs_reason_and_larger_limits() {
        let mut l = SupportLimits::default();
        assert_eq!(l.extend(d(1), "  ", 16, 16), Err(ExtensionError::NoReason));
        assert_eq!(
            l.extend(d(1), "waiting for housing", 12, 12),
            Err(ExtensionError::NotLarger)
        );
        assert_eq!(l.extend(d(1), "x", 10, 20), Err(ExtensionError::NotLarger));
        l.extend(d(1), "waiting for housing", 16, 12).unwrap();
        assert_eq!((l.contact_limit, l.week_limit), (16, 12));
        assert_eq!(l.extensions.len(), 1);
        assert_eq!(LimitLevel::of(12, l.contact_limit), LimitLevel::Within);
    }
}
