//! What a case's change looks like when it is shared with a team: the
//! records it wrote, whole, with their numeric ids as the sharing layer
//! rewrites them (this store's ids on the way out, placeholders for the
//! team's global ids on the wire, see `store::team`).

use super::audit::{AuditAction, Entity};
use crate::domain::case::Case;
use crate::domain::contact::ContactEntry;
use crate::domain::conversation::Conversation;
use crate::domain::ids::{CaseId, MeasureId};
use crate::domain::ladder::Connection;
use crate::domain::person::Person;
use crate::domain::plan::ActionPlan;
use crate::domain::wellbeing::WellbeingMeasure;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One record written by a shared change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
pub enum SharedRecord {
    /// The person supported.
    Person(Person),
    /// The case itself.
    Case(Case),
    /// A contact.
    Contact(ContactEntry),
    /// A version of the conversation.
    Conversation(Conversation),
    /// The action plan.
    Plan(ActionPlan),
    /// A connection and its support ladder.
    Connection(Connection),
    /// A wellbeing measure.
    Measure(WellbeingMeasure),
    /// A connection taken out of the plan (removed from the store).
    RemovedConnection(Connection),
    /// A directory service a member added or changed by hand.
    Service(Box<crate::domain::directory::Service>),
    /// Its organisation.
    Organisation(crate::domain::directory::Organisation),
}

/// A change to one case, as this store made it (its own numeric ids).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalChange {
    /// The change's own id (random, 32 hex digits): replays are idempotent.
    pub change_id: String,
    /// When it was saved.
    pub made_at: DateTime<Utc>,
    /// The case it changed (this store's id; 0 for a directory change).
    pub case: u64,
    /// For a change to the team's directory: the service's id.
    #[serde(default)]
    pub service: Option<String>,
    /// The records it wrote.
    pub records: Vec<SharedRecord>,
    /// What the audit trail said of it.
    pub audit: Vec<(Entity, AuditAction)>,
    /// The last sequence of the case on the team's server that this store
    /// had seen when the change was made (what the server checks it
    /// against).
    #[serde(default)]
    pub based_on: u64,
    /// Each record as it was before this change (`None`: it was new), in
    /// the order of `records`: what a refused change is undone to.
    #[serde(default)]
    pub before: Vec<Option<SharedRecord>>,
}

impl SharedRecord {
    /// The case this record belongs to (`None` for a person).
    pub fn case(&self) -> Option<u64> {
        match self {
            Self::Person(_) | Self::Service(_) | Self::Organisation(_) => None,
            Self::Case(r) => Some(r.id.0),
            Self::Contact(r) => Some(r.case_id.0),
            Self::Conversation(r) => Some(r.case_id.0),
            Self::Plan(r) => Some(r.case_id.0),
            Self::Connection(r) | Self::RemovedConnection(r) => Some(r.case_id.0),
            Self::Measure(r) => Some(r.case_id.0),
        }
    }

    /// A short label of what it is, for the "Needs a look" list.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Person(_) => "person",
            Self::Case(_) => "case",
            Self::Contact(_) => "contact",
            Self::Conversation(_) => "conversation",
            Self::Plan(_) => "plan",
            Self::Connection(_) => "connection",
            Self::RemovedConnection(_) => "connection removed",
            Self::Measure(_) => "measure",
            Self::Service(_) => "service",
            Self::Organisation(_) => "organisation",
        }
    }

    /// Rewrites every numeric id the record holds (its own and those it
    /// points to) through `map`, stopping at the first error.
    pub fn map_ids<E>(&mut self, map: &mut impl FnMut(u64) -> Result<u64, E>) -> Result<(), E> {
        fn one<E>(id: &mut u64, map: &mut impl FnMut(u64) -> Result<u64, E>) -> Result<(), E> {
            *id = map(*id)?;
            Ok(())
        }
        match self {
            Self::Person(r) => one(&mut r.id.0, map),
            Self::Case(r) => {
                one(&mut r.id.0, map)?;
                one(&mut r.person_id.0, map)?;
                match &mut r.previous_case {
                    Some(CaseId(id)) => one(id, map),
                    None => Ok(()),
                }
            }
            Self::Contact(r) => {
                one(&mut r.id.0, map)?;
                one(&mut r.case_id.0, map)
            }
            Self::Conversation(r) => {
                one(&mut r.case_id.0, map)?;
                match &mut r.baseline {
                    Some(MeasureId(id)) => one(id, map),
                    None => Ok(()),
                }
            }
            Self::Plan(r) => one(&mut r.case_id.0, map),
            Self::Connection(r) | Self::RemovedConnection(r) => {
                one(&mut r.id.0, map)?;
                one(&mut r.case_id.0, map)
            }
            Self::Measure(r) => {
                one(&mut r.id.0, map)?;
                one(&mut r.case_id.0, map)
            }
            Self::Service(_) | Self::Organisation(_) => Ok(()),
        }
    }

    /// The record's own id, where it has one of its own (a plan and a
    /// conversation are keyed by their case).
    pub fn own_id(&self) -> Option<u64> {
        match self {
            Self::Person(r) => Some(r.id.0),
            Self::Case(r) => Some(r.id.0),
            Self::Contact(r) => Some(r.id.0),
            Self::Connection(r) | Self::RemovedConnection(r) => Some(r.id.0),
            Self::Measure(r) => Some(r.id.0),
            Self::Conversation(_) | Self::Plan(_) | Self::Service(_) | Self::Organisation(_) => {
                None
            }
        }
    }
}

