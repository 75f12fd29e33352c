//! The keymap: which key does which action in which mode. Mode bindings
//! are looked up first, then the global ones. Users override bindings in
//! `config.toml`; the help overlay and footer read this same table.

mod chord;
mod defaults;

pub use chord::{ChordError, KeyChord};

use super::action::Action;
use super::mode::Mode;
use crate::config::{Config, ConfigError};

/// The config section for bindings that work in every mode.
pub const GLOBAL: &str = "global";

/// Bindings, global and per mode, in the order they were added.
#[derive(Debug, Clone)]
pub struct Keymap {
    global: Vec<(KeyChord, Action)>,
    modes: Vec<(Mode, Vec<(KeyChord, Action)>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            global: defaults::global(),
            modes: Mode::ALL
                .into_iter()
                .map(|mode| (mode, defaults::bindings(mode)))
                .collect(),
        }
    }
}

/// Which actions make sense in a mode (a binding to anything else is a
/// config error).
fn allowed(mode: Option<Mode>, action: Action) -> bool {
    use Action::*;
    match mode {
        None => matches!(action, Quit | ToggleHelp | Lock | Palette | ClearField),
        Some(mode) if action == ClearField => mode.takes_text(),
        Some(mode @ (Mode::Caseload | Mode::Directory | Mode::Agenda | Mode::Reports)) => {
            allowed_in_list(mode, action)
        }
        Some(mode @ (Mode::CaseFile | Mode::Conversation | Mode::Plan)) => {
            allowed_in_casework(mode, action)
        }
        Some(mode) => allowed_in_form(mode, action),
    }
}

