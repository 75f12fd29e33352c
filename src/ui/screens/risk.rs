//! Raising a risk flag on the open case, or clearing one with a note.

mod draw;
mod form;

pub use form::{RISK_KINDS, RiskForm};

use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, pop, push};
use crate::ui::widgets::wrap;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Opens the form for the open case (refused when it is closed).
pub fn open(cx: &mut Context) -> Effects {
    if cx.closed_notice() {
        return Vec::new();
    }
    let Some(cf) = cx.case_file.as_ref() else {
        return Vec::new();
    };
    push(RiskForm::new(cf.file.case.active_risks().count()))
}

impl RiskForm {
    fn step(&mut self, step: isize) {
        self.selected = wrap(self.selected, step, self.active + 1);
        self.message = None;
    }

    fn cycle_kind(&mut self, step: isize) {
        if self.selected == 0 {
            self.kind = wrap(self.kind, step, RISK_KINDS.len());
        }
    }

    fn save(&mut self, cx: &mut Context) -> Effects {
        let (Some(id), Some(backend)) = (cx.case_id(), cx.backend()) else {
            return Vec::new();
        };
        if self.note.trim().is_empty() {
            self.message = Some("Type a note first: what the risk is, or why it is cleared.".into());
            return Vec::new();
        }
        let today = cx.clock.today();
        let on = match crate::domain::typed::past_date(&self.on, today) {
            Ok(d) => d,
            Err(e) => {
                self.message = Some(format!("On: {e}."));
                return Vec::new();
            }
        };
        let (result, done) = if self.selected == 0 {
            (
                backend.add_risk(id, RISK_KINDS[self.kind], &self.note, on),
                "Risk flag raised.",
            )
        } else {
            (
                backend.clear_risk(id, self.selected - 1, &self.note, on),
                "Risk flag cleared.",
            )
        };
        match result {
            Ok(_) => {
                cx.reload();
                cx.notify(done, false);
                pop()
            }
            Err(e) => {
                self.message = Some(e.to_string());
                Vec::new()
            }
        }
    }
}

impl Component for RiskForm {
    fn mode(&self) -> Mode {
        Mode::Risk
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::MoveDown => self.step(1),
            Action::MoveUp => self.step(-1),
            Action::NextValue => self.cycle_kind(1),
            Action::PrevValue => self.cycle_kind(-1),
            Action::NextTab | Action::PrevTab => self.on_date = !self.on_date,
            Action::Open => return self.save(cx),
            Action::Back => return pop(),
            _ => {}
        }
        Vec::new()
    }

    fn clear_field(&mut self, cx: &mut Context) -> bool {
        let _ = cx;
        self.typed_field().clear();
        true
    }

    fn type_key(&mut self, key: &KeyEvent, _cx: &mut Context) -> Option<Effects> {
        match key.code {
            KeyCode::Char(c) => self.typed_field().push(c),
            KeyCode::Backspace => {
                self.typed_field().pop();
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    fn unsaved(&self) -> Option<&'static str> {
        (!self.note.trim().is_empty()).then_some("the risk note you were typing")
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::draw(frame, cx, self, areas.overlay);
    }
}
