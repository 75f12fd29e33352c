//! A change set: the writes and audit entries of one user action, applied
//! together or not at all by [`super::Store::commit`].

use super::audit::{AuditAction, AuditEntry, Entity};
use super::codec;
use super::crypto::Cipher;
use super::error::StoreError;
use super::keys;
use super::record::Record;
use super::shared::SharedRecord;
use super::tree::TreeName;
use chrono::Utc;
use std::ops::Range;
use std::sync::Arc;

/// The records a change set shares, with the case each was written for.
pub(crate) type SharedRecords = Vec<(Option<u64>, SharedRecord)>;
/// A change set's audit entries, by kind, case and action.
pub(crate) type SharedAudit = Vec<(Entity, Option<u64>, AuditAction)>;

/// One encoded write (`value: None` removes the key).
pub(crate) struct Op {
    pub tree: TreeName,
    pub key: Vec<u8>,
    pub value: Option<Vec<u8>>,
}

/// The writes of one user action.
pub struct ChangeSet {
    worker: String,
    cipher: Option<Arc<Cipher>>,
    ops: Vec<Op>,
    audit: Vec<(Entity, String, Option<u64>, AuditAction)>,
    error: Option<StoreError>,
    /// The records written, as shared with a team (only when the store is
    /// in one): with the case each was written for, when said.
    shared: Option<SharedRecords>,
}

impl ChangeSet {
    pub(crate) fn new(worker: &str, cipher: Option<Arc<Cipher>>) -> Self {
        Self {
            worker: worker.to_owned(),
            cipher,
            ops: Vec::new(),
            audit: Vec::new(),
            error: None,
            shared: None,
        }
    }

    /// A change set whose records are also shared with the store's team.
    pub(crate) fn shared_with_team(mut self) -> Self {
        self.shared = Some(Vec::new());
        self
    }

    /// What the set shares with the team, and its audit entries' cases
    /// and actions, taken out of the set.
    pub(crate) fn take_shared(&mut self) -> Option<(SharedRecords, SharedAudit)> {
        let shared = self.shared.take()?;
        if shared.is_empty() {
            return None;
        }
        let audit = self
            .audit
            .iter()
            .map(|(entity, _, case, action)| (*entity, *case, action.clone()))
            .collect();
        Some((shared, audit))
    }

    /// Writes a record and audits the write as `action`.
    pub fn put<R: Record>(&mut self, record: &R, action: AuditAction) -> &mut Self {
        self.put_quiet(record);
        self.audit
            .push((R::ENTITY, record.audit_id(), record.case_id(), action));
        self
    }

    /// Writes a record and audits the write as made within `case` (for
    /// records, such as a person, that do not belong to one case).
    pub fn put_in_case<R: Record>(
        &mut self,
        record: &R,
        action: AuditAction,
        case: u64,
    ) -> &mut Self {
        self.put(record, action);
        if let Some(last) = self.audit.last_mut() {
            last.2 = Some(case);
        }
        if let Some(last) = self.shared.as_mut().and_then(|s| s.last_mut()) {
            last.0 = Some(case);
        }
        self
    }

    /// Writes a record without an audit entry of its own (bulk imports
    /// of non-personal data, audited once as a whole).
    pub fn put_quiet<R: Record>(&mut self, record: &R) -> &mut Self {
        if let Some(shared) = self.shared.as_mut()
            && let Some(r) = record.shared()
        {
            shared.push((None, r));
        }
        let key = record.key();
        match codec::encode(R::TREE, &key, record, self.cipher.as_deref()) {
            Ok(value) => self.ops.push(Op {
                tree: R::TREE,
                key,
                value: Some(value),
            }),
            Err(e) => {
                self.error.get_or_insert(e.into());
            }
        }
        self
    }

    /// Removes a record and audits the removal.
    pub fn delete<R: Record>(&mut self, record: &R) -> &mut Self {
        self.delete_quiet(record);
        self.audit.push((
            R::ENTITY,
            record.audit_id(),
            record.case_id(),
            AuditAction::Deleted,
        ));
        self
    }

