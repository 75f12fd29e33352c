//! Moving the open case along its status: pick a status, give a reason
//! where one is needed, confirm. Closing goes through the discharge form.

mod draw;
mod form;

pub use form::MoveStatusForm;

use crate::domain::case::CaseStatus;
use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, pop, push};
use crate::ui::screens::casework_form;
use crate::ui::widgets::wrap;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Opens the form for the open case, or says why its status cannot move.
pub fn open(cx: &mut Context) -> Effects {
    let Some(cf) = cx.case_file.as_ref() else {
        return Vec::new();
    };
    let from = cf.file.case.status;
    if from.allowed_moves().is_empty() {
        cx.notify(
            format!(
                "A {} case cannot move; a re-referral opens a new episode.",
                from.label().to_lowercase()
            ),
            true,
        );
        return Vec::new();
    }
    push(MoveStatusForm::new(from))
}

impl MoveStatusForm {
    fn step(&mut self, step: isize) {
        if self.chosen.is_none() {
            self.selected = wrap(self.selected, step, self.options.len());
        } else {
            // ↑/↓ move between the date and the reason.
            self.on_date = !self.on_date;
        }
        self.message = None;
    }

    fn confirm(&mut self, cx: &mut Context) -> Effects {
        let (Some(id), Some(backend)) = (cx.case_id(), cx.backend()) else {
            return Vec::new();
        };
        match self.chosen {
            None => {
                let to = self.options[self.selected];
                if let Err(e) = self.from.check_move(to) {
                    self.message = Some(format!("Refused: {e}."));
                    return Vec::new();
                }
                if to == CaseStatus::Closed {
                    // Closing is a discharge: reason, final measure, letter.
                    let mut effects = pop();
                    effects.extend(casework_form::discharge(cx));
                    return effects;
                }
                self.chosen = Some(to);
                // Typing goes to the reason where one is needed, else the day.
                self.on_date = !Self::needs_reason(to);
                self.message = None;
                Vec::new()
            }
            Some(to) => {
                if to == CaseStatus::Declined && self.reason.trim().is_empty() {
                    self.message = Some("Declining needs a reason.".into());
                    return Vec::new();
                }
                let today = cx.clock.today();
                let on = match crate::domain::typed::past_date(&self.on, today) {
                    Ok(d) => d,
                    Err(e) => {
                        self.message = Some(format!("When: {e}."));
                        return Vec::new();
                    }
                };
                let reason = Some(self.reason.trim().to_owned()).filter(|r| !r.is_empty());
                match backend.move_case(id, to, reason, on) {
                    Ok(case) => {
                        cx.reload();
                        let code = match to {
                            CaseStatus::Active => " (accepted: SNOMED 871731000000106 on that day)",
                            CaseStatus::Declined => " (declined: SNOMED 871711000000103 on that day)",
                            _ => "",
                        };
                        cx.notify(
                            format!(
                                "Moved to {} as of {}{code}.",
                                case.status.label(),
                                on.format("%-d %b %Y")
                            ),
                            false,
                        );
                        pop()
                    }
                    Err(e) => {
                        self.message = Some(e.to_string());
                        Vec::new()
                    }
                }
            }
        }
    }
}

impl Component for MoveStatusForm {
    fn mode(&self) -> Mode {
        Mode::MoveStatus
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::MoveDown => self.step(1),
            Action::MoveUp => self.step(-1),
            Action::Open => return self.confirm(cx),
            Action::Back => return pop(),
            _ => {}
        }
        Vec::new()
    }

    fn clear_field(&mut self, cx: &mut Context) -> bool {
        let _ = cx;
        if self.chosen.is_none() {
            return false;
        }
        if self.on_date {
            self.on.clear();
        } else {
            self.reason.clear();
        }
        true
    }

    fn type_key(&mut self, key: &KeyEvent, _cx: &mut Context) -> Option<Effects> {
        self.chosen?;
        let text = if self.on_date {
            &mut self.on
        } else {
            &mut self.reason
        };
        match key.code {
            KeyCode::Char(c) => text.push(c),
            KeyCode::Backspace => {
                text.pop();
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    fn unsaved(&self) -> Option<&'static str> {
        (!self.reason.trim().is_empty()).then_some("the reason you were typing")
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::draw(frame, cx, self, areas.overlay);
    }
}
