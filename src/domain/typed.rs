//! Reading what a worker types into a form field: dates, days of the
//! week, amounts of money and small numbers. Each parser says what is
//! wrong in a short phrase the form shows beside the field.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// Which way a date without a year (or a weekday) is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lean {
    /// Something planned: `5/12` is the next 5 December, `mon` the next
    /// Monday (today if it is one).
    Ahead,
    /// Something that happened: `5/8` is the last 5 August, `mon` the last
    /// Monday (today if it is one), `23/4/60` is 1960; a day to come is
    /// refused.
    Past,
}

/// A date for something planned, typed as `2026-12-05`, `5/12/2026`,
/// `5/12` (the next one), `today`, `tomorrow`, `yesterday`, `+3` or `-3`
/// (days), `+2w` or `-2w` (weeks), or a weekday (`mon`, `friday`: the next
/// one).
pub fn date(raw: &str, today: NaiveDate) -> Result<NaiveDate, &'static str> {
    parse(raw, today, Lean::Ahead)
}

/// What [`past_date`] says of a day after today.
pub const STILL_TO_COME: &str = "not in the future: that day is still to come";

/// A date for something that has happened: the same forms as [`date`],
/// but `5/8` is the last 5 August, `mon` the last Monday, a two-digit year
/// the last such year, and a day after `today` is refused.
pub fn past_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, &'static str> {
    let d = parse(raw, today, Lean::Past)?;
    if d > today {
        return Err(STILL_TO_COME);
    }
    Ok(d)
}

fn offset(rest: &str) -> Result<i64, &'static str> {
    let (n, unit) = match rest.strip_suffix('w') {
        Some(n) => (n, 7),
        None => (rest.strip_suffix('d').unwrap_or(rest), 1),
    };
    let n: i64 = n.trim().parse().map_err(|_| HOW)?;
    Ok(n * unit)
}

const HOW: &str = "use a date like 5/12/2026, 2026-12-05, today, yesterday, -3, +7, +2w or mon";

/// The days of the week by name, in week order.
const NAMES: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

fn weekday(s: &str) -> Option<Weekday> {
    (s.len() >= 3)
        .then(|| {
            NAMES
                .iter()
                .find(|(n, _)| n.starts_with(s))
                .map(|(_, d)| *d)
        })
        .flatten()
}

fn parse(raw: &str, today: NaiveDate, lean: Lean) -> Result<NaiveDate, &'static str> {
    let s = raw.trim().to_ascii_lowercase();
    match s.as_str() {
        "today" => return Ok(today),
        "tomorrow" => return Ok(today + Duration::days(1)),
        "yesterday" => return Ok(today - Duration::days(1)),
        _ => {}
    }
    if let Some(day) = weekday(&s) {
        let from = today.weekday().num_days_from_monday() as i64;
        let to = day.num_days_from_monday() as i64;
        return Ok(match lean {
            Lean::Ahead => today + Duration::days((to - from).rem_euclid(7)),
            Lean::Past => today - Duration::days((from - to).rem_euclid(7)),
        });
    }
    if let Some(rest) = s.strip_prefix('-') {
        let n = offset(rest)?;
        if !(0..=36500).contains(&n) {
            return Err("that is more than a hundred years ago");
        }
        return Ok(today - Duration::days(n));
    }
    if let Some(rest) = s.strip_prefix('+') {
        let n = offset(rest)?;
        if !(0..=3650).contains(&n) {
            return Err("that is more than ten years ahead");
        }
        return Ok(today + Duration::days(n));
    }
    if let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
        return Ok(d);
    }
    let parts: Vec<&str> = s.split(['/', '.']).map(str::trim).collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| HOW);
    match parts.as_slice() {
        [d, m, y] => {
            let mut year = num(y)? as i32;
            if y.len() <= 2 {
                year += 2000;
                if lean == Lean::Past && year > today.year() {
                    year -= 100;
                }
            }
            NaiveDate::from_ymd_opt(year, num(m)?, num(d)?).ok_or("there is no such date")
        }
        [d, m] => {
            let (d, m) = (num(d)?, num(m)?);
            let in_year = |y: i32| NaiveDate::from_ymd_opt(y, m, d);
            // 29/2 is looked for in the nearest leap year that way.
            let mut found = None;
            for k in 0..8 {
                let y = match lean {
                    Lean::Ahead => today.year() + k,
                    Lean::Past => today.year() - k,
                };
                if let Some(day) = in_year(y) {
                    let fits = match lean {
                        Lean::Ahead => day >= today,
                        Lean::Past => day <= today,
                    };
                    if fits {
                        found = Some(day);
                        break;
                    }
                }
            }
            found.ok_or("there is no such date")
        }
        _ => Err(HOW),
    }
}

