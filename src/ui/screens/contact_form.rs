//! Logging a contact with the person in the open case file.

mod draw;
mod form;

pub use form::{ContactField, ContactForm};

use crate::domain::contact::ContactPurpose;
use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, pop, push};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Opens the form for the open case (refused, with a notice, when the
/// case is closed), with `purpose` chosen if given.
pub fn open(cx: &mut Context, purpose: Option<ContactPurpose>) -> Effects {
    if cx.case_file.is_none() || cx.closed_notice() {
        return Vec::new();
    }
    let mut form = ContactForm::new(cx.clock.today());
    // The first contact of a case is that, not a check-in.
    let first = cx.case_file.as_ref().is_some_and(|cf| {
        crate::domain::contact::counted(&cf.file.contacts, &cf.file.connections).is_empty()
    });
    let purpose = purpose.or(first.then_some(ContactPurpose::FirstContact));
    if let Some(p) = purpose.and_then(|p| ContactPurpose::ALL.iter().position(|x| *x == p)) {
        form.purpose = p;
    }
    push(form)
}

impl ContactForm {
    fn save(&mut self, cx: &mut Context) -> Effects {
        let (Some(id), Some(backend)) = (cx.case_id(), cx.backend()) else {
            return Vec::new();
        };
        let Some(draft) = self.validate(cx.clock.today()) else {
            return Vec::new();
        };
        match backend.log_contact(id, draft) {
            Ok(entry) => {
                cx.reload();
                cx.notify(
                    if entry.reach == crate::domain::contact::Reach::AboutThem {
                        format!(
                            "Contact of {} about them saved; not counted as a contact with them.",
                            entry.on.format("%-d %b")
                        )
                    } else if entry.reach.is_attempt() {
                        format!(
                            "Attempt of {} saved ({}); not counted as a contact.",
                            entry.on.format("%-d %b"),
                            entry.reach.label().trim_start_matches("Attempt: ")
                        )
                    } else {
                        format!("Contact of {} saved.", entry.on.format("%-d %b"))
                    },
                    false,
                );
                pop()
            }
            Err(e) => {
                cx.notify(e.to_string(), true);
                Vec::new()
            }
        }
    }
}

impl Component for ContactForm {
    fn mode(&self) -> Mode {
        Mode::ContactForm
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::NextTab => self.step_focus(1),
            Action::PrevTab => self.step_focus(-1),
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

    fn type_key(&mut self, key: &KeyEvent, _cx: &mut Context) -> Option<Effects> {
        if self.focus == ContactField::Notes {
            if matches!(key.code, KeyCode::Esc | KeyCode::Tab | KeyCode::BackTab) {
                return None;
            }
            self.notes.input(*key);
            return Some(Vec::new());
        }
        match key.code {
            KeyCode::Char(c) => self.type_char(c),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Enter => self.step_focus(1),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn unsaved(&self) -> Option<&'static str> {
        let notes = self.notes.lines().iter().any(|l| !l.trim().is_empty());
        notes.then_some("the contact you were logging")
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::draw(frame, cx, self, areas.overlay);
    }
}
