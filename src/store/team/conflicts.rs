//! "Needs a look": changes the server refused because they were made on a
//! stale view of their case (two devices offline, a race). Never lost,
//! never merged silently: the worker applies one again on top of the newer
//! state, or drops it with a reason (kept, sealed, with the change).

use super::super::audit::{AuditAction, Entity};
use super::super::error::StoreError;
use super::super::shared::{LocalChange, SharedRecord};
use super::super::{Store, TreeName, codec, keys};
use super::outbox::Outgoing;
use super::{PENDING, key};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

const CONFLICT: &[u8] = b"conf";
/// A refused change once decided (kept apart, so what waits is counted
/// without reading it).
const DECIDED: &[u8] = b"cdone";
const OUT: &[u8] = b"out";

/// A change the server refused as stale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Its place in the list.
    #[serde(skip)]
    pub seq: u64,
    /// The change as it was made here.
    pub change: LocalChange,
    /// Why it was refused.
    pub why: String,
    /// When.
    pub refused_at: DateTime<Utc>,
    /// Once decided: how ("applied again", or dropped and why).
    #[serde(default)]
    pub decided: Option<String>,
}

/// One difference between the refused version and the store's now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictLine {
    /// Which record ("contact", "case"...).
    pub record: &'static str,
    /// Which field.
    pub field: String,
    /// The refused change's value.
    pub refused: String,
    /// The value the store holds now (the newer state).
    pub now: String,
}

impl Store {
    /// Moves an outgoing change the server refused into "Needs a look",
    /// with every later change of this device to the same case (made on
    /// top of it, so stale too), and undoes them here, newest first, where
    /// nobody else has changed a record since: the store then holds what
    /// the team holds, and the refused versions wait for a decision.
    pub fn refused(&self, out: &Outgoing, why: &str) -> Result<(), StoreError> {
        let mut stale: Vec<(u64, LocalChange)> = Vec::new();
        for item in self.tree(TreeName::Team).scan_prefix(OUT) {
            let (k, v) = item?;
            let seq = keys::read_u64(&k[OUT.len()..]).unwrap_or_default();
            if seq < out.seq {
                continue;
            }
            let change: LocalChange = codec::decode(TreeName::Team, &k, &v, self.cipher())?;
            if change.case == out.local_case {
                stale.push((seq, change));
            }
        }
        if stale.is_empty() {
            return Ok(());
        }
        let mut changes = self.changes_unshared("team");
        let mut undone: Vec<(SharedRecord, Option<SharedRecord>)> = Vec::new();
        for (_, change) in stale.iter().rev() {
            for (record, before) in change.records.iter().zip(&change.before).rev() {
                undone.push((record.clone(), before.clone()));
            }
        }
        // Undo only where the record is still this device's version (a
        // later undo sees the earlier one's result).
        let mut now: Vec<(SharedRecord, Option<SharedRecord>)> = Vec::new();
        for (mine, before) in undone {
            let current = match now.iter().rev().find(|(r, _)| same_place(r, &mine)) {
                Some((_, v)) => v.clone(),
                None => mine.stored(self)?,
            };
            if current.as_ref() == Some(&mine)
                || (current.is_none() && matches!(mine, SharedRecord::RemovedConnection(_)))
            {
                write_back(&mut changes, &mine, before.as_ref());
                now.push((mine, before));
            }
        }
        for (seq, change) in stale {
            let k = key(CONFLICT, &keys::id(seq));
            let conflict = Conflict {
                seq,
                why: why.to_owned(),
                refused_at: Utc::now(),
                decided: None,
                change,
            };
            let value = codec::encode(TreeName::Team, &k, &conflict, self.cipher())?;
            changes.raw(TreeName::Team, &k, value);
            changes.remove_raw(TreeName::Team, &key(OUT, &keys::id(seq)));
            changes.remove_raw(
                TreeName::TeamIndex,
                &key(PENDING, conflict.change.change_id.as_bytes()),
            );
            changes.audit_for_case(Entity::Case, out.local_case, AuditAction::TeamChangeRefused);
        }
        self.commit(changes)
    }

