//! The commissioner's report for a period (a year to today at first),
//! moved a quarter at a time, and its pseudonymised CSV.

mod draw;
mod state;

pub use state::ReportScreen;

use crate::ui::action::Action;
use crate::ui::backend::Export;
use crate::ui::context::{Context, Job, JobResult};
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, Layer, pop, push};
use crate::ui::widgets::chrome;
use chrono::{Months, NaiveDate};
use ratatui::Frame;

impl ReportScreen {
    /// Opens the report for the year to today; it is read in the
    /// background and shown when it arrives.
    pub fn open(cx: &mut Context) -> Effects {
        let to = cx.clock.today();
        let from = to - Months::new(12) + chrono::Duration::days(1);
        let mut screen = ReportScreen {
            from,
            to,
            report: None,
            scroll: 0,
        };
        screen.load(cx);
        push(screen)
    }

    fn load(&mut self, cx: &mut Context) {
        let Some(backend) = cx.backend() else {
            return;
        };
        self.report = None;
        let (from, to) = (self.from, self.to);
        cx.jobs.spawn(Job::Report, move || {
            JobResult::Report(backend.report(from, to).map(Box::new))
        });
    }

    fn shift(&mut self, cx: &mut Context, months: i32) {
        let shift = |d: NaiveDate| {
            if months >= 0 {
                d + Months::new(months.unsigned_abs())
            } else {
                d - Months::new(months.unsigned_abs())
            }
        };
        self.from = shift(self.from);
        self.to = shift(self.to);
        self.load(cx);
    }
}

impl Component for ReportScreen {
    fn mode(&self) -> Mode {
        Mode::Reports
    }

    fn layer(&self) -> Layer {
        Layer::Base
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::MoveDown => self.scroll += 1,
            Action::MoveUp => self.scroll = self.scroll.saturating_sub(1),
            Action::PrevWeek => self.shift(cx, -3),
            Action::NextWeek => self.shift(cx, 3),
            Action::ExportReport => cx.write_export(Export::Report {
                from: self.from,
                to: self.to,
            }),
            Action::Back => return pop(),
            _ => {}
        }
        Vec::new()
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        chrome::title(frame, cx, areas.title);
        draw::draw(frame, cx, self, areas.body);
    }
}
