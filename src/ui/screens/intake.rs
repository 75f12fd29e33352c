//! A new referral: a new person, or a new episode of someone known, with
//! a duplicate check before anything is saved.

mod draw;
mod form;

pub use form::{IntakeEffect, IntakeEvent, IntakeForm};

use crate::domain::caseload::CaseloadView;
use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effect, Effects, pop};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl IntakeForm {
    /// Runs one event through the form and applies what it asks for.
    fn event(&mut self, event: IntakeEvent, cx: &mut Context) -> Effects {
        let effect = self.handle(event);
        if effect == IntakeEffect::Cancelled {
            // A half-filled referral is not thrown away without asking.
            return match self.unsaved() {
                Some(losing) => vec![Effect::Push(
                    crate::ui::screens::ConfirmQuit {
                        losing,
                        form_only: true,
                    }
                    .into(),
                )],
                None => pop(),
            };
        }
        let Some(backend) = cx.backend() else {
            return Vec::new();
        };
        let today = cx.clock.today();
        let saved = match effect {
            IntakeEffect::None | IntakeEffect::Cancelled => return Vec::new(),
            IntakeEffect::CheckDuplicates => match backend.duplicates(&self.draft) {
                Ok(found) if !found.is_empty() => {
                    self.duplicates = found;
                    self.duplicate = 0;
                    return Vec::new();
                }
                Ok(_) => backend.create_referral(&self.draft, None, today),
                Err(e) => Err(e),
            },
            IntakeEffect::SaveNewPerson => backend.create_referral(&self.draft, None, today),
            IntakeEffect::SaveNewEpisode => {
                let existing = self.duplicates.get(self.duplicate).map(|d| d.person.id);
                backend.create_referral(&self.draft, existing, today)
            }
        };
        match saved {
            Ok(case_id) => {
                cx.refresh_row(case_id);
                cx.caseload.set_view(CaseloadView::Waiting);
                cx.caseload.select_case(case_id);
                cx.notify(
                    "Referral saved; it is in Waiting until the first contact.",
                    false,
                );
                pop()
            }
            Err(e) => {
                self.duplicates.clear();
                cx.notify(e.to_string(), true);
                Vec::new()
            }
        }
    }
}

impl Component for IntakeForm {
    fn mode(&self) -> Mode {
        Mode::Intake
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        let event = match action {
            Action::NextTab => IntakeEvent::Next,
            Action::PrevTab => IntakeEvent::Prev,
            Action::NextValue => IntakeEvent::NextValue,
            Action::PrevValue => IntakeEvent::PrevValue,
            Action::Save => IntakeEvent::Submit,
            Action::Back => IntakeEvent::Cancel,
            _ => return Vec::new(),
        };
        self.event(event, cx)
    }

    fn clear_field(&mut self, cx: &mut Context) -> bool {
        let effects = self.event(IntakeEvent::Clear, cx);
        debug_assert!(effects.is_empty());
        true
    }

    fn type_key(&mut self, key: &KeyEvent, cx: &mut Context) -> Option<Effects> {
        let event = match key.code {
            KeyCode::Char(c) => IntakeEvent::Char(c),
            KeyCode::Backspace => IntakeEvent::Backspace,
            KeyCode::Enter if !self.duplicates.is_empty() => IntakeEvent::Submit,
            KeyCode::Enter => IntakeEvent::Next,
            _ => return None,
        };
        Some(self.event(event, cx))
    }

    fn unsaved(&self) -> Option<&'static str> {
        // Anything the worker gave beyond the form as it opened (the
        // received date is filled in with today).
        let fresh = crate::domain::intake::IntakeDraft::new(self.draft.today);
        let typed = self
            .draft
            .text
            .iter()
            .any(|(f, t)| !t.trim().is_empty() && t != fresh.get(*f));
        let chosen = self.draft.source.is_some()
            || !self.draft.needs.is_empty()
            || self.draft.urgency != fresh.urgency
            || self.draft.consent != fresh.consent;
        (typed || chosen).then_some("the referral you were entering")
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::draw(frame, cx, self, areas.overlay);
    }
}
