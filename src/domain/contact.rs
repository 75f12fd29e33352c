//! The contact log: every call, meeting or visit with a person.

use super::correction::{Revision, StrikeOut};
use super::ids::{CaseId, ContactId};
use super::ladder::{Connection, EventOutcome};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Whether a contact reached the person, or was an attempt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// The person was reached.
    #[default]
    Reached,
    /// Rang, no answer.
    NoAnswer,
    /// A message left (voicemail, text, someone at home).
    MessageLeft,
    /// A letter sent.
    LetterSent,
    /// Not with the person: about them, with someone else (a carer, a
    /// group's organiser, a professional). Not counted as a contact with
    /// them, nor as an attempt to reach them.
    AboutThem,
}

impl Reach {
    /// Every value, in menu order.
    pub const ALL: [Reach; 5] = [
        Self::Reached,
        Self::NoAnswer,
        Self::MessageLeft,
        Self::LetterSent,
        Self::AboutThem,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Reached => "Yes, reached them",
            Self::NoAnswer => "Attempt: no answer",
            Self::MessageLeft => "Attempt: message left",
            Self::LetterSent => "Attempt: letter sent",
            Self::AboutThem => "No: about them, with someone else",
        }
    }

    /// Whether this is an attempt that reached nobody.
    pub fn is_attempt(self) -> bool {
        matches!(self, Self::NoAnswer | Self::MessageLeft | Self::LetterSent)
    }
}

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
    /// Whether the person was reached (else an attempt).
    #[serde(default)]
    pub reach: Reach,
    /// Earlier versions, oldest first, when it was corrected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision<ContactEntry>>,
    /// Set when it was struck out (made in error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<StrikeOut>,
}

impl super::correction::Correctable for ContactEntry {
    const STRUCK_NOT_CORRECTED: &'static str = "a struck-out contact is not corrected";
    fn revisions_mut(&mut self) -> &mut Vec<Revision<Self>> {
        &mut self.revisions
    }
    fn struck_mut(&mut self) -> &mut Option<StrikeOut> {
        &mut self.struck
    }
}

impl ContactEntry {
    /// Whether it counts as a contact: it reached the person and stands.
    pub fn counts(&self) -> bool {
        self.struck.is_none() && self.reach == Reach::Reached
    }

    /// Whether it was about the person with someone else, and stands.
    pub fn is_about(&self) -> bool {
        self.struck.is_none() && self.reach == Reach::AboutThem
    }

    /// Whether it is an attempt that stands (not struck out).
    pub fn is_attempt(&self) -> bool {
        self.struck.is_none() && self.reach.is_attempt()
    }
}

/// One contact of a case as counted: logged, or a ladder step the worker
/// was at with the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// The day.
    pub on: NaiveDate,
    /// Whether it came from the ladder (else the contact log).
    pub from_ladder: bool,
}

/// The contacts a case counts (against its limit, in the letter and the
/// report), by day: every logged contact that reached the person and is
/// not struck out, and every ladder step attended on a rung where the
/// worker is with the person (or with the worker going along), so a visit
/// is logged once. A "connection support" contact logged the same day as
/// such a step is that step, not another contact; a step-1 discussion on
/// the day of a logged contact (talked through in the same meeting as the
/// conversation) is that contact. Attempts, and contacts about the person
/// with someone else, are not counted.
pub fn counted<'a>(
    contacts: impl IntoIterator<Item = &'a ContactEntry>,
    connections: impl IntoIterator<Item = &'a Connection>,
) -> Vec<Counted> {
    let mut out: Vec<Counted> = Vec::new();
    let mut ladder_days = HashSet::new();
    let contacts: Vec<&ContactEntry> = contacts.into_iter().filter(|c| c.counts()).collect();
    let logged_days: HashSet<NaiveDate> = contacts.iter().map(|c| c.on).collect();
    for c in connections {
        for e in c.standing_events() {
            let worker =
                e.rung.worker_present() || e.who_went.contains(&super::ladder::Companion::Worker);
            let same_meeting =
                e.rung == super::ladder::Rung::Discussion && logged_days.contains(&e.at.date());
            if e.outcome == EventOutcome::Attended && worker && !same_meeting {
                ladder_days.insert(e.at.date());
                out.push(Counted {
                    on: e.at.date(),
                    from_ladder: true,
                });
            }
        }
    }
    for c in contacts {
        if c.purpose == ContactPurpose::ConnectionSupport && ladder_days.remove(&c.on) {
            continue;
        }
        out.push(Counted {
            on: c.on,
            from_ladder: false,
        });
    }
    out.sort_by_key(|c| c.on);
    out
}

#[cfg(test)]
mod tests;
