//! The case file's keys. The open case itself is the context's cached
//! case file, which its forms and the plan editor show and change too.

use super::{CaseFileState, CaseTab};
use crate::domain::ids::CaseId;
use crate::ui::action::Action;
use crate::ui::backend::Export;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, Layer, pop, push};
use crate::ui::screens::{
    casework_form, contact_form, conversation, directory, edit, move_status, plan, risk,
};
use ratatui::Frame;

/// The case file screen.
#[derive(Debug, Clone, Default)]
pub struct CaseFileScreen;

/// Opens the case selected on the caseload.
pub fn open_selected(cx: &mut Context) -> Effects {
    match cx.caseload.selected_case() {
        Some(id) => open(cx, id, CaseTab::Summary, 0),
        None => Vec::new(),
    }
}

/// Opens a case at a tab (and, on Connections, a connection).
pub fn open(cx: &mut Context, id: CaseId, tab: CaseTab, connection: usize) -> Effects {
    let Some(backend) = cx.backend() else {
        return Vec::new();
    };
    match backend.case_file(id) {
        Ok(file) => {
            cx.case_file = Some(CaseFileState {
                file,
                tab,
                scroll: 0,
                connection,
                contact: 0,
            });
            cx.notice = None;
            push(CaseFileScreen)
        }
        Err(e) => {
            cx.notify(e.to_string(), true);
            Vec::new()
        }
    }
}

impl CaseFileScreen {
    fn step_tab(cx: &mut Context, step: isize) {
        if let Some(cf) = cx.case_file.as_mut() {
            cf.tab = cf.tab.step(step);
            cf.scroll = 0;
        }
    }

    /// Scrolls the tab; on the Connections tab, selects a connection.
    fn scroll(cx: &mut Context, step: isize) {
        if let Some(cf) = cx.case_file.as_mut() {
            if cf.tab == CaseTab::Connections && !cf.file.connections.is_empty() {
                let n = cf.file.connections.len() as isize;
                cf.connection = (cf.connection as isize + step.signum()).clamp(0, n - 1) as usize;
                return;
            }
            if cf.tab == CaseTab::Contacts && !cf.file.contacts.is_empty() {
                let n = cf.file.contacts.len() as isize;
                cf.contact = (cf.contact as isize + step).clamp(0, n - 1) as usize;
                return;
            }
            cf.scroll = cf.scroll.saturating_add_signed(step);
        }
    }
}

impl Component for CaseFileScreen {
    fn mode(&self) -> Mode {
        Mode::CaseFile
    }

    fn footer_leads(&self, cx: &Context) -> Vec<Action> {
        use Action::*;
        let tab = cx.case_file.as_ref().map_or(CaseTab::Summary, |cf| cf.tab);
        match tab {
            CaseTab::Summary => vec![
                LogContact,
                StartConversation,
                OpenPlan,
                NextTab,
                MoveStatus,
                Edit,
                RiskFlag,
                Discharge,
                DischargeLetter,
            ],
            CaseTab::Conversation => vec![StartConversation, OpenPlan, LogContact],
            CaseTab::Plan => vec![OpenPlan, PersonCopy, LogOutcome],
            CaseTab::Connections => vec![
                LogOutcome,
                Reschedule,
                VisitPlan,
                VisitCard,
                EndConnection,
                Correct,
                StrikeOut,
            ],
            CaseTab::Contacts => vec![LogContact, Correct, StrikeOut],
            CaseTab::Outcomes => vec![Measure, Correct, StrikeOut],
            CaseTab::History => vec![LogContact, MoveStatus],
        }
    }

    fn layer(&self) -> Layer {
        Layer::Base
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        let page = cx.visible_rows() as isize;
        match action {
            Action::NextTab => Self::step_tab(cx, 1),
            Action::PrevTab => Self::step_tab(cx, -1),
            Action::MoveDown => Self::scroll(cx, 1),
            Action::MoveUp => Self::scroll(cx, -1),
            Action::PageDown => Self::scroll(cx, page),
            Action::PageUp => Self::scroll(cx, -page),
            Action::Back => return pop(),
            Action::LogContact => return contact_form::open(cx, None),
            Action::MoveStatus => return move_status::open(cx),
            Action::RiskFlag => return risk::open(cx),
            Action::Edit => return edit::open(cx),
            Action::StartConversation => return conversation::open(cx),
            Action::LogOutcome => return casework_form::log_outcome(cx),
            Action::Reschedule => return casework_form::reschedule(cx),
            Action::VisitPlan => return casework_form::visit_plan(cx),
            Action::VisitCard => casework_form::write_visit_card(cx),
            Action::EndConnection => return casework_form::end_connection(cx),
            Action::ExtendLimit => return casework_form::extension(cx),
            Action::Discharge => return casework_form::discharge(cx),
            Action::DischargeLetter => {
                if let Some(id) = cx.case_id() {
                    cx.write_export(Export::DischargeLetter(id));
                }
            }
            Action::Measure => return casework_form::measure(cx),
            Action::Correct => return casework_form::correct(cx),
            Action::StrikeOut => return casework_form::strike_out(cx),
            Action::OpenPlan => return plan::open(cx),
            Action::PersonCopy => plan::write_person_copy(cx),
            Action::Directory => return directory::open(cx, None),
            _ => {}
        }
        Vec::new()
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        if let Some(cf) = &cx.case_file {
            super::draw::draw(frame, cx, cf, areas.title, areas.body);
        }
    }
}
