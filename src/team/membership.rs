//! Who this store is in which team: the team's keys, this member's NATS
//! credentials and age identity, and the roster. Kept sealed in the store
//! (see `Store::put_team_secret`); never logged.

use super::TeamError;
use crate::store::Store;
use crate::store::team::TeamIdentity;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

const KEY: &str = "membership";

/// A member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A link worker.
    LinkWorker,
    /// A supervisor (also a link worker).
    Supervisor,
}

impl Role {
    /// As people say it.
    pub fn label(self) -> &'static str {
        match self {
            Self::LinkWorker => "link worker",
            Self::Supervisor => "supervisor",
        }
    }
}

/// One member of the team, as the roster has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Random id: their NATS user and the last part of their subjects.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Their age public key (the team key is wrapped for it).
    pub public_key: String,
    /// Their NATS password's bcrypt hash (the supervisor's copy only, for
    /// the server's configuration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_hash: Option<String>,
}

/// This store's membership of a team.
#[derive(Clone, Serialize, Deserialize)]
pub struct Membership {
    /// The team's random id (in stream and subject names).
    pub team_id: String,
    /// The team's name, as its members call it.
    pub team_name: String,
    /// The server's address (`nats://` or `tls://`).
    pub server: String,
    /// The certificate authority the server's TLS certificate is checked
    /// against (PEM), when it is not a public one.
    #[serde(default)]
    pub tls_ca: Option<String>,
    /// This member.
    pub me: Member,
    /// This device's random id.
    pub device: u64,
    /// This member's NATS password.
    pub password: String,
    /// This member's age identity (secret key).
    pub identity: String,
    /// The team's keys by epoch, newest last (hex).
    pub keys: Vec<(u32, String)>,
    /// Everyone in the team.
    pub roster: Vec<Member>,
    /// What a supervisor's sync worker is still to announce to the team
    /// (the roster, a new key), oldest first.
    #[serde(default)]
    pub announcements: Vec<super::envelope::Payload>,
}

impl std::fmt::Debug for Membership {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Membership")
            .field("team", &self.team_name)
            .field("member", &self.me.id)
            .finish_non_exhaustive()
    }
}

impl Membership {
    /// The membership kept in `store`, if it has joined a team.
    pub fn of(store: &Store) -> Result<Option<Self>, TeamError> {
        Ok(store.team_secret(KEY)?)
    }

    /// Keeps this membership in `store` and makes it the store's identity.
    pub fn keep(&self, store: &Store) -> Result<(), TeamError> {
        store.put_team_secret(KEY, self)?;
        store.set_team_identity(&TeamIdentity {
            member: self.me.id.clone(),
            name: self.me.name.clone(),
            device: self.device,
        })?;
        Ok(())
    }

    /// The newest team key and its epoch.
    pub fn current_key(&self) -> Result<(u32, Zeroizing<[u8; 32]>), TeamError> {
        let (epoch, hex) = self
            .keys
            .last()
            .ok_or_else(|| TeamError::Invalid("the team has no key".into()))?;
        Ok((*epoch, decode_key(hex)?))
    }

    /// The team key of an epoch, if this member was given it.
    pub fn key_of(&self, epoch: u32) -> Option<Zeroizing<[u8; 32]>> {
        let (_, hex) = self.keys.iter().find(|(e, _)| *e == epoch)?;
        decode_key(hex).ok()
    }

    /// Whether this member is a supervisor.
    pub fn is_supervisor(&self) -> bool {
        self.me.role == Role::Supervisor
    }

    /// A member's name by id ("a teammate" for one the roster lacks), as
    /// it may be shown and kept: no control characters, at most 80.
    pub fn name_of(&self, id: &str) -> String {
        self.roster.iter().find(|m| m.id == id).map_or_else(
            || "a teammate".to_owned(),
            |m| {
                crate::domain::text::clean(&m.name)
                    .chars()
                    .take(80)
                    .collect()
            },
        )
    }

    /// Queues the roster for the team (a supervisor's, after an invitation).
    pub fn announce_roster(&mut self) {
        self.announcements
            .retain(|a| !matches!(a, super::envelope::Payload::Roster { .. }));
        self.announcements.push(super::envelope::Payload::Roster {
            members: super::invite::public_roster(&self.roster),
        });
    }

    /// Takes a member out of the roster and makes a new team key for
    /// everyone else, wrapped for each of them and queued for the team.
    /// Returns the new key's epoch.
    pub fn remove_member(&mut self, id: &str) -> Result<u32, TeamError> {
        self.roster.retain(|m| m.id != id);
        let epoch = self.keys.last().map_or(1, |(e, _)| e + 1);
        let key = new_key();
        let mut wrapped = Vec::new();
        for m in &self.roster {
            let recipient = super::invite::recipient(&m.public_key)?;
            let sealed = age::encrypt(&recipient, key.as_bytes())
                .map_err(|e| TeamError::Invalid(format!("could not wrap the new key: {e}")))?;
            use base64::Engine;
            wrapped.push((
                m.id.clone(),
                base64::engine::general_purpose::STANDARD.encode(sealed),
            ));
        }
        self.keys.push((epoch, key));
        self.announcements
            .push(super::envelope::Payload::Keys { epoch, wrapped });
        self.announce_roster();
        Ok(epoch)
    }

    /// Takes a new team key wrapped for this member, if it is there.
    pub fn take_key(
        &mut self,
        epoch: u32,
        wrapped: &[(String, String)],
        identity: &age::x25519::Identity,
    ) -> bool {
        use base64::Engine;
        if self.keys.iter().any(|(e, _)| *e == epoch) {
            return false;
        }
        let Some((_, sealed)) = wrapped.iter().find(|(id, _)| *id == self.me.id) else {
            return false;
        };
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(sealed) else {
            return false;
        };
        let Ok(key) = age::decrypt(identity, &bytes) else {
            return false;
        };
        let Ok(hex) = String::from_utf8(key) else {
            return false;
        };
        if decode_key(&hex).is_err() {
            return false;
        }
        self.keys.push((epoch, hex));
        self.keys.sort_by_key(|(e, _)| *e);
        true
    }

    /// A member by name (case-insensitive).
    pub fn member_named(&self, name: &str) -> Option<&Member> {
        self.roster
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(name.trim()))
    }
}

/// A random id of `bytes` random bytes, as hex.
pub fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    if getrandom::fill(&mut b).is_err() {
        b.iter_mut().for_each(|x| *x = fastrand::u8(..));
    }
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A fresh random team key, as hex.
pub fn new_key() -> String {
    random_hex(32)
}

fn decode_key(hex: &str) -> Result<Zeroizing<[u8; 32]>, TeamError> {
    let bad = || TeamError::Invalid("a team key is damaged".into());
    if hex.len() != 64 {
        return Err(bad());
    }
    let mut key = Zeroizing::new([0u8; 32]);
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2).ok_or_else(bad)?, 16)
            .map_err(|_| bad())?;
    }
    Ok(key)
}
