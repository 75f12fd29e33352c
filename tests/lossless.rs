//! Nothing a publisher gave is lost: every official Open Referral example
//! (HSDS 3.0 and the UK profile) imported and exported again keeps every
//! field of every service, field by field: standard fields linkwork does
//! not model (a schedule's `valid_to`, a location's UPRN, an
//! organisation's `tax_id`...), the publisher's own extensions, and the
//! original ids of services at locations and attributes.

use linkwork::import::{hsds_export, hsds_json};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openreferral")
}

/// The JSON example files, with the service records each holds.
fn examples() -> Vec<(String, Vec<Value>)> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["", "hsds3-json", "uk-profile-json"] {
        for entry in std::fs::read_dir(fixtures().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    for path in files {
        let value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let mut services = Vec::new();
        collect_services(&value, &mut services);
        out.push((path.display().to_string(), services));
    }
    out
}

/// Service records anywhere in an example: a service, a list or page of
/// them, an organisation's `services`, a service at a location's
/// `service`.
fn collect_services(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect_services(i, out)),
        Value::Object(o) => {
            if let Some(c) = o.get("contents") {
                return collect_services(c, out);
            }
            if o.contains_key("status") && o.contains_key("name") && !o.contains_key("services") {
                out.push(v.clone());
            }
            if let Some(s) = o.get("services") {
                collect_services(s, out);
            }
            if let Some(s) = o.get("service") {
                let mut s = s.clone();
                // The location the record is about is the service's.
                if let (Some(loc), Value::Object(m)) = (o.get("location"), &mut s) {
                    let mut sal = o.clone();
                    sal.remove("service");
                    sal.insert("location".into(), loc.clone());
                    m.insert(
                        "service_at_locations".into(),
                        Value::Array(vec![Value::Object(sal)]),
                    );
                }
                out.push(s);
            }
        }
        _ => {}
    }
}

/// Two leaves are the same value as the standard types it: a time with or
/// without seconds, a number however written.
fn same_leaf(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) if x == y => true,
        (Value::String(x), Value::String(y)) => {
            let t = |s: &str| linkwork::domain::directory::clock_time(s);
            x.len() <= 8 && t(x).is_some() && t(x) == t(y)
        }
        _ => a == b,
    }
}

/// Every field of `original` (below `path`) that is not `null`, checked
/// against `exported`; lists are matched item by item by `id` where the
/// items have one. Differences are pushed as "path: what".
fn diff(path: &str, original: &Value, exported: Option<&Value>, out: &mut Vec<String>) {
    if original.is_null() {
        return;
    }
    let Some(exported) = exported else {
        out.push(format!("{path}: missing"));
        return;
    };
    match (original, exported) {
        (Value::Object(o), Value::Object(e)) => {
            for (k, v) in o {
                diff(&format!("{path}.{k}"), v, e.get(k), out);
            }
        }
        (Value::Array(o), Value::Array(e)) => {
            for (i, item) in o.iter().enumerate() {
                let found = match item.get("id") {
                    Some(id) => e.iter().find(|x| x.get("id") == Some(id)),
                    None => e.get(i),
                };
                diff(&format!("{path}[{i}]"), item, found, out);
            }
        }
        (o, e) if same_leaf(o, e) => {}
        (o, e) => out.push(format!("{path}: {o} became {e}")),
    }
}

#[test]
fn every_field_of_every_official_example_survives_import_and_export() {
    let mut checked = 0;
    let mut fields = 0;
    for (file, originals) in examples() {
        if originals.is_empty() {
            continue;
        }
        let bytes = std::fs::read(&file).unwrap();
        let parsed = hsds_json::parse(&file, &bytes).unwrap();
        assert!(parsed.rejected.is_empty(), "{file}: {:?}", parsed.rejected);
        let page = hsds_export::page(&parsed.services, &parsed.organisations);
        let exported = page["contents"].as_array().unwrap();
        for original in &originals {
            let id = &original["id"];
            let ours = exported
                .iter()
                .find(|s| &s["id"] == id)
                .unwrap_or_else(|| panic!("{file}: service {id} not exported"));
            let mut problems = Vec::new();
            let mut original = original.clone();
            // An organisation's services are the organisation's own record
            // around them; a nested organisation is compared as one.
            if let Some(o) = original
                .get_mut("organization")
                .and_then(Value::as_object_mut)
            {
                o.remove("services");
            }
            diff("service", &original, Some(ours), &mut problems);
            assert!(
                problems.is_empty(),
                "{file}: service {id} lost or changed:\n{}",
                problems.join("\n")
            );
            checked += 1;
            fields += leaves(&original);
        }
    }
    assert!(checked >= 6, "{checked} services checked");
    eprintln!("lossless: {checked} services, {fields} fields kept");
}

fn leaves(v: &Value) -> usize {
    match v {
        Value::Object(o) => o.values().map(leaves).sum(),
        Value::Array(a) => a.iter().map(leaves).sum(),
        Value::Null => 0,
        _ => 1,
    }
}

