//! Writing the directory back out as Open Referral UK / HSDS 3.0 nested
//! JSON (an API-style page), the inverse of [`super::hsds_json::parse`]
//! for every field linkwork models.

use crate::domain::directory::{
    Extra, Location, Organisation, Phone, Schedule, Service, ServiceStatus,
};
use serde_json::{Map, Value, json};

fn put(obj: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(v) = value {
        obj.insert(key.to_owned(), v.into());
    }
}

/// Writes back what the publisher gave that linkwork does not model: a
/// field not written already is added as published; a list written
/// already (a service's attributes) gets the published items it could not
/// model added after its own.
fn merge(o: &mut Map<String, Value>, extra: &Extra) {
    for (key, value) in extra {
        match (o.get_mut(key), value) {
            (None, v) => {
                o.insert(key.clone(), v.clone());
            }
            (Some(Value::Array(ours)), Value::Array(theirs)) => ours.extend(theirs.iter().cloned()),
            (Some(_), _) => {}
        }
    }
}

fn phone(p: &Phone) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), p.id.clone().into());
    o.insert("number".into(), p.number.clone().into());
    put(&mut o, "extension", p.extension);
    put(&mut o, "type", p.kind.clone());
    put(&mut o, "description", p.description.clone());
    merge(&mut o, &p.extra);
    Value::Object(o)
}

fn schedule(s: &Schedule) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), s.id.clone().into());
    put(&mut o, "freq", s.freq.clone());
    put(&mut o, "interval", s.interval);
    put(&mut o, "byday", s.byday.clone());
    put(&mut o, "opens_at", time(&s.opens_at));
    put(&mut o, "closes_at", time(&s.closes_at));
    put(&mut o, "description", s.description.clone());
    merge(&mut o, &s.extra);
    Value::Object(o)
}

/// A time as HSDS 3.0 types it, `HH:MM:SS` (`18:30` becomes `18:30:00`);
/// anything that is not a time is written as it was imported.
pub fn time(t: &Option<String>) -> Option<String> {
    let t = t.as_deref()?;
    Some(
        crate::domain::directory::clock_time(t)
            .map_or_else(|| t.to_owned(), |p| p.format("%H:%M:%S").to_string()),
    )
}

/// A UUID id is kept; any other becomes one made from the table, its
/// owner's id and its own.
fn export_id(table: &str, owner: &str, id: &mut String) {
    if uuid::Uuid::parse_str(id).is_err() {
        *id = stable_uuid(&format!("{table}/{owner}/{id}"));
    }
}

/// The service with the ids its exports write: the id of every record
/// inside it (phones, schedules, contacts, cost options, languages, areas,
/// addresses, accessibility) a UUID, as HSDS 3.0 wants (see [`export_id`]:
/// feeds that number each service's schedules 1, 2 ... get ids unique
/// across the directory, and the JSON and CSV exports give the same ones).
/// Made one service at a time as it is written, so an export never holds
/// a second copy of the directory.
pub fn service_with_export_ids(s: &Service) -> Service {
    let mut s = s.clone();
    let owner = s.id.0.clone();
    s.phones
        .iter_mut()
        .for_each(|p| export_id("phone", &owner, &mut p.id));
    s.schedules
        .iter_mut()
        .for_each(|x| export_id("schedule", &owner, &mut x.id));
    s.cost_options
        .iter_mut()
        .for_each(|c| export_id("cost_option", &owner, &mut c.id));
    s.languages
        .iter_mut()
        .for_each(|l| export_id("language", &owner, &mut l.id));
    s.service_areas
        .iter_mut()
        .for_each(|a| export_id("service_area", &owner, &mut a.id));
    for c in &mut s.contacts {
        export_id("contact", &owner, &mut c.id);
        let contact = c.id.clone();
        c.phones
            .iter_mut()
            .for_each(|p| export_id("phone", &contact, &mut p.id));
    }
    for l in &mut s.locations {
        let place = l.id.clone();
        l.addresses
            .iter_mut()
            .for_each(|a| export_id("address", &place, &mut a.id));
        l.accessibility
            .iter_mut()
            .for_each(|a| export_id("accessibility", &place, &mut a.id));
    }
    s
}

/// The organisation with the ids its exports write (its phones'; see
/// [`service_with_export_ids`]).
pub fn organisation_with_export_ids(o: &Organisation) -> Organisation {
    let mut o = o.clone();
    let owner = o.id.0.clone();
    o.phones
        .iter_mut()
        .for_each(|p| export_id("phone", &owner, &mut p.id));
    o
}

