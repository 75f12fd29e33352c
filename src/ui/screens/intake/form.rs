//! The referral intake form as a state machine: events in, effects out,
//! no terminal and no store. Each field is checked as it is left.

use crate::domain::intake::{IntakeDraft, IntakeField};
use crate::domain::referral::{Consent, Need, ReferralSource, Urgency};
use crate::store::Duplicate;
use chrono::NaiveDate;

/// Something the worker did in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntakeEvent {
    /// A character typed.
    Char(char),
    /// Backspace.
    Backspace,
    /// Ctrl-u: the field emptied.
    Clear,
    /// Next field.
    Next,
    /// Previous field.
    Prev,
    /// Next choice (or need).
    NextValue,
    /// Previous choice (or need).
    PrevValue,
    /// Save.
    Submit,
    /// Cancel.
    Cancel,
}

/// What the app must do after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntakeEffect {
    /// Nothing beyond redrawing.
    None,
    /// Every field passes: look for duplicates, then save.
    CheckDuplicates,
    /// Save as a new person.
    SaveNewPerson,
    /// Save as a new episode of the highlighted duplicate.
    SaveNewEpisode,
    /// Close the form without saving.
    Cancelled,
}

/// The intake form.
#[derive(Debug, Clone)]
pub struct IntakeForm {
    /// The draft.
    pub draft: IntakeDraft,
    /// Index into [`IntakeField::ALL`] of the field with the cursor.
    pub focus: usize,
    /// Errors shown beside fields.
    pub errors: Vec<(IntakeField, String)>,
    /// The need under the cursor in the needs field.
    pub need_cursor: usize,
    /// Possible duplicates, once found (the form then asks what to do).
    pub duplicates: Vec<Duplicate>,
    /// The highlighted duplicate.
    pub duplicate: usize,
    today: NaiveDate,
}

const URGENCIES: [Urgency; 3] = [Urgency::Routine, Urgency::Soon, Urgency::Urgent];
const CONSENTS: [Consent; 3] = [Consent::NotAsked, Consent::Yes, Consent::No];

