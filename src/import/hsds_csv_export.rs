//! Writing the directory as HSDS 3.0 tabular data: `datapackage.json` and
//! one CSV table per object, the inverse of [`super::hsds_csv::parse`] for
//! every field linkwork models.

use crate::domain::directory::taxonomy::Vocabulary;
use crate::domain::directory::{Extra, Organisation, Service, ServiceStatus, TaxonomyTerm};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// A table being written: its HSDS resource, the columns linkwork fills
/// and its rows (written out in the official columns, see [`official`]).
struct Out {
    resource: &'static str,
    header: &'static [&'static str],
    /// Each row's cells in `header` order, and the fields its record keeps
    /// without modelling them (which fill the official columns `header`
    /// lacks).
    rows: Vec<(Vec<String>, Extra)>,
    /// The ids written so far, with a hash of their row.
    ids: HashMap<String, u64>,
}

impl Out {
    fn new(resource: &'static str, header: &'static [&'static str]) -> Self {
        Self {
            resource,
            header,
            rows: Vec::new(),
            ids: HashMap::new(),
        }
    }

    /// Adds a row (its first cell the id), with its record's other fields
    /// (see [`Out::rows`]), and returns the id it has. Every
    /// id is written once, as the table's primary key wants: the same
    /// record met again (a phone of an organisation and its service) is
    /// written once; another record under an id already used (feeds that
    /// number each service's schedules 1, 2 ...) gets an id of its own, a
    /// UUID made from the table, the id and a count.
    fn row_with(&mut self, mut cells: Vec<String>, extra: &Extra) -> String {
        let hash = |cells: &[String]| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            cells[1..].hash(&mut h);
            serde_json::to_string(extra)
                .unwrap_or_default()
                .hash(&mut h);
            h.finish()
        };
        let Some(id) = cells.first().cloned() else {
            return String::new();
        };
        match self.ids.get(&id) {
            Some(seen) if *seen == hash(&cells) => return id,
            Some(_) => {
                cells[0] = (1..)
                    .map(|n| {
                        super::hsds_export::stable_uuid(&format!("{}/{id}/{n}", self.resource))
                    })
                    .find(|new| !self.ids.contains_key(new))
                    .unwrap_or_default();
            }
            None => {}
        }
        self.ids.insert(cells[0].clone(), hash(&cells));
        let id = cells[0].clone();
        self.rows.push((cells, extra.clone()));
        id
    }
}

/// A kept field's value as a cell: text as it is, a number or yes/no as
/// written in JSON; a list or object has a table of its own, not a cell.
fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn num<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn status(s: ServiceStatus) -> String {
    match s {
        ServiceStatus::Active => "active",
        ServiceStatus::Inactive => "inactive",
        ServiceStatus::Defunct => "defunct",
        ServiceStatus::TemporarilyClosed => "temporarily closed",
    }
    .into()
}

/// The files of the package: (file name, contents), `datapackage.json`
/// first.
pub fn tables(
    services: &[Service],
    organisations: &[Organisation],
) -> Result<Vec<(String, Vec<u8>)>, csv::Error> {
    tables_with_vocabulary(services, organisations, &Vocabulary::default())
}

/// [`tables`], with the directory's vocabulary: its taxonomies, and its
/// terms that tag no service, in their tables too.
pub fn tables_with_vocabulary(
    services: &[Service],
    organisations: &[Organisation],
    vocabulary: &Vocabulary,
) -> Result<Vec<(String, Vec<u8>)>, csv::Error> {
    let mut outs = Outs::new();
    for o in organisations {
        let o = &super::hsds_export::organisation_with_export_ids(o);
        outs.orgs.row_with(
            vec![
                o.id.0.clone(),
                o.name.clone(),
                opt(&o.description),
                opt(&o.email),
                opt(&o.website),
                opt(&o.legal_status),
            ],
            &o.extra,
        );
        for p in &o.phones {
            outs.phones
                .row_with(phone_row(p, "", &o.id.0, ""), &p.extra);
        }
    }
    let mut seen_locations = HashSet::new();
    let mut seen_terms = HashSet::new();
    for s in services {
        let s = &super::hsds_export::service_with_export_ids(s);
        outs.service(s, &mut seen_locations, &mut seen_terms);
    }
    for t in vocabulary.terms.values() {
        if seen_terms.insert(t.id.clone()) {
            outs.terms.row_with(term_row(t), &t.extra);
        }
    }
    for t in vocabulary.taxonomies.values() {
        outs.taxonomies.row_with(
            vec![
                t.id.clone(),
                t.name.clone(),
                opt(&t.description),
                opt(&t.uri),
                opt(&t.version),
            ],
            &t.extra,
        );
    }
    let Outs {
        orgs,
        svc,
        locations,
        sal,
        addresses,
        access,
        schedules,
        phones,
        contacts,
        costs,
        languages,
        areas,
        attributes,
        terms,
        taxonomies,
    } = outs;
    let all = [
        orgs, svc, locations, sal, addresses, access, schedules, phones, contacts, costs,
        languages, areas, attributes, terms, taxonomies,
    ];
    official(&all)
}

