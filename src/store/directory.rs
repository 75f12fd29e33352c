//! Writing imported directory records.

use super::Store;
use super::audit::AuditAction;
use super::error::StoreError;
use super::tree::TreeName;
use super::{codec, keys};
use crate::domain::directory::search::{IndexEntry, SearchIndex};
use crate::domain::directory::taxonomy::Vocabulary;
use crate::domain::directory::{Organisation, Service};
use crate::domain::ids::ServiceId;
use std::collections::HashMap;

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// New services.
    pub added: usize,
    /// Services whose standard fields changed.
    pub updated: usize,
    /// Services already as imported.
    pub unchanged: usize,
    /// Records skipped (each named in a note).
    pub rejected: usize,
    /// Taxonomy terms the import gave (kept as the directory's
    /// vocabulary), and how many of them were new to it.
    pub terms: usize,
    /// See `terms`.
    pub new_terms: usize,
    /// Taxonomies the import gave.
    pub taxonomies: usize,
}

impl ImportCounts {
    /// The summary line's ending about the vocabulary ("" when the import
    /// gave no taxonomy or term).
    pub fn terms_said(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match (self.taxonomies, self.terms) {
            (0, 0) => String::new(),
            (t, n) => format!(
                " Kept {} and {} as the directory's vocabulary ({} new).",
                plural(t, "taxonomy", "taxonomies"),
                plural(n, "term", "terms"),
                plural(self.new_terms, "term", "terms")
            ),
        }
    }
}

impl Store {
    /// The directory's vocabulary: every taxonomy and term its feeds gave.
    pub fn vocabulary(&self) -> Result<Vocabulary, StoreError> {
        match self.tree(TreeName::Meta).get(keys::VOCABULARY)? {
            None => Ok(Vocabulary::default()),
            Some(bytes) => Ok(codec::decode(
                TreeName::Meta,
                keys::VOCABULARY,
                &bytes,
                self.cipher(),
            )?),
        }
    }

    /// Adds writing `vocabulary` as the directory's vocabulary to
    /// `changes` (it replaces the one stored).
    pub fn stage_vocabulary(
        &self,
        changes: &mut super::ChangeSet,
        vocabulary: &Vocabulary,
    ) -> Result<(), StoreError> {
        changes.raw(
            TreeName::Meta,
            keys::VOCABULARY,
            codec::encode(TreeName::Meta, keys::VOCABULARY, vocabulary, self.cipher())?,
        );
        Ok(())
    }

    /// The directory's search index: from the cache when there is a
    /// usable one, else built from the records (each decoded once and
    /// dropped, so only the compact entries stay in memory), writing the
    /// cache for next time.
    pub fn directory_index(&self) -> Result<SearchIndex, StoreError> {
        if !self.is_encrypted()
            && let Some(index) = super::directory_cache::read(&self.dir)
        {
            return Ok(index);
        }
        let index = SearchIndex::from_entries(self.directory_entries_from_records()?);
        if !self.is_encrypted() {
            // A cache that cannot be written only costs speed next time.
            let _ = super::directory_cache::write(&self.dir, &index);
        }
        Ok(index)
    }

    /// The search index entries, read from the records.
    pub fn directory_entries_from_records(&self) -> Result<Vec<IndexEntry>, StoreError> {
        let organisations: HashMap<String, String> = self
            .all::<Organisation>()?
            .into_iter()
            .map(|o| (o.id.0, o.name))
            .collect();
        let tree = self.tree(super::TreeName::Services);
        let mut entries = Vec::with_capacity(tree.len());
        for item in tree.iter() {
            let (key, bytes) = item?;
            let service: Service =
                super::codec::decode(super::TreeName::Services, &key, &bytes, self.cipher())?;
            let org = organisations
                .get(&service.organization_id.0)
                .map_or("", String::as_str);
            entries.push(IndexEntry::of(&service, org));
        }
        Ok(entries)
    }

    /// One service and its organisation, for the detail pane.
    pub fn service_detail(
        &self,
        id: &ServiceId,
    ) -> Result<Option<(Service, Option<Organisation>)>, StoreError> {
        let Some(service) = self.get::<Service>(id.0.as_bytes())? else {
            return Ok(None);
        };
        let org = self.get::<Organisation>(service.organization_id.0.as_bytes())?;
        Ok(Some((service, org)))
    }

    /// Saves a service a worker added or changed (and a new organisation
    /// with it), audited as `action`, in one commit.
    pub fn save_service(
        &self,
        service: &Service,
        new_organisation: Option<&Organisation>,
        action: AuditAction,
    ) -> Result<(), StoreError> {
        let mut changes = self.changes();
        if let Some(org) = new_organisation {
            changes.put(org, AuditAction::Created);
        }
        changes.put(service, action);
        // In a team, what a member writes by hand reaches everyone.
        let org = match new_organisation {
            Some(o) => Some(o.clone()),
            None => self.get::<Organisation>(service.organization_id.0.as_bytes())?,
        };
        changes.share_directory(super::shared::SharedRecord::Service(Box::new(
            service.clone(),
        )));
        if let Some(org) = org {
            changes.share_directory(super::shared::SharedRecord::Organisation(org));
        }
        self.commit(changes)
    }

    /// Saves a service under the organisation named `organisation` (an
    /// existing one, matched without regard to case or accents, or a new
    /// one), audited as `action`; returns its new search entry.
    pub fn save_service_named(
        &self,
        service: &Service,
        organisation: &str,
        action: AuditAction,
    ) -> Result<IndexEntry, StoreError> {
        let mut service = service.clone();
        let (org, new) = match self.organisation_named(organisation)? {
            Some(org) => (org, false),
            None => {
                let n = self.allocate_ids(1)?.start;
                let org = Organisation {
                    extra: Default::default(),
                    id: crate::domain::ids::OrganisationId(format!("local-org-{n}")),
                    name: organisation.trim().to_owned(),
                    description: None,
                    email: None,
                    website: None,
                    legal_status: None,
                    phones: vec![],
                };
                (org, true)
            }
        };
        service.organization_id = org.id.clone();
        self.save_service(&service, new.then_some(&org), action)?;
        Ok(IndexEntry::of(&service, &org.name))
    }

    /// A fresh id for a service added by hand.
    pub fn new_service_id(&self) -> Result<ServiceId, StoreError> {
        Ok(ServiceId(format!(
            "local-svc-{}",
            self.allocate_ids(1)?.start
        )))
    }

    /// The organisation with this name (case-insensitive), if any.
    pub fn organisation_named(&self, name: &str) -> Result<Option<Organisation>, StoreError> {
        let wanted = crate::domain::text::fold(name.trim());
        Ok(self
            .all::<Organisation>()?
            .into_iter()
            .find(|o| crate::domain::text::fold(&o.name) == wanted))
    }
}
