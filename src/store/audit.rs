//! The append-only audit trail: when, who, what kind of record, which id,
//! what was done. Never any personal content.

use crate::domain::case::CaseStatus;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The kind of record an audit entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// A person.
    Person,
    /// A case.
    Case,
    /// A contact.
    Contact,
    /// A conversation.
    Conversation,
    /// An action plan.
    Plan,
    /// A connection.
    Connection,
    /// A wellbeing measure.
    Measure,
    /// A directory service.
    Service,
    /// A directory organisation.
    Organisation,
    /// The store as a whole.
    Store,
}

impl Entity {
    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Case => "case",
            Self::Contact => "contact",
            Self::Conversation => "conversation",
            Self::Plan => "plan",
            Self::Connection => "connection",
            Self::Measure => "measure",
            Self::Service => "service",
            Self::Organisation => "organisation",
            Self::Store => "store",
        }
    }
}

/// What was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AuditAction {
    /// A record was created.
    Created,
    /// A record was changed.
    Updated,
    /// A record was removed.
    Deleted,
    /// A case changed status.
    StatusChanged {
        /// From.
        from: CaseStatus,
        /// To.
        to: CaseStatus,
    },
    /// A risk flag was raised.
    RiskFlagRaised {
        /// Which kind of risk.
        risk: crate::domain::case::RiskKind,
    },
    /// A risk flag was cleared.
    RiskFlagCleared {
        /// Which kind of risk.
        risk: crate::domain::case::RiskKind,
    },
    /// Data came into linkwork (a directory import).
    Imported {
        /// What, in a few words (no personal content).
        what: String,
    },
    /// Data left linkwork (a listing, an export, a report).
    Exported {
        /// What, in a few words (no personal content).
        what: String,
    },
    /// The demo caseload was written into the store.
    DemoSeeded,
    /// The store was created.
    StoreCreated,
    /// The passphrase was changed.
    PassphraseChanged,
    /// Every record sealed again under a new data key.
    Rekeyed,
    /// A backup was written (and verified, and in place).
    BackupWritten,
    /// A backup was attempted and failed (nothing was left in place).
    BackupFailed,
    /// The store was restored from a backup.
    Restored,
    /// A directory entry was checked with its provider and found correct.
    Verified,
    /// A directory entry's quality-assurance checks changed.
    QualityChecked,
    /// A directory entry was retired (the service has closed).
    Retired,
    /// A retired directory entry was brought back.
    Reinstated,
    /// A record made in error was put right (the old version kept).
    Corrected,
    /// A record made in error was struck out (kept, not counted).
    StruckOut,
    /// The case was shared with the team (joining one).
    SharedWithTeam,
    /// The team's server refused a change as made on a stale view; it
    /// waits in "Needs a look".
    TeamChangeRefused,
    /// A refused change was applied again on top of the newer state.
    TeamChangeAppliedAgain,
    /// A refused change was dropped, with a reason (kept with it).
    TeamChangeDropped,
    /// The store joined a team.
    JoinedTeam,
    /// The store was migrated to a newer schema.
    Migrated {
        /// From schema.
        from: u32,
        /// To schema.
        to: u32,
    },
}

impl AuditAction {
    /// A short description.
    pub fn describe(&self) -> String {
        match self {
            Self::Created => "created".into(),
            Self::Updated => "updated".into(),
            Self::Deleted => "deleted".into(),
            Self::StatusChanged { from, to } => {
                format!("status {} -> {}", from.label(), to.label())
            }
            Self::RiskFlagRaised { risk } => format!("risk flag raised ({})", risk.label()),
            Self::RiskFlagCleared { risk } => format!("risk flag cleared ({})", risk.label()),
            Self::Exported { what } => format!("exported: {what}"),
            Self::Imported { what } => format!("imported: {what}"),
            Self::DemoSeeded => "demo caseload seeded".into(),
            Self::StoreCreated => "store created".into(),
            Self::PassphraseChanged => "passphrase changed".into(),
            Self::Rekeyed => "records sealed under a new data key".into(),
            Self::BackupWritten => "backup written".into(),
            Self::BackupFailed => "backup failed".into(),
            Self::Restored => "restored from a backup".into(),
            Self::Verified => "verified with the provider".into(),
            Self::QualityChecked => "quality checks updated".into(),
            Self::Retired => "retired".into(),
            Self::Reinstated => "reinstated".into(),
            Self::Migrated { from, to } => format!("upgraded data format {from} -> {to}"),
            Self::Corrected => "corrected (the earlier version kept)".into(),
            Self::StruckOut => "struck out as made in error".into(),
            Self::SharedWithTeam => "shared with the team".into(),
            Self::TeamChangeRefused => {
                "a change refused by the team's server (needs a look)".into()
            }
            Self::TeamChangeAppliedAgain => "a refused change applied again".into(),
            Self::TeamChangeDropped => "a refused change dropped, with a reason".into(),
            Self::JoinedTeam => "joined a team".into(),
        }
    }
}

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (the worker name from config).
    pub worker: String,
    /// What kind of record.
    pub entity: Entity,
    /// Which record (its id; never a name or NHS number).
    pub id: String,
    /// The case the record belongs to, when it belongs to one.
    #[serde(default)]
    pub case: Option<u64>,
    /// What was done.
    pub action: AuditAction,
}

impl std::fmt::Display for AuditEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}  {:<16}  {} {}",
            self.at.format("%Y-%m-%d %H:%M:%S"),
            self.worker,
            self.entity.label(),
            self.id
        )?;
        if let Some(case) = self.case
            && self.entity != Entity::Case
        {
            write!(f, " (case {case})")?;
        }
        write!(f, ": {}", self.action.describe())
    }
}
