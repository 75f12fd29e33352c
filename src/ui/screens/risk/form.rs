//! Raising or clearing a risk flag.

use crate::domain::case::RiskKind;

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
    /// The day the risk was raised or cleared, as typed (`today` unless
    /// changed).
    pub on: String,
    /// Whether typing goes into the date (Tab switches), else the note.
    pub on_date: bool,
    /// A refusal or hint.
    pub message: Option<String>,
}

/// The kinds of risk, in menu order.
pub const RISK_KINDS: [RiskKind; 5] = RiskKind::ALL;

impl RiskForm {
    /// The field typing goes into.
    pub fn typed_field(&mut self) -> &mut String {
        if self.on_date { &mut self.on } else { &mut self.note }
    }
}

impl RiskForm {
    /// A form for a case with `active` active flags.
    pub fn new(active: usize) -> Self {
        Self {
            selected: 0,
            active,
            kind: 0,
            note: String::new(),
            on: "today".into(),
            on_date: false,
            message: None,
        }
    }
}

