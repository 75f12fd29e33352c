//! The wellbeing figures: each case's first measure of an instrument
//! against its last (not compared when one was answered for the person
//! and the other by them), and the change over the cases measured.

use super::{ONS4_MEANINGFUL, SWEMWBS_MEANINGFUL, WHO5_MEANINGFUL, WellbeingChange, within};
use crate::domain::case::Case;
use crate::domain::ids::CaseId;
use crate::domain::wellbeing::{Instrument, Scores, WellbeingMeasure};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// `x` to two decimals, as a figure is reported: a SWEMWBS metric score has
/// two, and their difference in floating point must not print as
/// 4.920000000000002.
pub fn two_decimals(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The change of one instrument from first to last, in its unit.
pub(super) fn change(first: &Scores, last: &Scores) -> Option<f64> {
    Some(match (first, last) {
        (Scores::Who5(a), Scores::Who5(b)) => f64::from(b.change_from(a)),
        (Scores::Swemwbs(a), Scores::Swemwbs(b)) => two_decimals(b.metric() - a.metric()),
        (Scores::Ons4(a), Scores::Ons4(b)) => {
            f64::from(b.life_satisfaction) - f64::from(a.life_satisfaction)
        }
        _ => return None,
    })
}

/// A case's first and last measures of one instrument, compared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Compared {
    /// The change, last minus first.
    Change(f64),
    /// One answered for the person, the other by them.
    NotComparable,
}

impl Compared {
    pub(super) fn change(self) -> Option<f64> {
        match self {
            Self::Change(c) => Some(c),
            Self::NotComparable => None,
        }
    }
}

/// A case's change on one instrument: its first measure against its last,
/// the last taken in the period.
pub(super) fn case_change(
    measures: &HashMap<CaseId, Vec<&WellbeingMeasure>>,
    case: CaseId,
    instrument: Instrument,
    (from, to): (NaiveDate, NaiveDate),
) -> Option<Compared> {
    let mut taken: Vec<&&WellbeingMeasure> = measures
        .get(&case)?
        .iter()
        .filter(|m| m.scores.instrument() == instrument && m.taken_on <= to)
        .collect();
    taken.sort_by_key(|m| (m.taken_on, m.id.0));
    match taken.as_slice() {
        [first, .., last] if within(last.taken_on, from, to) => {
            if crate::domain::wellbeing::CompletedBy::comparable(
                first.completed_by.as_ref(),
                last.completed_by.as_ref(),
            ) {
                change(&first.scores, &last.scores).map(Compared::Change)
            } else {
                Some(Compared::NotComparable)
            }
        }
        _ => None,
    }
}

/// Wellbeing change per instrument over the cases measured in the period.
pub(super) fn wellbeing(
    cases: &[Case],
    measures: &HashMap<CaseId, Vec<&WellbeingMeasure>>,
    period: (NaiveDate, NaiveDate),
) -> Vec<WellbeingChange> {
    let mut changes: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
    let mut apart: BTreeMap<usize, usize> = BTreeMap::new();
    for case in cases {
        for (i, instrument) in Instrument::ALL.iter().enumerate() {
            match case_change(measures, case.id, *instrument, period) {
                Some(Compared::Change(ch)) => changes.entry(i).or_default().push(ch),
                Some(Compared::NotComparable) => *apart.entry(i).or_default() += 1,
                None => {}
            }
        }
    }
    Instrument::ALL
        .iter()
        .enumerate()
        .filter_map(|(i, instrument)| {
            let not_comparable = apart.get(&i).copied().unwrap_or(0);
            let values = match changes.get(&i) {
                Some(v) => v.as_slice(),
                None if not_comparable > 0 => &[],
                None => return None,
            };
            let (measured_as, meaningful) = match instrument {
                Instrument::Who5 => ("percentage points", WHO5_MEANINGFUL),
                Instrument::Swemwbs => ("metric score points", SWEMWBS_MEANINGFUL),
                Instrument::Ons4 => ("life satisfaction points", ONS4_MEANINGFUL),
            };
            let n = values.len();
            let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
            Some(WellbeingChange {
                instrument: instrument.label(),
                measured_as,
                n,
                mean_change: two_decimals(share(1) * values.iter().sum::<f64>()),
                improved_share: share(values.iter().filter(|v| **v >= meaningful).count()),
                not_comparable,
            })
        })
        .collect()
}
