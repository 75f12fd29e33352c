//! A service's times, places, cost and contacts in words: brief for the
//! worker's screen, plain for the person's own copy of a plan (whole
//! words, no abbreviations, full sentences).

use super::{Service, session_text};

/// How to put it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// `every Tue 18:30–20:00`.
    Brief,
    /// `Every Tuesday, 18:30 to 20:00.`
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

/// Each session: days, how often, times, and its own note. Brief is how
/// the detail pane shows it (`every Tue, Thu 18:30–20:00`, `1st Wed of the
/// month 10:00–12:00`); plain is a sentence for the person (`Every
/// Tuesday and Thursday, 18:30 to 20:00.`).
pub fn sessions(s: &Service, wording: Wording) -> Vec<String> {
    // A session published on the service and again on its location is
    // said once.
    let said: Vec<String> = s
        .schedules
        .iter()
        .map(|sc| {
            let mut text = match wording {
                Wording::Brief => session_text::brief(sc, "–"),
                Wording::Plain => {
                    let mut parts = vec![session_text::when_plain(sc)];
                    parts.extend(session_text::hours_plain(sc));
                    parts.retain(|p| !p.is_empty());
                    let mut text = parts.join(", ");
                    if let Some(first) = text.chars().next() {
                        text = first.to_uppercase().chain(text.chars().skip(1)).collect();
                    }
                    text
                }
            };
            // Its own words, then what the publisher notes of it (kept,
            // not modelled): `notes`, and the last day it runs.
            let until = extra_text(&sc.extra, "valid_to")
                .and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok())
                .map(|d| match wording {
                    Wording::Brief => format!("Until {}", d.format("%-d %b %Y")),
                    Wording::Plain => format!("Until {}", d.format("%-d %B %Y")),
                });
            let said = [
                sc.description.as_deref().map(str::trim),
                extra_text(&sc.extra, "notes"),
                until.as_deref(),
            ];
            for d in said.into_iter().flatten().filter(|d| !d.is_empty()) {
                if text.trim().is_empty() {
                    text = d.to_owned();
                } else {
                    text.push_str(&format!(". {}", d.trim_end_matches('.')));
                }
            }
            let text = text.trim().to_owned();
            if wording == Wording::Plain && !text.is_empty() && !text.ends_with('.') {
                format!("{text}.")
            } else {
                text
            }
        })
        .filter(|x| !x.is_empty())
        .collect();
    distinct(said)
}

/// A text field the publisher gave that linkwork keeps without modelling.
fn extra_text<'a>(extra: &'a super::Extra, field: &str) -> Option<&'a str> {
    extra
        .get(field)
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// What the publisher says of a service that a worker needs before
/// referring and linkwork keeps without modelling: how long the wait is,
/// what to bring, fees, accreditations and licences, who funds it, the
/// programme it belongs to. `(label, text)`, each as published.
pub fn published(s: &Service) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let list = |field: &str, key: &str| -> Vec<String> {
        s.extra
            .get(field)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|item| extra_text(item.as_object()?, key).map(str::to_owned))
            .collect()
    };
    if let Some(t) = extra_text(&s.extra, "wait_time") {
        out.push(("Wait", t.to_owned()));
    }
    let bring = list("required_documents", "document");
    if !bring.is_empty() {
        out.push(("Bring", bring.join("; ")));
    }
    if let Some(t) = extra_text(&s.extra, "fees")
        && s.fees_description.as_deref().map(str::trim) != Some(t)
    {
        out.push(("Fees", t.to_owned()));
    }
    for (field, label) in [("accreditations", "Accredited"), ("licenses", "Licences")] {
        if let Some(t) = extra_text(&s.extra, field) {
            out.push((label, t.to_owned()));
        }
    }
    let funding = list("funding", "source");
    if !funding.is_empty() {
        out.push(("Funded by", funding.join("; ")));
    }
    if let Some(name) = s
        .extra
        .get("program")
        .and_then(|p| p.as_object())
        .and_then(|p| extra_text(p, "name"))
    {
        out.push(("Programme", name.to_owned()));
    }
    out
}

/// A session's sentence to go inside another: `Every Tuesday` becomes
/// `every Tuesday`; a day's name keeps its capital.
pub fn mid_sentence(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    match text.split_once(' ') {
        Some((first, rest)) if matches!(first, "Every" | "The" | "Once") => {
            format!("{} {rest}", first.to_lowercase())
        }
        _ => text.to_owned(),
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
    // A phone published on the service and on its location is said once.
    distinct(out)
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
        assert_eq!(sessions(&s, Wording::Brief), ["every Tue, Fri 10:00–11:30"]);
        assert_eq!(
            sessions(&s, Wording::Plain),
            ["Every Tuesday and Friday, 10:00 to 11:30."]
        );
        assert_eq!(places(&s), ["Eccles, M30 0FN"]);
        let mut noted = s.clone();
        let extra = &mut noted.schedules[0].extra;
        extra.insert("notes".into(), "Not in August".into());
        extra.insert("valid_to".into(), "2027-03-31".into());
        assert_eq!(
            sessions(&noted, Wording::Brief),
            ["every Tue, Fri 10:00–11:30. Not in August. Until 31 Mar 2027"]
        );
        assert_eq!(
            sessions(&noted, Wording::Plain),
            ["Every Tuesday and Friday, 10:00 to 11:30. Not in August. Until 31 March 2027."]
        );
        noted
            .extra
            .insert("wait_time".into(), "About two weeks".into());
        noted.extra.insert(
            "required_documents".into(),
            serde_json::json!([{"id": "d1", "document": "Proof of address"}]),
        );
        assert_eq!(
            published(&noted),
            [
                ("Wait", "About two weeks".to_owned()),
                ("Bring", "Proof of address".to_owned())
            ]
        );
        assert_eq!(cost(&s, Wording::Brief), "Not known: ask when you call");
        let mut paid = s.clone();
        paid.cost_options.push(CostOption {
            extra: Default::default(),
            id: "c".into(),
            option: Some("Per session".into()),
            amount: Some(2.5),
            currency: None,
            amount_description: None,
        });
        assert_eq!(cost(&paid, Wording::Plain), "£2.50 per session.");
    }
}
