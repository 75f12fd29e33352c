//! Backups of an open store, and restoring one into a new directory.

use super::backup::{self, BackupError, RawRecord, Snapshot};
use super::crypto::{KeyFile, Secret};
use super::error::StoreError;
use super::layout;
use super::tree::TreeName;
use super::{AuditAction, Entity, Store, migrate};
use chrono::{DateTime, Utc};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The folder of automatic backups inside a data directory.
pub const BACKUP_DIR: &str = "backups";
/// Daily backups kept.
pub const KEEP_DAYS: usize = 7;
/// Weekly backups kept.
pub const KEEP_WEEKS: usize = 4;

/// A backup file that could not be used.
#[derive(Debug, thiserror::Error)]
#[error("The backup {} cannot be used: {reason}.", .path.display())]
pub struct BadBackup {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: BackupError,
}

impl Store {
    /// Every record of every tree, as stored.
    pub fn snapshot(&self) -> Result<Snapshot, StoreError> {
        let mut records = Vec::new();
        for tree in TreeName::ALL {
            for item in self.tree(tree).iter() {
                let (k, v) = item?;
                // Which generation of the directory trees is live belongs
                // to this database, not to its records.
                if tree == TreeName::Meta && k.as_ref() == super::keys::DIRECTORY_GENERATION {
                    continue;
                }
                records.push(RawRecord {
                    tree,
                    key: k.to_vec(),
                    value: v.to_vec(),
                });
            }
        }
        let key_file = match self.cipher() {
            Some(_) => Some(
                toml::to_string(&layout::read_key_file(self.dir())?)
                    .map_err(|e| StoreError::Inconsistent(e.to_string()))?,
            ),
            None => None,
        };
        Ok(Snapshot {
            schema: self.schema_version()?,
            key_file,
            created: Utc::now().timestamp(),
            records,
        })
    }

    /// Writes a backup to `path`: a temporary file, fsynced, read back and
    /// verified, then renamed into place.
    /// The audit says "backup written" only once the verified file is in
    /// place, and "backup failed" otherwise.
    pub fn write_backup(&self, path: &Path) -> Result<(), StoreError> {
        let written = self.snapshot().and_then(|snapshot| {
            let bytes = backup::encode(&snapshot, self.cipher());
            let check = |b: &[u8]| {
                backup::decode(b, self.cipher())
                    .map(|_| ())
                    .map_err(|e| format!("the backup just written does not verify: {e}"))
            };
            layout::replace_file(path, &bytes, Some(&check))
        });
        let mut changes = self.changes();
        let action = if written.is_ok() {
            AuditAction::BackupWritten
        } else {
            AuditAction::BackupFailed
        };
        changes.note(Entity::Store, "-", action);
        let audited = self.commit(changes);
        written.and(audited)
    }

    /// The data directory's backup folder.
    pub fn backup_dir(&self) -> PathBuf {
        self.dir().join(BACKUP_DIR)
    }

    /// Writes a backup into the backup folder and prunes old ones, keeping
    /// the newest of each of the last `keep.0` days and `keep.1` weeks
    /// (by default 7 and 4). Returns the new file.
    pub fn backup_rotating(&self, keep: (usize, usize)) -> Result<PathBuf, StoreError> {
        let dir = self.backup_dir();
        layout::create_dir(&dir)?;
        remove_partial_backups(&dir);
        let now = Utc::now();
        let path = dir.join(backup::file_name(now));
        self.write_backup(&path)?;
        // What the store had committed when this backup was made (so an
        // exit with nothing new need not write another).
        let _ = layout::replace_file(
            &self.dir().join(LAST_BACKUP_SEQ),
            self.commit_seq()?.to_string().as_bytes(),
            None,
        );
        // Rotation goes by the time inside each backup, and never counts one
        // from a time still to come (a clock set wrong, or a planted file):
        // those are left alone, and the backup just written is always kept.
        let existing: Vec<_> = list_backups(&dir)
            .into_iter()
            .filter(|(t, _)| *t <= now)
            .collect();
        let times: Vec<_> = existing.iter().map(|(t, _)| *t).collect();
        let kept = backup::keep(&times, keep.0.max(1), keep.1);
        for (t, p) in existing {
            if !kept.contains(&t) && p != path {
                let _ = fs::remove_file(p);
            }
        }
        Ok(path)
    }

    /// Whether anything was committed since the newest automatic backup
    /// (or there is none).
    pub fn changed_since_backup(&self) -> Result<bool, StoreError> {
        let recorded = fs::read_to_string(self.dir().join(LAST_BACKUP_SEQ))
            .ok()
            .and_then(|t| t.trim().parse::<u64>().ok());
        Ok(recorded != Some(self.commit_seq()?))
    }

    /// When the newest automatic backup was made, if there is one.
    pub fn last_backup(&self) -> Option<DateTime<Utc>> {
        let now = Utc::now();
        list_backups(&self.backup_dir())
            .into_iter()
            .map(|(t, _)| t)
            .filter(|t| *t <= now)
            .max()
    }
}