impl IntakeForm {
    /// An empty form.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            draft: IntakeDraft::new(today),
            focus: 0,
            errors: Vec::new(),
            need_cursor: 0,
            duplicates: Vec::new(),
            duplicate: 0,
            today,
        }
    }

    /// The field with the cursor.
    pub fn field(&self) -> IntakeField {
        IntakeField::ALL[self.focus]
    }

    /// The error beside `field`, if any.
    pub fn error(&self, field: IntakeField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    fn leave(&mut self) {
        let field = self.field();
        self.errors.retain(|(f, _)| *f != field);
        if let Err(e) = self.draft.check(field, self.today) {
            self.errors.push((field, e));
        }
    }

    /// Applies one event.
    pub fn handle(&mut self, event: IntakeEvent) -> IntakeEffect {
        if !self.duplicates.is_empty() {
            return self.handle_duplicates(event);
        }
        let field = self.field();
        match event {
            IntakeEvent::Char(' ') if field == IntakeField::Needs => {
                let need = Need::ALL[self.need_cursor];
                if let Some(i) = self.draft.needs.iter().position(|n| *n == need) {
                    self.draft.needs.remove(i);
                } else {
                    self.draft.needs.push(need);
                }
                self.errors.retain(|(f, _)| *f != IntakeField::Needs);
            }
            IntakeEvent::Char(c) if field.is_text() => self.draft.get_mut(field).push(c),
            IntakeEvent::Backspace if field.is_text() => {
                self.draft.get_mut(field).pop();
            }
            IntakeEvent::Clear if field.is_text() => self.draft.get_mut(field).clear(),
            IntakeEvent::Next | IntakeEvent::Prev => {
                self.leave();
                let step = if event == IntakeEvent::Next { 1 } else { -1 };
                self.focus = crate::ui::widgets::wrap(self.focus, step, IntakeField::ALL.len());
            }
            IntakeEvent::NextValue | IntakeEvent::PrevValue => {
                let step = if event == IntakeEvent::NextValue {
                    1
                } else {
                    -1
                };
                match field {
                    IntakeField::Source => {
                        self.draft.source = Some(match self.draft.source {
                            None if step > 0 => ReferralSource::ALL[0],
                            None => ReferralSource::ALL[ReferralSource::ALL.len() - 1],
                            Some(s) => crate::ui::widgets::step_value(&ReferralSource::ALL, s, step),
                        });
                        self.errors.retain(|(f, _)| *f != IntakeField::Source);
                    }
                    IntakeField::Needs => {
                        self.need_cursor = crate::ui::widgets::wrap(self.need_cursor, step, Need::ALL.len());
                    }
                    IntakeField::Urgency => {
                        self.draft.urgency = crate::ui::widgets::step_value(&URGENCIES, self.draft.urgency, step)
                    }
                    IntakeField::Consent => {
                        self.draft.consent = crate::ui::widgets::step_value(&CONSENTS, self.draft.consent, step)
                    }
                    _ => {}
                }
            }
            IntakeEvent::Submit => {
                self.errors = self.draft.errors(self.today);
                if self.errors.is_empty() {
                    return IntakeEffect::CheckDuplicates;
                }
                if let Some(first) = IntakeField::ALL
                    .iter()
                    .position(|f| self.error(*f).is_some())
                {
                    self.focus = first;
                }
            }
            IntakeEvent::Cancel => return IntakeEffect::Cancelled,
            _ => {}
        }
        IntakeEffect::None
    }

    fn handle_duplicates(&mut self, event: IntakeEvent) -> IntakeEffect {
        match event {
            IntakeEvent::Next | IntakeEvent::NextValue => {
                self.duplicate = crate::ui::widgets::wrap(self.duplicate, 1, self.duplicates.len());
            }
            IntakeEvent::Prev | IntakeEvent::PrevValue => {
                self.duplicate = crate::ui::widgets::wrap(self.duplicate, -1, self.duplicates.len());
            }
            IntakeEvent::Char('e') | IntakeEvent::Submit => return IntakeEffect::SaveNewEpisode,
            IntakeEvent::Char('n') => return IntakeEffect::SaveNewPerson,
            IntakeEvent::Cancel => self.duplicates.clear(),
            _ => {}
        }
        IntakeEffect::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn type_text(f: &mut IntakeForm, s: &str) {
        for c in s.chars() {
            f.handle(IntakeEvent::Char(c));
        }
    }

    #[test]
    fn fields_are_checked_as_they_are_left() {
        let mut f = IntakeForm::new(today());
        f.handle(IntakeEvent::Next);
        assert_eq!(f.error(IntakeField::GivenName), Some("required"));
        f.handle(IntakeEvent::Prev);
        type_text(&mut f, "Ada");
        f.handle(IntakeEvent::Next);
        assert_eq!(f.error(IntakeField::GivenName), None);
        for _ in 0..3 {
            f.handle(IntakeEvent::Next);
        }
        assert_eq!(f.field(), IntakeField::Gender);
        type_text(&mut f, "x");
        f.handle(IntakeEvent::Next);
        assert!(f.error(IntakeField::Gender).unwrap().contains("non-binary"));
        assert_eq!(f.field(), IntakeField::NhsNumber);
        type_text(&mut f, "943 476 5918");
        f.handle(IntakeEvent::Next);
        assert!(
            f.error(IntakeField::NhsNumber)
                .unwrap()
                .contains("check digit")
        );
    }

    #[test]
    fn submit_lists_every_problem_and_jumps_to_the_first() {
        let mut f = IntakeForm::new(today());
        assert_eq!(f.handle(IntakeEvent::Submit), IntakeEffect::None);
        assert_eq!(f.errors.len(), 4);
        assert_eq!(f.field(), IntakeField::GivenName);
    }

    #[test]
    fn a_complete_form_asks_for_a_duplicate_check_then_a_choice() {
        let mut f = IntakeForm::new(today());
        type_text(&mut f, "Ada");
        f.handle(IntakeEvent::Next);
        type_text(&mut f, "Lovelace");
        while f.field() != IntakeField::Source {
            f.handle(IntakeEvent::Next);
        }
        f.handle(IntakeEvent::NextValue);
        assert_eq!(f.draft.source, Some(ReferralSource::ALL[0]));
        f.handle(IntakeEvent::Next);
        f.handle(IntakeEvent::Next);
        assert_eq!(f.field(), IntakeField::Needs);
        f.handle(IntakeEvent::NextValue);
        f.handle(IntakeEvent::Char(' '));
        assert_eq!(f.draft.needs, [Need::ALL[1]]);
        assert_eq!(f.handle(IntakeEvent::Submit), IntakeEffect::CheckDuplicates);
        let (person, _) = f
            .draft
            .build(crate::domain::ids::PersonId(1), today())
            .unwrap();
        f.duplicates = vec![Duplicate {
            person,
            episodes: vec![],
        }];
        assert_eq!(f.handle(IntakeEvent::Char('x')), IntakeEffect::None);
        assert_eq!(
            f.handle(IntakeEvent::Char('e')),
            IntakeEffect::SaveNewEpisode
        );
        assert_eq!(
            f.handle(IntakeEvent::Char('n')),
            IntakeEffect::SaveNewPerson
        );
        assert_eq!(f.handle(IntakeEvent::Cancel), IntakeEffect::None);
        assert!(f.duplicates.is_empty(), "Esc goes back to the form");
        assert_eq!(f.handle(IntakeEvent::Cancel), IntakeEffect::Cancelled);
    }
}
