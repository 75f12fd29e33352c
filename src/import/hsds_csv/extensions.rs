//! `extensions.json`, written beside the official tables: the fields of
//! each record that the tables have no column for (a publisher's own
//! fields, and lists inside records the tables do not link), by table and
//! id, so that JSON -> CSV -> JSON gives back every field while the tables
//! stay exactly the official ones.

use crate::domain::directory::taxonomy::Vocabulary;
use crate::domain::directory::{Extra, Organisation, Service};
use std::collections::BTreeMap;

/// The file's name in the package.
pub const FILE: &str = "extensions.json";

/// The kept fields: table (HSDS resource) -> record id -> fields.
pub type Kept = BTreeMap<String, BTreeMap<String, Extra>>;

/// Reads the file (a file that is not such a map is refused whole).
pub fn read(bytes: &[u8]) -> Result<Kept, crate::import::ImportError> {
    serde_json::from_slice(bytes).map_err(|e| crate::import::ImportError::Shape {
        file: FILE.into(),
        message: format!("is not a map of tables to records' fields ({e})"),
    })
}

/// Puts the kept fields back on the records they came from.
pub fn apply(
    kept: &Kept,
    services: &mut [Service],
    organisations: &mut [Organisation],
    vocabulary: &mut Vocabulary,
) {
    let put = |resource: &str, id: &str, extra: &mut Extra| {
        if let Some(fields) = kept.get(resource).and_then(|t| t.get(id)) {
            for (k, v) in fields {
                extra.insert(k.clone(), v.clone());
            }
        }
    };
    for t in vocabulary.terms.values_mut() {
        put("taxonomy_term", &t.id, &mut t.extra);
    }
    for t in vocabulary.taxonomies.values_mut() {
        put("taxonomy", &t.id, &mut t.extra);
    }
    for o in organisations.iter_mut() {
        put("organization", &o.id.0, &mut o.extra);
        o.phones
            .iter_mut()
            .for_each(|p| put("phone", &p.id, &mut p.extra));
    }
    for s in services {
        put("service", &s.id.0, &mut s.extra);
        s.phones
            .iter_mut()
            .for_each(|p| put("phone", &p.id, &mut p.extra));
        s.schedules
            .iter_mut()
            .for_each(|x| put("schedule", &x.id, &mut x.extra));
        s.cost_options
            .iter_mut()
            .for_each(|c| put("cost_option", &c.id, &mut c.extra));
        s.languages
            .iter_mut()
            .for_each(|l| put("language", &l.id, &mut l.extra));
        s.service_areas
            .iter_mut()
            .for_each(|a| put("service_area", &a.id, &mut a.extra));
        for c in &mut s.contacts {
            put("contact", &c.id, &mut c.extra);
            c.phones
                .iter_mut()
                .for_each(|p| put("phone", &p.id, &mut p.extra));
        }
        for l in &mut s.locations {
            put("location", &l.id, &mut l.extra);
            l.addresses
                .iter_mut()
                .for_each(|a| put("address", &a.id, &mut a.extra));
            l.accessibility
                .iter_mut()
                .for_each(|a| put("accessibility", &a.id, &mut a.extra));
            if let Some(at) = &mut l.at {
                put("service_at_location", &at.id, &mut at.extra);
            }
        }
        for t in &mut s.taxonomy_terms {
            put("taxonomy_term", &t.id, &mut t.extra);
            if let Some(a) = &mut t.attribute {
                put("attribute", &a.id, &mut a.extra);
            }
        }
    }
}