/// Removes what an interrupted backup left in `dir` (`*.tmp` files).
fn remove_partial_backups(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        if e.file_name().to_string_lossy().ends_with(".tmp") && is_regular(&e) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// The file in the data folder that records the commit count at the
/// newest automatic backup.
const LAST_BACKUP_SEQ: &str = "last-backup.seq";

/// The automatic backups in `dir`, with the times written inside them
/// (read from each header; a file whose header cannot be read is left out).
pub fn list_backups(dir: &Path) -> Vec<(DateTime<Utc>, PathBuf)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        // Only regular files are opened: a FIFO named like a backup would
        // hang the read, a device or socket has nothing to give.
        .filter(is_regular)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| backup::parse_name(n).is_some())
        })
        .filter_map(|e| {
            let path = e.path();
            let t = inner_time(&path)?;
            Some((t, path))
        })
        .collect()
}

/// Whether a folder entry is a regular file (not followed if a link).
fn is_regular(e: &fs::DirEntry) -> bool {
    e.file_type().is_ok_and(|t| t.is_file())
}

/// The time inside the backup at `path`, from its first bytes.
fn inner_time(path: &Path) -> Option<DateTime<Utc>> {
    use std::io::Read;
    let mut start = [0u8; backup::CREATED_PREFIX];
    fs::File::open(path).ok()?.read_exact(&mut start).ok()?;
    DateTime::from_timestamp(backup::created(&start)?, 0)
}

/// The newest backup of the data directory `data_dir` that verifies:
/// ordered by the time inside each (none from the future), each checked
/// whole before it is offered (the checksum of every backup written now;
/// plain older ones by their SHA-256; an encrypted one of the first format
/// only by its header).
pub fn newest_good_backup(data_dir: &Path) -> Option<PathBuf> {
    let now = Utc::now();
    let mut all = list_backups(&data_dir.join(BACKUP_DIR));
    all.retain(|(t, _)| *t <= now);
    all.sort_by_key(|(t, _)| std::cmp::Reverse(*t));
    all.into_iter().map(|(_, p)| p).find(|p| {
        fs::read(p).is_ok_and(|bytes| match backup::header(&bytes) {
            Ok(h) if h.encrypted => backup::verify_integrity(&bytes).is_ok(),
            Ok(_) => backup::decode(&bytes, None).is_ok(),
            Err(_) => false,
        })
    })
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// Records written.
    pub records: usize,
    /// Where the store it replaced was moved, with `--force`.
    pub replaced: Option<PathBuf>,
}

/// Restores the backup `file` (whose contents are `bytes`) into `target`, which must be new or empty
/// unless `force` is given; with `force` the caseload there (which must not
/// be open) is first moved aside, whole, to a sibling folder. Nothing is
/// written unless the backup verifies.
pub fn restore(
    file: &Path,
    bytes: &[u8],
    target: &Path,
    worker: &str,
    passphrase: Option<&Secret>,
    force: bool,
) -> Result<Restored, StoreError> {
    let bad = |reason| {
        StoreError::BadBackup(BadBackup {
            path: file.to_owned(),
            reason,
        })
    };
    let head = backup::header(bytes).map_err(bad)?;
    let cipher = match &head.key_file {
        Some(key_file) => {
            let p = passphrase.ok_or(StoreError::Locked(file.to_owned()))?;
            Some(Arc::new(key_file.unlock(p)?))
        }
        None => None,
    };
    let snapshot = backup::decode(bytes, cipher.as_deref()).map_err(bad)?;
    let mut replaced = None;
    if target.exists()
        && fs::read_dir(target)
            .map_err(|e| StoreError::io("read", target, e))?
            .next()
            .is_some()
    {
        if !force {
            return Err(StoreError::RestoreTargetNotEmpty(target.to_owned()));
        }
        if layout::inspect(target)? == layout::DirState::New {
            return Err(StoreError::NotAStore(target.to_owned()));
        }
        // Refuse a live store: take its lock first, and check sled's own
        // lock (held even when `linkwork.lock` was removed under it).
        drop(layout::lock(target)?);
        if layout::db_in_use(target) {
            return Err(StoreError::AlreadyOpen(target.to_owned()));
        }
        let aside = aside_name(target);
        fs::rename(target, &aside).map_err(|e| StoreError::io("move aside", target, e))?;
        replaced = Some(aside);
    }
    layout::create_dir(target)?;
    let lock = layout::lock(target)?;
    if let Some(text) = &snapshot.key_file {
        let key_file: KeyFile = toml::from_str(text).map_err(|_| bad(BackupError::BadKeyFile))?;
        layout::write_key_file(target, &key_file)?;
    }
    let store = Store::open_db(target, worker, cipher, lock)?;
    for tree in TreeName::ALL {
        let mut batch = sled::Batch::default();
        for r in snapshot.records.iter().filter(|r| r.tree == tree) {
            batch.insert(r.key.as_slice(), r.value.as_slice());
        }
        store.tree(tree).apply_batch(batch)?;
    }
    store.flush()?;
    // Read everything back before the marker makes this a store.
    let again = store.snapshot()?;
    if again.records != snapshot.records {
        return Err(StoreError::Inconsistent(
            "the restored records differ from the backup".into(),
        ));
    }
    migrate::run(&store, snapshot.schema)?;
    super::directory_cache::invalidate(target)?;
    let mut changes = store.changes();
    changes.note(Entity::Store, "-", AuditAction::Restored);
    store.commit(changes)?;
    layout::write_marker(target, super::CURRENT_SCHEMA, store.is_encrypted())?;
    Ok(Restored {
        records: snapshot.records.len(),
        replaced,
    })
}

fn aside_name(target: &Path) -> PathBuf {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "caseload".into());
    target.with_file_name(format!("{name}.replaced-{stamp}"))
}
