//! The built-in demo caseload: fictional people, cases and a directory of
//! community services in five Salford towns, generated deterministically
//! from a fixed seed and the date it is generated for (so "days open" look
//! live). Phone numbers use Ofcom's drama range and NHS numbers the 999
//! test range, so nothing can reach a real person.

mod cases;
pub mod feed;
mod names;
mod services;

use crate::domain::case::Case;
use crate::domain::contact::ContactEntry;
use crate::domain::conversation::Conversation;
use crate::domain::directory::{Organisation, Service};
use crate::domain::ladder::Connection;
use crate::domain::person::Person;
use crate::domain::plan::ActionPlan;
use crate::domain::wellbeing::WellbeingMeasure;
use crate::store::{AuditAction, Entity, Store, StoreError};
use chrono::NaiveDate;

/// The seed of the demo generator.
pub const DEMO_SEED: u64 = 0x11_4e_0a_2b;

/// Every record of the demo caseload.
#[derive(Debug, Clone, Default)]
pub struct DemoData {
    /// Directory organisations.
    pub organisations: Vec<Organisation>,
    /// Directory services.
    pub services: Vec<Service>,
    /// People.
    pub persons: Vec<Person>,
    /// Cases (episodes).
    pub cases: Vec<Case>,
    /// Contacts.
    pub contacts: Vec<ContactEntry>,
    /// Conversations.
    pub conversations: Vec<Conversation>,
    /// Action plans.
    pub plans: Vec<ActionPlan>,
    /// Connections.
    pub connections: Vec<Connection>,
    /// Wellbeing measures.
    pub measures: Vec<WellbeingMeasure>,
}

/// Generates the demo caseload as of `today`, numbering records from
/// `first_id`.
pub fn generate(today: NaiveDate, first_id: u64) -> DemoData {
    let mut rng = fastrand::Rng::with_seed(DEMO_SEED);
    let (organisations, services) = services::directory(&mut rng, today);
    let mut data = DemoData {
        organisations,
        services,
        ..DemoData::default()
    };
    cases::caseload(&mut rng, today, first_id, &mut data);
    data
}

/// How many numeric ids [`generate`] uses at most.
pub const MAX_IDS: u64 = 10_000;

