//! The directory of community services. Field names follow HSDS 3.0 as
//! profiled by Open Referral UK, so records import and export without
//! renaming; our own fields (categories, who a service suits, verification
//! and quality-assurance checks, local notes) live in [`LocalInfo`].

mod category;
pub mod describe;
mod facts;
mod filter;
mod hsds;
pub mod limits;
mod local;
pub mod quality;
pub mod relevance;
pub mod search;
pub mod service_edit;
pub mod session_text;
pub mod taxonomy;
pub mod vocabulary;

pub use category::{Category, Suitability};
pub use facts::{ServiceFacts, category_bit, day_bit, suitability_bit};
pub use filter::{DirectoryFilter, WEEK, day_name};
pub use hsds::{
    Accessibility, Address, Attribute, Contact, CostOption, Extra, Language, Location,
    Organisation, Phone, Schedule, ServiceArea, ServiceAt, TaxonomyTerm, clock_time,
};
pub use local::{AccessRoute, LocalInfo, QualityChecks, Verification};

use super::ids::{OrganisationId, ServiceId};
use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// HSDS service status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    /// Running.
    #[default]
    Active,
    /// Not currently running.
    Inactive,
    /// Closed for good.
    Defunct,
    /// Closed for a while.
    #[serde(rename = "temporarily closed")]
    TemporarilyClosed,
}

impl ServiceStatus {
    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Inactive => "Inactive",
            Self::Defunct => "Closed",
            Self::TemporarilyClosed => "Temporarily closed",
        }
    }
}

/// A directory service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Service {
    /// HSDS id.
    pub id: ServiceId,
    /// The organisation that runs it.
    pub organization_id: OrganisationId,
    /// Name.
    pub name: String,
    /// Another name it is known by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: ServiceStatus,
    /// Interpretation services available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpretation_services: Option<String>,
    /// How to apply or get access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_process: Option<String>,
    /// Fees in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees_description: Option<String>,
    /// Who it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_description: Option<String>,
    /// Youngest age served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<u32>,
    /// Oldest age served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<u32>,
    /// A current alert (closures, changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<String>,
    /// When the publisher last changed the record (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// When the publisher last quality-assured it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assured_date: Option<NaiveDate>,
    /// Cost options.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cost_options: Vec<CostOption>,
    /// Phones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    /// Named contacts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// When it runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    /// Languages offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    /// Areas served.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_areas: Vec<ServiceArea>,
    /// Where it runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    /// Taxonomy terms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taxonomy_terms: Vec<TaxonomyTerm>,
    /// Every other field the publisher gave (standard fields linkwork does
    /// not model: `wait_time`, `fees`, `accreditations`, `licenses`,
    /// `funding`...; and their own extensions), kept as published and
    /// written back on export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
    /// Our own local information.
    #[serde(default)]
    pub local: LocalInfo,
}

/// A service with nothing but its id (the start of one added by hand).
pub fn blank_service(id: ServiceId) -> Service {
    Service {
        extra: Default::default(),
        id,
        organization_id: OrganisationId(String::new()),
        name: String::new(),
        alternate_name: None,
        description: None,
        url: None,
        email: None,
        status: ServiceStatus::Active,
        interpretation_services: None,
        application_process: None,
        fees_description: None,
        eligibility_description: None,
        minimum_age: None,
        maximum_age: None,
        alert: None,
        last_modified: None,
        assured_date: None,
        cost_options: vec![],
        phones: vec![],
        contacts: vec![],
        schedules: vec![],
        languages: vec![],
        service_areas: vec![],
        locations: vec![],
        taxonomy_terms: vec![],
        local: LocalInfo::default(),
    }
}

impl Service {
    /// Whether it is free (every cost option is free, or none is listed and
    /// it is marked free locally).
    pub fn is_free(&self) -> bool {
        if self.cost_options.is_empty() {
            return self.local.free;
        }
        self.cost_options
            .iter()
            .all(|c| c.amount.is_none_or(|a| a == 0.0))
    }

    /// The lowest cost per session in pence, if any cost is listed.
    pub fn lowest_cost_pence(&self) -> Option<u32> {
        self.cost_options
            .iter()
            .filter_map(|c| c.amount)
            .map(|a| (a * 100.0).round().max(0.0) as u32)
            .min()
    }

    /// The days it runs on.
    pub fn days(&self) -> Vec<Weekday> {
        let mut days: Vec<Weekday> = self.schedules.iter().flat_map(Schedule::weekdays).collect();
        days.sort_by_key(|d| d.num_days_from_monday());
        days.dedup();
        days
    }

    /// Whether any session runs in the evening (opens at or after 17:00).
    pub fn runs_evenings(&self) -> bool {
        self.schedules.iter().any(Schedule::is_evening)
    }

    /// Whether any session runs at the weekend.
    pub fn runs_weekends(&self) -> bool {
        self.days()
            .iter()
            .any(|d| matches!(d, Weekday::Sat | Weekday::Sun))
    }

    /// The postcode of the first location with one.
    pub fn postcode(&self) -> Option<&str> {
        self.locations
            .iter()
            .flat_map(|l| &l.addresses)
            .find_map(|a| a.postal_code.as_deref())
    }

    /// Whether the entry was verified within `days` of `today`.
    pub fn verified_within(&self, today: NaiveDate, days: i64) -> bool {
        self.local
            .last_verified
            .as_ref()
            .is_some_and(|v| (today - v.on).num_days() <= days)
    }

    /// Whether the entry is stale: not verified in the last 12 months.
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        !self.verified_within(today, 365)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service() -> Service {
        crate::domain::fixtures::service(
            "s1",
            "Walking group",
            vec![Schedule::weekly("s", "TU,SA", "18:30", "20:00")],
        )
    }

    #[test]
    fn schedule_facts() {
        let s = service();
        assert_eq!(s.days(), [Weekday::Tue, Weekday::Sat]);
        assert!(s.runs_evenings());
        assert!(s.runs_weekends());
    }

    #[test]
    fn cost_facts() {
        let mut s = service();
        s.local.free = true;
        assert!(s.is_free());
        s.cost_options.push(CostOption {
            extra: Default::default(),
            id: "c".into(),
            option: Some("Per session".into()),
            amount: Some(2.5),
            currency: Some("GBP".into()),
            amount_description: None,
        });
        assert!(!s.is_free());
        assert_eq!(s.lowest_cost_pence(), Some(250));
    }

    #[test]
    fn staleness_is_twelve_months() {
        let mut s = service();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert!(s.is_stale(today));
        s.local.last_verified = Some(Verification {
            on: NaiveDate::from_ymd_opt(2025, 11, 22).unwrap(),
            by: "Sam".into(),
        });
        assert!(!s.is_stale(today));
        s.local.last_verified.as_mut().unwrap().on = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();
        assert!(s.is_stale(today));
    }

    #[test]
    fn status_uses_hsds_spelling() {
        let json = serde_json::to_string(&ServiceStatus::TemporarilyClosed).unwrap();
        assert_eq!(json, "\"temporarily closed\"");
    }
}
