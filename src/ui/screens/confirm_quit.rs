//! Asking before quitting throws away what the worker typed: Ctrl-c (or q)
//! with a form half filled in says what would be lost; `y` leaves anyway,
//! `n` or Esc goes back to the form with everything as it was. Esc on a
//! half-filled new referral asks the same before the form closes.

mod draw;

use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effect, Effects, pop};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// The question, naming what would be lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmQuit {
    /// What would be lost, in words.
    pub losing: &'static str,
    /// Whether only the form below closes (Esc), not linkwork.
    pub form_only: bool,
}

impl Component for ConfirmQuit {
    fn mode(&self) -> Mode {
        Mode::ConfirmQuit
    }

    fn handle(&mut self, action: Action, _cx: &mut Context) -> Effects {
        match action {
            // Asked twice: leave.
            Action::Quit => vec![Effect::Dispatch(Action::Quit)],
            _ => Vec::new(),
        }
    }

    fn type_key(&mut self, key: &KeyEvent, cx: &mut Context) -> Option<Effects> {
        match key.code {
            KeyCode::Char('y' | 'Y') if self.form_only => Some(vec![Effect::Pop, Effect::Pop]),
            KeyCode::Char('y' | 'Y') => {
                cx.running = false;
                Some(Vec::new())
            }
            KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Enter => Some(pop()),
            _ => Some(Vec::new()),
        }
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::draw(frame, cx, self, areas.overlay);
    }
}
