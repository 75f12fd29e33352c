//! Reading the HSDS tables one by one: organisations, services,
//! locations with their addresses and accessibility, the lists nested in a
//! service, and taxonomy terms.

use super::{Cells, Rejects, Table, rows};
use crate::domain::directory::taxonomy::{Taxonomy, Vocabulary};
use crate::domain::directory::{
    Accessibility, Address, Attribute, CostOption, Language, Location as Venue, Organisation,
    Service, ServiceArea, ServiceStatus, TaxonomyTerm,
};
use crate::domain::ids::{OrganisationId, ServiceId};
use crate::import::{ImportError, Location, modelled, shorten};
use std::collections::HashMap;

/// How a row finds the service it belongs to.
pub(super) type Owner<'a> = dyn Fn(&Cells) -> Result<Option<usize>, ImportError> + 'a;

/// Cost options, languages and service areas, each onto its service.
pub(super) fn nested_lists(
    services: &mut [Service],
    owner: &Owner,
    (costs_table, languages_table, areas_table): (&Table, &Table, &Table),
    rejects: &mut Rejects,
) {
    for c in rows(costs_table) {
        rejects.row(owner(&c), |i| {
            services[i].cost_options.push(CostOption {
                extra: c.rest("cost_option", &modelled::COST_OPTION, &["service_id"]),
                id: c.required("id")?,
                option: c.text("option"),
                amount: c.number("amount")?,
                currency: c.code("currency"),
                amount_description: c.text("amount_description"),
            });
            Ok(())
        });
    }
    for c in rows(languages_table) {
        rejects.row(owner(&c), |i| {
            services[i].languages.push(Language {
                extra: c.rest("language", &modelled::LANGUAGE, &["service_id"]),
                id: c.required("id")?,
                name: c.text("name"),
                code: c.code("code"),
            });
            Ok(())
        });
    }
    for c in rows(areas_table) {
        rejects.row(owner(&c), |i| {
            services[i].service_areas.push(ServiceArea {
                extra: c.rest("service_area", &modelled::SERVICE_AREA, &["service_id"]),
                id: c.required("id")?,
                name: c.text("name"),
                description: c.text("description"),
            });
            Ok(())
        });
    }
}

/// Taxonomy terms, onto the services that attributes tag with them;
/// returns every taxonomy and term of the tables, for the directory's
/// vocabulary.
pub(super) fn tag_taxonomy(
    services: &mut [Service],
    service_at: &HashMap<String, usize>,
    services_table: &Table,
    (terms_table, attributes_table, taxonomies_table): (&Table, &Table, &Table),
    rejects: &mut Rejects,
) -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    for c in rows(taxonomies_table) {
        rejects.record(|| {
            vocabulary.add_taxonomy(Taxonomy {
                id: c.required("id")?,
                name: c.required("name")?,
                description: c.text("description"),
                uri: c.text("uri"),
                version: c.text("version"),
                extra: c.rest(
                    "taxonomy",
                    &["id", "name", "description", "uri", "version"],
                    &[],
                ),
            });
            Ok(())
        });
    }
    let mut terms: HashMap<String, TaxonomyTerm> = HashMap::new();
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    for c in rows(terms_table) {
        rejects.record(|| {
            let id = c.required("id")?;
            terms.insert(
                id.clone(),
                TaxonomyTerm {
                    attribute: None,
                    extra: c.rest("taxonomy_term", &modelled::TAXONOMY_TERM, &[]),
                    id,
                    code: c.code("code"),
                    name: c.required("name")?,
                    description: c.text("description"),
                    taxonomy: c.text("taxonomy"),
                },
            );
            Ok(())
        });
    }
    for c in rows(attributes_table) {
        // Only attributes that tag a service with a taxonomy term: those
        // that name another kind of record are not a service's (a
        // publisher's own word there, as in the official example, is kept
        // with the attribute when it links a service).
        const OTHERS: [&str; 6] = [
            "organization",
            "location",
            "service_at_location",
            "contact",
            "phone",
            "taxonomy_term",
        ];
        let entity = c.get("link_entity").map(str::to_ascii_lowercase);
        if entity.as_deref().is_some_and(|e| OTHERS.contains(&e))
            || !c
                .get("link_id")
                .is_some_and(|id| service_at.contains_key(id))
        {
            continue;
        }
        let owner = c
            .reference("link_id", service_at, &services_table.file)
            .map(|i| i.copied());
        rejects.row(owner, |i| {
            if let Some(term) = c.reference("taxonomy_term_id", &terms, &terms_table.file)? {
                used.insert(term.id.clone());
                let mut term = term.clone();
                term.attribute = Some(Attribute::of_service(
                    c.required("id")?,
                    c.rest("attribute", &["id"], &["taxonomy_term_id"]),
                    &services[i].id.0,
                ));
                services[i].taxonomy_terms.push(term);
            }
            Ok(())
        });
    }
    // A term that tags a service is met as the JSON import meets it (once
    // a name when a feed gives it a new id on every service); one that
    // tags none is kept as it stands.
    for term in terms.values() {
        if used.contains(term.id.as_str()) {
            vocabulary.meet_term(term);
        } else {
            vocabulary.add_term(term);
        }
    }
    vocabulary
}

