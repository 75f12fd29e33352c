//! What `linkwork directory export` writes validates against the official
//! HSDS 3.0 JSON Schema (`tests/fixtures/openreferral/hsds3-schema`), with
//! format checks (UUIDs, dates, e-mail addresses, URIs): the demo
//! directory, every official example imported, and a realistic feed.

use linkwork::domain::directory::{Organisation, Service};
use linkwork::store::Store;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openreferral")
}

/// Serves the schema files by name to the validator's `$ref`s.
struct Files(HashMap<String, Value>);

impl jsonschema::Retrieve for Files {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.path().as_str().rsplit('/').next().unwrap_or("");
        self.0
            .get(name)
            .cloned()
            .ok_or_else(|| format!("no schema {name}").into())
    }
}

fn validator() -> jsonschema::Validator {
    let mut files: HashMap<String, Value> = HashMap::new();
    for entry in std::fs::read_dir(fixtures().join("hsds3-schema")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        files.insert(
            name,
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap(),
        );
    }
    let service = files["service.json"].clone();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_base_uri("json-schema:///service.json")
        .with_retriever(Files(files))
        .build(&service)
        .unwrap()
}

/// Every schema error of the store's export, as "path: message".
fn export_errors(v: &jsonschema::Validator, store: &Store) -> (usize, Vec<String>) {
    let services: Vec<Service> = store.all().unwrap();
    let organisations: Vec<Organisation> = store.all().unwrap();
    page_errors(v, &services, &organisations)
}

/// Every schema error of the JSON export of `services`, as "path: message".
fn page_errors(
    v: &jsonschema::Validator,
    services: &[Service],
    organisations: &[Organisation],
) -> (usize, Vec<String>) {
    let page = linkwork::import::hsds_export::page(services, organisations);
    let contents = page["contents"].as_array().unwrap();
    let errors = contents
        .iter()
        .flat_map(|s| {
            v.iter_errors(s)
                .map(|e| format!("{}: {e}", e.instance_path()))
                .collect::<Vec<_>>()
        })
        .collect();
    (contents.len(), errors)
}

fn imported(dir: &Path, what: &Path) -> Store {
    let store = Store::open(dir, "t").unwrap();
    linkwork::cli::directory::import(&store, what, false).unwrap();
    store
}

#[test]
fn exports_validate_against_the_official_schema() {
    let v = validator();
    let tmp = tempfile::tempdir().unwrap();
    // The demo directory.
    let demo = Store::open(&tmp.path().join("demo"), "t").unwrap();
    linkwork::demo::seed(&demo, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).unwrap();
    let (n, errors) = export_errors(&v, &demo);
    assert_eq!(n, 152);
    assert!(errors.is_empty(), "{errors:#?}");
    // Every official example, and a realistic feed.
    let feed = tmp.path().join("feed");
    linkwork::demo::feed::write(&feed, 400, 200, 3).unwrap();
    for (i, source) in [
        fixtures().join("hsds3-json"),
        fixtures().join("uk-profile-json"),
        fixtures().join("hsds3-csv"),
        feed,
    ]
    .iter()
    .enumerate()
    {
        let store = imported(&tmp.path().join(format!("s{i}")), source);
        let (n, errors) = export_errors(&v, &store);
        assert!(n > 0);
        assert!(errors.is_empty(), "{}: {errors:#?}", source.display());
    }
}

#[test]
fn the_validator_catches_what_the_schema_forbids() {
    let v = validator();
    let good = serde_json::json!({"id": "2d3a8f10-4f6b-4c3e-9d3e-1a2b3c4d5e6f", "name": "Walk", "status": "active"});
    assert!(v.is_valid(&good));
    let mut bad = good.clone();
    bad["id"] = Value::String("svc-1".into());
    assert!(!v.is_valid(&bad), "an id that is not a UUID");
    let mut bad = good.clone();
    bad["status"] = Value::String("open".into());
    assert!(!v.is_valid(&bad), "a status outside the list");
}

