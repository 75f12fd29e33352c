//! `linkwork report` end to end on the demo: the CSV has a row per case
//! under pseudonyms, and neither the CSV nor the JSON carries any name,
//! NHS number, postcode, address, phone number or note from the store.

#[path = "support/pty.rs"]
mod pty;

use linkwork::domain::case::Case;
use linkwork::domain::contact::ContactEntry;
use linkwork::domain::ladder::Connection;
use linkwork::domain::person::Person;
use linkwork::store::Store;
use pty::Home;

fn report(home: &Home, d: &str, format: &str) -> String {
    let out = home
        .command(&[
            "report",
            "--from",
            "2025-11-23",
            "--to",
            "2026-11-22",
            "--format",
            format,
            "--data-dir",
            d,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn csv_and_json_exports_are_pseudonymised() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    home.seed_demo(&data);
    let (forbidden, people, cases_in_year) = {
        let store = Store::open(&data, "test").unwrap();
        let persons: Vec<Person> = store.all().unwrap();
        let mut f: Vec<String> = Vec::new();
        for p in &persons {
            f.push(p.display_name());
            f.push(format!("{} {}", p.given_name, p.family_name));
            f.push(p.family_name.clone());
            f.extend(p.nhs_number.map(|n| n.to_string()));
            f.extend(p.nhs_number.map(|n| n.to_string().replace(' ', "")));
            f.extend(p.postcode.clone());
            f.extend(p.address.clone());
            f.extend(p.phone.clone());
            f.extend(p.email.clone());
            if let Some(k) = &p.next_of_kin {
                f.push(k.name.clone());
            }
        }
        for c in store.all::<ContactEntry>().unwrap() {
            f.push(c.notes);
        }
        for c in store.all::<Connection>().unwrap() {
            f.extend(c.events.into_iter().map(|e| e.notes));
        }
        for c in store.all::<Case>().unwrap() {
            f.push(c.referral.reason.clone());
            f.extend(c.referral.referrer_name.clone());
            f.extend(c.discharge.map(|d| d.summary));
            f.extend(c.risk_flags.iter().map(|r| r.note.clone()));
        }
        f.retain(|s| s.trim().chars().count() >= 4);
        f.sort();
        f.dedup();
        let cases = store.all::<Case>().unwrap().len();
        (f, persons.len(), cases)
    };
    assert!(
        forbidden.len() > 100,
        "{} things to look for",
        forbidden.len()
    );
    let csv = report(&home, d, "csv");
    let json = report(&home, d, "json");
    for (name, text) in [("csv", &csv), ("json", &json)] {
        for f in &forbidden {
            assert!(!text.contains(f.as_str()), "{name} export contains {f:?}");
        }
    }
    // The CSV: a header and a row per case, each under a pseudonym.
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "person");
    assert!(headers.iter().any(|h| h == "who5_change"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(
        rows.len() >= 50 && rows.len() <= cases_in_year,
        "{} rows",
        rows.len()
    );
    let pseudonyms: std::collections::HashSet<&str> = rows.iter().map(|r| &r[0]).collect();
    assert!(
        pseudonyms
            .iter()
            .all(|p| p.starts_with("P-") && p.len() == 12)
    );
    assert!(pseudonyms.len() <= people && pseudonyms.len() >= 48);
    // Stable: the same pseudonyms next time.
    assert_eq!(report(&home, d, "csv"), csv);
    // The JSON: the figures and the same rows.
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["cases"].as_array().unwrap().len(), rows.len());
    assert!(v["referrals"].as_u64().unwrap() > 0);
    assert!(v["directory"]["services"].as_u64().unwrap() >= 150);
    // The text: the figures.
    let text = report(&home, d, "text");
    for part in [
        "Referrals received:",
        "Referral to first contact: median",
        "Directory: 152 services",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
    // A period that ends before it starts is one sentence, exit 1.
    let bad = home
        .command(&[
            "report",
            "--from",
            "2026-11-22",
            "--to",
            "2026-01-01",
            "--data-dir",
            d,
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("starts (2026-11-22) after it ends"));
}
