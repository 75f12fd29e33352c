//! The quality checklist being ticked.

use crate::domain::directory::QualityChecks;
use chrono::NaiveDate;

/// The quality checklist being ticked.
#[derive(Debug, Clone)]
pub struct QualityForm {
    /// The checks as ticked so far.
    pub checks: QualityChecks,
    /// The highlighted row.
    pub row: usize,
}

/// The checklist's rows.
pub const QUALITY_ROWS: [&str; 4] = [
    "Safeguarding policy seen",
    "Public liability insurance seen",
    "Named contact confirmed",
    "Volunteers DBS-checked (where relevant)",
];

impl QualityForm {
    /// The date recorded for row `row`.
    pub fn date(&self, row: usize) -> Option<NaiveDate> {
        let c = &self.checks;
        [
            c.safeguarding_policy,
            c.insurance,
            c.named_contact,
            c.dbs_checked,
        ]
        .get(row)
        .copied()
        .flatten()
    }

    /// Ticks (dated `today`) or unticks the highlighted row.
    pub fn toggle(&mut self, today: NaiveDate) {
        let c = &mut self.checks;
        let slot = match self.row {
            0 => &mut c.safeguarding_policy,
            1 => &mut c.insurance,
            2 => &mut c.named_contact,
            _ => &mut c.dbs_checked,
        };
        *slot = if slot.is_some() { None } else { Some(today) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::QualityChecks;

    #[test]
    fn quality_rows_tick_and_untick_with_the_date() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut f = QualityForm {
            checks: QualityChecks::default(),
            row: 2,
        };
        f.toggle(today);
        assert_eq!(f.checks.named_contact, Some(today));
        assert_eq!(f.date(2), Some(today));
        f.toggle(today);
        assert_eq!(f.checks.named_contact, None);
    }
}
