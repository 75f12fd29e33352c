//! Wellbeing measures: ONS4, WHO-5 and SWEMWBS, with their scoring rules.

mod draft;
mod entry;
mod ons4;
mod swemwbs;
mod who5;

pub use draft::{MeasureDraft, band_label};
pub use entry::{DigitEntry, digit_entry};
pub use ons4::{Ons4, Ons4Band};
pub use swemwbs::{SWEMWBS_LICENCE_NOTE, Swemwbs, swemwbs_metric};
pub use who5::Who5;

use super::ids::{CaseId, MeasureId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// An item answer outside its scale.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("item {item} must be from {min} to {max}; got {got}")]
pub struct ScoreError {
    /// 1-based item number.
    pub item: usize,
    /// Lowest allowed answer.
    pub min: u8,
    /// Highest allowed answer.
    pub max: u8,
    /// The answer given.
    pub got: u8,
}

pub(crate) fn check_items(items: &[u8], min: u8, max: u8) -> Result<(), ScoreError> {
    match items.iter().position(|&v| v < min || v > max) {
        Some(i) => Err(ScoreError {
            item: i + 1,
            min,
            max,
            got: items[i],
        }),
        None => Ok(()),
    }
}

/// Which instrument a measure used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    /// ONS personal wellbeing (four questions, 0-10).
    Ons4,
    /// WHO-5 Well-Being Index.
    Who5,
    /// Short Warwick-Edinburgh Mental Wellbeing Scale.
    Swemwbs,
}

impl Instrument {
    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ons4 => "ONS4",
            Self::Who5 => "WHO-5",
            Self::Swemwbs => "SWEMWBS",
        }
    }
}

/// The answers of one measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "instrument", rename_all = "snake_case")]
pub enum Scores {
    /// ONS4 answers.
    Ons4(Ons4),
    /// WHO-5 answers.
    Who5(Who5),
    /// SWEMWBS answers.
    Swemwbs(Swemwbs),
}

impl Scores {
    /// The instrument used.
    pub fn instrument(&self) -> Instrument {
        match self {
            Self::Ons4(_) => Instrument::Ons4,
            Self::Who5(_) => Instrument::Who5,
            Self::Swemwbs(_) => Instrument::Swemwbs,
        }
    }

    /// A one-line summary of the score (e.g. `WHO-5 48 %` ).
    pub fn summary(&self) -> String {
        match self {
            Self::Ons4(o) => format!(
                "ONS4 life {} · worthwhile {} · happy {} · anxious {}",
                o.life_satisfaction, o.worthwhile, o.happy, o.anxious
            ),
            Self::Who5(w) => format!("WHO-5 {} %", w.percentage()),
            Self::Swemwbs(s) => format!("SWEMWBS {:.2}", s.metric()),
        }
    }
}

/// When in the episode a measure was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasurePoint {
    /// At the start (baseline).
    Baseline,
    /// During support.
    Review,
    /// At discharge.
    Final,
}

/// Who answered a wellbeing measure: the person, the person with help
/// (read to them, answers written down for them), or someone on their
/// behalf (a relative after a stroke). An answer given for the person is
/// not compared with one the person gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompletedBy {
    /// The person.
    Person,
    /// The person, with help.
    PersonWithHelp,
    /// Someone on their behalf: name and relationship, as typed.
    OnBehalf(String),
}

impl CompletedBy {
    /// The choices, as the forms show them.
    pub const CHOICES: [&'static str; 3] = ["the person", "with help", "someone for them"];

    /// How it reads after a score: `by the person`, `on their behalf by
    /// Joan (wife)`.
    pub fn label(&self) -> String {
        match self {
            Self::Person => "by the person".into(),
            Self::PersonWithHelp => "by the person, with help".into(),
            Self::OnBehalf(who) if who.trim().is_empty() => "on their behalf".into(),
            Self::OnBehalf(who) => format!("on their behalf by {}", who.trim()),
        }
    }

    /// The index among [`Self::CHOICES`].
    pub fn choice(&self) -> usize {
        match self {
            Self::Person => 0,
            Self::PersonWithHelp => 1,
            Self::OnBehalf(_) => 2,
        }
    }

    /// Whether someone else answered for the person.
    pub fn is_proxy(completed: Option<&CompletedBy>) -> bool {
        matches!(completed, Some(Self::OnBehalf(_)))
    }

    /// Whether two measures' answers compare: both the person's own (with
    /// or without help, or not recorded), or both given for them.
    pub fn comparable(a: Option<&CompletedBy>, b: Option<&CompletedBy>) -> bool {
        Self::is_proxy(a) == Self::is_proxy(b)
    }
}

/// One wellbeing measurement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WellbeingMeasure {
    /// Store-assigned id.
    pub id: MeasureId,
    /// The case it belongs to.
    pub case_id: CaseId,
    /// When taken.
    pub taken_on: NaiveDate,
    /// Baseline, review or final.
    pub point: MeasurePoint,
    /// The answers.
    pub scores: Scores,
    /// Who gave the answers (`None`: not recorded, as before it was asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_by: Option<CompletedBy>,
    /// Earlier versions, oldest first, when it was corrected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<crate::domain::correction::Revision<WellbeingMeasure>>,
    /// Set when it was struck out (taken or typed in error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<crate::domain::correction::StrikeOut>,
}

impl crate::domain::correction::Correctable for WellbeingMeasure {
    const STRUCK_NOT_CORRECTED: &'static str = "a struck-out measure is not corrected";
    fn revisions_mut(&mut self) -> &mut Vec<crate::domain::correction::Revision<Self>> {
        &mut self.revisions
    }
    fn struck_mut(&mut self) -> &mut Option<crate::domain::correction::StrikeOut> {
        &mut self.struck
    }
}

impl WellbeingMeasure {
    /// Whether it stands (not struck out): only these are charted,
    /// compared and reported.
    pub fn stands(&self) -> bool {
        self.struck.is_none()
    }
}

/// The measures of `instrument` among `measures` that stand, oldest first
/// (by day, then as they were saved): what is charted and compared.
pub fn standing_in_order(
    measures: &[WellbeingMeasure],
    instrument: Instrument,
) -> Vec<&WellbeingMeasure> {
    let mut taken: Vec<&WellbeingMeasure> = measures
        .iter()
        .filter(|m| m.stands() && m.scores.instrument() == instrument)
        .collect();
    taken.sort_by_key(|m| (m.taken_on, m.id.0));
    taken
}
