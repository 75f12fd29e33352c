//! HSDS 3.0 objects nested in a service, with the standard's field names.

use crate::domain::ids::OrganisationId;
use chrono::Weekday;
use serde::{Deserialize, Serialize};

/// Fields of a published record that linkwork keeps without modelling
/// them: HSDS's own (a schedule's `valid_to`, an organisation's `tax_id`)
/// and a publisher's extensions (`x_council_reference`). Never `null`s.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A time of day as feeds write it: `18:30` or `18:30:00`.
pub fn clock_time(t: &str) -> Option<chrono::NaiveTime> {
    let t = t.trim();
    chrono::NaiveTime::parse_from_str(t, "%H:%M:%S")
        .or_else(|_| chrono::NaiveTime::parse_from_str(t, "%H:%M"))
        .ok()
}

/// An organisation that runs services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    /// HSDS id.
    pub id: OrganisationId,
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Legal status (charity, CIC ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_status: Option<String>,
    /// Phones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model, and their own extensions), kept as published and written
    /// back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// A phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    /// HSDS id.
    pub id: String,
    /// The number.
    pub number: String,
    /// Extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<u32>,
    /// HSDS type (voice, text, fax ...).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The service-at-location it was published on (its id), when it was
    /// not the service's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model, and their own extensions), kept as published and written
    /// back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// A service-at-location record as published: its own id and fields (a
/// description, contacts...), kept with the location it links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ServiceAt {
    /// Its HSDS id.
    pub id: String,
    /// Its other fields, as published.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// An attribute record as published (the link between a service and a
/// taxonomy term): its own id and fields (`link_type`, `value`...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Attribute {
    /// Its HSDS id.
    pub id: String,
    /// Its other fields, as published.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Attribute {
    /// The attribute record of a service's term as published, less what
    /// every attribute of it says (`link_id` the service's own id,
    /// `link_entity` "service"), which the exports write anyway.
    pub fn of_service(id: String, mut extra: Extra, service: &str) -> Self {
        if extra.get("link_id").and_then(|v| v.as_str()) == Some(service) {
            extra.remove("link_id");
        }
        if extra.get("link_entity").and_then(|v| v.as_str()) == Some("service") {
            extra.remove("link_entity");
        }
        Self { id, extra }
    }
}

/// A named contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// HSDS id.
    pub id: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model, and their own extensions), kept as published and written
    /// back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// A cost option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostOption {
    /// HSDS id.
    pub id: String,
    /// What the cost is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    /// Amount, in `currency` units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// ISO currency code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The amount in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_description: Option<String>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model, and their own extensions), kept as published and written
    /// back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// When a service runs (iCal-style).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// HSDS id.
    pub id: String,
    /// WEEKLY, MONTHLY ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    /// Every how many `freq` periods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<u32>,
    /// Days, as iCal two-letter codes joined by commas (`MO,TH`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byday: Option<String>,
    /// Opening time, `HH:MM` or `HH:MM:SS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<String>,
    /// Closing time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<String>,
    /// The schedule in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The service-at-location it was published on (its id), when it was
    /// not the service's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model, and their own extensions), kept as published and written
    /// back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Schedule {
    /// A weekly schedule (used by the demo and tests).
    pub fn weekly(id: &str, byday: &str, opens_at: &str, closes_at: &str) -> Self {
        Self {
            at: Default::default(),
            extra: Default::default(),
            id: id.to_owned(),
            freq: Some("WEEKLY".into()),
            interval: Some(1),
            byday: Some(byday.to_owned()),
            opens_at: Some(opens_at.to_owned()),
            closes_at: Some(closes_at.to_owned()),
            description: None,
        }
    }

    /// The days in `byday`, ignoring codes it does not know.
    pub fn weekdays(&self) -> Vec<Weekday> {
        self.days_with_week().into_iter().map(|(d, _)| d).collect()
    }

    /// The days in `byday` with the week of the month iCal may prefix them
    /// with (`1WE`: the first Wednesday, `-1FR`: the last Friday), ignoring
    /// codes it does not know.
    pub fn days_with_week(&self) -> Vec<(Weekday, Option<i32>)> {
        self.byday
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter_map(|code| {
                let code = code.trim();
                let day_at = code
                    .find(|c: char| c.is_ascii_alphabetic())
                    .unwrap_or(code.len());
                let (week, day) = code.split_at(day_at);
                let day = match day.to_ascii_uppercase().as_str() {
                    "MO" => Weekday::Mon,
                    "TU" => Weekday::Tue,
                    "WE" => Weekday::Wed,
                    "TH" => Weekday::Thu,
                    "FR" => Weekday::Fri,
                    "SA" => Weekday::Sat,
                    "SU" => Weekday::Sun,
                    _ => return None,
                };
                Some((day, week.trim_start_matches('+').parse().ok()))
            })
            .collect()
    }

    /// Whether it runs on `date`: one of its days, in the week of the month
    /// it names if it names one (`1TH`: the first Thursday, `-1FR`: the
    /// last Friday).
    pub fn runs_on(&self, date: chrono::NaiveDate) -> bool {
        use chrono::Datelike;
        let week_ok = |week: Option<i32>| match week {
            Some(n) if n > 0 => (date.day0() / 7 + 1) as i32 == n,
            Some(n) if n < 0 => {
                let last = (date + chrono::Duration::days(7)).month() != date.month();
                n == -1 && last
            }
            _ => true,
        };
        self.days_with_week()
            .iter()
            .any(|(day, week)| *day == date.weekday() && week_ok(*week))
    }

    /// Opening and closing time, when both parse (`18:30` or `18:30:00`).
    pub fn hours(&self) -> Option<(chrono::NaiveTime, chrono::NaiveTime)> {
        Some((
            clock_time(self.opens_at.as_deref()?)?,
            clock_time(self.closes_at.as_deref()?)?,
        ))
    }

    /// The opening hour, when `opens_at` parses.
    pub fn opening_hour(&self) -> Option<u32> {
        self.opens_at
            .as_deref()?
            .split(':')
            .next()?
            .trim()
            .parse()
            .ok()
    }

    /// Whether it opens at or after 17:00.
    pub fn is_evening(&self) -> bool {
        self.opening_hour().is_some_and(|h| h >= 17)
    }
}

