//! Importing a directory at any size: the imported records are written, in
//! batches, into a new generation of the two directory trees, the stored
//! records the import does not replace are copied across, and the new
//! generation is switched in by one small commit (which also carries the
//! audit entry). Memory stays bounded by a batch, not by the feed; a crash
//! before the switch leaves the old directory as it was (the half-written
//! generation is dropped at the next open), and a crash after it leaves the
//! new one.
//!
//! Generation 0 is the trees `services` and `organisations`; generation `g`
//! is `services~g` and `organisations~g`. The meta key
//! [`keys::DIRECTORY_GENERATION`] says which is live; it is not part of
//! backups (a restored store starts again at generation 0).

use super::Store;
use super::audit::{AuditAction, Entity};
use super::codec;
use super::directory::ImportCounts;
use super::error::StoreError;
use super::keys;
use super::record::Record;
use super::tree::TreeName;
use crate::domain::directory::taxonomy::Vocabulary;
use crate::domain::directory::{Organisation, Service};
use std::collections::HashMap;

/// Records written per batch.
const BATCH: usize = 1000;

/// The name of a directory tree in generation `generation`.
fn tree_name(tree: TreeName, generation: u64) -> String {
    if generation == 0 {
        tree.as_str().to_owned()
    } else {
        format!("{}~{generation}", tree.as_str())
    }
}

/// The generation a tree name belongs to, for the directory trees.
fn generation_of(name: &[u8]) -> Option<u64> {
    let name = std::str::from_utf8(name).ok()?;
    for tree in [TreeName::Services, TreeName::Organisations] {
        if name == tree.as_str() {
            return Some(0);
        }
        if let Some(g) = name
            .strip_prefix(tree.as_str())
            .and_then(|rest| rest.strip_prefix('~'))
        {
            return g.parse().ok();
        }
    }
    None
}

/// The live directory generation recorded in `meta`.
fn live_generation(meta: &sled::Tree) -> Result<u64, sled::Error> {
    Ok(meta
        .get(keys::DIRECTORY_GENERATION)?
        .and_then(|v| keys::read_u64(&v))
        .unwrap_or(0))
}

/// Opens every tree (the directory's at its live generation) and drops
/// directory trees of any other generation: an import that never switched
/// in, or the old generation of one that did.
pub(super) fn open_trees(db: &sled::Db) -> Result<Vec<sled::Tree>, sled::Error> {
    let meta = db.open_tree(TreeName::Meta.as_str())?;
    let live = live_generation(&meta)?;
    for name in db.tree_names() {
        if generation_of(&name).is_some_and(|g| g != live) {
            db.drop_tree(&name)?;
        }
    }
    TreeName::ALL
        .iter()
        .map(|t| match t {
            TreeName::Services | TreeName::Organisations => db.open_tree(tree_name(*t, live)),
            _ => db.open_tree(t.as_str()),
        })
        .collect()
}

/// What became of one imported service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Added,
    Updated,
    Unchanged,
}

/// An import under way. Nothing of it is visible until [`Self::finish`];
/// dropped unfinished, its generation is removed.
pub struct DirectoryImport<'s> {
    store: &'s Store,
    generation: u64,
    old_services: sled::Tree,
    old_organisations: sled::Tree,
    services: sled::Tree,
    organisations: sled::Tree,
    batch: (sled::Batch, sled::Batch),
    pending: usize,
    /// Each service imported, with what became of it and the caller's tag
    /// for where it was read.
    outcomes: HashMap<Box<str>, (Outcome, u32)>,
    /// The taxonomies and terms the import gave.
    vocabulary: Vocabulary,
    finished: bool,
}

impl Store {
    /// Starts a directory import (see [`DirectoryImport`]).
    pub fn begin_directory_import(&self) -> Result<DirectoryImport<'_>, StoreError> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly {
                path: self.dir().to_owned(),
                why: self.read_only_why(),
            });
        }
        let live = live_generation(&self.tree(TreeName::Meta))?;
        let generation = live + 1;
        let open = |tree| -> Result<sled::Tree, StoreError> {
            let name = tree_name(tree, generation);
            // Left by an import that stopped half-way in this process.
            self.db.drop_tree(name.as_bytes())?;
            Ok(self.db.open_tree(name)?)
        };
        Ok(DirectoryImport {
            store: self,
            generation,
            old_services: self.tree(TreeName::Services),
            old_organisations: self.tree(TreeName::Organisations),
            services: open(TreeName::Services)?,
            organisations: open(TreeName::Organisations)?,
            batch: Default::default(),
            pending: 0,
            outcomes: HashMap::new(),
            vocabulary: Vocabulary::default(),
            finished: false,
        })
    }

    /// An organisation encoded as the directory stores it, as (key, value)
    /// (any thread).
    pub fn encode_organisation(
        &self,
        org: &Organisation,
    ) -> Result<(Vec<u8>, Vec<u8>), StoreError> {
        let key = org.key();
        let value = codec::encode(TreeName::Organisations, &key, org, self.cipher())?;
        Ok((key, value))
    }

    /// Whether the directory holds this organisation.
    pub fn has_organisation(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .tree(TreeName::Organisations)
            .contains_key(id.as_bytes())?)
    }
}

