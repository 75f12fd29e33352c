//! The outbox: every change to a case, put here in the same transaction
//! that saves it, published in order by the sync worker.

use super::super::audit::{AuditAction, Entity};
use super::super::changes::Op;
use super::super::error::StoreError;
use super::super::shared::{LocalChange, SharedRecord};
use super::super::{Store, TreeName, codec, keys, migrate};
use super::{CASE_SEQUENCE, CHANGE_SEEN, GlobalId, OWNER, PENDING, key};
use crate::domain::case::Case;
use crate::domain::ids::CaseId;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const OUT: &[u8] = b"out";
const NEXT_OUT: &[u8] = b"team_outbox_next";

/// A change waiting in the outbox, in the form it is published: the
/// records' ids are placeholders, `ids[n]` being the team's id for
/// placeholder `n`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outgoing {
    /// Its place in the outbox.
    #[serde(skip)]
    pub seq: u64,
    /// The change's own id.
    pub change_id: String,
    /// When it was saved.
    pub made_at: chrono::DateTime<Utc>,
    /// The case, as the team knows it.
    pub case: GlobalId,
    /// The case as this store knows it (0: a directory change).
    #[serde(skip)]
    pub local_case: u64,
    /// For a change to the team's directory: the service's id.
    #[serde(default)]
    pub service: Option<String>,
    /// The case's sequence the change was made on (see `LocalChange`).
    #[serde(skip)]
    pub based_on: u64,
    /// The records, ids as placeholders.
    pub records: Vec<SharedRecord>,
    /// The team's ids of the placeholders.
    pub ids: Vec<GlobalId>,
    /// What the audit trail said of it.
    pub audit: Vec<(Entity, AuditAction)>,
}

