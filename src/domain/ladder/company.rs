//! Who went with the person to a step: a set of the link worker, a carer,
//! a peer, a family member and other professionals named by their role
//! (a community matron and a paramedic went together to one luncheon club
//! in seed 003), or nobody. Typed as a list (`worker, support worker`,
//! `matron and paramedic`), read back the same way.

use crate::domain::text::fold;
use serde::{Deserialize, Deserializer, Serialize};

/// One who went with the person.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Companion {
    /// The link worker.
    Worker,
    /// A carer (family or paid); a support worker is named by role.
    Carer,
    /// A peer or volunteer buddy.
    Peer,
    /// A family member or friend.
    Family,
    /// Another professional, named by role (`community matron`).
    Professional(String),
    /// Nobody: the person went alone.
    Alone,
}

/// The kinds a worker picks from, with the words that name each one. A
/// role that is none of these is another professional.
const KINDS: [(&str, &[&str]); 5] = [
    ("worker", &["worker", "link worker", "me", "myself", "lw"]),
    ("carer", &["carer", "paid carer", "unpaid carer"]),
    ("peer", &["peer", "buddy", "volunteer", "peer supporter"]),
    (
        "family",
        &[
            "family",
            "family member",
            "wife",
            "husband",
            "partner",
            "son",
            "daughter",
            "mum",
            "mother",
            "dad",
            "father",
            "parent",
            "brother",
            "sister",
            "friend",
            "foster carer",
            "grandparent",
        ],
    ),
    (
        "alone",
        &["alone", "nobody", "no one", "on their own", "own"],
    ),
];

/// The choices, as the form shows them.
pub const CHOICES: &str =
    "worker, carer, peer, family, alone, or anyone else by role (support worker, community matron)";

impl Companion {
    /// The companions a worker picks from without typing a role.
    pub const KINDS: [Companion; 5] = [
        Self::Worker,
        Self::Carer,
        Self::Peer,
        Self::Family,
        Self::Alone,
    ];

    /// Human label.
    pub fn label(&self) -> String {
        match self {
            Self::Worker => "link worker".into(),
            Self::Carer => "carer".into(),
            Self::Peer => "peer or buddy".into(),
            Self::Family => "family member".into(),
            Self::Professional(role) => role.clone(),
            Self::Alone => "alone".into(),
        }
    }

    /// How the report groups it: a professional under "another
    /// professional: <role>".
    pub fn report_label(&self) -> String {
        match self {
            Self::Professional(role) => format!("another professional: {}", fold(role)),
            other => other.label(),
        }
    }

    fn from_kind(kind: &str) -> Self {
        match kind {
            "worker" => Self::Worker,
            "carer" => Self::Carer,
            "peer" => Self::Peer,
            "family" => Self::Family,
            _ => Self::Alone,
        }
    }

    /// Who usually goes on a rung.
    pub fn usual(rung: super::Rung) -> Vec<Companion> {
        use super::Rung;
        match rung {
            Rung::Discussion | Rung::PlanningVisit => Vec::new(),
            Rung::AttendingTogether | Rung::DistantShadowing => vec![Self::Worker],
            Rung::WithCarerOrPeer => vec![Self::Carer],
            Rung::Independent => vec![Self::Alone],
        }
    }
}

