//! `linkwork directory import`: the example files import; broken files are
//! refused with one sentence naming file and record, and change nothing.

#[path = "support/http.rs"]
mod http;
#[path = "support/pty.rs"]
mod pty;

use linkwork::domain::directory::Service;
use linkwork::store::Store;
use pty::Home;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/openreferral/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Runs linkwork in `home` to its end.
fn linkwork(home: &Home, args: &[&str]) -> std::process::Output {
    home.command(args).output().unwrap()
}

fn services(dir: &std::path::Path) -> Vec<Service> {
    let store = Store::open(dir, "t").unwrap();
    store.all().unwrap()
}

#[test]
fn example_files_import_and_reimport_unchanged() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    assert!(linkwork(&home, &["init", "--data-dir", d]).status.success());
    for f in [
        "hsds3-csv",
        "service_list.json",
        "service_at_location_full.json",
        "organization_full.json",
        "taxonomy_term.json",
        "service_full.json",
    ] {
        let out = linkwork(
            &home,
            &["directory", "import", &fixture(f), "--data-dir", d],
        );
        assert!(
            out.status.success(),
            "{f}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("0 rejected"));
    }
    let out = linkwork(
        &home,
        &[
            "directory",
            "import",
            &fixture("service_full.json"),
            "--data-dir",
            d,
        ],
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("0 added, 0 updated, 1 unchanged"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A folder of pages.
    let pages = home.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::copy(fixture("service_list.json"), pages.join("page-1.json")).unwrap();
    std::fs::copy(fixture("service_full.json"), pages.join("page-2.json")).unwrap();
    let out = linkwork(
        &home,
        &[
            "directory",
            "import",
            pages.to_str().unwrap(),
            "--data-dir",
            d,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("appears twice")
            && err.contains("page-1.json record 1")
            && err.contains("page-2.json record 1"),
        "a service on two pages is named:\n{err}"
    );
    let all = services(&data);
    assert!(!all.is_empty());
    assert!(all.iter().any(|s| s.name == "Community Counselling"));
}

#[test]
fn broken_files_are_refused_and_change_nothing() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    assert!(
        linkwork(&home, &["seed-demo", "--data-dir", d])
            .status
            .success()
    );
    let before = services(&data);
    let full: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("service_full.json")).unwrap())
            .unwrap();
    let mut wrong_type = full.clone();
    wrong_type["minimum_age"] = serde_json::Value::String("twelve".into());
    let mut dangling = full.clone();
    dangling.as_object_mut().unwrap().remove("organization");
    dangling["organization_id"] = serde_json::Value::String("no-such-org".into());
    let text = serde_json::to_string(&full).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated.json",
            text.as_bytes()[..text.len() / 2].to_vec(),
            "cut short",
        ),
        (
            "wrong-type.json",
            serde_json::to_vec(&serde_json::json!([full.clone(), wrong_type])).unwrap(),
            "record 2 (id ac148810-d857-441c-9679-408f346de14b): minimum_age \"twelve\" is not a number",
        ),
        ("empty.json", Vec::new(), "no services found in it"),
        ("null.json", b"null\n".to_vec(), "no services found in it"),
        (
            "no-services.json",
            b"{\"services\": []}".to_vec(),
            "no services found in it",
        ),
        (
            "dangling.json",
            serde_json::to_vec(&dangling).unwrap(),
            "organization_id \"no-such-org\" is not in this import or the directory",
        ),
        (
            "latin1.json",
            b"[{\"id\": \"x\", \"name\": \"Caf\xe9\"}]".to_vec(),
            "line 1",
        ),
        (
            "one-long-line.json",
            [
                b"[{\"id\": \"x\", \"name\": \"".as_slice(),
                &vec![b'a'; 5 << 20],
            ]
            .concat(),
            "cut short",
        ),
        (
            "sheet.csv",
            b"name,organisation,minimum_age\nKnit,Library,12\nChoir,Library,twelve\n".to_vec(),
            "line 3 (id sheet-library--choir): minimum_age \"twelve\" is not an age",
        ),
        (
            "long-sheet.csv",
            [b"name,organisation\n".as_slice(), &vec![b'a'; 5 << 20]].concat(),
            "line 2: row has 1 columns; the header has 2",
        ),
    ];
    for (name, bytes, expected) in cases {
        let file = home.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = linkwork(
            &home,
            &[
                "directory",
                "import",
                "--strict",
                file.to_str().unwrap(),
                "--data-dir",
                d,
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(name) && err.contains(expected),
            "{name}: {err}"
        );
        assert!(err.trim_end().ends_with("Nothing was imported."), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
        assert_eq!(
            services(&data),
            before,
            "{name}: the directory must be unchanged"
        );
    }
    // HSDS tabular packages: the example with one table broken at a time.
    let example = fixture("hsds3-csv");
    type Break = Box<dyn Fn(&str) -> Vec<u8>>;
    let tables: Vec<(&str, Break, &str)> = vec![
        (
            "services.csv",
            Box::new(|t: &str| t.replace(",12,100,", ",twelve,100,").into_bytes()),
            "services.csv line 2 (id ac148810-d857-441c-9679-408f346de14b): minimum_age \"twelve\" is not a number",
        ),
        (
            "schedules.csv",
            Box::new(|t: &str| {
                t.replace(
                    "48102e86-bb50-41c4-8f1e-e269368c41d1,ac148810",
                    "48102e86-bb50-41c4-8f1e-e269368c41d1,00000000",
                )
                .into_bytes()
            }),
            "schedules.csv line 2 (id 48102e86-bb50-41c4-8f1e-e269368c41d1): service_id \"00000000-d857-441c-9679-408f346de14b\" is not in services.csv",
        ),
        (
            "addresses.csv",
            Box::new(|t: &str| {
                let mut lines: Vec<&str> = t.lines().collect();
                let short = lines[1].split(',').take(4).collect::<Vec<_>>().join(",");
                lines[1] = &short;
                lines.join("\r\n").into_bytes()
            }),
            "addresses.csv line 2: row has 4 columns; the header has 11",
        ),
        (
            "organizations.csv",
            Box::new(|t: &str| {
                t.replace("Example Organization", "Example Organizaci\u{f3}n")
                    .replace('\u{f3}', "\u{fffd}")
                    .into_bytes()
                    .into_iter()
                    .map(|b| if b == 0xEF { 0xFF } else { b })
                    .collect()
            }),
            "organizations.csv line 2: name is not UTF-8 text",
        ),
    ];
    for (table, break_it, expected) in tables {
        let dir = home.path().join(format!("broken-{table}"));
        std::fs::create_dir(&dir).unwrap();
        for entry in std::fs::read_dir(&example).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let bytes = if name == table {
                break_it(&text)
            } else {
                text.into_bytes()
            };
            std::fs::write(dir.join(&name), bytes).unwrap();
        }
        let out = linkwork(
            &home,
            &[
                "directory",
                "import",
                "--strict",
                dir.to_str().unwrap(),
                "--data-dir",
                d,
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{table}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{table}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
        assert_eq!(
            services(&data),
            before,
            "{table}: the directory must be unchanged"
        );
        // Without --strict a bad value skips its record, named, and the
        // rest imports; a table that cannot be read is still refused whole,
        // and so is a package left with no service (the example has one).
        let lenient = home.path().join(format!("lenient-{table}"));
        let l = lenient.to_str().unwrap();
        assert!(linkwork(&home, &["init", "--data-dir", l]).status.success());
        let out = linkwork(
            &home,
            &[
                "directory",
                "import",
                dir.to_str().unwrap(),
                "--data-dir",
                l,
            ],
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{table}: {err}");
        let structural =
            expected.contains("columns") || expected.contains("UTF-8") || table == "services.csv";
        assert_eq!(out.status.success(), !structural, "{table}: {err}");
        if !structural {
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(said.contains("1 rejected"), "{table}: {said}");
        }
    }
}

#[test]
fn search_prints_the_best_matches_first_one_per_line() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    assert!(
        linkwork(&home, &["seed-demo", "--data-dir", d])
            .status
            .success()
    );
    let out = linkwork(
        &home,
        &[
            "directory",
            "search",
            "walking eccles",
            "--limit",
            "5",
            "--data-dir",
            d,
        ],
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(!lines.is_empty() && lines.len() <= 5);
    assert!(
        lines
            .iter()
            .all(|l| l.contains("Eccles") && l.contains("Walking")),
        "{text}"
    );
    let out = linkwork(
        &home,
        &[
            "directory",
            "search",
            "Mental Hlth",
            "--limit",
            "1",
            "--data-dir",
            d,
        ],
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Mental Health Peer Support"));
}

#[test]
fn export_then_import_into_a_new_store_gives_the_same_directory() {
    let home = Home::new();
    let a = home.path().join("a");
    let b = home.path().join("b");
    let file = home.path().join("directory.json");
    assert!(
        linkwork(&home, &["seed-demo", "--data-dir", a.to_str().unwrap()])
            .status
            .success()
    );
    let out = linkwork(
        &home,
        &[
            "directory",
            "export",
            "--data-dir",
            a.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Wrote 152 services"));
    assert!(
        linkwork(&home, &["init", "--data-dir", b.to_str().unwrap()])
            .status
            .success()
    );
    let out = linkwork(
        &home,
        &[
            "directory",
            "import",
            file.to_str().unwrap(),
            "--data-dir",
            b.to_str().unwrap(),
        ],
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("152 added"));
    // Our own fields are not the standard's; the ids the export made for
    // services at locations and attributes are kept by the second store
    // (tests/lossless.rs checks them).
    let strip = |mut v: Vec<Service>| {
        for s in &mut v {
            s.local = Default::default();
            linkwork::import::hsds_export::times_as_exported(s);
            s.locations.iter_mut().for_each(|l| l.at = None);
            s.taxonomy_terms.iter_mut().for_each(|t| t.attribute = None);
        }
        v
    };
    assert_eq!(strip(services(&a)), strip(services(&b)));
    // And through HSDS CSV tables into a third store.
    let tables = home.path().join("tables");
    let c = home.path().join("c");
    let out = linkwork(
        &home,
        &[
            "directory",
            "export",
            "--format",
            "csv",
            "--data-dir",
            a.to_str().unwrap(),
            tables.to_str().unwrap(),
        ],
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("HSDS CSV tables"),
        "{out:?}"
    );
    assert!(tables.join("datapackage.json").is_file());
    assert!(
        linkwork(&home, &["init", "--data-dir", c.to_str().unwrap()])
            .status
            .success()
    );
    let out = linkwork(
        &home,
        &[
            "directory",
            "import",
            tables.to_str().unwrap(),
            "--data-dir",
            c.to_str().unwrap(),
        ],
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("152 added"),
        "{out:?}"
    );
    assert_eq!(strip(services(&a)), strip(services(&c)));
}

/// In the real app, on the demo: open the directory, type a query, see the
/// service and its detail; filter; leave.
#[test]
fn typing_a_query_in_the_app_finds_the_service() {
    use std::time::Duration;
    let wait = Duration::from_secs(20);
    let home = Home::new();
    let mut s = pty::Session::linkwork(&home, &["--demo"], 34, 120);
    s.wait_for("shown · by", wait);
    s.send("d");
    s.wait_for("Search:", wait);
    s.wait_for("152 services", wait);
    s.send("mntl hlth");
    s.wait_for("Mental Health Peer Support", wait);
    s.wait_for("Search: mntl hlth", wait);
    s.send("\r");
    s.wait_for("verified today", wait);
    s.send("f");
    s.wait_for("Directory filters", wait);
    s.send("jl");
    s.wait_for("Free only               ‹ yes ›", wait);
    s.send("\r");
    s.wait_for("Filters: free", wait);
    let screen = s.screen();
    assert!(screen.contains("Mental Health Peer Support"), "{screen}");
    s.send("q");
    s.wait_for("shown · by", wait);
    s.send("q");
    assert!(s.wait_exit(wait).success());
}

#[test]
fn a_huge_field_is_skipped_and_named_and_a_huge_file_is_not_read() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    assert!(
        linkwork(&home, &["seed-demo", "--data-dir", d])
            .status
            .success()
    );
    let full: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("service_full.json")).unwrap())
            .unwrap();
    let mut huge = full.clone();
    huge["id"] = serde_json::Value::String("huge-name".into());
    huge["name"] = serde_json::Value::String("x".repeat(50_000_000));
    let file = home.path().join("huge.json");
    std::fs::write(
        &file,
        serde_json::to_vec(&serde_json::json!([full, huge])).unwrap(),
    )
    .unwrap();
    let out = linkwork(
        &home,
        &[
            "directory",
            "import",
            file.to_str().unwrap(),
            "--data-dir",
            d,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "record 2 (id huge-name): name is 50000000 characters long (at most 500): skipped"
        ),
        "{err}"
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("1 rejected"), "{said}");
    assert!(services(&data).iter().all(|s| s.name.len() < 1000));
    // A file beyond 1 GB (sparse, so the test writes nothing) is refused
    // before it is read.
    let big = home.path().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(1_100_000_000)
        .unwrap();
    let out = linkwork(
        &home,
        &[
            "directory",
            "import",
            big.to_str().unwrap(),
            "--data-dir",
            d,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("files over 1000 MB are not read"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
}

#[test]
fn a_realistic_paged_feed_imports_whole_and_a_bad_last_page_changes_nothing() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    assert!(linkwork(&home, &["init", "--data-dir", d]).status.success());
    let feed = home.path().join("feed");
    linkwork::demo::feed::write(&feed, 1500, 500, 11).unwrap();
    let f = feed.to_str().unwrap();
    let import = |what: &str| linkwork(&home, &["directory", "import", what, "--data-dir", d]);
    let out = import(f);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("1500 added, 0 updated, 0 unchanged"),
        "{said}"
    );
    let stored = services(&data);
    assert_eq!(stored.len(), 1500);
    // Odd ages are kept as published, and named as a warning.
    let odd: Vec<&Service> = stored
        .iter()
        .filter(|s| s.minimum_age == Some(50) && s.maximum_age == Some(25))
        .collect();
    assert!(odd.len() > 50, "{}", odd.len());
    assert!(
        linkwork::domain::directory::quality::warnings(
            odd[0],
            chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
        )[0]
        .contains("minimum age (50)")
    );
    // Names, descriptions and nested records survive with their accents.
    assert!(stored.iter().any(|s| {
        s.description
            .as_deref()
            .is_some_and(|d| d.contains("Zoë's famous bara brith"))
    }));
    assert!(stored.iter().all(|s| !s.schedules.is_empty()));
    // The same feed again changes nothing.
    let said = String::from_utf8_lossy(&import(f).stdout).into_owned();
    assert!(
        said.contains("0 added, 0 updated, 1500 unchanged"),
        "{said}"
    );
    // A fourth page cut short: refused, and the directory is as it was.
    let page: serde_json::Value = serde_json::from_slice(
        linkwork::demo::feed::pages(1, 1, 12)
            .next()
            .unwrap()
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap(),
    )
    .unwrap();
    let mut extra = serde_json::to_vec(&page).unwrap();
    std::fs::write(feed.join("page-0003b.json"), &extra).unwrap();
    extra.truncate(extra.len() / 2);
    std::fs::write(feed.join("page-0004.json"), &extra).unwrap();
    let out = import(f);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("page-0004.json") && err.contains("cut short"),
        "{err}"
    );
    assert_eq!(
        services(&data).len(),
        1500,
        "nothing of the import was kept"
    );
}

#[test]
fn an_invalid_record_is_skipped_and_named_and_strict_refuses_it() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    assert!(linkwork(&home, &["init", "--data-dir", d]).status.success());
    let full: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("service_full.json")).unwrap())
            .unwrap();
    let mut other = full.clone();
    other["id"] = serde_json::Value::String("second".into());
    let mut twelve = full.clone();
    twelve["id"] = serde_json::Value::String("bad-age".into());
    twelve["minimum_age"] = serde_json::Value::String("twelve".into());
    let mut orphan = full.clone();
    orphan["id"] = serde_json::Value::String("orphan".into());
    orphan.as_object_mut().unwrap().remove("organization");
    orphan["organization_id"] = serde_json::Value::String("nowhere".into());
    let file = home.path().join("services.json");
    std::fs::write(
        &file,
        serde_json::to_vec(&serde_json::json!([full, twelve, other, orphan])).unwrap(),
    )
    .unwrap();
    let f = file.to_str().unwrap();
    // Strict: refused, nothing changes.
    let out = linkwork(
        &home,
        &["directory", "import", "--strict", f, "--data-dir", d],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("record 2 (id bad-age): minimum_age \"twelve\" is not a number"),
        "{err}"
    );
    assert!(services(&data).is_empty());
    // By default: the two good ones in, the two bad ones named.
    let out = linkwork(&home, &["directory", "import", f, "--data-dir", d]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("2 added") && said.contains("2 rejected"),
        "{said}"
    );
    assert!(
        err.contains("record 2 (id bad-age): minimum_age \"twelve\" is not a number: skipped"),
        "{err}"
    );
    assert!(
        err.contains("record 4 (id orphan): organization_id \"nowhere\" is not in this import"),
        "{err}"
    );
    let mut ids: Vec<String> = services(&data).into_iter().map(|s| s.id.0).collect();
    ids.sort();
    assert_eq!(ids, ["ac148810-d857-441c-9679-408f346de14b", "second"]);
    // The report beside the data names both, private to the user.
    let reports: Vec<_> = std::fs::read_dir(data.join("import-reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(reports.len(), 1);
    let text = std::fs::read_to_string(&reports[0]).unwrap();
    assert!(
        text.contains("bad-age") && text.contains("orphan"),
        "{text}"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&reports[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // A later feed whose record for a stored service is bad leaves the
    // stored one as it was.
    let mut worse = other.clone();
    worse["minimum_age"] = serde_json::Value::String("old".into());
    std::fs::write(
        &file,
        serde_json::to_vec(&serde_json::json!([worse, full])).unwrap(),
    )
    .unwrap();
    let out = linkwork(&home, &["directory", "import", f, "--data-dir", d]);
    assert!(out.status.success());
    let second = services(&data)
        .into_iter()
        .find(|s| s.id.0 == "second")
        .unwrap();
    assert_eq!(second.minimum_age, Some(12));
}

#[test]
fn a_list_where_a_third_of_the_services_name_no_organisation_imports_whole() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    assert!(linkwork(&home, &["init", "--data-dir", d]).status.success());
    let page = linkwork::demo::feed::pages(129, 200, 5).next().unwrap();
    let mut page: serde_json::Value =
        serde_json::from_slice(page.strip_prefix(b"\xEF\xBB\xBF").unwrap()).unwrap();
    let list = page["contents"].as_array_mut().unwrap();
    for (i, s) in list.iter_mut().enumerate() {
        if i % 3 == 0 {
            s.as_object_mut().unwrap().remove("organization");
        }
    }
    let file = home.path().join("list.json");
    std::fs::write(&file, serde_json::to_vec(&list).unwrap()).unwrap();
    let out = linkwork(
        &home,
        &[
            "directory",
            "import",
            file.to_str().unwrap(),
            "--data-dir",
            d,
        ],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("129 added") && said.contains("0 rejected"),
        "{said}"
    );
    let stored = services(&data);
    assert_eq!(
        stored
            .iter()
            .filter(|s| s.organization_id.0.is_empty())
            .count(),
        43
    );
    // Exported and imported again into a new store: the same services.
    let export = home.path().join("out.json");
    let out = linkwork(
        &home,
        &[
            "directory",
            "export",
            export.to_str().unwrap(),
            "--data-dir",
            d,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = home.path().join("again");
    let a = again.to_str().unwrap();
    linkwork(&home, &["init", "--data-dir", a]);
    let out = linkwork(
        &home,
        &[
            "directory",
            "import",
            export.to_str().unwrap(),
            "--data-dir",
            a,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut before = stored;
    let mut after = services(&again);
    before.sort_by(|x, y| x.id.0.cmp(&y.id.0));
    after.sort_by(|x, y| x.id.0.cmp(&y.id.0));
    assert_eq!(before, after);
    let out = linkwork(&home, &["directory", "search", "walking", "--data-dir", d]);
    assert!(out.status.success());
}

#[test]
fn every_official_example_imports_alone_and_as_a_folder() {
    let home = Home::new();
    for folder in ["hsds3-json", "uk-profile-json"] {
        let dir = std::path::PathBuf::from(fixture(folder));
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files.push(dir.clone());
        for (n, file) in files.iter().enumerate() {
            let data = home.path().join(format!("{folder}-{n}"));
            let d = data.to_str().unwrap();
            linkwork(&home, &["init", "--data-dir", d]);
            let out = linkwork(
                &home,
                &[
                    "directory",
                    "import",
                    file.to_str().unwrap(),
                    "--data-dir",
                    d,
                ],
            );
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{}: {err}", file.display());
            assert!(!err.contains("skipped"), "{}: {err}", file.display());
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let stored = services(&data);
            // Only services become services: organisations, locations and
            // taxonomies on their own are not.
            let want = match name.as_str() {
                "location.json" | "organization_list.json" => 0,
                n if n.starts_with("taxonomy") => 0,
                n if n == folder => 1,
                _ => 1,
            };
            assert_eq!(stored.len(), want, "{name}");
            if name == "organization_list.json" {
                let store = Store::open(&data, "t").unwrap();
                let orgs: Vec<linkwork::domain::directory::Organisation> = store.all().unwrap();
                assert_eq!(orgs.len(), 1, "the organisation is kept");
            }
            // Taxonomies and terms, alone or tagging the service, are kept
            // as the directory's vocabulary (with their standard fields).
            let store = Store::open(&data, "t").unwrap();
            let vocabulary = store.vocabulary().unwrap();
            let said = String::from_utf8_lossy(&out.stdout);
            let has_term = |f: &std::path::Path| {
                std::fs::read_to_string(f)
                    .is_ok_and(|t| t.contains("\"3f7b145d-84af-42d7-8fae-eaca714b02b2\""))
            };
            let gives_term = if file.is_dir() {
                files.iter().any(|f| has_term(f))
            } else {
                has_term(file)
            };
            if gives_term {
                let term = vocabulary
                    .terms
                    .get("3f7b145d-84af-42d7-8fae-eaca714b02b2")
                    .unwrap_or_else(|| panic!("{name}: the term is kept"));
                assert_eq!(term.name, "name", "{name}");
                assert_eq!(term.extra["term_uri"], "http://example.com", "{name}");
                assert!(
                    term.attribute.is_none(),
                    "{name}: the link is the service's"
                );
                assert!(
                    said.contains("1 term as the directory's vocabulary"),
                    "{name}: {said}"
                );
            }
            if name.starts_with("taxonomy") && !name.starts_with("taxonomy_term") {
                assert!(
                    vocabulary
                        .taxonomies
                        .contains_key("5c4d79d7-cc55-470e-9f1f-8cad074e4892"),
                    "{name}: the taxonomy is kept"
                );
            }
            if name == "taxonomy_term.json" {
                let rows = vocabulary.rows();
                // Named by its taxonomy_detail when it has one, else as
                // the term says.
                let taxonomy = if folder == "hsds3-json" {
                    "name"
                } else {
                    "taxonomy"
                };
                assert_eq!(rows[0].taxonomy.as_deref(), Some(taxonomy), "{rows:?}");
                assert_eq!(
                    vocabulary.terms["3f7b145d-84af-42d7-8fae-eaca714b02b2"].extra["term_uri"],
                    "http://example.com"
                );
            }
            drop(store);
        }
    }
}

#[test]
fn a_services_page_naming_organisations_by_id_and_an_organisations_page_import_together() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    linkwork(&home, &["init", "--data-dir", d]);
    let dump = home.path().join("dump");
    std::fs::create_dir_all(&dump).unwrap();
    let services: serde_json::Value = serde_json::json!({
        "total_items": 2, "page_number": 1, "total_pages": 1,
        "contents": [
            {"id": "s1", "name": "Walk and Talk", "status": "active", "organization_id": "o1"},
            {"id": "s2", "name": "Knit and Natter", "status": "active", "organization_id": "o2"}
        ]
    });
    let organisations = serde_json::json!({
        "total_items": 2, "page_number": 1, "total_pages": 1,
        "contents": [
            {"id": "o1", "name": "Eccles Walkers", "website": "https://example.org"},
            {"id": "o2", "name": "Eccles Library", "description": "The library"}
        ]
    });
    // The services come first by name: the organisations are found anyway.
    std::fs::write(dump.join("a-services.json"), services.to_string()).unwrap();
    std::fs::write(dump.join("b-organizations.json"), organisations.to_string()).unwrap();
    let out = linkwork(
        &home,
        &[
            "directory",
            "import",
            dump.to_str().unwrap(),
            "--data-dir",
            d,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("2 added") && said.contains("0 rejected"),
        "{said}"
    );
    let out = linkwork(&home, &["directory", "search", "knit", "--data-dir", d]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Knit and Natter · Eccles Library"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn older_versions_are_refused_naming_the_version() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    linkwork(&home, &["init", "--data-dir", d]);
    let oruk1 = serde_json::json!({
        "totalElements": 1, "totalPages": 1, "number": 0, "size": 1, "first": true, "last": true,
        "content": [{
            "id": "1", "name": "Lunch club", "status": "active",
            "organisation": {"id": "o", "name": "Age UK"},
            "regular_schedules": [{"id": "r", "weekday": "Tuesday", "opens_at": "12:00"}]
        }]
    });
    let page = home.path().join("oruk1.json");
    std::fs::write(&page, oruk1.to_string()).unwrap();
    let hsds1 = home.path().join("hsds1");
    std::fs::create_dir_all(&hsds1).unwrap();
    std::fs::write(
        hsds1.join("datapackage.json"),
        r#"{"name": "hsds", "resources": [{"name": "services", "path": "services.csv"}, {"name": "regular_schedules", "path": "regular_schedules.csv"}]}"#,
    )
    .unwrap();
    std::fs::write(
        hsds1.join("services.csv"),
        "id,organization_id,name\ns1,o1,Walk\n",
    )
    .unwrap();
    std::fs::write(
        hsds1.join("regular_schedules.csv"),
        "id,service_id,weekday\nr,s1,1\n",
    )
    .unwrap();
    for (what, version) in [(&page, "Open Referral UK 1.0"), (&hsds1, "HSDS 1.x/2.0")] {
        let out = linkwork(
            &home,
            &[
                "directory",
                "import",
                what.to_str().unwrap(),
                "--data-dir",
                d,
            ],
        );
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(version) && err.contains("3.0"), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(services(&data).is_empty());
    }
}

/// A council's API, served from this test: `GET /services?page=N` gives
/// page N of `pages` (404 past the end, or for a page marked missing).
struct FeedServer {
    pages: std::sync::Arc<std::sync::Mutex<Vec<serde_json::Value>>>,
    missing: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    url: String,
}

impl FeedServer {
    fn start(pages: Vec<serde_json::Value>) -> Self {
        use std::io::Write;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let pages = std::sync::Arc::new(std::sync::Mutex::new(pages));
        let missing = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (served, gap) = (pages.clone(), missing.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let request = http::request_line(&stream);
                let page: usize = request
                    .split(['?', '&', ' '])
                    .find_map(|p| p.strip_prefix("page="))
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(1);
                let body = served
                    .lock()
                    .unwrap()
                    .get(page - 1)
                    .filter(|_| gap.load(std::sync::atomic::Ordering::SeqCst) != page)
                    .map(|p| p.to_string());
                let (status, body) = match body {
                    Some(b) => ("200 OK", b),
                    None => ("404 Not Found", String::new()),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        FeedServer {
            pages,
            missing,
            url,
        }
    }
}

#[test]
fn pulling_a_live_feed_imports_its_pages_and_says_what_changed_since() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    assert!(linkwork(&home, &["init", "--data-dir", d]).status.success());
    let pages: Vec<serde_json::Value> = linkwork::demo::feed::pages(30, 10, 5)
        .map(|b| serde_json::from_slice(b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&b)).unwrap())
        .collect();
    let server = FeedServer::start(pages);
    let pull = || linkwork(&home, &["directory", "pull", &server.url, "--data-dir", d]);
    let out = pull();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("Pulled 3 pages"), "{said}");
    assert!(said.contains("30 new, 0 changed, 0 gone"), "{said}");
    assert!(said.contains("Imported: 30 added"), "{said}");
    assert_eq!(services(&data).len(), 30);

    // A note of ours on a service the council then changes.
    let (changed_id, gone_id) = {
        let p = server.pages.lock().unwrap();
        (
            p[0]["contents"][0]["id"].as_str().unwrap().to_owned(),
            p[2]["contents"][9]["id"].as_str().unwrap().to_owned(),
        )
    };
    {
        let store = Store::open(&data, "t").unwrap();
        let mut s: Service = store.get(changed_id.as_bytes()).unwrap().unwrap();
        s.local.notes = "Ask for Ann at the door".into();
        store
            .save_service(&s, None, linkwork::store::AuditAction::Updated)
            .unwrap();
    }
    // The council: one description changed, one service added, one gone.
    {
        let mut p = server.pages.lock().unwrap();
        p[0]["contents"][0]["description"] = "Now on Thursdays too.".into();
        let mut added = p[1]["contents"][0].clone();
        added["id"] = "7d4f6c1e-0000-4000-8000-000000000001".into();
        added["name"] = "Brand New Lunch Club".into();
        p[1]["contents"].as_array_mut().unwrap().push(added);
        p[2]["contents"].as_array_mut().unwrap().pop();
    }
    // Interrupted at page 3: nothing imported, the pages kept...
    server.missing.store(3, std::sync::atomic::Ordering::SeqCst);
    let out = pull();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the server answered 404") && err.contains("resumes"),
        "{err}"
    );
    assert_eq!(services(&data).len(), 30);
    // ...and the next pull resumes, then says what changed.
    server.missing.store(0, std::sync::atomic::Ordering::SeqCst);
    let out = pull();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("(2 kept from the interrupted pull before)"),
        "{said}"
    );
    assert!(said.contains("1 new, 1 changed, 1 gone"), "{said}");
    assert!(said.contains("new: Brand New Lunch Club"), "{said}");
    assert!(said.contains("(description)"), "{said}");
    assert!(
        said.contains("kept, marked \"no longer in the feed\""),
        "{said}"
    );
    let all = services(&data);
    assert_eq!(all.len(), 31, "the gone service is kept");
    let changed = all.iter().find(|s| s.id.0 == changed_id).unwrap();
    assert_eq!(
        changed.description.as_deref(),
        Some("Now on Thursdays too.")
    );
    assert_eq!(
        changed.local.notes, "Ask for Ann at the door",
        "our note kept"
    );
    let gone = all.iter().find(|s| s.id.0 == gone_id).unwrap();
    assert!(gone.local.gone_from_feed.is_some());
    assert!(
        linkwork::domain::directory::quality::warnings(
            gone,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
        )
        .iter()
        .any(|w| w.starts_with("no longer in the feed"))
    );
    // A third pull with nothing changed says so.
    let said = String::from_utf8_lossy(&pull().stdout).into_owned();
    assert!(said.contains("0 new, 0 changed, 0 gone"), "{said}");
    // Back in the feed: the mark is cleared.
    {
        let mut p = server.pages.lock().unwrap();
        let mut back = p[2]["contents"][0].clone();
        back["id"] = gone_id.as_str().into();
        p[2]["contents"].as_array_mut().unwrap().push(back);
    }
    let said = String::from_utf8_lossy(&pull().stdout).into_owned();
    assert!(said.contains("1 new, 0 changed, 0 gone"), "{said}");
    let back = services(&data)
        .into_iter()
        .find(|s| s.id.0 == gone_id)
        .unwrap();
    assert_eq!(back.local.gone_from_feed, None);
}

#[test]
fn feeds_named_in_the_config_are_pulled_by_name_or_all_and_from_the_directory_screen() {
    let home = Home::new();
    let data = home.path().join("store");
    let d = data.to_str().unwrap();
    assert!(linkwork(&home, &["init", "--data-dir", d]).status.success());
    let page = |n: usize, seed: u64| -> Vec<serde_json::Value> {
        linkwork::demo::feed::pages(n, 10, seed)
            .map(|b| serde_json::from_slice(b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&b)).unwrap())
            .collect()
    };
    let salford = FeedServer::start(page(10, 7));
    let wigan = FeedServer::start(page(20, 8));
    let config = home.path().join("linkwork.toml");
    std::fs::write(
        &config,
        format!(
            "[[feeds]]\nname = \"Salford\"\nurl = \"{}\"\n\n[[feeds]]\nname = \"Wigan\"\nurl = \"{}\"\n",
            salford.url, wigan.url
        ),
    )
    .unwrap();
    let cfg = config.to_str().unwrap();
    // By name, whatever its case.
    let out = linkwork(
        &home,
        &[
            "--config",
            cfg,
            "directory",
            "pull",
            "salford",
            "--data-dir",
            d,
        ],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("Pulled 1 page from Salford"), "{said}");
    assert_eq!(services(&data).len(), 10);
    // A name not in the config is refused, naming those that are.
    let out = linkwork(
        &home,
        &[
            "--config",
            cfg,
            "directory",
            "pull",
            "Bolton",
            "--data-dir",
            d,
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("\"Salford\", \"Wigan\""), "{err}");
    // From the directory screen: P pulls every feed, off the screen's
    // thread, and says what changed.
    let store = std::sync::Arc::new(Store::open(&data, "t").unwrap());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut app = linkwork::ui::App::new(
        store.caseload(today).unwrap(),
        linkwork::ui::Keymap::default(),
        linkwork::ui::Theme::default_theme(),
        linkwork::ui::DataSource::Dir(data.clone()),
        "Sam".into(),
        linkwork::clock::Clock::fixed(today),
    )
    .with_backend(store.clone());
    app.feeds = linkwork::config::Config::load(&config).unwrap().feeds;
    app.load_directory_now();
    let key = |c| {
        ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        )
    };
    app.handle_key(&key('d'));
    app.handle_key(&ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Enter,
        ratatui::crossterm::event::KeyModifiers::NONE,
    ));
    app.handle_key(&key('P'));
    assert!(
        app.cx
            .notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("Pulling Salford, Wigan")
    );
    app.finish_background();
    let notice = app.cx.notice.clone().unwrap();
    assert!(!notice.is_error, "{}", notice.text);
    assert!(
        notice
            .text
            .contains("Pulled Salford: 0 new, 0 changed, 0 gone")
            && notice.text.contains("Pulled Wigan: 20 new"),
        "{}",
        notice.text
    );
    assert!(notice.text.contains("last-pull.txt"), "{}", notice.text);
    assert_eq!(
        app.cx.directory.index.as_ref().unwrap().len(),
        30,
        "the directory read again"
    );
    drop(app);
    drop(store);
    assert_eq!(services(&data).len(), 30);
}

/// The vocabulary goes out with the CSV tables (taxonomies, and terms no
/// service is tagged with) and comes back in whole.
#[test]
fn the_vocabulary_goes_out_in_the_csv_tables_and_comes_back() {
    let home = Home::new();
    let (from, to) = (home.path().join("from"), home.path().join("to"));
    for d in [&from, &to] {
        linkwork(&home, &["init", "--data-dir", d.to_str().unwrap()]);
    }
    let from_d = from.to_str().unwrap();
    let taxonomy = format!(
        "{}/tests/fixtures/openreferral/uk-profile-json/taxonomy.json",
        env!("CARGO_MANIFEST_DIR")
    );
    for f in [fixture("service_list.json"), taxonomy] {
        let out = linkwork(&home, &["directory", "import", &f, "--data-dir", from_d]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let tables = home.path().join("tables");
    let out = linkwork(
        &home,
        &[
            "directory",
            "export",
            "--format",
            "csv",
            tables.to_str().unwrap(),
            "--data-dir",
            from_d,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let taxonomies = std::fs::read_to_string(tables.join("taxonomies.csv")).unwrap();
    assert!(
        taxonomies.contains("5c4d79d7-cc55-470e-9f1f-8cad074e4892,name"),
        "{taxonomies}"
    );
    let out = linkwork(
        &home,
        &[
            "directory",
            "import",
            tables.to_str().unwrap(),
            "--data-dir",
            to.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let vocabulary = |d: &std::path::Path| Store::open(d, "t").unwrap().vocabulary().unwrap();
    let (sent, back) = (vocabulary(&from), vocabulary(&to));
    assert!(!sent.terms.is_empty() && !sent.taxonomies.is_empty());
    assert_eq!(sent, back);
}

/// A new store in `home`, `path` imported into it (which must succeed):
/// the data folder and what the import said on standard error.
fn imported_into_new_store(home: &Home, path: &std::path::Path) -> (std::path::PathBuf, String) {
    let data = home.path().join("data");
    let d = data.to_str().unwrap();
    linkwork(home, &["init", "--data-dir", d]);
    let out = linkwork(
        home,
        &[
            "directory",
            "import",
            path.to_str().unwrap(),
            "--data-dir",
            d,
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    (data, err)
}

/// The specification's examples folder carries `base.json`, which
/// describes the data: a folder import skips it with one note (it was
/// refused as "not Open Referral JSON").
#[test]
fn a_folder_with_metadata_files_imports_with_one_note() {
    let home = Home::new();
    let folder = home.path().join("examples");
    std::fs::create_dir(&folder).unwrap();
    for e in std::fs::read_dir(fixture("hsds3-json")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, folder.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        folder.join("base.json"),
        r#"{"title": "Open Referral examples", "description": "metadata, not services"}"#,
    )
    .unwrap();
    std::fs::write(folder.join("tabular.json"), "{}").unwrap();
    let (data, err) = imported_into_new_store(&home, &folder);
    assert_eq!(
        err.matches("Skipped base.json, tabular.json: they describe the data, not services.")
            .count(),
        1,
        "{err}"
    );
    assert_eq!(services(&data).len(), 1);
}

/// A list repeating one service 128 times says so in one line, not 127.
#[test]
fn a_service_repeated_128_times_is_one_line() {
    let home = Home::new();
    let one =
        std::fs::read_to_string(format!("{}/service_full.json", fixture("hsds3-json"))).unwrap();
    let list = format!("[{}]", vec![one.as_str(); 128].join(","));
    let file = home.path().join("repeats.json");
    std::fs::write(&file, list).unwrap();
    let (data, err) = imported_into_new_store(&home, &file);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("appears")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("appears 128 times") && lines[0].contains("only the last is kept"),
        "{err}"
    );
    assert_eq!(services(&data).len(), 1);
}
