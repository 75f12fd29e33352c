//! The message back to the referrer and GP when support ends: dates, the
//! SNOMED CT codes recorded, what the person was connected to and how far
//! along the ladder, the change in wellbeing and any onward referral.
//! Without consent to share it carries only who it is about (NHS number,
//! name, date of birth, so the practice can file it), the codes and dates.

use super::Discharge;
use crate::domain::case::Case;
use crate::domain::contact::ContactEntry;
use crate::domain::ladder::Connection;
use crate::domain::person::Person;
use crate::domain::referral::Consent;
use crate::domain::wellbeing::{Instrument, Scores, WellbeingMeasure};
use chrono::NaiveDate;

/// What the letter is written from.
#[derive(Debug, Clone, Copy)]
pub struct LetterFrom<'a> {
    /// The person.
    pub person: &'a Person,
    /// The episode (with its discharge, once recorded).
    pub case: &'a Case,
    /// Consent to share as last confirmed (the conversation's, else the
    /// referral's).
    pub consent: Consent,
    /// Contacts of the episode.
    pub contacts: &'a [ContactEntry],
    /// Connections of the episode.
    pub connections: &'a [Connection],
    /// Wellbeing measures of the episode.
    pub measures: &'a [WellbeingMeasure],
    /// The worker's name, when it is set.
    pub worker: Option<&'a crate::domain::signature::Signature>,
    /// The date it is written.
    pub today: NaiveDate,
}

