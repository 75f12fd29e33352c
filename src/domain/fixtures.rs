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
    use super::directory::{LocalInfo, Service, ServiceStatus};
    use super::ids::{OrganisationId, ServiceId};
    Service {
        id: ServiceId::from(id),
        organization_id: OrganisationId::from("o1"),
        name: name.into(),
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
        schedules,
        languages: vec![],
        service_areas: vec![],
        locations: vec![],
        taxonomy_terms: vec![],
        local: LocalInfo::default(),
    }
}
