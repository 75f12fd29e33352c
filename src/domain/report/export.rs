//! The report as pseudonymised CSV (a row per case) and JSON (figures and
//! rows), for files that leave linkwork.

use super::Report;

/// One row per case, under pseudonyms.
pub fn report_csv(report: &Report) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in &report.cases {
        w.serialize(row).map_err(|e| e.to_string())?;
    }
    // Without rows, the header still says what the columns are.
    if report.cases.is_empty() {
        w.write_record([
            "person",
            "episode",
            "referred_on",
            "source",
            "needs",
            "status",
            "days_to_first_contact",
            "contacts",
            "connections",
            "reached_independent",
            "ended_on",
            "discharge_reason",
            "who5_change",
            "swemwbs_change",
            "ons4_life_change",
            "not_comparable",
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The figures and the rows.
pub fn report_json(report: &Report) -> Result<String, String> {
    serde_json::to_string_pretty(report)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| e.to_string())
}
