//! ONS4 personal wellbeing: four questions scored 0-10, reported separately.

use super::{ScoreError, check_items};
use serde::{Deserialize, Serialize};

/// ONS4 answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ons4 {
    /// Overall, how satisfied are you with your life nowadays?
    pub life_satisfaction: u8,
    /// Overall, to what extent do you feel the things you do in your life
    /// are worthwhile?
    pub worthwhile: u8,
    /// Overall, how happy did you feel yesterday?
    pub happy: u8,
    /// Overall, how anxious did you feel yesterday? (lower is better)
    pub anxious: u8,
}

/// The ONS reporting bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Ons4Band {
    /// Low (0-4) or, for anxiety, high (6-10).
    Low,
    /// Medium (5-6) or, for anxiety, medium (4-5).
    Medium,
    /// High (7-8) or, for anxiety, low (2-3).
    High,
    /// Very high (9-10) or, for anxiety, very low (0-1).
    VeryHigh,
}

impl Ons4Band {
    /// The band of a life satisfaction, worthwhile or happiness answer.
    pub fn positive(score: u8) -> Self {
        match score {
            0..=4 => Self::Low,
            5..=6 => Self::Medium,
            7..=8 => Self::High,
            _ => Self::VeryHigh,
        }
    }

    /// The wellbeing band of an anxiety answer (where lower is better):
    /// `VeryHigh` wellbeing means very low anxiety.
    pub fn anxiety(score: u8) -> Self {
        match score {
            0..=1 => Self::VeryHigh,
            2..=3 => Self::High,
            4..=5 => Self::Medium,
            _ => Self::Low,
        }
    }
}

impl Ons4 {
    /// The four item wordings, in order.
    pub const ITEMS: [&'static str; 4] = [
        "Overall, how satisfied are you with your life nowadays?",
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        "Overall, how happy did you feel yesterday?",
        "Overall, how anxious did you feel yesterday?",
    ];

    /// Builds a validated measure (each answer 0-10).
    pub fn new(
        life_satisfaction: u8,
        worthwhile: u8,
        happy: u8,
        anxious: u8,
    ) -> Result<Self, ScoreError> {
        check_items(&[life_satisfaction, worthwhile, happy, anxious], 0, 10)?;
        Ok(Self {
            life_satisfaction,
            worthwhile,
            happy,
            anxious,
        })
    }

    /// The wellbeing band of each item, in item order.
    pub fn bands(&self) -> [Ons4Band; 4] {
        [
            Ons4Band::positive(self.life_satisfaction),
            Ons4Band::positive(self.worthwhile),
            Ons4Band::positive(self.happy),
            Ons4Band::anxiety(self.anxious),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_at_every_score() {
        let positive: Vec<_> = (0..=10).map(Ons4Band::positive).collect();
        use Ons4Band::*;
        assert_eq!(
            positive,
            [
                Low, Low, Low, Low, Low, Medium, Medium, High, High, VeryHigh, VeryHigh
            ]
        );
        let anxiety: Vec<_> = (0..=10).map(Ons4Band::anxiety).collect();
        assert_eq!(
            anxiety,
            [
                VeryHigh, VeryHigh, High, High, Medium, Medium, Low, Low, Low, Low, Low
            ]
        );
    }

    #[test]
    fn validates_range() {
        assert!(Ons4::new(0, 10, 5, 0).is_ok());
        let e = Ons4::new(3, 11, 5, 0).unwrap_err();
        assert_eq!(e.item, 2);
        assert_eq!(e.to_string(), "item 2 must be from 0 to 10; got 11");
    }
}
