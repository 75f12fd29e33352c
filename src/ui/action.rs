//! Everything the user can ask the app to do from the keyboard. Keys map to
//! actions through the keymap; the help overlay and footer are generated
//! from the same table, so they always tell the truth.

/// A user action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave linkwork (everything is already saved).
    Quit,
    /// Show or hide the list of keys.
    ToggleHelp,
    /// Close the overlay or go back one level.
    Back,
    /// Lock the screen now (personal data hidden until unlocked).
    Lock,
    /// Select the next row.
    MoveDown,
    /// Select the previous row.
    MoveUp,
    /// Move down one screenful.
    PageDown,
    /// Move up one screenful.
    PageUp,
    /// Select the first row.
    First,
    /// Select the last row.
    Last,
}

impl Action {
    /// Every action, in the order help lists them.
    pub const ALL: [Action; 10] = [
        Self::MoveDown,
        Self::MoveUp,
        Self::PageDown,
        Self::PageUp,
        Self::First,
        Self::Last,
        Self::ToggleHelp,
        Self::Back,
        Self::Lock,
        Self::Quit,
    ];

    /// The action's name in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Quit => "quit",
            Self::ToggleHelp => "help",
            Self::Back => "back",
            Self::Lock => "lock",
            Self::MoveDown => "move_down",
            Self::MoveUp => "move_up",
            Self::PageDown => "page_down",
            Self::PageUp => "page_up",
            Self::First => "first",
            Self::Last => "last",
        }
    }

    /// The action with this config name.
    pub fn from_name(name: &str) -> Option<Action> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }

    /// A short label for the footer.
    pub fn label(self) -> &'static str {
        match self {
            Self::Quit => "quit",
            Self::ToggleHelp => "help",
            Self::Back => "back",
            Self::Lock => "lock",
            Self::MoveDown => "down",
            Self::MoveUp => "up",
            Self::PageDown => "page down",
            Self::PageUp => "page up",
            Self::First => "first",
            Self::Last => "last",
        }
    }

    /// A sentence for the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            Self::Quit => "Leave linkwork (everything is already saved)",
            Self::ToggleHelp => "Show or hide this list of keys",
            Self::Back => "Close this overlay or go back",
            Self::Lock => "Lock the screen now (personal data hidden)",
            Self::MoveDown => "Select the next row",
            Self::MoveUp => "Select the previous row",
            Self::PageDown => "Move down one screenful",
            Self::PageUp => "Move up one screenful",
            Self::First => "Select the first row",
            Self::Last => "Select the last row",
        }
    }

    /// A sentence for the help overlay, as the action works in `mode`.
    pub fn description_in(self, mode: super::mode::Mode) -> &'static str {
        match (mode, self) {
            (super::mode::Mode::Help, Self::MoveDown) => "Scroll down",
            (super::mode::Mode::Help, Self::MoveUp) => "Scroll up",
            _ => self.description(),
        }
    }

    /// Whether the footer shows this action (the rest are in help).
    pub fn in_footer(self) -> bool {
        matches!(
            self,
            Self::Quit | Self::ToggleHelp | Self::Back | Self::MoveDown | Self::MoveUp
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
        }
        let mut names: Vec<_> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }
}
