//! The edit form of the case file: every editable field as text, checked
//! as it is left and all together on save.

use crate::domain::case::Case;
use crate::domain::edit::EditField;
use crate::domain::person::Person;
use chrono::NaiveDate;

/// The edit form.
#[derive(Debug, Clone)]
pub struct EditForm {
    /// The values as typed, in [`EditField::ALL`] order.
    pub values: Vec<String>,
    /// The field with the cursor.
    pub focus: usize,
    /// Errors beside fields.
    pub errors: Vec<(EditField, String)>,
    person: Person,
    case: Case,
}

impl EditForm {
    /// The person as they were when the form opened.
    pub fn person(&self) -> &Person {
        &self.person
    }

    /// The case as it was when the form opened.
    pub fn case(&self) -> &Case {
        &self.case
    }

    /// A form holding the current values.
    pub fn new(person: &Person, case: &Case) -> Self {
        Self {
            values: EditField::ALL.iter().map(|f| f.get(person, case)).collect(),
            focus: 0,
            errors: Vec::new(),
            person: person.clone(),
            case: case.clone(),
        }
    }

    /// The error beside `field`.
    pub fn error(&self, field: EditField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    /// Types into the focused field.
    pub fn type_char(&mut self, c: char) {
        self.values[self.focus].push(c);
    }

    /// Deletes the last character of the focused field.
    pub fn backspace(&mut self) {
        self.values[self.focus].pop();
    }

    /// Moves the cursor, checking the field it leaves.
    pub fn step(&mut self, step: isize, today: NaiveDate) {
        let field = EditField::ALL[self.focus];
        self.errors.retain(|(f, _)| *f != field);
        let (mut p, mut c) = (self.person.clone(), self.case.clone());
        if let Err(e) = field.set(&self.values[self.focus], &mut p, &mut c, today) {
            self.errors.push((field, e));
        }
        self.focus = crate::ui::widgets::wrap(self.focus, step, EditField::ALL.len());
    }

    /// Applies every value; the edited records, or the errors.
    pub fn apply(&mut self, today: NaiveDate) -> Option<(Person, Case)> {
        self.errors.clear();
        let (mut p, mut c) = (self.person.clone(), self.case.clone());
        for (field, value) in EditField::ALL.iter().zip(&self.values) {
            if let Err(e) = field.set(value, &mut p, &mut c, today) {
                self.errors.push((*field, e));
            }
        }
        self.errors.is_empty().then_some((p, c))
    }
}
