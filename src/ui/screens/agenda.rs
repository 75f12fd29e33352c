//! The agenda: seven days from today with what is overdue on top; open a
//! case at an item, log its outcome, or reschedule it.

mod draw;
mod state;

pub use state::AgendaScreen;

use crate::domain::agenda::{AgendaItem, AgendaKind};
use crate::domain::contact::ContactPurpose;
use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effect, Effects, Layer, pop, push};
use crate::ui::screens::case_file::{self, CaseTab};
use crate::ui::screens::{casework_form, contact_form};
use crate::ui::widgets::chrome;
use ratatui::Frame;

impl AgendaScreen {
    /// Opens the agenda on this week.
    pub fn open(cx: &mut Context) -> Effects {
        let mut agenda = AgendaScreen::default();
        agenda.refresh(cx);
        push(agenda)
    }

    /// Reads the agenda's items again.
    fn refresh(&mut self, cx: &mut Context) {
        let Some(backend) = cx.backend() else {
            return;
        };
        match backend.agenda() {
            Ok(items) => {
                self.items = items;
                let n = self.rows(cx.clock.today()).len();
                self.selected = self.selected.min(n.saturating_sub(1));
            }
            Err(e) => cx.notify(e.to_string(), true),
        }
    }

    fn item(&self, cx: &Context) -> Option<AgendaItem> {
        self.rows(cx.clock.today()).get(self.selected).cloned()
    }

    /// Opens the case of the selected item at the tab that shows it.
    fn open_case(&self, cx: &mut Context) -> Effects {
        let Some(item) = self.item(cx) else {
            return Vec::new();
        };
        let tab = match &item.kind {
            AgendaKind::Visit { .. } => CaseTab::Connections,
            AgendaKind::Review | AgendaKind::Step { .. } => CaseTab::Plan,
            _ => CaseTab::Summary,
        };
        let effects = case_file::open(cx, item.case_id, tab, 0);
        // A visit opens on its own connection, found in the file just read.
        if let (AgendaKind::Visit { connection, .. }, Some(cf)) = (&item.kind, cx.case_file.as_mut()) {
            cf.connection = cf
                .file
                .connections
                .iter()
                .position(|c| c.id == *connection)
                .unwrap_or(0);
        }
        effects
    }

    /// `o` on an item: a visit's outcome, or a contact for anything else.
    fn log_outcome(&self, cx: &mut Context) -> Effects {
        let kind = self.item(cx).map(|i| i.kind);
        let mut effects = self.open_case(cx);
        if effects.is_empty() {
            return effects;
        }
        let purpose = match kind {
            Some(AgendaKind::Visit { .. }) => {
                effects.extend(casework_form::log_outcome(cx));
                return effects;
            }
            Some(AgendaKind::FirstContact) => ContactPurpose::FirstContact,
            Some(AgendaKind::Conversation) => ContactPurpose::WhatMatters,
            Some(AgendaKind::Review) => ContactPurpose::PlanReview,
            _ => ContactPurpose::CheckIn,
        };
        effects.extend(contact_form::open(cx, Some(purpose)));
        effects
    }

    /// `s` on an item: reschedule a visit, or change the review date.
    fn reschedule(&self, cx: &mut Context) -> Effects {
        let kind = self.item(cx).map(|i| i.kind);
        let visit = matches!(kind, Some(AgendaKind::Visit { .. }));
        let review = matches!(kind, Some(AgendaKind::Review));
        if kind.is_none() {
            return Vec::new();
        }
        if !visit && !review {
            cx.notify(
                "Only visits and reviews are rescheduled here; open the case for the rest.",
                false,
            );
            return Vec::new();
        }
        let mut effects = self.open_case(cx);
        if effects.is_empty() {
            return effects;
        }
        if visit {
            effects.extend(casework_form::reschedule(cx));
        } else {
            // The plan editor opens on its review date row.
            effects.extend(crate::ui::screens::plan::open(cx));
            effects.push(Effect::Dispatch(Action::Open));
        }
        effects
    }
}

impl Component for AgendaScreen {
    fn mode(&self) -> Mode {
        Mode::Agenda
    }

    fn layer(&self) -> Layer {
        Layer::Base
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        let today = cx.clock.today();
        match action {
            Action::MoveDown | Action::MoveUp => {
                let step = if action == Action::MoveDown { 1 } else { -1 };
                let n = self.rows(today).len();
                self.selected =
                    (self.selected as isize + step).clamp(0, n.saturating_sub(1) as isize) as usize;
            }
            Action::NextWeek | Action::PrevWeek => {
                self.offset += if action == Action::NextWeek { 1 } else { -1 };
                self.selected = 0;
            }
            Action::Open => return self.open_case(cx),
            Action::LogOutcome => return self.log_outcome(cx),
            Action::Reschedule => return self.reschedule(cx),
            Action::Back => return pop(),
            _ => {}
        }
        Vec::new()
    }

    fn resume(&mut self, cx: &mut Context) {
        cx.case_file = None;
        self.refresh(cx);
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        chrome::title(frame, cx, areas.title);
        draw::draw(frame, cx, self, areas.body);
    }
}