/// A date and time typed as a date (any form [`date`] reads) and a time
/// (`14:30`, `9:05`, `2pm`); without a time, `default_time`.
pub fn date_time(
    raw: &str,
    today: NaiveDate,
    default_time: NaiveTime,
) -> Result<NaiveDateTime, &'static str> {
    when(raw, today, default_time, Lean::Ahead)
}

/// A date and time of something that has happened (the date read as
/// [`past_date`] reads it; a day after `today` refused).
pub fn past_date_time(
    raw: &str,
    today: NaiveDate,
    default_time: NaiveTime,
) -> Result<NaiveDateTime, &'static str> {
    let at = when(raw, today, default_time, Lean::Past)?;
    if at.date() > today {
        return Err(STILL_TO_COME);
    }
    Ok(at)
}

/// A time of day as people write it: `14:30`, `9:05`, `18.30`, `2pm`,
/// `2:30pm`, `12am`. A bare number is not a time.
pub fn clock(raw: &str) -> Option<NaiveTime> {
    let t = raw.trim().to_ascii_lowercase();
    let (t, pm) = match (t.strip_suffix("pm"), t.strip_suffix("am")) {
        (Some(t), _) => (t.trim(), Some(true)),
        (_, Some(t)) => (t.trim(), Some(false)),
        _ => (t.as_str(), None),
    };
    let (h, m) = match t.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 || m.len() == 5 => (h, m),
        Some(_) => return None,
        None if pm.is_some() => (t, "0"),
        None => return None,
    };
    let (m, sec) = m.split_once(':').unwrap_or((m, "0"));
    let mut h: u32 = h.parse().ok()?;
    let (m, sec): (u32, u32) = (m.parse().ok()?, sec.parse().ok()?);
    match pm {
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    NaiveTime::from_hms_opt(h, m, sec)
}

fn when(
    raw: &str,
    today: NaiveDate,
    default_time: NaiveTime,
    lean: Lean,
) -> Result<NaiveDateTime, &'static str> {
    const TIME: &str = "use a time like 14:30 or 2pm";
    let s = raw.trim().to_ascii_lowercase();
    let (date_part, time_part) = match s.rsplit_once(' ') {
        Some((d, t)) if t.contains(':') || t.ends_with("am") || t.ends_with("pm") => (d, Some(t)),
        _ => (s.as_str(), None),
    };
    let day = parse(date_part, today, lean)?;
    let time = match time_part {
        None => default_time,
        Some(t) => clock(t).ok_or(TIME)?,
    };
    Ok(day.and_time(time))
}

/// A date and time the way [`date_time`] reads it back.
pub fn show_date_time(at: NaiveDateTime) -> String {
    at.format("%-d/%-m/%Y %H:%M").to_string()
}

/// Days of the week typed as words or their starts (`tue thu`,
/// `Mondays, Fridays`, `weekdays`), in week order without repeats.
pub fn days(raw: &str) -> Result<Vec<Weekday>, String> {
    let mut out = Vec::new();
    let lower = raw.to_lowercase();
    for word in lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && *w != "and")
    {
        if word == "weekdays" {
            out.extend(NAMES[..5].iter().map(|(_, d)| *d));
            continue;
        }
        if word == "any" || word == "all" || word == "everyday" {
            out.extend(NAMES.iter().map(|(_, d)| *d));
            continue;
        }
        let word = word
            .strip_suffix('s')
            .filter(|w| w.len() > 3)
            .unwrap_or(word);
        let found = NAMES
            .iter()
            .find(|(name, _)| word.len() >= 2 && name.starts_with(word));
        match found {
            Some((_, d)) => out.push(*d),
            None => {
                return Err(format!(
                    "\"{word}\" is not a day (try: tue thu, or weekdays)"
                ));
            }
        }
    }
    out.sort_by_key(|d| d.num_days_from_monday());
    out.dedup();
    Ok(out)
}

