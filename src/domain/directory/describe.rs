//! A service's times, places, cost and contacts in words: brief for the
//! worker's screen, plain for the person's own copy of a plan (whole
//! words, no abbreviations, full sentences).

use super::{Service, day_name};

/// How to put it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// `Tue 18:30–20:00 (weekly)`.
    Brief,
    /// `Tuesday, 18:30 to 20:00, every week.`
    Plain,
}

/// Parts without repeats (case-insensitive): `Free. Free` -> `Free`.
pub fn distinct(parts: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in parts {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&p)) {
            out.push(p);
        }
    }
    out
}

fn short_time(t: &str) -> &str {
    t.get(..5).unwrap_or(t)
}

/// Each session: days, times, how often, and its own note.
pub fn sessions(s: &Service, wording: Wording) -> Vec<String> {
    let plain = wording == Wording::Plain;
    s.schedules
        .iter()
        .map(|sc| {
            let days: Vec<&str> = sc
                .weekdays()
                .into_iter()
                .map(|d| {
                    if plain {
                        day_name(d)
                    } else {
                        &day_name(d)[..3]
                    }
                })
                .collect();
            let mut parts = Vec::new();
            if !days.is_empty() {
                parts.push(if plain {
                    join_and(&days)
                } else {
                    days.join(", ")
                });
            }
            match (&sc.opens_at, &sc.closes_at, plain) {
                (Some(o), Some(c), true) => {
                    parts.push(format!("{} to {}", short_time(o), short_time(c)))
                }
                (Some(o), Some(c), false) => {
                    parts.push(format!("{}–{}", short_time(o), short_time(c)))
                }
                (Some(o), None, _) => parts.push(format!("from {}", short_time(o))),
                _ => {}
            }
            let every = match (
                sc.freq.as_deref().map(str::to_ascii_uppercase).as_deref(),
                sc.interval,
            ) {
                (Some("WEEKLY"), Some(2)) => Some(("fortnightly", "every two weeks")),
                (Some("WEEKLY"), _) => Some(("weekly", "every week")),
                (Some("MONTHLY"), _) => Some(("monthly", "once a month")),
                (Some("DAILY"), _) => Some(("daily", "every day")),
                _ => None,
            };
            let mut text = if plain {
                let mut p = parts;
                if let Some((_, words)) = every {
                    p.push(words.to_owned());
                }
                p.join(", ")
            } else {
                let mut t = parts.join(" ");
                if let Some((word, _)) = every {
                    t.push_str(&format!(" ({word})"));
                }
                t
            };
            if let Some(d) = &sc.description {
                if text.trim().is_empty() {
                    text = d.clone();
                } else {
                    text.push_str(&format!(". {d}"));
                }
            }
            let text = text.trim().to_owned();
            if plain && !text.is_empty() && !text.ends_with('.') {
                format!("{text}.")
            } else {
                text
            }
        })
        .filter(|x| !x.is_empty())
        .collect()
}

/// `Monday`, `Monday and Friday`, `Monday, Tuesday and Friday`.
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Where it runs (and how to get there).
pub fn places(s: &Service) -> Vec<String> {
    let mut out = Vec::new();
    for l in &s.locations {
        for a in &l.addresses {
            let parts: Vec<&str> = [
                l.name.as_deref(),
                a.address_1.as_deref(),
                a.city.as_deref(),
                a.postal_code.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !parts.is_empty() {
                out.push(parts.join(", "));
            }
        }
        if let Some(tr) = &l.transportation {
            out.push(format!("Getting there: {tr}"));
        }
    }
    if out.is_empty() {
        let areas: Vec<&str> = s
            .service_areas
            .iter()
            .filter_map(|a| a.name.as_deref())
            .collect();
        if !areas.is_empty() {
            out.push(format!("Serves {}", areas.join(", ")));
        }
    }
    out
}

/// What it costs.
pub fn cost(s: &Service, wording: Wording) -> String {
    let mut parts = Vec::new();
    if s.is_free() {
        parts.push("Free".to_owned());
    } else {
        for c in &s.cost_options {
            match (c.amount, &c.option) {
                (Some(a), Some(o)) => parts.push(format!("£{a:.2} {}", o.to_lowercase())),
                (Some(a), None) => parts.push(format!("£{a:.2}")),
                (None, Some(o)) => parts.push(o.clone()),
                (None, None) => {}
            }
        }
    }
    if let Some(f) = &s.fees_description {
        parts.push(f.clone());
    }
    let parts = distinct(parts);
    match (parts.is_empty(), wording) {
        (true, Wording::Brief) => "Not known: ask when you call".into(),
        (true, Wording::Plain) => "Ask your link worker.".into(),
        (false, Wording::Brief) => parts.join(". "),
        (false, Wording::Plain) => format!("{}.", parts.join(". ").trim_end_matches('.')),
    }
}

/// Phones, named contacts, email and web page.
pub fn contact(s: &Service) -> Vec<String> {
    let mut out: Vec<String> = s
        .phones
        .iter()
        .map(|p| match &p.description {
            Some(d) => format!("{} ({d})", p.number),
            None => p.number.clone(),
        })
        .collect();
    for c in &s.contacts {
        let mut who: Vec<String> = c.name.iter().cloned().collect();
        who.extend(c.title.iter().cloned());
        who.extend(c.phones.iter().map(|p| p.number.clone()));
        if !who.is_empty() {
            out.push(who.join(", "));
        }
    }
    out.extend(s.email.iter().cloned());
    out.extend(s.url.iter().cloned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::{CostOption, Schedule};

    fn walk() -> Service {
        let mut s = crate::domain::fixtures::service(
            "s",
            "Walk",
            vec![Schedule::weekly("x", "TU,FR", "10:00:00", "11:30:00")],
        );
        s.locations = vec![crate::domain::fixtures::place("Eccles", Some("M30 0FN"))];
        s
    }

    #[test]
    fn brief_for_the_worker_plain_for_the_person() {
        let s = walk();
        assert_eq!(
            sessions(&s, Wording::Brief),
            ["Tue, Fri 10:00–11:30 (weekly)"]
        );
        assert_eq!(
            sessions(&s, Wording::Plain),
            ["Tuesday and Friday, 10:00 to 11:30, every week."]
        );
        assert_eq!(places(&s), ["Eccles, M30 0FN"]);
        assert_eq!(cost(&s, Wording::Brief), "Not known: ask when you call");
        let mut paid = s.clone();
        paid.cost_options.push(CostOption {
            id: "c".into(),
            option: Some("Per session".into()),
            amount: Some(2.5),
            currency: None,
            amount_description: None,
        });
        assert_eq!(cost(&paid, Wording::Plain), "£2.50 per session.");
    }
}
