//! Referrals: where a person came from, what for, and what they consented to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who referred the person (DOMAIN.md, seed 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralSource {
    /// A GP, practice nurse or other general practice staff.
    GeneralPractice,
    /// Local authority.
    LocalAuthority,
    /// Community pharmacy.
    Pharmacy,
    /// Multi-disciplinary team.
    MultiDisciplinaryTeam,
    /// Hospital discharge team.
    HospitalDischarge,
    /// Allied health professional (OT, physio, SLT ...).
    AlliedHealthProfessional,
    /// Fire and rescue service.
    FireService,
    /// Police.
    Police,
    /// Job centre.
    JobCentre,
    /// Adult or children's social care.
    SocialCare,
    /// Housing association.
    HousingAssociation,
    /// Voluntary, community and social enterprise organisation.
    Vcse,
    /// The person referred themselves.
    SelfReferral,
    /// The ambulance service (a paramedic).
    AmbulanceService,
    /// A family member, friend or carer.
    FamilyFriendOrCarer,
    /// Mental health services (CMHT, NHS Talking Therapies).
    MentalHealthServices,
    /// Community health services (district nurse, community matron).
    CommunityHealthServices,
    /// A school, college or other place of education.
    Education,
    /// Anyone else (the referral says who).
    Other,
}

impl ReferralSource {
    /// Every source, in the order forms list them.
    pub const ALL: [ReferralSource; 19] = [
        Self::GeneralPractice,
        Self::MentalHealthServices,
        Self::CommunityHealthServices,
        Self::AmbulanceService,
        Self::LocalAuthority,
        Self::Pharmacy,
        Self::MultiDisciplinaryTeam,
        Self::HospitalDischarge,
        Self::AlliedHealthProfessional,
        Self::FireService,
        Self::Police,
        Self::JobCentre,
        Self::SocialCare,
        Self::HousingAssociation,
        Self::Vcse,
        Self::Education,
        Self::FamilyFriendOrCarer,
        Self::SelfReferral,
        Self::Other,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::GeneralPractice => "General practice",
            Self::LocalAuthority => "Local authority",
            Self::Pharmacy => "Pharmacy",
            Self::MultiDisciplinaryTeam => "Multi-disciplinary team",
            Self::HospitalDischarge => "Hospital discharge team",
            Self::AlliedHealthProfessional => "Allied health professional",
            Self::FireService => "Fire service",
            Self::Police => "Police",
            Self::JobCentre => "Job centre",
            Self::SocialCare => "Social care",
            Self::HousingAssociation => "Housing association",
            Self::Vcse => "Voluntary or community organisation",
            Self::SelfReferral => "Self-referral",
            Self::AmbulanceService => "Ambulance service",
            Self::FamilyFriendOrCarer => "Family, friend or carer",
            Self::MentalHealthServices => "Mental health services (CMHT, Talking Therapies)",
            Self::CommunityHealthServices => "Community health services (district nurse, matron)",
            Self::Education => "Education",
            Self::Other => "Other (say who)",
        }
    }
}

/// A life area or need a person is referred for (DOMAIN.md's needs list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Mental health and low mood.
    MentalHealth,
    /// Physical wellbeing.
    PhysicalWellbeing,
    /// Long-term conditions.
    LongTermCondition,
    /// Loneliness and social isolation.
    Loneliness,
    /// Debt and money.
    DebtAndMoney,
    /// Unemployment and work.
    Employment,
    /// Housing.
    Housing,
    /// Mobility.
    Mobility,
    /// Gambling.
    Gambling,
    /// Bereavement.
    Bereavement,
    /// Relationships.
    Relationships,
    /// Lifestyle (eating, activity, smoking, alcohol).
    Lifestyle,
    /// Low confidence.
    LowConfidence,
    /// Carer strain.
    CarerStrain,
    /// Learning disability and autism.
    LearningDisabilityAutism,
    /// Dementia.
    Dementia,
    /// Education and learning.
    EducationAndLearning,
    /// Leisure and hobbies.
    LeisureAndHobbies,
    /// Digital skills (getting online).
    DigitalSkills,
    /// Food (food insecurity, eating well on little).
    Food,
    /// Transport (getting to places).
    Transport,
}

