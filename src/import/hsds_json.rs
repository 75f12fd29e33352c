//! Open Referral UK / HSDS 3.0 nested JSON: a single service, an array of
//! services, or an API page (`total_items`, `page_number`, `contents`).
//! Services carry their organisation nested (or its id, for one found
//! elsewhere in the import or already in the directory).

use super::{ImportError, Location, modelled, shorten};
use crate::domain::directory::taxonomy::Taxonomy;
use crate::domain::directory::{
    Accessibility, Address, Attribute, Contact, CostOption, Extra, Language, LocalInfo,
    Location as Venue, Organisation, Phone, Schedule, Service, ServiceArea, ServiceAt,
    ServiceStatus, TaxonomyTerm,
};
use crate::domain::ids::{OrganisationId, ServiceId};
use record::{Ctx, Seg, kind};
use serde_json::{Map, Value};

mod record;

/// What one file held.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// Services, in file order.
    pub services: Vec<Service>,
    /// Organisations found nested in services.
    pub organisations: Vec<Organisation>,
    /// Where each service came from (same order as `services`), for
    /// errors found later.
    pub origins: Vec<Location>,
    /// Things read but not kept, in a sentence each (for the summary).
    pub notes: Vec<String>,
    /// Records that were skipped as invalid, each named (file, record or
    /// line, id, field, what is wrong), in file order.
    pub rejected: Vec<ImportError>,
    /// Taxonomies and terms read (on their own, or tagging services), for
    /// the directory's vocabulary.
    pub vocabulary: crate::domain::directory::taxonomy::Vocabulary,
}

fn phone(c: &Ctx) -> Result<Phone, ImportError> {
    Ok(Phone {
        at: None,
        extra: c.rest(&[&modelled::PHONE]),
        id: c.required_text("id")?,
        number: c.required_text("number")?,
        extension: c.whole("extension")?,
        kind: c.text("type")?,
        description: c.text("description")?,
    })
}

fn schedule(c: &Ctx) -> Result<Schedule, ImportError> {
    Ok(Schedule {
        at: None,
        extra: c.rest(&[&modelled::SCHEDULE]),
        id: c.required_text("id")?,
        freq: c.text("freq")?,
        interval: c.whole("interval")?,
        byday: c.text("byday")?,
        opens_at: c.text("opens_at")?,
        closes_at: c.text("closes_at")?,
        description: c.text("description")?,
    })
}

fn address(c: &Ctx) -> Result<Address, ImportError> {
    Ok(Address {
        extra: c.rest(&[&modelled::ADDRESS]),
        id: c.required_text("id")?,
        address_1: c.text("address_1")?,
        address_2: c.text("address_2")?,
        city: c.text("city")?,
        region: c.text("region")?,
        state_province: c.text("state_province")?,
        postal_code: c.text("postal_code")?,
        country: c.text("country")?,
        address_type: c.text("address_type")?,
    })
}

fn venue(c: &Ctx) -> Result<Venue, ImportError> {
    Ok(Venue {
        at: None,
        extra: c.rest(&[&modelled::LOCATION, &["addresses", "accessibility"]]),
        id: c.required_text("id")?,
        location_type: c.text("location_type")?,
        name: c.text("name")?,
        description: c.text("description")?,
        transportation: c.text("transportation")?,
        latitude: c.number("latitude")?,
        longitude: c.number("longitude")?,
        addresses: c.list("addresses", address)?,
        accessibility: c.list("accessibility", |a| {
            Ok(Accessibility {
                extra: a.rest(&[&modelled::ACCESSIBILITY]),
                id: a.required_text("id")?,
                description: a.text("description")?,
                details: a.text("details")?,
                url: a.text("url")?,
            })
        })?,
    })
}

fn organisation(c: &Ctx) -> Result<Organisation, ImportError> {
    Ok(Organisation {
        // Its services are read as services of their own.
        extra: c.rest(&[&modelled::ORGANISATION, &["phones", "services"]]),
        id: OrganisationId(c.required_text("id")?),
        name: c.required_text("name")?,
        description: c.text("description")?,
        email: c.text("email")?,
        website: c.text("website")?,
        legal_status: c.text("legal_status")?,
        phones: c.list("phones", phone)?,
    })
}

