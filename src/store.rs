//! The sled-backed store.
//!
//! A data directory holds:
//! - `linkwork.store`: a small marker saying this is a linkwork store and
//!   which schema it holds (read before anything is opened or written);
//! - `linkwork.lock`: held locked while a linkwork has the store open;
//! - `db/`: the sled database, one tree per entity.
//!
//! Every user action becomes one [`ChangeSet`]: its writes and audit
//! entries are applied in one sled transaction and flushed to disk before
//! [`Store::commit`] returns, so a confirmed change survives a crash.

mod audit;
pub mod backup;
mod casework;
mod changes;
mod codec;
mod conversation;
mod corrections;
pub mod crypto;
mod directory;
pub mod directory_cache;
mod directory_import;
mod error;
mod key_check;
mod keys;
mod ladder;
mod layout;
mod migrate;
mod open;
mod plan;
mod record;
mod rekey;
mod report;
pub mod shared;
mod snapshot;
pub mod team;
mod tree;

pub use audit::{AuditAction, AuditEntry, Entity};
pub use casework::{CaseFile, ContactDraft, Duplicate};
pub use changes::ChangeSet;
pub use codec::CodecError;
pub use crypto::Secret;
pub use directory::ImportCounts;
pub use directory_import::{DirectoryImport, PreparedService, ServicePreparer};
pub use error::StoreError;
pub use layout::{KEY_FILE, LOCK_FILE, MARKER_FILE};
pub use migrate::CURRENT_SCHEMA;
pub use record::Record;
pub use rekey::Rekeyed;
pub use snapshot::{
    BACKUP_DIR, BadBackup, KEEP_DAYS, KEEP_WEEKS, Restored, list_backups, newest_good_backup,
    restore,
};
pub use tree::TreeName;

/// Refuses a target that exists and is not a regular file (a device, a
/// FIFO, a socket, a folder), with one sentence.
pub fn refuse_special(path: &std::path::Path) -> Result<(), StoreError> {
    layout::refuse_special(path)
}

/// Writes a file only its owner can read (0600), durably: the old file,
/// if any, is replaced only once the new one is complete.
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<(), StoreError> {
    layout::replace_file(path, bytes, None)
}

use crate::domain::case::Case;
use crate::domain::caseload::{CaseOverview, CaseRecords, overview};
use crate::domain::contact::ContactEntry;
use crate::domain::conversation::Conversation;
use crate::domain::ids::CaseId;
use crate::domain::ladder::Connection;
use crate::domain::person::Person;
use crate::domain::plan::ActionPlan;
use chrono::{NaiveDate, Utc};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a refused save on a full disk kept: nothing.
const NOT_SAVED: &str = "this change was not saved (nothing of it was written)";

/// An open linkwork store. Dropping it releases the lock.
pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    /// The open trees, by [`TreeName`] index; the directory's two trees
    /// change generation when an import is switched in (see `directory_import`).
    trees: std::sync::RwLock<Vec<sled::Tree>>,
    worker: String,
    cipher: Option<Arc<crypto::Cipher>>,
    /// The lock held on `linkwork.lock` (checked before each commit, see
    /// [`Store::verify_lock`]), and which folder it was taken in.
    _lock: std::sync::Mutex<Option<File>>,
    folder_id: Option<(u64, u64)>,
    /// Something the worker should know about a save that succeeded (the
    /// disk filling up), taken by the app after each key.
    warning: std::sync::Mutex<Option<String>>,
    /// For a folder that cannot be written: the private copy of the
    /// database being read (removed with the store).
    read_only: Option<tempfile::TempDir>,
    read_only_why: &'static str,
    /// This store's place in a team, if it has joined one: then every
    /// change to a case also goes into the outbox (see `team`).
    team: std::sync::RwLock<Option<team::TeamIdentity>>,
    /// The commit count the witness file last said, held while it is
    /// written: the app and the sync worker write it from two threads, in
    /// turn, and never backwards.
    witnessed: std::sync::Mutex<u64>,
}