/// The official HSDS 3.0 tabular package descriptor.
pub(crate) const OFFICIAL: &str = include_str!("hsds_csv_export/datapackage.json");

/// The package as the official descriptor has it: its `datapackage.json`,
/// and every one of its tables with exactly its columns in its order (what
/// linkwork holds in them, the rest empty). Times are written `HH:MM:SS`
/// as the standard types them, by the JSON export too, so JSON -> CSV ->
/// JSON stays exact.
fn official(ours: &[Out]) -> Result<Vec<(String, Vec<u8>)>, csv::Error> {
    let package: serde_json::Value = serde_json::from_str(OFFICIAL).unwrap_or_default();
    let mut files = vec![("datapackage.json".to_owned(), OFFICIAL.as_bytes().to_vec())];
    // What no column of its table holds, kept beside the tables.
    let mut kept = super::hsds_csv::extensions::Kept::new();
    for resource in package["resources"].as_array().into_iter().flatten() {
        let (Some(name), Some(path)) = (resource["name"].as_str(), resource["path"].as_str())
        else {
            continue;
        };
        let fields: Vec<&str> = resource["schema"]["fields"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["name"].as_str())
            .collect();
        let mine = ours.iter().find(|o| o.resource == name);
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&fields)?;
        if let Some(mine) = mine {
            let at: Vec<Option<usize>> = fields
                .iter()
                .map(|f| mine.header.iter().position(|h| h == f))
                .collect();
            for (row, extra) in &mine.rows {
                let cells = fields.iter().zip(&at).map(|(field, i)| match i {
                    Some(i) => row.get(*i).cloned().unwrap_or_default(),
                    None => extra.get(*field).map(cell).unwrap_or_default(),
                });
                w.write_record(cells)?;
                let left: Extra = extra
                    .iter()
                    .filter(|(k, v)| !fields.contains(&k.as_str()) || v.is_array() || v.is_object())
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                if let (false, Some(id)) = (left.is_empty(), row.first()) {
                    kept.entry(name.to_owned())
                        .or_default()
                        .insert(id.clone(), left);
                }
            }
        }
        let bytes = w
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        files.push((path.to_owned(), bytes));
    }
    if !kept.is_empty() {
        let json = serde_json::to_vec_pretty(&kept)
            .map_err(|e| csv::Error::from(std::io::Error::other(e)))?;
        files.push((super::hsds_csv::extensions::FILE.to_owned(), json));
    }
    Ok(files)
}

/// The tables being written, one per HSDS resource.
struct Outs {
    orgs: Out,
    svc: Out,
    locations: Out,
    sal: Out,
    addresses: Out,
    access: Out,
    schedules: Out,
    phones: Out,
    contacts: Out,
    costs: Out,
    languages: Out,
    areas: Out,
    attributes: Out,
    terms: Out,
    taxonomies: Out,
}

impl Outs {
    fn new() -> Self {
        Self {
            orgs: Out::new("organization", &super::modelled::ORGANISATION),
            svc: Out::new("service", &super::modelled::SERVICE),
            locations: Out::new("location", &super::modelled::LOCATION),
            sal: Out::new("service_at_location", &["id", "service_id", "location_id"]),
            addresses: Out::new(
                "address",
                &[
                    "id",
                    "location_id",
                    "address_1",
                    "address_2",
                    "city",
                    "region",
                    "state_province",
                    "postal_code",
                    "country",
                    "address_type",
                ],
            ),
            access: Out::new(
                "accessibility",
                &["id", "location_id", "description", "details", "url"],
            ),
            schedules: Out::new(
                "schedule",
                &[
                    "id",
                    "service_id",
                    "freq",
                    "interval",
                    "byday",
                    "opens_at",
                    "closes_at",
                    "description",
                ],
            ),
            phones: Out::new(
                "phone",
                &[
                    "id",
                    "service_id",
                    "organization_id",
                    "contact_id",
                    "number",
                    "extension",
                    "type",
                    "description",
                ],
            ),
            contacts: Out::new("contact", &["id", "service_id", "name", "title", "email"]),
            costs: Out::new(
                "cost_option",
                &[
                    "id",
                    "service_id",
                    "option",
                    "currency",
                    "amount",
                    "amount_description",
                ],
            ),
            languages: Out::new("language", &["id", "service_id", "name", "code"]),
            areas: Out::new("service_area", &["id", "service_id", "name", "description"]),
            attributes: Out::new(
                "attribute",
                &[
                    "id",
                    "link_id",
                    "link_type",
                    "link_entity",
                    "taxonomy_term_id",
                ],
            ),
            terms: Out::new("taxonomy_term", &super::modelled::TAXONOMY_TERM),
            taxonomies: Out::new("taxonomy", &["id", "name", "description", "uri", "version"]),
        }
    }

