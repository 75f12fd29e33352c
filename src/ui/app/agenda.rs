//! The agenda screen: the items of every open case, cached when the
//! screen opens (and after each change), shown a week at a time.

use super::{App, CaseFileState, CaseTab};
use crate::domain::agenda::{AgendaItem, AgendaKind, Week, week};
use crate::ui::mode::Mode;
use chrono::{Duration, NaiveDate};

/// The agenda's state.
#[derive(Debug, Clone, Default)]
pub struct AgendaScreen {
    /// Every dated item of the open cases.
    pub items: Vec<AgendaItem>,
    /// Weeks from this one (0: the seven days from today).
    pub offset: i64,
    /// The selected row (overdue first, then day by day).
    pub selected: usize,
}

impl AgendaScreen {
    /// The first day shown.
    pub fn start(&self, today: NaiveDate) -> NaiveDate {
        today + Duration::weeks(self.offset)
    }

    /// The week shown.
    pub fn week(&self, today: NaiveDate) -> Week {
        week(&self.items, self.start(today), today)
    }

    /// The rows that can be selected, in screen order.
    pub fn rows(&self, today: NaiveDate) -> Vec<AgendaItem> {
        let w = self.week(today);
        w.overdue
            .into_iter()
            .chain(w.days.into_iter().flat_map(|(_, items)| items))
            .collect()
    }
}

impl App {
    /// Whether the agenda is open (perhaps behind a case file).
    pub(super) fn agenda_open(&self) -> bool {
        self.agenda.is_some()
    }

    /// Opens the agenda on this week.
    pub(super) fn open_agenda(&mut self) {
        self.agenda = Some(AgendaScreen::default());
        self.refresh_agenda();
        self.mode = Mode::Agenda;
    }

    /// Reads the agenda's items again.
    pub(super) fn refresh_agenda(&mut self) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        match backend.agenda() {
            Ok(items) => {
                if let Some(a) = self.agenda.as_mut() {
                    a.items = items;
                    let n = a.rows(self.clock.today()).len();
                    a.selected = a.selected.min(n.saturating_sub(1));
                }
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    /// Moves the selection.
    pub(super) fn agenda_move(&mut self, step: isize) {
        let today = self.clock.today();
        if let Some(a) = self.agenda.as_mut() {
            let n = a.rows(today).len();
            a.selected =
                (a.selected as isize + step).clamp(0, n.saturating_sub(1) as isize) as usize;
        }
    }

    /// Moves a week.
    pub(super) fn agenda_week(&mut self, step: i64) {
        if let Some(a) = self.agenda.as_mut() {
            a.offset += step;
            a.selected = 0;
        }
    }

    fn agenda_item(&self) -> Option<AgendaItem> {
        let a = self.agenda.as_ref()?;
        a.rows(self.clock.today()).get(a.selected).cloned()
    }

    /// Opens the case of the selected item; true if it opened.
    pub(super) fn agenda_open_case(&mut self) -> bool {
        let (Some(item), Some(backend)) = (self.agenda_item(), self.backend.clone()) else {
            return false;
        };
        match backend.case_file(item.case_id) {
            Ok(file) => {
                let (tab, connection) = match &item.kind {
                    AgendaKind::Visit { connection, .. } => (
                        CaseTab::Connections,
                        file.connections
                            .iter()
                            .position(|c| c.id == *connection)
                            .unwrap_or(0),
                    ),
                    AgendaKind::Review | AgendaKind::Step { .. } => (CaseTab::Plan, 0),
                    _ => (CaseTab::Summary, 0),
                };
                self.case_file = Some(CaseFileState {
                    file,
                    tab,
                    scroll: 0,
                    connection,
                });
                self.mode = Mode::CaseFile;
                true
            }
            Err(e) => {
                self.notify(e.to_string(), true);
                false
            }
        }
    }

    /// `o` on an item: a visit's outcome, or a contact for anything else.
    pub(super) fn agenda_log_outcome(&mut self) {
        use crate::domain::contact::ContactPurpose;
        let kind = self.agenda_item().map(|i| i.kind);
        if !self.agenda_open_case() {
            return;
        }
        let purpose = match kind {
            Some(AgendaKind::Visit { .. }) => return self.start_log_outcome(),
            Some(AgendaKind::FirstContact) => ContactPurpose::FirstContact,
            Some(AgendaKind::Conversation) => ContactPurpose::WhatMatters,
            Some(AgendaKind::Review) => ContactPurpose::PlanReview,
            _ => ContactPurpose::CheckIn,
        };
        self.start_contact();
        if let Some(f) = self.contact_form.as_mut() {
            f.purpose = ContactPurpose::ALL
                .iter()
                .position(|p| *p == purpose)
                .unwrap_or(f.purpose);
        }
    }

    /// `s` on an item: reschedule a visit, or change the review date.
    pub(super) fn agenda_reschedule(&mut self) {
        let kind = self.agenda_item().map(|i| i.kind);
        let visit = matches!(kind, Some(AgendaKind::Visit { .. }));
        let review = matches!(kind, Some(AgendaKind::Review));
        if kind.is_none() {
            return;
        }
        if !visit && !review {
            self.notify(
                "Only visits and reviews are rescheduled here; open the case for the rest.",
                false,
            );
            return;
        }
        if !self.agenda_open_case() {
            return;
        }
        if visit {
            self.start_reschedule();
        } else {
            // The plan editor opens on its review date row.
            self.open_plan_editor();
            self.plan_open();
        }
    }
}