/// Makes a service ready for an import on any thread: compared with the
/// stored one, our own fields kept, encoded. The writer then only writes.
#[derive(Debug, Clone)]
pub struct ServicePreparer<'s> {
    store: &'s Store,
    old_services: sled::Tree,
}

/// A service ready for [`DirectoryImport::service_prepared`] (the record
/// itself is no longer needed, only its id, organisation and bytes).
#[derive(Debug)]
pub struct PreparedService {
    key: Vec<u8>,
    value: Vec<u8>,
    outcome: Outcome,
    /// Its id.
    pub id: Box<str>,
    /// The id of the organisation it names ("" for none).
    pub organisation_id: Box<str>,
}

impl ServicePreparer<'_> {
    /// `service` made ready, keeping our own local fields (notes,
    /// categories, verification, checks) from the stored record, then
    /// encoded once.
    pub fn prepare(&self, mut service: Service) -> Result<PreparedService, StoreError> {
        let key = service.key();
        let outcome = match self.old_services.get(&key)? {
            None => Outcome::Added,
            Some(bytes) => {
                let old: Service =
                    codec::decode(TreeName::Services, &key, &bytes, self.store.cipher())?;
                service.local = old.local.clone();
                if old == service {
                    Outcome::Unchanged
                } else {
                    Outcome::Updated
                }
            }
        };
        let value = codec::encode(TreeName::Services, &key, &service, self.store.cipher())?;
        Ok(PreparedService {
            key,
            value,
            outcome,
            id: service.id.0.as_str().into(),
            organisation_id: service.organization_id.0.as_str().into(),
        })
    }
}

