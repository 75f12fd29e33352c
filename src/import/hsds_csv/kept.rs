//! The columns of a row that linkwork does not model, kept with its
//! record as the JSON of the same record would hold them: typed as the
//! official `datapackage.json` types each column.

use super::Cells;
use crate::domain::directory::Extra;
use std::collections::HashMap;

/// The type the official datapackage gives each column, by resource and
/// field name (read once).
static TYPES: std::sync::LazyLock<HashMap<(String, String), String>> =
    std::sync::LazyLock::new(|| {
        let package: serde_json::Value =
            serde_json::from_str(crate::import::hsds_csv_export::OFFICIAL).unwrap_or_default();
        let mut types = HashMap::new();
        for r in package["resources"].as_array().into_iter().flatten() {
            let name = r["name"].as_str().unwrap_or_default();
            for f in r["schema"]["fields"].as_array().into_iter().flatten() {
                types.insert(
                    (
                        name.to_owned(),
                        f["name"].as_str().unwrap_or_default().to_owned(),
                    ),
                    f["type"].as_str().unwrap_or("string").to_owned(),
                );
            }
        }
        types
    });

impl Cells<'_> {
    /// Every filled column of the row but `used`, as the JSON of the same
    /// record would give it (an integer or number column a number), kept
    /// as published: what linkwork does not model is never dropped.
    pub(super) fn rest(&self, resource: &str, modelled: &[&str], links: &[&str]) -> Extra {
        let mut out = Extra::new();
        for (column, &i) in &self.table.columns {
            if modelled.contains(&column.as_str()) || links.contains(&column.as_str()) {
                continue;
            }
            let Some(cell) = self.row.cell(i).filter(|c| !c.trim().is_empty()) else {
                continue;
            };
            let kind = TYPES
                .get(&(resource.to_owned(), column.clone()))
                .map_or("string", String::as_str);
            let value = match kind {
                "integer" => cell.trim().parse::<i64>().map(Into::into).ok(),
                // A whole number stays whole (`3`, as JSON wrote it).
                "number" => cell.trim().parse::<i64>().map(Into::into).ok().or_else(|| {
                    cell.trim()
                        .parse::<f64>()
                        .ok()
                        .and_then(serde_json::Number::from_f64)
                        .map(serde_json::Value::Number)
                }),
                "boolean" => match cell.trim().to_ascii_lowercase().as_str() {
                    "true" | "yes" | "1" => Some(true.into()),
                    "false" | "no" | "0" => Some(false.into()),
                    _ => None,
                },
                _ => None,
            }
            .unwrap_or_else(|| cell.into());
            out.insert(column.clone(), value);
        }
        out
    }
}
