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
