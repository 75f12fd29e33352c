//! The Reports screen's state: the period shown and its report, read off
//! the UI thread when the screen opens or the period moves.

use crate::domain::report::Report;
use chrono::NaiveDate;

/// The report screen's state.
#[derive(Debug, Clone)]
pub struct ReportScreen {
    /// The first day of the period.
    pub from: NaiveDate,
    /// The last day of the period.
    pub to: NaiveDate,
    /// The report, once read (`None` while it is being read).
    pub report: Option<Report>,
    /// Lines scrolled.
    pub scroll: usize,
}

impl ReportScreen {
    /// Takes the report read in the background (if it is still the
    /// period on screen).
    pub fn set(&mut self, report: Report) {
        if report.from == self.from && report.to == self.to {
            self.report = Some(report);
        }
    }
}
