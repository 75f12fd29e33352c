//! The record of a "What matters to you?" conversation. Each conversation
//! is stored as a dated version; the step-by-step flow that fills it is a
//! state machine of its own.

mod difference;
mod flow;
mod labels;

pub use difference::{Difference, differences};
pub use flow::{
    ALREADY_COMPLETE, Answer, Flow, FlowEffect, FlowEvent, NEEDS_CONSENT_TO_RECORD,
    RISKS_NEED_A_DECISION, SAFETY_NEEDS_A_DECISION,
};

use super::ids::{CaseId, MeasureId};
use super::referral::{Consent, Need};
use chrono::{DateTime, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// The steps of the guided conversation, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversationStep {
    /// 1. Purpose and consent.
    Opening,
    /// 2. What matters, in their words.
    WhatMatters,
    /// 3. How much each life area weighs on them.
    LifeAreas,
    /// 4. Strengths and interests (Five Ways to Wellbeing).
    Strengths,
    /// 5. Barriers.
    Barriers,
    /// 6. Practical preferences.
    Preferences,
    /// 7. Safety and needs beyond link work (cannot be skipped silently).
    Safety,
    /// 8. Wellbeing baseline.
    Wellbeing,
    /// 9. Goals in their words.
    Goals,
    /// 10. Review the whole conversation.
    Review,
}

impl ConversationStep {
    /// The step after this one.
    pub fn next(self) -> Option<Self> {
        Self::ALL.get(self.position() + 1).copied()
    }

    /// The step before this one.
    pub fn previous(self) -> Option<Self> {
        self.position().checked_sub(1).map(|i| Self::ALL[i])
    }

    /// 0-based place in the conversation.
    pub fn position(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// Every step, in order.
    pub const ALL: [ConversationStep; 10] = [
        Self::Opening,
        Self::WhatMatters,
        Self::LifeAreas,
        Self::Strengths,
        Self::Barriers,
        Self::Preferences,
        Self::Safety,
        Self::Wellbeing,
        Self::Goals,
        Self::Review,
    ];

    /// Human title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Opening => "Opening and consent",
            Self::WhatMatters => "What matters to you",
            Self::LifeAreas => "Life areas",
            Self::Strengths => "Strengths and interests",
            Self::Barriers => "Barriers",
            Self::Preferences => "Practical preferences",
            Self::Safety => "Safety and needs beyond link work",
            Self::Wellbeing => "Wellbeing baseline",
            Self::Goals => "Goals",
            Self::Review => "Review",
        }
    }

    /// The title in conversation `version`: a review's wellbeing step
    /// measures again, it is no baseline.
    pub fn title_in(self, version: u32) -> &'static str {
        match self {
            Self::Wellbeing if version > 1 => "Wellbeing again",
            other => other.title(),
        }
    }
}

/// How much a life area weighs on the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    /// Not at all.
    NotAtAll,
    /// A little.
    ALittle,
    /// A lot (carries forward to goals and matching).
    ALot,
}

/// One life area answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifeAreaAnswer {
    /// The area.
    pub area: Need,
    /// How much it weighs.
    pub weight: Weight,
    /// A note in their words.
    #[serde(default)]
    pub note: String,
}

/// The Five Ways to Wellbeing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FiveWays {
    /// Connect.
    Connect,
    /// Be active.
    BeActive,
    /// Take notice.
    TakeNotice,
    /// Keep learning.
    KeepLearning,
    /// Give.
    Give,
}

/// A barrier to taking part (DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Barrier {
    /// Anxiety about going alone or meeting people.
    Anxiety,
    /// Cost.
    Cost,
    /// Transport or unfamiliar routes.
    Transport,
    /// Reading and literacy.
    Literacy,
    /// No bank account.
    NoBankAccount,
    /// Caring duties.
    CaringDuties,
    /// Fatigue.
    Fatigue,
    /// Sensory needs.
    Sensory,
    /// Confidence.
    Confidence,
}