impl<'s> DirectoryImport<'s> {
    /// What prepares services for this import on other threads.
    pub fn preparer(&self) -> ServicePreparer<'s> {
        ServicePreparer {
            store: self.store,
            old_services: self.old_services.clone(),
        }
    }

    #[cfg(test)]
    fn encode<R: Record>(&self, record: &R) -> Result<(Vec<u8>, Vec<u8>), StoreError> {
        let key = record.key();
        let value = codec::encode(R::TREE, &key, record, self.store.cipher())?;
        Ok((key, value))
    }

    fn flush_batch(&mut self) -> Result<(), StoreError> {
        let (services, organisations) = std::mem::take(&mut self.batch);
        self.services.apply_batch(services)?;
        self.organisations.apply_batch(organisations)?;
        self.pending = 0;
        Ok(())
    }

    fn written(&mut self) -> Result<(), StoreError> {
        self.pending += 1;
        if self.pending >= BATCH {
            self.flush_batch()?;
        }
        Ok(())
    }

    /// Adds an organisation (the same id again replaces it).
    #[cfg(test)]
    pub fn organisation(&mut self, org: &Organisation) -> Result<(), StoreError> {
        let (key, value) = self.encode(org)?;
        self.organisation_encoded(key, value)
    }

    /// Adds an organisation as [`Store::encode_organisation`] made it.
    pub fn organisation_encoded(&mut self, key: Vec<u8>, value: Vec<u8>) -> Result<(), StoreError> {
        self.batch.1.insert(key, value);
        self.written()
    }

    /// Adds a service here (prepared on this thread), returning whether
    /// its id was already in the import.
    #[cfg(test)]
    pub fn service(&mut self, service: Service) -> Result<bool, StoreError> {
        let prepared = self.preparer().prepare(service)?;
        Ok(self.service_prepared(prepared, 0)?.is_some())
    }

    /// Adds a service as [`ServicePreparer::prepare`] made it; the same id
    /// again replaces the earlier one (the later is kept). `tag` is the
    /// caller's note of where it was read; a repeat returns the earlier
    /// one's.
    pub fn service_prepared(
        &mut self,
        prepared: PreparedService,
        tag: u32,
    ) -> Result<Option<u32>, StoreError> {
        let PreparedService {
            key,
            value,
            outcome,
            id,
            ..
        } = prepared;
        let earlier = self.outcomes.insert(id, (outcome, tag)).map(|(_, tag)| tag);
        self.batch.0.insert(key, value);
        self.written()?;
        Ok(earlier)
    }

    /// Adds taxonomies and terms the import read (kept as the directory's
    /// vocabulary when the import is finished).
    pub fn vocabulary(&mut self, vocabulary: Vocabulary) {
        self.vocabulary.merge(vocabulary);
    }

    /// Takes a service back out of the import (found invalid once every
    /// file was read): the stored one, if any, stays as it was.
    pub fn withdraw(&mut self, id: &str) -> Result<(), StoreError> {
        self.flush_batch()?;
        self.services.remove(id.as_bytes())?;
        self.outcomes.remove(id);
        Ok(())
    }

    /// Makes the import the directory: copies across the stored records it
    /// did not replace, writes it to disk, and switches it in with one
    /// audited commit. Returns what it did.
    pub fn finish(mut self) -> Result<ImportCounts, StoreError> {
        self.flush_batch()?;
        for (old, new) in [
            (&self.old_services, &self.services),
            (&self.old_organisations, &self.organisations),
        ] {
            let mut batch = sled::Batch::default();
            let mut n = 0;
            for item in old.iter() {
                let (key, value) = item?;
                if !new.contains_key(&key)? {
                    batch.insert(key, value);
                    n += 1;
                    if n % BATCH == 0 {
                        new.apply_batch(std::mem::take(&mut batch))?;
                    }
                }
            }
            new.apply_batch(batch)?;
        }
        let mut counts = ImportCounts::default();
        for (outcome, _) in self.outcomes.values() {
            match outcome {
                Outcome::Added => counts.added += 1,
                Outcome::Updated => counts.updated += 1,
                Outcome::Unchanged => counts.unchanged += 1,
            }
        }
        // Counted as they will be kept: a term met on services once a name.
        let mut given = self.vocabulary.clone();
        given.settle();
        counts.terms = given.len();
        counts.taxonomies = self.vocabulary.taxonomies.len();
        let mut changes = self.store.changes();
        if !self.vocabulary.is_empty() {
            let mut kept = self.store.vocabulary()?;
            counts.new_terms = kept.merge(std::mem::take(&mut self.vocabulary)) + kept.settle();
            self.store.stage_vocabulary(&mut changes, &kept)?;
        }
        // Everything of the new generation is on disk before the switch.
        self.store.flush()?;
        super::directory_cache::invalidate(self.store.dir())?;
        changes.raw(
            TreeName::Meta,
            keys::DIRECTORY_GENERATION,
            self.generation.to_be_bytes().to_vec(),
        );
        changes.note(
            Entity::Service,
            "-",
            AuditAction::Imported {
                what: format!(
                    "directory import: {} added, {} updated, {} unchanged",
                    counts.added, counts.updated, counts.unchanged
                ),
            },
        );
        self.store.commit(changes)?;
        self.finished = true;
        self.store.switch_directory(
            self.services.clone(),
            self.organisations.clone(),
            self.generation,
        )?;
        Ok(counts)
    }
}

impl Drop for DirectoryImport<'_> {
    fn drop(&mut self) {
        if !self.finished {
            // Removing an abandoned generation only saves space: the next
            // open drops it too.
            for tree in [TreeName::Services, TreeName::Organisations] {
                let _ = self
                    .store
                    .db
                    .drop_tree(tree_name(tree, self.generation).as_bytes());
            }
        }
    }
}

