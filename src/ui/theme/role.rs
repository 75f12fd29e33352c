//! Semantic style roles: widgets ask for a role, never a colour.

/// What a piece of text is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Ordinary text.
    Text,
    /// Less important text (hints, dates far away).
    Muted,
    /// Screen and panel titles.
    Title,
    /// Panel borders.
    Border,
    /// Table column headers.
    Header,
    /// The selected row.
    Selection,
    /// Characters that matched a search.
    MatchHighlight,
    /// Needs attention soon (approaching a limit, due today).
    Warning,
    /// Needs attention now (risk, overdue, past a limit).
    Danger,
    /// Going well (goals met, attended).
    Success,
    /// Neutral information (counts, status).
    Info,
    /// Key names in the footer and help.
    Key,
    /// Descriptions beside keys.
    KeyHint,
    /// The status line at the bottom.
    StatusBar,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 14] = [
        Self::Text,
        Self::Muted,
        Self::Title,
        Self::Border,
        Self::Header,
        Self::Selection,
        Self::MatchHighlight,
        Self::Warning,
        Self::Danger,
        Self::Success,
        Self::Info,
        Self::Key,
        Self::KeyHint,
        Self::StatusBar,
    ];

    /// The role's name in theme files.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Muted => "muted",
            Self::Title => "title",
            Self::Border => "border",
            Self::Header => "header",
            Self::Selection => "selection",
            Self::MatchHighlight => "match_highlight",
            Self::Warning => "warning",
            Self::Danger => "danger",
            Self::Success => "success",
            Self::Info => "info",
            Self::Key => "key",
            Self::KeyHint => "key_hint",
            Self::StatusBar => "status_bar",
        }
    }

    /// The role with this name in theme files.
    pub fn from_name(name: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }
}