/// The organisations table, and where each id stands in it.
/// Organisations whose row was skipped, by id, are in `skipped`.
pub(super) fn organisations_of(
    organisations_table: &Table,
    rejects: &mut Rejects,
    skipped: &mut std::collections::HashSet<String>,
) -> (Vec<Organisation>, HashMap<String, usize>) {
    let mut organisations: Vec<Organisation> = Vec::new();
    let mut org_at: HashMap<String, usize> = HashMap::new();
    for c in rows(organisations_table) {
        rejects.record(|| {
            let id = c.required("id")?;
            if org_at.contains_key(&id) {
                return Err(c.err("id", "appears twice".into()));
            }
            let org = Organisation {
                extra: c.rest("organization", &modelled::ORGANISATION, &[]),
                id: OrganisationId(id.clone()),
                name: c.required("name").inspect_err(|_| {
                    skipped.insert(id.clone());
                })?,
                description: c.text("description"),
                email: c.text("email"),
                website: c.text("website"),
                legal_status: c.text("legal_status"),
                phones: vec![],
            };
            org_at.insert(id, organisations.len());
            organisations.push(org);
            Ok(())
        });
    }
    (organisations, org_at)
}

/// The services table (without their nested records yet), where each row
/// came from, and where each id stands.
#[allow(clippy::type_complexity)]
/// A row that cannot be read is kept as a placeholder, marked in
/// `rejects`, so the rows of other tables that name it are skipped with it.
pub(super) fn services_of(
    services_table: &Table,
    rejects: &mut Rejects,
) -> (Vec<Service>, Vec<Location>, HashMap<String, usize>) {
    let mut services: Vec<Service> = Vec::new();
    let mut origins = Vec::new();
    let mut service_at: HashMap<String, usize> = HashMap::new();
    for c in rows(services_table) {
        let Some(id) = c.get("id").map(str::to_owned) else {
            rejects.record(|| c.required("id").map(drop));
            continue;
        };
        if service_at.contains_key(&id) {
            rejects.record(|| Err(c.err("id", "appears twice".into())));
            continue;
        }
        let i = services.len();
        service_at.insert(id.clone(), i);
        origins.push(c.at());
        match service_row(&c, id.clone()) {
            Ok(service) => services.push(service),
            Err(e) => {
                services.push(crate::domain::directory::blank_service(ServiceId(id)));
                rejects.reject(i, e);
            }
        }
    }
    (services, origins, service_at)
}

