//! HSDS 3.0 tabular data: a folder with `datapackage.json` and one CSV
//! table per object, joined on ids: services with their organisation,
//! locations (through `service_at_location`), addresses, accessibility,
//! schedules, phones, contacts, cost options, languages, service areas and
//! taxonomy terms (through `attributes`). Tables we do not model (funding,
//! programs, metadata ...) are ignored. A row that points at an id that is
//! not there is an error, naming the file, the line and the field.

pub mod extensions;
mod kept;
mod records;
mod rejects;
mod table;
use rejects::Rejects;
use table::Row;
pub(super) use table::Table;

use super::hsds_json::Parsed;
use super::modelled;
use super::{ImportError, Location, shorten};
use crate::domain::directory::{Contact, Phone, Schedule, ServiceAt};
use chrono::NaiveDate;
use records::{nested_lists, organisations_of, services_of, tag_taxonomy, venues_of};
use std::collections::{HashMap, HashSet};

/// The tables we read: HSDS resource name and its usual file.
pub const TABLES: [(&str, &str); 15] = [
    ("organization", "organizations.csv"),
    ("service", "services.csv"),
    ("location", "locations.csv"),
    ("service_at_location", "service_at_location.csv"),
    ("address", "addresses.csv"),
    ("accessibility", "accessibility.csv"),
    ("schedule", "schedules.csv"),
    ("phone", "phones.csv"),
    ("contact", "contacts.csv"),
    ("cost_option", "cost_options.csv"),
    ("language", "languages.csv"),
    ("service_area", "service_areas.csv"),
    ("attribute", "attributes.csv"),
    ("taxonomy_term", "taxonomy_terms.csv"),
    ("taxonomy", "taxonomies.csv"),
];

fn shape(file: &str, message: impl Into<String>) -> ImportError {
    ImportError::Shape {
        file: file.to_owned(),
        message: message.into(),
    }
}

/// A row of a table, for reading typed fields with errors that say where.
pub(super) struct Cells<'a> {
    table: &'a Table,
    row: &'a Row,
}

impl<'a> Cells<'a> {
    pub(super) fn at(&self) -> Location {
        Location {
            file: self.table.file.clone(),
            record: None,
            line: Some(u32::try_from(self.row.line).unwrap_or(u32::MAX)),
            id: self.get("id").map(shorten),
        }
    }

    pub(super) fn err(&self, field: &str, message: String) -> ImportError {
        ImportError::Field {
            at: self.at(),
            field: field.to_owned(),
            message,
        }
    }

    /// A value read as an id, number, date or code: trimmed, `None` when
    /// empty.
    pub(super) fn get(&self, column: &str) -> Option<&'a str> {
        self.raw(column).map(str::trim)
    }

    /// A cell as written, `None` when empty or blank.
    fn raw(&self, column: &str) -> Option<&'a str> {
        let i = *self.table.columns.get(column)?;
        self.row.cell(i).filter(|s| !s.trim().is_empty())
    }

    /// A code or id (a frequency, a time, a country): trimmed.
    fn code(&self, column: &str) -> Option<String> {
        self.get(column).map(str::to_owned)
    }

    /// Free text, as written (spaces kept, as JSON keeps them).
    fn text(&self, column: &str) -> Option<String> {
        self.raw(column).map(str::to_owned)
    }

    fn required(&self, column: &str) -> Result<String, ImportError> {
        self.text(column)
            .ok_or_else(|| self.err(column, "is missing".into()))
    }

    fn number(&self, column: &str) -> Result<Option<f64>, ImportError> {
        match self.get(column) {
            None => Ok(None),
            Some(s) => s
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(Some)
                .ok_or_else(|| self.err(column, format!("\"{}\" is not a number", shorten(s)))),
        }
    }

    fn whole(&self, column: &str) -> Result<Option<u32>, ImportError> {
        match self.get(column) {
            None => Ok(None),
            Some(s) => s
                .parse::<u32>()
                .map(Some)
                .map_err(|_| self.err(column, format!("\"{}\" is not a number", shorten(s)))),
        }
    }

    fn date(&self, column: &str) -> Result<Option<NaiveDate>, ImportError> {
        match self.get(column) {
            None => Ok(None),
            Some(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
                .map(Some)
                .map_err(|_| {
                    self.err(
                        column,
                        format!("\"{}\" is not a date (YYYY-MM-DD)", shorten(s)),
                    )
                }),
        }
    }

    /// An id column that must name a row of another table.
    fn reference<'m, T>(
        &self,
        column: &str,
        targets: &'m HashMap<String, T>,
        target_file: &str,
    ) -> Result<Option<&'m T>, ImportError> {
        match self.get(column) {
            None => Ok(None),
            Some(id) => targets.get(id).map(Some).ok_or_else(|| {
                self.err(
                    column,
                    format!("\"{}\" is not in {target_file}", shorten(id)),
                )
            }),
        }
    }
}

