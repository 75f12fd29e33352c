//! The keymap: which key does which action in which mode. Mode bindings
//! are looked up first, then the global ones. Users override bindings in
//! `config.toml`; the help overlay and footer read this same table.

mod chord;

pub use chord::{ChordError, KeyChord};

use super::action::Action;
use super::mode::Mode;
use crate::config::{Config, ConfigError};
use ratatui::crossterm::event::KeyCode;

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
        use KeyCode::*;
        let k = KeyChord::key;
        let c = KeyChord::char;
        let global = vec![
            (k(F(1)), Action::ToggleHelp),
            (KeyChord::ctrl('c'), Action::Quit),
            (KeyChord::ctrl('l'), Action::Lock),
            (KeyChord::ctrl('p'), Action::Palette),
        ];
        let list_moves = || {
            vec![
                (c('j'), Action::MoveDown),
                (k(Down), Action::MoveDown),
                (c('k'), Action::MoveUp),
                (k(Up), Action::MoveUp),
                (k(PageDown), Action::PageDown),
                (KeyChord::ctrl('d'), Action::PageDown),
                (k(PageUp), Action::PageUp),
                (KeyChord::ctrl('u'), Action::PageUp),
                (c('g'), Action::First),
                (k(Home), Action::First),
                (c('G'), Action::Last),
                (k(End), Action::Last),
            ]
        };
        let mut caseload = list_moves();
        caseload.extend([
            (k(Enter), Action::Open),
            (c('n'), Action::NewReferral),
            (c('v'), Action::NextView),
            (c('1'), Action::ViewToday),
            (c('2'), Action::ViewOpen),
            (c('3'), Action::ViewWaiting),
            (c('4'), Action::ViewClosed),
            (c('s'), Action::SortNext),
            (c('S'), Action::SortReverse),
            (c('f'), Action::Filter),
            (c('x'), Action::ClearFilters),
            (c('/'), Action::Find),
            (c('d'), Action::Directory),
            (c('a'), Action::Agenda),
            (c('R'), Action::Reports),
            (c('o'), Action::LogOutcome),
            (c(':'), Action::Palette),
            (k(Esc), Action::Back),
            (c('?'), Action::ToggleHelp),
            (c('q'), Action::Quit),
        ]);
        let mut directory = list_moves();
        directory.extend([
            (c('/'), Action::Find),
            (c('f'), Action::Filter),
            (c('x'), Action::ClearFilters),
            (c('v'), Action::VerifyToday),
            (c('c'), Action::QualityChecks),
            (c('a'), Action::AddService),
            (c('e'), Action::Edit),
            (c('R'), Action::RetireService),
            (k(Enter), Action::Open),
            (c(':'), Action::Palette),
            (k(Esc), Action::Back),
            (c('q'), Action::Back),
            (c('?'), Action::ToggleHelp),
        ]);
        let directory_find = vec![
            (k(Enter), Action::Open),
            (k(Esc), Action::Back),
            (k(Down), Action::MoveDown),
            (k(Up), Action::MoveUp),
            (k(PageDown), Action::PageDown),
            (k(PageUp), Action::PageUp),
        ];
        let quality_checks = vec![
            (c('j'), Action::MoveDown),
            (k(Down), Action::MoveDown),
            (c('k'), Action::MoveUp),
            (k(Up), Action::MoveUp),
            (k(Char(' ')), Action::NextValue),
            (k(Right), Action::NextValue),
            (k(Enter), Action::Open),
            (KeyChord::ctrl('s'), Action::Open),
            (k(Esc), Action::Back),
        ];
        let find = vec![
            (k(Enter), Action::Open),
            (k(Esc), Action::Back),
            (k(Down), Action::MoveDown),
            (k(Up), Action::MoveUp),
        ];
        let filter = vec![
            (c('j'), Action::MoveDown),
            (k(Down), Action::MoveDown),
            (c('k'), Action::MoveUp),
            (k(Up), Action::MoveUp),
            (c('l'), Action::NextValue),
            (k(Right), Action::NextValue),
            (k(Char(' ')), Action::NextValue),
            (c('h'), Action::PrevValue),
            (k(Left), Action::PrevValue),
            (c('x'), Action::ClearFilters),
            (k(Enter), Action::Back),
            (k(Esc), Action::Back),
            (c('f'), Action::Back),
            (c('?'), Action::ToggleHelp),
        ];
        let case_file = vec![
            (k(Tab), Action::NextTab),
            (k(Right), Action::NextTab),
            (c('l'), Action::NextTab),
            (k(BackTab), Action::PrevTab),
            (k(Left), Action::PrevTab),
            (c('h'), Action::PrevTab),
            (c('j'), Action::MoveDown),
            (k(Down), Action::MoveDown),
            (c('k'), Action::MoveUp),
            (k(Up), Action::MoveUp),
            (c('c'), Action::LogContact),
            (c('m'), Action::MoveStatus),
            (c('r'), Action::RiskFlag),
            (c('e'), Action::Edit),
            (c('d'), Action::Directory),
            (c('w'), Action::StartConversation),
            (c('p'), Action::OpenPlan),
            (c('P'), Action::PersonCopy),
            (c('o'), Action::LogOutcome),
            (c('s'), Action::Reschedule),
            (c('v'), Action::VisitPlan),
            (c('V'), Action::VisitCard),
            (c('E'), Action::EndConnection),
            (c('x'), Action::ExtendLimit),
            (c('D'), Action::Discharge),
            (c('L'), Action::DischargeLetter),
            (c('M'), Action::Measure),
            (c(':'), Action::Palette),
            (k(Esc), Action::Back),
            (c('q'), Action::Back),
            (c('?'), Action::ToggleHelp),
        ];
        let conversation = vec![
            (KeyChord::ctrl('n'), Action::NextStep),
            (k(PageDown), Action::NextStep),
            (KeyChord::ctrl('b'), Action::PrevStep),
            (k(PageUp), Action::PrevStep),
            (KeyChord::ctrl('k'), Action::SkipStep),
            (k(Esc), Action::Back),
            (k(Tab), Action::NextTab),
            (k(Down), Action::NextTab),
            (k(BackTab), Action::PrevTab),
            (k(Up), Action::PrevTab),
            (k(Right), Action::NextValue),
            (k(Left), Action::PrevValue),
        ];
        let plan = vec![
            (c('j'), Action::MoveDown),
            (k(Down), Action::MoveDown),
            (c('k'), Action::MoveUp),
            (k(Up), Action::MoveUp),
            (c('g'), Action::First),
            (k(Home), Action::First),
            (c('G'), Action::Last),
            (k(End), Action::Last),
            (k(Enter), Action::Open),
            (k(Right), Action::NextValue),
            (c('l'), Action::NextValue),
            (k(Left), Action::PrevValue),
            (c('h'), Action::PrevValue),
            (k(Char(' ')), Action::MarkDone),
            (c('a'), Action::AgreePlan),
            (c('x'), Action::Remove),
            (k(Delete), Action::Remove),
            (c('/'), Action::Find),
            (c('P'), Action::PersonCopy),
            (c(':'), Action::Palette),
            (k(Esc), Action::Back),
            (c('q'), Action::Back),
            (c('?'), Action::ToggleHelp),
        ];
        let agenda = vec![
            (c('j'), Action::MoveDown),
            (k(Down), Action::MoveDown),
            (c('k'), Action::MoveUp),
            (k(Up), Action::MoveUp),
            (c(']'), Action::NextWeek),
            (k(PageDown), Action::NextWeek),
            (c('['), Action::PrevWeek),
            (k(PageUp), Action::PrevWeek),
            (k(Enter), Action::Open),
            (c('o'), Action::LogOutcome),
            (c('s'), Action::Reschedule),
            (c(':'), Action::Palette),
            (k(Esc), Action::Back),
            (c('q'), Action::Back),
            (c('?'), Action::ToggleHelp),
        ];
        let reports = vec![
            (c('j'), Action::MoveDown),
            (k(Down), Action::MoveDown),
            (c('k'), Action::MoveUp),
            (k(Up), Action::MoveUp),
            (c('['), Action::PrevWeek),
            (c(']'), Action::NextWeek),
            (c('x'), Action::ExportReport),
            (c(':'), Action::Palette),
            (k(Esc), Action::Back),
            (c('q'), Action::Back),
            (c('?'), Action::ToggleHelp),
        ];
        let casework_form = vec![
            (k(Tab), Action::NextTab),
            (k(Down), Action::NextTab),
            (k(BackTab), Action::PrevTab),
            (k(Up), Action::PrevTab),
            (k(Right), Action::NextValue),
            (k(Left), Action::PrevValue),
            (KeyChord::ctrl('s'), Action::Save),
            (k(Esc), Action::Back),
        ];
        let plan_form = vec![
            (k(Tab), Action::NextTab),
            (k(Down), Action::NextTab),
            (k(BackTab), Action::PrevTab),
            (k(Up), Action::PrevTab),
            (k(Right), Action::NextValue),
            (k(Left), Action::PrevValue),
            (KeyChord::ctrl('s'), Action::Save),
            (k(Esc), Action::Back),
        ];
        let contact_form = vec![
            (k(Tab), Action::NextTab),
            (k(BackTab), Action::PrevTab),
            (k(Right), Action::NextValue),
            (k(Left), Action::PrevValue),
            (KeyChord::ctrl('s'), Action::Save),
            (k(Esc), Action::Back),
        ];
        let move_status = vec![
            (k(Down), Action::MoveDown),
            (k(Up), Action::MoveUp),
            (k(Enter), Action::Open),
            (k(Esc), Action::Back),
        ];
        let risk = vec![
            (k(Down), Action::MoveDown),
            (k(Up), Action::MoveUp),
            (k(Right), Action::NextValue),
            (k(Left), Action::PrevValue),
            (k(Enter), Action::Open),
            (k(Esc), Action::Back),
        ];
        let intake = vec![
            (k(Tab), Action::NextTab),
            (k(Down), Action::NextTab),
            (k(BackTab), Action::PrevTab),
            (k(Up), Action::PrevTab),
            (k(Right), Action::NextValue),
            (k(Left), Action::PrevValue),
            (KeyChord::ctrl('s'), Action::Save),
            (k(Esc), Action::Back),
        ];
        let edit = vec![
            (k(Tab), Action::NextTab),
            (k(Down), Action::NextTab),
            (k(BackTab), Action::PrevTab),
            (k(Up), Action::PrevTab),
            (KeyChord::ctrl('s'), Action::Save),
            (k(Esc), Action::Back),
        ];
        let palette = vec![
            (k(Down), Action::MoveDown),
            (k(Up), Action::MoveUp),
            (k(Enter), Action::Open),
            (k(Esc), Action::Back),
        ];
        let help = vec![
            (k(Esc), Action::Back),
            (c('q'), Action::Back),
            (c('?'), Action::Back),
            (c('j'), Action::MoveDown),
            (k(Down), Action::MoveDown),
            (c('k'), Action::MoveUp),
            (k(Up), Action::MoveUp),
        ];
        // The directory's filter panel works like the caseload's, and the
        // service form like the edit form.
        let directory_filter = filter.clone();
        let service_form = edit.clone();
        Self {
            global,
            modes: vec![
                (Mode::Caseload, caseload),
                (Mode::Find, find),
                (Mode::Filter, filter),
                (Mode::CaseFile, case_file),
                (Mode::ContactForm, contact_form),
                (Mode::MoveStatus, move_status),
                (Mode::Risk, risk),
                (Mode::Intake, intake),
                (Mode::Edit, edit),
                (Mode::Conversation, conversation),
                (Mode::Plan, plan),
                (Mode::PlanForm, plan_form),
                (Mode::Agenda, agenda),
                (Mode::CaseworkForm, casework_form),
                (Mode::Reports, reports),
                (Mode::Directory, directory),
                (Mode::DirectoryFind, directory_find),
                (Mode::DirectoryFilter, directory_filter),
                (Mode::ServiceForm, service_form),
                (Mode::QualityChecks, quality_checks),
                (Mode::Palette, palette),
                (Mode::Help, help),
            ],
        }
    }
}

