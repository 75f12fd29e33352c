use super::*;
use chrono::NaiveDate;
use proptest::prelude::*;

const FULL: &str = include_str!("../../../tests/fixtures/openreferral/service_full.json");
const PAGE: &str = include_str!("../../../tests/fixtures/openreferral/service_list.json");

#[test]
fn reads_the_full_fixture_with_every_modelled_field() {
    let p = parse("service_full.json", FULL.as_bytes()).unwrap();
    assert_eq!(p.services.len(), 1);
    let s = &p.services[0];
    assert_eq!(s.id.0, "ac148810-d857-441c-9679-408f346de14b");
    assert_eq!(s.name, "Community Counselling");
    assert_eq!(
        s.alternate_name.as_deref(),
        Some("MyCity Counselling Services")
    );
    assert_eq!((s.minimum_age, s.maximum_age), (Some(12), Some(100)));
    assert_eq!(s.status, ServiceStatus::Active);
    assert_eq!(s.assured_date, NaiveDate::from_ymd_opt(2005, 1, 1));
    assert!(s.alert.is_some() && s.last_modified.is_some() && s.eligibility_description.is_some());
    assert_eq!(s.cost_options[0].amount, Some(35.0));
    assert_eq!(s.phones[0].extension, Some(100));
    assert!(
        s.schedules
            .iter()
            .any(|x| x.byday.as_deref() == Some("TH,FR")
                && x.opens_at.as_deref() == Some("10:00:00"))
    );
    assert!(!s.languages.is_empty() && !s.service_areas.is_empty() && !s.contacts.is_empty());
    let loc = &s.locations[0];
    assert_eq!(loc.name.as_deref(), Some("MyCity Civic Center"));
    assert_eq!(loc.addresses[0].postal_code.as_deref(), Some("ABC 1234"));
    assert!(!loc.accessibility.is_empty());
    assert!(!s.taxonomy_terms.is_empty());
    assert_eq!(p.organisations.len(), 1);
    assert_eq!(s.organization_id, p.organisations[0].id);
}

#[test]
fn reads_an_organisation_with_its_services() {
    let org = serde_json::json!({
        "id": "org-1", "name": "Eccles Men's Shed",
        "services": [{"id": "svc-1", "name": "Tuesday workshop", "status": "active"}]
    });
    let p = parse("org.json", &serde_json::to_vec(&org).unwrap()).unwrap();
    assert_eq!(p.services.len(), 1);
    assert_eq!(p.services[0].organization_id.0, "org-1");
    assert_eq!(p.organisations[0].name, "Eccles Men's Shed");
}

#[test]
fn reads_a_service_at_location_with_its_service() {
    let sal = include_str!("../../../tests/fixtures/openreferral/service_at_location_full.json");
    let p = parse("sal.json", sal.as_bytes()).unwrap();
    assert_eq!(p.services.len(), 1);
    assert!(p.services[0].locations.iter().any(|l| l.name.is_some()));
}

#[test]
fn reads_a_page_and_an_array() {
    let p = parse("service_list.json", PAGE.as_bytes()).unwrap();
    assert_eq!(p.services.len(), 1);
    let array = format!("[{FULL},{FULL}]");
    assert_eq!(
        parse("two.json", array.as_bytes()).unwrap().services.len(),
        2
    );
    let bom = format!("\u{feff}{FULL}");
    assert_eq!(parse("bom.json", bom.as_bytes()).unwrap().services.len(), 1);
}

fn with(field: &str, value: Value) -> Vec<u8> {
    let mut v: Value = serde_json::from_str(FULL).unwrap();
    v[field] = value;
    serde_json::to_vec(&serde_json::json!([v.clone(), v])).unwrap()
}

/// The file's refusal, or else its first skipped record.
fn problem(r: Result<Parsed, ImportError>) -> ImportError {
    match r {
        Err(e) => e,
        Ok(p) => p.rejected.into_iter().next().expect("a skipped record"),
    }
}

#[test]
fn errors_name_file_record_id_and_field() {
    let e = problem(parse(
        "services.json",
        &with("minimum_age", Value::String("twelve".into())),
    ));
    assert_eq!(
        e.to_string(),
        "services.json record 1 (id ac148810-d857-441c-9679-408f346de14b): minimum_age \"twelve\" is not a number"
    );
    let e = problem(parse(
        "s.json",
        &with(
            "phones",
            serde_json::json!([{"id": "p", "number": 7, "extension": "x"}]),
        ),
    ));
    assert!(
        e.to_string()
            .contains("phones[0].extension \"x\" is not a number"),
        "{e}"
    );
    let e = problem(parse(
        "s.json",
        &with("status", Value::String("open".into())),
    ));
    assert!(
        e.to_string().contains("status \"open\" is not one of"),
        "{e}"
    );
    let e = problem(parse(
        "s.json",
        &with("assured_date", Value::String("last year".into())),
    ));
    assert!(
        e.to_string()
            .contains("assured_date \"last year\" is not a date"),
        "{e}"
    );
    let e = problem(parse("cut.json", &FULL.as_bytes()[..FULL.len() / 2]));
    assert!(
        e.to_string().starts_with("cut.json line ") && e.to_string().contains("cut short"),
        "{e}"
    );
    let e = problem(parse("bad.json", b"\xff\xfe{}"));
    assert!(e.to_string().starts_with("bad.json line 1"), "{e}");
    let e = problem(parse("x.json", b"{\"hello\": 1}"));
    assert!(e.to_string().contains("not Open Referral JSON"), "{e}");
    let mut v: Value = serde_json::from_str(FULL).unwrap();
    v.as_object_mut().unwrap().remove("organization");
    // No organisation at all is allowed by the standard.
    let p = parse("o.json", &serde_json::to_vec(&v).unwrap()).unwrap();
    assert!(p.rejected.is_empty() && p.organisations.is_empty());
    assert_eq!(p.services[0].organization_id.0, "");
}

#[test]
fn tolerates_nulls_unknown_fields_and_non_ascii() {
    let mut v: Value = serde_json::from_str(FULL).unwrap();
    v["description"] = Value::Null;
    v["a_field_from_the_future"] = serde_json::json!({"x": 1});
    v["name"] = Value::String("Café Wellbeing – Ēcles".into());
    let p = parse("ok.json", &serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(p.services[0].description, None);
    assert_eq!(p.services[0].name, "Café Wellbeing – Ēcles");
}

#[test]
fn a_five_megabyte_line_is_read() {
    let mut v: Value = serde_json::from_str(FULL).unwrap();
    v["description"] = Value::String("x".repeat(5 * 1024 * 1024));
    let bytes = serde_json::to_vec(&v).unwrap();
    assert!(bytes.len() > 5 * 1024 * 1024 && !bytes.contains(&b'\n'));
    assert_eq!(parse("big.json", &bytes).unwrap().services.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse("r.json", &bytes);
    }

    #[test]
    fn mutations_of_the_fixture_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = FULL.as_bytes().to_vec();
        for (i, b) in edits {
            let at = i.index(bytes.len());
            bytes[at] = b;
        }
        let _ = parse("m.json", &bytes);
    }
}
