//! A change as the server stores it: sealed on the device with the team's
//! key (XChaCha20-Poly1305), bound to its subject, so the server holds
//! ciphertext only and a message moved to another subject does not open.
//!
//! Layout: `LW`, format 1, the key's epoch (u32, big-endian), then the
//! nonce and ciphertext of the JSON payload.

use super::TeamError;
use super::membership::{Member, Membership};
use crate::store::crypto::Cipher;
use crate::store::team::Outgoing;
use serde::{Deserialize, Serialize};

const MAGIC: &[u8; 2] = b"LW";
const FORMAT: u8 = 1;
/// The largest payload accepted from the server (a change with every
/// record of a large case stays far below).
pub const MAX_PAYLOAD: usize = 4 << 20;

/// What a message carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payload {
    /// A change to a case.
    Change(Outgoing),
    /// The team's roster, from a supervisor.
    Roster {
        /// Everyone in the team (no secrets).
        members: Vec<Member>,
    },
    /// A new team key, from a supervisor (a member was removed): wrapped
    /// with age for each remaining member's own key, so a removed member
    /// cannot open it, nor anything sealed with it.
    Keys {
        /// The new key's epoch.
        epoch: u32,
        /// Member id and the key sealed to them (age, base64).
        wrapped: Vec<(String, String)>,
    },
}

/// Seals `payload` for `subject` with the team's current key.
pub fn seal(
    membership: &Membership,
    subject: &str,
    payload: &Payload,
) -> Result<Vec<u8>, TeamError> {
    let (epoch, _) = membership.current_key()?;
    seal_with(membership, epoch, subject, payload)
}

/// Seals `payload` for `subject` with the team key of `epoch`.
pub fn seal_with(
    membership: &Membership,
    epoch: u32,
    subject: &str,
    payload: &Payload,
) -> Result<Vec<u8>, TeamError> {
    let key = membership
        .key_of(epoch)
        .ok_or_else(|| TeamError::Invalid(format!("there is no team key of epoch {epoch}")))?;
    let json = zeroize::Zeroizing::new(
        serde_json::to_vec(payload).map_err(|e| TeamError::Invalid(e.to_string()))?,
    );
    let sealed = Cipher::from_key(*key)
        .seal(subject.as_bytes(), &json)
        .map_err(|e| TeamError::Invalid(e.to_string()))?;
    let mut out = Vec::with_capacity(7 + sealed.len());
    out.extend_from_slice(MAGIC);
    out.push(FORMAT);
    out.extend_from_slice(&epoch.to_be_bytes());
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens a message from `subject`.
pub fn open(membership: &Membership, subject: &str, bytes: &[u8]) -> Result<Payload, TeamError> {
    if bytes.len() > MAX_PAYLOAD {
        return Err(TeamError::BadEnvelope("it is larger than any change"));
    }
    let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return Err(TeamError::BadEnvelope("it is not a linkwork change"));
    };
    let Some((&FORMAT, rest)) = rest.split_first() else {
        return Err(TeamError::BadEnvelope(
            "it is of a format this linkwork does not know",
        ));
    };
    let (epoch, sealed) = rest
        .split_at_checked(4)
        .ok_or(TeamError::BadEnvelope("it is cut short"))?;
    let epoch = u32::from_be_bytes([epoch[0], epoch[1], epoch[2], epoch[3]]);
    let key = membership.key_of(epoch).ok_or(TeamError::BadEnvelope(
        "it is sealed with a key this member was not given",
    ))?;
    let json = Cipher::from_key(*key)
        .open(subject.as_bytes(), sealed)
        .map_err(|_| TeamError::BadEnvelope("its seal does not check"))?;
    serde_json::from_slice(&json).map_err(|_| TeamError::BadEnvelope("its contents do not read"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::team::membership::{Role, new_key};

    pub(crate) fn membership(keys: Vec<(u32, String)>) -> Membership {
        let me = Member {
            id: "m1".into(),
            name: "Sam".into(),
            role: Role::LinkWorker,
            public_key: String::new(),
            password_hash: None,
        };
        Membership {
            team_id: "t1".into(),
            team_name: "North PCN".into(),
            server: "nats://127.0.0.1:4222".into(),
            tls_ca: None,
            me: me.clone(),
            device: 1,
            password: "x".into(),
            identity: String::new(),
            keys,
            roster: vec![me],
            announcements: Vec::new(),
        }
    }

    #[test]
    fn a_sealed_roster_opens_on_its_subject_only_and_only_with_its_key() {
        let m = membership(vec![(1, new_key())]);
        let p = Payload::Roster {
            members: m.roster.clone(),
        };
        let sealed = seal(&m, "lw.t1.r.m1", &p).unwrap();
        assert!(!String::from_utf8_lossy(&sealed).contains("Sam"));
        assert_eq!(open(&m, "lw.t1.r.m1", &sealed).unwrap(), p);
        assert!(open(&m, "lw.t1.r.m2", &sealed).is_err());
        let other = membership(vec![(1, new_key())]);
        assert!(open(&other, "lw.t1.r.m1", &sealed).is_err());
        let later = membership(vec![(2, new_key())]);
        assert!(open(&later, "lw.t1.r.m1", &sealed).is_err());
        let mut cut = sealed.clone();
        cut.truncate(5);
        assert!(open(&m, "lw.t1.r.m1", &cut).is_err());
    }
}
