//! The contact log: every call, meeting or visit with a person.

use super::ids::{CaseId, ContactId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a contact happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactMode {
    /// Phone call.
    Phone,
    /// Face to face at a surgery, hub or community venue.
    FaceToFace,
    /// Visit at the person's home.
    HomeVisit,
    /// Video call.
    Video,
    /// Text message or email.
    Text,
}

impl ContactMode {
    /// Every mode, in menu order.
    pub const ALL: [ContactMode; 5] = [
        Self::Phone,
        Self::FaceToFace,
        Self::HomeVisit,
        Self::Video,
        Self::Text,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Phone => "Phone",
            Self::FaceToFace => "Face to face",
            Self::HomeVisit => "Home visit",
            Self::Video => "Video",
            Self::Text => "Text",
        }
    }
}

/// What a contact was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactPurpose {
    /// First contact after referral.
    FirstContact,
    /// The "What matters to you?" conversation.
    WhatMatters,
    /// Planning or reviewing the action plan.
    PlanReview,
    /// Supporting a connection (planning a visit, going along).
    ConnectionSupport,
    /// A check-in between steps.
    CheckIn,
    /// Ending support.
    Discharge,
}

impl ContactPurpose {
    /// Every purpose, in menu order.
    pub const ALL: [ContactPurpose; 6] = [
        Self::FirstContact,
        Self::WhatMatters,
        Self::PlanReview,
        Self::ConnectionSupport,
        Self::CheckIn,
        Self::Discharge,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::FirstContact => "First contact",
            Self::WhatMatters => "What matters conversation",
            Self::PlanReview => "Plan review",
            Self::ConnectionSupport => "Connection support",
            Self::CheckIn => "Check-in",
            Self::Discharge => "Ending support",
        }
    }
}

/// One logged contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactEntry {
    /// Store-assigned id.
    pub id: ContactId,
    /// The case it belongs to.
    pub case_id: CaseId,
    /// When it happened.
    pub on: NaiveDate,
    /// How.
    pub mode: ContactMode,
    /// How long, in minutes.
    pub minutes: u16,
    /// What for.
    pub purpose: ContactPurpose,
    /// The worker's notes (personal content: never logged or audited).
    #[serde(default)]
    pub notes: String,
}