/// A set of companions as words: `link worker and community matron`,
/// empty for none recorded.
pub fn describe(company: &[Companion]) -> String {
    let labels: Vec<String> = company.iter().map(Companion::label).collect();
    match labels.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Who went as a phrase after a step: `with link worker and community
/// matron`, `alone`, or empty for none recorded.
pub fn phrase(company: &[Companion]) -> String {
    match company {
        [] => String::new(),
        [Companion::Alone] => "alone".into(),
        _ => format!("with {}", describe(company)),
    }
}

/// The set as the form writes it, to be read back by [`parse`]:
/// `worker, community matron`.
pub fn write(company: &[Companion]) -> String {
    company
        .iter()
        .map(|c| match c {
            Companion::Professional(role) => role.clone(),
            Companion::Worker => "worker".into(),
            Companion::Carer => "carer".into(),
            Companion::Peer => "peer".into(),
            Companion::Family => "family".into(),
            Companion::Alone => "alone".into(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A one-word name typed a letter off (two in a long word): `carre`.
fn near(name: &str, typed: &str) -> bool {
    let most = match name.len() {
        0..5 => return false,
        5..8 => 1,
        _ => 2,
    };
    !name.contains(' ') && !typed.contains(' ') && strsim::damerau_levenshtein(name, typed) <= most
}

/// Reads who went from the form: names separated by commas, `and`, `&`,
/// `+` or `with`. A word a letter off a kind's word is that kind
/// (`carre` is a carer); any other is a professional's role, kept as
/// typed. Empty text is "not recorded". "Alone" cannot go with others.
pub fn parse(text: &str) -> Result<Vec<Companion>, String> {
    let mut out: Vec<Companion> = Vec::new();
    let spaced = format!(" {} ", text.replace([',', ';', '&', '+', '/'], " , "));
    let spaced = spaced
        .replace(" and ", " , ")
        .replace(" with ", " , ")
        .replace(" the ", " ")
        .replace(" my ", " ")
        .replace(" her ", " ")
        .replace(" his ", " ")
        .replace(" their ", " ")
        .replace(" a ", " ");
    for part in spaced.split(',') {
        let words: Vec<&str> = part.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let typed = words.join(" ");
        if typed.chars().count() > 60 {
            return Err(format!(
                "\"{}…\" is too long for a role ({CHOICES})",
                crate::domain::text::fit(&typed, 20)
            ));
        }
        let folded = fold(&typed);
        let kind = KINDS.iter().find_map(|(kind, names)| {
            names
                .iter()
                .any(|n| *n == folded || near(n, &folded))
                .then_some(*kind)
        });
        let companion = match kind {
            Some(kind) => Companion::from_kind(kind),
            None if folded.chars().any(char::is_alphabetic) => Companion::Professional(typed),
            None => return Err(format!("\"{typed}\" is not someone who went ({CHOICES})")),
        };
        if !out.contains(&companion) {
            out.push(companion);
        }
    }
    if out.contains(&Companion::Alone) && out.len() > 1 {
        return Err("alone means nobody went with them: leave out the others, or \"alone\"".into());
    }
    Ok(out)
}

/// Reads a stored "who went": none (`null` or absent), one (as records
/// before sets were kept it), or a list.
pub fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Companion>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Many(Vec<Companion>),
        One(Companion),
    }
    Ok(match Option::<Stored>::deserialize(d)? {
        None => Vec::new(),
        Some(Stored::One(c)) => vec![c],
        Some(Stored::Many(v)) => v,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pro(role: &str) -> Companion {
        Companion::Professional(role.into())
    }

    #[test]
    fn a_set_is_typed_as_a_list_with_roles_kept_as_typed() {
        assert_eq!(parse(""), Ok(vec![]));
        assert_eq!(parse("worker"), Ok(vec![Companion::Worker]));
        assert_eq!(
            parse("Community Matron and paramedic"),
            Ok(vec![pro("Community Matron"), pro("paramedic")])
        );
        assert_eq!(
            parse("worker, her support worker"),
            Ok(vec![Companion::Worker, pro("support worker")])
        );
        assert_eq!(
            parse("his wife & the link worker"),
            Ok(vec![Companion::Family, Companion::Worker])
        );
        assert_eq!(parse("carre"), Ok(vec![Companion::Carer]), "a typo");
        assert_eq!(parse("worker, worker"), Ok(vec![Companion::Worker]));
        assert!(parse("alone, worker").unwrap_err().contains("alone"));
        assert!(parse("12").unwrap_err().contains("not someone"));
        assert!(parse(&"x".repeat(80)).unwrap_err().contains("too long"));
    }

    #[test]
    fn written_sets_read_back_the_same_and_read_as_words() {
        let set = vec![
            Companion::Worker,
            pro("community matron"),
            Companion::Family,
        ];
        assert_eq!(parse(&write(&set)), Ok(set.clone()));
        assert_eq!(
            describe(&set),
            "link worker, community matron and family member"
        );
        assert_eq!(describe(&[]), "");
        assert_eq!(phrase(&[Companion::Alone]), "alone");
        assert_eq!(phrase(&set[..2]), "with link worker and community matron");
        assert_eq!(
            pro("Community Matron").report_label(),
            "another professional: community matron"
        );
    }

    #[test]
    fn stored_records_read_whether_they_hold_none_one_or_many() {
        #[derive(Deserialize)]
        struct E {
            #[serde(default, deserialize_with = "one_or_many")]
            who: Vec<Companion>,
        }
        let read = |json: &str| serde_json::from_str::<E>(json).unwrap().who;
        assert_eq!(read("{}"), vec![]);
        assert_eq!(read(r#"{"who":null}"#), vec![]);
        assert_eq!(read(r#"{"who":"carer"}"#), vec![Companion::Carer]);
        assert_eq!(
            read(r#"{"who":["worker",{"professional":"paramedic"}]}"#),
            vec![Companion::Worker, pro("paramedic")]
        );
    }
}
