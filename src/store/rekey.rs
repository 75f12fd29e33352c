//! `linkwork rekey`: every record sealed again under a new data key, for
//! when a key file or a backup may have leaked. A changed passphrase only
//! re-wraps the same data key, so an old key file with the old passphrase
//! would still open the records; after a rekey it does not.
//!
//! The records are written, re-sealed, into a new database beside the old
//! one (`db.rekey`), with the new key file beside the old (`linkwork.keys.rekey`).
//! Once both are on disk a journal (`linkwork.rekey`) is written: that is
//! the moment the rekey happens. The folders and key files are then
//! switched by renames; an open that finds the journal finishes the
//! switch, and one that finds the new files without a journal removes
//! them, so a crash at any point leaves the old key and records, or the
//! new ones, never a mixture.

use super::codec;
use super::crypto::{Cipher, KeyFile, Secret};
use super::error::StoreError;
use super::layout::{self, DB_DIR, KEY_FILE};
use super::tree::TreeName;
use super::{AuditAction, Entity, Store, key_check, keys};
use std::fs;
use std::path::Path;

const NEW_DB: &str = "db.rekey";
const OLD_DB: &str = "db.pre-rekey";
const NEW_KEYS: &str = "linkwork.keys.rekey";
const JOURNAL: &str = "linkwork.rekey";

/// How many records went into the new database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rekeyed {
    /// Records sealed again under the new key.
    pub records: usize,
}

impl Store {
    /// Seals every record again under a new data key wrapped by
    /// `passphrase` (which may be the same one), then reopens the store.
    /// Backups made before keep the old key (and their own key file).
    pub fn rekey(self, passphrase: &Secret) -> Result<(Store, Rekeyed), StoreError> {
        let Some(old) = self.cipher.clone() else {
            return Err(StoreError::Refused(
                "this caseload is not encrypted, so it has no key to change".into(),
            ));
        };
        let (key_file, new) = KeyFile::create(passphrase)?;
        let dir = self.dir.clone();
        let worker = self.worker.clone();
        let records = write_new_db(&self, &old, &new)?;
        layout::replace_file(
            &dir.join(NEW_KEYS),
            layout::key_file_text(&key_file)?.as_bytes(),
            None,
        )?;
        // From here the rekey has happened: the journal says so (and an
        // open after a crash finishes the switch).
        layout::replace_file(&dir.join(JOURNAL), b"switch to the new key\n", None)?;
        self.close()?;
        finish(&dir)?;
        let store = Store::open_with(&dir, &worker, Some(passphrase))?;
        let mut changes = store.changes();
        changes.note(Entity::Store, "-", AuditAction::Rekeyed);
        store.commit(changes)?;
        Ok((store, Rekeyed { records }))
    }
}

/// Writes every record of `store`, sealed under `new`, into `db.rekey`.
fn write_new_db(store: &Store, old: &Cipher, new: &Cipher) -> Result<usize, StoreError> {
    let path = store.dir.join(NEW_DB);
    if path.exists() {
        fs::remove_dir_all(&path).map_err(|e| StoreError::io("remove", &path, e))?;
    }
    let db = super::open::open_sled_at(&store.dir, &path)?;
    let mut records = 0;
    for tree in TreeName::ALL {
        let target = db.open_tree(tree.as_str())?;
        let mut batch = sled::Batch::default();
        for item in store.tree(tree).iter() {
            let (k, v) = item?;
            let value = match tree {
                TreeName::Meta if k.as_ref() == keys::KEY_CHECK => key_check::sealed(new)?,
                // The new database holds the directory in its first trees.
                TreeName::Meta if k.as_ref() == keys::DIRECTORY_GENERATION => continue,
                TreeName::Meta | TreeName::AuditByCase | TreeName::TeamIndex => v.to_vec(),
                _ => codec::reseal(tree, &k, &v, old, new)?,
            };
            batch.insert(k.as_ref(), value);
            records += 1;
            if records % 1000 == 0 {
                target.apply_batch(std::mem::take(&mut batch))?;
            }
        }
        target.apply_batch(batch)?;
    }
    db.flush()?;
    Ok(records)
}

/// Whether a rekey left anything to finish or undo.
pub fn pending(dir: &Path) -> bool {
    [JOURNAL, NEW_DB, OLD_DB, NEW_KEYS]
        .iter()
        .any(|name| dir.join(name).exists())
}

/// Finishes or undoes a rekey left by a crash; called (under the lock)
/// before a store is opened. With the journal the switch is completed; without it any new
/// files are removed.
pub fn recover(dir: &Path) -> Result<(), StoreError> {
    if dir.join(JOURNAL).exists() {
        return finish(dir);
    }
    for name in [NEW_DB, OLD_DB] {
        let path = dir.join(name);
        if path.exists() {
            fs::remove_dir_all(&path).map_err(|e| StoreError::io("remove", &path, e))?;
        }
    }
    let keys = dir.join(NEW_KEYS);
    if keys.exists() {
        fs::remove_file(&keys).map_err(|e| StoreError::io("remove", &keys, e))?;
    }
    Ok(())
}

/// The switch: each step is a rename, and each is skipped when a crash
/// had already done it.
fn finish(dir: &Path) -> Result<(), StoreError> {
    fn io<'p>(action: &'static str, path: &'p Path) -> impl Fn(std::io::Error) -> StoreError + 'p {
        move |e| StoreError::io(action, path, e)
    }
    let (db, new_db, old_db) = (dir.join(DB_DIR), dir.join(NEW_DB), dir.join(OLD_DB));
    if new_db.exists() {
        if db.exists() {
            if old_db.exists() {
                fs::remove_dir_all(&old_db).map_err(io("remove", &old_db))?;
            }
            fs::rename(&db, &old_db).map_err(io("move aside", &db))?;
        }
        fs::rename(&new_db, &db).map_err(io("move into place", &new_db))?;
    }
    let new_keys = dir.join(NEW_KEYS);
    if new_keys.exists() {
        fs::rename(&new_keys, dir.join(KEY_FILE)).map_err(io("move into place", &new_keys))?;
    }
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io("sync", dir))?;
    // The database in place is new: the witness must not vouch for the
    // old one's files (its count of changes still holds).
    let committed = layout::read_witness(dir)?.map_or(0, |w| w.committed);
    layout::write_witness(dir, committed, false)?;
    let journal = dir.join(JOURNAL);
    fs::remove_file(&journal).map_err(io("remove", &journal))?;
    if old_db.exists() {
        fs::remove_dir_all(&old_db).map_err(io("remove", &old_db))?;
    }
    Ok(())
}
