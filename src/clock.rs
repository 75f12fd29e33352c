//! The one clock. Everything that needs "today" or "now" is handed a
//! [`Clock`]; the UI and the domain never read the wall clock themselves.
//! The wall clock is read here only: once at start-up ([`Clock::system`])
//! and when the event loop's tick advances it ([`Clock::tick`]).

use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};

/// The environment variable that fixes the date (YYYY-MM-DD), for tests
/// and reproducible demos.
pub const TODAY_VAR: &str = "LINKWORK_TODAY";

/// Today and now, as the app sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    now: DateTime<Utc>,
    today: NaiveDate,
    fixed: bool,
}

impl Clock {
    /// The wall clock, or a fixed date when `LINKWORK_TODAY` names one.
    pub fn system() -> Self {
        match std::env::var(TODAY_VAR)
            .ok()
            .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        {
            Some(day) => Self::fixed(day),
            None => Self::wall(),
        }
    }

    fn wall() -> Self {
        let local = Local::now();
        Self {
            now: local.with_timezone(&Utc),
            today: local.date_naive(),
            fixed: false,
        }
    }

    /// A clock stopped at noon (local time) on `today`: tests and
    /// `LINKWORK_TODAY` use it, so nothing depends on the day it runs.
    pub fn fixed(today: NaiveDate) -> Self {
        let noon = today.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
        let now = Local
            .from_local_datetime(&noon)
            .earliest()
            .map_or_else(|| Utc.from_utc_datetime(&noon), |t| t.with_timezone(&Utc));
        Self {
            now,
            today,
            fixed: true,
        }
    }

    /// A clock stopped at `now` (UTC), its day taken in UTC.
    pub fn fixed_at(now: DateTime<Utc>) -> Self {
        Self {
            now,
            today: now.date_naive(),
            fixed: true,
        }
    }

    /// The date the app treats as today.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The moment the app treats as now.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Whether the clock is stopped (tests, `LINKWORK_TODAY`).
    pub fn is_fixed(&self) -> bool {
        self.fixed
    }

    /// Advances a running clock to the wall clock; a fixed one stays.
    /// Returns whether the day changed (so "today" views can refresh).
    pub fn tick(&mut self) -> bool {
        if self.fixed {
            return false;
        }
        let before = self.today;
        *self = Self::wall();
        self.today != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stays_on_its_day() {
        let day = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        let mut clock = Clock::fixed(day);
        assert_eq!(clock.today(), day);
        assert!(!clock.tick());
        assert_eq!(clock.today(), day);
        assert!(clock.is_fixed());
    }

    #[test]
    fn fixed_at_takes_its_day_from_the_moment() {
        let now = Utc.with_ymd_and_hms(2027, 3, 15, 9, 30, 0).unwrap();
        let clock = Clock::fixed_at(now);
        assert_eq!(clock.now(), now);
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2027, 3, 15).unwrap());
    }
}