/// A fresh random change id (32 hex digits).
pub(crate) fn new_change_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        bytes = fastrand::u128(..).to_be_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// The outbox operations for what a change set shared: one change per
    /// case it touched, refused whole when any of those cases is held by
    /// another member.
    pub(crate) fn outbox_ops(
        &self,
        shared: Vec<(Option<u64>, SharedRecord)>,
        audit: Vec<(Entity, Option<u64>, AuditAction)>,
    ) -> Result<Vec<Op>, StoreError> {
        let mut by_case: BTreeMap<u64, LocalChange> = BTreeMap::new();
        let mut homeless = Vec::new();
        let mut directory: Vec<LocalChange> = Vec::new();
        let made_at = Utc::now();
        let change_for = |case: u64| LocalChange {
            change_id: new_change_id(),
            made_at,
            case,
            service: None,
            records: Vec::new(),
            audit: Vec::new(),
            based_on: 0,
            before: Vec::new(),
        };
        for (case, record) in shared {
            match case.or_else(|| record.case()) {
                Some(c) => by_case
                    .entry(c)
                    .or_insert_with(|| change_for(c))
                    .records
                    .push(record),
                None => homeless.push(record),
            }
        }
        // A person's record goes with each of their cases written in the
        // same set, or, written alone, with each of their cases.
        for record in homeless {
            // A service written by hand, with its organisation: a change of
            // the team's directory of its own.
            if let SharedRecord::Service(service) = &record {
                let mut change = change_for(0);
                change.service = Some(service.id.0.clone());
                change.records.push(record.clone());
                directory.push(change);
                continue;
            }
            if let SharedRecord::Organisation(org) = &record {
                for change in directory.iter_mut().filter(|c| {
                    c.records.iter().any(
                        |r| matches!(r, SharedRecord::Service(s) if s.organization_id == org.id),
                    )
                }) {
                    change.records.push(record.clone());
                }
                continue;
            }
            let SharedRecord::Person(person) = &record else {
                continue;
            };
            let of_person = |c: &LocalChange| {
                c.records
                    .iter()
                    .any(|r| matches!(r, SharedRecord::Case(k) if k.person_id == person.id))
            };
            let mut cases: Vec<u64> = by_case
                .iter()
                .filter(|(_, c)| of_person(c))
                .map(|(k, _)| *k)
                .collect();
            if cases.is_empty() {
                cases = self
                    .all::<Case>()?
                    .into_iter()
                    .filter(|c| c.person_id == person.id)
                    .map(|c| c.id.0)
                    .collect();
            }
            for c in cases {
                by_case
                    .entry(c)
                    .or_insert_with(|| change_for(c))
                    .records
                    .push(record.clone());
            }
        }
        for (entity, case, action) in audit {
            if let Some(change) = case.and_then(|c| by_case.get_mut(&c)) {
                change.audit.push((entity, action));
            } else if entity == Entity::Service {
                for change in &mut directory {
                    change.audit.push((entity, action.clone()));
                }
            }
        }
        let mut ops = Vec::new();
        for change in directory {
            self.outbox_entry(&change, &mut ops)?;
        }
        for (case, mut change) in by_case {
            change.based_on = self.case_sequence(case)?;
            change.before = change
                .records
                .iter()
                .map(|r| r.stored(self))
                .collect::<Result<_, _>>()?;
            if let Err(owner) = self.may_change_case(case)? {
                return Err(StoreError::NotYourCase {
                    case,
                    owner: owner.name,
                });
            }
            self.outbox_entry(&change, &mut ops)?;
        }
        Ok(ops)
    }

    /// The operations that put `change` in the outbox.
    fn outbox_entry(&self, change: &LocalChange, ops: &mut Vec<Op>) -> Result<(), StoreError> {
        let seq = migrate::allocate(self, NEXT_OUT, 1)?.start;
        let k = key(OUT, &keys::id(seq));
        let value = codec::encode(TreeName::Team, &k, change, self.cipher())?;
        ops.push(Op {
            tree: TreeName::Team,
            key: k,
            value: Some(value),
        });
        ops.push(Op {
            tree: TreeName::TeamIndex,
            key: key(PENDING, change.change_id.as_bytes()),
            value: Some(keys::id(seq).to_vec()),
        });
        Ok(())
    }

    /// How many changes wait to be published.
    pub fn outbox_len(&self) -> usize {
        self.tree(TreeName::Team).scan_prefix(OUT).count()
    }

    /// The first `limit` changes waiting, oldest first, in their published form.
    pub fn outgoing(&self, limit: usize) -> Result<Vec<Outgoing>, StoreError> {
        let mut out = Vec::new();
        for item in self.tree(TreeName::Team).scan_prefix(OUT).take(limit) {
            let (k, v) = item?;
            let seq = keys::read_u64(&k[OUT.len()..]).unwrap_or_default();
            let change: LocalChange = codec::decode(TreeName::Team, &k, &v, self.cipher())?;
            out.push(self.as_outgoing(seq, change)?);
        }
        Ok(out)
    }

    /// The outgoing change at `seq` in the outbox, if it is still there.
    pub(crate) fn outgoing_at(&self, seq: u64) -> Result<Option<Outgoing>, StoreError> {
        let k = key(OUT, &keys::id(seq));
        match self.tree(TreeName::Team).get(&k)? {
            Some(v) => {
                let change: LocalChange = codec::decode(TreeName::Team, &k, &v, self.cipher())?;
                Ok(Some(self.as_outgoing(seq, change)?))
            }
            None => Ok(None),
        }
    }

    /// A change as published: its ids replaced by placeholders for the
    /// team's ids.
    pub fn as_outgoing(&self, seq: u64, change: LocalChange) -> Result<Outgoing, StoreError> {
        let mut ids: Vec<GlobalId> = Vec::new();
        let mut locals: Vec<u64> = Vec::new();
        let mut records = change.records;
        for record in &mut records {
            record.map_ids(&mut |local| {
                if let Some(n) = locals.iter().position(|&l| l == local) {
                    return Ok::<u64, StoreError>(n as u64);
                }
                locals.push(local);
                ids.push(self.global_id(local)?);
                Ok((ids.len() - 1) as u64)
            })?;
        }
        Ok(Outgoing {
            seq,
            change_id: change.change_id,
            made_at: change.made_at,
            case: self.global_id(change.case)?,
            local_case: change.case,
            service: change.service,
            based_on: change.based_on,
            records,
            ids,
            audit: change.audit,
        })
    }

    /// The sequence the server must find as the case's last for `out` to
    /// stand: the case's newest, when every change since the one it was
    /// made on was this device's own; otherwise the one it was made on
    /// (stale: the server refuses it).
    pub fn expected_sequence(&self, out: &Outgoing) -> Result<u64, StoreError> {
        if self.foreign_sequence(out.local_case)? <= out.based_on {
            self.case_sequence(out.local_case)
        } else {
            Ok(out.based_on)
        }
    }

    /// Notes that an outgoing change is on the server at `stream_seq`.
    pub fn published(&self, out: &Outgoing, stream_seq: u64) -> Result<(), StoreError> {
        let me = self.team_identity();
        let mut changes = self.changes_unshared("team");
        changes.remove_raw(TreeName::Team, &key(OUT, &keys::id(out.seq)));
        changes.remove_raw(TreeName::TeamIndex, &key(PENDING, out.change_id.as_bytes()));
        changes.raw(
            TreeName::TeamIndex,
            &key(CHANGE_SEEN, out.change_id.as_bytes()),
            stream_seq.to_be_bytes().to_vec(),
        );
        if out.service.is_some() {
            return self.commit_deferred(changes);
        }
        let case_key = key(CASE_SEQUENCE, &keys::id(out.local_case));
        if self.case_sequence(out.local_case)? < stream_seq {
            changes.raw(
                TreeName::TeamIndex,
                &case_key,
                stream_seq.to_be_bytes().to_vec(),
            );
        }
        if self.case_owner(out.local_case)?.is_none()
            && let Some(me) = me
        {
            changes.raw(
                TreeName::TeamIndex,
                &key(OWNER, &keys::id(out.local_case)),
                format!("{}\n{}", me.member, me.name).into_bytes(),
            );
        }
        self.commit_deferred(changes)
    }

    /// Puts every case this store holds in the outbox, whole (joining a
    /// team publishes a store's own cases). Returns how many.
    pub fn share_everything(&self) -> Result<usize, StoreError> {
        let cases = self.all::<Case>()?;
        for case in &cases {
            let file = self.case_file(CaseId(case.id.0))?;
            let mut changes = self.changes();
            changes.put_quiet(&file.person);
            changes.put_quiet(&file.case);
            for c in &file.contacts {
                changes.put_quiet(c);
            }
            for c in &file.conversations {
                changes.put_quiet(c);
            }
            if let Some(p) = &file.plan {
                changes.put_quiet(p);
            }
            for c in &file.connections {
                changes.put_quiet(c);
            }
            for m in &file.measures {
                changes.put_quiet(m);
            }
            changes.note_for_case(case.id.0, AuditAction::SharedWithTeam);
            self.commit(changes)?;
        }
        Ok(cases.len())
    }
}