/// Which actions make sense in a mode (a binding to anything else is a
/// config error).
fn allowed(mode: Option<Mode>, action: Action) -> bool {
    use Action::*;
    match mode {
        None => matches!(action, Quit | ToggleHelp | Lock | Palette),
        Some(Mode::Caseload) => matches!(
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
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Some(Mode::Directory) => matches!(
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
                | Open
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Some(Mode::DirectoryFind) => matches!(
            action,
            Open | Back | MoveDown | MoveUp | PageDown | PageUp | ToggleHelp | Quit | Lock
        ),
        Some(Mode::DirectoryFilter) => matches!(
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
        Some(Mode::ServiceForm) => matches!(action, NextTab | PrevTab | Save | Back | Quit | Lock),
        Some(Mode::QualityChecks) => matches!(
            action,
            MoveDown | MoveUp | NextValue | Open | Back | Quit | Lock
        ),
        Some(Mode::Find) => matches!(
            action,
            Open | Back | MoveDown | MoveUp | ToggleHelp | Quit | Lock
        ),
        Some(Mode::Filter) => matches!(
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
        Some(Mode::CaseFile) => matches!(
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
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Some(Mode::ContactForm) => matches!(
            action,
            NextTab | PrevTab | NextValue | PrevValue | Save | Back | Quit | Lock
        ),
        Some(Mode::MoveStatus) => matches!(action, MoveDown | MoveUp | Open | Back | Quit | Lock),
        Some(Mode::Risk) => matches!(
            action,
            MoveDown | MoveUp | NextValue | PrevValue | Open | Back | Quit | Lock
        ),
        Some(Mode::Intake) => matches!(
            action,
            NextTab | PrevTab | NextValue | PrevValue | Save | Back | Quit | Lock
        ),
        Some(Mode::Edit) => matches!(action, NextTab | PrevTab | Save | Back | Quit | Lock),
        Some(Mode::Conversation) => matches!(
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
        Some(Mode::Plan) => matches!(
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
                | Remove
                | Find
                | PersonCopy
                | Palette
                | Back
                | ToggleHelp
                | Quit
                | Lock
        ),
        Some(Mode::Agenda) => matches!(
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
        Some(Mode::Reports) => matches!(
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
        Some(Mode::CaseworkForm) => matches!(
            action,
            NextTab | PrevTab | NextValue | PrevValue | Save | Back | Quit | Lock
        ),
        Some(Mode::PlanForm) => matches!(
            action,
            NextTab | PrevTab | NextValue | PrevValue | Save | Back | Quit | Lock
        ),
        Some(Mode::Palette) => matches!(action, MoveDown | MoveUp | Open | Back | Quit | Lock),
        Some(Mode::Help) => matches!(action, Back | MoveDown | MoveUp | Quit | Lock),
        Some(Mode::Lock) => false,
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