impl SharedRecord {
    /// Writes the record into `changes` (a removed connection: removes it),
    /// with no audit entry of its own.
    pub(crate) fn write(&self, changes: &mut super::ChangeSet) {
        match self {
            Self::Person(r) => changes.put_quiet(r),
            Self::Case(r) => changes.put_quiet(r),
            Self::Contact(r) => changes.put_quiet(r),
            Self::Conversation(r) => changes.put_quiet(r),
            Self::Plan(r) => changes.put_quiet(r),
            Self::Connection(r) => changes.put_quiet(r),
            Self::Measure(r) => changes.put_quiet(r),
            Self::RemovedConnection(r) => changes.delete_quiet(r),
            Self::Service(r) => changes.put_quiet(r.as_ref()),
            Self::Organisation(r) => changes.put_quiet(r),
        };
    }

    /// Removes the record from where it is written.
    pub(crate) fn remove(&self, changes: &mut super::ChangeSet) {
        match self {
            Self::Person(r) => changes.delete_quiet(r),
            Self::Case(r) => changes.delete_quiet(r),
            Self::Contact(r) => changes.delete_quiet(r),
            Self::Conversation(r) => changes.delete_quiet(r),
            Self::Plan(r) => changes.delete_quiet(r),
            Self::Connection(r) | Self::RemovedConnection(r) => changes.delete_quiet(r),
            Self::Measure(r) => changes.delete_quiet(r),
            Self::Service(r) => changes.delete_quiet(r.as_ref()),
            Self::Organisation(r) => changes.delete_quiet(r),
        };
    }

    /// The record stored now where this one is written, as shared.
    pub(crate) fn stored(&self, store: &super::Store) -> Result<Option<Self>, super::StoreError> {
        use super::record::Record;
        fn of<R: Record>(
            s: &super::Store,
            r: &R,
        ) -> Result<Option<SharedRecord>, super::StoreError> {
            Ok(s.get::<R>(&r.key())?.and_then(|now| now.shared()))
        }
        match self {
            Self::Person(r) => of(store, r),
            Self::Case(r) => of(store, r),
            Self::Contact(r) => of(store, r),
            Self::Conversation(r) => of(store, r),
            Self::Plan(r) => of(store, r),
            Self::Connection(r) | Self::RemovedConnection(r) => of(store, r),
            Self::Measure(r) => of(store, r),
            Self::Service(_) | Self::Organisation(_) => Ok(None),
        }
    }
}

/// Records that are shared with a team when they are written.
pub trait Shareable {
    /// The record as shared (`None`: not shared, the default).
    fn shared(&self) -> Option<SharedRecord> {
        None
    }
}

macro_rules! shareable {
    ($($ty:ty => $variant:ident),* $(,)?) => {
        $(impl Shareable for $ty {
            fn shared(&self) -> Option<SharedRecord> {
                Some(SharedRecord::$variant(self.clone()))
            }
        })*
    };
}

shareable!(
    Person => Person,
    Case => Case,
    ContactEntry => Contact,
    Conversation => Conversation,
    ActionPlan => Plan,
    Connection => Connection,
    WellbeingMeasure => Measure,
);

impl Shareable for crate::domain::directory::Service {}

impl Shareable for crate::domain::directory::Organisation {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_of_a_case_record_goes_through_the_map() {
        let d = crate::demo::generate(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), 1);
        let mut case = SharedRecord::Case(d.cases[0].clone());
        let mut seen = Vec::new();
        case.map_ids(&mut |id| {
            seen.push(id);
            Ok::<u64, ()>(id + 1000)
        })
        .unwrap();
        assert!(seen.contains(&d.cases[0].id.0));
        assert!(seen.contains(&d.cases[0].person_id.0));
        let SharedRecord::Case(c) = case else {
            unreachable!()
        };
        assert_eq!(c.id.0, d.cases[0].id.0 + 1000);
        assert_eq!(c.person_id.0, d.cases[0].person_id.0 + 1000);
        let mut contact = SharedRecord::Contact(d.contacts[0].clone());
        contact.map_ids(&mut |id| Ok::<u64, ()>(id * 2)).unwrap();
        assert_eq!(contact.case(), Some(d.contacts[0].case_id.0 * 2));
    }
}
