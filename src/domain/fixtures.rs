//! Sample records for unit tests.

use super::ids::PersonId;
use super::person::Person;
use super::referral::{Consent, Need, Referral, ReferralSource, Urgency};
use chrono::NaiveDate;

/// A person with only a name.
pub fn person(id: u64, given: &str, family: &str) -> Person {
    Person {
        id: PersonId(id),
        given_name: given.into(),
        family_name: family.into(),
        preferred_name: None,
        date_of_birth: None,
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

/// A routine referral received on `received`.
pub fn referral(
    received: NaiveDate,
    source: ReferralSource,
    need: Need,
    consent: Consent,
) -> Referral {
    Referral {
        received,
        source,
        referrer_name: None,
        referrer_organisation: None,
        needs: vec![need],
        reason: String::new(),
        urgency: Urgency::Routine,
        consent_to_share: consent,
        snomed_events: vec![],
    }
}

/// An active service with a name, schedules and nothing else.
pub fn service(
    id: &str,
    name: &str,
    schedules: Vec<super::directory::Schedule>,
) -> super::directory::Service {
    use super::ids::{OrganisationId, ServiceId};
    super::directory::Service {
        organization_id: OrganisationId::from("o1"),
        name: name.into(),
        schedules,
        ..super::directory::blank_service(ServiceId::from(id))
    }
}

/// A location with one address in `city` (and `postcode`, if given).
pub fn place(city: &str, postcode: Option<&str>) -> super::directory::Location {
    use super::directory::{Address, Location};
    Location {
        at: Default::default(),
        extra: Default::default(),
        id: "l".into(),
        location_type: None,
        name: None,
        description: None,
        transportation: None,
        latitude: None,
        longitude: None,
        addresses: vec![Address {
            extra: Default::default(),
            id: "a".into(),
            address_1: None,
            address_2: None,
            city: Some(city.into()),
            region: None,
            state_province: None,
            postal_code: postcode.map(Into::into),
            country: None,
            address_type: None,
        }],
        accessibility: vec![],
    }
}

/// A fixed moment for records made in tests (noon UTC, 22 November 2026),
/// so no test depends on the day it runs.
pub fn noon() -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc
        .with_ymd_and_hms(2026, 11, 22, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A ladder step attended at `at` on `rung`, with nobody recorded as going.
pub fn attended(
    at: chrono::NaiveDateTime,
    rung: super::ladder::Rung,
) -> super::ladder::LadderEvent {
    super::ladder::LadderEvent {
        at,
        rung,
        outcome: super::ladder::EventOutcome::Attended,
        who_went: Vec::new(),
        who_went_as_typed: None,
        report_back: None,
        notes: String::new(),
        step_up_reason: None,
        revisions: Vec::new(),
        struck: None,
    }
}
