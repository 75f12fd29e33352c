//! `linkwork report`: the commissioner's report as text (figures), CSV
//! (one pseudonymised row per case) or JSON (both).

use super::CliError;
use crate::domain::report::{Report, report_csv, report_json, report_text};

/// A report output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// The figures, as text.
    Text,
    /// One pseudonymised row per case.
    Csv,
    /// The figures and the pseudonymised rows.
    Json,
}

/// The report in `format`.
pub fn render(report: &Report, format: ReportFormat) -> Result<String, CliError> {
    let failed = |e: String| CliError::NotYet(format!("Could not write the report: {e}"));
    match format {
        ReportFormat::Text => Ok(report_text(report)),
        ReportFormat::Json => report_json(report).map_err(failed),
        ReportFormat::Csv => report_csv(report).map_err(failed),
    }
}