#[test]
fn a_publishers_own_fields_and_ids_come_back_out() {
    let feed = br#"{"id": "svc-1", "name": "Knit and Natter", "status": "active",
      "x_council_reference": "SAL-0042", "wait_time": "2 weeks",
      "fees": "None", "accreditations": "Quality Mark",
      "organization": {"id": "org-1", "name": "Eccles Crafters", "tax_id": "1234567",
        "x_funding_stream": {"name": "Lottery", "years": [2024, 2025]}},
      "schedules": [{"id": "sch-1", "freq": "WEEKLY", "byday": "TU",
        "opens_at": "14:00", "closes_at": "16:00", "valid_to": "2027-03-31",
        "notes": "Not in August", "attending_type": "in_person"}],
      "service_at_locations": [{"id": "sal-original-7", "description": "Upstairs room",
        "schedules": [{"id": "sch-2", "freq": "MONTHLY", "byday": "1SA",
          "opens_at": "10:00", "closes_at": "12:00"}],
        "location": {"id": "loc-1", "location_type": "physical",
          "external_identifier": "100011456789", "external_identifier_type": "UPRN",
          "url": "https://example.org/library",
          "addresses": [{"id": "adr-1", "attention": "Reception", "address_1": "Church St",
            "city": "Eccles", "postal_code": "M30 0FN", "country": "GB",
            "address_type": "physical", "state_province": "Greater Manchester"}]}}],
      "attributes": [{"id": "attr-original-3", "link_type": "primary", "value": "yes",
        "taxonomy_term": {"id": "t-1", "name": "Crafts", "parent_id": "t-0",
          "term_uri": "https://example.org/crafts"}},
        {"id": "attr-4", "taxonomy_term_id": "t-9"}]}"#;
    let parsed = hsds_json::parse("feed.json", feed).unwrap();
    let s = &parsed.services[0];
    assert_eq!(s.extra["x_council_reference"], "SAL-0042");
    assert_eq!(
        s.schedules.len(),
        2,
        "the service-at-location's schedule is shown too"
    );
    let page = hsds_export::page(&parsed.services, &parsed.organisations);
    let out = &page["contents"][0];
    assert_eq!(out["x_council_reference"], "SAL-0042");
    assert_eq!(out["wait_time"], "2 weeks");
    assert_eq!(out["organization"]["tax_id"], "1234567");
    assert_eq!(out["organization"]["x_funding_stream"]["years"][1], 2025);
    assert_eq!(out["schedules"].as_array().unwrap().len(), 1);
    assert_eq!(out["schedules"][0]["valid_to"], "2027-03-31");
    assert_eq!(out["schedules"][0]["notes"], "Not in August");
    let sal = &out["service_at_locations"][0];
    assert_eq!(
        sal["id"],
        hsds_export::stable_uuid("sal-original-7"),
        "the published id, as a UUID"
    );
    assert_eq!(sal["description"], "Upstairs room");
    assert_eq!(
        sal["schedules"][0]["byday"], "1SA",
        "back on its service at location"
    );
    assert_eq!(sal["location"]["external_identifier"], "100011456789");
    assert_eq!(sal["location"]["addresses"][0]["attention"], "Reception");
    let attrs = out["attributes"].as_array().unwrap();
    assert_eq!(
        attrs.len(),
        2,
        "the attribute naming a term elsewhere is kept"
    );
    assert_eq!(attrs[0]["id"], hsds_export::stable_uuid("attr-original-3"));
    assert_eq!(attrs[0]["link_type"], "primary");
    assert_eq!(attrs[0]["taxonomy_term"]["parent_id"], "t-0");
    assert_eq!(attrs[1]["taxonomy_term_id"], "t-9");
    // And again: the same bytes.
    let again = hsds_json::parse("out.json", &serde_json::to_vec(&page).unwrap()).unwrap();
    let page2 = hsds_export::page(&again.services, &again.organisations);
    assert_eq!(page, page2);
}

#[test]
fn the_official_full_example_comes_back_from_csv_with_every_field() {
    use std::collections::HashMap;
    let file = fixtures().join("service_full.json");
    let parsed = hsds_json::parse("service_full.json", &std::fs::read(&file).unwrap()).unwrap();
    let first = hsds_export::page(&parsed.services, &parsed.organisations);
    let tables: HashMap<String, Vec<u8>> =
        linkwork::import::hsds_csv_export::tables(&parsed.services, &parsed.organisations)
            .unwrap()
            .into_iter()
            .collect();
    let back =
        linkwork::import::hsds_csv::parse(&mut |name: &str| Ok(tables.get(name).cloned())).unwrap();
    let again = hsds_export::page(&back.services, &back.organisations);
    // CSV tables want every id once: a record the example repeats under
    // one id (a phone on the service, its contact and its location) is
    // written again under an id of its own. Only those ids may differ:
    // every other field, theirs included, must come back whole.
    let text = first.to_string();
    let mut expected = first.clone();
    drop_repeated(&mut expected, &text);
    let mut problems = Vec::new();
    diff("page", &expected, Some(&again), &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let compared = leaves(&expected);
    assert!(
        compared * 10 > leaves(&first) * 8,
        "most of the example is compared: {compared} of {}",
        leaves(&first)
    );
}

/// `v` with the ids taken out of the records whose own `id` is given to
/// more than one record in `text` (references to an id do not count).
fn drop_repeated(v: &mut Value, text: &str) {
    let repeated = |id: &str| text.matches(&format!("\"id\":\"{id}\"")).count() > 1;
    match v {
        Value::Array(items) => items.iter_mut().for_each(|i| drop_repeated(i, text)),
        Value::Object(o) => {
            let ids: Vec<String> = o
                .iter()
                .filter(|(k, x)| *k == "id" || k.ends_with("_id") && x.is_string())
                .filter(|(_, x)| x.as_str().is_some_and(repeated))
                .map(|(k, _)| k.clone())
                .collect();
            ids.iter().for_each(|k| {
                o.remove(k);
            });
            o.values_mut().for_each(|x| drop_repeated(x, text));
        }
        _ => {}
    }
}