impl Store {
    /// Puts a switched-in generation's trees in place and drops the old.
    fn switch_directory(
        &self,
        services: sled::Tree,
        organisations: sled::Tree,
        generation: u64,
    ) -> Result<(), StoreError> {
        {
            let mut trees = match self.trees.write() {
                Ok(trees) => trees,
                Err(poisoned) => poisoned.into_inner(),
            };
            trees[TreeName::Services as usize] = services;
            trees[TreeName::Organisations as usize] = organisations;
        }
        for tree in [TreeName::Services, TreeName::Organisations] {
            self.db
                .drop_tree(tree_name(tree, generation - 1).as_bytes())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::LocalInfo;

    fn org(id: &str) -> Organisation {
        Organisation {
            extra: Default::default(),
            id: crate::domain::ids::OrganisationId(id.into()),
            name: format!("Org {id}"),
            description: None,
            email: None,
            website: None,
            legal_status: None,
            phones: vec![],
        }
    }

    fn service(id: &str) -> Service {
        let mut s = crate::domain::fixtures::service(id, &format!("Service {id}"), vec![]);
        s.organization_id = crate::domain::ids::OrganisationId("o1".into());
        s
    }

    fn import(store: &Store, ids: &[&str]) -> ImportCounts {
        let mut im = store.begin_directory_import().unwrap();
        im.organisation(&org("o1")).unwrap();
        for id in ids {
            im.service(service(id)).unwrap();
        }
        im.finish().unwrap()
    }

    fn stored(store: &Store) -> Vec<String> {
        let mut ids: Vec<String> = store
            .all::<Service>()
            .unwrap()
            .into_iter()
            .map(|s| s.id.0)
            .collect();
        ids.sort();
        ids
    }

    fn directory_trees(store: &Store) -> Vec<String> {
        let mut names: Vec<String> = store
            .db
            .tree_names()
            .iter()
            .filter(|n| generation_of(n).is_some())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_import_replaces_adds_and_keeps_and_leaves_one_generation() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s"), "t").unwrap();
        assert_eq!(import(&store, &["a", "b"]).added, 2);
        // Our own notes on a service survive the next import of it.
        let mut a: Service = store.get(b"a").unwrap().unwrap();
        a.local = LocalInfo {
            notes: "ring Pat first".into(),
            ..LocalInfo::default()
        };
        let mut changes = store.changes();
        changes.put_quiet(&a);
        store.commit(changes).unwrap();
        let counts = import(&store, &["a", "c", "c"]);
        assert_eq!((counts.added, counts.unchanged), (1, 1), "{counts:?}");
        assert_eq!(stored(&store), ["a", "b", "c"]);
        let a: Service = store.get(b"a").unwrap().unwrap();
        assert_eq!(a.local.notes, "ring Pat first");
        assert_eq!(directory_trees(&store), ["organisations~2", "services~2"]);
        // And so after reopening.
        store.close().unwrap();
        let store = Store::open(&dir.path().join("s"), "t").unwrap();
        assert_eq!(stored(&store), ["a", "b", "c"]);
        assert_eq!(directory_trees(&store), ["organisations~2", "services~2"]);
    }

    #[test]
    fn an_import_stopped_half_way_changes_nothing_even_after_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        let store = Store::open(&path, "t").unwrap();
        import(&store, &["a"]);
        // Given up (an error in a later page): dropped, nothing changes.
        let mut im = store.begin_directory_import().unwrap();
        im.service(service("b")).unwrap();
        drop(im);
        assert_eq!(stored(&store), ["a"]);
        assert_eq!(directory_trees(&store), ["organisations~1", "services~1"]);
        // The process dies mid-import: its half-written generation is on
        // disk, never switched in, and dropped at the next open.
        let half = store
            .db
            .open_tree(tree_name(TreeName::Services, 2))
            .unwrap();
        for i in 0..2500u32 {
            half.insert(i.to_be_bytes(), b"{}".as_slice()).unwrap();
        }
        drop(half);
        store.flush().unwrap();
        assert_eq!(directory_trees(&store).len(), 3);
        store.close().unwrap();
        let store = Store::open(&path, "t").unwrap();
        assert_eq!(stored(&store), ["a"]);
        assert_eq!(directory_trees(&store), ["organisations~1", "services~1"]);
    }

    #[test]
    fn a_backup_of_a_later_generation_restores_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s"), "t").unwrap();
        import(&store, &["a"]);
        import(&store, &["b"]);
        let file = dir.path().join("b.lwbackup");
        store.write_backup(&file).unwrap();
        let bytes = std::fs::read(&file).unwrap();
        let target = dir.path().join("restored");
        crate::store::restore(&file, &bytes, &target, "t", None, false).unwrap();
        let restored = Store::open(&target, "t").unwrap();
        assert_eq!(stored(&restored), ["a", "b"]);
        assert_eq!(restored.all::<Organisation>().unwrap().len(), 1);
    }

    #[test]
    fn names_map_to_generations_and_back() {
        assert_eq!(tree_name(TreeName::Services, 0), "services");
        assert_eq!(tree_name(TreeName::Organisations, 3), "organisations~3");
        assert_eq!(generation_of(b"services"), Some(0));
        assert_eq!(generation_of(b"organisations~12"), Some(12));
        assert_eq!(generation_of(b"cases"), None);
        assert_eq!(generation_of(b"services~x"), None);
    }
}
