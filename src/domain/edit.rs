//! Editing a person's details and a referral's text after intake: each
//! field's rule, shared by the form and the store.

use super::case::Case;
use super::nhs_number::NhsNumber;
use super::person::Person;
use super::postcode;
use super::referral::Consent;
use chrono::NaiveDate;

/// A field that can be edited from the case file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EditField {
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
    /// Email.
    Email,
    /// Address (lines separated by commas).
    Address,
    /// Postcode.
    Postcode,
    /// GP practice.
    GpPractice,
    /// Communication needs.
    CommunicationNeeds,
    /// Next of kin or main carer: their name.
    KinName,
    /// How they relate to the person.
    KinRelationship,
    /// Their phone.
    KinPhone,
    /// Whether they are the main carer (yes or no).
    KinIsCarer,
    /// Whether the service may contact them (yes or no).
    KinMayContact,
    /// The referral's reason.
    Reason,
    /// Consent to share (yes, no, not asked).
    Consent,
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

/// A value of the next of kin, empty when there is none.
fn kin(person: &Person, get: impl Fn(&crate::domain::person::NextOfKin) -> String) -> String {
    person.next_of_kin.as_ref().map(get).unwrap_or_default()
}

/// Sets one value of the next of kin; one with nothing in it is removed.
fn set_kin(field: EditField, value: &str, person: &mut Person) -> Result<(), String> {
    let flag = |v: &str| match v.to_ascii_lowercase().as_str() {
        "yes" | "y" => Ok(true),
        "no" | "n" | "" => Ok(false),
        _ => Err("yes or no".to_owned()),
    };
    let k = person.next_of_kin.get_or_insert_with(Default::default);
    match field {
        EditField::KinName => k.name = value.to_owned(),
        EditField::KinRelationship => k.relationship = value.to_owned(),
        EditField::KinPhone => k.phone = Some(value.to_owned()).filter(|v| !v.is_empty()),
        EditField::KinIsCarer => k.is_carer = flag(value)?,
        _ => k.may_contact = flag(value)?,
    }
    if k.name.is_empty() && k.relationship.is_empty() && k.phone.is_none() {
        person.next_of_kin = None;
    }
    Ok(())
}

