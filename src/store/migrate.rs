//! Schema versions and migrations, run when a store is opened.
//!
//! History:
//! - 1: the prototype layout: values were bare JSON and a person had one
//!   `name` field.
//! - 2: every value starts with a format byte (see `codec`), and a
//!   person's name is split into `given_name` and `family_name`.
//! - 3: an index of audit entries by case (`audit_by_case`), so a case's
//!   history opens without reading the whole trail.
//!
//! Each migration is one change set, committed atomically with the new
//! version number, so a store is always at exactly one version.

mod v1_to_v2;
mod v2_to_v3;

use super::Store;
use super::audit::{AuditAction, Entity};
use super::changes::ChangeSet;
use super::error::StoreError;
use super::keys;
use super::tree::TreeName;
use std::ops::Range;

/// The schema this build writes and reads.
pub const CURRENT_SCHEMA: u32 = 3;

type Migration = fn(&Store, &mut ChangeSet) -> Result<(), StoreError>;

/// Migrations by the version they start from.
const MIGRATIONS: [(u32, Migration); 2] = [(1, v1_to_v2::migrate), (2, v2_to_v3::migrate)];

fn version_bytes(v: u32) -> Vec<u8> {
    v.to_be_bytes().to_vec()
}

/// Writes the meta records of a new, empty store.
pub fn initialise(store: &Store) -> Result<(), StoreError> {
    let mut changes = store.changes();
    changes
        .raw(TreeName::Meta, keys::FORMAT, keys::FORMAT_VALUE.to_vec())
        .raw(
            TreeName::Meta,
            keys::SCHEMA_VERSION,
            version_bytes(CURRENT_SCHEMA),
        )
        .note(Entity::Store, "-", AuditAction::StoreCreated);
    store.commit(changes)
}

/// The schema version recorded in the database.
pub fn stored_version(store: &Store) -> Result<u32, StoreError> {
    let meta = store.tree(TreeName::Meta);
    let raw = meta
        .get(keys::SCHEMA_VERSION)?
        .ok_or_else(|| StoreError::Inconsistent("the database records no schema version".into()))?;
    let bytes: [u8; 4] = raw
        .as_ref()
        .try_into()
        .map_err(|_| StoreError::Inconsistent("the schema version record is malformed".into()))?;
    Ok(u32::from_be_bytes(bytes))
}

/// Brings an existing store up to [`CURRENT_SCHEMA`].
pub fn run(store: &Store, marker_schema: u32) -> Result<(), StoreError> {
    let meta = store.tree(TreeName::Meta);
    if meta.get(keys::SCHEMA_VERSION)?.is_none() {
        // The marker is written only after a store is initialised, so a
        // store without a schema version has lost data: never write to it.
        return Err(StoreError::Damaged {
            path: store.dir().to_owned(),
            detail: "the database has lost its records (no schema version)".into(),
        });
    }
    let mut version = stored_version(store)?;
    if version > CURRENT_SCHEMA {
        return Err(StoreError::NewerSchema {
            path: store.dir().to_owned(),
            found: version.max(marker_schema),
            supported: CURRENT_SCHEMA,
        });
    }
    while version < CURRENT_SCHEMA {
        let Some((_, migration)) = MIGRATIONS.iter().find(|(from, _)| *from == version) else {
            return Err(StoreError::Migration {
                from: version,
                reason: "no migration is known from this version".into(),
            });
        };
        let mut changes = store.changes();
        migration(store, &mut changes)?;
        changes
            .raw(
                TreeName::Meta,
                keys::SCHEMA_VERSION,
                version_bytes(version + 1),
            )
            .note(
                Entity::Store,
                "-",
                AuditAction::Migrated {
                    from: version,
                    to: version + 1,
                },
            );
        store.commit(changes)?;
        version += 1;
    }
    Ok(())
}

/// Reserves `n` consecutive numbers from the counter at `key` (starting at
/// 1). Numbers reserved by a change that is then not committed are simply
/// never used.
pub fn allocate(store: &Store, key: &[u8], n: u64) -> Result<Range<u64>, StoreError> {
    let meta = store.tree(TreeName::Meta);
    let previous = meta.fetch_and_update(key, |old| {
        let current = old.and_then(keys::read_u64).unwrap_or(1);
        Some(current.saturating_add(n).to_be_bytes().to_vec())
    })?;
    let start = previous.as_deref().and_then(keys::read_u64).unwrap_or(1);
    Ok(start..start + n)
}
