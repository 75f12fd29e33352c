//! Data-quality warnings: values the Open Referral standard allows but that
//! look wrong (a minimum age above the maximum, a cost below zero, an
//! e-mail address or web address that does not parse). They are imported
//! as published and shown on the service, so a worker can check before
//! relying on them.

use super::Service;
use crate::domain::text::shorten;

/// The warnings for `service`, in a sentence each.
pub fn warnings(service: &Service, today: chrono::NaiveDate) -> Vec<String> {
    let mut out = static_warnings(service);
    if let Some(day) = last_session_day(service)
        && day < today
    {
        out.push(format!(
            "its sessions ended on {} (valid_to): check it still runs",
            day.format("%-d %b %Y")
        ));
    }
    out
}

/// The last day any session runs, when every session says one (HSDS
/// `valid_to`, kept as published): after it the service has no session.
pub fn last_session_day(service: &Service) -> Option<chrono::NaiveDate> {
    let days: Vec<Option<chrono::NaiveDate>> = service
        .schedules
        .iter()
        .map(|s| {
            let to = s.extra.get("valid_to")?.as_str()?;
            chrono::NaiveDate::parse_from_str(to.get(..10)?, "%Y-%m-%d").ok()
        })
        .collect();
    if days.is_empty() || days.iter().any(Option::is_none) {
        return None;
    }
    days.into_iter().flatten().max()
}

/// The warnings that do not depend on the day.
pub fn static_warnings(service: &Service) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(day) = service.local.gone_from_feed {
        out.push(format!(
            "no longer in the feed it came from (since {}): check it still runs",
            day.format("%-d %b %Y")
        ));
    }
    if let (Some(lo), Some(hi)) = (service.minimum_age, service.maximum_age)
        && lo > hi
    {
        out.push(format!(
            "the minimum age ({lo}) is above the maximum age ({hi})"
        ));
    }
    for cost in &service.cost_options {
        if let Some(amount) = cost.amount
            && amount < 0.0
        {
            out.push(format!("a cost is below zero ({amount})"));
        }
    }
    if let Some(email) = &service.email
        && !looks_like_email(email)
    {
        out.push(format!(
            "the e-mail address \"{}\" does not look like one",
            shorten(email)
        ));
    }
    if let Some(url) = &service.url
        && !looks_like_url(url)
    {
        out.push(format!(
            "the web address \"{}\" does not look like one",
            shorten(url)
        ));
    }
    out
}

fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        host.contains('.') && !s.chars().any(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::CostOption;

    #[test]
    fn odd_values_are_named_and_good_ones_are_not() {
        let mut s = crate::domain::fixtures::service("Walk", "Walk", vec![]);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert!(warnings(&s, today).is_empty());
        s.minimum_age = Some(50);
        s.maximum_age = Some(25);
        s.email = Some("hello at example".into());
        s.url = Some("www example org".into());
        s.cost_options = vec![CostOption {
            extra: Default::default(),
            id: "c".into(),
            option: None,
            amount: Some(-3.0),
            currency: None,
            amount_description: None,
        }];
        let w = warnings(&s, today);
        assert_eq!(w.len(), 4, "{w:?}");
        assert!(w[0].contains("minimum age (50) is above the maximum age (25)"));
        s.email = Some("hello@example.org".into());
        s.url = Some("https://example.org/walks?x=1".into());
        s.minimum_age = Some(18);
        s.cost_options.clear();
        assert!(warnings(&s, today).is_empty());
        // A service whose every session has ended.
        s.schedules = vec![crate::domain::directory::Schedule::weekly(
            "a", "TU", "10:00", "11:00",
        )];
        s.schedules[0]
            .extra
            .insert("valid_to".into(), "2026-03-31".into());
        let w = warnings(&s, today);
        assert!(w[0].contains("sessions ended on 31 Mar 2026"), "{w:?}");
        assert!(warnings(&s, chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()).is_empty());
    }
}
