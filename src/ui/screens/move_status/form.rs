//! Moving a case along its status.

use crate::domain::case::CaseStatus;
use chrono::NaiveDate;

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
    /// When it happened, as typed (`today` unless changed): the day the
    /// person accepted or declined is the SNOMED code's date.
    pub on: String,
    /// Whether the cursor is on the date (else on the reason).
    pub on_date: bool,
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
            on: "today".into(),
            on_date: false,
            chosen: None,
            message: None,
        }
    }

    /// The move to `to` on the day `on`, offered (waiting for Enter) with
    /// the reason it is offered.
    pub fn offer(from: CaseStatus, to: CaseStatus, on: NaiveDate, why: &str) -> Self {
        let mut form = Self::new(from);
        if let Some(i) = form.options.iter().position(|s| *s == to) {
            form.selected = i;
        }
        form.chosen = Some(to);
        form.on = on.format("%-d/%-m/%Y").to_string();
        form.on_date = true;
        form.message = Some(why.to_owned());
        form
    }

    /// Whether the chosen move needs a typed reason.
    pub fn needs_reason(to: CaseStatus) -> bool {
        matches!(to, CaseStatus::Declined | CaseStatus::NotContactable)
    }
}

