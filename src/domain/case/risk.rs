//! Risk flags on a case.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The kind of risk flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskKind {
    /// A safeguarding concern (adult or child).
    Safeguarding,
    /// Risk to self (self-harm, suicidal thoughts).
    RiskToSelf,
    /// Lone-working risk on home visits.
    LoneWorking,
    /// Risk to others (aggression, violence).
    RiskToOthers,
    /// Anything else the worker needs to see first.
    Other,
}

impl RiskKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [RiskKind; 5] = [
        Self::Safeguarding,
        Self::RiskToSelf,
        Self::LoneWorking,
        Self::RiskToOthers,
        Self::Other,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Safeguarding => "Safeguarding",
            Self::RiskToSelf => "Risk to self",
            Self::LoneWorking => "Lone working",
            Self::RiskToOthers => "Risk to others",
            Self::Other => "Other risk",
        }
    }
}

/// A risk flag with its note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskFlag {
    /// What kind of risk.
    pub kind: RiskKind,
    /// The worker's note (personal content: never logged or audited).
    pub note: String,
    /// When raised.
    pub raised: NaiveDate,
    /// When cleared, if it has been.
    #[serde(default)]
    pub cleared: Option<NaiveDate>,
}
