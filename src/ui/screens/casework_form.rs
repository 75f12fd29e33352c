//! The small forms of the support ladder, the time limit, discharge and
//! wellbeing measures: opened with sensible values filled in, saved
//! through the store by their named fields.

mod correct;
mod draw;
mod form;
mod open;
mod save;

pub use correct::{correct, selected_contact, strike_out};
pub use form::{CaseworkForm, Field, FieldValue, FormField, FormPurpose, StrikeTarget};
pub use open::{
    discharge, end_connection, extension, log_outcome, measure, reschedule, target_connection,
    visit_plan, write_visit_card,
};

use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, pop};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl Component for CaseworkForm {
    fn mode(&self) -> Mode {
        Mode::CaseworkForm
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::NextTab => {
                self.step(1);
            }
            Action::PrevTab => {
                self.step(-1);
            }
            Action::NextValue => self.cycle(1),
            Action::PrevValue => self.cycle(-1),
            Action::Save => return self.save(cx),
            Action::Back => return pop(),
            _ => {}
        }
        Vec::new()
    }

    fn clear_field(&mut self, cx: &mut Context) -> bool {
        let _ = cx;
        self.clear()
    }

    fn type_key(&mut self, key: &KeyEvent, cx: &mut Context) -> Option<Effects> {
        match key.code {
            KeyCode::Char(c) => self.type_char(c),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Enter => {
                if !self.step(1) {
                    return Some(self.save(cx));
                }
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    fn unsaved(&self) -> Option<&'static str> {
        self.edited.then_some("what you were typing in this form")
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::draw(frame, cx, self, areas.overlay);
    }
}