pub(super) fn rows(table: &Table) -> impl Iterator<Item = Cells<'_>> {
    table.rows.iter().map(move |row| Cells { table, row })
}

/// The file name of each table, from `datapackage.json` where it names
/// one.
fn table_files(package: Option<&[u8]>) -> Result<HashMap<String, String>, ImportError> {
    let mut files: HashMap<String, String> = TABLES
        .iter()
        .map(|(name, file)| ((*name).to_owned(), (*file).to_owned()))
        .collect();
    let Some(bytes) = package else {
        return Ok(files);
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ImportError::Syntax {
            file: "datapackage.json".into(),
            line: e.line(),
            column: e.column(),
            message: "this is not valid JSON".into(),
        })?;
    if let Some(resources) = value.get("resources").and_then(|r| r.as_array()) {
        let names = resources
            .iter()
            .filter_map(|r| r.get("name").and_then(|n| n.as_str()));
        if names.clone().any(|n| super::OLDER_HSDS.contains(&n)) {
            return Err(older());
        }
        for r in resources {
            if let (Some(name), Some(path)) = (
                r.get("name").and_then(|n| n.as_str()),
                r.get("path").and_then(|p| p.as_str()),
            ) && files.contains_key(name)
                && !path.contains("..")
                && !path.starts_with('/')
            {
                files.insert(name.to_owned(), path.to_owned());
            }
        }
    }
    Ok(files)
}

/// The refusal of an HSDS 1.x/2.0 package.
fn older() -> ImportError {
    shape(
        "datapackage.json",
        format!(
            "this is {} tabular data; linkwork reads HSDS 3.0 tables (ask the publisher for their 3.0 data)",
            super::OLDER_HSDS_SAYS
        ),
    )
}

/// Reads a file of the package by name: its bytes, `None` when it is not
/// there, or an error.
pub type ReadFile<'a> = dyn FnMut(&str) -> Result<Option<Vec<u8>>, ImportError> + 'a;