    /// Writes one service and its nested records into the tables.
    fn service(
        &mut self,
        s: &Service,
        seen_locations: &mut HashSet<String>,
        seen_terms: &mut HashSet<String>,
    ) {
        let id = &s.id.0;
        self.svc.row_with(
            vec![
                id.clone(),
                s.organization_id.0.clone(),
                s.name.clone(),
                opt(&s.alternate_name),
                opt(&s.description),
                opt(&s.url),
                opt(&s.email),
                status(s.status),
                opt(&s.interpretation_services),
                opt(&s.application_process),
                opt(&s.fees_description),
                opt(&s.eligibility_description),
                num(s.minimum_age),
                num(s.maximum_age),
                opt(&s.alert),
                opt(&s.last_modified),
                num(s.assured_date),
            ],
            &s.extra,
        );
        for l in &s.locations {
            let at = l.at.as_ref().map(|a| a.extra.clone()).unwrap_or_default();
            self.sal.row_with(
                vec![
                    super::hsds_export::service_at_id(id, l),
                    id.clone(),
                    l.id.clone(),
                ],
                &at,
            );
            if !seen_locations.insert(l.id.clone()) {
                continue;
            }
            self.locations.row_with(
                vec![
                    l.id.clone(),
                    opt(&l.location_type),
                    opt(&l.name),
                    opt(&l.description),
                    opt(&l.transportation),
                    num(l.latitude),
                    num(l.longitude),
                ],
                &l.extra,
            );
            for a in &l.addresses {
                self.addresses.row_with(
                    vec![
                        a.id.clone(),
                        l.id.clone(),
                        opt(&a.address_1),
                        opt(&a.address_2),
                        opt(&a.city),
                        opt(&a.region),
                        opt(&a.state_province),
                        opt(&a.postal_code),
                        opt(&a.country),
                        opt(&a.address_type),
                    ],
                    &a.extra,
                );
            }
            for a in &l.accessibility {
                self.access.row_with(
                    vec![
                        a.id.clone(),
                        l.id.clone(),
                        opt(&a.description),
                        opt(&a.details),
                        opt(&a.url),
                    ],
                    &a.extra,
                );
            }
        }
        for x in &s.schedules {
            let (owner, extra) = published_on(id, s, &x.at, &x.extra);
            self.schedules.row_with(
                vec![
                    x.id.clone(),
                    owner,
                    opt(&x.freq),
                    num(x.interval),
                    opt(&x.byday),
                    opt(&super::hsds_export::time(&x.opens_at)),
                    opt(&super::hsds_export::time(&x.closes_at)),
                    opt(&x.description),
                ],
                &extra,
            );
        }
        for p in &s.phones {
            let (owner, extra) = published_on(id, s, &p.at, &p.extra);
            self.phones.row_with(phone_row(p, &owner, "", ""), &extra);
        }
        for c in &s.contacts {
            let contact = self.contacts.row_with(
                vec![
                    c.id.clone(),
                    id.clone(),
                    opt(&c.name),
                    opt(&c.title),
                    opt(&c.email),
                ],
                &c.extra,
            );
            for p in &c.phones {
                let mut extra = p.extra.clone();
                if let Some(at) = &p.at {
                    extra.insert("service_at_location_id".into(), at.clone().into());
                }
                self.phones.row_with(phone_row(p, "", "", &contact), &extra);
            }
        }
        for c in &s.cost_options {
            self.costs.row_with(
                vec![
                    c.id.clone(),
                    id.clone(),
                    opt(&c.option),
                    opt(&c.currency),
                    num(c.amount),
                    opt(&c.amount_description),
                ],
                &c.extra,
            );
        }
        for l in &s.languages {
            self.languages.row_with(
                vec![l.id.clone(), id.clone(), opt(&l.name), opt(&l.code)],
                &l.extra,
            );
        }
        for a in &s.service_areas {
            self.areas.row_with(
                vec![a.id.clone(), id.clone(), opt(&a.name), opt(&a.description)],
                &a.extra,
            );
        }
        for t in &s.taxonomy_terms {
            // What the publisher said the link is, else ours (as the JSON
            // export writes it).
            let published = t
                .attribute
                .as_ref()
                .map(|a| a.extra.clone())
                .unwrap_or_default();
            let said = |field: &str, ours: &str| {
                published.get(field).map_or_else(|| ours.to_owned(), cell)
            };
            self.attributes.row_with(
                vec![
                    super::hsds_export::attribute_id(id, t),
                    said("link_id", id),
                    said("link_type", ""),
                    said("link_entity", "service"),
                    t.id.clone(),
                ],
                &published,
            );
            if seen_terms.insert(t.id.clone()) {
                self.terms.row_with(term_row(t), &t.extra);
            }
        }
    }
}

