//! The rhythm of a service: the next step of a connection is proposed on
//! the service's next session (the first and third Thursday, a fortnight
//! on, the first Monday of the month), not always a week on.

use crate::domain::directory::Service;
use chrono::{Duration, NaiveDateTime};

/// How far ahead a next session is looked for.
const LOOK_AHEAD_DAYS: i64 = 70;

/// The first session of `service` after the step at `after` (on a later
/// day), at its opening time; `None` when its schedule says too little
/// (no days or times). A fortnightly session is looked for a fortnight on
/// (the directory gives no start date to count from).
pub fn next_session(service: &Service, after: NaiveDateTime) -> Option<NaiveDateTime> {
    (1..=LOOK_AHEAD_DAYS)
        .map(|d| after.date() + Duration::days(d))
        .find_map(|day| {
            service
                .schedules
                .iter()
                .filter_map(|sc| {
                    let (opens, _) = sc.hours()?;
                    let weekly = sc
                        .freq
                        .as_deref()
                        .is_none_or(|f| f.eq_ignore_ascii_case("WEEKLY"));
                    let every = i64::from(sc.interval.unwrap_or(1).clamp(1, 8));
                    let soon_enough =
                        !weekly || day > after.date() + Duration::days(7 * (every - 1));
                    (soon_enough && sc.runs_on(day)).then(|| day.and_time(opens))
                })
                .min()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::Schedule;
    use chrono::NaiveDate;

    fn on(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn the_next_step_falls_on_the_services_next_session() {
        let mut lunch = crate::domain::fixtures::service("lunch", "Village lunch", vec![]);
        // First and third Thursday: 5 and 19 March 2026.
        let mut first = Schedule::weekly("a", "1TH", "12:00", "14:00");
        first.freq = Some("MONTHLY".into());
        let mut third = Schedule::weekly("b", "3TH", "12:00", "14:00");
        third.freq = Some("MONTHLY".into());
        lunch.schedules = vec![first, third];
        assert_eq!(next_session(&lunch, on(5, 12, 0)), Some(on(19, 12, 0)));
        assert_eq!(
            next_session(&lunch, on(19, 12, 0)),
            Some(
                NaiveDate::from_ymd_opt(2026, 4, 2)
                    .unwrap()
                    .and_hms_opt(12, 0, 0)
                    .unwrap()
            )
        );
        // Fortnightly on Tuesdays: a fortnight on.
        let mut walk = crate::domain::fixtures::service("walk", "Walk", vec![]);
        let mut tue = Schedule::weekly("w", "TU", "10:00", "11:30");
        tue.interval = Some(2);
        walk.schedules = vec![tue];
        assert_eq!(next_session(&walk, on(3, 10, 0)), Some(on(17, 10, 0)));
        // Gym Monday and Friday: the next of the two.
        let mut gym = crate::domain::fixtures::service("gym", "Gym", vec![]);
        gym.schedules = vec![Schedule::weekly("g", "MO,FR", "09:00", "12:00")];
        assert_eq!(next_session(&gym, on(2, 9, 0)), Some(on(6, 9, 0)));
        // No times: nothing to go by.
        gym.schedules = vec![];
        assert_eq!(next_session(&gym, on(2, 9, 0)), None);
    }
}