/// Practical preferences for activities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Preferences {
    /// Days that suit.
    #[serde(default)]
    pub days: Vec<Weekday>,
    /// Evenings suit.
    #[serde(default)]
    pub evenings: bool,
    /// Weekends suit.
    #[serde(default)]
    pub weekends: bool,
    /// The most they can pay per session, in pence (`None`: not asked).
    #[serde(default)]
    pub max_cost_pence: Option<u32>,
    /// How far they will travel, in miles (any number: a day out to a
    /// museum 200 miles away is a journey some make).
    #[serde(default)]
    pub max_travel_miles: Option<u16>,
    /// They will travel any distance.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub any_distance: bool,
    /// How they travel (walk, bus, lift ...).
    #[serde(default)]
    pub travel: String,
    /// Whether they want someone with them at first.
    #[serde(default)]
    pub accompanied_at_first: bool,
}

/// A service beyond link work that the person may need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnwardService {
    /// Community mental health team.
    MentalHealthTeam,
    /// Occupational therapy.
    OccupationalTherapy,
    /// Adult social care.
    SocialCare,
    /// Safeguarding team.
    Safeguarding,
}

/// The recorded decision of the safety step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SafetyDecision {
    /// Whether risks were identified.
    pub risks_identified: bool,
    /// Services the person is referred on to.
    #[serde(default)]
    pub refer_on: Vec<OnwardService>,
    /// The reasoning, recorded.
    #[serde(default)]
    pub decision: String,
}

/// A conversation record (one dated version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    /// The case.
    pub case_id: CaseId,
    /// 1 for the first conversation, 2 for the first review, ...
    pub version: u32,
    /// When it started (recorded).
    pub started: DateTime<Utc>,
    /// The day it was held, when that is not the day it was recorded (a
    /// conversation typed up afterwards).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_on: Option<NaiveDate>,
    /// When the review step was completed, if it has been.
    #[serde(default)]
    pub completed: Option<DateTime<Utc>>,
    /// The step to resume at.
    pub current_step: ConversationStep,
    /// Consent to record the conversation.
    #[serde(default)]
    pub consent_to_record: bool,
    /// Consent to share with the GP and referrer, confirmed or changed.
    #[serde(default)]
    pub consent_to_share: Consent,
    /// What matters, in their words.
    #[serde(default)]
    pub what_matters: String,
    /// Life area answers.
    #[serde(default)]
    pub life_areas: Vec<LifeAreaAnswer>,
    /// Strengths and interests, with the Five Ways prompt they answer.
    #[serde(default)]
    pub strengths: Vec<(FiveWays, String)>,
    /// Barriers ticked.
    #[serde(default)]
    pub barriers: Vec<Barrier>,
    /// Other barriers in their words.
    #[serde(default)]
    pub other_barriers: String,
    /// Practical preferences.
    #[serde(default)]
    pub preferences: Preferences,
    /// The safety step's decision (`None` until the step is answered).
    #[serde(default)]
    pub safety: Option<SafetyDecision>,
    /// The baseline measure taken in this conversation.
    #[serde(default)]
    pub baseline: Option<MeasureId>,
    /// Goals in their words.
    #[serde(default)]
    pub goals: Vec<String>,
    /// Steps the worker skipped (to come back to).
    #[serde(default)]
    pub skipped: Vec<ConversationStep>,
}

impl Conversation {
    /// The day the conversation was held.
    pub fn day(&self) -> NaiveDate {
        self.held_on.unwrap_or_else(|| self.started.date_naive())
    }

    /// Life areas marked "a lot", which carry forward.
    pub fn heavy_areas(&self) -> impl Iterator<Item = Need> + '_ {
        self.life_areas
            .iter()
            .filter(|a| a.weight == Weight::ALot)
            .map(|a| a.area)
    }

    /// Whether the conversation is finished.
    pub fn is_complete(&self) -> bool {
        self.completed.is_some()
    }
}
