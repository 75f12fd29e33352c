//! The sled trees, one per entity.

/// A tree of the store. The discriminant is the tree's index in
/// [`TreeName::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TreeName {
    /// Schema version, id counters.
    Meta,
    /// [`crate::domain::person::Person`] by person id.
    Persons,
    /// [`crate::domain::case::Case`] by case id.
    Cases,
    /// [`crate::domain::contact::ContactEntry`] by case id, contact id.
    Contacts,
    /// [`crate::domain::conversation::Conversation`] by case id, version.
    Conversations,
    /// [`crate::domain::plan::ActionPlan`] by case id.
    Plans,
    /// [`crate::domain::ladder::Connection`] by case id, connection id.
    Connections,
    /// [`crate::domain::wellbeing::WellbeingMeasure`] by case id, measure id.
    Measures,
    /// [`crate::domain::directory::Service`] by service id.
    Services,
    /// [`crate::domain::directory::Organisation`] by organisation id.
    Organisations,
    /// [`super::AuditEntry`] by sequence number.
    Audit,
    /// Index: (case id, audit sequence number) -> nothing.
    AuditByCase,
    /// Sharing with a team: the outbox, refused changes, the membership
    /// (sealed values).
    Team,
    /// Sharing with a team: ids, sequences and owners (random ids and
    /// numbers only).
    TeamIndex,
}

impl TreeName {
    /// Every tree, in index order.
    pub const ALL: [TreeName; 14] = [
        Self::Meta,
        Self::Persons,
        Self::Cases,
        Self::Contacts,
        Self::Conversations,
        Self::Plans,
        Self::Connections,
        Self::Measures,
        Self::Services,
        Self::Organisations,
        Self::Audit,
        Self::AuditByCase,
        Self::Team,
        Self::TeamIndex,
    ];

    /// The tree's name in sled.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Meta => "meta",
            Self::Persons => "persons",
            Self::Cases => "cases",
            Self::Contacts => "contacts",
            Self::Conversations => "conversations",
            Self::Plans => "plans",
            Self::Connections => "connections",
            Self::Measures => "measures",
            Self::Services => "services",
            Self::Organisations => "organisations",
            Self::Audit => "audit",
            Self::AuditByCase => "audit_by_case",
            Self::Team => "team",
            Self::TeamIndex => "team_index",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discriminants_match_positions() {
        for (i, t) in TreeName::ALL.iter().enumerate() {
            assert_eq!(*t as usize, i);
        }
    }
}