/// What the list screens (caseload, directory, agenda, reports) may bind.
fn allowed_in_list(mode: Mode, action: Action) -> bool {
    use Action::*;
    match mode {
        Mode::Caseload => matches!(
            action,
            Palette
                | NewReferral
                | MoveDown
                | MoveUp
                | PageDown
                | PageUp
                | First
                | Last
                | Open
                | NextView
                | ViewToday
                | ViewOpen
                | ViewWaiting
                | ViewClosed
                | SortNext
                | SortReverse
                | Filter
                | ClearFilters
                | Find
                | Directory
                | Agenda
                | Reports
                | LogOutcome
                | NeedsALook
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Mode::Directory => matches!(
            action,
            Palette
                | MoveDown
                | MoveUp
                | PageDown
                | PageUp
                | First
                | Last
                | Find
                | Filter
                | ClearFilters
                | VerifyToday
                | QualityChecks
                | AddService
                | Edit
                | RetireService
                | PullFeeds
                | Vocabulary
                | Open
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Mode::Agenda => matches!(
            action,
            MoveDown
                | MoveUp
                | NextWeek
                | PrevWeek
                | Open
                | LogOutcome
                | Reschedule
                | Palette
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Mode::Reports => matches!(
            action,
            MoveDown
                | MoveUp
                | PrevWeek
                | NextWeek
                | ExportReport
                | Palette
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        _ => false,
    }
}

/// What the case file, the conversation and the plan editor may bind.
fn allowed_in_casework(mode: Mode, action: Action) -> bool {
    use Action::*;
    match mode {
        Mode::CaseFile => matches!(
            action,
            Palette
                | Edit
                | NextTab
                | PrevTab
                | MoveDown
                | MoveUp
                | PageDown
                | PageUp
                | LogContact
                | MoveStatus
                | RiskFlag
                | Directory
                | StartConversation
                | OpenPlan
                | PersonCopy
                | LogOutcome
                | Reschedule
                | VisitPlan
                | VisitCard
                | EndConnection
                | ExtendLimit
                | Discharge
                | DischargeLetter
                | Measure
                | Correct
                | StrikeOut
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Mode::Conversation => matches!(
            action,
            NextTab
                | PrevTab
                | NextValue
                | PrevValue
                | NextStep
                | PrevStep
                | SkipStep
                | Back
                | Quit
                | Lock
        ),
        Mode::Plan => matches!(
            action,
            MoveDown
                | MoveUp
                | First
                | Last
                | Open
                | NextValue
                | PrevValue
                | MarkDone
                | AgreePlan
                | UndoPlan
                | Remove
                | Find
                | PersonCopy
                | Palette
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        _ => false,
    }
}

/// What the forms, panels and overlays may bind.
fn allowed_in_form(mode: Mode, action: Action) -> bool {
    use Action::*;
    match mode {
        Mode::DirectoryFind => matches!(
            action,
            Open | Back | MoveDown | MoveUp | PageDown | PageUp | ToggleHelp | Quit | Lock
        ),
        Mode::DirectoryFilter => matches!(
            action,
            MoveDown
                | MoveUp
                | NextValue
                | PrevValue
                | ClearFilters
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Mode::ServiceForm => matches!(action, NextTab | PrevTab | Save | Back | Quit | Lock),
        Mode::QualityChecks => matches!(
            action,
            MoveDown | MoveUp | NextValue | Open | Back | Quit | Lock
        ),
        Mode::NeedsALook => matches!(
            action,
            MoveDown
                | MoveUp
                | PageDown
                | PageUp
                | First
                | Last
                | ApplyAgain
                | DropChange
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Mode::DropReason => matches!(action, Save | Back | ClearField | Quit | Lock),
        Mode::Vocabulary => matches!(
            action,
            MoveDown
                | MoveUp
                | PageDown
                | PageUp
                | First
                | Last
                | Open
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Mode::Find => matches!(
            action,
            Open | Back | MoveDown | MoveUp | ToggleHelp | Quit | Lock
        ),
        Mode::Filter => matches!(
            action,
            MoveDown
                | MoveUp
                | NextValue
                | PrevValue
                | ClearFilters
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Mode::ContactForm => matches!(
            action,
            NextTab | PrevTab | NextValue | PrevValue | Save | Back | Quit | Lock
        ),
        Mode::MoveStatus => matches!(action, MoveDown | MoveUp | Open | Back | Quit | Lock),
        Mode::Risk => matches!(
            action,
            MoveDown
                | MoveUp
                | NextValue
                | PrevValue
                | NextTab
                | PrevTab
                | Open
                | Back
                | Quit
                | Lock
        ),
        Mode::Intake => matches!(
            action,
            NextTab | PrevTab | NextValue | PrevValue | Save | Back | Quit | Lock
        ),
        Mode::Edit => matches!(action, NextTab | PrevTab | Save | Back | Quit | Lock),
        Mode::CaseworkForm => matches!(
            action,
            NextTab | PrevTab | NextValue | PrevValue | Save | Back | Quit | Lock
        ),
        Mode::PlanForm => matches!(
            action,
            NextTab | PrevTab | NextValue | PrevValue | Save | Back | Quit | Lock
        ),
        Mode::Palette => matches!(action, MoveDown | MoveUp | Open | Back | Quit | Lock),
        Mode::Help => matches!(action, Back | MoveDown | MoveUp | Quit | Lock),
        Mode::Lock => false,
        _ => false,
    }
}

impl Keymap {
    /// The default keymap with the overrides of `config` applied. Any bad
    /// override refuses the whole config, naming the file and line.
    pub fn from_config(config: &Config) -> Result<Self, ConfigError> {
        let mut map = Self::default();
        for (section, bindings) in &config.keys {
            let mode = if section.get_ref() == GLOBAL {
                None
            } else {
                Some(Mode::from_name(section.get_ref()).ok_or_else(|| {
                    let names: Vec<_> = Mode::ALL.iter().map(|m| m.name()).collect();
                    config.error_at(
                        section.span(),
                        format!(
                            "unknown key section \"{}\" (sections: {GLOBAL}, {})",
                            section.get_ref(),
                            names.join(", ")
                        ),
                    )
                })?)
            };
            for (key, action) in bindings {
                let chord: KeyChord = key
                    .get_ref()
                    .parse()
                    .map_err(|e: ChordError| config.error_at(key.span(), e.to_string()))?;
                let bound = if action.get_ref() == "none" {
                    None
                } else {
                    let a = Action::from_name(action.get_ref()).ok_or_else(|| {
                        config.error_at(
                            action.span(),
                            format!(
                                "unknown action \"{}\" (see the key table in the README)",
                                action.get_ref()
                            ),
                        )
                    })?;
                    if !allowed(mode, a) {
                        return Err(config.error_at(
                            action.span(),
                            format!(
                                "\"{}\" cannot be bound in [keys.{}]",
                                a.name(),
                                section.get_ref()
                            ),
                        ));
                    }
                    Some(a)
                };
                let list = map.list_mut(mode);
                list.retain(|(c, _)| *c != chord);
                if let Some(a) = bound {
                    list.push((chord, a));
                }
            }
        }
        Ok(map)
    }

    fn list_mut(&mut self, mode: Option<Mode>) -> &mut Vec<(KeyChord, Action)> {
        match mode {
            None => &mut self.global,
            Some(m) => {
                let index = self
                    .modes
                    .iter()
                    .position(|(mm, _)| *mm == m)
                    .unwrap_or_else(|| {
                        self.modes.push((m, Vec::new()));
                        self.modes.len() - 1
                    });
                &mut self.modes[index].1
            }
        }
    }

    /// The bindings of a mode (without the global ones).
    pub fn mode_bindings(&self, mode: Mode) -> &[(KeyChord, Action)] {
        self.modes
            .iter()
            .find(|(m, _)| *m == mode)
            .map_or(&[], |(_, b)| b.as_slice())
    }

    /// The global bindings.
    pub fn global_bindings(&self) -> &[(KeyChord, Action)] {
        &self.global
    }

    /// The action a key does in `mode`.
    pub fn resolve(&self, mode: Mode, chord: KeyChord) -> Option<Action> {
        self.mode_bindings(mode)
            .iter()
            .chain(&self.global)
            .find(|(c, _)| *c == chord)
            .map(|(_, a)| *a)
    }

    /// The first key that does `action` in `mode`, for guidance text (so
    /// it follows the user's bindings).
    pub fn first_key(&self, mode: Mode, action: Action) -> Option<String> {
        self.actions_in(mode)
            .into_iter()
            .find(|(a, _)| *a == action)
            .and_then(|(_, keys)| keys.first().map(ToString::to_string))
    }

    /// Every action that works in `mode`, each with all its keys, in help
    /// order. A global key that a mode binding shadows is left out.
    pub fn actions_in(&self, mode: Mode) -> Vec<(Action, Vec<KeyChord>)> {
        let mut out: Vec<(Action, Vec<KeyChord>)> = Vec::new();
        for &action in Action::ALL {
            let keys: Vec<KeyChord> = self
                .mode_bindings(mode)
                .iter()
                .chain(&self.global)
                .filter(|(c, a)| *a == action && self.resolve(mode, *c) == Some(action))
                .map(|(c, _)| *c)
                .fold(Vec::new(), |mut v, c| {
                    if !v.contains(&c) {
                        v.push(c);
                    }
                    v
                });
            if !keys.is_empty() {
                out.push((action, keys));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
