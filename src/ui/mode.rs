//! Input modes: which keymap section applies.

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The caseload list.
    Caseload,
    /// The help overlay.
    Help,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 2] = [Self::Caseload, Self::Help];

    /// The mode's section name in `config.toml` (`[keys.NAME]`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Caseload => "caseload",
            Self::Help => "help",
        }
    }

    /// A title for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Self::Caseload => "Caseload",
            Self::Help => "Help",
        }
    }

    /// The mode with this section name.
    pub fn from_name(name: &str) -> Option<Mode> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}
