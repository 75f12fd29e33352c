//! The service form's state: every field as text, checked on save.

use crate::domain::directory::Service;
use crate::domain::directory::service_edit::{self, ServiceField};
use crate::ui::widgets::wrap;

/// The service form: every field as text, checked on save.
#[derive(Debug, Clone)]
pub struct ServiceForm {
    /// Values in [`ServiceField::ALL`] order.
    pub values: Vec<String>,
    /// The field with the cursor.
    pub focus: usize,
    /// Errors beside fields.
    pub errors: Vec<(ServiceField, String)>,
    /// The service as it was (a blank one when adding).
    pub base: Service,
    /// Whether this adds a new service.
    pub adding: bool,
}

impl ServiceForm {
    /// A form for `service` run by `organisation`.
    pub fn new(service: Service, organisation: &str, adding: bool) -> Self {
        Self {
            values: ServiceField::ALL
                .iter()
                .map(|f| f.get(&service, organisation))
                .collect(),
            focus: 0,
            errors: Vec::new(),
            base: service,
            adding,
        }
    }

    /// The error beside `field`.
    pub fn error(&self, field: ServiceField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    /// Moves the cursor, checking the field it leaves.
    pub fn step(&mut self, step: isize) {
        let field = ServiceField::ALL[self.focus];
        self.errors.retain(|(f, _)| *f != field);
        let mut s = self.base.clone();
        let mut org = String::new();
        if let Err(e) = field.set(&self.values[self.focus], &mut s, &mut org) {
            self.errors.push((field, e));
        }
        self.focus = wrap(self.focus, step, ServiceField::ALL.len());
    }

    /// Applies every value: the service and its organisation's name, or
    /// the errors.
    pub fn apply(&mut self) -> Option<(Service, String)> {
        self.errors.clear();
        let mut s = self.base.clone();
        let mut org = String::new();
        for (field, value) in ServiceField::ALL.iter().zip(&self.values) {
            if let Err(e) = field.set(value, &mut s, &mut org) {
                self.errors.push((*field, e));
            }
        }
        if self.errors.is_empty()
            && let Err(e) = service_edit::check(&s)
        {
            self.errors.push(e);
        }
        self.errors.is_empty().then_some((s, org))
    }
}
