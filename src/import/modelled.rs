//! The fields of each HSDS record that linkwork models, by their HSDS
//! names: both importers keep every other field as published (see
//! [`crate::domain::directory::Extra`]), the JSON one among the record's
//! own, the CSV one among its table's columns (less the columns that link
//! it to its owner).

/// An organisation's (its services are read as services of their own).
pub const ORGANISATION: [&str; 6] = [
    "id",
    "name",
    "description",
    "email",
    "website",
    "legal_status",
];
/// A phone's.
pub const PHONE: [&str; 5] = ["id", "number", "extension", "type", "description"];
/// A schedule's.
pub const SCHEDULE: [&str; 7] = [
    "id",
    "freq",
    "interval",
    "byday",
    "opens_at",
    "closes_at",
    "description",
];
/// An address's.
pub const ADDRESS: [&str; 9] = [
    "id",
    "address_1",
    "address_2",
    "city",
    "region",
    "state_province",
    "postal_code",
    "country",
    "address_type",
];
/// A location's (its addresses and accessibility are records of their own).
pub const LOCATION: [&str; 7] = [
    "id",
    "location_type",
    "name",
    "description",
    "transportation",
    "latitude",
    "longitude",
];
/// An accessibility record's.
pub const ACCESSIBILITY: [&str; 4] = ["id", "description", "details", "url"];
/// A cost option's.
pub const COST_OPTION: [&str; 5] = ["id", "option", "amount", "currency", "amount_description"];
/// A contact's (its phones are records of their own).
pub const CONTACT: [&str; 4] = ["id", "name", "title", "email"];
/// A language's.
pub const LANGUAGE: [&str; 3] = ["id", "name", "code"];
/// A service area's.
pub const SERVICE_AREA: [&str; 3] = ["id", "name", "description"];
/// A taxonomy term's.
pub const TAXONOMY_TERM: [&str; 5] = ["id", "code", "name", "description", "taxonomy"];
/// A service's own fields (its nested records are records of their own).
pub const SERVICE: [&str; 17] = [
    "id",
    "organization_id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "interpretation_services",
    "application_process",
    "fees_description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "alert",
    "last_modified",
    "assured_date",
];
/// A service's nested records, as JSON names them.
pub const SERVICE_NESTED: [&str; 9] = [
    "organization",
    "cost_options",
    "phones",
    "contacts",
    "schedules",
    "languages",
    "service_areas",
    "service_at_locations",
    "attributes",
];