impl EditField {
    /// Every field, in form order.
    pub const ALL: [EditField; 19] = [
        Self::GivenName,
        Self::FamilyName,
        Self::PreferredName,
        Self::DateOfBirth,
        Self::Gender,
        Self::NhsNumber,
        Self::Phone,
        Self::Email,
        Self::Address,
        Self::Postcode,
        Self::GpPractice,
        Self::CommunicationNeeds,
        Self::KinName,
        Self::KinRelationship,
        Self::KinPhone,
        Self::KinIsCarer,
        Self::KinMayContact,
        Self::Reason,
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
            Self::Email => "Email",
            Self::Address => "Address",
            Self::Postcode => "Postcode",
            Self::GpPractice => "GP practice",
            Self::CommunicationNeeds => "Communication needs",
            Self::KinName => "Next of kin / carer",
            Self::KinRelationship => "  relationship",
            Self::KinPhone => "  their phone",
            Self::KinIsCarer => "  main carer?",
            Self::KinMayContact => "  may we contact?",
            Self::Reason => "Referral reason",
            Self::Consent => "Consent to share",
        }
    }

    /// What the field takes, shown in it while it is empty and has the
    /// cursor.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Self::DateOfBirth => Some("e.g. 23/4/1960"),
            Self::Gender => Some(crate::domain::person::Gender::CHOICES),
            Self::KinIsCarer | Self::KinMayContact => Some("yes or no"),
            Self::Consent => Some("yes, no or not asked"),
            _ => None,
        }
    }

    /// The current value, as text.
    pub fn get(self, person: &Person, case: &Case) -> String {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        match self {
            Self::GivenName => person.given_name.clone(),
            Self::FamilyName => person.family_name.clone(),
            Self::PreferredName => opt(&person.preferred_name),
            Self::DateOfBirth => person
                .date_of_birth
                .map(|d| d.to_string())
                .unwrap_or_default(),
            Self::Gender => person
                .gender
                .map(|g| g.label().to_owned())
                .unwrap_or_default(),
            Self::NhsNumber => person.nhs_number.map(|n| n.to_string()).unwrap_or_default(),
            Self::Phone => opt(&person.phone),
            Self::Email => opt(&person.email),
            Self::Address => opt(&person.address).replace('\n', ", "),
            Self::Postcode => opt(&person.postcode),
            Self::GpPractice => opt(&person.gp_practice),
            Self::CommunicationNeeds => opt(&person.communication_needs),
            Self::KinName => kin(person, |k| k.name.clone()),
            Self::KinRelationship => kin(person, |k| k.relationship.clone()),
            Self::KinPhone => kin(person, |k| k.phone.clone().unwrap_or_default()),
            Self::KinIsCarer => kin(person, |k| yes_no(k.is_carer)),
            Self::KinMayContact => kin(person, |k| yes_no(k.may_contact)),
            Self::Reason => case.referral.reason.clone(),
            Self::Consent => case.consent().label().to_lowercase(),
        }
    }

    /// Checks `value` and writes it into the records, or says what is wrong.
    pub fn set(
        self,
        value: &str,
        person: &mut Person,
        case: &mut Case,
        today: NaiveDate,
    ) -> Result<(), String> {
        let value = value.trim();
        let opt = || Some(value.to_owned()).filter(|v| !v.is_empty());
        match self {
            Self::GivenName | Self::FamilyName if value.is_empty() => return Err("required".into()),
            Self::GivenName => person.given_name = value.to_owned(),
            Self::FamilyName => person.family_name = value.to_owned(),
            Self::PreferredName => person.preferred_name = opt(),
            Self::DateOfBirth => {
                person.date_of_birth = match value {
                    "" => None,
                    v => {
                        let d = super::typed::past_date(v, today).map_err(|e| match e {
                            super::typed::STILL_TO_COME => {
                                "a date of birth cannot be in the future".to_owned()
                            }
                            e => format!("{e} (a date like 23/4/1960)"),
                        })?;
                        Some(d)
                    }
                }
            }
            Self::Gender => person.gender = crate::domain::person::Gender::parse(value)?,
            Self::NhsNumber => {
                person.nhs_number = match value {
                    "" => None,
                    v => Some(v.parse::<NhsNumber>().map_err(|e| e.to_string())?),
                }
            }
            Self::Phone => person.phone = opt(),
            Self::Email => {
                if !value.is_empty() && !value.contains('@') {
                    return Err("an email address has an @".into());
                }
                person.email = opt();
            }
            Self::Address => {
                person.address =
                    opt().map(|a| a.split(',').map(str::trim).collect::<Vec<_>>().join("\n"))
            }
            Self::Postcode => {
                person.postcode = match value {
                    "" => None,
                    v => Some(
                        postcode::normalise(v)
                            .ok_or_else(|| "this is not a UK postcode".to_owned())?,
                    ),
                }
            }
            Self::KinName
            | Self::KinRelationship
            | Self::KinPhone
            | Self::KinIsCarer
            | Self::KinMayContact => set_kin(self, value, person)?,
            Self::GpPractice => person.gp_practice = opt(),
            Self::CommunicationNeeds => person.communication_needs = opt(),
            Self::Reason => case.referral.reason = value.to_owned(),
            Self::Consent => {
                let consent = match value.to_ascii_lowercase().as_str() {
                    "yes" | "y" => Consent::Yes,
                    "no" | "n" => Consent::No,
                    "not asked" | "" => Consent::NotAsked,
                    _ => return Err("yes, no or not asked".into()),
                };
                // A later answer is recorded as such; the referral's stays.
                if consent != case.consent() {
                    if consent == Consent::NotAsked {
                        return Err("once answered, consent is yes or no".into());
                    }
                    case.record_consent(consent, today, super::case::ConsentSource::Case);
                }
            }
        }
        Ok(())
    }

    /// Whether the field belongs to the case (the rest to the person).
    pub fn is_case_field(self) -> bool {
        matches!(self, Self::Reason | Self::Consent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_of_kin_and_main_carer_are_recorded_and_removed_when_emptied() {
        let (mut person, mut case) = records();
        let today = today();
        for (field, value) in [
            (EditField::KinName, "Peter Lack"),
            (EditField::KinRelationship, "Wife"),
            (EditField::KinPhone, "07700 900123"),
            (EditField::KinIsCarer, "yes"),
            (EditField::KinMayContact, "y"),
        ] {
            field.set(value, &mut person, &mut case, today).unwrap();
        }
        let k = person.next_of_kin.clone().unwrap();
        assert_eq!(
            (k.name.as_str(), k.relationship.as_str()),
            ("Peter Lack", "Wife")
        );
        assert!(k.is_carer && k.may_contact);
        assert_eq!(EditField::KinIsCarer.get(&person, &case), "yes");
        assert!(
            EditField::KinMayContact
                .set("perhaps", &mut person, &mut case, today)
                .is_err()
        );
        for field in [
            EditField::KinName,
            EditField::KinRelationship,
            EditField::KinPhone,
        ] {
            field.set("", &mut person, &mut case, today).unwrap();
        }
        assert_eq!(person.next_of_kin, None, "emptied, it goes");
    }
    use crate::domain::ids::CaseId;
    use crate::domain::referral::{Need, ReferralSource};

    fn records() -> (Person, Case) {
        let person = crate::domain::fixtures::person(1, "Ada", "Lee");
        let referral = crate::domain::fixtures::referral(
            today(),
            ReferralSource::Pharmacy,
            Need::Housing,
            Consent::NotAsked,
        );
        (
            person.clone(),
            Case::open(
                CaseId(2),
                person.id,
                1,
                referral,
                "Sam",
                crate::domain::fixtures::noon(),
            ),
        )
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn every_field_round_trips_and_refuses_bad_values() {
        let (mut p, mut c) = records();
        let good = [
            (EditField::GivenName, "Adeline"),
            (EditField::PreferredName, "Addie"),
            (EditField::DateOfBirth, "1950-02-03"),
            (EditField::NhsNumber, "943 476 5919"),
            (EditField::Phone, "07700 900123"),
            (EditField::Email, "addie@example.com"),
            (EditField::Address, "1 High St, Eccles"),
            (EditField::Postcode, "M30 0FN"),
            (EditField::GpPractice, "Monton"),
            (EditField::CommunicationNeeds, "Large print"),
            (EditField::Reason, "Lonely since moving"),
            (EditField::Consent, "yes"),
        ];
        for (f, v) in good {
            f.set(v, &mut p, &mut c, today()).unwrap();
            assert_eq!(f.get(&p, &c), v, "{f:?}");
        }
        assert_eq!(p.address.as_deref(), Some("1 High St\nEccles"));
        let bad = [
            (EditField::FamilyName, ""),
            (EditField::DateOfBirth, "2099-01-01"),
            (EditField::NhsNumber, "943 476 5918"),
            (EditField::Email, "no-at-sign"),
            (EditField::Postcode, "nowhere"),
            (EditField::Consent, "maybe"),
        ];
        for (f, v) in bad {
            let before = (p.clone(), c.clone());
            assert!(f.set(v, &mut p, &mut c, today()).is_err(), "{f:?} {v}");
            assert_eq!(
                (p.clone(), c.clone()),
                before,
                "a refused value changes nothing"
            );
        }
    }
}
