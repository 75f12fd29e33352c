//! WHO-5 Well-Being Index (World Health Organization, 1998; public domain):
//! five items scored 0-5 over the last two weeks.

use super::{ScoreError, check_items};
use serde::{Deserialize, Serialize};

/// WHO-5 answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Who5 {
    /// The five answers, each 0 (at no time) to 5 (all of the time).
    pub items: [u8; 5],
}

impl Who5 {
    /// The five item wordings ("Over the last two weeks ...").
    pub const ITEMS: [&'static str; 5] = [
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ];

    /// Percentage at or below which wellbeing is poor.
    pub const POOR_AT_OR_BELOW: u8 = 50;
    /// Change in percentage points that is meaningful.
    pub const MEANINGFUL_CHANGE: i16 = 10;

    /// Builds a validated measure.
    pub fn new(items: [u8; 5]) -> Result<Self, ScoreError> {
        check_items(&items, 0, 5)?;
        Ok(Self { items })
    }

    /// The raw score, 0-25.
    pub fn raw(&self) -> u8 {
        self.items.iter().sum()
    }

    /// The percentage score, 0-100 (raw x 4).
    pub fn percentage(&self) -> u8 {
        self.raw() * 4
    }

    /// Whether the score suggests poor wellbeing (50 or below).
    pub fn is_poor(&self) -> bool {
        self.percentage() <= Self::POOR_AT_OR_BELOW
    }

    /// Change in percentage points from `earlier` to `self`.
    pub fn change_from(&self, earlier: &Who5) -> i16 {
        i16::from(self.percentage()) - i16::from(earlier.percentage())
    }

    /// Whether a change is meaningful (10 points or more either way).
    pub fn is_meaningful_change(change: i16) -> bool {
        change.abs() >= Self::MEANINGFUL_CHANGE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentage_and_flags() {
        let w = Who5::new([2, 2, 3, 2, 3]).unwrap();
        assert_eq!(w.raw(), 12);
        assert_eq!(w.percentage(), 48);
        assert!(w.is_poor());
        let border = Who5::new([3, 3, 3, 2, 2]).unwrap();
        assert_eq!(border.percentage(), 52);
        assert!(!border.is_poor());
        let fifty_two_minus = Who5::new([5, 5, 0, 0, 2]).unwrap();
        assert_eq!(fifty_two_minus.percentage(), 48);
        assert_eq!(Who5::new([5; 5]).unwrap().percentage(), 100);
        assert_eq!(Who5::new([0; 5]).unwrap().percentage(), 0);
    }

    #[test]
    fn meaningful_change_is_ten_points() {
        let before = Who5::new([1, 1, 2, 2, 2]).unwrap(); // 32
        let after = Who5::new([2, 2, 2, 2, 2]).unwrap(); // 40
        assert_eq!(after.change_from(&before), 8);
        assert!(!Who5::is_meaningful_change(8));
        assert!(Who5::is_meaningful_change(12));
        assert!(Who5::is_meaningful_change(-12));
    }

    #[test]
    fn validates_range() {
        assert_eq!(Who5::new([0, 6, 0, 0, 0]).unwrap_err().item, 2);
    }
}
