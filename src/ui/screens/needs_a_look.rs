//! "Needs a look": changes the team's server refused because they were
//! made on a stale view of their case (two devices offline, a race). Each
//! shows both versions, field by field; `a` applies it again on top of
//! the newer state, `d` drops it with a reason (kept with it). Nothing is
//! merged or dropped without the worker's decision.

mod draw;

use crate::ui::action::Action;
use crate::ui::backend::NeedsALookItem;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, pop, push};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// The list of refused changes.
#[derive(Debug, Clone, Default)]
pub struct NeedsALook {
    /// Every change waiting for a decision, oldest first.
    pub items: Vec<NeedsALookItem>,
    /// The highlighted one.
    pub row: usize,
    /// Why the highlighted one is being dropped, while it is typed.
    pub reason: Option<String>,
}

/// The longest reason kept.
const REASON_MAX: usize = 300;

impl NeedsALook {
    /// Opens the list (says so when nothing needs a look).
    pub fn open(cx: &mut Context) -> Effects {
        let Some(backend) = cx.backend() else {
            return Vec::new();
        };
        match backend.needs_a_look() {
            Ok(items) if items.is_empty() && cx.team_line.is_none() => {
                cx.notify(
                    "This caseload is not in a team: nothing is shared, so nothing needs a look.",
                    false,
                );
                Vec::new()
            }
            Ok(items) => push(Self {
                items,
                row: 0,
                reason: None,
            }),
            Err(e) => {
                cx.notify(format!("The refused changes could not be read: {e}"), true);
                Vec::new()
            }
        }
    }

    fn reload(&mut self, cx: &mut Context) {
        if let Some(backend) = cx.backend() {
            match backend.needs_a_look() {
                Ok(items) => self.items = items,
                Err(e) => cx.notify(e.to_string(), true),
            }
        }
        self.row = self.row.min(self.items.len().saturating_sub(1));
        cx.reload_caseload();
        cx.reload();
    }

    fn step(&mut self, by: isize) {
        let last = self.items.len().saturating_sub(1);
        self.row = self.row.saturating_add_signed(by).min(last);
    }

    fn apply_again(&mut self, cx: &mut Context) {
        let (Some(item), Some(backend)) = (self.items.get(self.row), cx.backend()) else {
            return;
        };
        match backend.apply_again(item.conflict.seq) {
            Ok(()) => {
                cx.notify(
                    "Applied again on top of the newer state; it goes to the team at the next sync.",
                    false,
                );
                self.reload(cx);
            }
            Err(e) => cx.notify(e.to_string(), true),
        }
    }

    fn drop_it(&mut self, cx: &mut Context) {
        let reason = self.reason.take().unwrap_or_default();
        if reason.trim().is_empty() {
            cx.notify("Say why it is dropped (it is kept with the change).", true);
            self.reason = Some(reason);
            return;
        }
        let (Some(item), Some(backend)) = (self.items.get(self.row), cx.backend()) else {
            return;
        };
        match backend.drop_refused(item.conflict.seq, reason.trim()) {
            Ok(()) => {
                cx.notify("Dropped; the change and why are kept.", false);
                self.reload(cx);
            }
            Err(e) => cx.notify(e.to_string(), true),
        }
    }
}

impl Component for NeedsALook {
    fn mode(&self) -> Mode {
        if self.reason.is_some() {
            Mode::DropReason
        } else {
            Mode::NeedsALook
        }
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        if self.reason.is_some() {
            match action {
                Action::Save => self.drop_it(cx),
                Action::Back => self.reason = None,
                Action::ClearField => self.reason = Some(String::new()),
                _ => {}
            }
            return Vec::new();
        }
        match action {
            Action::MoveDown => self.step(1),
            Action::MoveUp => self.step(-1),
            Action::PageDown => self.step(5),
            Action::PageUp => self.step(-5),
            Action::First => self.row = 0,
            Action::Last => self.step(isize::MAX),
            Action::ApplyAgain => self.apply_again(cx),
            Action::DropChange if !self.items.is_empty() => self.reason = Some(String::new()),
            Action::Back => return pop(),
            _ => {}
        }
        Vec::new()
    }

    fn type_key(&mut self, key: &KeyEvent, _cx: &mut Context) -> Option<Effects> {
        let reason = self.reason.as_mut()?;
        match key.code {
            KeyCode::Char(c) if !c.is_control() && reason.chars().count() < REASON_MAX => {
                reason.push(c)
            }
            KeyCode::Char(_) => {}
            KeyCode::Backspace => {
                reason.pop();
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    fn clear_field(&mut self, _cx: &mut Context) -> bool {
        match self.reason.as_mut() {
            Some(r) => {
                r.clear();
                true
            }
            None => false,
        }
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::needs_a_look(frame, cx, self, areas.overlay);
    }
}
