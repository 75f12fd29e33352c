//! SWEMWBS, the Short Warwick-Edinburgh Mental Wellbeing Scale: seven items
//! scored 1-5, raw total 7-35, converted to a metric score by the published
//! Rasch conversion table (Warwick Medical School guidance).

use super::{ScoreError, check_items};
use serde::{Deserialize, Serialize};

/// Shown wherever SWEMWBS is offered.
pub const SWEMWBS_LICENCE_NOTE: &str = "SWEMWBS is free to use but needs a licence: register \
with Warwick Medical School before using it (© University of Warwick, NHS Health Scotland \
and University of Edinburgh).";

/// Raw score 7..=35 to metric score, in hundredths.
const METRIC_HUNDREDTHS: [u16; 29] = [
    700, 951, 1125, 1240, 1333, 1408, 1475, 1532, 1584, 1636, 1688, 1743, 1798, 1859, 1925, 1998,
    2073, 2154, 2235, 2321, 2411, 2503, 2602, 2703, 2813, 2931, 3070, 3255, 3500,
];

/// The metric score of a raw SWEMWBS total, or `None` outside 7-35.
pub fn swemwbs_metric(raw: u8) -> Option<f64> {
    let index = usize::from(raw.checked_sub(7)?);
    METRIC_HUNDREDTHS.get(index).map(|&h| f64::from(h) / 100.0)
}

/// SWEMWBS answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Swemwbs {
    /// The seven answers, each 1 (none of the time) to 5 (all of the time).
    pub items: [u8; 7],
}

impl Swemwbs {
    /// The seven item wordings ("Over the last two weeks ...").
    pub const ITEMS: [&'static str; 7] = [
        "I've been feeling optimistic about the future",
        "I've been feeling useful",
        "I've been feeling relaxed",
        "I've been dealing with problems well",
        "I've been thinking clearly",
        "I've been feeling close to other people",
        "I've been able to make up my own mind about things",
    ];

    /// Builds a validated measure.
    pub fn new(items: [u8; 7]) -> Result<Self, ScoreError> {
        check_items(&items, 1, 5)?;
        Ok(Self { items })
    }

    /// The raw total, 7-35.
    pub fn raw(&self) -> u8 {
        self.items.iter().sum()
    }

    /// The metric score from the conversion table.
    pub fn metric(&self) -> f64 {
        swemwbs_metric(self.raw()).unwrap_or(f64::NAN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_raw_score_converts() {
        let expected = [
            (7, 7.00),
            (8, 9.51),
            (9, 11.25),
            (10, 12.40),
            (11, 13.33),
            (12, 14.08),
            (13, 14.75),
            (14, 15.32),
            (15, 15.84),
            (16, 16.36),
            (17, 16.88),
            (18, 17.43),
            (19, 17.98),
            (20, 18.59),
            (21, 19.25),
            (22, 19.98),
            (23, 20.73),
            (24, 21.54),
            (25, 22.35),
            (26, 23.21),
            (27, 24.11),
            (28, 25.03),
            (29, 26.02),
            (30, 27.03),
            (31, 28.13),
            (32, 29.31),
            (33, 30.70),
            (34, 32.55),
            (35, 35.00),
        ];
        for (raw, metric) in expected {
            assert_eq!(swemwbs_metric(raw), Some(metric), "raw {raw}");
        }
        assert_eq!(swemwbs_metric(6), None);
        assert_eq!(swemwbs_metric(36), None);
        assert_eq!(swemwbs_metric(0), None);
    }

    #[test]
    fn table_is_increasing() {
        assert!(METRIC_HUNDREDTHS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn scores_items() {
        let s = Swemwbs::new([3, 3, 3, 3, 3, 3, 3]).unwrap();
        assert_eq!(s.raw(), 21);
        assert_eq!(s.metric(), 19.25);
        assert_eq!(Swemwbs::new([3, 3, 0, 3, 3, 3, 3]).unwrap_err().item, 3);
    }
}
