//! `linkwork report`: the commissioner's report as text (figures), CSV
//! (one pseudonymised row per case) or JSON (both).

use super::CliError;
use crate::domain::report::{Report, report_text};

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
    match format {
        ReportFormat::Text => Ok(report_text(report)),
        ReportFormat::Json => serde_json::to_string_pretty(report)
            .map(|mut s| {
                s.push('\n');
                s
            })
            .map_err(|e| CliError::NotYet(format!("Could not write the report as JSON: {e}"))),
        ReportFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            for row in &report.cases {
                w.serialize(row).map_err(|e| {
                    CliError::NotYet(format!("Could not write the report as CSV: {e}"))
                })?;
            }
            let bytes = w
                .into_inner()
                .map_err(|e| CliError::NotYet(format!("Could not write the report as CSV: {e}")))?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
    }
}
