//! Who the link worker is, as the people they write to need it: a name,
//! a role and a way to reach them (from the user's config).

/// The worker's name, role and contact, for letters, cards and copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The worker's name.
    pub name: String,
    /// Their role (e.g. "Social prescribing link worker, Swinton PCN").
    pub role: Option<String>,
    /// How to reach them (a phone number, an email).
    pub contact: Option<String>,
}

impl Signature {
    /// A signature with a name only.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            role: None,
            contact: None,
        }
    }

    /// One line: name, role (else "link worker"), contact.
    pub fn line(&self) -> String {
        let mut parts = vec![self.name.clone()];
        parts.push(self.role.clone().unwrap_or_else(|| "link worker".into()));
        parts.extend(self.contact.clone());
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_reads_as_one_line() {
        assert_eq!(
            Signature::named("Sam Patel").line(),
            "Sam Patel, link worker"
        );
        let full = Signature {
            name: "Sam Patel".into(),
            role: Some("Social prescribing link worker, Swinton PCN".into()),
            contact: Some("0161 555 0101".into()),
        };
        assert_eq!(
            full.line(),
            "Sam Patel, Social prescribing link worker, Swinton PCN, 0161 555 0101"
        );
    }
}
