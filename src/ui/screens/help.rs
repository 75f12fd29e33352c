//! The help overlay: every key binding, generated from the keymap, the
//! keys of the screen it was opened from first.

mod draw;

pub use draw::lines;

use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, pop};
use ratatui::Frame;

/// The help overlay.
#[derive(Debug, Clone)]
pub struct Help {
    /// The screen it was opened from.
    pub from: Mode,
    /// Lines scrolled.
    pub scroll: usize,
}

impl Help {
    /// Help for the screen in `from`.
    pub fn new(from: Mode) -> Self {
        Self { from, scroll: 0 }
    }
}

impl Component for Help {
    fn mode(&self) -> Mode {
        Mode::Help
    }

    fn handle(&mut self, action: Action, _cx: &mut Context) -> Effects {
        match action {
            Action::ToggleHelp | Action::Back => return pop(),
            Action::MoveDown => self.scroll += 1,
            Action::MoveUp => self.scroll = self.scroll.saturating_sub(1),
            _ => {}
        }
        Vec::new()
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::draw(frame, cx, self.from, self.scroll, areas.overlay);
    }
}
