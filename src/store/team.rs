//! The store's side of sharing a caseload with a team (see `crate::team`
//! for the sync worker): which member and device this store is, the outbox
//! of changes waiting to be published (written in the same transaction as
//! the change itself), the cursor of what has arrived, the map between this
//! store's numeric ids and the team's global ids, which member owns each
//! case, and the changes refused as stale ("Needs a look").
//!
//! Two trees: `team` holds sealed values (the outbox, conflicts, the
//! membership's secrets), `team_index` holds plain keys and numbers only
//! (random ids, sequences): never a name, note or NHS number.

mod apply;
mod conflicts;
mod outbox;

pub use apply::{Applied, Incoming};
pub use conflicts::{Conflict, ConflictLine};
pub use outbox::Outgoing;

use super::error::StoreError;
use super::{Store, TreeName, codec, keys};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Which team member and which of their devices this store is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamIdentity {
    /// The member's random id (the last part of the subjects they publish on).
    pub member: String,
    /// The member's name, as teammates see it.
    pub name: String,
    /// This device's random id (the first half of the global ids of the
    /// records it makes).
    pub device: u64,
}

/// A record's id across the team: the device that made it and its id there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GlobalId {
    /// The device that made the record.
    pub device: u64,
    /// The record's id on that device.
    pub id: u64,
}

/// Who holds a case in the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOwner {
    /// The member's random id.
    pub member: String,
    /// Their name.
    pub name: String,
}

const IDENTITY: &[u8] = b"identity";
const CURSOR: &[u8] = b"cursor";
const LOCAL_TO_GLOBAL: &[u8] = b"l2g";
const GLOBAL_TO_LOCAL: &[u8] = b"g2l";
const OWNER: &[u8] = b"own";
const CASE_SEQUENCE: &[u8] = b"seq";
const CHANGE_SEEN: &[u8] = b"chg";
const FOREIGN: &[u8] = b"fgn";
const PENDING: &[u8] = b"pend";
const SECRET: &[u8] = b"secret/";

fn key(prefix: &[u8], rest: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(prefix.len() + rest.len());
    k.extend_from_slice(prefix);
    k.extend_from_slice(rest);
    k
}

fn global_bytes(g: GlobalId) -> [u8; 16] {
    keys::child(g.device, g.id)
}

fn read_global(bytes: &[u8]) -> Option<GlobalId> {
    Some(GlobalId {
        device: keys::read_u64(bytes)?,
        id: keys::read_u64(bytes.get(8..)?)?,
    })
}

impl Store {
    /// This store's place in a team, if it has joined one.
    pub fn team_identity(&self) -> Option<TeamIdentity> {
        self.team.read().map(|t| t.clone()).unwrap_or_default()
    }

    pub(crate) fn read_team_identity(
        tree: &sled::Tree,
    ) -> Result<Option<TeamIdentity>, StoreError> {
        match tree.get(IDENTITY)? {
            Some(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| StoreError::Inconsistent(format!("the team identity: {e}"))),
            None => Ok(None),
        }
    }

    /// Makes this store a member's device in a team: from now on every
    /// change to a case is also put in the outbox.
    pub fn set_team_identity(&self, identity: &TeamIdentity) -> Result<(), StoreError> {
        let bytes =
            serde_json::to_vec(identity).map_err(|e| StoreError::Inconsistent(e.to_string()))?;
        self.tree(TreeName::TeamIndex).insert(IDENTITY, bytes)?;
        self.flush()?;
        if let Ok(mut t) = self.team.write() {
            *t = Some(identity.clone());
        }
        Ok(())
    }

    /// Keeps a secret of the team layer (the membership), sealed as every
    /// record is when the store is encrypted.
    pub fn put_team_secret<T: Serialize>(&self, name: &str, value: &T) -> Result<(), StoreError> {
        let k = key(SECRET, name.as_bytes());
        let bytes = codec::encode(TreeName::Team, &k, value, self.cipher())?;
        self.tree(TreeName::Team).insert(k, bytes)?;
        self.flush()?;
        Ok(())
    }

