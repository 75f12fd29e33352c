//! The words the conversation screens and records use for each choice.

use super::{Barrier, FiveWays, OnwardService, Weight};

impl Weight {
    /// Every weight, lightest first.
    pub const ALL: [Weight; 3] = [Self::NotAtAll, Self::ALittle, Self::ALot];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotAtAll => "not at all",
            Self::ALittle => "a little",
            Self::ALot => "a lot",
        }
    }
}

impl FiveWays {
    /// The Five Ways to Wellbeing, in their usual order.
    pub const ALL: [FiveWays; 5] = [
        Self::Connect,
        Self::BeActive,
        Self::TakeNotice,
        Self::KeepLearning,
        Self::Give,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Connect => "Connect",
            Self::BeActive => "Be active",
            Self::TakeNotice => "Take notice",
            Self::KeepLearning => "Keep learning",
            Self::Give => "Give",
        }
    }

    /// A question that opens the topic.
    pub fn prompt(self) -> &'static str {
        match self {
            Self::Connect => "Who do you enjoy being with? Who could you see more of?",
            Self::BeActive => "What gets you moving, or did once (walking, dancing, gardening)?",
            Self::TakeNotice => "What do you notice and enjoy around you?",
            Self::KeepLearning => "What have you learned or wanted to learn?",
            Self::Give => "What do you do for others, or would like to?",
        }
    }
}

impl Barrier {
    /// Every barrier, in the order the checklist shows them.
    pub const ALL: [Barrier; 9] = [
        Self::Anxiety,
        Self::Cost,
        Self::Transport,
        Self::Literacy,
        Self::NoBankAccount,
        Self::CaringDuties,
        Self::Fatigue,
        Self::Sensory,
        Self::Confidence,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Anxiety => "Anxiety about going alone or meeting people",
            Self::Cost => "Cost",
            Self::Transport => "Transport or unfamiliar routes",
            Self::Literacy => "Reading and literacy",
            Self::NoBankAccount => "No bank account",
            Self::CaringDuties => "Caring duties",
            Self::Fatigue => "Fatigue",
            Self::Sensory => "Sensory needs",
            Self::Confidence => "Confidence",
        }
    }
}

impl OnwardService {
    /// Every onward service, in the order the safety step lists them.
    pub const ALL: [OnwardService; 4] = [
        Self::MentalHealthTeam,
        Self::OccupationalTherapy,
        Self::SocialCare,
        Self::Safeguarding,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::MentalHealthTeam => "Community mental health team",
            Self::OccupationalTherapy => "Occupational therapy",
            Self::SocialCare => "Adult social care",
            Self::Safeguarding => "Safeguarding",
        }
    }
}