fn status(c: &Ctx) -> Result<ServiceStatus, ImportError> {
    Ok(match c.text("status")?.map(|s| s.to_ascii_lowercase()) {
        None => ServiceStatus::Active,
        Some(s) => match s.trim() {
            "active" => ServiceStatus::Active,
            "inactive" => ServiceStatus::Inactive,
            "defunct" => ServiceStatus::Defunct,
            "temporarily closed" | "temporarily_closed" => ServiceStatus::TemporarilyClosed,
            other => {
                return Err(c.err(
                    "status",
                    format!(
                        "\"{}\" is not one of active, inactive, defunct, temporarily closed",
                        shorten(other)
                    ),
                ));
            }
        },
    })
}

/// Adds `item` to the list `key` of `extra`.
fn extra_list(extra: &mut Extra, key: &str, item: Value) {
    match extra
        .entry(key.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()))
    {
        Value::Array(items) => items.push(item),
        other => *other = Value::Array(vec![item]),
    }
}

fn service(c: &Ctx, out: &mut Parsed) -> Result<Service, ImportError> {
    let id = c.required_text("id")?;
    let nested = c
        .object("organization")?
        .map(|o| organisation(&o))
        .transpose()?;
    let organization_id = match (&nested, c.text("organization_id")?) {
        (Some(org), _) => org.id.clone(),
        (None, Some(org_id)) => OrganisationId(org_id),
        // HSDS 3.0 and the UK profile require only id, name and status: a
        // service may name no organisation (kept with an empty id).
        (None, None) => OrganisationId(String::new()),
    };
    if let Some(org) = nested {
        // Repeats are dropped once the file is read.
        out.organisations.push(org);
    }
    // A minimum age above the maximum is allowed by the standard: it is
    // kept, and shown as a data-quality warning on the service.
    let min = c.whole("minimum_age")?;
    let max = c.whole("maximum_age")?;
    let mut locations = Vec::new();
    let mut schedules = c.list("schedules", schedule)?;
    let mut phones = c.list("phones", phone)?;
    let mut extra = c.rest(&[&modelled::SERVICE, &modelled::SERVICE_NESTED]);
    for (i, sal) in c
        .list("service_at_locations", |s| Ok(s.obj))?
        .into_iter()
        .enumerate()
    {
        let s = c.child(Seg::Item("service_at_locations", i), sal);
        let at = s.text("id")?;
        let with_at = |mut x: Vec<Schedule>| {
            x.iter_mut().for_each(|x| x.at.clone_from(&at));
            x
        };
        schedules.extend(with_at(s.list("schedules", schedule)?));
        let mut more = s.list("phones", phone)?;
        more.iter_mut().for_each(|p| p.at.clone_from(&at));
        phones.extend(more);
        let record = ServiceAt {
            id: at.clone().unwrap_or_default(),
            extra: s.rest(&[&[
                "id",
                "service_id",
                "location_id",
                "location",
                "schedules",
                "phones",
            ]]),
        };
        match s.object("location")? {
            Some(loc) => {
                let mut place = venue(&loc)?;
                place.at = Some(record);
                locations.push(place);
            }
            // A service-at-location naming a location found elsewhere is
            // kept as published.
            None => extra_list(
                &mut extra,
                "service_at_locations",
                Value::Object(sal.clone()),
            ),
        }
    }
    let mut taxonomy_terms = Vec::new();
    for (i, attribute) in c.list("attributes", |a| Ok(a.obj))?.into_iter().enumerate() {
        let a = c.child(Seg::Item("attributes", i), attribute);
        match a.object("taxonomy_term")? {
            Some(t) => {
                let mut t = term(&t)?;
                t.attribute = Some(Attribute::of_service(
                    a.text("id")?.unwrap_or_default(),
                    a.rest(&[&["id", "taxonomy_term_id", "taxonomy_term"]]),
                    &id,
                ));
                taxonomy_terms.push(t);
            }
            // An attribute naming a term found elsewhere (or none) is kept
            // as published.
            None => extra_list(&mut extra, "attributes", Value::Object(attribute.clone())),
        }
    }
    Ok(Service {
        extra,
        id: ServiceId(id),
        organization_id,
        name: c.required_text("name")?,
        alternate_name: c.text("alternate_name")?,
        description: c.text("description")?,
        url: c.text("url")?,
        email: c.text("email")?,
        status: status(c)?,
        interpretation_services: c.text("interpretation_services")?,
        application_process: c.text("application_process")?,
        fees_description: c.text("fees_description")?,
        eligibility_description: c.text("eligibility_description")?,
        minimum_age: min,
        maximum_age: max,
        alert: c.text("alert")?,
        last_modified: c.text("last_modified")?,
        assured_date: c.date("assured_date")?,
        cost_options: c.list("cost_options", |o| {
            Ok(CostOption {
                extra: o.rest(&[&modelled::COST_OPTION]),
                id: o.required_text("id")?,
                option: o.text("option")?,
                amount: o.number("amount")?,
                currency: o.text("currency")?,
                amount_description: o.text("amount_description")?,
            })
        })?,
        phones,
        contacts: c.list("contacts", |o| {
            Ok(Contact {
                extra: o.rest(&[&modelled::CONTACT, &["phones"]]),
                id: o.required_text("id")?,
                name: o.text("name")?,
                title: o.text("title")?,
                email: o.text("email")?,
                phones: o.list("phones", phone)?,
            })
        })?,
        schedules,
        languages: c.list("languages", |o| {
            Ok(Language {
                extra: o.rest(&[&modelled::LANGUAGE]),
                id: o.required_text("id")?,
                name: o.text("name")?,
                code: o.text("code")?,
            })
        })?,
        service_areas: c.list("service_areas", |o| {
            Ok(ServiceArea {
                extra: o.rest(&[&modelled::SERVICE_AREA]),
                id: o.required_text("id")?,
                name: o.text("name")?,
                description: o.text("description")?,
            })
        })?,
        locations,
        taxonomy_terms,
        local: LocalInfo::default(),
    })
}