    /// A secret kept by [`Store::put_team_secret`].
    pub fn team_secret<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, StoreError> {
        let k = key(SECRET, name.as_bytes());
        match self.tree(TreeName::Team).get(&k)? {
            Some(bytes) => Ok(Some(codec::decode(
                TreeName::Team,
                &k,
                &bytes,
                self.cipher(),
            )?)),
            None => Ok(None),
        }
    }

    /// The stream sequence of the last change that arrived (0: none yet).
    pub fn team_cursor(&self) -> Result<u64, StoreError> {
        Ok(self
            .tree(TreeName::TeamIndex)
            .get(CURSOR)?
            .and_then(|v| keys::read_u64(&v))
            .unwrap_or(0))
    }

    /// Who holds a case, once it is shared (`None`: not shared yet, so
    /// this store's own).
    pub fn case_owner(&self, case: u64) -> Result<Option<CaseOwner>, StoreError> {
        let Some(bytes) = self
            .tree(TreeName::TeamIndex)
            .get(key(OWNER, &keys::id(case)))?
        else {
            return Ok(None);
        };
        let text = String::from_utf8_lossy(&bytes);
        let (member, name) = text.split_once('\n').unwrap_or((&text, ""));
        Ok(Some(CaseOwner {
            member: member.to_owned(),
            name: name.to_owned(),
        }))
    }

    /// Whether this store's member may change `case` (always, outside a team).
    pub fn may_change_case(&self, case: u64) -> Result<Result<(), CaseOwner>, StoreError> {
        let Some(me) = self.team_identity() else {
            return Ok(Ok(()));
        };
        match self.case_owner(case)? {
            Some(owner) if owner.member != me.member => Ok(Err(owner)),
            _ => Ok(Ok(())),
        }
    }

    /// The stream sequence of the last change to `case` this store knows.
    pub fn case_sequence(&self, case: u64) -> Result<u64, StoreError> {
        Ok(self
            .tree(TreeName::TeamIndex)
            .get(key(CASE_SEQUENCE, &keys::id(case)))?
            .and_then(|v| keys::read_u64(&v))
            .unwrap_or(0))
    }

    /// The sequence of the last change to `case` made elsewhere (by another
    /// member or another device) that this store has seen.
    pub fn foreign_sequence(&self, case: u64) -> Result<u64, StoreError> {
        Ok(self
            .tree(TreeName::TeamIndex)
            .get(key(FOREIGN, &keys::id(case)))?
            .and_then(|v| keys::read_u64(&v))
            .unwrap_or(0))
    }

    /// The team's global id of one of this store's numeric ids.
    pub fn global_id(&self, local: u64) -> Result<GlobalId, StoreError> {
        let index = self.tree(TreeName::TeamIndex);
        if let Some(bytes) = index.get(key(LOCAL_TO_GLOBAL, &keys::id(local)))?
            && let Some(g) = read_global(&bytes)
        {
            return Ok(g);
        }
        let device = self.team_identity().map_or(0, |t| t.device);
        Ok(GlobalId { device, id: local })
    }

    /// This store's id for a global id, if it has one.
    pub fn local_id(&self, global: GlobalId) -> Result<Option<u64>, StoreError> {
        let index = self.tree(TreeName::TeamIndex);
        if let Some(bytes) = index.get(key(GLOBAL_TO_LOCAL, &global_bytes(global)))? {
            return Ok(keys::read_u64(&bytes));
        }
        let mine = self
            .team_identity()
            .is_some_and(|t| t.device == global.device);
        Ok(mine.then_some(global.id))
    }

    /// Whether a change with this id has been applied or published here.
    pub fn change_seen(&self, change_id: &str) -> Result<bool, StoreError> {
        Ok(self
            .tree(TreeName::TeamIndex)
            .contains_key(key(CHANGE_SEEN, change_id.as_bytes()))?)
    }
}

#[cfg(test)]
mod tests;
