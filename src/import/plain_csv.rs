//! A worker's own spreadsheet of services, saved as CSV: one service per
//! row, with the columns below (any order; only `name` and `organisation`
//! are needed; unknown columns are ignored). Each value follows the same
//! rule as the service form in the app.
//!
//! | column | example |
//! |---|---|
//! | `id` | `eccles-walks` (optional: made from organisation and name) |
//! | `name` | `Eccles Health Walks` |
//! | `organisation` | `Eccles Ramblers` |
//! | `description` | `Gentle led walks` |
//! | `categories` | `walking, befriending` |
//! | `days` | `Tue, Sat` |
//! | `opens_at`, `closes_at` | `10:00` |
//! | `when` | `every Tue, Thu 18:30-20:00; 1st Wed of the month 10:00-12:00` (every session; instead of the three columns above) |
//! | `address`, `town`, `postcode` | `Church Street`, `Eccles`, `M30 0FN` |
//! | `phone`, `email`, `website` | |
//! | `cost` | `free` or `2.50` |
//! | `eligibility` | `Adults` |
//! | `minimum_age`, `maximum_age` | `18` |
//! | `access` | `drop in`, `referral` or `appointment` |
//! | `suits` | `accompanied-friendly, over-50s` |
//! | `notes` | our own notes |

use super::hsds_csv::{Table, rows};
use super::hsds_json::Parsed;
use super::{ImportError, Location};
use crate::domain::directory::service_edit::ServiceField;
use crate::domain::directory::{Organisation, blank_service};
use crate::domain::ids::{OrganisationId, ServiceId};
use crate::domain::text::fold;

/// The column of each form field.
pub const COLUMNS: [(ServiceField, &str); 21] = [
    (ServiceField::Name, "name"),
    (ServiceField::Organisation, "organisation"),
    (ServiceField::Description, "description"),
    (ServiceField::Categories, "categories"),
    (ServiceField::Days, "days"),
    (ServiceField::Opens, "opens_at"),
    (ServiceField::Closes, "closes_at"),
    (ServiceField::When, "when"),
    (ServiceField::Address, "address"),
    (ServiceField::Town, "town"),
    (ServiceField::Postcode, "postcode"),
    (ServiceField::Phone, "phone"),
    (ServiceField::Email, "email"),
    (ServiceField::Website, "website"),
    (ServiceField::Cost, "cost"),
    (ServiceField::Eligibility, "eligibility"),
    (ServiceField::MinimumAge, "minimum_age"),
    (ServiceField::MaximumAge, "maximum_age"),
    (ServiceField::Access, "access"),
    (ServiceField::Suits, "suits"),
    (ServiceField::Notes, "notes"),
];

/// A stable id from words: `Eccles Ramblers` -> `eccles-ramblers`.
fn slug(text: &str) -> String {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

/// Parses a spreadsheet. `file` names it in errors.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Parsed, ImportError> {
    let mut all = Parsed::default();
    parse_in_steps(file, bytes, usize::MAX, &mut |step| {
        all = step;
        Ok(())
    })?;
    Ok(all)
}

