//! The names the server sees: a stream per team and a subject per case
//! and author, made of random ids only (never a name, NHS number or note).

use crate::store::team::GlobalId;
use sha2::{Digest, Sha256};

/// The team's stream.
pub fn stream(team_id: &str) -> String {
    format!("LW_{team_id}")
}

/// Every subject of the team.
pub fn all(team_id: &str) -> String {
    format!("lw.{team_id}.>")
}

/// The random-looking key of a case on the server: a hash of the team and
/// the case's global id, so every member derives the same one.
pub fn case_key(team_id: &str, case: GlobalId) -> String {
    let mut h = Sha256::new();
    h.update(b"linkwork case subject v1");
    h.update(team_id.as_bytes());
    h.update(case.device.to_be_bytes());
    h.update(case.id.to_be_bytes());
    h.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The subject a member publishes a change to a case on.
pub fn case_subject(team_id: &str, case: GlobalId, member: &str) -> String {
    format!("lw.{team_id}.c.{}.{member}", case_key(team_id, case))
}

/// Every author's subject of one case (what the stale-view check covers).
pub fn case_filter(team_id: &str, case: GlobalId) -> String {
    format!("lw.{team_id}.c.{}.*", case_key(team_id, case))
}

/// The subject a member publishes a change to a directory service on: one
/// per service and author, so no member's write replaces another's there.
pub fn service_subject(team_id: &str, service_id: &str, member: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"linkwork service subject v1");
    h.update(team_id.as_bytes());
    h.update(service_id.as_bytes());
    let key: String = h.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("lw.{team_id}.s.{key}.{member}")
}

/// The subject a supervisor publishes the roster on.
pub fn roster_subject(team_id: &str, member: &str) -> String {
    format!("lw.{team_id}.r.{member}")
}

/// What a subject of the team is, from its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject<'a> {
    /// A change to a case, by `author`.
    Case {
        /// The publishing member.
        author: &'a str,
    },
    /// A change to the directory, by `author`.
    Directory {
        /// The publishing member.
        author: &'a str,
    },
    /// The roster, by `author`.
    Roster {
        /// The publishing member.
        author: &'a str,
    },
    /// Anything else (ignored).
    Other,
}

/// Reads a subject of `team_id`.
pub fn parse<'a>(team_id: &str, subject: &'a str) -> Subject<'a> {
    let parts: Vec<&str> = subject.split('.').collect();
    match parts.as_slice() {
        ["lw", t, "c", _, author] if *t == team_id => Subject::Case { author },
        ["lw", t, "r", author] if *t == team_id => Subject::Roster { author },
        ["lw", t, "s", _, author] if *t == team_id => Subject::Directory { author },
        _ => Subject::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_carry_random_ids_only() {
        let g = GlobalId { device: 7, id: 42 };
        let s = case_subject("t1", g, "m1");
        assert!(s.starts_with("lw.t1.c."));
        assert!(!s.contains("42"));
        assert_eq!(parse("t1", &s), Subject::Case { author: "m1" });
        assert_eq!(parse("t2", &s), Subject::Other);
        assert_eq!(case_key("t1", g), case_key("t1", g));
        assert_ne!(case_key("t1", g), case_key("t2", g));
    }
}
