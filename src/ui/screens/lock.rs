//! The screen lock: after a stretch without input (or on request) personal
//! data is hidden until the passphrase is typed (unencrypted stores: any
//! key). It takes every key and draws over everything.

mod draw;
mod state;

pub use state::{Lock, Unlocker};

use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, Layer, pop};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl Component for Lock {
    fn mode(&self) -> Mode {
        Mode::Lock
    }

    fn layer(&self) -> Layer {
        Layer::Full
    }

    fn handle(&mut self, _action: Action, _cx: &mut Context) -> Effects {
        Vec::new()
    }

    fn type_key(&mut self, key: &KeyEvent, cx: &mut Context) -> Option<Effects> {
        let check = match &cx.unlocker {
            Unlocker::AnyKey => return Some(pop()),
            Unlocker::Passphrase(check) => check.clone(),
        };
        match key.code {
            KeyCode::Enter => {
                if check(&self.typed) {
                    return Some(pop());
                }
                self.typed.clear();
                self.message = Some("That passphrase does not open this caseload.");
            }
            KeyCode::Backspace => {
                self.typed.pop();
            }
            KeyCode::Esc => self.typed.clear(),
            // Ctrl and Alt chords are not part of a passphrase.
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.typed.push(c)
            }
            _ => {}
        }
        Some(Vec::new())
    }

    fn draw(&self, frame: &mut Frame, _areas: &Areas, cx: &Context) {
        draw::draw(frame, cx, self);
    }
}