    /// Shares a directory record a member wrote by hand with the team
    /// (imports are not shared: each member pulls the feeds).
    pub(crate) fn share_directory(&mut self, record: SharedRecord) -> &mut Self {
        if let Some(shared) = self.shared.as_mut() {
            shared.push((None, record));
        }
        self
    }

    /// Removes a record without an audit entry of its own.
    pub fn delete_quiet<R: Record>(&mut self, record: &R) -> &mut Self {
        if let Some(shared) = self.shared.as_mut()
            && let Some(SharedRecord::Connection(c)) = record.shared()
        {
            shared.push((None, SharedRecord::RemovedConnection(c)));
        }
        self.ops.push(Op {
            tree: R::TREE,
            key: record.key(),
            value: None,
        });
        self
    }

    /// Adds an audit entry about a kind of record within a case.
    pub fn audit_for_case(&mut self, entity: Entity, case: u64, action: AuditAction) -> &mut Self {
        self.audit
            .push((entity, case.to_string(), Some(case), action));
        self
    }

    /// Adds an audit entry with no record write (e.g. "store created").
    pub fn note(&mut self, entity: Entity, id: &str, action: AuditAction) -> &mut Self {
        self.audit.push((entity, id.to_owned(), None, action));
        self
    }

    /// Adds an audit entry about one case with no record write (e.g. "the
    /// person's copy of the plan exported"); it shows in the case's history.
    pub fn note_for_case(&mut self, case: u64, action: AuditAction) -> &mut Self {
        self.audit
            .push((Entity::Case, case.to_string(), Some(case), action));
        self
    }

    /// The cipher values are sealed with, if the store is encrypted.
    pub(crate) fn cipher(&self) -> Option<&Cipher> {
        self.cipher.as_deref()
    }

    /// Writes raw bytes to a tree (migrations and meta values).
    pub(crate) fn raw(&mut self, tree: TreeName, key: &[u8], value: Vec<u8>) -> &mut Self {
        self.ops.push(Op {
            tree,
            key: key.to_vec(),
            value: Some(value),
        });
        self
    }

    /// Removes a raw key from a tree.
    pub(crate) fn remove_raw(&mut self, tree: TreeName, key: &[u8]) -> &mut Self {
        self.ops.push(Op {
            tree,
            key: key.to_vec(),
            value: None,
        });
        self
    }

    /// Adds already encoded operations.
    pub(crate) fn extend_ops(&mut self, ops: Vec<Op>) -> &mut Self {
        self.ops.extend(ops);
        self
    }

    /// Whether nothing would be written.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty() && self.audit.is_empty()
    }

    /// How many record writes the set holds.
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// Whether the set only notes that something left linkwork (an
    /// export), writing no record.
    pub(crate) fn only_notes_exports(&self) -> bool {
        self.ops.is_empty()
            && self
                .audit
                .iter()
                .all(|(.., action)| matches!(action, AuditAction::Exported { .. }))
    }

    pub(crate) fn audit_len(&self) -> usize {
        self.audit.len()
    }

    /// Turns the set into encoded operations, numbering the audit entries
    /// with `audit_ids`.
    pub(crate) fn into_ops(self, audit_ids: Range<u64>) -> Result<Vec<Op>, StoreError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let at = Utc::now();
        let mut ops = self.ops;
        for ((entity, id, case, action), seq) in self.audit.into_iter().zip(audit_ids) {
            let key = keys::id(seq);
            let entry = AuditEntry {
                at,
                worker: self.worker.clone(),
                entity,
                id,
                case,
                action,
            };
            let value = codec::encode(TreeName::Audit, &key, &entry, self.cipher.as_deref())?;
            if let Some(case) = entry.case {
                ops.push(Op {
                    tree: TreeName::AuditByCase,
                    key: keys::child(case, seq).to_vec(),
                    value: Some(Vec::new()),
                });
            }
            ops.push(Op {
                tree: TreeName::Audit,
                key: key.to_vec(),
                value: Some(value),
            });
        }
        Ok(ops)
    }
}