/// A taxonomy term's modelled columns.
fn term_row(t: &TaxonomyTerm) -> Vec<String> {
    vec![
        t.id.clone(),
        opt(&t.code),
        t.name.clone(),
        opt(&t.description),
        opt(&t.taxonomy),
    ]
}

/// Who a schedule or phone of service `id` belongs to in CSV: the
/// service, or (with `service_at_location_id` among its other fields) the
/// service-at-location it was published on.
fn published_on(id: &str, s: &Service, at: &Option<String>, extra: &Extra) -> (String, Extra) {
    let place = at.as_ref().and_then(|at| {
        s.locations
            .iter()
            .find(|l| l.at.as_ref().is_some_and(|a| &a.id == at))
    });
    match place {
        Some(l) => {
            let mut extra = extra.clone();
            extra.insert(
                "service_at_location_id".into(),
                super::hsds_export::service_at_id(id, l).into(),
            );
            (String::new(), extra)
        }
        None => (id.to_owned(), extra.clone()),
    }
}

/// A phones.csv row.
fn phone_row(
    p: &crate::domain::directory::Phone,
    service: &str,
    org: &str,
    contact: &str,
) -> Vec<String> {
    vec![
        p.id.clone(),
        service.to_owned(),
        org.to_owned(),
        contact.to_owned(),
        p.number.clone(),
        num(p.extension),
        opt(&p.kind),
        opt(&p.description),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::hsds_csv::parse;
    use crate::import::hsds_json::Parsed;
    use std::collections::HashMap;

    fn read_back(files: Vec<(String, Vec<u8>)>) -> Parsed {
        let files: HashMap<String, Vec<u8>> = files.into_iter().collect();
        parse(&mut |name: &str| Ok(files.get(name).cloned())).unwrap()
    }

    fn fixture() -> Parsed {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/openreferral/hsds3-csv"
        );
        parse(&mut |name: &str| Ok(std::fs::read(format!("{dir}/{name}")).ok())).unwrap()
    }

    #[test]
    fn the_open_referral_csv_example_imports_every_field_we_model() {
        let p = fixture();
        assert_eq!(p.services.len(), 1);
        let s = &p.services[0];
        assert_eq!(s.name, "Community Counselling");
        assert_eq!(s.minimum_age, Some(12));
        assert_eq!(p.organisations[0].name, "Example Organization Inc.");
        assert_eq!(s.locations[0].name.as_deref(), Some("MyCity Civic Center"));
        assert_eq!(
            s.locations[0].addresses[0].postal_code.as_deref(),
            Some("ABC 1234")
        );
        assert!(!s.locations[0].accessibility.is_empty());
        assert_eq!(s.schedules[0].byday.as_deref(), Some("TH,FR"));
        assert_eq!(s.cost_options[0].amount, Some(35.0));
        assert_eq!(s.contacts[0].name.as_deref(), Some("Ann Persona"));
        assert_eq!(
            s.contacts[0].phones.len(),
            1,
            "the phone belongs to the contact"
        );
        assert_eq!(s.languages[0].name.as_deref(), Some("Urdu"));
        assert_eq!(s.service_areas.len(), 1);
        assert!(s.alert.is_some() && s.assured_date.is_some() && s.last_modified.is_some());
    }

    #[test]
    fn csv_import_export_import_is_lossless() {
        let first = fixture();
        let second = read_back(tables(&first.services, &first.organisations).unwrap());
        assert_eq!(first.services, second.services);
        assert_eq!(first.organisations, second.organisations);
    }

    #[test]
    fn the_demo_directory_round_trips_through_csv() {
        let d = crate::demo::generate(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), 1);
        let back = read_back(tables(&d.services, &d.organisations).unwrap());
        assert_eq!(back.services.len(), d.services.len());
        for (a, b) in d.services.iter().zip(&back.services) {
            let mut a = a.clone();
            a.local = Default::default(); // our own fields are not part of the standard
            crate::import::hsds_export::times_as_exported(&mut a);
            // The ids the export made for the service-at-location and the
            // attribute are read back as theirs.
            let mut b = b.clone();
            b.locations.iter_mut().for_each(|l| l.at = None);
            b.taxonomy_terms.iter_mut().for_each(|t| t.attribute = None);
            assert_eq!(a, b);
        }
        assert_eq!(back.organisations, d.organisations);
    }
}