/// `service` with its schedules' times as the exports write them
/// (`HH:MM:SS`), for comparing a directory with its exported copy.
pub fn times_as_exported(service: &mut crate::domain::directory::Service) {
    for s in &mut service.schedules {
        s.opens_at = time(&s.opens_at);
        s.closes_at = time(&s.closes_at);
    }
}

/// `id` if it is a UUID already, else a UUID made from it (version 5, so
/// the same id always gives the same UUID), as HSDS 3.0 requires ids to be.
pub fn stable_uuid(id: &str) -> String {
    if uuid::Uuid::parse_str(id).is_ok() {
        return id.to_owned();
    }
    uuid::Uuid::new_v5(&ID_NAMESPACE, id.as_bytes()).to_string()
}

/// The namespace of the UUIDs linkwork makes: the v5 UUID of
/// `https://linkwork.invalid/hsds-ids` in the URL namespace (made once).
static ID_NAMESPACE: std::sync::LazyLock<uuid::Uuid> = std::sync::LazyLock::new(|| {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        b"https://linkwork.invalid/hsds-ids",
    )
});

fn location(l: &Location) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), l.id.clone().into());
    // Required by HSDS 3.0; a location we know only by its address is one
    // people go to.
    o.insert(
        "location_type".into(),
        l.location_type
            .clone()
            .unwrap_or_else(|| "physical".into())
            .into(),
    );
    put(&mut o, "name", l.name.clone());
    put(&mut o, "description", l.description.clone());
    put(&mut o, "transportation", l.transportation.clone());
    put(&mut o, "latitude", l.latitude);
    put(&mut o, "longitude", l.longitude);
    o.insert(
        "addresses".into(),
        l.addresses
            .iter()
            .map(|a| {
                let mut m = Map::new();
                m.insert("id".into(), a.id.clone().into());
                put(&mut m, "address_1", a.address_1.clone());
                put(&mut m, "address_2", a.address_2.clone());
                put(&mut m, "city", a.city.clone());
                put(&mut m, "region", a.region.clone());
                put(&mut m, "state_province", a.state_province.clone());
                put(&mut m, "postal_code", a.postal_code.clone());
                put(&mut m, "country", a.country.clone());
                put(&mut m, "address_type", a.address_type.clone());
                merge(&mut m, &a.extra);
                Value::Object(m)
            })
            .collect(),
    );
    o.insert(
        "accessibility".into(),
        l.accessibility
            .iter()
            .map(|a| {
                let mut m = Map::new();
                m.insert("id".into(), a.id.clone().into());
                put(&mut m, "description", a.description.clone());
                put(&mut m, "details", a.details.clone());
                put(&mut m, "url", a.url.clone());
                merge(&mut m, &a.extra);
                Value::Object(m)
            })
            .collect(),
    );
    merge(&mut o, &l.extra);
    Value::Object(o)
}

fn organisation(o: &Organisation) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), o.id.0.clone().into());
    m.insert("name".into(), o.name.clone().into());
    put(&mut m, "description", o.description.clone());
    put(&mut m, "email", o.email.clone());
    put(&mut m, "website", o.website.clone());
    put(&mut m, "legal_status", o.legal_status.clone());
    m.insert("phones".into(), o.phones.iter().map(phone).collect());
    merge(&mut m, &o.extra);
    Value::Object(m)
}

/// The id of the service-at-location linking service `service` to `l`:
/// the published one (a UUID made from it when it is not one), else one
/// made from the two ids. The CSV export gives the same.
pub fn service_at_id(service: &str, l: &Location) -> String {
    match &l.at {
        Some(at) if !at.id.is_empty() => stable_uuid(&at.id),
        _ => stable_uuid(&format!("{service}-at-{}", l.id)),
    }
}

/// The id of the attribute linking service `service` to term `t`, as
/// [`service_at_id`] makes it.
pub fn attribute_id(service: &str, t: &crate::domain::directory::TaxonomyTerm) -> String {
    match &t.attribute {
        Some(a) if !a.id.is_empty() => stable_uuid(&a.id),
        _ => stable_uuid(&format!("{service}-{}", t.id)),
    }
}

