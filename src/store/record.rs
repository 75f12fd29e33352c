//! Which tree each domain record lives in, under which key.

use super::audit::Entity;
use super::keys;
use super::tree::TreeName;
use crate::domain::case::Case;
use crate::domain::contact::ContactEntry;
use crate::domain::conversation::Conversation;
use crate::domain::directory::{Organisation, Service};
use crate::domain::ladder::Connection;
use crate::domain::person::Person;
use crate::domain::plan::ActionPlan;
use crate::domain::wellbeing::WellbeingMeasure;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A domain record the store keeps.
pub trait Record: Serialize + DeserializeOwned + super::shared::Shareable {
    /// Its tree.
    const TREE: TreeName;
    /// Its kind, for the audit trail.
    const ENTITY: Entity;
    /// Its key.
    fn key(&self) -> Vec<u8>;
    /// Its id as the audit trail shows it.
    fn audit_id(&self) -> String;
    /// The case it belongs to, if any (for `linkwork audit --case`).
    fn case_id(&self) -> Option<u64> {
        None
    }
}

macro_rules! record {
    ($ty:ty, $tree:ident, $entity:ident, |$r:ident| $key:expr, $id:expr) => {
        record!($ty, $tree, $entity, |$r| $key, $id, None);
    };
    ($ty:ty, $tree:ident, $entity:ident, |$r:ident| $key:expr, $id:expr, case) => {
        record!(
            $ty,
            $tree,
            $entity,
            |$r| $key,
            $id,
            Some(CaseOwned::owning_case($r))
        );
    };
    ($ty:ty, $tree:ident, $entity:ident, |$r:ident| $key:expr, $id:expr, $case:expr) => {
        impl Record for $ty {
            const TREE: TreeName = TreeName::$tree;
            const ENTITY: Entity = Entity::$entity;
            fn key(&self) -> Vec<u8> {
                let $r = self;
                $key.to_vec()
            }
            fn audit_id(&self) -> String {
                let $r = self;
                $id
            }
            fn case_id(&self) -> Option<u64> {
                let $r = self;
                let _ = $r;
                $case
            }
        }
    };
}

record!(
    Person,
    Persons,
    Person,
    |r| keys::id(r.id.0),
    r.id.to_string()
);
record!(
    Case,
    Cases,
    Case,
    |r| keys::id(r.id.0),
    r.id.to_string(),
    case
);
record!(
    ContactEntry,
    Contacts,
    Contact,
    |r| keys::child(r.case_id.0, r.id.0),
    r.id.to_string(),
    case
);
record!(
    Conversation,
    Conversations,
    Conversation,
    |r| keys::child(r.case_id.0, u64::from(r.version)),
    format!("{}/v{}", r.case_id, r.version),
    case
);
record!(
    ActionPlan,
    Plans,
    Plan,
    |r| keys::id(r.case_id.0),
    r.case_id.to_string(),
    case
);
record!(
    Connection,
    Connections,
    Connection,
    |r| keys::child(r.case_id.0, r.id.0),
    r.id.to_string(),
    case
);
record!(
    WellbeingMeasure,
    Measures,
    Measure,
    |r| keys::child(r.case_id.0, r.id.0),
    r.id.to_string(),
    case
);
record!(
    Service,
    Services,
    Service,
    |r| r.id.0.as_bytes(),
    r.id.to_string()
);
record!(
    Organisation,
    Organisations,
    Organisation,
    |r| r.id.0.as_bytes(),
    r.id.to_string()
);

macro_rules! belongs_to_case {
    ($($ty:ty => |$r:ident| $case:expr),* $(,)?) => {
        $(impl CaseOwned for $ty {
            fn owning_case(&self) -> u64 {
                let $r = self;
                $case
            }
        })*
    };
}

/// Records that belong to one case.
pub(crate) trait CaseOwned {
    fn owning_case(&self) -> u64;
}

belongs_to_case!(
    Case => |r| r.id.0,
    ContactEntry => |r| r.case_id.0,
    Conversation => |r| r.case_id.0,
    ActionPlan => |r| r.case_id.0,
    Connection => |r| r.case_id.0,
    WellbeingMeasure => |r| r.case_id.0,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_record_names_its_case_for_the_audit() {
        let d = crate::demo::generate(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), 1);
        let case = |r: &dyn Fn() -> Option<u64>, expected: u64| assert_eq!(r(), Some(expected));
        case(&|| d.cases[0].case_id(), d.cases[0].id.0);
        case(&|| d.contacts[0].case_id(), d.contacts[0].case_id.0);
        case(
            &|| d.conversations[0].case_id(),
            d.conversations[0].case_id.0,
        );
        case(&|| d.plans[0].case_id(), d.plans[0].case_id.0);
        case(&|| d.connections[0].case_id(), d.connections[0].case_id.0);
        case(&|| d.measures[0].case_id(), d.measures[0].case_id.0);
        assert_eq!(d.persons[0].case_id(), None);
        assert_eq!(d.services[0].case_id(), None);
    }
}
