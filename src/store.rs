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
mod plan;
mod record;
mod rekey;
mod report;
mod snapshot;
mod tree;

pub use audit::{AuditAction, AuditEntry, Entity};
pub use casework::{CaseFile, ContactDraft, Duplicate};
pub use changes::ChangeSet;
pub use codec::CodecError;
pub use crypto::Secret;
pub use directory::ImportCounts;
pub use directory_import::DirectoryImport;
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

/// Opens the sled database. We already hold `linkwork.lock`, so a sled
/// lock conflict can only be a handle of this process that is still
/// shutting down (sled releases its file lock from a background thread
/// after the last handle drops): wait up to five seconds for it.
fn open_sled(dir: &Path) -> Result<sled::Db, StoreError> {
    open_sled_at(dir, &dir.join(layout::DB_DIR))
}

fn open_sled_at(dir: &Path, db_path: &Path) -> Result<sled::Db, StoreError> {
    // No background flusher: linkwork flushes after every commit. A small
    // page cache keeps memory low: everything linkwork shows is cached in
    // its own compact form, so sled's cache only serves reads and writes.
    // High-throughput mode: a 300,000-service import takes 35 s instead of
    // 47 s (and the store is no larger).
    let config = sled::Config::new()
        .path(db_path)
        .flush_every_ms(None)
        .cache_capacity(32 * 1024 * 1024)
        .mode(sled::Mode::HighThroughput);
    let mut attempts = 0;
    loop {
        match config.open() {
            Ok(db) => return Ok(db),
            Err(e) if is_sled_lock_conflict(&e) && attempts < 250 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            // Still held after five seconds: another linkwork has the
            // database open (its lock file was removed under it).
            Err(e) if is_sled_lock_conflict(&e) => {
                return Err(StoreError::AlreadyOpen(dir.to_owned()));
            }
            Err(e) => return Err(StoreError::damaged(dir, &e)),
        }
    }
}

/// Whether sled failed because the disk is full.
fn is_disk_full(e: &sled::Error) -> bool {
    matches!(e, sled::Error::Io(io) if io.raw_os_error() == Some(nix::libc::ENOSPC)
        || io.kind() == std::io::ErrorKind::StorageFull)
}

/// sled 0.34 reports its own file-lock conflict only as an `Other` IO error
/// with this message.
fn is_sled_lock_conflict(e: &sled::Error) -> bool {
    matches!(e, sled::Error::Io(io) if io.kind() == std::io::ErrorKind::Other
        && io.to_string().contains("could not acquire lock"))
}

/// Refuses a database that has lost its schema or holds fewer committed
/// changes than the witness says were confirmed (sled lost them), and one
/// whose witness is missing or was set back while it holds changes.
fn check_witness(
    dir: &Path,
    meta: &sled::Tree,
    witness: Option<&layout::Witness>,
) -> Result<(), StoreError> {
    let damaged = |detail: String| StoreError::Damaged {
        path: dir.to_owned(),
        detail,
    };
    if meta.get(keys::SCHEMA_VERSION)?.is_none() {
        return Err(damaged("the database has lost its records".into()));
    }
    let stored = meta
        .get(keys::COMMIT_SEQ)?
        .and_then(|v| keys::read_u64(&v))
        .unwrap_or(0);
    let witness_damaged = |reason: &str| StoreError::WitnessDamaged {
        path: dir.to_owned(),
        reason: reason.to_owned(),
    };
    match witness {
        None if stored > 0 => Err(witness_damaged("missing")),
        Some(w) if w.committed == 0 && stored > 0 => Err(witness_damaged("set back to 0")),
        Some(w) if stored < w.committed => Err(damaged(format!(
            "it holds {stored} of the {} changes that were confirmed as saved",
            w.committed
        ))),
        _ => Ok(()),
    }
}

/// Opens a copy of the database, reads every record of it (sled checks
/// each as it reads) and checks it against the witness, leaving the
/// original as it is. The copy is removed afterwards.
fn check_copy(dir: &Path, witness: Option<&layout::Witness>) -> Result<(), StoreError> {
    let copy = dir.join(".db-check");
    layout::copy_db(dir, &copy)?;
    let result = open_sled_at(dir, &copy).and_then(|db| {
        let read_all = || -> Result<(), sled::Error> {
            for name in db.tree_names() {
                for item in db.open_tree(name)?.iter() {
                    item?;
                }
            }
            Ok(())
        };
        read_all().map_err(|e| StoreError::damaged(dir, &e))?;
        let meta = db.open_tree(TreeName::Meta.as_str())?;
        check_witness(dir, &meta, witness)
    });
    let _ = std::fs::remove_dir_all(&copy);
    result
}

