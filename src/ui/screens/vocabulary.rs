//! The directory's vocabulary: every taxonomy term the feeds gave (the
//! council's own words for what services do), to browse and pick one to
//! search the directory for.

mod draw;

use crate::domain::directory::taxonomy::VocabularyRow;
use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, pop};
use ratatui::Frame;

/// The vocabulary list.
#[derive(Debug, Clone, Default)]
pub struct VocabularyList {
    /// Every term, in name order.
    pub rows: Vec<VocabularyRow>,
    /// The highlighted row.
    pub row: usize,
}

/// Rows a page moves (the overlay shows about this many).
const PAGE: usize = 10;

impl VocabularyList {
    /// The list of `rows`, the first highlighted.
    pub fn new(rows: Vec<VocabularyRow>) -> Self {
        Self { rows, row: 0 }
    }

    fn step(&mut self, by: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.row = self.row.saturating_add_signed(by).min(last);
    }

    /// Searches the directory for the highlighted term and closes.
    fn choose(&self, cx: &mut Context) -> Effects {
        if let Some(term) = self.rows.get(self.row) {
            cx.directory.query = term.name.clone();
            cx.refresh_directory();
            cx.notify(
                format!("Searching the directory for \"{}\".", term.name),
                false,
            );
        }
        pop()
    }
}

impl Component for VocabularyList {
    fn mode(&self) -> Mode {
        Mode::Vocabulary
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::MoveDown => self.step(1),
            Action::MoveUp => self.step(-1),
            Action::PageDown => self.step(PAGE as isize),
            Action::PageUp => self.step(-(PAGE as isize)),
            Action::First => self.row = 0,
            Action::Last => self.step(isize::MAX),
            Action::Open => return self.choose(cx),
            Action::Back => return pop(),
            _ => {}
        }
        Vec::new()
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::vocabulary(frame, cx, self, areas.overlay);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str) -> VocabularyRow {
        VocabularyRow {
            name: name.into(),
            code: None,
            taxonomy: None,
            description: None,
            parent: None,
        }
    }

    #[test]
    fn moves_stay_on_the_list() {
        let mut l = VocabularyList::new((0..25).map(|i| row(&format!("t{i}"))).collect());
        l.step(-1);
        assert_eq!(l.row, 0);
        l.step(PAGE as isize);
        l.step(PAGE as isize);
        l.step(PAGE as isize);
        assert_eq!(l.row, 24);
        l.step(isize::MAX);
        assert_eq!(l.row, 24);
        let mut empty = VocabularyList::default();
        empty.step(3);
        assert_eq!(empty.row, 0);
    }
}