    /// Every refused change, oldest first (decided ones too, when `all`).
    pub fn conflicts(&self, all: bool) -> Result<Vec<Conflict>, StoreError> {
        let mut out = Vec::new();
        let prefixes: &[&[u8]] = if all {
            &[CONFLICT, DECIDED]
        } else {
            &[CONFLICT]
        };
        for prefix in prefixes {
            for item in self.tree(TreeName::Team).scan_prefix(prefix) {
                let (k, v) = item?;
                let mut c: Conflict = codec::decode(TreeName::Team, &k, &v, self.cipher())?;
                c.seq = keys::read_u64(&k[prefix.len()..]).unwrap_or_default();
                out.push(c);
            }
        }
        out.sort_by_key(|c| c.seq);
        Ok(out)
    }

    /// How many refused changes wait for a decision.
    pub fn conflict_count(&self) -> usize {
        self.tree(TreeName::Team).scan_prefix(CONFLICT).count()
    }

    /// The fields where a refused change differs from what the store holds now.
    pub fn conflict_lines(&self, conflict: &Conflict) -> Result<Vec<ConflictLine>, StoreError> {
        let mut lines = Vec::new();
        for record in &conflict.change.records {
            let now = record
                .stored(self)?
                .map_or(Value::Null, |now| record_value(&now));
            let refused = record_value(record);
            let mut diffs = Vec::new();
            differences("", &refused, &now, &mut diffs);
            for (field, a, b) in diffs {
                lines.push(ConflictLine {
                    record: record.label(),
                    field,
                    refused: a,
                    now: b,
                });
            }
        }
        Ok(lines)
    }

    /// Applies a refused change again on top of the newer state: its
    /// records are saved as a new change (published in turn).
    pub fn apply_conflict_again(&self, seq: u64) -> Result<(), StoreError> {
        let mut conflict = self.conflict(seq)?;
        let mut changes = self.changes();
        let befores = conflict
            .change
            .before
            .iter()
            .map(Some)
            .chain(std::iter::repeat(None));
        for (mine, before) in conflict.change.records.iter().zip(befores) {
            // Only what this change changed, put on the record as it is now.
            let now = mine.stored(self)?;
            match (before.and_then(Option::as_ref), now) {
                (Some(before), Some(now)) => rebase(before, mine, &now).write(&mut changes),
                _ => mine.write(&mut changes),
            }
        }
        changes.audit_for_case(
            Entity::Case,
            conflict.change.case,
            AuditAction::TeamChangeAppliedAgain,
        );
        conflict.decided = Some("applied again".into());
        self.put_conflict(&mut changes, &conflict)?;
        self.commit(changes)
    }

    /// Drops a refused change, keeping it with the reason.
    pub fn drop_conflict(&self, seq: u64, reason: &str) -> Result<(), StoreError> {
        let mut conflict = self.conflict(seq)?;
        conflict.decided = Some(format!("dropped: {reason}"));
        let mut changes = self.changes_unshared(&self.worker);
        changes.audit_for_case(
            Entity::Case,
            conflict.change.case,
            AuditAction::TeamChangeDropped,
        );
        self.put_conflict(&mut changes, &conflict)?;
        self.commit(changes)
    }

    fn conflict(&self, seq: u64) -> Result<Conflict, StoreError> {
        self.conflicts(true)?
            .into_iter()
            .find(|c| c.seq == seq)
            .ok_or_else(|| StoreError::Inconsistent(format!("no refused change {seq}")))
    }

    /// Keeps a decided refused change apart from those still waiting.
    fn put_conflict(
        &self,
        changes: &mut super::super::ChangeSet,
        conflict: &Conflict,
    ) -> Result<(), StoreError> {
        let waiting = key(CONFLICT, &keys::id(conflict.seq));
        let k = key(DECIDED, &keys::id(conflict.seq));
        let value = codec::encode(TreeName::Team, &k, conflict, self.cipher())?;
        changes.remove_raw(TreeName::Team, &waiting);
        changes.raw(TreeName::Team, &k, value);
        Ok(())
    }
}

/// Whether two records are written to the same place.
fn same_place(a: &SharedRecord, b: &SharedRecord) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
        && a.own_id() == b.own_id()
        && a.case() == b.case()
}

/// Puts `before` back where `mine` was written (removes it when it was new).
fn write_back(
    changes: &mut super::super::ChangeSet,
    mine: &SharedRecord,
    before: Option<&SharedRecord>,
) {
    match before {
        Some(SharedRecord::RemovedConnection(r)) => {
            SharedRecord::Connection(r.clone()).write(changes)
        }
        Some(b) => b.write(changes),
        None => mine.remove(changes),
    }
}