fn term(c: &Ctx) -> Result<TaxonomyTerm, ImportError> {
    Ok(TaxonomyTerm {
        attribute: None,
        extra: c.rest(&[&modelled::TAXONOMY_TERM]),
        id: c.required_text("id")?,
        code: c.text("code")?,
        name: c.required_text("name")?,
        description: c.text("description")?,
        taxonomy: c.text("taxonomy")?,
    })
}

/// Parses one file's bytes. `file` names it in errors.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Parsed, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| ImportError::Syntax {
        file: file.to_owned(),
        line: e.line(),
        column: e.column(),
        message: match e.classify() {
            serde_json::error::Category::Eof => "the JSON is cut short".into(),
            _ => format!(
                "this is not valid JSON ({})",
                e.to_string().split(" at line").next().unwrap_or("")
            ),
        },
    })?;
    if let Some(version) = older_version(&value) {
        return Err(ImportError::Shape {
            file: file.to_owned(),
            message: format!(
                "this is {version}; linkwork reads Open Referral UK 3.0 / HSDS 3.0 (ask the publisher for their 3.0 feed)"
            ),
        });
    }
    let records: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(obj) if obj.contains_key("contents") => match obj.get("contents") {
            Some(Value::Array(items)) => items.iter().collect(),
            _ => {
                return Err(ImportError::Shape {
                    file: file.to_owned(),
                    message: "\"contents\" should be a list of records".into(),
                });
            }
        },
        Value::Object(obj) if obj.contains_key("id") && obj.contains_key("name") => vec![&value],
        Value::Object(obj) if obj.contains_key("service") => vec![&value],
        // `{"services": []}`: nothing in it.
        Value::Object(obj) if matches!(obj.get("services"), Some(Value::Array(list)) if list.is_empty()) => {
            Vec::new()
        }
        Value::Object(obj) if matches!(obj.get("services"), Some(Value::Array(_))) => vec![&value],
        _ => {
            return Err(ImportError::Shape {
                file: file.to_owned(),
                message: "this is not Open Referral JSON (a service, organisation, service at a location, taxonomy or a list or page of them)".into(),
            });
        }
    };
    parse_records(file, records)
}