/// Checks the database files against the witness before sled touches
/// them (sled's recovery rewrites what it finds damaged): files as linkwork
/// left them open directly; after a crash a copy is checked first; files
/// changed after linkwork closed them are damage, reported with nothing
/// changed.
fn check_files(dir: &Path, witness: Option<&layout::Witness>) -> Result<(), StoreError> {
    if !dir.join(layout::DB_DIR).is_dir() {
        return Err(StoreError::Damaged {
            path: dir.to_owned(),
            detail: format!("its database folder {}/ is missing", layout::DB_DIR),
        });
    }
    let state = match witness {
        Some(w) => layout::db_state(dir, w)?,
        None => layout::DbState::Changed,
    };
    match state {
        // The checksum holds only while linkwork has the files closed: from
        // here on they are open (a handle dropped without `close` leaves
        // the next open to check a copy, as after a crash).
        layout::DbState::AsClosed => match witness {
            Some(w) => layout::write_witness(dir, w.committed, false),
            None => Ok(()),
        },
        layout::DbState::AsFlushed => Ok(()),
        layout::DbState::Changed => check_copy(dir, witness),
        layout::DbState::ChangedAfterClose => Err(StoreError::Damaged {
            path: dir.to_owned(),
            detail: "its database files changed after linkwork last closed them".into(),
        }),
    }
}

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
    /// What `dir` holds, without writing anything.
    pub fn probe(dir: &Path) -> Result<Probe, StoreError> {
        Ok(match layout::inspect(dir)? {
            layout::DirState::New => Probe::New,
            layout::DirState::Existing {
                encrypted: false, ..
            } => Probe::Plain,
            layout::DirState::Existing {
                encrypted: true, ..
            } => Probe::Encrypted,
        })
    }

    /// Opens the (unencrypted) store in `dir`, creating it when `dir` is
    /// missing or empty. See [`Store::open_with`].
    pub fn open(dir: &Path, worker: &str) -> Result<Self, StoreError> {
        Self::open_with(dir, worker, None)
    }

    /// Opens the store in `dir`, creating an unencrypted one when `dir` is
    /// missing or empty. An encrypted store needs its passphrase; a wrong
    /// one is refused before anything is opened. Refuses, without writing
    /// anything, a directory that is not a linkwork store, one written by a
    /// newer linkwork, and one already open in another linkwork. Runs any
    /// pending migrations.
    pub fn open_with(
        dir: &Path,
        worker: &str,
        passphrase: Option<&Secret>,
    ) -> Result<Self, StoreError> {
        match layout::inspect(dir)? {
            layout::DirState::New => Self::create_in(dir, worker, None),
            layout::DirState::Existing { schema, encrypted } => {
                if rekey::pending(dir) {
                    let _lock = layout::lock(dir)?;
                    rekey::recover(dir)?;
                }
                let key_file = if encrypted {
                    Some(layout::read_key_file(dir)?)
                } else {
                    None
                };
                let cipher = match &key_file {
                    Some(file) => {
                        let passphrase =
                            passphrase.ok_or_else(|| StoreError::Locked(dir.to_owned()))?;
                        Some(Arc::new(
                            file.unlock(passphrase)
                                .map_err(|e| layout::key_file_damaged(dir, e))?,
                        ))
                    }
                    None => None,
                };
                let lock = match layout::lock(dir) {
                    Ok(lock) => lock,
                    Err(e) if layout::is_read_only(&e) => {
                        return Self::open_read_only(dir, worker, cipher, "is read-only");
                    }
                    Err(e) => return Err(e),
                };
                let witness = layout::read_witness(dir)?;
                match check_files(dir, witness.as_ref()) {
                    // A full disk: the caseload can still be read.
                    Err(e) if layout::is_disk_full(&e) => {
                        drop(lock);
                        return Self::open_read_only(dir, worker, cipher, "is on a full disk");
                    }
                    other => other?,
                }
                let store = Self::open_db(dir, worker, cipher, lock)?;
                check_witness(dir, &store.tree(TreeName::Meta), witness.as_ref())?;
                key_check::verify(&store)?;
                migrate::run(&store, schema)?;
                if let (Some(file), Some(p), Some(cipher)) = (&key_file, passphrase, store.cipher())
                    && file.is_old()
                {
                    // Older key files gain the check and bound settings.
                    layout::write_key_file(dir, &crypto::KeyFile::rewrap(cipher, p)?)?;
                }
                layout::write_marker(dir, CURRENT_SCHEMA, encrypted)?;
                Ok(store)
            }
        }
    }

    /// Creates a new store in `dir` (missing or empty), encrypted with
    /// `passphrase` when one is given.
    pub fn create(
        dir: &Path,
        worker: &str,
        passphrase: Option<&Secret>,
    ) -> Result<Self, StoreError> {
        match layout::inspect(dir)? {
            layout::DirState::New => Self::create_in(dir, worker, passphrase),
            layout::DirState::Existing { .. } => Err(StoreError::AlreadyExists(dir.to_owned())),
        }
    }

    fn create_in(
        dir: &Path,
        worker: &str,
        passphrase: Option<&Secret>,
    ) -> Result<Self, StoreError> {
        layout::create_dir(dir)?;
        let lock = layout::lock(dir)?;
        let cipher = match passphrase {
            Some(p) => {
                let (file, cipher) = crypto::KeyFile::create(p)?;
                layout::write_key_file(dir, &file)?;
                Some(Arc::new(cipher))
            }
            None => None,
        };
        let encrypted = cipher.is_some();
        let store = Self::open_db(dir, worker, cipher, lock)?;
        migrate::initialise(&store)?;
        key_check::verify(&store)?;
        // The marker is written last: a directory without it was never a
        // finished store.
        layout::write_marker(dir, CURRENT_SCHEMA, encrypted)?;
        Ok(store)
    }

    fn open_db(
        dir: &Path,
        worker: &str,
        cipher: Option<Arc<crypto::Cipher>>,
        lock: File,
    ) -> Result<Self, StoreError> {
        let db = open_sled(dir)?;
        Self::over(dir, db, worker, cipher, Some(lock), None)
    }

    fn over(
        dir: &Path,
        db: sled::Db,
        worker: &str,
        cipher: Option<Arc<crypto::Cipher>>,
        lock: Option<File>,
        read_only: Option<tempfile::TempDir>,
    ) -> Result<Self, StoreError> {
        let trees = directory_import::open_trees(&db).map_err(|e| StoreError::damaged(dir, &e))?;
        Ok(Self {
            dir: dir.to_owned(),
            db,
            trees: std::sync::RwLock::new(trees),
            worker: worker.to_owned(),
            cipher,
            _lock: std::sync::Mutex::new(lock),
            folder_id: layout::file_id(dir),
            warning: std::sync::Mutex::new(None),
            read_only,
            read_only_why: "is read-only",
        })
    }

    /// Opens a caseload whose folder cannot be written, for reading: its
    /// files are checked as for any open, then copied into a private
    /// temporary folder (0700, in `XDG_RUNTIME_DIR` when there is one) and
    /// read there. Nothing can be saved (see [`StoreError::ReadOnly`]);
    /// exports are allowed but cannot be noted in the audit trail.
    fn open_read_only(
        dir: &Path,
        worker: &str,
        cipher: Option<Arc<crypto::Cipher>>,
        why: &'static str,
    ) -> Result<Self, StoreError> {
        let lock = layout::lock_shared(dir)?;
        let witness = layout::read_witness(dir)?;
        if !dir.join(layout::DB_DIR).is_dir() {
            return check_files(dir, witness.as_ref()).and(Err(StoreError::ReadOnly {
                path: dir.to_owned(),
                why,
            }));
        }
        let state = match &witness {
            Some(w) => layout::db_state(dir, w)?,
            None => layout::DbState::Changed,
        };
        if state == layout::DbState::ChangedAfterClose {
            return check_files(dir, witness.as_ref()).and(Err(StoreError::ReadOnly {
                path: dir.to_owned(),
                why,
            }));
        }
        let base = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .filter(|p| p.is_dir())
            .unwrap_or_else(std::env::temp_dir);
        let copy = tempfile::Builder::new()
            .prefix("linkwork-read-only-")
            .tempdir_in(&base)
            .map_err(|e| StoreError::io("create a folder in", &base, e))?;
        let db_path = copy.path().join(layout::DB_DIR);
        layout::copy_db(dir, &db_path)?;
        let db = open_sled_at(dir, &db_path)?;
        if state == layout::DbState::Changed {
            for name in db.tree_names() {
                for item in db.open_tree(name)?.iter() {
                    item.map_err(|e| StoreError::damaged(dir, &e))?;
                }
            }
        }
        let mut store = Self::over(dir, db, worker, cipher, lock, Some(copy))?;
        store.read_only_why = why;
        check_witness(dir, &store.tree(TreeName::Meta), witness.as_ref())?;
        key_check::verify(&store)?;
        if migrate::stored_version(&store)? < CURRENT_SCHEMA {
            return Err(StoreError::Refused(format!(
                "the caseload in {} was written by an older linkwork and must be upgraded \
                 to be read, which its read-only folder does not allow",
                dir.display()
            )));
        }
        Ok(store)
    }

    /// Checks, before anything is saved, that this store still holds the
    /// lock of its folder: that the folder is the one it opened (not moved
    /// aside and replaced, e.g. by `restore --force`) and that
    /// `linkwork.lock` is the file it locked. A lock file removed from under
    /// it is taken again, unless another linkwork has taken it meanwhile.
    pub fn verify_lock(&self) -> Result<(), StoreError> {
        let lost = |why: &str| StoreError::LockLost {
            path: self.dir.clone(),
            why: why.to_owned(),
        };
        if self.folder_id.is_some() && layout::file_id(&self.dir) != self.folder_id {
            return Err(lost("the folder was moved or replaced while open"));
        }
        let mut held = match self._lock.lock() {
            Ok(held) => held,
            Err(poisoned) => poisoned.into_inner(),
        };
        let Some(file) = held.as_ref() else {
            return Ok(());
        };
        if layout::fd_id(file) == layout::file_id(&self.dir.join(LOCK_FILE)) {
            return Ok(());
        }
        match layout::lock(&self.dir) {
            Ok(again) => {
                *held = Some(again);
                Ok(())
            }
            Err(StoreError::AlreadyOpen(_)) => Err(lost(
                "its lock file was removed and another linkwork has opened the caseload since",
            )),
            Err(e) => Err(e),
        }
    }

    /// Whether the caseload's folder is read-only (nothing can be saved).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Why it is read-only ("is read-only", "is on a full disk").
    pub fn read_only_why(&self) -> &'static str {
        self.read_only_why
    }

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
        ChangeSet::new(&self.worker, self.cipher.clone())
    }

    /// Applies a change set atomically (all writes and audit entries, or
    /// none), then flushes it to disk.
    pub fn commit(&self, changes: ChangeSet) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
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
            return Err(StoreError::DiskFull {
                path: self.dir.clone(),
                kept: "this change was not saved (nothing of it was written)",
            });
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
            Err(TransactionError::Storage(e)) if is_disk_full(&e) => {
                return Err(StoreError::DiskFull {
                    path: self.dir.clone(),
                    kept: "this change was not saved (nothing of it was written)",
                });
            }
            Err(TransactionError::Storage(e)) => return Err(StoreError::Sled(e)),
        };
        match self.db.flush() {
            Ok(_) => {}
            Err(e) if is_disk_full(&e) => {
                return Err(StoreError::DiskFull {
                    path: self.dir.clone(),
                    kept: "this change may not be on disk (it could not be flushed)",
                });
            }
            Err(e) => return Err(StoreError::Sled(e)),
        }
        // The change is on disk: a witness that cannot be updated (a full
        // disk) is stale but safe (it only ever counts fewer changes), so
        // the save is reported as done, with a warning.
        if let Err(e) = layout::write_witness(&self.dir, seq, false) {
            let mut warning = match self.warning.lock() {
                Ok(w) => w,
                Err(poisoned) => poisoned.into_inner(),
            };
            *warning = Some(format!(
                "Saved. But {e}: free some space on this disk soon."
            ));
        }
        Ok(())
    }

    /// A warning about the last save that succeeded, once.
    pub fn take_warning(&self) -> Option<String> {
        match self.warning.lock() {
            Ok(mut w) => w.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        }
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
