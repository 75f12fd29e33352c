//! Ending support.

mod letter;

pub use letter::{LetterFrom, change_line, discharge_letter, measures_compared};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why support ended (DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DischargeReason {
    /// Goals met and connected.
    GoalsMet,
    /// The person chose to stop.
    PersonChoseToStop,
    /// Disengaged or not contactable.
    Disengaged,
    /// Moved away.
    MovedAway,
    /// Referred on: needs went beyond link work.
    ReferredOn,
    /// Died.
    Died,
}

impl DischargeReason {
    /// Every reason, in menu order.
    pub const ALL: [DischargeReason; 6] = [
        Self::GoalsMet,
        Self::PersonChoseToStop,
        Self::Disengaged,
        Self::MovedAway,
        Self::ReferredOn,
        Self::Died,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::GoalsMet => "Goals met and connected",
            Self::PersonChoseToStop => "Person chose to stop",
            Self::Disengaged => "Disengaged or not contactable",
            Self::MovedAway => "Moved away",
            Self::ReferredOn => "Referred on to another service",
            Self::Died => "Died",
        }
    }
}

/// How an episode ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discharge {
    /// Why.
    pub reason: DischargeReason,
    /// When.
    pub on: NaiveDate,
    /// Summary for the referrer and GP.
    #[serde(default)]
    pub summary: String,
    /// Where the person was referred on to, if anywhere.
    #[serde(default)]
    pub onward_referral: Option<String>,
    /// Whether the risk flags still open were cleared at discharge (else
    /// they stay open and the letter names them as open).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub risks_cleared: bool,
}
