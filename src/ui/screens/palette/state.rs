//! The command palette: every action of the mode it was opened from,
//! found by typing part of its name, with its key shown. Built from the
//! keymap, so it never offers what the keys do not do.

use crate::ui::action::Action;
use crate::ui::keymap::{KeyChord, Keymap};
use crate::ui::mode::Mode;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// The palette's state.
#[derive(Debug, Clone)]
pub struct Palette {
    /// What has been typed.
    pub query: String,
    /// The highlighted entry.
    pub selected: usize,
    /// The mode it was opened from (its actions are offered).
    pub from: Mode,
}

impl Palette {
    /// A palette for `from`.
    pub fn new(from: Mode) -> Self {
        Self {
            query: String::new(),
            selected: 0,
            from,
        }
    }

    /// The matching actions with their keys, best first.
    pub fn entries(&self, keymap: &Keymap) -> Vec<(Action, Vec<KeyChord>)> {
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize, (Action, Vec<KeyChord>))> = keymap
            .actions_in(self.from)
            .into_iter()
            .filter(|(a, _)| *a != Action::Palette)
            .enumerate()
            .filter_map(|(i, (action, keys))| {
                if self.query.is_empty() {
                    return Some((0, i, (action, keys)));
                }
                // A match in the action's own name counts double.
                let name = matcher
                    .fuzzy_match(&action.name().replace('_', " "), &self.query)
                    .map(|s| s * 2);
                let description =
                    matcher.fuzzy_match(action.description_in(self.from), &self.query);
                name.max(description).map(|s| (s, i, (action, keys)))
            })
            .collect();
        // Where some actions contain the query as written, offer only
        // those; otherwise the fuzzy matches.
        let query = self.query.to_lowercase();
        let plain = |a: Action| {
            a.description_in(self.from).to_lowercase().contains(&query)
                || a.name().replace('_', " ").contains(&query)
        };
        if !query.is_empty() && scored.iter().any(|(_, _, (a, _))| plain(*a)) {
            scored.retain(|(_, _, (a, _))| plain(*a));
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, e)| e).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_actions_of_the_mode_by_any_part_of_their_name() {
        let keymap = Keymap::default();
        let mut p = Palette::new(Mode::Caseload);
        assert!(p.entries(&keymap).len() > 10);
        p.query = "referral".into();
        assert_eq!(p.entries(&keymap)[0].0, Action::NewReferral);
        p.query = "wait".into();
        assert_eq!(p.entries(&keymap)[0].0, Action::ViewWaiting);
        let mut p = Palette::new(Mode::CaseFile);
        p.query = "contact".into();
        assert_eq!(p.entries(&keymap)[0].0, Action::LogContact);
        p.query = "zzzz".into();
        assert!(p.entries(&keymap).is_empty());
        let mut p = Palette::new(Mode::Caseload);
        p.query = "sort".into();
        let found: Vec<Action> = p.entries(&keymap).into_iter().map(|(a, _)| a).collect();
        assert_eq!(
            found,
            [Action::SortNext, Action::SortReverse],
            "plain matches only"
        );
    }
}
