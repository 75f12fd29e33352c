//! The Reports screen: the report for a period, read once when the
//! screen opens or the period moves.

use super::App;
use crate::domain::report::Report;
use crate::ui::backend::Export;
use crate::ui::mode::Mode;
use chrono::{Months, NaiveDate};

/// The report on screen.
#[derive(Debug, Clone)]
pub struct ReportScreen {
    /// The report.
    pub report: Report,
    /// Scroll of the figures.
    pub scroll: usize,
}

impl App {
    /// Opens the report for the twelve months to today.
    pub(super) fn open_reports(&mut self) {
        let to = self.clock.today();
        let from = to - Months::new(12) + chrono::Duration::days(1);
        if self.load_report(from, to) {
            self.mode = Mode::Reports;
        }
    }

    fn load_report(&mut self, from: NaiveDate, to: NaiveDate) -> bool {
        let Some(backend) = self.backend.clone() else {
            return false;
        };
        match backend.report(from, to) {
            Ok(report) => {
                self.reports = Some(ReportScreen { report, scroll: 0 });
                true
            }
            Err(e) => {
                self.notify(e.to_string(), true);
                false
            }
        }
    }

    /// Moves the period by `months`.
    pub(super) fn shift_report(&mut self, months: i32) {
        let Some(r) = self.reports.as_ref() else {
            return;
        };
        let shift = |d: NaiveDate| {
            if months >= 0 {
                d + Months::new(months.unsigned_abs())
            } else {
                d - Months::new(months.unsigned_abs())
            }
        };
        let (from, to) = (shift(r.report.from), shift(r.report.to));
        self.load_report(from, to);
    }

    /// Writes the pseudonymised CSV of the period on screen.
    pub(super) fn export_report(&mut self) {
        if let Some(r) = self.reports.as_ref() {
            let (from, to) = (r.report.from, r.report.to);
            self.write_export(Export::Report { from, to });
        }
    }
}
