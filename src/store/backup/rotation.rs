//! Backup file names and rotation: the newest backup of each of the last
//! 7 days that have one, and of each of the last 4 ISO weeks.

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use std::collections::BTreeSet;

const PREFIX: &str = "linkwork-";
const SUFFIX: &str = ".lwbak";
const STAMP: &str = "%Y-%m-%dT%H%M%SZ";

/// The file name of a backup made at `at`.
pub fn file_name(at: DateTime<Utc>) -> String {
    format!("{PREFIX}{}{SUFFIX}", at.format(STAMP))
}

/// When a backup with this file name was made, if it is one of ours.
pub fn parse_name(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| t.and_utc())
}

/// Which of `backups` (times) to keep: the newest of each of the `days`
/// most recent days that have a backup, and the newest of each of the
/// `weeks` most recent ISO weeks that have one.
pub fn keep(backups: &[DateTime<Utc>], days: usize, weeks: usize) -> BTreeSet<DateTime<Utc>> {
    let mut sorted = backups.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let mut kept = BTreeSet::new();
    let mut seen_days = Vec::new();
    let mut seen_weeks = Vec::new();
    for t in sorted {
        let day = t.date_naive();
        let week = (t.iso_week().year(), t.iso_week().week());
        if !seen_days.contains(&day) && seen_days.len() < days {
            seen_days.push(day);
            kept.insert(t);
        }
        if !seen_weeks.contains(&week) && seen_weeks.len() < weeks {
            seen_weeks.push(week);
            kept.insert(t);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn names_round_trip() {
        let t = at(11, 22, 3);
        let name = file_name(t);
        assert_eq!(name, "linkwork-2026-11-22T030000Z.lwbak");
        assert_eq!(parse_name(&name), Some(t));
        assert_eq!(parse_name("notes.txt"), None);
        assert_eq!(parse_name("linkwork-yesterday.lwbak"), None);
    }

    #[test]
    fn keeps_seven_days_and_four_weeks() {
        // Two backups a day for 60 days.
        let mut all = Vec::new();
        for d in 0..60 {
            let day = at(9, 1, 0) + chrono::Duration::days(d);
            all.push(day + chrono::Duration::hours(9));
            all.push(day + chrono::Duration::hours(17));
        }
        let kept = keep(&all, 7, 4);
        // The newest of each of the last 7 days ...
        for d in 53..60 {
            let evening = at(9, 1, 17) + chrono::Duration::days(d);
            assert!(kept.contains(&evening), "{evening}");
            assert!(!kept.contains(&(evening - chrono::Duration::hours(8))));
        }
        // ... plus the newest of earlier ISO weeks, up to 4 weeks in all.
        let weeks: BTreeSet<_> = kept.iter().map(|t| t.iso_week().week()).collect();
        assert_eq!(weeks.len(), 4);
        assert!(kept.len() <= 7 + 4);
        assert!(kept.len() >= 7);
        assert_eq!(keep(&[], 7, 4).len(), 0);
    }
}