/// An amount of money per session: empty means not asked (`None`);
/// `free`, `nothing` and `0` mean nothing; `£3`, `3.50`, `3.5`, `50p`.
pub fn pence(raw: &str) -> Result<Option<u32>, &'static str> {
    const HOW: &str = "use an amount like £3.50, 50p or free";
    let s = raw.trim().to_ascii_lowercase();
    if s.is_empty() {
        return Ok(None);
    }
    if matches!(s.as_str(), "free" | "nothing" | "none") {
        return Ok(Some(0));
    }
    if let Some(p) = s.strip_suffix('p') {
        return p.trim().parse::<u32>().map(Some).map_err(|_| HOW);
    }
    let s = s.strip_prefix('£').unwrap_or(&s).trim();
    let (pounds, fraction) = s.split_once('.').unwrap_or((s, ""));
    let pounds: u32 = if pounds.is_empty() {
        0
    } else {
        pounds.parse().map_err(|_| HOW)?
    };
    let fraction = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<u32>().map_err(|_| HOW)? * 10,
        2 => fraction.parse::<u32>().map_err(|_| HOW)?,
        _ => return Err(HOW),
    };
    if pounds > 10_000 {
        return Err("that is more than £10,000");
    }
    Ok(Some(pounds * 100 + fraction))
}

/// An amount in pence the way [`pence`] reads it back (`£3.50`, `free`).
pub fn money(pence: u32) -> String {
    match pence {
        0 => "free".into(),
        p if p % 100 == 0 => format!("£{}", p / 100),
        p => format!("£{}.{:02}", p / 100, p % 100),
    }
}

