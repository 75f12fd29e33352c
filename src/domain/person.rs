//! A person referred to the service. One person may have several episodes
//! of support (cases) over time.

use super::ids::PersonId;
use super::nhs_number::NhsNumber;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Someone the person wants involved: next of kin, carer or supporter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NextOfKin {
    /// Their name.
    pub name: String,
    /// How they relate to the person (daughter, neighbour, paid carer ...).
    pub relationship: String,
    /// A phone number to reach them.
    pub phone: Option<String>,
    /// Whether they are the person's carer.
    pub is_carer: bool,
    /// Whether the person agrees that the service may contact them.
    #[serde(default)]
    pub may_contact: bool,
}

/// Gender as the person states it, in the categories of the NHS Data
/// Dictionary's *Person Stated Gender Code* (the PRSB social prescribing
/// standard's demographics); "not known" is no answer recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Female (including trans woman).
    Female,
    /// Male (including trans man).
    Male,
    /// Non-binary.
    NonBinary,
    /// Other (not listed).
    Other,
    /// Asked, and the person chose not to say.
    NotStated,
}

impl Gender {
    /// Every answer, in the order forms list them.
    pub const ALL: [Gender; 5] = [
        Self::Female,
        Self::Male,
        Self::NonBinary,
        Self::Other,
        Self::NotStated,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Female => "female",
            Self::Male => "male",
            Self::NonBinary => "non-binary",
            Self::Other => "other",
            Self::NotStated => "not stated",
        }
    }

    /// The choices, as the forms show them.
    pub const CHOICES: &str = "female, male, non-binary, other or not stated";

    /// Reads a typed answer (`f`, `woman`, `male`, `nb`, `prefer not to
    /// say`); empty is no answer; anything else names the choices.
    pub fn parse(typed: &str) -> Result<Option<Gender>, String> {
        let t = crate::domain::text::fold(typed.trim());
        Ok(Some(match t.as_str() {
            "" => return Ok(None),
            "f" | "female" | "woman" | "w" | "trans woman" => Self::Female,
            "m" | "male" | "man" | "trans man" => Self::Male,
            "nb" | "non-binary" | "non binary" | "nonbinary" => Self::NonBinary,
            "other" | "o" => Self::Other,
            "not stated" | "prefer not to say" | "not said" | "declined" => Self::NotStated,
            _ => return Err(format!("one of {}", Self::CHOICES)),
        }))
    }
}

/// A person known to the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Store-assigned id.
    pub id: PersonId,
    /// Given (first) name.
    pub given_name: String,
    /// Family name (surname).
    pub family_name: String,
    /// The name they like to be called, if different.
    #[serde(default)]
    pub preferred_name: Option<String>,
    /// Date of birth.
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
    /// Gender, as they state it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// NHS number, when known.
    #[serde(default)]
    pub nhs_number: Option<NhsNumber>,
    /// Phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Postal address without the postcode, lines separated by newlines.
    #[serde(default)]
    pub address: Option<String>,
    /// Postcode, normalised (see [`super::postcode::normalise`]).
    #[serde(default)]
    pub postcode: Option<String>,
    /// Registered GP practice.
    #[serde(default)]
    pub gp_practice: Option<String>,
    /// Communication needs and reasonable adjustments (large print, BSL,
    /// interpreter, call before visiting ...).
    #[serde(default)]
    pub communication_needs: Option<String>,
    /// Next of kin or carer.
    #[serde(default)]
    pub next_of_kin: Option<NextOfKin>,
}

impl Person {
    /// The name the person likes to be called: the preferred name, if
    /// any, else the given name.
    pub fn called(&self) -> &str {
        self.preferred_name
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or(&self.given_name)
    }

    /// The name to show on screen: preferred name (if any) and family name.
    pub fn display_name(&self) -> String {
        format!("{} {}", self.called(), self.family_name)
    }

    /// The full legal name, family name first, as lists sort it.
    pub fn sort_name(&self) -> String {
        format!("{}, {}", self.family_name, self.given_name)
    }

    /// Age in whole years on `on`, when the date of birth is known.
    pub fn age_on(&self, on: NaiveDate) -> Option<u32> {
        let dob = self.date_of_birth?;
        let mut age = on.year() - dob.year();
        if (on.month(), on.day()) < (dob.month(), dob.day()) {
            age -= 1;
        }
        u32::try_from(age).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> Person {
        Person {
            id: PersonId(1),
            given_name: "Margaret".into(),
            family_name: "Okafor".into(),
            preferred_name: Some("Peggy".into()),
            date_of_birth: NaiveDate::from_ymd_opt(1950, 6, 15),
            gender: None,
            nhs_number: None,
            phone: None,
            email: None,
            address: None,
            postcode: None,
            gp_practice: None,
            communication_needs: None,
            next_of_kin: None,
        }
    }

    #[test]
    fn gender_reads_as_people_type_it_and_names_the_choices() {
        assert_eq!(Gender::parse("Woman"), Ok(Some(Gender::Female)));
        assert_eq!(Gender::parse(" m "), Ok(Some(Gender::Male)));
        assert_eq!(
            Gender::parse("prefer not to say"),
            Ok(Some(Gender::NotStated))
        );
        assert_eq!(Gender::parse(""), Ok(None));
        assert!(Gender::parse("x").unwrap_err().contains("non-binary"));
        for g in Gender::ALL {
            assert_eq!(Gender::parse(g.label()), Ok(Some(g)));
        }
    }

    #[test]
    fn display_name_prefers_preferred_name() {
        let mut p = person();
        assert_eq!(p.display_name(), "Peggy Okafor");
        p.preferred_name = Some("  ".into());
        assert_eq!(p.display_name(), "Margaret Okafor");
        assert_eq!(p.sort_name(), "Okafor, Margaret");
    }

    #[test]
    fn age_counts_birthdays() {
        let p = person();
        assert_eq!(
            p.age_on(NaiveDate::from_ymd_opt(2026, 6, 14).unwrap()),
            Some(75)
        );
        assert_eq!(
            p.age_on(NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()),
            Some(76)
        );
        assert_eq!(p.age_on(NaiveDate::from_ymd_opt(1940, 1, 1).unwrap()), None);
    }
}
