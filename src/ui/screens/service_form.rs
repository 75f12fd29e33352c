//! Adding or editing a directory service: every field as text, checked
//! on save, saved into the store and the search index.

mod draw;
mod state;

pub use state::ServiceForm;

use crate::store::AuditAction;
use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, pop};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl ServiceForm {
    fn save(&mut self, cx: &mut Context) -> Effects {
        let Some((service, org)) = self.apply() else {
            cx.notify("Some fields need another look (marked ✗).", true);
            return Vec::new();
        };
        let action = if self.adding {
            // Show the new service whatever the query was.
            cx.directory.query.clear();
            AuditAction::Created
        } else {
            AuditAction::Updated
        };
        if !cx.store_service(&service, &org, action) {
            return Vec::new();
        }
        let verb = if self.adding { "added" } else { "saved" };
        cx.notify(format!("{} {verb}.", service.name), false);
        pop()
    }
}

impl Component for ServiceForm {
    fn mode(&self) -> Mode {
        Mode::ServiceForm
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::NextTab => self.step(1),
            Action::PrevTab => self.step(-1),
            Action::Save => return self.save(cx),
            Action::Back => return pop(),
            _ => {}
        }
        Vec::new()
    }

    fn clear_field(&mut self, cx: &mut Context) -> bool {
        let _ = cx;
        self.values[self.focus].clear();
        true
    }

    fn type_key(&mut self, key: &KeyEvent, _cx: &mut Context) -> Option<Effects> {
        match key.code {
            KeyCode::Char(c) => self.values[self.focus].push(c),
            KeyCode::Backspace => {
                self.values[self.focus].pop();
            }
            KeyCode::Enter => self.step(1),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::service(frame, cx, self, areas.overlay);
    }
}