/// One service as HSDS JSON, its organisation nested when known.
pub fn service(s: &Service, org: Option<&Organisation>) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), s.id.0.clone().into());
    o.insert("name".into(), s.name.clone().into());
    put(&mut o, "alternate_name", s.alternate_name.clone());
    put(&mut o, "description", s.description.clone());
    put(&mut o, "url", s.url.clone());
    put(&mut o, "email", s.email.clone());
    let status = match s.status {
        ServiceStatus::Active => "active",
        ServiceStatus::Inactive => "inactive",
        ServiceStatus::Defunct => "defunct",
        ServiceStatus::TemporarilyClosed => "temporarily closed",
    };
    o.insert("status".into(), status.into());
    put(
        &mut o,
        "interpretation_services",
        s.interpretation_services.clone(),
    );
    put(&mut o, "application_process", s.application_process.clone());
    put(&mut o, "fees_description", s.fees_description.clone());
    put(
        &mut o,
        "eligibility_description",
        s.eligibility_description.clone(),
    );
    put(&mut o, "minimum_age", s.minimum_age);
    put(&mut o, "maximum_age", s.maximum_age);
    put(&mut o, "alert", s.alert.clone());
    put(&mut o, "last_modified", s.last_modified.clone());
    put(
        &mut o,
        "assured_date",
        s.assured_date.map(|d| d.to_string()),
    );
    if !s.organization_id.0.is_empty() {
        o.insert("organization_id".into(), s.organization_id.0.clone().into());
    }
    if let Some(org) = org {
        o.insert("organization".into(), organisation(org));
    }
    o.insert(
        "cost_options".into(),
        s.cost_options
            .iter()
            .map(|c| {
                let mut m = Map::new();
                m.insert("id".into(), c.id.clone().into());
                put(&mut m, "option", c.option.clone());
                put(&mut m, "amount", c.amount);
                put(&mut m, "currency", c.currency.clone());
                put(&mut m, "amount_description", c.amount_description.clone());
                merge(&mut m, &c.extra);
                Value::Object(m)
            })
            .collect(),
    );
    // Phones and schedules published on a service-at-location go back
    // there.
    let own = |at: &Option<String>| at.is_none();
    o.insert(
        "phones".into(),
        s.phones.iter().filter(|p| own(&p.at)).map(phone).collect(),
    );
    o.insert(
        "schedules".into(),
        s.schedules
            .iter()
            .filter(|x| own(&x.at))
            .map(schedule)
            .collect(),
    );
    o.insert(
        "contacts".into(),
        s.contacts
            .iter()
            .map(|c| {
                let mut m = Map::new();
                m.insert("id".into(), c.id.clone().into());
                put(&mut m, "name", c.name.clone());
                put(&mut m, "title", c.title.clone());
                put(&mut m, "email", c.email.clone());
                m.insert("phones".into(), c.phones.iter().map(phone).collect());
                merge(&mut m, &c.extra);
                Value::Object(m)
            })
            .collect(),
    );
    o.insert(
        "languages".into(),
        s.languages
            .iter()
            .map(|l| {
                let mut m = Map::new();
                m.insert("id".into(), l.id.clone().into());
                put(&mut m, "name", l.name.clone());
                put(&mut m, "code", l.code.clone());
                merge(&mut m, &l.extra);
                Value::Object(m)
            })
            .collect(),
    );
    o.insert(
        "service_areas".into(),
        s.service_areas
            .iter()
            .map(|a| {
                let mut m = Map::new();
                m.insert("id".into(), a.id.clone().into());
                put(&mut m, "name", a.name.clone());
                put(&mut m, "description", a.description.clone());
                merge(&mut m, &a.extra);
                Value::Object(m)
            })
            .collect(),
    );
    o.insert(
        "service_at_locations".into(),
        s.locations
            .iter()
            .map(|l| {
                let published = l.at.as_ref().map(|a| a.id.clone());
                let on_it = |at: &Option<String>| published.is_some() && *at == published;
                let mut m = Map::new();
                m.insert("id".into(), service_at_id(&s.id.0, l).into());
                m.insert("service_id".into(), s.id.0.clone().into());
                m.insert("location_id".into(), l.id.clone().into());
                m.insert("location".into(), location(l));
                let schedules: Vec<Value> = s
                    .schedules
                    .iter()
                    .filter(|x| on_it(&x.at))
                    .map(schedule)
                    .collect();
                if !schedules.is_empty() {
                    m.insert("schedules".into(), schedules.into());
                }
                let phones: Vec<Value> = s
                    .phones
                    .iter()
                    .filter(|p| on_it(&p.at))
                    .map(phone)
                    .collect();
                if !phones.is_empty() {
                    m.insert("phones".into(), phones.into());
                }
                if let Some(at) = &l.at {
                    merge(&mut m, &at.extra);
                }
                Value::Object(m)
            })
            .collect(),
    );
    o.insert(
        "attributes".into(),
        s.taxonomy_terms
            .iter()
            .map(|t| {
                let term_id = stable_uuid(&t.id);
                let mut term = Map::new();
                term.insert("id".into(), term_id.clone().into());
                put(&mut term, "code", t.code.clone());
                term.insert("name".into(), t.name.clone().into());
                // Required: the name says what the term is when the
                // publisher gave no description.
                term.insert(
                    "description".into(),
                    t.description
                        .clone()
                        .unwrap_or_else(|| t.name.clone())
                        .into(),
                );
                put(&mut term, "taxonomy", t.taxonomy.clone());
                merge(&mut term, &t.extra);
                let mut a = Map::new();
                a.insert("id".into(), attribute_id(&s.id.0, t).into());
                a.insert("taxonomy_term_id".into(), term_id.into());
                a.insert("taxonomy_term".into(), Value::Object(term));
                // What the publisher said the link is, else ours.
                if let Some(at) = &t.attribute {
                    merge(&mut a, &at.extra);
                }
                a.entry("link_id").or_insert_with(|| s.id.0.clone().into());
                a.entry("link_entity").or_insert_with(|| "service".into());
                Value::Object(a)
            })
            .collect(),
    );
    merge(&mut o, &s.extra);
    Value::Object(o)
}

