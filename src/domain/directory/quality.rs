//! Data-quality warnings: values the Open Referral standard allows but that
//! look wrong (a minimum age above the maximum, a cost below zero, an
//! e-mail address or web address that does not parse). They are imported
//! as published and shown on the service, so a worker can check before
//! relying on them.

use super::Service;
use crate::domain::text::shorten;

/// The warnings for `service`, in a sentence each.
pub fn warnings(service: &Service) -> Vec<String> {
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
        assert!(warnings(&s).is_empty());
        s.minimum_age = Some(50);
        s.maximum_age = Some(25);
        s.email = Some("hello at example".into());
        s.url = Some("www example org".into());
        s.cost_options = vec![CostOption {
            id: "c".into(),
            option: None,
            amount: Some(-3.0),
            currency: None,
            amount_description: None,
        }];
        let w = warnings(&s);
        assert_eq!(w.len(), 4, "{w:?}");
        assert!(w[0].contains("minimum age (50) is above the maximum age (25)"));
        s.email = Some("hello@example.org".into());
        s.url = Some("https://example.org/walks?x=1".into());
        s.minimum_age = Some(18);
        s.cost_options.clear();
        assert!(warnings(&s).is_empty());
    }
}