/// Parses a tabular package. `read` returns a file's bytes by its name
/// within the folder (`None` when there is no such file).
pub fn parse(read: &mut ReadFile) -> Result<Parsed, ImportError> {
    let package = read("datapackage.json")?;
    let files = table_files(package.as_deref())?;
    // An older package whose descriptor does not say so still has its
    // tables.
    for table in super::OLDER_HSDS {
        if read(&format!("{table}.csv"))?.is_some() {
            return Err(older());
        }
    }
    let mut load = |name: &str| -> Result<Option<Table>, ImportError> {
        let file = &files[name];
        match read(file)? {
            None => Ok(None),
            Some(bytes) => Table::read(file, &bytes).map(Some),
        }
    };
    let Some(services_table) = load("service")? else {
        return Err(shape(
            &files["service"],
            "is missing: a tabular package needs a services table",
        ));
    };
    if !services_table.columns.contains_key("id") {
        return Err(shape(&services_table.file, "has no \"id\" column"));
    }
    let empty = |name: &str| Table {
        file: files[name].clone(),
        ..Table::default()
    };
    let mut table = |name: &str| -> Result<Table, ImportError> {
        Ok(load(name)?.unwrap_or_else(|| empty(name)))
    };
    let organisations_table = table("organization")?;
    let locations_table = table("location")?;
    let sal_table = table("service_at_location")?;
    let addresses_table = table("address")?;
    let accessibility_table = table("accessibility")?;
    let schedules_table = table("schedule")?;
    let phones_table = table("phone")?;
    let contacts_table = table("contact")?;
    let costs_table = table("cost_option")?;
    let languages_table = table("language")?;
    let areas_table = table("service_area")?;
    let attributes_table = table("attribute")?;
    let terms_table = table("taxonomy_term")?;
    let taxonomies_table = table("taxonomy")?;

    let mut rejects = Rejects::default();
    let mut skipped_orgs = HashSet::new();
    let (mut organisations, org_at) =
        organisations_of(&organisations_table, &mut rejects, &mut skipped_orgs);
    let (mut services, mut origins, service_at) = services_of(&services_table, &mut rejects);
    let venues = venues_of(
        &locations_table,
        &addresses_table,
        &accessibility_table,
        &mut rejects,
    );

    // Services at locations.
    let mut sal_service: HashMap<String, usize> = HashMap::new();
    for c in rows(&sal_table) {
        let service = c
            .reference("service_id", &service_at, &services_table.file)
            .map(|s| s.copied());
        rejects.row(service.map(Some), |si| {
            let Some(si) = si else {
                return Err(c.err("service_id", "and location_id are both needed".into()));
            };
            let Some(venue) = c.reference("location_id", &venues, &locations_table.file)? else {
                return Err(c.err("location_id", "and service_id are both needed".into()));
            };
            let id = c.required("id")?;
            sal_service.insert(id.clone(), si);
            if !services[si].locations.iter().any(|l| l.id == venue.id) {
                let mut place = venue.clone();
                place.at = Some(ServiceAt {
                    id,
                    extra: c.rest(
                        "service_at_location",
                        &["id"],
                        &["service_id", "location_id"],
                    ),
                });
                services[si].locations.push(place);
            }
            Ok(())
        });
    }

    // The service a row belongs to: by service_id, or through its
    // service_at_location.
    let owner = |c: &Cells| -> Result<Option<usize>, ImportError> {
        if let Some(&i) = c.reference("service_id", &service_at, &services_table.file)? {
            return Ok(Some(i));
        }
        Ok(
            c.reference("service_at_location_id", &sal_service, &sal_table.file)?
                .copied(),
        )
    };

    for c in rows(&schedules_table) {
        rejects.row(owner(&c), |i| {
            services[i].schedules.push(Schedule {
                at: c.get("service_at_location_id").map(str::to_owned),
                extra: c.rest(
                    "schedule",
                    &modelled::SCHEDULE,
                    &["service_id", "service_at_location_id"],
                ),
                id: c.required("id")?,
                freq: c.code("freq"),
                interval: c.whole("interval")?,
                byday: c.code("byday"),
                opens_at: c.code("opens_at"),
                closes_at: c.code("closes_at"),
                description: c.text("description"),
            });
            Ok(())
        });
    }
    // Contacts before phones, which may belong to a contact.
    let mut contact_at: HashMap<String, (usize, usize)> = HashMap::new();
    for c in rows(&contacts_table) {
        rejects.row(owner(&c), |i| {
            let id = c.required("id")?;
            contact_at.insert(id.clone(), (i, services[i].contacts.len()));
            services[i].contacts.push(Contact {
                extra: c.rest("contact", &modelled::CONTACT, &["service_id"]),
                id,
                name: c.text("name"),
                title: c.text("title"),
                email: c.text("email"),
                phones: vec![],
            });
            Ok(())
        });
    }
    for c in rows(&phones_table) {
        // The service the phone is for, when it is for one (directly, or
        // through a contact), so a bad phone skips that service.
        let service = c
            .reference("contact_id", &contact_at, &contacts_table.file)
            .map(|at| at.map(|&(si, _)| si))
            .and_then(|si| match si {
                Some(si) => Ok(Some(si)),
                None => owner(&c),
            });
        rejects.row(service.map(Some), |si| {
            let phone = Phone {
                at: c.get("service_at_location_id").map(str::to_owned),
                extra: c.rest(
                    "phone",
                    &modelled::PHONE,
                    &[
                        "service_id",
                        "organization_id",
                        "contact_id",
                        "service_at_location_id",
                    ],
                ),
                id: c.required("id")?,
                number: c.required("number")?,
                extension: c.whole("extension")?,
                kind: c.code("type"),
                description: c.text("description"),
            };
            if let Some(&(si, ci)) = c.reference("contact_id", &contact_at, &contacts_table.file)? {
                services[si].contacts[ci].phones.push(phone);
            } else if let Some(i) = si {
                services[i].phones.push(phone);
            } else if c.get("location_id").is_none()
                && let Some(&oi) =
                    c.reference("organization_id", &org_at, &organisations_table.file)?
            {
                organisations[oi].phones.push(phone);
            }
            Ok(())
        });
    }
    nested_lists(
        &mut services,
        &owner,
        (&costs_table, &languages_table, &areas_table),
        &mut rejects,
    );
    let mut vocabulary = tag_taxonomy(
        &mut services,
        &service_at,
        &services_table,
        (&terms_table, &attributes_table, &taxonomies_table),
        &mut rejects,
    );
    // A service whose organisation's row was skipped is skipped with it.
    for (i, s) in services.iter().enumerate() {
        if skipped_orgs.contains(&s.organization_id.0) && !rejects.services.contains(&i) {
            rejects.services.insert(i);
            rejects.errors.push(ImportError::Field {
                at: origins[i].clone(),
                field: "organization_id".into(),
                message: "names an organisation whose row was skipped".into(),
            });
        }
    }
    let keep: Vec<bool> = (0..services.len())
        .map(|i| !rejects.services.contains(&i))
        .collect();
    let mut kept = keep.iter();
    services.retain(|_| kept.next().copied().unwrap_or(true));
    let mut kept = keep.iter();
    origins.retain(|_| kept.next().copied().unwrap_or(true));
    if let Some(bytes) = read(extensions::FILE)? {
        extensions::apply(
            &extensions::read(&bytes)?,
            &mut services,
            &mut organisations,
            &mut vocabulary,
        );
    }
    Ok(Parsed {
        services,
        organisations,
        origins,
        notes: Vec::new(),
        rejected: rejects.errors,
        vocabulary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(files: &[(&str, &str)]) -> Result<Parsed, ImportError> {
        let files: HashMap<String, Vec<u8>> = files
            .iter()
            .map(|(n, t)| ((*n).to_owned(), t.as_bytes().to_vec()))
            .collect();
        parse(&mut |name: &str| Ok(files.get(name).cloned()))
    }

    const ORGS: &str = "id,name\no1,Salford CVS\n";

    #[test]
    fn joins_tables_on_ids() {
        let parsed = package(&[
            ("organizations.csv", ORGS),
            ("services.csv", "id,organization_id,name,minimum_age\ns1,o1,Walk,18\n"),
            ("locations.csv", "id,name\nl1,Hub\n"),
            ("service_at_location.csv", "id,service_id,location_id\nsal1,s1,l1\n"),
            ("addresses.csv", "id,location_id,city,postal_code\na1,l1,Eccles,M30 0FN\n"),
            ("schedules.csv", "id,service_id,service_at_location_id,freq,byday,opens_at\nsc1,,sal1,WEEKLY,TU,10:00\n"),
            ("phones.csv", "id,service_id,number\np1,s1,0161 000 0000\n"),
            ("cost_options.csv", "id,service_id,amount\nc1,s1,2.5\n"),
            ("taxonomy_terms.csv", "id,name\nt1,Walking\n"),
            ("attributes.csv", "id,link_id,link_entity,taxonomy_term_id\nat1,s1,service,t1\n"),
        ])
        .unwrap();
        let s = &parsed.services[0];
        assert_eq!(s.minimum_age, Some(18));
        assert_eq!(s.locations[0].addresses[0].city.as_deref(), Some("Eccles"));
        assert_eq!(s.schedules[0].byday.as_deref(), Some("TU"));
        assert_eq!(s.phones[0].number, "0161 000 0000");
        assert_eq!(s.cost_options[0].amount, Some(2.5));
        assert_eq!(s.taxonomy_terms[0].name, "Walking");
        assert_eq!(parsed.origins[0].to_string(), "services.csv line 2 (id s1)");
    }

    /// The one rejected row of a package whose other records import.
    fn rejected(files: &[(&str, &str)]) -> (Parsed, String) {
        let parsed = package(files).unwrap();
        assert_eq!(parsed.rejected.len(), 1, "{:?}", parsed.rejected);
        let e = parsed.rejected[0].to_string();
        (parsed, e)
    }

    #[test]
    fn a_bad_row_is_skipped_and_named_with_its_service_and_the_rest_imports() {
        let (p, e) = rejected(&[(
            "services.csv",
            "id,organization_id,name,minimum_age\ns1,o1,Walk,18\n9f1c,o1,Choir,twelve\n",
        )]);
        assert_eq!(
            e,
            "services.csv line 3 (id 9f1c): minimum_age \"twelve\" is not a number"
        );
        assert_eq!(p.services.len(), 1);
        assert_eq!(p.origins.len(), 1);
        let p = package(&[
            (
                "services.csv",
                "id,organization_id,name\ns1,o1,Walk\ns2,o1,Choir\n",
            ),
            (
                "schedules.csv",
                "id,service_id,interval\nsc1,nope,1\nsc2,s2,every other\nsc3,s1,1\n",
            ),
        ])
        .unwrap();
        // A schedule naming no service is named; one with a bad value takes
        // its service with it; the good one stays.
        let names: Vec<String> = p.rejected.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            [
                "schedules.csv line 2 (id sc1): service_id \"nope\" is not in services.csv",
                "schedules.csv line 3 (id sc2): interval \"every other\" is not a number"
            ]
        );
        assert_eq!(p.services.len(), 1);
        assert_eq!(p.services[0].id.0, "s1");
        assert_eq!(p.services[0].schedules.len(), 1);
    }

    #[test]
    fn errors_name_the_file_line_id_and_field() {
        let (_, e) = rejected(&[
            ("services.csv", "id,organization_id,name\ns1,o1,Walk\n"),
            ("schedules.csv", "id,service_id\nsc1,nope\n"),
        ]);
        assert_eq!(
            e,
            "schedules.csv line 2 (id sc1): service_id \"nope\" is not in services.csv"
        );
        let e = package(&[("services.csv", "id,organization_id,name\r\ns1,o1\r\n")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "services.csv line 2: row has 2 columns; the header has 3"
        );
        let e = package(&[("organizations.csv", ORGS)]).unwrap_err();
        assert!(e.to_string().contains("services.csv"), "{e}");
    }

    #[test]
    fn tolerates_bom_crlf_quotes_unknown_columns_and_non_ascii() {
        let parsed = package(&[(
            "services.csv",
            "\u{feff}id,organization_id,name,description,shoe_size\r\ns1,o1,\"Café, Connect\",\"Two\r\nlines\",9\r\n",
        )])
        .unwrap();
        assert_eq!(parsed.services[0].name, "Café, Connect");
        assert_eq!(
            parsed.services[0].description.as_deref(),
            Some("Two\r\nlines")
        );
    }

    #[test]
    fn invalid_utf8_is_named() {
        let files: HashMap<String, Vec<u8>> = [(
            "services.csv".to_owned(),
            b"id,organization_id,name\ns1,o1,Caf\xe9\n".to_vec(),
        )]
        .into();
        let e = parse(&mut |n: &str| Ok(files.get(n).cloned())).unwrap_err();
        assert_eq!(e.to_string(), "services.csv line 2: name is not UTF-8 text");
    }
}