/// The older Open Referral version `value` is in, if it is one: ORUK 1.0
/// API pages (`content`, `totalElements`) and records (`organisation`,
/// `regular_schedules`, `physical_addresses`), or HSDS 1.x/2.0 records.
fn older_version(value: &Value) -> Option<&'static str> {
    if let Value::Object(o) = value
        && o.contains_key("content")
        && o.contains_key("totalElements")
    {
        return Some("an Open Referral UK 1.0 API page (\"content\", \"totalElements\")");
    }
    // The first record: of a list, of a page, or the file's one.
    let first = match value {
        Value::Array(items) => items.first(),
        Value::Object(o) => o
            .get("contents")
            .and_then(Value::as_array)
            .and_then(|c| c.first())
            .or(Some(value)),
        _ => None,
    };
    let o = first?.as_object()?;
    if o.contains_key("organisation") || o.contains_key("service_taxonomys") {
        return Some("Open Referral UK 1.0 (\"organisation\", \"service_taxonomys\")");
    }
    if super::OLDER_HSDS.iter().any(|f| o.contains_key(*f)) {
        return Some(super::OLDER_HSDS_SAYS);
    }
    None
}

/// What an Open Referral record is, from the fields it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Service,
    ServiceAtLocation,
    Organisation,
    Location,
    Taxonomy,
    TaxonomyTerm,
}

/// The kind of a record, or `None` when its fields do not say (a bare id,
/// name and description could be a service or an organisation).
fn classify(obj: &Map<String, Value>) -> Option<Kind> {
    let has = |k: &str| obj.contains_key(k);
    Some(if matches!(obj.get("service"), Some(Value::Object(_))) {
        Kind::ServiceAtLocation
    } else if has("status")
        || has("organization")
        || has("organization_id")
        || has("service_at_locations")
    {
        Kind::Service
    } else if has("taxonomy_detail")
        || has("parent_id")
        || has("term_uri")
        || has("code")
        || has("term")
    {
        Kind::TaxonomyTerm
    } else if has("version") || has("taxonomy_terms") {
        Kind::Taxonomy
    } else if has("location_type") || has("latitude") || has("addresses") {
        Kind::Location
    } else if has("services")
        || has("legal_status")
        || has("tax_status")
        || has("year_incorporated")
        || has("logo")
        || has("website")
        || has("parent_organization_id")
    {
        Kind::Organisation
    } else {
        return None;
    })
}

/// A service-at-location record as its service, with this location.
fn unwrap_service_at_location(obj: &Map<String, Value>) -> Value {
    let mut sal = obj.clone();
    let mut service = match sal.remove("service") {
        Some(Value::Object(service)) => service,
        _ => Map::new(),
    };
    let mut locations = match service.remove("service_at_locations") {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    };
    locations.push(Value::Object(sal));
    service.insert("service_at_locations".into(), Value::Array(locations));
    Value::Object(service)
}

