//! Working as a team: a caseload shared through a NATS JetStream server,
//! local first and end-to-end encrypted.
//!
//! - [`membership`]: who this store is in which team (keys, credentials,
//!   the roster), kept sealed in the store.
//! - [`envelope`]: a change sealed with the team's key for the server.
//! - [`subjects`]: the stream and subject names (random ids only).
//! - [`invite`]: invitation files, sealed to the new member's own key.
//! - [`server_config`]: a nats-server configuration for a team.
//! - [`worker`]: the sync thread (its own runtime; the UI never waits on it)
//!   and [`status`], what it tells the status line.
//!
//! The store's side (outbox, cursor, id map, owners, "Needs a look") is
//! `crate::store::team`.

pub mod envelope;
pub mod invite;
pub mod membership;
pub mod server_config;
pub mod status;
pub mod subjects;
pub mod worker;

pub use membership::{Member, Membership, Role};
pub use status::{SyncState, SyncStatus};
pub use worker::SyncHandle;

/// What can go wrong in the team layer.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// A store error.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The store is not in a team.
    #[error("This caseload is not in a team (see linkwork team join).")]
    NotInTeam,
    /// The store is in a team already.
    #[error("This caseload is in the team \"{0}\" already; nothing was changed.")]
    AlreadyInTeam(String),
    /// Only a supervisor may do this.
    #[error("Only a supervisor of the team can {0}.")]
    NotSupervisor(&'static str),
    /// An invitation that cannot be used.
    #[error("That invitation cannot be used: {0}.")]
    BadInvitation(String),
    /// A change from the server that cannot be opened.
    #[error("A change from the team's server could not be opened: {0}.")]
    BadEnvelope(&'static str),
    /// A file could not be read or written.
    #[error("Could not {action} {path}: {source}")]
    Io {
        /// What.
        action: &'static str,
        /// Where.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A name or value the team cannot take.
    #[error("{0}")]
    Invalid(String),
}
