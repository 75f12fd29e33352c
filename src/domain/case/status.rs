//! Case status and its allowed transitions.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Where an episode of support stands.
///
/// The main path is referred -> contacted -> active -> ending -> closed.
/// Declined and not-contactable are exits. Closed, declined and
/// not-contactable are final: a re-referral opens a new episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Referral received, no contact yet.
    Referred,
    /// First contact made; the person is deciding or the conversation is
    /// being arranged.
    Contacted,
    /// Accepted and being supported.
    Active,
    /// Support is winding down towards discharge.
    Ending,
    /// Discharged.
    Closed,
    /// The person declined social prescribing.
    Declined,
    /// The person could not be contacted or disengaged.
    NotContactable,
}

impl CaseStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [CaseStatus; 7] = [
        Self::Referred,
        Self::Contacted,
        Self::Active,
        Self::Ending,
        Self::Closed,
        Self::Declined,
        Self::NotContactable,
    ];

    /// The statuses this one may move to.
    pub fn allowed_moves(self) -> &'static [CaseStatus] {
        use CaseStatus::*;
        match self {
            Referred => &[Contacted, Declined, NotContactable],
            Contacted => &[Active, Declined, NotContactable],
            Active => &[Ending, NotContactable],
            Ending => &[Closed, Active],
            Closed | Declined | NotContactable => &[],
        }
    }

    /// Whether a move to `to` is allowed.
    pub fn can_move_to(self, to: CaseStatus) -> bool {
        self.allowed_moves().contains(&to)
    }

    /// Checks a move, explaining a refusal.
    pub fn check_move(self, to: CaseStatus) -> Result<(), TransitionError> {
        if self.can_move_to(to) {
            Ok(())
        } else {
            Err(TransitionError { from: self, to })
        }
    }

    /// Whether the episode is still open (counts on the caseload).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Self::Referred | Self::Contacted | Self::Active | Self::Ending
        )
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Referred => "Referred",
            Self::Contacted => "Contacted",
            Self::Active => "Active",
            Self::Ending => "Ending",
            Self::Closed => "Closed",
            Self::Declined => "Declined",
            Self::NotContactable => "Not contactable",
        }
    }
}

/// A refused status move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("a case cannot move from {} to {}", .from.label(), .to.label())]
pub struct TransitionError {
    /// The status the case is in.
    pub from: CaseStatus,
    /// The status asked for.
    pub to: CaseStatus,
}

/// One recorded status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The previous status (`None` for the opening entry).
    pub from: Option<CaseStatus>,
    /// The new status.
    pub to: CaseStatus,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// The day it happened, when the worker gave one that is not the day
    /// it was recorded (a move entered later; a backdated discharge).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
    /// Why, when a reason was given (e.g. for declining).
    #[serde(default)]
    pub reason: Option<String>,
    /// Set when the move was struck out (made in error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<crate::domain::correction::StrikeOut>,
}

impl StatusChange {
    /// The day the change happened: the day given, else the day recorded.
    pub fn day(&self) -> NaiveDate {
        self.on.unwrap_or_else(|| self.at.date_naive())
    }
}

#[cfg(test)]
mod tests {
    use super::CaseStatus::*;
    use super::*;

    /// The full table of allowed moves, written out independently of
    /// `allowed_moves`, so that every pair is checked.
    const ALLOWED: &[(CaseStatus, CaseStatus)] = &[
        (Referred, Contacted),
        (Referred, Declined),
        (Referred, NotContactable),
        (Contacted, Active),
        (Contacted, Declined),
        (Contacted, NotContactable),
        (Active, Ending),
        (Active, NotContactable),
        (Ending, Closed),
        (Ending, Active),
    ];

    #[test]
    fn every_pair_is_allowed_or_forbidden_as_the_table_says() {
        let mut allowed = 0;
        for from in CaseStatus::ALL {
            for to in CaseStatus::ALL {
                let expected = ALLOWED.contains(&(from, to));
                assert_eq!(from.can_move_to(to), expected, "{from:?} -> {to:?}");
                assert_eq!(from.check_move(to).is_ok(), expected);
                allowed += usize::from(expected);
            }
        }
        assert_eq!(allowed, ALLOWED.len());
    }

    #[test]
    fn final_statuses_allow_nothing_and_are_not_open() {
        for s in [Closed, Declined, NotContactable] {
            assert!(s.allowed_moves().is_empty());
            assert!(!s.is_open());
        }
        for s in [Referred, Contacted, Active, Ending] {
            assert!(s.is_open());
        }
    }

    #[test]
    fn refusal_names_both_statuses() {
        let e = Referred.check_move(Closed).unwrap_err();
        assert_eq!(e.to_string(), "a case cannot move from Referred to Closed");
    }
}
