//! Referral intake: the draft a worker fills in for a new person and
//! referral, and the rules each field must meet. Pure: the form that edits
//! the draft lives in the UI, the save in the store.

use super::nhs_number::NhsNumber;
use super::person::{Gender, Person};
use super::postcode;
use super::referral::{Consent, Need, Referral, ReferralSource, Urgency};
use chrono::NaiveDate;

/// The fields of the intake form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntakeField {
    /// Given name (required).
    GivenName,
    /// Family name (required).
    FamilyName,
    /// Preferred name.
    PreferredName,
    /// Date of birth.
    DateOfBirth,
    /// Gender, as the person states it.
    Gender,
    /// NHS number.
    NhsNumber,
    /// Phone.
    Phone,
    /// Postcode.
    Postcode,
    /// GP practice.
    GpPractice,
    /// Date the referral was received (required).
    Received,
    /// Referral source (required).
    Source,
    /// Referrer name.
    Referrer,
    /// Needs (at least one).
    Needs,
    /// Reason in the referrer's words.
    Reason,
    /// Urgency.
    Urgency,
    /// Consent to share with referrer and GP.
    Consent,
}

impl IntakeField {
    /// Every field, in form order.
    pub const ALL: [IntakeField; 16] = [
        Self::GivenName,
        Self::FamilyName,
        Self::PreferredName,
        Self::DateOfBirth,
        Self::Gender,
        Self::NhsNumber,
        Self::Phone,
        Self::Postcode,
        Self::GpPractice,
        Self::Received,
        Self::Source,
        Self::Referrer,
        Self::Needs,
        Self::Reason,
        Self::Urgency,
        Self::Consent,
    ];

    /// Label.
    pub fn label(self) -> &'static str {
        match self {
            Self::GivenName => "Given name",
            Self::FamilyName => "Family name",
            Self::PreferredName => "Likes to be called",
            Self::DateOfBirth => "Date of birth",
            Self::Gender => "Gender",
            Self::NhsNumber => "NHS number",
            Self::Phone => "Phone",
            Self::Postcode => "Postcode",
            Self::GpPractice => "GP practice",
            Self::Received => "Referral received",
            Self::Source => "Referred by",
            Self::Referrer => "Referrer's name",
            Self::Needs => "Needs",
            Self::Reason => "Reason",
            Self::Urgency => "Urgency",
            Self::Consent => "Consent to share",
        }
    }

    /// What the field takes, shown in it while it is empty and has the
    /// cursor.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Self::DateOfBirth => Some("e.g. 23/4/1960"),
            Self::Gender => Some(Gender::CHOICES),
            Self::NhsNumber => Some("10 digits, e.g. 943 476 5919"),
            Self::Received => Some("e.g. 5/12, yesterday or -3"),
            _ => None,
        }
    }

    /// Whether the field must be filled in.
    pub fn required(self) -> bool {
        matches!(
            self,
            Self::GivenName | Self::FamilyName | Self::Received | Self::Source | Self::Needs
        )
    }

    /// Whether the field is typed text (the rest are choices).
    pub fn is_text(self) -> bool {
        !matches!(
            self,
            Self::Source | Self::Needs | Self::Urgency | Self::Consent
        )
    }
}

/// Everything typed or chosen so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeDraft {
    /// Text fields, by field.
    pub text: Vec<(IntakeField, String)>,
    /// The referral source chosen.
    pub source: Option<ReferralSource>,
    /// Needs ticked.
    pub needs: Vec<Need>,
    /// Urgency.
    pub urgency: Urgency,
    /// Consent.
    pub consent: Consent,
    /// The day the draft was started: how typed dates without a year (or
    /// `yesterday`) are read.
    pub today: NaiveDate,
}

