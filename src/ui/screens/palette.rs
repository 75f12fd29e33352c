//! The command palette: the actions of the screen it was opened from,
//! found by typing part of their name; Enter runs the one chosen there.

mod draw;
mod state;

pub use state::Palette;

use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effect, Effects, pop};
use crate::ui::widgets::wrap;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl Component for Palette {
    fn mode(&self) -> Mode {
        Mode::Palette
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::MoveDown | Action::MoveUp => {
                let n = self.entries(&cx.keymap).len();
                let step = if action == Action::MoveDown { 1 } else { -1 };
                self.selected = wrap(self.selected, step, n);
            }
            Action::Open => {
                let chosen = self.entries(&cx.keymap).get(self.selected).map(|e| e.0);
                let mut effects = pop();
                effects.extend(chosen.map(Effect::Dispatch));
                return effects;
            }
            Action::Back => return pop(),
            _ => {}
        }
        Vec::new()
    }

    fn clear_field(&mut self, cx: &mut Context) -> bool {
        let _ = cx;
        self.query.clear();
        self.selected = 0;
        true
    }

    fn type_key(&mut self, key: &KeyEvent, _cx: &mut Context) -> Option<Effects> {
        match key.code {
            KeyCode::Char(c) => self.query.push(c),
            KeyCode::Backspace => {
                self.query.pop();
            }
            _ => return None,
        }
        self.selected = 0;
        Some(Vec::new())
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::draw(frame, cx, self, areas.overlay);
    }
}
