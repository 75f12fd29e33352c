//! Store errors. Messages are whole sentences a link worker can act on;
//! none carries personal content.

use super::codec::CodecError;
use super::layout::{KEY_FILE, WITNESS_FILE};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Something the store could not do.
#[derive(Debug, Error)]
pub enum StoreError {
    /// A file to write is there already and is not a regular file.
    #[error("{} is {what}, not a file: nothing was written (give a file's name).", .path.display())]
    NotARegularFile {
        /// The target.
        path: PathBuf,
        /// What it is.
        what: &'static str,
    },
    /// A change to a case another team member holds.
    #[error(
        "Case {case} is held by {owner}: it can be read here but not changed (nothing was written)."
    )]
    NotYourCase {
        /// The case (this store's number).
        case: u64,
        /// Who holds it.
        owner: String,
    },
    /// Another linkwork holds the lock on this data directory.
    #[error("This caseload is already open in another linkwork window ({}).", .0.display())]
    AlreadyOpen(PathBuf),
    /// The directory has other files and no linkwork marker.
    #[error(
        "{} is not a linkwork data folder: it already holds other files. \
         Choose an empty or new folder.",
        .0.display()
    )]
    NotAStore(PathBuf),
    /// The marker exists but cannot be understood.
    #[error("{} has a linkwork.store file that linkwork cannot read ({reason}).", .path.display())]
    BadMarker {
        /// The data directory.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The store was written by a newer linkwork.
    #[error(
        "The caseload in {} was written by a newer linkwork (data format {found}; this \
         linkwork reads up to {supported}). Update linkwork to open it; nothing was changed.",
        .path.display()
    )]
    NewerSchema {
        /// The data directory.
        path: PathBuf,
        /// The schema found.
        found: u32,
        /// The newest schema this build reads.
        supported: u32,
    },
    /// sled could not open the database.
    #[error("The caseload in {} could not be opened; its files may be damaged ({detail}).", .path.display())]
    Damaged {
        /// The data directory.
        path: PathBuf,
        /// sled's description.
        detail: String,
    },
    /// A file system operation failed.
    #[error("Could not {action} {}: {source}", .path.display())]
    Io {
        /// What was being done ("create", "read" ...).
        action: &'static str,
        /// Where.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A record could not be encoded or decoded.
    #[error(transparent)]
    Codec(#[from] CodecError),
    /// sled failed while the store was open.
    #[error("The store reported an error: {0}")]
    Sled(#[from] sled::Error),
    /// Records refer to records that are not there.
    #[error("The store is inconsistent: {0}")]
    Inconsistent(String),
    /// A case number that is not in this caseload.
    #[error("There is no case {0} in this caseload (see linkwork cases).")]
    NoSuchCase(u64),
    /// A connection number that is not in this caseload.
    #[error(
        "There is no connection {0} in this caseload (the Connections tab of a case shows them)."
    )]
    NoSuchConnection(u64),
    /// A letter that is written only when support has ended.
    #[error(
        "Case {0} is still open; its discharge letter is written once support ends (discharge it first). Nothing was written."
    )]
    StillOpen(u64),
    /// The case has no plan (to export).
    #[error("Case {0} has no plan yet; make one with the person first. Nothing was written.")]
    NoPlan(u64),
    /// A visit card asked for where there is no visit to come.
    #[error("There is no visit to make a card for: {0}. Nothing was written.")]
    NoVisit(&'static str),
    /// An operation that needs an empty store found records.
    #[error("The caseload in {} already holds records; {what} only writes into an empty store.", .path.display())]
    NotEmpty {
        /// The data directory.
        path: PathBuf,
        /// The refused operation.
        what: &'static str,
    },
    /// The store is encrypted and no passphrase was given.
    #[error("The caseload in {} is encrypted: give its passphrase (or --passphrase-file FILE).", .0.display())]
    Locked(PathBuf),
    /// The passphrase is wrong (or the key file damaged).
    #[error(transparent)]
    Crypto(#[from] super::crypto::CryptoError),
    /// The key file of an encrypted store is missing.
    #[error("The caseload in {} is encrypted but its key file linkwork.keys is missing; restore it from a backup.", .0.display())]
    MissingKeyFile(PathBuf),
    /// The key file is there but damaged or changed.
    #[error(
        "The key file {KEY_FILE} in {} is damaged ({reason}); the caseload cannot be opened with it.",
        .path.display()
    )]
    KeyFileDamaged {
        /// The data directory.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The key file opens with the passphrase but not the records.
    #[error(
        "The key file {KEY_FILE} in {} does not belong to this caseload's records (it may be one from before `linkwork rekey`): put back the key file that belongs with them. Nothing was changed.",
        .0.display()
    )]
    KeyFileMismatch(PathBuf),
    /// The record of confirmed changes is damaged or missing.
    #[error(
        "The file {WITNESS_FILE} in {}, linkwork's record of what was confirmed as saved, is {reason}, so linkwork cannot tell whether changes were lost. Nothing was changed.",
        .path.display()
    )]
    WitnessDamaged {
        /// The data directory.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The disk is full.
    #[error(
        "The disk holding {} is full: {kept}. Free some space, then quit linkwork and open it again before saving again.",
        .path.display()
    )]
    DiskFull {
        /// The data directory.
        path: PathBuf,
        /// What became of the change.
        kept: &'static str,
    },
    /// The store no longer holds its folder's lock.
    #[error(
        "Nothing was saved: {why} ({}). Close this window and open the caseload again.",
        .path.display()
    )]
    LockLost {
        /// The data directory.
        path: PathBuf,
        /// What happened.
        why: String,
    },
    /// The data folder cannot be written (a read-only disk or folder).
    #[error(
        "{} {why}: nothing can be saved there (nothing was changed).",
        .path.display()
    )]
    ReadOnly {
        /// The data directory.
        path: PathBuf,
        /// Why ("is read-only", "is on a full disk").
        why: &'static str,
    },
    /// `init` on a directory that already holds a caseload.
    #[error("{} already holds a linkwork caseload; nothing was changed.", .0.display())]
    AlreadyExists(PathBuf),
    /// A backup file was refused.
    #[error(transparent)]
    BadBackup(#[from] super::snapshot::BadBackup),
    /// `restore` into a directory that already has files, without --force.
    #[error(
        "{} already holds files; restore into a new folder, or add --force to move the caseload there aside first.",
        .0.display()
    )]
    RestoreTargetNotEmpty(PathBuf),
    /// A domain rule refused the change.
    #[error("{0}")]
    Transition(#[from] crate::domain::case::TransitionError),
    /// The change was refused, with the reason.
    #[error("This cannot be saved: {0}.")]
    Refused(String),
    /// A migration failed (the store is left at its previous version).
    #[error("Could not upgrade the caseload from data format {from}: {reason}")]
    Migration {
        /// The version being migrated from.
        from: u32,
        /// Why.
        reason: String,
    },
}

/// Whether an OS error says the disk is full.
pub(crate) fn disk_full(io: &std::io::Error) -> bool {
    io.raw_os_error() == Some(nix::libc::ENOSPC) || io.kind() == std::io::ErrorKind::StorageFull
}

impl StoreError {
    /// Whether this is sled or the file system saying the disk is full.
    pub fn is_disk_full(&self) -> bool {
        match self {
            Self::Sled(sled::Error::Io(io)) => disk_full(io),
            Self::Io { source, .. } => disk_full(source),
            Self::DiskFull { .. } => true,
            _ => false,
        }
    }

    pub(crate) fn damaged(path: &Path, e: &sled::Error) -> Self {
        Self::Damaged {
            path: path.to_owned(),
            detail: e.to_string(),
        }
    }

    pub(crate) fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.to_owned(),
            source,
        }
    }
}
