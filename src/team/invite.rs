//! Invitations: a supervisor adds a member to the roster and writes an
//! invitation file sealed (with age, X25519) to the new member's own public
//! key, so only that member's store can open it. It carries the server's
//! address, the member's NATS credentials, the team's keys and the roster.

use super::TeamError;
use super::membership::{Member, Membership, Role, random_hex};
use age::secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

const IDENTITY: &str = "identity";
/// The first line of an invitation file, before the sealed part.
const HEADER: &[u8] = b"linkwork team invitation v1\n";
/// The largest invitation file read.
pub const MAX_INVITATION: u64 = 1 << 20;

/// What an invitation holds, once opened.
#[derive(Serialize, Deserialize)]
pub struct Invitation {
    /// The team's id.
    pub team_id: String,
    /// Its name.
    pub team_name: String,
    /// The server's address.
    pub server: String,
    /// The server's certificate authority (PEM), if any.
    pub tls_ca: Option<String>,
    /// The new member.
    pub member: Member,
    /// Their NATS password.
    pub password: String,
    /// The team's keys by epoch.
    pub keys: Vec<(u32, String)>,
    /// Everyone in the team.
    pub roster: Vec<Member>,
    /// For another device of a member: the member's own key pair.
    #[serde(default)]
    pub identity: Option<String>,
}

/// This store's age identity (made the first time it is asked for): the
/// secret half stays in the store, sealed; the public half is given to the
/// supervisor.
pub fn identity(store: &crate::store::Store) -> Result<age::x25519::Identity, TeamError> {
    if let Some(text) = store.team_secret::<String>(IDENTITY)? {
        return age::x25519::Identity::from_str(&text)
            .map_err(|_| TeamError::Invalid("this caseload's team key pair is damaged".into()));
    }
    let id = age::x25519::Identity::generate();
    store.put_team_secret(IDENTITY, &id.to_string().expose_secret().to_owned())?;
    Ok(id)
}

/// Reads an age public key ("age1...").
pub fn recipient(text: &str) -> Result<age::x25519::Recipient, TeamError> {
    age::x25519::Recipient::from_str(text.trim()).map_err(|_| {
        TeamError::Invalid(
            "That is not a member's public key (it starts age1...; the member prints it with linkwork team key).".into(),
        )
    })
}

/// A new member for the roster, with their NATS password.
pub fn new_member(name: &str, role: Role, public_key: &str) -> Result<(Member, String), TeamError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
        return Err(TeamError::Invalid(
            "A member's name is 1 to 80 characters, with no control characters.".into(),
        ));
    }
    recipient(public_key)?;
    let password = random_hex(24);
    let hash = bcrypt::hash(&password, 10)
        .map_err(|e| TeamError::Invalid(format!("could not hash a password: {e}")))?;
    Ok((
        Member {
            id: format!("m{}", random_hex(8)),
            name: name.to_owned(),
            role,
            public_key: public_key.trim().to_owned(),
            password_hash: Some(hash),
        },
        password,
    ))
}

/// The invitation of `member`, sealed to their key.
pub fn write(team: &Membership, member: &Member, password: &str) -> Result<Vec<u8>, TeamError> {
    seal(member, &invitation(team, member, password, None))
}

/// An invitation for another device of this member (sealed to that
/// device's key, `member.public_key`): it carries the member's password
/// and own key pair.
pub fn write_for_device(
    team: &Membership,
    member: &Member,
    identity: &age::x25519::Identity,
) -> Result<Vec<u8>, TeamError> {
    let own = identity.to_string().expose_secret().to_owned();
    seal(member, &invitation(team, member, &team.password, Some(own)))
}

fn invitation(
    team: &Membership,
    member: &Member,
    password: &str,
    identity: Option<String>,
) -> Invitation {
    Invitation {
        team_id: team.team_id.clone(),
        team_name: team.team_name.clone(),
        server: team.server.clone(),
        tls_ca: team.tls_ca.clone(),
        member: Member {
            password_hash: None,
            ..member.clone()
        },
        password: password.to_owned(),
        keys: team.keys.clone(),
        roster: public_roster(&team.roster),
        identity,
    }
}

/// Takes the member's own key pair from another device's invitation, and
/// names the member by it.
pub fn adopt_identity(
    store: &crate::store::Store,
    mut inv: Invitation,
) -> Result<Invitation, TeamError> {
    if let Some(text) = inv.identity.take() {
        let id = age::x25519::Identity::from_str(&text)
            .map_err(|_| TeamError::BadInvitation("its key pair is damaged".into()))?;
        inv.member.public_key = id.to_public().to_string();
        store.put_team_secret(IDENTITY, &text)?;
    }
    Ok(inv)
}

fn seal(member: &Member, invitation: &Invitation) -> Result<Vec<u8>, TeamError> {
    let json = zeroize::Zeroizing::new(
        serde_json::to_vec(invitation).map_err(|e| TeamError::Invalid(e.to_string()))?,
    );
    let sealed = age::encrypt(&recipient(&member.public_key)?, &json)
        .map_err(|e| TeamError::Invalid(format!("could not seal the invitation: {e}")))?;
    let mut out = HEADER.to_vec();
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens an invitation with this store's identity.
pub fn open(store: &crate::store::Store, bytes: &[u8]) -> Result<Invitation, TeamError> {
    let sealed = bytes
        .strip_prefix(HEADER)
        .ok_or_else(|| TeamError::BadInvitation("it is not a linkwork team invitation".into()))?;
    let id = identity(store)?;
    let json = zeroize::Zeroizing::new(age::decrypt(&id, sealed).map_err(|_| {
        TeamError::BadInvitation(
            "it was made for another member's key (ask for one made with this caseload's linkwork team key)".into(),
        )
    })?);
    serde_json::from_slice(&json)
        .map_err(|_| TeamError::BadInvitation("its contents do not read".into()))
}

/// The roster as members see it: no password hashes.
pub fn public_roster(roster: &[Member]) -> Vec<Member> {
    roster
        .iter()
        .map(|m| Member {
            password_hash: None,
            ..m.clone()
        })
        .collect()
}
