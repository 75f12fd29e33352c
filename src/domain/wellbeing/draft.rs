//! A measure being entered: the instrument, its item wordings and scale,
//! the answers so far, and the score as it stands, so the screen can show
//! the scoring while the answers come in.

use super::{Instrument, Ons4, Ons4Band, Scores, Swemwbs, Who5};

/// A measure being entered, item by item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureDraft {
    /// The instrument.
    pub instrument: Instrument,
    /// One answer per item, `None` until given.
    pub answers: Vec<Option<u8>>,
}

impl Instrument {
    /// Every instrument, ONS4 (the default) first.
    pub const ALL: [Instrument; 3] = [Self::Ons4, Self::Who5, Self::Swemwbs];

    /// The item wordings, in order.
    pub fn items(self) -> &'static [&'static str] {
        match self {
            Self::Ons4 => &Ons4::ITEMS,
            Self::Who5 => &Who5::ITEMS,
            Self::Swemwbs => &Swemwbs::ITEMS,
        }
    }

    /// The lowest and highest answer of each item.
    pub fn scale(self) -> (u8, u8) {
        match self {
            Self::Ons4 => (0, 10),
            Self::Who5 => (0, 5),
            Self::Swemwbs => (1, 5),
        }
    }

    /// What the ends of the scale mean, and the time frame asked about.
    pub fn anchors(self) -> &'static str {
        match self {
            Self::Ons4 => "0 = not at all, 10 = completely",
            Self::Who5 => {
                "Over the last two weeks: 0 = at no time, 1 = some of the time, 2 = less than half, 3 = more than half, 4 = most, 5 = all of the time"
            }
            Self::Swemwbs => {
                "Over the last two weeks: 1 = none of the time, 2 = rarely, 3 = some of the time, 4 = often, 5 = all of the time"
            }
        }
    }
}

/// How an ONS4 band reads.
pub fn band_label(band: Ons4Band, anxiety: bool) -> &'static str {
    match (band, anxiety) {
        (Ons4Band::Low, false) => "low",
        (Ons4Band::Medium, false) => "medium",
        (Ons4Band::High, false) => "high",
        (Ons4Band::VeryHigh, false) => "very high",
        (Ons4Band::Low, true) => "high anxiety",
        (Ons4Band::Medium, true) => "medium anxiety",
        (Ons4Band::High, true) => "low anxiety",
        (Ons4Band::VeryHigh, true) => "very low anxiety",
    }
}

impl MeasureDraft {
    /// An empty draft of `instrument`.
    pub fn new(instrument: Instrument) -> Self {
        Self {
            instrument,
            answers: vec![None; instrument.items().len()],
        }
    }

    /// A draft holding a saved measure's answers (to correct it).
    pub fn of(scores: &Scores) -> Self {
        let answers: Vec<u8> = match scores {
            Scores::Ons4(o) => vec![o.life_satisfaction, o.worthwhile, o.happy, o.anxious],
            Scores::Who5(w) => w.items.to_vec(),
            Scores::Swemwbs(s) => s.items.to_vec(),
        };
        Self {
            instrument: scores.instrument(),
            answers: answers.into_iter().map(Some).collect(),
        }
    }

    /// Sets item `item` (0-based); an answer outside the scale is refused
    /// with the range.
    pub fn set(&mut self, item: usize, value: Option<u8>) -> Result<(), String> {
        let (min, max) = self.instrument.scale();
        if let Some(v) = value
            && !(min..=max).contains(&v)
        {
            return Err(format!("answers run from {min} to {max}"));
        }
        if let Some(slot) = self.answers.get_mut(item) {
            *slot = value;
        }
        Ok(())
    }

    /// How many items are answered.
    pub fn answered(&self) -> usize {
        self.answers.iter().flatten().count()
    }

    /// The measure, once every item is answered.
    pub fn scores(&self) -> Option<Scores> {
        let a: Vec<u8> = self.answers.iter().copied().collect::<Option<_>>()?;
        match self.instrument {
            Instrument::Ons4 => Ons4::new(a[0], a[1], a[2], a[3]).ok().map(Scores::Ons4),
            Instrument::Who5 => a
                .try_into()
                .ok()
                .and_then(|a| Who5::new(a).ok())
                .map(Scores::Who5),
            Instrument::Swemwbs => a
                .try_into()
                .ok()
                .and_then(|a| Swemwbs::new(a).ok())
                .map(Scores::Swemwbs),
        }
    }

    /// The item's scoring note beside its answer (ONS4 reports each item
    /// in its band).
    pub fn item_note(&self, item: usize) -> Option<&'static str> {
        let v = (*self.answers.get(item)?)?;
        match self.instrument {
            Instrument::Ons4 if item == 3 => Some(band_label(Ons4Band::anxiety(v), true)),
            Instrument::Ons4 => Some(band_label(Ons4Band::positive(v), false)),
            _ => None,
        }
    }

    /// The score as it stands, in words.
    pub fn running(&self) -> String {
        let n = self.answers.len();
        let done = self.answered();
        let raw: u32 = self.answers.iter().flatten().map(|&v| u32::from(v)).sum();
        match (self.instrument, self.scores()) {
            (Instrument::Ons4, Some(_)) => {
                "ONS4 is reported item by item (anxiety: lower is better).".into()
            }
            (Instrument::Ons4, None) => format!(
                "{done} of {n} answered; ONS4 is reported item by item (anxiety: lower is better)."
            ),
            (Instrument::Who5, Some(Scores::Who5(w))) => {
                let flag = if w.is_poor() {
                    " · 50 or below: poor wellbeing, worth a closer look"
                } else {
                    ""
                };
                format!("WHO-5 raw {} of 25 = {} %{flag}", w.raw(), w.percentage())
            }
            (Instrument::Swemwbs, Some(Scores::Swemwbs(s))) => format!(
                "SWEMWBS raw {} (7-35) = metric score {:.2}",
                s.raw(),
                s.metric()
            ),
            (Instrument::Swemwbs, None) => format!(
                "{done} of {n} answered, raw so far {raw}; the metric score needs all seven"
            ),
            (_, _) => format!("{done} of {n} answered, raw so far {raw}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who5_scores_as_the_answers_come_in() {
        let mut d = MeasureDraft::new(Instrument::Who5);
        assert_eq!(d.running(), "0 of 5 answered, raw so far 0");
        for (i, v) in [3, 2, 2, 3, 2].into_iter().enumerate() {
            d.set(i, Some(v)).unwrap();
        }
        assert_eq!(
            d.running(),
            "WHO-5 raw 12 of 25 = 48 % · 50 or below: poor wellbeing, worth a closer look"
        );
        assert!(d.set(0, Some(6)).unwrap_err().contains("0 to 5"));
        assert_eq!(MeasureDraft::of(&d.scores().unwrap()), d);
    }

    #[test]
    fn swemwbs_converts_when_complete_and_ons4_reports_bands() {
        let mut s = MeasureDraft::new(Instrument::Swemwbs);
        assert!(s.set(0, Some(0)).is_err(), "SWEMWBS starts at 1");
        for i in 0..7 {
            s.set(i, Some(3)).unwrap();
        }
        assert_eq!(s.running(), "SWEMWBS raw 21 (7-35) = metric score 19.25");
        let mut o = MeasureDraft::new(Instrument::Ons4);
        o.set(3, Some(8)).unwrap();
        o.set(0, Some(9)).unwrap();
        assert_eq!(o.item_note(3), Some("high anxiety"));
        assert_eq!(o.item_note(0), Some("very high"));
        assert_eq!(o.item_note(1), None);
        assert!(o.scores().is_none());
    }
}