impl Need {
    /// Every need, in the order forms list them.
    pub const ALL: [Need; 21] = [
        Self::MentalHealth,
        Self::PhysicalWellbeing,
        Self::LongTermCondition,
        Self::Loneliness,
        Self::DebtAndMoney,
        Self::Employment,
        Self::Housing,
        Self::Mobility,
        Self::Gambling,
        Self::Bereavement,
        Self::Relationships,
        Self::Lifestyle,
        Self::LowConfidence,
        Self::CarerStrain,
        Self::LearningDisabilityAutism,
        Self::Dementia,
        Self::EducationAndLearning,
        Self::LeisureAndHobbies,
        Self::DigitalSkills,
        Self::Food,
        Self::Transport,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::MentalHealth => "Mental health",
            Self::PhysicalWellbeing => "Physical wellbeing",
            Self::LongTermCondition => "Long-term condition",
            Self::Loneliness => "Loneliness and isolation",
            Self::DebtAndMoney => "Debt and money",
            Self::Employment => "Work and unemployment",
            Self::Housing => "Housing",
            Self::Mobility => "Mobility",
            Self::Gambling => "Gambling",
            Self::Bereavement => "Bereavement",
            Self::Relationships => "Relationships",
            Self::Lifestyle => "Lifestyle",
            Self::LowConfidence => "Low confidence",
            Self::CarerStrain => "Carer strain",
            Self::LearningDisabilityAutism => "Learning disability and autism",
            Self::Dementia => "Dementia",
            Self::EducationAndLearning => "Education and learning",
            Self::LeisureAndHobbies => "Leisure and hobbies",
            Self::DigitalSkills => "Digital skills",
            Self::Food => "Food",
            Self::Transport => "Transport",
        }
    }
}

/// How soon the referrer asks for first contact.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Within the usual two weeks.
    #[default]
    Routine,
    /// Within a few days.
    Soon,
    /// As soon as possible.
    Urgent,
}

impl Urgency {
    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Routine => "Routine",
            Self::Soon => "Soon",
            Self::Urgent => "Urgent",
        }
    }

    /// Days within which the first contact should happen.
    pub fn first_contact_days(self) -> i64 {
        match self {
            Self::Routine => 14,
            Self::Soon => 5,
            Self::Urgent => 2,
        }
    }
}

/// Whether the person agrees to share their information with the referrer
/// and GP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Consent {
    /// Agreed.
    Yes,
    /// Declined: messages back carry only SNOMED codes and dates.
    No,
    /// Not asked yet.
    #[default]
    NotAsked,
}

impl Consent {
    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Yes => "Yes",
            Self::No => "No",
            Self::NotAsked => "Not asked",
        }
    }
}

/// SNOMED CT concepts recorded for a referral (verified concept ids only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SnomedCode {
    /// 871731000000106 |Referral to social prescribing service|: once per
    /// episode, when the person accepts.
    ReferralAccepted,
    /// 871711000000103 |Social prescribing declined|.
    Declined,
}

impl SnomedCode {
    /// The SNOMED CT concept id.
    pub fn concept_id(self) -> &'static str {
        match self {
            Self::ReferralAccepted => "871731000000106",
            Self::Declined => "871711000000103",
        }
    }

    /// The concept's preferred term.
    pub fn term(self) -> &'static str {
        match self {
            Self::ReferralAccepted => "Referral to social prescribing service",
            Self::Declined => "Social prescribing declined",
        }
    }
}

/// A dated SNOMED event on a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnomedEvent {
    /// Which concept.
    pub code: SnomedCode,
    /// When it was recorded.
    pub on: NaiveDate,
}

/// The referral that opens an episode of support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    /// Date the referral was received.
    pub received: NaiveDate,
    /// Who referred.
    pub source: ReferralSource,
    /// Name of the referrer.
    #[serde(default)]
    pub referrer_name: Option<String>,
    /// The referrer's organisation (practice, team, charity ...).
    #[serde(default)]
    pub referrer_organisation: Option<String>,
    /// Needs named in the referral (at least one).
    pub needs: Vec<Need>,
    /// The reason in the referrer's words.
    #[serde(default)]
    pub reason: String,
    /// How soon first contact is asked for.
    #[serde(default)]
    pub urgency: Urgency,
    /// Consent to share with referrer and GP.
    #[serde(default)]
    pub consent_to_share: Consent,
    /// SNOMED events, oldest first.
    #[serde(default)]
    pub snomed_events: Vec<SnomedEvent>,
}

