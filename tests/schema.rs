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
    let page = linkwork::import::hsds_export::page(&services, &organisations);
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
