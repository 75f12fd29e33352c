//! The small forms of casework: logging a contact, moving a status,
//! raising or clearing a risk flag. Each is plain state plus validation;
//! the app applies the result through the store.

use crate::domain::case::{CaseStatus, RiskKind};
use crate::domain::contact::{ContactMode, ContactPurpose};
use crate::store::ContactDraft;
use chrono::{Duration, NaiveDate};
use ratatui_textarea::TextArea;

/// The fields of the contact form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactField {
    /// Date.
    Date,
    /// Mode.
    Mode,
    /// Minutes.
    Minutes,
    /// Purpose.
    Purpose,
    /// Notes.
    Notes,
}

impl ContactField {
    /// Every field, in order.
    pub const ALL: [ContactField; 5] = [
        Self::Date,
        Self::Mode,
        Self::Minutes,
        Self::Purpose,
        Self::Notes,
    ];

    /// Label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "Date",
            Self::Mode => "How",
            Self::Minutes => "Minutes",
            Self::Purpose => "Purpose",
            Self::Notes => "Notes",
        }
    }
}

/// The contact form.
#[derive(Debug, Clone)]
pub struct ContactForm {
    /// Date as typed (`today`, `yesterday` or YYYY-MM-DD).
    pub date: String,
    /// Index into [`ContactMode::ALL`].
    pub mode: usize,
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
}

impl ContactForm {
    /// A new form: today, by phone, 20 minutes, a check-in.
    pub fn new(today: NaiveDate) -> Self {
        let mut notes = TextArea::default();
        notes.set_placeholder_text("What happened, what was agreed (Enter for a new line)");
        Self {
            date: today.format("%Y-%m-%d").to_string(),
            mode: 0,
            minutes: "20".into(),
            purpose: ContactPurpose::ALL
                .iter()
                .position(|p| *p == ContactPurpose::CheckIn)
                .unwrap_or(0),
            notes,
            focus: ContactField::Date,
            errors: Vec::new(),
        }
    }

    /// Moves the cursor to the next (or previous) field.
    pub fn step_focus(&mut self, step: isize) {
        self.focus = super::step_value(&ContactField::ALL, self.focus, step);
    }

    /// Cycles the value of a choice field.
    pub fn cycle(&mut self, step: isize) {
        let cycle = |i: usize, n: usize| super::wrap(i, step, n);
        match self.focus {
            ContactField::Mode => self.mode = cycle(self.mode, ContactMode::ALL.len()),
            ContactField::Purpose => self.purpose = cycle(self.purpose, ContactPurpose::ALL.len()),
            _ => {}
        }
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
        let date = match self.date.trim().to_ascii_lowercase().as_str() {
            "today" | "" => Some(today),
            "yesterday" => Some(today - Duration::days(1)),
            other => NaiveDate::parse_from_str(other, "%Y-%m-%d").ok(),
        };
        match date {
            None => self.errors.push((
                ContactField::Date,
                "use a date like 2026-11-22, or today".into(),
            )),
            Some(d) if d > today => self.errors.push((
                ContactField::Date,
                "a contact cannot be in the future".into(),
            )),
            _ => {}
        }
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
            }),
            _ => None,
        }
    }

    /// Types a character into the focused text field.
    pub fn type_char(&mut self, c: char) {
        match self.focus {
            ContactField::Date => self.date.push(c),
            ContactField::Minutes if c.is_ascii_digit() => self.minutes.push(c),
            _ => {}
        }
    }

    /// Deletes the last character of the focused text field.
    pub fn backspace(&mut self) {
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

/// Moving a case: pick a status, give a reason where one is needed, then
/// confirm a sentence that names the change.
#[derive(Debug, Clone)]
pub struct MoveStatusForm {
    /// The status now.
    pub from: CaseStatus,
    /// Every other status (forbidden ones are refused with a message).
    pub options: Vec<CaseStatus>,
    /// The highlighted option.
    pub selected: usize,
    /// The reason typed (needed to decline).
    pub reason: String,
    /// Set once a move is chosen: waiting for the reason or confirmation.
    pub chosen: Option<CaseStatus>,
    /// A refusal or hint.
    pub message: Option<String>,
}

impl MoveStatusForm {
    /// A form for a case in `from`.
    pub fn new(from: CaseStatus) -> Self {
        let options: Vec<CaseStatus> = CaseStatus::ALL
            .iter()
            .copied()
            .filter(|s| *s != from)
            .collect();
        let selected = options
            .iter()
            .position(|s| from.can_move_to(*s))
            .unwrap_or(0);
        Self {
            from,
            options,
            selected,
            reason: String::new(),
            chosen: None,
            message: None,
        }
    }

    /// Whether the chosen move needs a typed reason.
    pub fn needs_reason(to: CaseStatus) -> bool {
        matches!(to, CaseStatus::Declined | CaseStatus::NotContactable)
    }
}

/// Raising or clearing a risk flag.
#[derive(Debug, Clone)]
pub struct RiskForm {
    /// 0: raise a new flag; n: clear the n-th active flag.
    pub selected: usize,
    /// How many active flags there are.
    pub active: usize,
    /// Index into the risk kinds (for a new flag).
    pub kind: usize,
    /// The note typed.
    pub note: String,
    /// A refusal or hint.
    pub message: Option<String>,
}

/// The kinds of risk, in menu order.
pub const RISK_KINDS: [RiskKind; 4] = [
    RiskKind::Safeguarding,
    RiskKind::RiskToSelf,
    RiskKind::LoneWorking,
    RiskKind::Other,
];

impl RiskForm {
    /// A form for a case with `active` active flags.
    pub fn new(active: usize) -> Self {
        Self {
            selected: 0,
            active,
            kind: 0,
            note: String::new(),
            message: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(f.validate(today()).unwrap().on, today() - Duration::days(1));
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
