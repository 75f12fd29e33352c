//! Editing the details of the person and the case in the open case file.

mod draw;
mod form;

pub use form::EditForm;

use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, pop, push};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Opens the form for the open case (refused when it is closed).
pub fn open(cx: &mut Context) -> Effects {
    if cx.closed_notice() {
        return Vec::new();
    }
    match &cx.case_file {
        Some(cf) => push(EditForm::new(&cf.file.person, &cf.file.case)),
        None => Vec::new(),
    }
}

impl EditForm {
    fn save(&mut self, cx: &mut Context) -> Effects {
        let Some(backend) = cx.backend() else {
            return Vec::new();
        };
        let Some((person, case)) = self.apply(cx.clock.today()) else {
            return Vec::new();
        };
        match backend.save_edits(&person, &case) {
            Ok(()) => {
                cx.reload();
                cx.notify("Changes saved.", false);
                pop()
            }
            Err(e) => {
                cx.notify(e.to_string(), true);
                Vec::new()
            }
        }
    }
}

impl Component for EditForm {
    fn mode(&self) -> Mode {
        Mode::Edit
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::NextTab => self.step(1, cx.clock.today()),
            Action::PrevTab => self.step(-1, cx.clock.today()),
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

    fn type_key(&mut self, key: &KeyEvent, cx: &mut Context) -> Option<Effects> {
        match key.code {
            KeyCode::Char(c) => self.type_char(c),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Enter => self.step(1, cx.clock.today()),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn unsaved(&self) -> Option<&'static str> {
        let changed = EditForm::new(self.person(), self.case()).values != self.values;
        changed.then_some("the changes you were making")
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::draw(frame, cx, self, areas.overlay);
    }
}