#[test]
fn csv_exports_are_the_official_tables_and_columns_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = Store::open(&tmp.path().join("demo"), "t").unwrap();
    linkwork::demo::seed(&demo, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).unwrap();
    let services: Vec<Service> = demo.all().unwrap();
    let organisations: Vec<Organisation> = demo.all().unwrap();
    let files: HashMap<String, Vec<u8>> =
        linkwork::import::hsds_csv_export::tables(&services, &organisations)
            .unwrap()
            .into_iter()
            .collect();
    let official: Value = serde_json::from_slice(
        &std::fs::read(fixtures().join("hsds3-schema/datapackage.json")).unwrap(),
    )
    .unwrap();
    let resources = official["resources"].as_array().unwrap();
    assert_eq!(
        files.len(),
        resources.len() + 1,
        "every table and the descriptor"
    );
    let ours: Value = serde_json::from_slice(&files["datapackage.json"]).unwrap();
    assert_eq!(ours, official, "the official descriptor");
    for r in resources {
        let path = r["path"].as_str().unwrap();
        let want: Vec<&str> = r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        let mut reader = csv::Reader::from_reader(files[path].as_slice());
        let got: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(got, want, "{path}");
        for row in reader.records() {
            assert_eq!(row.unwrap().len(), want.len(), "{path}");
        }
    }
    assert!(files["services.csv"].len() > 1000, "the services are in it");
}

/// A realistic feed, made awkward the way real feeds are: every service's
/// schedules numbered 1, 2 ..., descriptions ending in spaces, and (with
/// `shared_phone`) a phone shared by a service and its organisation.
fn awkward_feed(shared_phone: bool) -> (Vec<Service>, Vec<Organisation>) {
    let mut services = Vec::new();
    let mut organisations = Vec::new();
    for page in linkwork::demo::feed::pages(300, 100, 11) {
        let parsed = linkwork::import::hsds_json::parse("page.json", &page).unwrap();
        services.extend(parsed.services);
        organisations.extend(parsed.organisations);
    }
    for (i, s) in services.iter_mut().enumerate() {
        for (n, schedule) in s.schedules.iter_mut().enumerate() {
            schedule.id = (n + 1).to_string();
        }
        if i % 3 == 0 {
            s.description = s.description.take().map(|d| format!("{d}  "));
        }
    }
    if let (true, Some(s), Some(o)) = (
        shared_phone,
        services.first_mut(),
        organisations.first_mut(),
    ) && let Some(p) = s.phones.first()
    {
        o.phones.push(p.clone());
    }
    (services, organisations)
}

#[test]
fn csv_exports_have_the_official_types_unique_keys_and_round_trip_exactly() {
    let tables = |(services, organisations): &(Vec<Service>, Vec<Organisation>)| {
        linkwork::import::hsds_csv_export::tables(services, organisations)
            .unwrap()
            .into_iter()
            .collect::<HashMap<String, Vec<u8>>>()
    };
    let files = tables(&awkward_feed(true));
    let official: Value = serde_json::from_slice(&files["datapackage.json"]).unwrap();
    let time = regex_lite_time();
    for r in official["resources"].as_array().unwrap() {
        let path = r["path"].as_str().unwrap();
        let fields = r["schema"]["fields"].as_array().unwrap();
        let key = r["schema"]["primaryKey"].as_str().unwrap_or("id");
        let mut reader = csv::Reader::from_reader(files[path].as_slice());
        let mut keys = std::collections::HashSet::new();
        for row in reader.records() {
            let row = row.unwrap();
            for (f, cell) in fields.iter().zip(row.iter()) {
                if cell.is_empty() {
                    continue;
                }
                let name = f["name"].as_str().unwrap();
                let ok = match f["type"].as_str().unwrap() {
                    "time" => time(cell),
                    "number" => cell.parse::<f64>().is_ok(),
                    "date" => chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok(),
                    _ => true,
                };
                assert!(ok, "{path} {name}: {cell:?}");
                if name == key {
                    assert!(
                        keys.insert(cell.to_owned()),
                        "{path}: {key} {cell} repeated"
                    );
                }
            }
        }
    }
    // JSON -> CSV -> JSON gives the same JSON, byte for byte (a phone
    // shared by two records is written twice in CSV, the second under an
    // id of its own): what the official tables have no column for (a
    // publisher's own fields, lists inside records the tables do not link)
    // travels in extensions.json beside them.
    let (services, organisations) = awkward_feed(false);
    let files = tables(&(services.clone(), organisations.clone()));
    let (mut held, mut held_orgs) = (services.clone(), organisations.clone());
    as_csv_holds(&mut held, &mut held_orgs);
    assert_ne!(held, services, "the feed has fields no table holds");
    assert!(files.contains_key("extensions.json"));
    let first = linkwork::import::hsds_export::page(&services, &organisations);
    let back =
        linkwork::import::hsds_csv::parse(&mut |name: &str| Ok(files.get(name).cloned())).unwrap();
    let again = linkwork::import::hsds_export::page(&back.services, &back.organisations);
    assert_eq!(first["contents"].as_array().unwrap().len(), services.len());
    if again != first {
        let (a, b) = (first.to_string(), again.to_string());
        let at = a
            .bytes()
            .zip(b.bytes())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        panic!(
            "JSON -> CSV -> JSON differs at byte {at}:\n{}\n{}",
            &a[at.saturating_sub(200)..(at + 100).min(a.len())],
            &b[at.saturating_sub(200)..(at + 100).min(b.len())]
        );
    }
}

