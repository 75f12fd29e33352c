//! A service's quality-assurance checklist (safeguarding policy,
//! insurance, named contact, ...), each tick dated.

mod draw;
mod state;

pub use state::{QUALITY_ROWS, QualityForm};

use crate::store::AuditAction;
use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, pop};
use crate::ui::widgets::wrap;
use ratatui::Frame;

impl QualityForm {
    fn save(&self, cx: &mut Context) -> Effects {
        let Some((mut service, org)) = cx.detail_parts() else {
            return pop();
        };
        if service.local.qa == self.checks {
            return pop();
        }
        service.local.qa = self.checks.clone();
        if cx.store_service(&service, &org, AuditAction::QualityChecked) {
            cx.notify(
                format!(
                    "Quality checks of {} saved ({} of 4).",
                    service.name,
                    service.local.qa.passed()
                ),
                false,
            );
        }
        pop()
    }
}

impl Component for QualityForm {
    fn mode(&self) -> Mode {
        Mode::QualityChecks
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::MoveDown | Action::MoveUp => {
                let step = if action == Action::MoveDown { 1 } else { -1 };
                self.row = wrap(self.row, step, QUALITY_ROWS.len());
            }
            Action::NextValue => self.toggle(cx.clock.today()),
            Action::Open => return self.save(cx),
            Action::Back => return pop(),
            _ => {}
        }
        Vec::new()
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::quality(frame, cx, self, areas.overlay);
    }
}