/// `now` with the fields `mine` changed from `before` set as in `mine`
/// (field by field; a list is one field): a refused change applied again on
/// top of the newer state, keeping what others changed meanwhile.
fn rebase(before: &SharedRecord, mine: &SharedRecord, now: &SharedRecord) -> SharedRecord {
    fn patch(before: &Value, mine: &Value, now: &mut Value) {
        match (before, mine, now) {
            (Value::Object(b), Value::Object(m), Value::Object(n)) => {
                for (k, mv) in m {
                    let bv = b.get(k).unwrap_or(&Value::Null);
                    if bv == mv {
                        continue;
                    }
                    match n.get_mut(k) {
                        Some(nv) => patch(bv, mv, nv),
                        None => {
                            n.insert(k.clone(), mv.clone());
                        }
                    }
                }
            }
            (b, m, n) if b != m => *n = m.clone(),
            _ => {}
        }
    }
    let whole = |r: &SharedRecord| serde_json::to_value(r).unwrap_or(Value::Null);
    let mut result = whole(now);
    patch(&whole(before), &whole(mine), &mut result);
    serde_json::from_value(result).unwrap_or_else(|_| mine.clone())
}

fn record_value(record: &SharedRecord) -> Value {
    let v = serde_json::to_value(record).unwrap_or(Value::Null);
    v.get("record").cloned().unwrap_or(Value::Null)
}

/// Leaf fields that differ between `a` and `b`, as (path, a, b).
fn differences(path: &str, a: &Value, b: &Value, out: &mut Vec<(String, String, String)>) {
    if a == b {
        return;
    }
    const NOTHING: &Value = &Value::Null;
    match (a, b) {
        // A record on one side only: each of its fields, against nothing.
        (Value::Object(x), Value::Null) => {
            for (n, v) in x {
                differences(&join(path, n), v, NOTHING, out);
            }
        }
        (Value::Null, Value::Object(y)) => {
            for (n, v) in y {
                differences(&join(path, n), NOTHING, v, out);
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let mut names: Vec<&String> = x.keys().chain(y.keys()).collect();
            names.sort();
            names.dedup();
            for n in names {
                let p = if path.is_empty() {
                    n.clone()
                } else {
                    format!("{path}.{n}")
                };
                differences(
                    &p,
                    x.get(n).unwrap_or(&Value::Null),
                    y.get(n).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        // Ids are the store's own numbers: nothing to decide about.
        _ if path == "id" || path.ends_with("_id") => {}
        _ => out.push((path.to_owned(), short(a), short(b))),
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn short(v: &Value) -> String {
    let text = match v {
        Value::Null => "(none)".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    crate::domain::text::clean(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applying_again_keeps_what_others_changed_meanwhile() {
        let d = crate::demo::generate(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), 1);
        let before = d.cases[0].clone();
        let mut mine = before.clone();
        mine.safeguarding_note = Some("mine".into());
        let mut now = before.clone();
        now.worker = "Bo Quinn".into();
        let SharedRecord::Case(result) = rebase(
            &SharedRecord::Case(before),
            &SharedRecord::Case(mine),
            &SharedRecord::Case(now),
        ) else {
            unreachable!()
        };
        assert_eq!(result.safeguarding_note.as_deref(), Some("mine"));
        assert_eq!(result.worker, "Bo Quinn");
    }

    #[test]
    fn a_record_on_one_side_is_listed_field_by_field() {
        let a = serde_json::json!({"id": 4, "case_id": 2, "notes": "phoned", "minutes": 45});
        let mut out = Vec::new();
        differences("", &a, &Value::Null, &mut out);
        assert_eq!(
            out,
            vec![
                ("minutes".into(), "45".into(), "(none)".into()),
                ("notes".into(), "phoned".into(), "(none)".into())
            ]
        );
    }

    #[test]
    fn differences_name_the_leaf_fields() {
        let a =
            serde_json::json!({"notes": "went well", "minutes": 20, "reach": {"kind": "person"}});
        let b =
            serde_json::json!({"notes": "went well", "minutes": 45, "reach": {"kind": "carer"}});
        let mut out = Vec::new();
        differences("", &a, &b, &mut out);
        assert_eq!(
            out,
            vec![
                ("minutes".into(), "20".into(), "45".into()),
                ("reach.kind".into(), "person".into(), "carer".into())
            ]
        );
    }
}