/// The whole directory as one API-style page.
pub fn page(services: &[Service], organisations: &[Organisation]) -> Value {
    let by_id: std::collections::HashMap<_, _> = organisations.iter().map(|o| (&o.id, o)).collect();
    let contents: Vec<Value> = services
        .iter()
        .map(|s| {
            let org = by_id
                .get(&s.organization_id)
                .map(|o| organisation_with_export_ids(o));
            service(&service_with_export_ids(s), org.as_ref())
        })
        .collect();
    json!({
        "total_items": contents.len(),
        "total_pages": 1,
        "page_number": 1,
        "size": contents.len(),
        "first_page": true,
        "last_page": true,
        "empty": contents.is_empty(),
        "contents": contents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::hsds_json::parse;

    #[test]
    fn import_export_import_is_lossless() {
        for (name, text) in [
            (
                "service_full.json",
                include_str!("../../tests/fixtures/openreferral/service_full.json"),
            ),
            (
                "service_list.json",
                include_str!("../../tests/fixtures/openreferral/service_list.json"),
            ),
            (
                "service_at_location_full.json",
                include_str!("../../tests/fixtures/openreferral/service_at_location_full.json"),
            ),
        ] {
            let first = parse(name, text.as_bytes()).unwrap();
            let out = serde_json::to_vec(&page(&first.services, &first.organisations)).unwrap();
            let second = parse("export.json", &out).unwrap();
            assert_eq!(first.services, second.services, "{name}");
            assert_eq!(first.organisations, second.organisations, "{name}");
        }
    }

    #[test]
    fn the_demo_directory_round_trips() {
        let d = crate::demo::generate(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), 1);
        let out = serde_json::to_vec(&page(&d.services, &d.organisations)).unwrap();
        let back = parse("demo.json", &out).unwrap();
        assert_eq!(back.services.len(), d.services.len());
        for (a, b) in d.services.iter().zip(&back.services) {
            let mut a = a.clone();
            a.local = Default::default(); // our own fields are not part of the standard
            times_as_exported(&mut a);
            // The export made the service-at-location and attribute ids;
            // read back, they are kept, and exported the same again.
            let mut b = b.clone();
            for (l, made) in b.locations.iter_mut().zip(&a.locations) {
                assert_eq!(
                    l.at.as_ref().map(|x| x.id.clone()),
                    Some(service_at_id(&a.id.0, made))
                );
                l.at = None;
            }
            for (t, made) in b.taxonomy_terms.iter_mut().zip(&a.taxonomy_terms) {
                assert_eq!(
                    t.attribute.as_ref().map(|x| x.id.clone()),
                    Some(attribute_id(&a.id.0, made))
                );
                t.attribute = None;
            }
            assert_eq!(a, b);
        }
        let again = serde_json::to_vec(&page(&back.services, &back.organisations)).unwrap();
        assert_eq!(out, again, "exported again, the same bytes");
    }
}
