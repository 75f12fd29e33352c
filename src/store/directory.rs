//! Writing imported directory records.

use super::Store;
use super::audit::{AuditAction, Entity};
use super::error::StoreError;
use crate::domain::directory::{Organisation, Service};

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// New services.
    pub added: usize,
    /// Services whose standard fields changed.
    pub updated: usize,
    /// Services already as imported.
    pub unchanged: usize,
    /// Services refused (always 0: any refusal stops the whole import).
    pub rejected: usize,
}

impl Store {
    /// Whether the directory holds this organisation.
    pub fn has_organisation(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .tree(super::TreeName::Organisations)
            .contains_key(id.as_bytes())?)
    }

    /// Upserts services and organisations by id in one commit. Our own
    /// local fields (notes, categories, verification, quality checks) are
    /// kept from the stored record. One audit entry records the import.
    pub fn import_directory(
        &self,
        services: Vec<Service>,
        organisations: Vec<Organisation>,
    ) -> Result<ImportCounts, StoreError> {
        let mut counts = ImportCounts::default();
        let mut changes = self.changes();
        for org in &organisations {
            if self.get::<Organisation>(org.id.0.as_bytes())?.as_ref() != Some(org) {
                changes.put_quiet(org);
            }
        }
        for mut service in services {
            match self.get::<Service>(service.id.0.as_bytes())? {
                None => {
                    counts.added += 1;
                    changes.put_quiet(&service);
                }
                Some(old) => {
                    service.local = old.local.clone();
                    if old == service {
                        counts.unchanged += 1;
                    } else {
                        counts.updated += 1;
                        changes.put_quiet(&service);
                    }
                }
            }
        }
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
        self.commit(changes)?;
        Ok(counts)
    }
}
