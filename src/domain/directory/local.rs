//! Our own directory fields: local knowledge, verification and the
//! quality-assurance checks NHS England asks link workers to make.

use super::{Category, Suitability};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a person gets in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AccessRoute {
    /// Turn up.
    #[default]
    DropIn,
    /// Needs a referral.
    Referral,
    /// Book an appointment.
    Appointment,
}

impl AccessRoute {
    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::DropIn => "Drop in",
            Self::Referral => "Referral needed",
            Self::Appointment => "By appointment",
        }
    }
}

/// Who verified an entry, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// When.
    pub on: NaiveDate,
    /// By whom (worker name).
    pub by: String,
}

/// Quality-assurance checks of a VCSE organisation, each with the date it
/// was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct QualityChecks {
    /// Safeguarding policy seen.
    #[serde(default)]
    pub safeguarding_policy: Option<NaiveDate>,
    /// Public liability insurance seen.
    #[serde(default)]
    pub insurance: Option<NaiveDate>,
    /// A named contact confirmed.
    #[serde(default)]
    pub named_contact: Option<NaiveDate>,
    /// Volunteers DBS-checked (where relevant).
    #[serde(default)]
    pub dbs_checked: Option<NaiveDate>,
}

impl QualityChecks {
    /// How many of the checks are recorded.
    pub fn passed(&self) -> usize {
        [
            self.safeguarding_policy,
            self.insurance,
            self.named_contact,
            self.dbs_checked,
        ]
        .iter()
        .filter(|d| d.is_some())
        .count()
    }
}

/// Local information about a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LocalInfo {
    /// Notes from link workers.
    #[serde(default)]
    pub notes: String,
    /// Our categories.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Who it suits.
    #[serde(default)]
    pub suits: Vec<Suitability>,
    /// How to get in.
    #[serde(default)]
    pub access: AccessRoute,
    /// Free of charge (when no cost options are published).
    #[serde(default)]
    pub free: bool,
    /// Last verified.
    #[serde(default)]
    pub last_verified: Option<Verification>,
    /// Quality-assurance checks.
    #[serde(default)]
    pub qa: QualityChecks,
    /// The day a pulled feed was first seen without this service (it is
    /// kept, marked, never deleted; cleared when the feed has it again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gone_from_feed: Option<chrono::NaiveDate>,
}