/// Parses a spreadsheet `step` services at a time, handing each step to
/// `take` (each organisation in the step that first names it), so a sheet
/// of any length never has all its services built at once. A sheet that
/// cannot be read is refused before any step.
pub fn parse_in_steps<E: From<ImportError>>(
    file: &str,
    bytes: &[u8],
    step: usize,
    take: &mut dyn FnMut(Parsed) -> Result<(), E>,
) -> Result<(), E> {
    let table = Table::read(file, bytes)?;
    let mut out = Parsed::default();
    // Each organisation and service id seen, and the line each service
    // was on (so a sheet of any length is read in one pass).
    let mut org_seen: std::collections::HashSet<OrganisationId> = Default::default();
    let mut service_at: std::collections::HashMap<ServiceId, Location> = Default::default();
    for c in rows(&table) {
        let name = c.get("name").unwrap_or("");
        let organisation = c
            .get("organisation")
            .or(c.get("organization"))
            .unwrap_or("");
        let id = match c.get("id") {
            Some(id) => id.to_owned(),
            None => format!("sheet-{}--{}", slug(organisation), slug(name)),
        };
        let mut service = blank_service(ServiceId(id.clone()));
        let mut org_name = String::new();
        let mut bad = None;
        for (field, column) in COLUMNS {
            let value = match field {
                ServiceField::Organisation => organisation,
                _ => c.get(column).unwrap_or(""),
            };
            if value.is_empty() && !matches!(field, ServiceField::Name | ServiceField::Organisation)
            {
                continue;
            }
            if let Err(message) = field.set(value, &mut service, &mut org_name) {
                bad = Some(ImportError::Field {
                    at: Location {
                        id: Some(id.clone()),
                        ..c.at()
                    },
                    field: column.to_owned(),
                    message,
                });
                break;
            }
        }
        if bad.is_none()
            && let Err((field, message)) = crate::domain::directory::service_edit::check(&service)
        {
            // The sessions' times came from `closes_at` unless the sheet has `when`.
            let column = match field {
                ServiceField::When if c.get("when").is_none_or(str::is_empty) => "closes_at",
                _ => COLUMNS
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map_or("row", |(_, c)| c),
            };
            bad = Some(c.err(column, message));
        }
        if bad.is_none()
            && let Some(twice) = service_at.get(&service.id)
        {
            bad = Some(c.err("id", format!("\"{id}\" appears twice (also {twice})")));
        }
        // A row with a wrong value is skipped and named; the others go in.
        if let Some(e) = bad {
            out.rejected.push(e);
            continue;
        }
        let org_id = OrganisationId(format!("sheet-{}", slug(&org_name)));
        service.organization_id = org_id.clone();
        if org_seen.insert(org_id.clone()) {
            out.organisations.push(Organisation {
                extra: Default::default(),
                id: org_id,
                name: org_name,
                description: None,
                email: None,
                website: None,
                legal_status: None,
                phones: vec![],
            });
        }
        let at = Location {
            id: Some(id),
            ..c.at()
        };
        service_at.insert(service.id.clone(), at.clone());
        out.origins.push(at);
        out.services.push(service);
        if out.services.len() >= step {
            take(std::mem::take(&mut out))?;
        }
    }
    take(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spreadsheet_row_becomes_a_service() {
        let sheet = "name,organisation,categories,days,opens_at,cost,postcode,notes\n\
                     Knit and Natter,Eccles Library,arts,Tue,14:00,free,m30 0fn,Ask for Pat\n";
        let parsed = parse("mine.csv", sheet.as_bytes()).unwrap();
        let s = &parsed.services[0];
        assert_eq!(s.id.0, "sheet-eccles-library--knit-and-natter");
        assert_eq!(s.organization_id.0, "sheet-eccles-library");
        assert_eq!(parsed.organisations[0].name, "Eccles Library");
        assert!(s.is_free());
        assert_eq!(s.postcode(), Some("M30 0FN"));
        assert_eq!(s.local.notes, "Ask for Pat");
    }

    #[test]
    fn a_long_sheet_comes_in_steps_each_organisation_once_and_repeats_named() {
        let sheet = "id,name,organisation\n\
                     a,Walk,Library\nb,Talk,Library\nc,Knit,Hall\nd,Sing,Library\na,Walk again,Hall\n";
        let mut steps = Vec::new();
        parse_in_steps::<ImportError>("mine.csv", sheet.as_bytes(), 2, &mut |p| {
            steps.push(p);
            Ok(())
        })
        .unwrap();
        let sizes: Vec<usize> = steps.iter().map(|p| p.services.len()).collect();
        assert_eq!(sizes, [2, 2, 0]);
        let orgs: Vec<usize> = steps.iter().map(|p| p.organisations.len()).collect();
        assert_eq!(
            orgs,
            [1, 1, 0],
            "each organisation in the step that first names it"
        );
        let last = &steps[2].rejected;
        assert_eq!(last.len(), 1);
        let said = last[0].to_string();
        assert!(
            said.contains("appears twice") && said.contains("line 2"),
            "{said}"
        );
        let whole = parse("mine.csv", sheet.as_bytes()).unwrap();
        assert_eq!((whole.services.len(), whole.rejected.len()), (4, 1));
    }

    #[test]
    fn a_bad_value_names_line_id_and_column() {
        let sheet = "id,name,organisation,minimum_age\nk1,Knit,Library,twelve\n";
        let e = parse("mine.csv", sheet.as_bytes())
            .unwrap()
            .rejected
            .remove(0);
        assert_eq!(
            e.to_string(),
            "mine.csv line 2 (id k1): minimum_age \"twelve\" is not an age"
        );
        let p = parse("mine.csv", b"name,organisation\n,Library\nChoir,Library\n").unwrap();
        assert_eq!(p.services.len(), 1, "the good row is kept");
        let e = &p.rejected[0];
        assert!(e.to_string().contains("name is needed"), "{e}");
    }
}
