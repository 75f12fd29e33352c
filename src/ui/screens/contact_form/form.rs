//! The contact form: date, how, whether they were reached, minutes,
//! purpose and notes.

use crate::domain::contact::{ContactMode, ContactPurpose, Reach};
use crate::store::ContactDraft;
use crate::ui::widgets::{step_value, wrap};
use chrono::NaiveDate;
use ratatui_textarea::TextArea;

/// The fields of the contact form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactField {
    /// Date.
    Date,
    /// Mode.
    Mode,
    /// Reached, or an attempt.
    Reach,
    /// Minutes.
    Minutes,
    /// Purpose.
    Purpose,
    /// Notes.
    Notes,
}

impl ContactField {
    /// Every field, in order.
    pub const ALL: [ContactField; 6] = [
        Self::Date,
        Self::Mode,
        Self::Reach,
        Self::Minutes,
        Self::Purpose,
        Self::Notes,
    ];

    /// Label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "Date",
            Self::Mode => "How",
            Self::Reach => "Reached?",
            Self::Minutes => "Minutes",
            Self::Purpose => "Purpose",
            Self::Notes => "Notes",
        }
    }
}

/// The contact form.
#[derive(Debug, Clone)]
pub struct ContactForm {
    /// Date as typed (any form of the one date entry).
    pub date: String,
    /// Index into [`ContactMode::ALL`].
    pub mode: usize,
    /// Index into [`Reach::ALL`].
    pub reach: usize,
    /// Minutes as typed.
    pub minutes: String,
    /// Index into [`ContactPurpose::ALL`].
    pub purpose: usize,
    /// Notes editor.
    pub notes: TextArea<'static>,
    /// The field with the cursor.
    pub focus: ContactField,
    /// Errors by field.
    pub errors: Vec<(ContactField, String)>,
    /// Whether the focused field still holds the value it was given (or had
    /// when the cursor arrived): the first key typed replaces it, as a
    /// selected value would be, so 45 typed over 20 is 45, not 2045.
    pub replace_on_type: bool,
}

impl ContactForm {
    /// A new form: today, by phone, 20 minutes, a check-in.
    pub fn new(today: NaiveDate) -> Self {
        let mut notes = TextArea::default();
        notes.set_placeholder_text("What happened, what was agreed (Enter for a new line)");
        Self {
            date: today.format("%-d/%-m/%Y").to_string(),
            mode: 0,
            reach: 0,
            minutes: "20".into(),
            purpose: ContactPurpose::ALL
                .iter()
                .position(|p| *p == ContactPurpose::CheckIn)
                .unwrap_or(0),
            notes,
            focus: ContactField::Date,
            errors: Vec::new(),
            replace_on_type: true,
        }
    }

    /// Moves the cursor to the next (or previous) field.
    pub fn step_focus(&mut self, step: isize) {
        self.focus = step_value(&ContactField::ALL, self.focus, step);
        self.replace_on_type = true;
    }

    /// Cycles the value of a choice field. The purpose stops at either end
    /// rather than wrapping, so "Ending support" is never one slip away
    /// from the first entry.
    pub fn cycle(&mut self, step: isize) {
        let cycle = |i: usize, n: usize| wrap(i, step, n);
        match self.focus {
            ContactField::Mode => self.mode = cycle(self.mode, ContactMode::ALL.len()),
            ContactField::Reach => self.reach = cycle(self.reach, Reach::ALL.len()),
            ContactField::Purpose => {
                let last = ContactPurpose::ALL.len() - 1;
                self.purpose = self.purpose.saturating_add_signed(step).min(last);
            }
            _ => {}
        }
    }

    /// The field's error is dropped once it is edited: the mark stays only
    /// on what is still as it was refused.
    fn edited(&mut self) {
        let focus = self.focus;
        self.errors.retain(|(f, _)| *f != focus);
    }

    /// The error shown beside `field`, if any.
    pub fn error(&self, field: ContactField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    /// Checks every field; on success, the contact to save.
    pub fn validate(&mut self, today: NaiveDate) -> Option<ContactDraft> {
        self.errors.clear();
        let date = match self.date.trim() {
            "" => Ok(today),
            typed => crate::domain::typed::past_date(typed, today),
        };
        match date {
            Err(crate::domain::typed::STILL_TO_COME) => self
                .errors
                .push((ContactField::Date, "a contact cannot be in the future".into())),
            Err(e) => self.errors.push((ContactField::Date, e.into())),
            Ok(_) => {}
        }
        let date = date.ok();
        let minutes = self
            .minutes
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|m| (1..=600).contains(m));
        if minutes.is_none() {
            self.errors
                .push((ContactField::Minutes, "minutes from 1 to 600".into()));
        }
        match (date, minutes) {
            (Some(on), Some(minutes)) if self.errors.is_empty() => Some(ContactDraft {
                on,
                mode: ContactMode::ALL[self.mode],
                minutes,
                purpose: ContactPurpose::ALL[self.purpose],
                notes: self.notes.lines().join("\n").trim_end().to_owned(),
                reach: Reach::ALL[self.reach],
            }),
            _ => None,
        }
    }