impl IntakeDraft {
    /// An empty draft with the referral dated `today`.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            text: vec![(
                IntakeField::Received,
                today.format("%-d/%-m/%Y").to_string(),
            )],
            source: None,
            needs: Vec::new(),
            urgency: Urgency::Routine,
            consent: Consent::NotAsked,
            today,
        }
    }

    /// The text of a field ("" when empty).
    pub fn get(&self, field: IntakeField) -> &str {
        self.text
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The text of a field, for editing.
    pub fn get_mut(&mut self, field: IntakeField) -> &mut String {
        if let Some(i) = self.text.iter().position(|(f, _)| *f == field) {
            return &mut self.text[i].1;
        }
        self.text.push((field, String::new()));
        let last = self.text.len() - 1;
        &mut self.text[last].1
    }

    fn date(&self, field: IntakeField, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
        let raw = self.get(field).trim();
        if raw.is_empty() {
            return Ok(None);
        }
        match super::typed::past_date(raw, today) {
            Ok(d) => Ok(Some(d)),
            Err(super::typed::STILL_TO_COME) => Err(match field {
                IntakeField::DateOfBirth => "a date of birth cannot be in the future".into(),
                _ => "a referral cannot be received in the future".into(),
            }),
            Err(e) => Err(format!("{e} (a date like 23/4/1960)")),
        }
    }

    /// Checks one field, explaining what is wrong.
    pub fn check(&self, field: IntakeField, today: NaiveDate) -> Result<(), String> {
        let value = self.get(field).trim();
        match field {
            IntakeField::GivenName | IntakeField::FamilyName if value.is_empty() => {
                Err("required".into())
            }
            IntakeField::DateOfBirth => match self.date(field, today)? {
                Some(d) if d > today => Err("a date of birth cannot be in the future".into()),
                Some(d) if (today - d).num_days() > 125 * 366 => {
                    Err("that would be over 125 years ago".into())
                }
                _ => Ok(()),
            },
            IntakeField::Gender => self.gender().map(|_| ()),
            IntakeField::NhsNumber if !value.is_empty() => value
                .parse::<NhsNumber>()
                .map(|_| ())
                .map_err(|e| e.to_string()),
            IntakeField::Postcode if !value.is_empty() && postcode::normalise(value).is_none() => {
                Err("this is not a UK postcode".into())
            }
            IntakeField::Received => match self.date(field, today)? {
                None => Err("required".into()),
                Some(d) if d > today => Err("a referral cannot be received in the future".into()),
                _ => Ok(()),
            },
            IntakeField::Source if self.source.is_none() => Err("choose who referred".into()),
            IntakeField::Needs if self.needs.is_empty() => Err("tick at least one need".into()),
            _ => Ok(()),
        }
    }

    /// Checks every field.
    pub fn errors(&self, today: NaiveDate) -> Vec<(IntakeField, String)> {
        IntakeField::ALL
            .iter()
            .filter_map(|&f| self.check(f, today).err().map(|e| (f, e)))
            .collect()
    }

    /// The NHS number, if one was typed and is valid.
    pub fn nhs_number(&self) -> Option<NhsNumber> {
        self.get(IntakeField::NhsNumber).trim().parse().ok()
    }

    /// The gender typed (none when empty), or what is wrong with it.
    pub fn gender(&self) -> Result<Option<Gender>, String> {
        Gender::parse(self.get(IntakeField::Gender))
    }

    /// The date of birth, if valid.
    pub fn date_of_birth(&self) -> Option<NaiveDate> {
        self.date(IntakeField::DateOfBirth, self.today)
            .ok()
            .flatten()
    }

    /// Builds the person (with `id`) and referral, when every field passes.
    pub fn build(
        &self,
        id: super::ids::PersonId,
        today: NaiveDate,
    ) -> Result<(Person, Referral), Vec<(IntakeField, String)>> {
        let errors = self.errors(today);
        if !errors.is_empty() {
            return Err(errors);
        }
        let opt = |f: IntakeField| Some(self.get(f).trim().to_owned()).filter(|s| !s.is_empty());
        let person = Person {
            id,
            given_name: self.get(IntakeField::GivenName).trim().to_owned(),
            family_name: self.get(IntakeField::FamilyName).trim().to_owned(),
            preferred_name: opt(IntakeField::PreferredName),
            date_of_birth: self.date_of_birth(),
            gender: self.gender().ok().flatten(),
            nhs_number: self.nhs_number(),
            phone: opt(IntakeField::Phone),
            email: None,
            address: None,
            postcode: opt(IntakeField::Postcode).and_then(|p| postcode::normalise(&p)),
            gp_practice: opt(IntakeField::GpPractice),
            communication_needs: None,
            next_of_kin: None,
        };
        let referral = Referral {
            received: self
                .date(IntakeField::Received, today)
                .ok()
                .flatten()
                .unwrap_or(today),
            source: self.source.unwrap_or(ReferralSource::SelfReferral),
            referrer_name: opt(IntakeField::Referrer),
            referrer_organisation: None,
            needs: self.needs.clone(),
            reason: self.get(IntakeField::Reason).trim().to_owned(),
            urgency: self.urgency,
            consent_to_share: self.consent,
            snomed_events: Vec::new(),
        };
        Ok((person, referral))
    }

    /// Whether `existing` may be the same person: the same NHS number, or
    /// the same name and date of birth.
    /// The same NHS number, whatever the names (two different NHS numbers
    /// are two people); or, when one has none, the same date of birth and
    /// a name at most two letters away (a typo: "Daniel Hughs" for Daniel
    /// Hughes, "Jon" for John, two letters swapped), either way round.
    pub fn may_be(&self, existing: &Person) -> bool {
        if let (Some(a), Some(b)) = (self.nhs_number(), existing.nhs_number) {
            return a == b;
        }
        if self.date_of_birth().is_none() || self.date_of_birth() != existing.date_of_birth {
            return false;
        }
        let name = |given: &str, family: &str| {
            crate::domain::text::fold(&format!("{} {}", given.trim(), family.trim()))
        };
        let typed = name(
            self.get(IntakeField::GivenName),
            self.get(IntakeField::FamilyName),
        );
        let near = |other: String| strsim::damerau_levenshtein(&typed, &other) <= 2;
        near(name(&existing.given_name, &existing.family_name))
            || near(name(&existing.family_name, &existing.given_name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::PersonId;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn filled() -> IntakeDraft {
        let mut d = IntakeDraft::new(today());
        *d.get_mut(IntakeField::GivenName) = "Ada".into();
        *d.get_mut(IntakeField::FamilyName) = "Lovelace".into();
        d.source = Some(ReferralSource::GeneralPractice);
        d.needs = vec![Need::Loneliness];
        d
    }

    #[test]
    fn required_fields_are_named() {
        let d = IntakeDraft::new(today());
        let errors: Vec<_> = d.errors(today()).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            errors,
            [
                IntakeField::GivenName,
                IntakeField::FamilyName,
                IntakeField::Source,
                IntakeField::Needs
            ]
        );
        assert!(filled().errors(today()).is_empty());
    }

    #[test]
    fn each_rule_explains_itself() {
        let mut d = filled();
        *d.get_mut(IntakeField::NhsNumber) = "943 476 5918".into();
        assert_eq!(
            d.check(IntakeField::NhsNumber, today()).unwrap_err(),
            "the check digit does not match; please check the number"
        );
        *d.get_mut(IntakeField::DateOfBirth) = "2030-01-01".into();
        assert_eq!(
            d.check(IntakeField::DateOfBirth, today()).unwrap_err(),
            "a date of birth cannot be in the future"
        );
        // The one date entry: 23/04/1960 and 23/4/60 are the same day.
        *d.get_mut(IntakeField::DateOfBirth) = "23/04/1960".into();
        assert!(d.check(IntakeField::DateOfBirth, today()).is_ok());
        *d.get_mut(IntakeField::DateOfBirth) = "23/4/60".into();
        assert_eq!(d.date_of_birth(), NaiveDate::from_ymd_opt(1960, 4, 23));
        *d.get_mut(IntakeField::DateOfBirth) = "31/2/1960".into();
        assert!(d.check(IntakeField::DateOfBirth, today()).is_err());
        *d.get_mut(IntakeField::Postcode) = "nowhere".into();
        assert!(d.check(IntakeField::Postcode, today()).is_err());
        *d.get_mut(IntakeField::Received) = "2026-11-23".into();
        assert!(d.check(IntakeField::Received, today()).is_err());
    }

    #[test]
    fn builds_the_records_and_spots_the_same_person() {
        let mut d = filled();
        *d.get_mut(IntakeField::NhsNumber) = "9434765919".into();
        *d.get_mut(IntakeField::Postcode) = "m30 0fn".into();
        *d.get_mut(IntakeField::DateOfBirth) = "1960-12-10".into();
        let (p, r) = d.build(PersonId(5), today()).unwrap();
        assert_eq!(p.postcode.as_deref(), Some("M30 0FN"));
        assert_eq!(r.received, today());
        assert!(d.may_be(&p));
        let mut other = p.clone();
        other.nhs_number = "4010232137".parse().ok();
        assert!(
            !d.may_be(&other),
            "different NHS numbers are different people"
        );
        other.nhs_number = None;
        assert!(d.may_be(&other), "same name and date of birth");
        other.date_of_birth = NaiveDate::from_ymd_opt(1961, 1, 1);
        assert!(!d.may_be(&other));
    }

    #[test]
    fn one_and_two_letter_typos_with_the_same_date_of_birth_are_caught() {
        let mut d = filled();
        *d.get_mut(IntakeField::DateOfBirth) = "1958-03-02".into();
        let (mut p, _) = d.build(PersonId(5), today()).unwrap();
        p.given_name = "Daniel".into();
        p.family_name = "Hughes".into();
        for (given, family, caught) in [
            ("Daniel", "Hughs", true),
            ("Danial", "Hughes", true),
            ("Dainel", "Hughes", true),
            ("Dan", "Hughes", false),
            ("Danny", "Hughs", false),
            ("hughes", "daniel", true),
            ("Daniël", "Hughes", true),
            ("Mary", "Hughes", false),
        ] {
            *d.get_mut(IntakeField::GivenName) = given.into();
            *d.get_mut(IntakeField::FamilyName) = family.into();
            assert_eq!(d.may_be(&p), caught, "{given} {family}");
        }
        p.date_of_birth = NaiveDate::from_ymd_opt(1958, 3, 3);
        *d.get_mut(IntakeField::GivenName) = "Daniel".into();
        *d.get_mut(IntakeField::FamilyName) = "Hughs".into();
        assert!(!d.may_be(&p), "another date of birth");
    }
}