/// What is in a data directory, found without writing anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// Nothing yet: opening creates a new store.
    New,
    /// A store without encryption.
    Plain,
    /// An encrypted store: opening needs the passphrase.
    Encrypted,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Whether the store is encrypted at rest.
    pub fn is_encrypted(&self) -> bool {
        self.cipher.is_some()
    }

    pub(crate) fn cipher(&self) -> Option<&crypto::Cipher> {
        self.cipher.as_deref()
    }

    /// A check of the passphrase (for the screen lock), or `None` for an
    /// unencrypted store. It unwraps the key file; it keeps no passphrase.
    pub fn passphrase_check(
        &self,
    ) -> Result<Option<impl Fn(&str) -> bool + Send + Sync + 'static>, StoreError> {
        if self.cipher.is_none() {
            return Ok(None);
        }
        let key_file = layout::read_key_file(&self.dir)?;
        Ok(Some(move |typed: &str| {
            key_file.unlock(&Secret::new(typed.to_owned())).is_ok()
        }))
    }

    /// Re-wraps the data key under a new passphrase (the data itself is not
    /// re-encrypted). Only for encrypted stores.
    pub fn change_passphrase(&self, new: &Secret) -> Result<(), StoreError> {
        let Some(cipher) = self.cipher.as_deref() else {
            return Err(StoreError::Inconsistent(
                "this caseload is not encrypted, so it has no passphrase".into(),
            ));
        };
        let file = crypto::KeyFile::rewrap(cipher, new)?;
        layout::write_key_file(&self.dir, &file)?;
        let mut changes = self.changes();
        changes.note(Entity::Store, "-", AuditAction::PassphraseChanged);
        self.commit(changes)
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The worker named in audit entries.
    pub fn worker(&self) -> &str {
        &self.worker
    }

    pub(crate) fn tree(&self, name: TreeName) -> sled::Tree {
        self.trees_now()[name as usize].clone()
    }

    /// The trees as they are now (a directory import may switch two).
    fn trees_now(&self) -> Vec<sled::Tree> {
        match self.trees.read() {
            Ok(trees) => trees.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The schema version recorded in the database.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        migrate::stored_version(self)
    }

    /// Whether the store holds no people, cases or directory services.
    pub fn is_empty(&self) -> bool {
        TreeName::ALL
            .iter()
            .filter(|t| !matches!(t, TreeName::Meta | TreeName::Audit))
            .all(|&t| self.tree(t).is_empty())
    }

    /// Allocates `n` fresh record ids (unique across all kinds).
    pub fn allocate_ids(&self, n: u64) -> Result<std::ops::Range<u64>, StoreError> {
        migrate::allocate(self, keys::NEXT_ID, n)
    }

    /// How many changes have been committed.
    pub fn commit_seq(&self) -> Result<u64, StoreError> {
        Ok(self
            .tree(TreeName::Meta)
            .get(keys::COMMIT_SEQ)?
            .and_then(|v| keys::read_u64(&v))
            .unwrap_or(0))
    }

    /// Closes the store: flushes, lets sled finish with its files, then
    /// records the witness of the database as sled left it, so the next
    /// open need not check a copy of it (which takes a while for a large
    /// directory). Waits at most five seconds for sled.
    pub fn close(self) -> Result<(), StoreError> {
        if self.read_only.is_some() {
            return Ok(());
        }
        self.flush()?;
        let seq = self.commit_seq()?;
        let Store {
            dir,
            db,
            trees,
            _lock,
            ..
        } = self;
        drop(trees);
        drop(db);
        // sled holds a lock on its file until its last handle has gone
        // (from a background thread); once it is free, sled has written
        // all it will.
        let db_file = dir.join(layout::DB_DIR).join("db");
        for _ in 0..250 {
            let free = File::open(&db_file).is_ok_and(|f| f.try_lock().is_ok());
            if free {
                return layout::write_witness(&dir, seq, true);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        Ok(())
    }

    /// Starts a change set attributed to this store's worker.
    pub fn changes(&self) -> ChangeSet {
        let changes = ChangeSet::new(&self.worker, self.cipher.clone());
        if self.team_identity().is_some() {
            changes.shared_with_team()
        } else {
            changes
        }
    }

    /// A change set that is not shared with the team (what arrived from
    /// it, and the sync layer's own bookkeeping), attributed to `who`.
    pub(crate) fn changes_unshared(&self, who: &str) -> ChangeSet {
        ChangeSet::new(who, self.cipher.clone())
    }

    /// Applies a change set atomically (all writes and audit entries, or
    /// none), then flushes it to disk.
    pub fn commit(&self, changes: ChangeSet) -> Result<(), StoreError> {
        self.commit_with(changes, true)
    }

    /// Applies a change set atomically without waiting for the disk: for
    /// what the team sync writes (a change from the server, the note that
    /// one was published), which the server still holds if a crash loses
    /// it. Lost only whole, with the cursor that counted it; made durable
    /// by the next [`Store::commit`] or [`Store::settle`].
    pub(crate) fn commit_deferred(&self, changes: ChangeSet) -> Result<(), StoreError> {
        self.commit_with(changes, false)
    }

    /// Makes every deferred commit durable, and records the witness.
    pub fn settle(&self) -> Result<(), StoreError> {
        if self.read_only.is_some() {
            return Ok(());
        }
        // Counted before the flush: only what the flush made durable.
        let seq = self.commit_seq()?;
        self.db.flush()?;
        // A witness that cannot be written is stale but safe (it counts
        // fewer changes), as after a commit.
        let _ = self.witness(seq);
        Ok(())
    }

    /// Records `seq` as confirmed in the witness file, unless it already
    /// says as much.
    fn witness(&self, seq: u64) -> Result<(), StoreError> {
        let mut last = self
            .witnessed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if seq <= *last {
            return Ok(());
        }
        layout::write_witness(&self.dir, seq, false)?;
        *last = seq;
        Ok(())
    }

    fn commit_with(&self, mut changes: ChangeSet, durable: bool) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        // Shared with a team: the outbox entries go in the same commit
        // (and a change to a teammate's case is refused before anything is
        // written).
        if let Some((shared, audit)) = changes.take_shared() {
            let outbox = self.outbox_ops(shared, audit)?;
            changes.extend_ops(outbox);
        }
        self.verify_lock()?;
        if self.read_only.is_some() {
            // Reading a read-only folder: an export may go ahead (it was
            // said at open that it cannot be noted); nothing else is saved.
            return if changes.only_notes_exports() {
                Ok(())
            } else {
                Err(StoreError::ReadOnly {
                    path: self.dir.clone(),
                    why: self.read_only_why,
                })
            };
        }
        let audit_ids = migrate::allocate(self, keys::NEXT_AUDIT, changes.audit_len() as u64)?;
        let ops = changes.into_ops(audit_ids)?;
        // Refused before anything is written when the disk cannot take it
        // (twice its size and a megabyte for sled and the witness): then
        // "not saved" is exact, and a retry once there is room saves once.
        let size: u64 = ops
            .iter()
            .map(|op| (op.key.len() + op.value.as_ref().map_or(0, Vec::len)) as u64)
            .sum();
        if layout::free_bytes(&self.dir).is_some_and(|free| free < 2 * size + (1 << 20)) {
            return Err(self.disk_full(NOT_SAVED));
        }
        // The directory cache goes before the directory changes.
        if ops
            .iter()
            .any(|op| matches!(op.tree, TreeName::Services | TreeName::Organisations))
        {
            directory_cache::invalidate(&self.dir)?;
        }
        let trees = self.trees_now();
        let result = trees.as_slice().transaction(|trees| {
            let meta = &trees[TreeName::Meta as usize];
            let seq = meta
                .get(keys::COMMIT_SEQ)?
                .and_then(|v| keys::read_u64(&v))
                .unwrap_or(0)
                + 1;
            meta.insert(keys::COMMIT_SEQ, &seq.to_be_bytes())?;
            for op in &ops {
                let tree = &trees[op.tree as usize];
                match &op.value {
                    Some(v) => {
                        tree.insert(op.key.as_slice(), v.as_slice())?;
                    }
                    None => {
                        tree.remove(op.key.as_slice())?;
                    }
                }
            }
            Ok::<u64, ConflictableTransactionError<StoreError>>(seq)
        });
        let seq = match result {
            Ok(seq) => seq,
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) if open::is_disk_full(&e) => {
                return Err(self.disk_full(NOT_SAVED));
            }
            Err(TransactionError::Storage(e)) => return Err(StoreError::Sled(e)),
        };
        if !durable {
            return Ok(());
        }
        match self.db.flush() {
            Ok(_) => {}
            Err(e) if open::is_disk_full(&e) => {
                return Err(
                    self.disk_full("this change may not be on disk (it could not be flushed)")
                );
            }
            Err(e) => return Err(StoreError::Sled(e)),
        }
        // The change is on disk: a witness that cannot be updated (a full
        // disk) is stale but safe (it only ever counts fewer changes), so
        // the save is reported as done, with a warning.
        if let Err(e) = self.witness(seq) {
            *self
                .warning
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(format!(
                "Saved. But {e}: free some space on this disk soon."
            ));
        }
        Ok(())
    }

    /// The disk holding the store is full; `kept` says what became of
    /// the change.
    fn disk_full(&self, kept: &'static str) -> StoreError {
        StoreError::DiskFull {
            path: self.dir.clone(),
            kept,
        }
    }

    /// A warning about the last save that succeeded, once.
    pub fn take_warning(&self) -> Option<String> {
        self.warning
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }

    /// Flushes everything written so far to disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush().map(|_| ()).map_err(StoreError::Sled)
    }

    /// Reads one record by key.
    pub fn get<R: Record>(&self, key: &[u8]) -> Result<Option<R>, StoreError> {
        match self.tree(R::TREE).get(key)? {
            Some(bytes) => Ok(Some(codec::decode(R::TREE, key, &bytes, self.cipher())?)),
            None => Ok(None),
        }
    }

    /// Reads every record of a kind, in key order.
    pub fn all<R: Record>(&self) -> Result<Vec<R>, StoreError> {
        self.scan::<R>(&[])
    }

    /// Reads every record of a kind whose key starts with `prefix`.
    pub fn scan<R: Record>(&self, prefix: &[u8]) -> Result<Vec<R>, StoreError> {
        self.tree(R::TREE)
            .scan_prefix(prefix)
            .map(|item| {
                let (k, v) = item?;
                Ok(codec::decode(R::TREE, &k, &v, self.cipher())?)
            })
            .collect()
    }

    /// The records of one case (contacts, connections ...), in id order.
    pub fn for_case<R: Record>(&self, case: CaseId) -> Result<Vec<R>, StoreError> {
        self.scan::<R>(&keys::id(case.0))
    }

    /// Counts the records of a kind.
    pub fn count(&self, tree: TreeName) -> usize {
        self.tree(tree).len()
    }

    /// The audit trail, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        self.tree(TreeName::Audit)
            .iter()
            .map(|item| {
                let (k, v) = item?;
                Ok(codec::decode(TreeName::Audit, &k, &v, self.cipher())?)
            })
            .collect()
    }

    /// Builds the caseload overview of every case, as of `today`.
    pub fn caseload(&self, today: NaiveDate) -> Result<Vec<CaseOverview>, StoreError> {
        self.each_case(|records| vec![overview(records, today)])
    }

    /// Every dated thing of the open cases (visits, reviews, steps, first
    /// contacts, conversations due).
    pub fn agenda(&self) -> Result<Vec<crate::domain::agenda::AgendaItem>, StoreError> {
        self.each_case(crate::domain::agenda::items)
    }

    /// Reads every case with its records once and gathers what `f` makes
    /// of each.
    fn each_case<T>(&self, f: impl Fn(&CaseRecords<'_>) -> Vec<T>) -> Result<Vec<T>, StoreError> {
        let persons: HashMap<_, Person> = self
            .all::<Person>()?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let mut contacts: HashMap<CaseId, Vec<ContactEntry>> = HashMap::new();
        for c in self.all::<ContactEntry>()? {
            contacts.entry(c.case_id).or_default().push(c);
        }
        let mut connections: HashMap<CaseId, Vec<Connection>> = HashMap::new();
        for c in self.all::<Connection>()? {
            connections.entry(c.case_id).or_default().push(c);
        }
        let conversations: std::collections::HashSet<CaseId> = self
            .all::<Conversation>()?
            .into_iter()
            .map(|c| c.case_id)
            .collect();
        let plans: HashMap<CaseId, ActionPlan> = self
            .all::<ActionPlan>()?
            .into_iter()
            .map(|p| (p.case_id, p))
            .collect();
        let mut out = Vec::new();
        for case in self.all::<Case>()? {
            let Some(person) = persons.get(&case.person_id) else {
                return Err(StoreError::Inconsistent(format!(
                    "case {} refers to person {}, who is not in the store",
                    case.id, case.person_id
                )));
            };
            let records = CaseRecords {
                person,
                case: &case,
                contacts: contacts.get(&case.id).map_or(&[], Vec::as_slice),
                plan: plans.get(&case.id),
                connections: connections.get(&case.id).map_or(&[], Vec::as_slice),
                has_conversation: conversations.contains(&case.id),
            };
            out.extend(f(&records));
        }
        Ok(out)
    }

    /// The time now, for audit entries and status changes.
    pub fn now() -> chrono::DateTime<Utc> {
        Utc::now()
    }
}