fn parse_records(file: &str, records: Vec<&Value>) -> Result<Parsed, ImportError> {
    let mut out = Parsed::default();
    let mut others: std::collections::BTreeMap<Kind, usize> = Default::default();
    // A record whose fields do not say what it is takes the kind most of
    // the file's records have (a page of organisations), else a service.
    let mut kinds: std::collections::BTreeMap<Kind, usize> = Default::default();
    for r in &records {
        if let Some(k) = r.as_object().and_then(classify) {
            *kinds.entry(k).or_default() += 1;
        }
    }
    let usual = kinds
        .iter()
        .max_by_key(|(_, n)| **n)
        .map_or(Kind::Service, |(k, _)| *k);
    for (i, record) in records.into_iter().enumerate() {
        let at = |id: Option<&Value>| Location {
            file: file.to_owned(),
            record: Some(i + 1),
            line: None,
            id: id.and_then(Value::as_str).map(shorten),
        };
        let Value::Object(obj) = record else {
            out.rejected.push(ImportError::Field {
                at: at(None),
                field: "record".into(),
                message: format!("should be an object, not {}", kind(record)),
            });
            continue;
        };
        match classify(obj).unwrap_or(usual) {
            Kind::Service => one_service(obj, at(obj.get("id")), &mut out),
            Kind::ServiceAtLocation => {
                let service = unwrap_service_at_location(obj);
                if let Value::Object(service) = &service {
                    one_service(service, at(service.get("id")), &mut out);
                }
            }
            Kind::Organisation => {
                let here = at(obj.get("id"));
                let ctx = Ctx::top(&here, obj);
                match organisation(&ctx) {
                    Err(e) => out.rejected.push(e),
                    Ok(org) => {
                        // Its services, each given the organisation.
                        let mut org_only = obj.clone();
                        org_only.remove("services");
                        if let Some(Value::Array(nested)) = obj.get("services") {
                            for s in nested {
                                let Value::Object(s) = s else { continue };
                                let mut s = s.clone();
                                s.entry("organization")
                                    .or_insert_with(|| Value::Object(org_only.clone()));
                                one_service(&s, at(s.get("id")), &mut out);
                            }
                        }
                        out.organisations.push(org);
                    }
                }
            }
            Kind::TaxonomyTerm => {
                let here = at(obj.get("id"));
                match term(&Ctx::top(&here, obj)) {
                    Ok(t) => out.vocabulary.add_term(&t),
                    Err(e) => out.rejected.push(e),
                }
            }
            Kind::Taxonomy => {
                // Its terms, when it lists them (as the UK profile does),
                // are kept as terms of their own.
                let mut taxonomy = obj.clone();
                if let Some(Value::Array(terms)) = taxonomy.remove("taxonomy_terms") {
                    let here = at(obj.get("id"));
                    for t in terms.iter().filter_map(Value::as_object) {
                        match term(&Ctx::top(&here, t)) {
                            Ok(t) => out.vocabulary.add_term(&t),
                            Err(e) => out.rejected.push(e),
                        }
                    }
                }
                match serde_json::from_value::<Taxonomy>(Value::Object(taxonomy)) {
                    Ok(t) => out.vocabulary.add_taxonomy(t),
                    Err(e) => out.rejected.push(ImportError::Field {
                        at: at(obj.get("id")),
                        field: "taxonomy".into(),
                        message: format!(
                            "is not a taxonomy ({})",
                            e.to_string().split(" at line").next().unwrap_or("")
                        ),
                    }),
                }
            }
            other => *others.entry(other).or_default() += 1,
        }
    }
    for (_, n) in others {
        out.notes.push(format!(
            "{file} holds {n} location record{}, read but not stored on their own: locations are kept with the services at them",
            if n == 1 { "" } else { "s" }
        ));
    }
    // Each organisation once, as first seen.
    let mut seen = std::collections::HashSet::new();
    out.organisations.retain(|o| seen.insert(o.id.clone()));
    let orgs_alone = out.organisations.len();
    if out.services.is_empty() && orgs_alone > 0 {
        out.notes.push(format!(
            "{file} holds {orgs_alone} organisation{} and no services",
            if orgs_alone == 1 { "" } else { "s" }
        ));
    }
    Ok(out)
}

/// Reads one service record into `out` (or names it as skipped).
fn one_service(obj: &Map<String, Value>, at: Location, out: &mut Parsed) {
    let ctx = Ctx::top(&at, obj);
    // A record with a wrong value is skipped and named; the others go in
    // (the caller refuses the whole file if asked to be strict).
    let organisations = out.organisations.len();
    match service(&ctx, out) {
        Ok(s) => {
            for t in &s.taxonomy_terms {
                out.vocabulary.meet_term(t);
            }
            out.origins.push(at);
            out.services.push(s);
        }
        Err(e) => {
            out.organisations.truncate(organisations);
            out.rejected.push(e);
        }
    }
}

#[cfg(test)]
mod tests;
