//! Opening a store: the checks made before sled touches the files (the
//! witness, a copy after a crash, damage after a clean close), the lock,
//! creating a new store, reading a read-only folder, and the holder's
//! check of its lock before each save.

use super::error::StoreError;
use super::tree::TreeName;
use super::{
    CURRENT_SCHEMA, LOCK_FILE, Probe, Secret, Store, crypto, directory_import, key_check, keys,
    layout, migrate, rekey,
};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Opens the sled database. We already hold `linkwork.lock`, so a sled
/// lock conflict can only be a handle of this process that is still
/// shutting down (sled releases its file lock from a background thread
/// after the last handle drops): wait up to fifteen seconds for it (a loaded machine can take a while).
pub(super) fn open_sled(dir: &Path) -> Result<sled::Db, StoreError> {
    open_sled_at(dir, &dir.join(layout::DB_DIR))
}

pub(super) fn open_sled_at(dir: &Path, db_path: &Path) -> Result<sled::Db, StoreError> {
    // No background flusher: linkwork flushes after every commit. A modest
    // page cache keeps memory low: everything linkwork shows is cached in
    // its own compact form, so sled's cache only serves reads and writes;
    // 128 MB rather than 32 takes a 100,000-service import (random keys
    // all over the tree) from 6.4-6.6 s to 5.6-5.8 s for 40-50 MB more.
    // High-throughput mode: a 300,000-service import takes 35 s instead of
    // 47 s (and the store is no larger).
    let config = sled::Config::new()
        .path(db_path)
        .flush_every_ms(None)
        .cache_capacity(128 * 1024 * 1024)
        .mode(sled::Mode::HighThroughput);
    let mut attempts = 0;
    loop {
        match config.open() {
            Ok(db) => return Ok(db),
            Err(e) if is_sled_lock_conflict(&e) && attempts < 750 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            // Still held after fifteen seconds: another linkwork has the
            // database open (its lock file was removed under it).
            Err(e) if is_sled_lock_conflict(&e) => {
                return Err(StoreError::AlreadyOpen(dir.to_owned()));
            }
            Err(e) => return Err(StoreError::damaged(dir, &e)),
        }
    }
}

/// Whether sled failed because the disk is full.
pub(super) fn is_disk_full(e: &sled::Error) -> bool {
    matches!(e, sled::Error::Io(io) if super::error::disk_full(io))
}

/// sled 0.34 reports its own file-lock conflict only as an `Other` IO error
/// with this message.
pub(super) fn is_sled_lock_conflict(e: &sled::Error) -> bool {
    matches!(e, sled::Error::Io(io) if io.kind() == std::io::ErrorKind::Other
        && io.to_string().contains("could not acquire lock"))
}

/// Refuses a database that has lost its schema or holds fewer committed
/// changes than the witness says were confirmed (sled lost them), and one
/// whose witness is missing or was set back while it holds changes.
pub(super) fn check_witness(
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
pub(super) fn check_copy(dir: &Path, witness: Option<&layout::Witness>) -> Result<(), StoreError> {
    let copy = dir.join(".db-check");
    layout::copy_db(dir, &copy)?;
    let result = open_sled_at(dir, &copy).and_then(|db| {
        read_every_record(dir, &db)?;
        let meta = db.open_tree(TreeName::Meta.as_str())?;
        check_witness(dir, &meta, witness)
    });
    let _ = std::fs::remove_dir_all(&copy);
    result
}

/// Reads every record of every tree of `db` (sled checks each as it
/// reads): a damaged one is reported as damage of `dir`.
fn read_every_record(dir: &Path, db: &sled::Db) -> Result<(), StoreError> {
    let read_all = || -> Result<(), sled::Error> {
        for name in db.tree_names() {
            for item in db.open_tree(name)?.iter() {
                item?;
            }
        }
        Ok(())
    };
    read_all().map_err(|e| StoreError::damaged(dir, &e))
}

/// How the database files stand against the witness, found without
/// opening them; a missing database folder and files changed after
/// linkwork closed them are refused as damage here.
fn files_state(
    dir: &Path,
    witness: Option<&layout::Witness>,
) -> Result<layout::DbState, StoreError> {
    let damaged = |detail: String| StoreError::Damaged {
        path: dir.to_owned(),
        detail,
    };
    if !dir.join(layout::DB_DIR).is_dir() {
        return Err(damaged(format!(
            "its database folder {}/ is missing",
            layout::DB_DIR
        )));
    }
    let state = match witness {
        Some(w) => layout::db_state(dir, w)?,
        None => layout::DbState::Changed,
    };
    if state == layout::DbState::ChangedAfterClose {
        return Err(damaged(
            "its database files changed after linkwork last closed them".into(),
        ));
    }
    Ok(state)
}

/// Checks the database files against the witness before sled touches
/// them (sled's recovery rewrites what it finds damaged): files as linkwork
/// left them open directly; after a crash a copy is checked first; damage
/// found by [`files_state`] is reported with nothing changed.
pub(super) fn check_files(dir: &Path, witness: Option<&layout::Witness>) -> Result<(), StoreError> {
    match (files_state(dir, witness)?, witness) {
        // The checksum holds only while linkwork has the files closed: from
        // here on they are open (a handle dropped without `close` leaves
        // the next open to check a copy, as after a crash).
        (layout::DbState::AsClosed, Some(w)) => layout::write_witness(dir, w.committed, false),
        (layout::DbState::Changed, _) => check_copy(dir, witness),
        _ => Ok(()),
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

    pub(super) fn open_db(
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
        let team = Self::read_team_identity(&trees[TreeName::TeamIndex as usize])?;
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
            team: std::sync::RwLock::new(team),
            witnessed: std::sync::Mutex::new(0),
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
        let state = files_state(dir, witness.as_ref())?;
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
            read_every_record(dir, &db)?;
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
        let mut held = self
            ._lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
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
}