    /// Types a character into the focused text field.
    pub fn type_char(&mut self, c: char) {
        let replace = std::mem::take(&mut self.replace_on_type);
        let typed = match self.focus {
            ContactField::Date => &mut self.date,
            ContactField::Minutes if c.is_ascii_digit() => &mut self.minutes,
            _ => return,
        };
        if replace {
            typed.clear();
        }
        typed.push(c);
        self.edited();
    }

    /// Empties the focused field (Ctrl-u; in the note, the line up to the
    /// cursor); false where nothing is typed.
    pub fn clear(&mut self) -> bool {
        match self.focus {
            ContactField::Date => self.date.clear(),
            ContactField::Minutes => self.minutes.clear(),
            // In the note, as in a shell: the line up to the cursor.
            ContactField::Notes => {
                self.notes.delete_line_by_head();
            }
            _ => return false,
        }
        self.replace_on_type = false;
        self.edited();
        true
    }

    /// Deletes the last character of the focused field.
    pub fn backspace(&mut self) {
        self.replace_on_type = false;
        self.edited();
        match self.focus {
            ContactField::Date => {
                self.date.pop();
            }
            ContactField::Minutes => {
                self.minutes.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseStatus;
    use crate::ui::screens::MoveStatusForm;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn contact_form_defaults_and_validates() {
        let mut f = ContactForm::new(today());
        let draft = f.validate(today()).unwrap();
        assert_eq!(draft.on, today());
        assert_eq!(draft.mode, ContactMode::Phone);
        assert_eq!(draft.minutes, 20);
        assert_eq!(draft.purpose, ContactPurpose::CheckIn);
        f.date = "yesterday".into();
        assert_eq!(f.validate(today()).unwrap().on, today() - chrono::Duration::days(1));
        f.date = "2026-12-01".into();
        assert!(f.validate(today()).is_none());
        assert_eq!(
            f.error(ContactField::Date),
            Some("a contact cannot be in the future")
        );
        f.date = "next tuesday".into();
        f.minutes = "0".into();
        assert!(f.validate(today()).is_none());
        assert!(f.error(ContactField::Date).is_some() && f.error(ContactField::Minutes).is_some());
    }

    #[test]
    fn a_pre_filled_value_is_replaced_by_the_first_key_and_a_fixed_field_loses_its_mark() {
        let mut f = ContactForm::new(today());
        f.step_focus(3);
        assert_eq!(f.focus, ContactField::Minutes);
        f.type_char('4');
        f.type_char('5');
        assert_eq!(f.minutes, "45", "typed over the pre-filled 20");
        f.backspace();
        f.type_char('0');
        assert_eq!(f.minutes, "40", "after a correction, keys edit in place");
        // Coming back to a field selects its value again.
        f.step_focus(1);
        f.step_focus(-1);
        f.type_char('9');
        assert_eq!(f.minutes, "9");
        f.minutes = "0".into();
        assert!(f.validate(today()).is_none());
        assert!(f.error(ContactField::Minutes).is_some());
        f.backspace();
        f.type_char('3');
        assert_eq!(f.error(ContactField::Minutes), None, "the mark goes with the fix");
        // The date is replaced the same way.
        let mut f = ContactForm::new(today());
        for c in "yesterday".chars() {
            f.type_char(c);
        }
        assert_eq!(f.date, "yesterday");
    }

    #[test]
    fn the_purpose_does_not_wrap_to_ending_support() {
        let mut f = ContactForm::new(today());
        f.focus = ContactField::Purpose;
        f.purpose = 0;
        f.cycle(-1);
        assert_eq!(ContactPurpose::ALL[f.purpose], ContactPurpose::FirstContact);
        f.purpose = ContactPurpose::ALL.len() - 1;
        f.cycle(1);
        assert_eq!(ContactPurpose::ALL[f.purpose], ContactPurpose::Discharge);
    }

    #[test]
    fn choices_cycle_and_focus_wraps() {
        let mut f = ContactForm::new(today());
        f.step_focus(1);
        assert_eq!(f.focus, ContactField::Mode);
        f.cycle(1);
        f.cycle(1);
        assert_eq!(ContactMode::ALL[f.mode], ContactMode::HomeVisit);
        f.cycle(-3);
        assert_eq!(ContactMode::ALL[f.mode], ContactMode::Text);
        f.step_focus(-2);
        assert_eq!(f.focus, ContactField::Notes);
    }

    #[test]
    fn move_form_offers_every_other_status_starting_at_an_allowed_one() {
        let f = MoveStatusForm::new(CaseStatus::Contacted);
        assert_eq!(f.options.len(), 6);
        assert!(CaseStatus::Contacted.can_move_to(f.options[f.selected]));
        assert!(MoveStatusForm::needs_reason(CaseStatus::Declined));
        assert!(!MoveStatusForm::needs_reason(CaseStatus::Active));
    }
}

