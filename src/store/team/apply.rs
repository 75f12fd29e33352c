//! Applying a change that arrived from the team: its ids mapped to this
//! store's, checked against the case's owner, written with its audit
//! entries and the new cursor in one commit. Applying the same change
//! twice writes it once.

use super::super::audit::AuditAction;
use super::super::error::StoreError;
use super::super::shared::SharedRecord;
use super::super::{Store, TreeName, keys, migrate};
use super::outbox::Outgoing;
use super::{
    CASE_SEQUENCE, CHANGE_SEEN, CURSOR, FOREIGN, GLOBAL_TO_LOCAL, LOCAL_TO_GLOBAL, OWNER, PENDING,
    global_bytes, key,
};
use crate::domain::case::Case;

/// A change that arrived from the server.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// Its sequence in the team's stream.
    pub stream_seq: u64,
    /// The member who published it (from the subject, which the server
    /// only lets that member publish on).
    pub author: String,
    /// The author's name, as the roster has it.
    pub author_name: String,
    /// The change, opened.
    pub change: Outgoing,
}

/// What applying an incoming change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// Written to this store.
    Applied {
        /// The case as this store knows it.
        case: u64,
    },
    /// This store had it already (a replay).
    AlreadyHad,
    /// It was this device's own change, published before an interruption
    /// let it note so; now noted.
    OwnArrived,
    /// A change to the team's directory, written.
    Directory,
    /// Not written: it came from someone who may not make it.
    Ignored(&'static str),
}

impl Store {
    /// Applies a change from the team (see the module's doc).
    pub fn apply_incoming(&self, incoming: &Incoming) -> Result<Applied, StoreError> {
        let change = &incoming.change;
        let seen = key(CHANGE_SEEN, change.change_id.as_bytes());
        let index = self.tree(TreeName::TeamIndex);
        if index.contains_key(&seen)? {
            self.advance_cursor(incoming.stream_seq)?;
            return Ok(Applied::AlreadyHad);
        }
        if let Some(out_seq) = index
            .get(key(PENDING, change.change_id.as_bytes()))?
            .and_then(|v| keys::read_u64(&v))
        {
            let own = self.outgoing_at(out_seq)?.ok_or_else(|| {
                StoreError::Inconsistent("a pending change left the outbox".into())
            })?;
            self.published(&own, incoming.stream_seq)?;
            self.advance_cursor(incoming.stream_seq)?;
            return Ok(Applied::OwnArrived);
        }
        if change.service.is_some() {
            return self.write_directory(incoming);
        }
        match self.check_incoming(incoming)? {
            Ok(case) => {
                self.write_incoming(incoming, case)?;
                Ok(Applied::Applied { case })
            }
            Err(why) => {
                // The server counts it against the case all the same: the
                // owner's next change must expect it, or be refused as stale.
                if let Some(case) = self.local_id(change.case)?
                    && self.case_sequence(case)? < incoming.stream_seq
                {
                    let seq = incoming.stream_seq.to_be_bytes();
                    let index = self.tree(TreeName::TeamIndex);
                    index.insert(key(CASE_SEQUENCE, &keys::id(case)), &seq)?;
                    index.insert(key(FOREIGN, &keys::id(case)), &seq)?;
                }
                self.advance_cursor(incoming.stream_seq)?;
                Ok(Applied::Ignored(why))
            }
        }
    }

    /// Moves the cursor past a message that is not a change for this
    /// store (another kind, or one that could not be opened).
    pub fn skip_to(&self, stream_seq: u64) -> Result<(), StoreError> {
        self.advance_cursor(stream_seq)
    }

    /// A service (and its organisation) a teammate added or changed by
    /// hand: any member may; the records must be that service's.
    fn write_directory(&self, incoming: &Incoming) -> Result<Applied, StoreError> {
        let change = &incoming.change;
        let id = change.service.as_deref().unwrap_or_default();
        let fits = change.records.iter().all(|r| match r {
            SharedRecord::Service(s) => s.id.0 == id,
            SharedRecord::Organisation(_) => true,
            _ => false,
        }) && change
            .records
            .iter()
            .any(|r| matches!(r, SharedRecord::Service(_)));
        if !fits {
            self.advance_cursor(incoming.stream_seq)?;
            return Ok(Applied::Ignored("a directory change holding other records"));
        }
        let mut changes = self.changes_unshared(&format!("{} (team)", incoming.author_name));
        for record in &change.records {
            record.write(&mut changes);
        }
        for (entity, action) in &change.audit {
            changes.note(*entity, id, action.clone());
        }
        self.note_arrived(&mut changes, incoming)?;
        self.commit_deferred(changes)?;
        Ok(Applied::Directory)
    }

