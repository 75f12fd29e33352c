//! Identifiers of stored records.
//!
//! Numeric ids are assigned by the store and are unique across all record
//! kinds; directory ids are strings because Open Referral data brings its own
//! (usually UUIDs).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! numeric_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

numeric_id!(
    /// A person known to the service (stable across episodes).
    PersonId
);
numeric_id!(
    /// One episode of support (a case), opened by one referral.
    CaseId
);
numeric_id!(
    /// One logged contact with a person.
    ContactId
);
numeric_id!(
    /// A connection between a case and a directory service.
    ConnectionId
);
numeric_id!(
    /// One wellbeing measurement.
    MeasureId
);

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }
    };
}

string_id!(
    /// An Open Referral service id.
    ServiceId
);
string_id!(
    /// An Open Referral organization id.
    OrganisationId
);
