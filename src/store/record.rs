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
pub trait Record: Serialize + DeserializeOwned {
    /// Its tree.
    const TREE: TreeName;
    /// Its kind, for the audit trail.
    const ENTITY: Entity;
    /// Its key.
    fn key(&self) -> Vec<u8>;
    /// Its id as the audit trail shows it.
    fn audit_id(&self) -> String;
}

macro_rules! record {
    ($ty:ty, $tree:ident, $entity:ident, |$r:ident| $key:expr, $id:expr) => {
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
record!(Case, Cases, Case, |r| keys::id(r.id.0), r.id.to_string());
record!(
    ContactEntry,
    Contacts,
    Contact,
    |r| keys::child(r.case_id.0, r.id.0),
    r.id.to_string()
);
record!(
    Conversation,
    Conversations,
    Conversation,
    |r| keys::child(r.case_id.0, u64::from(r.version)),
    format!("{}/v{}", r.case_id, r.version)
);
record!(
    ActionPlan,
    Plans,
    Plan,
    |r| keys::id(r.case_id.0),
    r.case_id.to_string()
);
record!(
    Connection,
    Connections,
    Connection,
    |r| keys::child(r.case_id.0, r.id.0),
    r.id.to_string()
);
record!(
    WellbeingMeasure,
    Measures,
    Measure,
    |r| keys::child(r.case_id.0, r.id.0),
    r.id.to_string()
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