/// The attempts made to reach the person, dated, when there were any.
fn attempts(from: &LetterFrom<'_>, out: &mut Vec<String>) {
    let mut tries: Vec<_> = from.contacts.iter().filter(|c| c.is_attempt()).collect();
    if tries.is_empty() {
        return;
    }
    tries.sort_by_key(|c| c.on);
    out.push(format!(
        "{} attempt{} to reach them:",
        tries.len(),
        if tries.len() == 1 { "" } else { "s" }
    ));
    for c in tries {
        out.push(format!(
            "- {}: {} ({})",
            date(c.on),
            c.reach.label().trim_start_matches("Attempt: "),
            c.mode.label().to_lowercase()
        ));
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// What a change means against the points that count as meaningful
/// (either way).
fn meaning(change: f64, meaningful: f64) -> String {
    match change {
        c if c.abs() < meaningful => {
            format!("less than the {meaningful} points that count as meaningful")
        }
        c if c > 0.0 => "a meaningful improvement".into(),
        _ => "a meaningful fall".into(),
    }
}

/// The change from the first to the last measure of one instrument.
pub fn change_line(instrument: Instrument, first: &Scores, last: &Scores) -> Option<String> {
    Some(match (first, last) {
        (Scores::Who5(a), Scores::Who5(b)) => {
            let change = b.change_from(a);
            let meaning = meaning(
                f64::from(change),
                f64::from(crate::domain::wellbeing::Who5::MEANINGFUL_CHANGE),
            );
            format!(
                "{}: {} % at the start, {} % at the end ({change:+} points, {meaning})",
                instrument.label(),
                a.percentage(),
                b.percentage()
            )
        }
        (Scores::Swemwbs(a), Scores::Swemwbs(b)) => {
            use crate::domain::report::{SWEMWBS_MEANINGFUL, two_decimals};
            let change = two_decimals(b.metric() - a.metric());
            let meaning = meaning(change, SWEMWBS_MEANINGFUL);
            format!(
                "{}: {:.2} at the start, {:.2} at the end ({change:+.2} points, {meaning})",
                instrument.label(),
                a.metric(),
                b.metric(),
            )
        }
        (Scores::Ons4(a), Scores::Ons4(b)) => format!(
            "{}: life satisfaction {} to {}, worthwhile {} to {}, happy yesterday {} to {}, anxious yesterday {} to {} (lower is better)",
            instrument.label(),
            a.life_satisfaction,
            b.life_satisfaction,
            a.worthwhile,
            b.worthwhile,
            a.happy,
            b.happy,
            a.anxious,
            b.anxious
        ),
        _ => return None,
    })
}

/// The change from `first` to `last` (two measures of one instrument),
/// each with who answered when that was recorded; answers given for the
/// person and the person's own are said to be not comparable, with no
/// change worked out.
pub fn measures_compared(first: &WellbeingMeasure, last: &WellbeingMeasure) -> Option<String> {
    use crate::domain::wellbeing::CompletedBy;
    let instrument = first.scores.instrument();
    let by = |m: &WellbeingMeasure| {
        m.completed_by
            .as_ref()
            .map_or(String::new(), |b| format!(" ({})", b.label()))
    };
    let bare = |m: &WellbeingMeasure| {
        m.scores
            .summary()
            .trim_start_matches(instrument.label())
            .trim()
            .to_owned()
    };
    if !CompletedBy::comparable(first.completed_by.as_ref(), last.completed_by.as_ref()) {
        return Some(format!(
            "{}: {} at the start{}, {} at the end{}: not comparable, one was answered for them",
            instrument.label(),
            bare(first),
            by(first),
            bare(last),
            by(last)
        ));
    }
    let line = change_line(instrument, &first.scores, &last.scores)?;
    let proxy = CompletedBy::is_proxy(first.completed_by.as_ref());
    Some(if proxy {
        format!("{line}; both answered for them{}", by(last))
    } else {
        line
    })
}

/// The letter as plain text (Markdown).
pub fn discharge_letter(from: LetterFrom) -> String {
    let case = from.case;
    let p = from.person;
    let discharge: Option<&Discharge> = case.discharge.as_ref();
    let mut out = vec![
        "# Social prescribing: end of support".to_owned(),
        String::new(),
    ];
    let full = from.consent == Consent::Yes;
    // Who it is about, always: the practice files the codes against the
    // patient's record, so it must be able to identify them. Consent
    // withholds the content of the support, not who it is about.
    out.push(format!(
        "NHS number: {}",
        p.nhs_number
            .map_or("not recorded".to_owned(), |n| n.to_string())
    ));
    // The legal name, so it matches the practice's record; the name the
    // person goes by beside it when it differs.
    out.push(format!("Name: {}", legal_name(p)));
    out.push(format!(
        "Born: {}",
        p.date_of_birth.map_or("not recorded".to_owned(), date)
    ));
    let practice = p
        .gp_practice
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .unwrap_or("the GP practice");
    if full {
        addressed(case, practice, &mut out);
        out.push(format!(
            "From: {}",
            from.worker
                .map_or("the link worker".to_owned(), |w| w.line())
        ));
    } else {
        out.push(format!("To: {practice}"));
    }
    if out.last().is_some_and(|l| !l.is_empty()) {
        out.push(String::new());
    }
    out.push("## Dates".into());
    out.push(format!(
        "Referral received: {}",
        date(case.referral.received)
    ));
    let counted = crate::domain::contact::counted(from.contacts, from.connections);
    if let Some(first) = counted.iter().map(|c| c.on).min() {
        out.push(format!("First contact: {}", date(first)));
    }
    if let Some(d) = discharge {
        out.push(format!("Support ended: {}", date(d.on)));
    } else if let Some(end) = case.ended_on() {
        out.push(format!("Support ended: {}", date(end)));
    }
    out.push(String::new());
    out.push("## SNOMED CT codes recorded".into());
    if case.referral.snomed_events.is_empty() {
        out.push("None.".into());
    }
    for e in &case.referral.snomed_events {
        out.push(format!(
            "{} |{}| on {}",
            e.code.concept_id(),
            e.code.term(),
            date(e.on)
        ));
    }
    if !full {
        if from.contacts.iter().any(|c| c.is_attempt()) {
            out.push(String::new());
            attempts(&from, &mut out);
        }
        out.push(String::new());
        out.push(
            "The person did not consent to sharing details, so this message carries only who it is about, the codes and their dates."
                .into(),
        );
        let mut text = out.join("\n");
        text.push('\n');
        return text;
    }
    out.push(String::new());
    out.push("## Support".into());
    let on_ladder = counted.iter().filter(|c| c.from_ladder).count();
    out.push(format!(
        "{} contact{}{}.",
        counted.len(),
        if counted.len() == 1 { "" } else { "s" },
        match on_ladder {
            0 => String::new(),
            n => format!(" (of which {n} at support steps with the link worker)"),
        }
    ));
    attempts(&from, &mut out);
    let about = from.contacts.iter().filter(|c| c.is_about()).count();
    if about > 0 {
        out.push(format!(
            "{} about them with others (carers, services, professionals), not counted above.",
            crate::domain::text::count(about, "contact", "contacts")
        ));
    }
    if let Some(d) = discharge {
        out.push(format!("Reason support ended: {}.", d.reason.label()));
    } else if !case.status.is_open() {
        out.push(format!("Ended: {}.", case.status.label().to_lowercase()));
    }
    risks(case, &mut out);
    connections_and_wellbeing(&from, &mut out);
    out.push(String::new());
    out.push("## Onward referral".into());
    out.push(
        discharge
            .and_then(|d| d.onward_referral.clone())
            .filter(|o| !o.trim().is_empty())
            .unwrap_or_else(|| "None.".into()),
    );
    if let Some(summary) = discharge
        .map(|d| d.summary.trim())
        .filter(|s| !s.is_empty())
    {
        out.push(String::new());
        out.push("## Summary".into());
        out.push(summary.to_owned());
    }
    out.push(String::new());
    out.push(format!("Written {}.", date(from.today)));
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// The name on the practice's record (given and family name), with the name
/// the person goes by when it differs.
fn legal_name(p: &Person) -> String {
    let legal = format!("{} {}", p.given_name.trim(), p.family_name.trim());
    match p.preferred_name.as_deref().map(str::trim) {
        Some(called) if !called.is_empty() && called != p.given_name.trim() => {
            format!("{legal} (known as {called})")
        }
        _ => legal,
    }
}

/// Whether the referral came from the person or someone close to them
/// rather than from a professional: such a referrer is not sent clinical
/// content.
fn referred_by_family_or_self(case: &Case) -> bool {
    use crate::domain::referral::ReferralSource;
    matches!(
        case.referral.source,
        ReferralSource::SelfReferral | ReferralSource::FamilyFriendOrCarer
    )
}

/// Who the letter goes to: the practice, and a professional referrer. A
/// referral by the person or by family is named but not sent the letter.
fn addressed(case: &Case, practice: &str, out: &mut Vec<String>) {
    let named = [
        case.referral.referrer_name.as_deref(),
        case.referral.referrer_organisation.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    if referred_by_family_or_self(case) {
        out.push(format!("To: {practice}"));
        let by = if named.is_empty() {
            case.referral.source.label().to_lowercase()
        } else {
            format!("{named} ({})", case.referral.source.label().to_lowercase())
        };
        out.push(format!("Referred by: {by}; not sent this letter"));
    } else if named.is_empty() {
        out.push(format!(
            "To: the referrer ({}); and {practice}",
            case.referral.source.label().to_lowercase()
        ));
    } else {
        out.push(format!("To: {named}; and {practice}"));
    }
}

/// The risks section, never empty: each flag raised in the episode, open
/// or cleared, or "No known risks" said.
fn risks(case: &Case, out: &mut Vec<String>) {
    out.push(String::new());
    out.push("## Risks".into());
    if case.risk_flags.is_empty() {
        out.push("No known risks.".into());
        return;
    }
    for flag in &case.risk_flags {
        let state = match flag.cleared {
            Some(on) => format!("cleared {}", date(on)),
            None => "still open".to_owned(),
        };
        let note = flag.note.trim();
        out.push(format!(
            "- {}: raised {}, {state}{}",
            flag.kind.label(),
            date(flag.raised),
            if note.is_empty() {
                String::new()
            } else {
                format!(". {note}")
            }
        ));
    }
}

/// The letter's connections (how far along the ladder each went), those
/// tried and not for the person, and the wellbeing change, first against
/// last, per instrument.
fn connections_and_wellbeing(from: &LetterFrom, out: &mut Vec<String>) {
    use crate::domain::ladder::ConnectionEndReason;
    let taken_up = |c: &&Connection| c.standing_events().next().is_some();
    let not_for_them = |c: &&Connection| {
        c.ended
            .as_ref()
            .is_some_and(|e| e.reason == ConnectionEndReason::NotForThem)
    };
    let connected: Vec<&Connection> = from
        .connections
        .iter()
        .filter(|c| taken_up(c) && !not_for_them(c))
        .collect();
    let tried: Vec<&Connection> = from
        .connections
        .iter()
        .filter(|c| not_for_them(c))
        .collect();
    let suggested: Vec<&Connection> = from
        .connections
        .iter()
        .filter(|c| !taken_up(c) && !not_for_them(c))
        .collect();
    out.push(String::new());
    out.push("## Connected to".into());
    if connected.is_empty() {
        out.push("No community services.".into());
    }
    for c in connected {
        let mut line = format!(
            "- {}: {} (step {} of 6)",
            c.service_name.trim(),
            c.rung.label().to_lowercase(),
            c.rung.number()
        );
        if let Some(end) = &c.ended {
            line.push_str(&format!(
                "; ended {} ({})",
                date(end.on),
                end.reason.label().to_lowercase()
            ));
        }
        out.push(line);
    }
    let names = |cs: &[&Connection]| {
        cs.iter()
            .map(|c| c.service_name.trim())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !tried.is_empty() {
        out.push(format!("Tried, not for them: {}.", names(&tried)));
    }
    if !suggested.is_empty() {
        out.push(format!("Suggested, not taken up: {}.", names(&suggested)));
    }
    out.push(String::new());
    out.push("## Wellbeing".into());
    let mut any = false;
    for instrument in Instrument::ALL {
        if let [first, .., last] =
            crate::domain::wellbeing::standing_in_order(from.measures, instrument).as_slice()
            && let Some(line) = measures_compared(first, last)
        {
            out.push(line + ".");
            any = true;
        }
    }
    if !any {
        out.push("Not measured at the start and the end.".into());
    }
}

#[cfg(test)]
mod tests;