/// What the official CSV tables alone can hold of `services`: each record's
/// kept fields only where its table has a column for them, and only
/// single values (a list has no cell).
fn as_csv_holds(services: &mut [Service], organisations: &mut [Organisation]) {
    let package: Value = serde_json::from_slice(
        &std::fs::read(fixtures().join("hsds3-schema/datapackage.json")).unwrap(),
    )
    .unwrap();
    let columns = |resource: &str| -> Vec<String> {
        package["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == resource)
            .map(|r| {
                r["schema"]["fields"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["name"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let keep = |resource: &str, extra: &mut linkwork::domain::directory::Extra| {
        let columns = columns(resource);
        extra.retain(|k, v| columns.contains(k) && !v.is_array() && !v.is_object());
    };
    for o in organisations.iter_mut() {
        keep("organization", &mut o.extra);
        o.phones
            .iter_mut()
            .for_each(|p| keep("phone", &mut p.extra));
    }
    for s in services {
        keep("service", &mut s.extra);
        s.phones
            .iter_mut()
            .for_each(|p| keep("phone", &mut p.extra));
        s.schedules
            .iter_mut()
            .for_each(|x| keep("schedule", &mut x.extra));
        s.cost_options
            .iter_mut()
            .for_each(|c| keep("cost_option", &mut c.extra));
        s.languages
            .iter_mut()
            .for_each(|l| keep("language", &mut l.extra));
        s.service_areas
            .iter_mut()
            .for_each(|a| keep("service_area", &mut a.extra));
        for c in &mut s.contacts {
            keep("contact", &mut c.extra);
            c.phones
                .iter_mut()
                .for_each(|p| keep("phone", &mut p.extra));
        }
        for l in &mut s.locations {
            keep("location", &mut l.extra);
            l.addresses
                .iter_mut()
                .for_each(|a| keep("address", &mut a.extra));
            l.accessibility
                .iter_mut()
                .for_each(|a| keep("accessibility", &mut a.extra));
            if let Some(at) = &mut l.at {
                keep("service_at_location", &mut at.extra);
            }
        }
        for t in &mut s.taxonomy_terms {
            keep("taxonomy_term", &mut t.extra);
            if let Some(a) = &mut t.attribute {
                keep("attribute", &mut a.extra);
            }
        }
    }
}

/// `HH:MM:SS`.
fn regex_lite_time() -> impl Fn(&str) -> bool {
    |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M:%S").is_ok() && s.len() == 8
}

#[test]
fn a_feed_with_plain_numbered_records_still_exports_valid_json() {
    let v = validator();
    let (services, organisations) = awkward_feed(true);
    let (n, errors) = page_errors(&v, &services, &organisations);
    assert_eq!(n, services.len());
    assert!(errors.is_empty(), "{:#?}", &errors[..errors.len().min(5)]);
}