/// One row of the services table.
fn service_row(c: &Cells, id: String) -> Result<Service, ImportError> {
    let status = match c.get("status").map(str::to_ascii_lowercase).as_deref() {
        None | Some("active") => ServiceStatus::Active,
        Some("inactive") => ServiceStatus::Inactive,
        Some("defunct") => ServiceStatus::Defunct,
        Some("temporarily closed" | "temporarily_closed") => ServiceStatus::TemporarilyClosed,
        Some(other) => {
            return Err(c.err(
                "status",
                format!(
                    "\"{}\" is not one of active, inactive, defunct, temporarily closed",
                    shorten(other)
                ),
            ));
        }
    };
    Ok(Service {
        // Optional in HSDS 3.0: empty when the service names none.
        organization_id: OrganisationId(c.code("organization_id").unwrap_or_default()),
        name: c.required("name")?,
        alternate_name: c.text("alternate_name"),
        description: c.text("description"),
        url: c.text("url"),
        email: c.text("email"),
        status,
        interpretation_services: c.text("interpretation_services"),
        application_process: c.text("application_process"),
        fees_description: c.text("fees_description"),
        eligibility_description: c.text("eligibility_description"),
        minimum_age: c.whole("minimum_age")?,
        maximum_age: c.whole("maximum_age")?,
        alert: c.text("alert"),
        last_modified: c.code("last_modified"),
        assured_date: c.date("assured_date")?,
        extra: c.rest("service", &modelled::SERVICE, &[]),
        // Its nested records are added from the other tables.
        ..crate::domain::directory::blank_service(ServiceId(id))
    })
}

/// The locations with their addresses and accessibility. A row that
/// cannot be read is skipped and named (a service at a location skipped
/// is skipped with it, as the location is not found).
pub(super) fn venues_of(
    locations_table: &Table,
    addresses_table: &Table,
    accessibility_table: &Table,
    rejects: &mut Rejects,
) -> HashMap<String, Venue> {
    let mut venues: HashMap<String, Venue> = HashMap::new();
    for c in rows(locations_table) {
        rejects.record(|| {
            let id = c.required("id")?;
            let venue = Venue {
                at: None,
                extra: c.rest("location", &modelled::LOCATION, &[]),
                id: id.clone(),
                location_type: c.code("location_type"),
                name: c.text("name"),
                description: c.text("description"),
                transportation: c.text("transportation"),
                latitude: c.number("latitude")?,
                longitude: c.number("longitude")?,
                addresses: vec![],
                accessibility: vec![],
            };
            venues.insert(id, venue);
            Ok(())
        });
    }
    let mut addresses: Vec<(String, Address)> = Vec::new();
    for c in rows(addresses_table) {
        let venue = c
            .reference("location_id", &venues, &locations_table.file)
            .map(|v| v.map(|v| v.id.clone()));
        rejects.row(venue, |venue| {
            addresses.push((
                venue,
                Address {
                    extra: c.rest("address", &modelled::ADDRESS, &["location_id"]),
                    id: c.required("id")?,
                    address_1: c.text("address_1"),
                    address_2: c.text("address_2"),
                    city: c.text("city"),
                    region: c.text("region"),
                    state_province: c.text("state_province"),
                    postal_code: c.text("postal_code"),
                    country: c.code("country"),
                    address_type: c.code("address_type"),
                },
            ));
            Ok(())
        });
    }
    let mut access: Vec<(String, Accessibility)> = Vec::new();
    for c in rows(accessibility_table) {
        let venue = c
            .reference("location_id", &venues, &locations_table.file)
            .map(|v| v.map(|v| v.id.clone()));
        rejects.row(venue, |venue| {
            access.push((
                venue,
                Accessibility {
                    extra: c.rest("accessibility", &modelled::ACCESSIBILITY, &["location_id"]),
                    id: c.required("id")?,
                    description: c.text("description"),
                    details: c.text("details"),
                    url: c.text("url"),
                },
            ));
            Ok(())
        });
    }
    for (venue, a) in addresses {
        if let Some(v) = venues.get_mut(&venue) {
            v.addresses.push(a);
        }
    }
    for (venue, a) in access {
        if let Some(v) = venues.get_mut(&venue) {
            v.accessibility.push(a);
        }
    }
    venues
}