    /// Notes in `changes` that `incoming` was applied: its change id as
    /// seen at its stream sequence, and the cursor moved on to it.
    fn note_arrived(
        &self,
        changes: &mut super::super::ChangeSet,
        incoming: &Incoming,
    ) -> Result<(), StoreError> {
        let seq = incoming.stream_seq.to_be_bytes().to_vec();
        changes.raw(
            TreeName::TeamIndex,
            &key(CHANGE_SEEN, incoming.change.change_id.as_bytes()),
            seq.clone(),
        );
        if self.team_cursor()? < incoming.stream_seq {
            changes.raw(TreeName::TeamIndex, CURSOR, seq);
        }
        Ok(())
    }

    fn advance_cursor(&self, stream_seq: u64) -> Result<(), StoreError> {
        if self.team_cursor()? < stream_seq {
            self.tree(TreeName::TeamIndex)
                .insert(CURSOR, &stream_seq.to_be_bytes())?;
        }
        Ok(())
    }

    /// The case the change is about, as this store knows it, or why it
    /// must not be applied.
    fn check_incoming(&self, incoming: &Incoming) -> Result<Result<u64, &'static str>, StoreError> {
        let change = &incoming.change;
        let case_local = self.local_id(change.case)?;
        if let Some(case) = case_local
            && let Some(owner) = self.case_owner(case)?
            && owner.member != incoming.author
        {
            return Ok(Err("the case is held by another member"));
        }
        if case_local.is_none()
            && !change
                .records
                .iter()
                .any(|r| matches!(r, SharedRecord::Case(_)))
        {
            return Ok(Err("a change to a case this store has never seen"));
        }
        // Every record must be of this case, and a person only the case's own.
        let case_placeholder = change.ids.iter().position(|g| *g == change.case);
        let mut person_placeholder = None;
        for record in &change.records {
            if let SharedRecord::Case(c) = record {
                person_placeholder = Some(c.person_id.0);
            }
        }
        for record in &change.records {
            match record {
                SharedRecord::Person(p) => {
                    let person = change.ids.get(p.id.0 as usize).copied();
                    let expected = match (person_placeholder, case_local) {
                        (Some(n), _) => change.ids.get(n as usize).copied(),
                        (None, Some(case)) => match self.get::<Case>(&keys::id(case))? {
                            Some(c) => Some(self.global_id(c.person_id.0)?),
                            None => None,
                        },
                        (None, None) => None,
                    };
                    if person.is_none() || person != expected {
                        return Ok(Err("a person of another case"));
                    }
                }
                other => {
                    if other.case().map(|n| n as usize) != case_placeholder {
                        return Ok(Err("a record of another case"));
                    }
                }
            }
        }
        Ok(Ok(match case_local {
            Some(c) => c,
            None => migrate::allocate(self, keys::NEXT_ID, 1)?.start,
        }))
    }

    fn write_incoming(&self, incoming: &Incoming, case: u64) -> Result<(), StoreError> {
        let change = &incoming.change;
        // Every placeholder's id here: known, the case's, or new.
        let mut locals = Vec::with_capacity(change.ids.len());
        let mut fresh = Vec::new();
        for g in &change.ids {
            let local = match self.local_id(*g)? {
                Some(l) => l,
                None => {
                    let l = if *g == change.case {
                        case
                    } else {
                        migrate::allocate(self, keys::NEXT_ID, 1)?.start
                    };
                    fresh.push((*g, l));
                    l
                }
            };
            locals.push(local);
        }
        let label = format!("{} (team)", incoming.author_name);
        let mut changes = self.changes_unshared(&label);
        for record in &change.records {
            let mut record = record.clone();
            record.map_ids(&mut |p| {
                locals.get(p as usize).copied().ok_or_else(|| {
                    StoreError::Inconsistent("an id the change does not name".into())
                })
            })?;
            record.write(&mut changes);
        }
        for (entity, action) in &change.audit {
            changes.audit_for_case(*entity, case, action.clone());
        }
        if change.audit.is_empty() {
            changes.audit_for_case(
                super::super::audit::Entity::Case,
                case,
                AuditAction::Updated,
            );
        }
        for (g, local) in fresh {
            changes.raw(
                TreeName::TeamIndex,
                &key(GLOBAL_TO_LOCAL, &global_bytes(g)),
                keys::id(local).to_vec(),
            );
            changes.raw(
                TreeName::TeamIndex,
                &key(LOCAL_TO_GLOBAL, &keys::id(local)),
                global_bytes(g).to_vec(),
            );
        }
        let seq = incoming.stream_seq.to_be_bytes().to_vec();
        changes.raw(
            TreeName::TeamIndex,
            &key(CASE_SEQUENCE, &keys::id(case)),
            seq.clone(),
        );
        changes.raw(TreeName::TeamIndex, &key(FOREIGN, &keys::id(case)), seq);
        if self.case_owner(case)?.is_none() {
            changes.raw(
                TreeName::TeamIndex,
                &key(OWNER, &keys::id(case)),
                format!("{}\n{}", incoming.author, incoming.author_name).into_bytes(),
            );
        }
        self.note_arrived(&mut changes, incoming)?;
        self.commit_deferred(changes)
    }
}
