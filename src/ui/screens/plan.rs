//! The action plan editor for the open case: goals in the person's words,
//! services chosen (with suggestions and the directory), steps, the review
//! date and agreement; every change saved at once.

mod actions;
mod draw;
mod editor;

pub use editor::{
    PlanEditor, PlanForm, PlanFormTarget, PlanRow, SUGGESTIONS_PER_GOAL, ServiceLine,
    brief,
};

use crate::domain::conversation::Flow;
use crate::domain::plan::plan_from;
use crate::ui::action::Action;
use crate::ui::backend::Export;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, Layer, Message, pop, push};
use crate::ui::screens::case_file::{self, CaseTab};
use crate::ui::screens::directory;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Opens the plan editor on the open case's plan (or a new one made from
/// its conversation).
pub fn open(cx: &mut Context) -> Effects {
    if cx.closed_notice() {
        return Vec::new();
    }
    let Some(cf) = cx.case_file.as_ref() else {
        return Vec::new();
    };
    let today = cx.clock.today();
    let plan = match &cf.file.plan {
        Some(p) => p.clone(),
        None => match cf.file.conversations.last() {
            Some(c) => plan_from(c, None, today),
            None => plan_from(
                &Flow::start(cf.file.case.id, None, cx.clock.now()).conversation,
                None,
                today,
            ),
        },
    };
    let mut editor = PlanEditor::new(plan);
    editor.refresh_with(cx);
    push(editor)
}

/// Writes the person's copy of the open case's plan into the working folder.
pub fn write_person_copy(cx: &mut Context) {
    if let Some(id) = cx.case_id() {
        cx.write_export(Export::PersonCopy(id));
    }
}

impl PlanEditor {
    fn editor_action(&mut self, action: Action, cx: &mut Context) -> Effects {
        if action != Action::MarkDone {
            self.undoing = None;
        }
        match action {
            Action::MoveDown => self.move_by(1),
            Action::MoveUp => self.move_by(-1),
            Action::First => self.move_by(isize::MIN / 2),
            Action::Last => self.move_by(isize::MAX / 2),
            Action::Open => return self.open_row(cx),
            Action::NextValue => self.change_value(cx, 1),
            Action::PrevValue => self.change_value(cx, -1),
            Action::MarkDone => self.mark_done(cx),
            Action::AgreePlan => self.toggle_agreed(cx),
            Action::UndoPlan => self.undo(cx),
            Action::Remove => self.remove(cx),
            Action::PersonCopy => write_person_copy(cx),
            Action::Find => match self.goal_of_selection() {
                Some(g) => return directory::open(cx, Some(g)),
                None => cx.notify("Select a goal (or a row under it) first.", false),
            },
            Action::Back => {
                if let Some(cf) = cx.case_file.as_mut() {
                    cf.tab = CaseTab::Plan;
                    cf.scroll = 0;
                }
                return pop();
            }
            _ => {}
        }
        Vec::new()
    }

    fn form_action(&mut self, action: Action, cx: &mut Context) -> Effects {
        let Some(f) = self.form.as_mut() else {
            return Vec::new();
        };
        match action {
            Action::NextTab => {
                f.step(1);
            }
            Action::PrevTab => {
                f.step(-1);
            }
            Action::NextValue => f.cycle_owner(1),
            Action::PrevValue => f.cycle_owner(-1),
            Action::Save => return self.save_form(cx),
            Action::Back => self.form = None,
            _ => {}
        }
        Vec::new()
    }
}

impl Component for PlanEditor {
    fn mode(&self) -> Mode {
        if self.form.is_some() {
            Mode::PlanForm
        } else {
            Mode::Plan
        }
    }

    fn layer(&self) -> Layer {
        Layer::Base
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        if self.form.is_some() {
            self.form_action(action, cx)
        } else {
            self.editor_action(action, cx)
        }
    }

    fn clear_field(&mut self, cx: &mut Context) -> bool {
        let _ = cx;
        match self.form.as_mut() {
            Some(form) => {
                form.clear();
                true
            }
            None => false,
        }
    }

    fn type_key(&mut self, key: &KeyEvent, cx: &mut Context) -> Option<Effects> {
        let form = self.form.as_mut()?;
        match key.code {
            KeyCode::Char(c) => form.type_char(c),
            KeyCode::Backspace => form.backspace(),
            KeyCode::Enter => {
                if !form.step(1) {
                    return Some(self.save_form(cx));
                }
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    fn receive(&mut self, message: Message, cx: &mut Context) -> Effects {
        match message {
            Message::ServiceChosen { goal, service } => self.choose_service(cx, goal, service),
        }
        Vec::new()
    }

    fn data_loaded(&mut self, cx: &mut Context) {
        if !self.directory_ready {
            self.refresh_with(cx);
        }
    }

    fn unsaved(&self) -> Option<&'static str> {
        let typed = self.form.as_ref().is_some_and(|f| !f.what.trim().is_empty() || !f.due.trim().is_empty());
        typed.then_some("the plan entry you were typing")
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        if let Some(cf) = &cx.case_file {
            case_file::header(frame, cx, cf, areas.title);
        }
        draw::draw(frame, cx, self, areas.body);
        if let Some(form) = &self.form {
            draw::form(frame, cx, form, areas.overlay);
        }
    }
}