/// Writes the demo caseload into `store`, which must hold no records yet.
/// One transaction: the whole demo or nothing.
pub fn seed(store: &Store, today: NaiveDate) -> Result<(), StoreError> {
    if !store.is_empty() {
        return Err(StoreError::NotEmpty {
            path: store.dir().to_owned(),
            what: "seed-demo",
        });
    }
    let ids = store.allocate_ids(MAX_IDS)?;
    let data = generate(today, ids.start);
    let mut changes = store.changes();
    let created = || AuditAction::Created;
    for r in &data.organisations {
        changes.put(r, created());
    }
    for r in &data.services {
        changes.put(r, created());
    }
    for r in &data.persons {
        changes.put(r, created());
    }
    for r in &data.cases {
        changes.put(r, created());
    }
    for r in &data.contacts {
        changes.put(r, created());
    }
    for r in &data.conversations {
        changes.put(r, created());
    }
    for r in &data.plans {
        changes.put(r, created());
    }
    for r in &data.connections {
        changes.put(r, created());
    }
    for r in &data.measures {
        changes.put(r, created());
    }
    // The terms the services are tagged with, as an imported feed's would
    // be kept.
    let mut vocabulary = crate::domain::directory::taxonomy::Vocabulary::default();
    for s in &data.services {
        for t in &s.taxonomy_terms {
            vocabulary.meet_term(t);
        }
    }
    vocabulary.settle();
    store.stage_vocabulary(&mut changes, &vocabulary)?;
    changes.note(Entity::Store, "-", AuditAction::DemoSeeded);
    store.commit(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseStatus;
    use crate::domain::ladder::Rung;
    use std::collections::{HashMap, HashSet};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    #[test]
    fn is_deterministic() {
        let a = generate(today(), 1);
        let b = generate(today(), 1);
        assert_eq!(a.persons, b.persons);
        assert_eq!(a.cases, b.cases);
        assert_eq!(a.services, b.services);
        assert_eq!(a.connections, b.connections);
    }

    #[test]
    fn has_the_promised_spread() {
        let d = generate(today(), 1);
        let open = d.cases.iter().filter(|c| c.status.is_open()).count();
        assert!(open >= 40, "{open} open cases");
        // The README quotes these figures.
        assert_eq!(
            (d.cases.len(), d.persons.len(), open, d.services.len()),
            (57, 55, 44, 152)
        );
        for status in CaseStatus::ALL {
            assert!(
                d.cases.iter().any(|c| c.status == status),
                "no {status:?} case"
            );
        }
        assert!(d.services.len() >= 150, "{} services", d.services.len());
        let rungs: HashSet<Rung> = d.connections.iter().map(|c| c.rung).collect();
        assert_eq!(rungs.len(), 6, "rungs present: {rungs:?}");
        assert!(
            d.connections
                .iter()
                .any(|c| c.events.iter().any(|e| e.step_up_reason.is_some())),
            "no connection stepped back up"
        );
        assert!(
            d.cases
                .iter()
                .any(|c| c.episode == 2 && c.previous_case.is_some())
        );
        assert!(!d.plans.is_empty() && !d.measures.is_empty() && !d.conversations.is_empty());
        // Conversations and plans at different stages.
        let steps: HashSet<_> = d
            .conversations
            .iter()
            .filter(|c| !c.is_complete())
            .map(|c| c.current_step)
            .collect();
        assert!(steps.len() >= 3, "unfinished at {steps:?}");
        assert!(d.conversations.iter().any(|c| c.is_complete()));
        assert!(d.conversations.iter().any(|c| c.version == 2));
        assert!(d.plans.iter().any(|p| p.is_agreed()));
        assert!(d.plans.iter().any(|p| !p.is_agreed()));
        // Visits planned on different days and times.
        let times: HashSet<_> = d
            .connections
            .iter()
            .filter_map(|c| c.next)
            .map(|n| n.at)
            .collect();
        assert!(times.len() >= 10, "{} distinct planned times", times.len());
        assert!(d.conversations.iter().any(|c| !c.is_complete()));
    }

    #[test]
    fn records_are_consistent() {
        let d = generate(today(), 1);
        let persons: HashSet<_> = d.persons.iter().map(|p| p.id).collect();
        let cases: HashMap<_, _> = d.cases.iter().map(|c| (c.id, c)).collect();
        for c in &d.cases {
            assert!(persons.contains(&c.person_id));
            // Replaying the history follows the transition rules.
            let mut status = c.status_history[0].to;
            for change in &c.status_history[1..] {
                assert_eq!(change.from, Some(status));
                assert!(
                    status.can_move_to(change.to),
                    "{:?} -> {:?}",
                    status,
                    change.to
                );
                status = change.to;
            }
            assert_eq!(status, c.status);
            assert!(c.status_history.windows(2).all(|w| w[0].at <= w[1].at));
            assert!(c.referral.received <= today());
            if let Some(prev) = c.previous_case {
                let prev = cases[&prev];
                assert_eq!(prev.person_id, c.person_id);
                assert!(prev.ended_on().is_some_and(|end| end < c.referral.received));
            }
        }
        for contact in &d.contacts {
            assert!(contact.on <= today());
            let case = cases[&contact.case_id];
            assert!(contact.on >= case.referral.received);
        }
        for conn in &d.connections {
            assert!(cases.contains_key(&conn.case_id));
            assert!(conn.events.windows(2).all(|w| w[0].at <= w[1].at));
            assert!(conn.events.iter().all(|e| e.at.date() < today()));
        }
        let nhs: Vec<_> = d.persons.iter().filter_map(|p| p.nhs_number).collect();
        let unique: HashSet<_> = nhs.iter().collect();
        assert_eq!(unique.len(), nhs.len());
        assert!(nhs.iter().all(|n| n.digits().starts_with("999")));
    }
}