/// A language offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    /// HSDS id.
    pub id: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// ISO 639 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model, and their own extensions), kept as published and written
    /// back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// An area served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceArea {
    /// HSDS id.
    pub id: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model, and their own extensions), kept as published and written
    /// back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// An address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// HSDS id.
    pub id: String,
    /// First line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_1: Option<String>,
    /// Second line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_2: Option<String>,
    /// Town or city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// County or state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_province: Option<String>,
    /// Postcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// physical, postal or virtual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_type: Option<String>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model, and their own extensions), kept as published and written
    /// back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// Accessibility of a location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accessibility {
    /// HSDS id.
    pub id: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// More information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model, and their own extensions), kept as published and written
    /// back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// Where a service runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// HSDS id.
    pub id: String,
    /// physical, postal or virtual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_type: Option<String>,
    /// Name of the venue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How to get there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transportation: Option<String>,
    /// Latitude.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Longitude.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    /// Addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    /// Accessibility.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accessibility: Vec<Accessibility>,
    /// The service-at-location record that linked it to the service, as
    /// published (its id kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<ServiceAt>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model, and their own extensions), kept as published and written
    /// back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// A taxonomy term attached to a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxonomyTerm {
    /// HSDS id.
    pub id: String,
    /// Code within its taxonomy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Which taxonomy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxonomy: Option<String>,
    /// The attribute record that linked it to the service, as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<Attribute>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model, and their own extensions), kept as published and written
    /// back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byday_parses_codes_and_ordinals() {
        let mut s = Schedule::weekly("x", "MO, th,1FR,-1SU,XX", "09:30:00", "12:00");
        assert_eq!(
            s.weekdays(),
            [Weekday::Mon, Weekday::Thu, Weekday::Fri, Weekday::Sun]
        );
        assert_eq!(
            s.days_with_week(),
            [
                (Weekday::Mon, None),
                (Weekday::Thu, None),
                (Weekday::Fri, Some(1)),
                (Weekday::Sun, Some(-1))
            ]
        );
        assert_eq!(
            s.hours(),
            Some((
                chrono::NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
                chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap()
            ))
        );
        assert_eq!(s.opening_hour(), Some(9));
        assert!(!s.is_evening());
        s.opens_at = Some("17:00".into());
        assert!(s.is_evening());
        s.opens_at = Some("later".into());
        assert!(!s.is_evening());
    }
}
