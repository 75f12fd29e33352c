//! The caseload screen's keys: moving, views, sort, find and the filter
//! panel; opening a case, a new referral, the agenda, reports and the
//! directory.

use crate::domain::caseload::CaseloadView;
use crate::domain::referral::{Need, ReferralSource};
use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effect, Effects, Layer, push};
use crate::ui::screens::{AgendaScreen, case_file, directory, intake, reports};
use crate::ui::widgets::{chrome, step_option, wrap};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// The filter panel's rows.
pub const FILTER_ROWS: [&str; 4] = ["Status", "Need", "Referral source", "Flag"];

/// Which part of the caseload has the keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CaseloadPart {
    /// The list.
    #[default]
    List,
    /// Typing a name or NHS number to find.
    Find,
    /// The filter panel.
    Filter,
}

/// The caseload screen (its rows are the context's cached caseload).
#[derive(Debug, Clone, Default)]
pub struct CaseloadScreen {
    /// Which part has the keys.
    pub part: CaseloadPart,
    /// The highlighted row of the filter panel.
    pub filter_row: usize,
}

impl CaseloadScreen {
    fn after_search(cx: &mut Context) {
        cx.caseload.selected = 0;
        cx.caseload.offset = 0;
        cx.caseload.refresh();
    }

    fn cycle_filter(&self, cx: &mut Context, step: isize) {
        use crate::domain::caseload::CaseFlag;
        let f = &mut cx.caseload.filter;
        match self.filter_row {
            0 => f.status = step_option(super::CaseloadList::statuses(), f.status, step),
            1 => f.need = step_option(&Need::ALL, f.need, step),
            2 => f.source = step_option(&ReferralSource::ALL, f.source, step),
            _ => f.flag = step_option(&CaseFlag::ALL, f.flag, step),
        }
        Self::after_search(cx);
    }

    fn list_action(&mut self, action: Action, cx: &mut Context) -> Effects {
        let page = cx.visible_rows();
        let list = &mut cx.caseload;
        match action {
            Action::MoveDown => list.move_by(1, page),
            Action::MoveUp => list.move_by(-1, page),
            Action::PageDown => list.move_by(page as isize, page),
            Action::PageUp => list.move_by(-(page as isize), page),
            Action::First => list.move_to(0, page),
            Action::Last => list.move_to(usize::MAX, page),
            Action::NextView => list.set_view(list.view.next()),
            Action::ViewToday => list.set_view(CaseloadView::Today),
            Action::ViewOpen => list.set_view(CaseloadView::Open),
            Action::ViewWaiting => list.set_view(CaseloadView::Waiting),
            Action::ViewClosed => list.set_view(CaseloadView::Closed),
            Action::SortNext => {
                let (column, _) = list.sort_in_effect();
                list.sort = Some((column.next(), Default::default()));
                list.refresh();
            }
            Action::SortReverse => {
                let (column, order) = list.sort_in_effect();
                list.sort = Some((column, order.flip()));
                list.refresh();
            }
            Action::Filter => self.part = CaseloadPart::Filter,
            Action::ClearFilters => {
                list.filter = Default::default();
                list.refresh();
            }
            Action::Find => {
                list.query.clear();
                self.part = CaseloadPart::Find;
            }
            Action::Back if !list.query.is_empty() => {
                list.query.clear();
                list.refresh();
            }
            Action::Open => return case_file::open_selected(cx),
            Action::NewReferral => return push(intake::IntakeForm::new(cx.clock.today())),
            Action::LogOutcome => {
                let mut effects = case_file::open_selected(cx);
                if !effects.is_empty() {
                    effects.push(Effect::Dispatch(Action::LogOutcome));
                }
                return effects;
            }
            Action::Agenda => return AgendaScreen::open(cx),
            Action::Reports => return reports::ReportScreen::open(cx),
            Action::NeedsALook => return super::super::NeedsALook::open(cx),
            Action::Directory => return directory::open(cx, None),
            _ => {}
        }
        Vec::new()
    }

    fn find_action(&mut self, action: Action, cx: &mut Context) -> Effects {
        let page = cx.visible_rows();
        match action {
            Action::MoveDown => cx.caseload.move_by(1, page),
            Action::MoveUp => cx.caseload.move_by(-1, page),
            Action::Open => self.part = CaseloadPart::List,
            Action::Back => {
                cx.caseload.query.clear();
                cx.caseload.refresh();
                self.part = CaseloadPart::List;
            }
            _ => {}
        }
        Vec::new()
    }

    fn filter_action(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::MoveDown => self.filter_row = wrap(self.filter_row, 1, FILTER_ROWS.len()),
            Action::MoveUp => self.filter_row = wrap(self.filter_row, -1, FILTER_ROWS.len()),
            Action::NextValue => self.cycle_filter(cx, 1),
            Action::PrevValue => self.cycle_filter(cx, -1),
            Action::ClearFilters => {
                cx.caseload.filter = Default::default();
                cx.caseload.refresh();
            }
            Action::Back => self.part = CaseloadPart::List,
            _ => {}
        }
        Vec::new()
    }
}

impl Component for CaseloadScreen {
    fn mode(&self) -> Mode {
        match self.part {
            CaseloadPart::List => Mode::Caseload,
            CaseloadPart::Find => Mode::Find,
            CaseloadPart::Filter => Mode::Filter,
        }
    }

    fn layer(&self) -> Layer {
        Layer::Base
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match self.part {
            CaseloadPart::List => self.list_action(action, cx),
            CaseloadPart::Find => self.find_action(action, cx),
            CaseloadPart::Filter => self.filter_action(action, cx),
        }
    }

    fn clear_field(&mut self, cx: &mut Context) -> bool {
        if self.part != CaseloadPart::Find {
            return false;
        }
        cx.caseload.query.clear();
        Self::after_search(cx);
        true
    }

    fn type_key(&mut self, key: &KeyEvent, cx: &mut Context) -> Option<Effects> {
        if self.part != CaseloadPart::Find {
            return None;
        }
        match key.code {
            KeyCode::Char(c) => cx.caseload.query.push(c),
            KeyCode::Backspace => {
                cx.caseload.query.pop();
            }
            _ => return None,
        }
        Self::after_search(cx);
        Some(Vec::new())
    }

    fn resume(&mut self, cx: &mut Context) {
        cx.case_file = None;
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        chrome::title(frame, cx, areas.title);
        super::draw::draw(frame, cx, areas.body);
        if self.part == CaseloadPart::Filter {
            super::filter_panel::draw(frame, cx, self.filter_row, areas.overlay);
        }
    }
}