impl Referral {
    /// The date by which first contact is due.
    pub fn first_contact_due(&self) -> NaiveDate {
        self.received + chrono::Duration::days(self.urgency.first_contact_days())
    }

    /// Records a SNOMED event unless the same code is already recorded (the
    /// acceptance code is recorded once per episode).
    pub fn record_snomed(&mut self, code: SnomedCode, on: NaiveDate) -> bool {
        if self.snomed_events.iter().any(|e| e.code == code) {
            return false;
        }
        self.snomed_events.push(SnomedEvent { code, on });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's lists of what a referral, a person, a risk flag and a
    /// step record, as the forms take them.
    fn readme_lists() -> String {
        let sources: Vec<&str> = ReferralSource::ALL.iter().map(|s| s.label()).collect();
        let needs: Vec<&str> = Need::ALL.iter().map(|n| n.label()).collect();
        let risks: Vec<&str> = crate::domain::case::RiskKind::ALL
            .iter()
            .map(|r| r.label())
            .collect();
        format!(
            "Referred by: {}.\n\nNeeds: {}.\n\nRisk flags: {}.\n\nGender: {}.\n\nWho went: {}.",
            sources.join(", "),
            needs.join(", "),
            risks.join(", "),
            crate::domain::person::Gender::CHOICES,
            crate::domain::ladder::who_went::CHOICES
        )
    }

    #[test]
    fn the_readme_lists_every_source_need_risk_gender_and_companion() {
        let readme = include_str!("../../README.md");
        let want = readme_lists();
        assert!(readme.contains(&want), "the README should say:\n{want}");
    }

    fn referral() -> Referral {
        Referral {
            received: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            source: ReferralSource::GeneralPractice,
            referrer_name: None,
            referrer_organisation: None,
            needs: vec![Need::Loneliness],
            reason: String::new(),
            urgency: Urgency::Routine,
            consent_to_share: Consent::Yes,
            snomed_events: vec![],
        }
    }

    #[test]
    fn snomed_codes_are_the_verified_ones() {
        assert_eq!(SnomedCode::ReferralAccepted.concept_id(), "871731000000106");
        assert_eq!(SnomedCode::Declined.concept_id(), "871711000000103");
    }

    #[test]
    fn acceptance_recorded_once_per_episode() {
        let mut r = referral();
        let d = r.received;
        assert!(r.record_snomed(SnomedCode::ReferralAccepted, d));
        assert!(!r.record_snomed(SnomedCode::ReferralAccepted, d));
        assert_eq!(r.snomed_events.len(), 1);
    }

    #[test]
    fn first_contact_due_follows_urgency() {
        let mut r = referral();
        assert_eq!(
            r.first_contact_due(),
            NaiveDate::from_ymd_opt(2026, 11, 15).unwrap()
        );
        r.urgency = Urgency::Urgent;
        assert_eq!(
            r.first_contact_due(),
            NaiveDate::from_ymd_opt(2026, 11, 3).unwrap()
        );
    }

    #[test]
    fn lists_cover_every_variant_once() {
        use std::collections::HashSet;
        let sources: HashSet<_> = ReferralSource::ALL.iter().collect();
        assert_eq!(sources.len(), ReferralSource::ALL.len());
        let labels: HashSet<_> = ReferralSource::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(labels.len(), 19);
        for s in [
            "Ambulance service",
            "Family, friend or carer",
            "Other (say who)",
        ] {
            assert!(labels.contains(s), "{s}");
        }
        let needs: HashSet<_> = Need::ALL.iter().map(|n| n.label()).collect();
        assert_eq!(needs.len(), 21);
        for n in [
            "Education and learning",
            "Leisure and hobbies",
            "Digital skills",
            "Food",
            "Transport",
        ] {
            assert!(needs.contains(n), "{n}");
        }
    }
}