/// A whole number from `min` to `max`; empty means none.
pub fn number(raw: &str, min: u32, max: u32) -> Result<Option<u32>, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(format!("a whole number from {min} to {max}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_past_event_reads_back_and_a_plan_reads_ahead() {
        // Tuesday 1 December 2026.
        let today = d(2026, 12, 1);
        assert_eq!(past_date("5/8", today), Ok(d(2026, 8, 5)));
        assert_eq!(date("5/8", today), Ok(d(2027, 8, 5)));
        assert_eq!(past_date("14/12", today), Ok(d(2025, 12, 14)));
        assert_eq!(past_date("1/12", today), Ok(today));
        assert_eq!(past_date("14/12/2018", today), Ok(d(2018, 12, 14)));
        assert_eq!(past_date("14.12.18", today), Ok(d(2018, 12, 14)));
        assert_eq!(past_date("23/4/60", today), Ok(d(1960, 4, 23)));
        assert_eq!(date("23/4/60", today), Ok(d(2060, 4, 23)));
        assert_eq!(past_date("mon", today), Ok(d(2026, 11, 30)));
        assert_eq!(date("mon", today), Ok(d(2026, 12, 7)));
        assert_eq!(past_date("Tuesday", today), Ok(today));
        assert_eq!(date("tue", today), Ok(today));
        assert_eq!(past_date("fri", today), Ok(d(2026, 11, 27)));
        assert_eq!(past_date("-2w", today), Ok(d(2026, 11, 17)));
        assert_eq!(past_date("yesterday", today), Ok(d(2026, 11, 30)));
        assert_eq!(past_date("+1", today), Err(STILL_TO_COME));
        assert_eq!(past_date("2026-12-02", today), Err(STILL_TO_COME));
        assert_eq!(past_date("29/2", today), Ok(d(2024, 2, 29)));
        assert_eq!(date("29/2", today), Ok(d(2028, 2, 29)));
        assert!(past_date("31/2", today).is_err());
        assert!(past_date("mo", today).is_err(), "two letters are not a day");
        assert_eq!(
            past_date_time("mon 2pm", today, NaiveTime::MIN),
            Ok(d(2026, 11, 30).and_hms_opt(14, 0, 0).unwrap())
        );
        assert_eq!(
            past_date_time("+1 10:00", today, NaiveTime::MIN),
            Err(STILL_TO_COME)
        );
    }

    #[test]
    fn dates_in_the_ways_workers_type_them() {
        let today = d(2026, 11, 22);
        assert_eq!(date("today", today), Ok(today));
        assert_eq!(date("Tomorrow", today), Ok(d(2026, 11, 23)));
        assert_eq!(date("+7", today), Ok(d(2026, 11, 29)));
        assert_eq!(date("+2w", today), Ok(d(2026, 12, 6)));
        assert_eq!(date("2027-01-05", today), Ok(d(2027, 1, 5)));
        assert_eq!(date("5/1/2027", today), Ok(d(2027, 1, 5)));
        assert_eq!(date("5/1/27", today), Ok(d(2027, 1, 5)));
        assert_eq!(date("5/12", today), Ok(d(2026, 12, 5)));
        assert_eq!(
            date("5/1", today),
            Ok(d(2027, 1, 5)),
            "past this year: next"
        );
        assert_eq!(date("31/2/2027", today), Err("there is no such date"));
        assert!(date("next week", today).is_err());
        assert!(date("+99999", today).is_err());
        assert_eq!(date("yesterday", today), Ok(d(2026, 11, 21)));
        assert_eq!(date("-3", today), Ok(d(2026, 11, 19)));
        assert_eq!(date("-2w", today), Ok(d(2026, 11, 8)));
        assert!(date("-x", today).is_err());
    }

    #[test]
    fn dates_with_times() {
        let today = d(2026, 11, 22);
        let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
        let at = |s| date_time(s, today, ten);
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(at("today"), Ok(today.and_time(ten)));
        assert_eq!(at("24/11 14:30"), Ok(d(2026, 11, 24).and_time(t(14, 30))));
        assert_eq!(at("+7 2pm"), Ok(d(2026, 11, 29).and_time(t(14, 0))));
        assert_eq!(at("tomorrow 12am"), Ok(d(2026, 11, 23).and_time(t(0, 0))));
        assert_eq!(at("1/12/2026 9:05"), Ok(d(2026, 12, 1).and_time(t(9, 5))));
        assert!(at("today 25:00").is_err());
        assert_eq!(clock("18.30"), Some(t(18, 30)));
        assert_eq!(clock("2:30pm"), Some(t(14, 30)));
        assert_eq!(clock("10 am"), Some(t(10, 0)));
        assert_eq!(clock("18:30:00"), Some(t(18, 30)));
        for not_a_time in ["7", "13pm", "0am", "9:5", "18:60", "half six"] {
            assert_eq!(clock(not_a_time), None, "{not_a_time}");
        }
        let shown = show_date_time(d(2026, 12, 1).and_time(t(9, 5)));
        assert_eq!(shown, "1/12/2026 09:05");
        assert_eq!(at(&shown), Ok(d(2026, 12, 1).and_time(t(9, 5))));
    }

    #[test]
    fn days_from_words_and_starts() {
        use Weekday::*;
        assert_eq!(days("tue thu"), Ok(vec![Tue, Thu]));
        assert_eq!(days("Thursdays, Tuesdays and tue"), Ok(vec![Tue, Thu]));
        assert_eq!(days("weekdays"), Ok(vec![Mon, Tue, Wed, Thu, Fri]));
        assert_eq!(days(""), Ok(vec![]));
        assert!(days("t").is_err(), "one letter is ambiguous");
        assert!(days("tue blursday").unwrap_err().contains("blursday"));
    }

    #[test]
    fn money_both_ways() {
        assert_eq!(pence(""), Ok(None));
        assert_eq!(pence("free"), Ok(Some(0)));
        assert_eq!(pence("£3"), Ok(Some(300)));
        assert_eq!(pence("3.5"), Ok(Some(350)));
        assert_eq!(pence("£2.75"), Ok(Some(275)));
        assert_eq!(pence("50p"), Ok(Some(50)));
        assert!(pence("three").is_err());
        assert!(pence("3.505").is_err());
        for p in [0, 50, 300, 275, 1005] {
            assert_eq!(pence(&money(p)), Ok(Some(p)));
        }
    }

    #[test]
    fn numbers_in_range() {
        assert_eq!(number(" 5 ", 0, 50), Ok(Some(5)));
        assert_eq!(number("", 0, 50), Ok(None));
        assert!(number("51", 0, 50).is_err());
    }

    proptest! {
        #[test]
        fn typed_text_never_panics(s in "\\PC{0,24}") {
            let today = d(2026, 11, 22);
            let _ = date(&s, today);
            let _ = days(&s);
            let _ = pence(&s);
            let _ = number(&s, 0, 10);
            let _ = date_time(&s, today, NaiveTime::MIN);
        }
    }
}
