//! Our own service categories, and who a service suits.

use crate::domain::referral::Need;
use serde::{Deserialize, Serialize};

/// A kind of community activity or service (the kinds named in the seeds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Walking groups.
    Walking,
    /// Running clubs.
    Running,
    /// Choirs and singing.
    Choir,
    /// Men's Sheds.
    MensShed,
    /// Befriending (visits, calls).
    Befriending,
    /// Gardening and allotments.
    Gardening,
    /// Cookery and healthy eating.
    Cookery,
    /// Arts and crafts.
    Arts,
    /// Drama.
    Drama,
    /// Music and jamming.
    Music,
    /// Dementia support and singing.
    Dementia,
    /// Leisure centre sessions.
    Leisure,
    /// Swimming.
    Swimming,
    /// Luncheon clubs.
    LunchClub,
    /// Volunteering.
    Volunteering,
    /// Adult learning.
    Learning,
    /// Debt and money advice.
    DebtAdvice,
    /// Welfare rights and general advice (Citizens Advice).
    Advice,
    /// Carers' support.
    Carers,
    /// Advocacy.
    Advocacy,
    /// Faith groups.
    Faith,
    /// Telephone and online services.
    Telephone,
    /// Mental health peer support.
    PeerSupport,
    /// Employment support.
    Employment,
    /// Housing advice.
    Housing,
    /// Bereavement support.
    Bereavement,
    /// Groups and support for people with a learning disability or autism.
    LearningDisabilityAutism,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 27] = [
        Self::Walking,
        Self::Running,
        Self::Choir,
        Self::MensShed,
        Self::Befriending,
        Self::Gardening,
        Self::Cookery,
        Self::Arts,
        Self::Drama,
        Self::Music,
        Self::Dementia,
        Self::Leisure,
        Self::Swimming,
        Self::LunchClub,
        Self::Volunteering,
        Self::Learning,
        Self::DebtAdvice,
        Self::Advice,
        Self::Carers,
        Self::Advocacy,
        Self::Faith,
        Self::Telephone,
        Self::PeerSupport,
        Self::Employment,
        Self::Housing,
        Self::Bereavement,
        Self::LearningDisabilityAutism,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Walking => "Walking",
            Self::Running => "Running",
            Self::Choir => "Choir and singing",
            Self::MensShed => "Men's Shed",
            Self::Befriending => "Befriending",
            Self::Gardening => "Gardening and allotments",
            Self::Cookery => "Cookery",
            Self::Arts => "Arts and crafts",
            Self::Drama => "Drama",
            Self::Music => "Music",
            Self::Dementia => "Dementia support",
            Self::Leisure => "Leisure centre",
            Self::Swimming => "Swimming",
            Self::LunchClub => "Luncheon club",
            Self::Volunteering => "Volunteering",
            Self::Learning => "Adult learning",
            Self::DebtAdvice => "Debt advice",
            Self::Advice => "Advice and welfare rights",
            Self::Carers => "Carers' support",
            Self::Advocacy => "Advocacy",
            Self::Faith => "Faith group",
            Self::Telephone => "Telephone and online",
            Self::PeerSupport => "Peer support",
            Self::Employment => "Employment support",
            Self::Housing => "Housing advice",
            Self::Bereavement => "Bereavement support",
            Self::LearningDisabilityAutism => "Learning disability and autism",
        }
    }

    /// The needs this kind of activity usually helps with (used to match
    /// services to a person's life areas).
    pub fn helps_with(self) -> &'static [Need] {
        use Need::*;
        match self {
            Self::Walking | Self::Running | Self::Swimming | Self::Leisure => {
                &[PhysicalWellbeing, MentalHealth, Loneliness, Lifestyle]
            }
            Self::Choir | Self::Music | Self::Drama | Self::Arts => {
                &[Loneliness, MentalHealth, LowConfidence, LeisureAndHobbies]
            }
            Self::LunchClub => &[Loneliness, MentalHealth, Food],
            Self::MensShed => &[Loneliness, MentalHealth, LeisureAndHobbies],
            Self::Befriending | Self::Faith => &[Loneliness, MentalHealth],
            Self::Gardening => &[
                MentalHealth,
                PhysicalWellbeing,
                Loneliness,
                LeisureAndHobbies,
            ],
            Self::Cookery => &[Lifestyle, PhysicalWellbeing, LongTermCondition, Food],
            Self::Dementia => &[Dementia, CarerStrain, Loneliness],
            Self::Volunteering => &[LowConfidence, Employment, Loneliness],
            Self::Learning => &[
                LowConfidence,
                Employment,
                EducationAndLearning,
                DigitalSkills,
            ],
            Self::DebtAdvice => &[DebtAndMoney, Gambling],
            Self::Advice => &[DebtAndMoney, Housing, Employment],
            Self::Carers => &[CarerStrain],
            Self::Advocacy => &[LearningDisabilityAutism, Housing, Relationships],
            Self::Telephone => &[Loneliness, Mobility, Transport],
            Self::PeerSupport => &[MentalHealth, LowConfidence, Gambling],
            Self::Employment => &[Employment, LowConfidence],
            Self::Housing => &[Housing],
            Self::Bereavement => &[Bereavement, MentalHealth],
            Self::LearningDisabilityAutism => {
                &[LearningDisabilityAutism, Loneliness, LowConfidence]
            }
        }
    }
}

/// Who a service suits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Suitability {
    /// Welcomes people who come with a worker or buddy the first time.
    AccompaniedFriendly,
    /// Women only.
    WomenOnly,
    /// Men only.
    MenOnly,
    /// Over-50s.
    Over50s,
    /// Young people.
    YoungPeople,
    /// Wheelchair accessible.
    WheelchairAccessible,
    /// Dementia friendly.
    DementiaFriendly,
    /// Beginners welcome.
    Beginners,
}

impl Suitability {
    /// Every mark, in the order forms list them.
    pub const ALL: [Suitability; 8] = [
        Self::AccompaniedFriendly,
        Self::WomenOnly,
        Self::MenOnly,
        Self::Over50s,
        Self::YoungPeople,
        Self::WheelchairAccessible,
        Self::DementiaFriendly,
        Self::Beginners,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::AccompaniedFriendly => "accompanied-friendly",
            Self::WomenOnly => "women only",
            Self::MenOnly => "men only",
            Self::Over50s => "over-50s",
            Self::YoungPeople => "young people",
            Self::WheelchairAccessible => "wheelchair accessible",
            Self::DementiaFriendly => "dementia friendly",
            Self::Beginners => "beginners welcome",
        }
    }
}
