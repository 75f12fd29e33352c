//! A service's sessions as a worker types and reads them: one line such as
//! `every Tue, Thu 18:30-20:00; every Sat 09:00-10:00`, `every other Wed
//! 18:30-20:30` or `1st Wed of the month 10:00-12:00`. The detail pane
//! shows sessions this way and the service form edits them this way, so
//! what the worker reads is what they can type back.

use super::{Schedule, clock_time, day_name};
use crate::domain::text::fold;
use chrono::Weekday;

/// How often a session comes round, read from HSDS `freq` and `interval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// Every `n` weeks (1 weekly, 2 fortnightly).
    Weeks(u32),
    /// Every `n` months.
    Months(u32),
    /// Every `n` days.
    Days(u32),
    /// The feed does not say (or says something we do not know).
    Unknown,
}

impl Repeat {
    /// How often `schedule` repeats.
    pub fn of(schedule: &Schedule) -> Self {
        let n = schedule.interval.filter(|n| *n > 0).unwrap_or(1);
        match schedule
            .freq
            .as_deref()
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            Some("WEEKLY") => Self::Weeks(n),
            Some("MONTHLY") => Self::Months(n),
            Some("DAILY") => Self::Days(n),
            _ => Self::Unknown,
        }
    }
}

/// `1` -> `1st`, `-1` -> `last`.
fn short_ordinal(n: i32) -> String {
    match n {
        -1 => "last".into(),
        -2 => "2nd to last".into(),
        n => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

/// `1` -> `first`, `-1` -> `last`.
pub fn ordinal_word(n: i32) -> String {
    match n {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        4 => "fourth".into(),
        5 => "fifth".into(),
        -1 => "last".into(),
        -2 => "second to last".into(),
        n => short_ordinal(n),
    }
}

fn short_time(t: &str) -> String {
    clock_time(t).map_or_else(|| t.trim().to_owned(), |t| t.format("%H:%M").to_string())
}

/// The session's days and how often, briefly: `every Tue, Thu`,
/// `every other Wed`, `1st Wed of the month`.
fn when_brief(sc: &Schedule) -> String {
    let days = sc.days_with_week();
    let short = |d: Weekday| &day_name(d)[..3];
    let plain_days = || {
        days.iter()
            .map(|(d, _)| short(*d))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let dated = days.iter().any(|(_, w)| w.is_some());
    match Repeat::of(sc) {
        Repeat::Months(n) => {
            let mut text = if dated {
                let list: Vec<String> = days
                    .iter()
                    .map(|(d, w)| match w {
                        Some(w) => format!("{} {}", short_ordinal(*w), short(*d)),
                        None => format!("every {}", short(*d)),
                    })
                    .collect();
                format!("{} of the month", list.join(", "))
            } else if days.is_empty() {
                "monthly".into()
            } else {
                format!("monthly on {}", plain_days())
            };
            if n > 1 {
                text.push_str(&format!(", every {n} months"));
            }
            text
        }
        Repeat::Weeks(n) => {
            let every = match n {
                1 => "every".to_owned(),
                2 => "every other".to_owned(),
                n => format!("every {n} weeks on"),
            };
            if days.is_empty() {
                match n {
                    1 => "weekly".into(),
                    2 => "fortnightly".into(),
                    n => format!("every {n} weeks"),
                }
            } else {
                format!("{every} {}", plain_days())
            }
        }
        Repeat::Days(1) => "daily".into(),
        Repeat::Days(n) => format!("every {n} days"),
        Repeat::Unknown => plain_days(),
    }
}

fn hours_brief(sc: &Schedule, dash: &str) -> Option<String> {
    match (&sc.opens_at, &sc.closes_at) {
        (Some(o), Some(c)) => Some(format!("{}{dash}{}", short_time(o), short_time(c))),
        (Some(o), None) => Some(format!("from {}", short_time(o))),
        (None, Some(c)) => Some(format!("until {}", short_time(c))),
        (None, None) => None,
    }
}

/// The session as the form writes it (`every Tue, Thu 18:30-20:00`), or
/// empty when it has no days, times or frequency to write.
pub fn write(sc: &Schedule) -> String {
    brief(sc, "-")
}

/// The session as the detail pane shows it: as [`write`], with an en dash.
pub fn brief(sc: &Schedule, dash: &str) -> String {
    let mut parts = vec![when_brief(sc)];
    parts.extend(hours_brief(sc, dash));
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// `Monday`, `Monday and Friday`, `Monday, Tuesday and Friday`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The session's days and how often, in whole words for the person:
/// `Every Tuesday and Thursday`, `Every other Wednesday (every two weeks)`,
/// `The first Wednesday of the month`.
pub fn when_plain(sc: &Schedule) -> String {
    let days = sc.days_with_week();
    let names = || -> Vec<String> { days.iter().map(|(d, _)| day_name(*d).to_owned()).collect() };
    let dated = days.iter().any(|(_, w)| w.is_some());
    match Repeat::of(sc) {
        Repeat::Months(n) => {
            let mut text = if dated {
                // Ordinals of the same day together: "first and third Wednesday".
                let mut by_day: Vec<(Weekday, Vec<String>)> = Vec::new();
                for (d, w) in &days {
                    let word = w.map_or("every".to_owned(), ordinal_word);
                    match by_day.iter_mut().find(|(x, _)| x == d) {
                        Some((_, words)) => words.push(word),
                        None => by_day.push((*d, vec![word])),
                    }
                }
                let items: Vec<String> = by_day
                    .iter()
                    .map(|(d, words)| format!("{} {}", join_and(words), day_name(*d)))
                    .collect();
                format!("The {} of the month", join_and(&items))
            } else if days.is_empty() {
                "Once a month".into()
            } else {
                format!("Once a month, on a {}", join_and(&names()))
            };
            if n > 1 {
                text.push_str(&format!(", every {n} months"));
            }
            text
        }
        Repeat::Weeks(n) => match (n, days.is_empty()) {
            (1, true) => "Every week".into(),
            (2, true) => "Every two weeks".into(),
            (n, true) => format!("Every {n} weeks"),
            (1, false) => format!("Every {}", join_and(&names())),
            (2, false) => format!("Every other {} (every two weeks)", join_and(&names())),
            (n, false) => format!("Every {n} weeks, on {}", join_and(&names())),
        },
        Repeat::Days(1) => "Every day".into(),
        Repeat::Days(n) => format!("Every {n} days"),
        Repeat::Unknown => join_and(&names()),
    }
}

/// The session's hours in words: `18:30 to 20:00`.
pub fn hours_plain(sc: &Schedule) -> Option<String> {
    hours_brief(sc, " to ")
}

/// What the form says when a session cannot be read.
const EXAMPLE: &str = "e.g. every Tue, Thu 18:30-20:00; every other Wed 10:00-12:00; 1st Wed of the month 14:00-16:00";

/// The example the form shows beside an empty field.
pub fn example() -> &'static str {
    "e.g. every Tue, Thu 18:30-20:00; 1st Wed of the month 10:00-12:00"
}

fn weekday(word: &str) -> Option<Weekday> {
    if word.len() < 2 {
        return None;
    }
    super::WEEK
        .into_iter()
        .find(|d| fold(day_name(*d)).starts_with(word))
}

fn ordinal(word: &str) -> Option<i32> {
    Some(match word {
        "1st" | "first" => 1,
        "2nd" | "second" => 2,
        "3rd" | "third" => 3,
        "4th" | "fourth" => 4,
        "5th" | "fifth" => 5,
        "last" => -1,
        _ => return None,
    })
}

fn time(word: &str) -> Option<String> {
    crate::domain::typed::clock(word).map(|t| t.format("%H:%M").to_string())
}

/// One session read from the form's words.
fn parse_one(text: &str, id: String) -> Result<Schedule, String> {
    let spaced = text
        .replace(['–', '—'], " - ")
        .replace(',', " ")
        .replace('-', " - ");
    let words: Vec<String> = spaced.split_whitespace().map(fold).collect();
    let mut days: Vec<String> = Vec::new();
    let mut times: Vec<String> = Vec::new();
    let mut weeks: Option<u32> = None;
    let mut months: Option<u32> = None;
    let mut daily = false;
    let mut pending: Vec<i32> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        match w {
            "every" | "each" => {
                if let Some(n) = next.and_then(|n| n.parse::<u32>().ok()) {
                    let unit = words.get(i + 2).map(String::as_str).unwrap_or("");
                    match unit {
                        u if u.starts_with("week") => weeks = Some(n),
                        u if u.starts_with("month") => months = Some(n),
                        u if u.starts_with("day") => {
                            daily = true;
                            weeks = Some(n);
                        }
                        _ => {
                            return Err(format!("\"every {n}\" needs weeks or months ({EXAMPLE})"));
                        }
                    }
                    i += 3;
                    continue;
                }
                if next == Some("day") {
                    daily = true;
                    i += 2;
                    continue;
                }
            }
            _ if w.parse::<u32>().is_ok() && matches!(next, Some("am" | "pm")) => {
                times.extend(time(&format!("{w}{}", next.unwrap_or(""))));
                i += 2;
                continue;
            }
            "other" | "alternate" | "fortnightly" => weeks = Some(2),
            "weekly" => weeks = weeks.or(Some(1)),
            "monthly" => months = months.or(Some(1)),
            "daily" => daily = true,
            "of" | "the" | "a" | "on" | "and" | "&" | "to" | "-" | "from" | "at" | "week"
            | "weeks" | "fortnight" => {}
            "month" => months = months.or(Some(1)),
            _ => {
                if let Some(n) = ordinal(w) {
                    pending.push(n);
                } else if let Some(d) = weekday(w.trim_end_matches('s')).or_else(|| weekday(w)) {
                    let code = day_name(d)[..2].to_ascii_uppercase();
                    let codes = if pending.is_empty() {
                        vec![code]
                    } else {
                        months = months.or(Some(1));
                        pending.drain(..).map(|n| format!("{n}{code}")).collect()
                    };
                    for code in codes {
                        if !days.contains(&code) {
                            days.push(code);
                        }
                    }
                } else if let Some(t) = time(w) {
                    times.push(t);
                } else {
                    return Err(format!(
                        "\"{}\" is not a day, a time or how often ({EXAMPLE})",
                        words[i]
                    ));
                }
            }
        }
        i += 1;
    }
    if let Some(n) = pending.first() {
        return Err(format!("\"{}\" needs a day after it", short_ordinal(*n)));
    }
    if times.len() > 2 {
        return Err(format!(
            "\"{}\" has more than two times: write each session apart, with ; between",
            text.trim()
        ));
    }
    let opens_at = times.first().cloned();
    let closes_at = times.get(1).cloned();
    if let (Some(o), Some(c)) = (&opens_at, &closes_at)
        && c <= o
    {
        return Err(format!(
            "\"{}\": it closes at {c}, before it opens at {o}",
            text.trim()
        ));
    }
    // A day with no word for how often is every week; times alone say
    // nothing of how often.
    let (freq, interval) = match (months, weeks, daily) {
        (Some(n), _, _) => (Some("MONTHLY"), Some(n)),
        (None, n, true) => (Some("DAILY"), Some(n.unwrap_or(1))),
        (None, Some(n), false) => (Some("WEEKLY"), Some(n)),
        (None, None, false) if !days.is_empty() => (Some("WEEKLY"), Some(1)),
        (None, None, false) => (None, None),
    };
    Ok(Schedule {
        at: Default::default(),
        extra: Default::default(),
        id,
        freq: freq.map(str::to_owned),
        interval,
        byday: (!days.is_empty()).then(|| days.join(",")),
        opens_at,
        closes_at,
        description: None,
    })
}

/// Reads the form's line into sessions. A session written exactly as an
/// existing one of `kept` reads is that one, unchanged (its id, its own
/// note and any field the form does not show); a new one gets an id made
/// from `service_id` that no other session uses.
pub fn parse(text: &str, service_id: &str, kept: &[Schedule]) -> Result<Vec<Schedule>, String> {
    let mut out: Vec<Schedule> = Vec::new();
    let mut used: Vec<&Schedule> = Vec::new();
    for part in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if let Some(same) = kept
            .iter()
            .find(|k| !used.contains(k) && fold(&write(k)) == fold(part))
        {
            used.push(same);
            out.push(same.clone());
            continue;
        }
        let mut n = out.len() + 1;
        let id = loop {
            let id = if n == 1 {
                format!("{service_id}-schedule")
            } else {
                format!("{service_id}-schedule-{n}")
            };
            if !kept.iter().chain(out.iter()).any(|k| k.id == id) {
                break id;
            }
            n += 1;
        };
        let session = parse_one(part, id)?;
        let daily = session.freq.as_deref() == Some("DAILY");
        if session.byday.is_none() && session.opens_at.is_none() && !daily {
            return Err(format!("\"{part}\" gives no day or time ({EXAMPLE})"));
        }
        out.push(session);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Schedule {
        let v = parse(text, "s", &[]).unwrap();
        assert_eq!(v.len(), 1, "{text}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn weekly_fortnightly_and_monthly_read_as_hsds_says_them() {
        let s = one("Tue, Thu 18:30-20:00");
        assert_eq!(
            (s.freq.as_deref(), s.interval, s.byday.as_deref()),
            (Some("WEEKLY"), Some(1), Some("TU,TH"))
        );
        assert_eq!(
            (s.opens_at.as_deref(), s.closes_at.as_deref()),
            (Some("18:30"), Some("20:00"))
        );
        let s = one("every other Wednesday 18:30 to 20:30");
        assert_eq!((s.interval, s.byday.as_deref()), (Some(2), Some("WE")));
        let s = one("fortnightly wed 18:30–20:30");
        assert_eq!((s.interval, s.byday.as_deref()), (Some(2), Some("WE")));
        let s = one("1st Wed of the month 10:00-12:00");
        assert_eq!(
            (s.freq.as_deref(), s.byday.as_deref()),
            (Some("MONTHLY"), Some("1WE"))
        );
        let s = one("first and third Thursdays 14:00-16:00");
        assert_eq!(s.byday.as_deref(), Some("1TH,3TH"));
        let s = one("last Fri 14:00-16:00");
        assert_eq!(s.byday.as_deref(), Some("-1FR"));
        let s = one("Saturdays 9 am to 10.30am");
        assert_eq!(
            (s.opens_at.as_deref(), s.closes_at.as_deref()),
            (Some("09:00"), Some("10:30"))
        );
        let s = one("every 3 weeks on Mon 10:00");
        assert_eq!(
            (s.interval, s.opens_at.as_deref(), s.closes_at),
            (Some(3), Some("10:00"), None)
        );
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        for text in [
            "every Tue, Thu 18:30-20:00",
            "every Sat 09:00-10:00",
            "every other Wed 18:30-20:30",
            "1st Wed of the month 10:00-12:00",
            "1st Wed, 3rd Wed of the month 10:00-12:00",
            "last Fri of the month 14:00-16:00",
            "every 3 weeks on Mon from 10:00",
            "monthly on Tue 10:00-11:00",
            "daily 09:00-17:00",
            "10:00-12:00",
        ] {
            let s = one(text);
            assert_eq!(write(&s), text);
        }
    }

    #[test]
    fn many_sessions_keep_the_ones_not_changed() {
        let mut kept = Schedule::weekly("feed-1", "TU,TH", "18:30:00", "20:00:00");
        kept.description = Some("Meet at the gates".into());
        let v = parse(
            "every Tue, Thu 18:30-20:00; Sat 09:00-10:00",
            "club",
            std::slice::from_ref(&kept),
        )
        .unwrap();
        assert_eq!(v[0], kept);
        assert_eq!(v[1].id, "club-schedule-2");
        assert_eq!(v[1].byday.as_deref(), Some("SA"));
    }

    #[test]
    fn mistakes_say_what_and_where() {
        for (text, says) in [
            ("Funday 10:00", "\"funday\" is not a day"),
            (
                "Tue 20:00-18:00",
                "closes at 18:00, before it opens at 20:00",
            ),
            ("3rd", "needs a day"),
            ("Tue 10:00-11:00 12:00-13:00", "more than two times"),
            ("every 2 fish Tue", "needs weeks or months"),
            ("every other", "no day or time"),
        ] {
            let err = parse(text, "s", &[]).unwrap_err();
            assert!(err.contains(says), "{text}: {err}");
        }
    }

    #[test]
    fn plain_words_for_the_person() {
        let s = one("Tue, Thu 18:30-20:00");
        assert_eq!(when_plain(&s), "Every Tuesday and Thursday");
        let s = one("every other Wed 18:30-20:30");
        assert_eq!(when_plain(&s), "Every other Wednesday (every two weeks)");
        let s = one("1st Wed, 3rd Wed of the month 10:00-12:00");
        assert_eq!(when_plain(&s), "The first and third Wednesday of the month");
        let s = one("last Fri of the month 14:00-16:00");
        assert_eq!(when_plain(&s), "The last Friday of the month");
    }
}
