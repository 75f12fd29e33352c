//! The visit card: what the person takes with them to the next step of a
//! connection (when, where to meet, how to get there, what to expect, who
//! to ask for, what it costs, who goes with them). Plain words, like the
//! plan copy; nothing clinical.

use super::Rung;
use super::connection::Connection;
use crate::domain::directory::describe::{Wording, contact, cost, mid_sentence, places, sessions};
use crate::domain::directory::{Organisation, Service};
use chrono::NaiveDate;

/// Who the card is for.
#[derive(Debug, Clone, Copy)]
pub struct CardFor<'a> {
    /// The name the person likes to be called.
    pub name: &'a str,
    /// The link worker's name, when it is set.
    pub worker: Option<&'a crate::domain::signature::Signature>,
    /// The date the card is made.
    pub today: NaiveDate,
}

fn who_goes(rung: Rung, worker: &str) -> String {
    match rung {
        Rung::Discussion => format!("{worker} will talk it through with you first."),
        Rung::PlanningVisit => format!("{worker} will plan the visit with you."),
        Rung::AttendingTogether => format!("{worker} will go with you."),
        Rung::DistantShadowing => {
            format!("{worker} will be nearby, not beside you. You can find them if you need to.")
        }
        Rung::WithCarerOrPeer => format!(
            "Go with your carer or a friend. Afterwards, tell {worker} how it went: a call, a message or a photo is fine."
        ),
        Rung::Independent => "You are going on your own. You have done this before.".into(),
    }
}

/// How long before a session's start a visit may meet without a "check
/// before you go".
const EARLY_MINUTES: i64 = 30;

/// Whether the step is a talk with the worker (talking it through,
/// planning the visit) rather than a visit to the service.
fn is_a_talk(rung: Rung) -> bool {
    matches!(rung, Rung::Discussion | Rung::PlanningVisit)
}

/// Whether the directory's sessions of `service` leave `at` out: `None`
/// when they cover it or say too little to tell (no days or times).
fn outside_sessions(service: &Service, at: chrono::NaiveDateTime) -> Option<String> {
    use chrono::Timelike;
    let mut known = false;
    for sc in &service.schedules {
        let Some((opens, closes)) = sc.hours() else {
            continue;
        };
        if sc.days_with_week().is_empty() {
            continue;
        }
        known = true;
        // Its days, in the week of the month for monthly sessions.
        let day_ok = sc.runs_on(at.date());
        let time = at.time().with_second(0).unwrap_or(at.time());
        // Meeting a little before the start (to find the door, to be
        // introduced) is part of the visit, not outside the sessions.
        let early = opens - chrono::Duration::minutes(EARLY_MINUTES);
        let from = if early < opens { early } else { opens };
        if day_ok && time >= from && time < closes {
            return None;
        }
    }
    known.then(|| {
        format!(
            "Check before you go: the directory says it runs {}, and this visit is on {} at {}.",
            sessions(service, Wording::Plain)
                .iter()
                .map(|s| mid_sentence(s))
                .collect::<Vec<_>>()
                .join("; "),
            at.format("%A"),
            at.format("%H:%M")
        )
    })
}

/// The card as Markdown. `service` is the directory entry, if it is
/// still there.
pub fn visit_card(
    who: CardFor,
    connection: &Connection,
    service: Option<&(Service, Option<Organisation>)>,
) -> String {
    let worker = who.worker.map_or("Your link worker", |w| w.name.as_str());
    let mut out = vec![
        format!("# Your visit: {}", connection.service_name.trim()),
        String::new(),
        format!("For {}.", who.name),
    ];
    match connection.next {
        Some(next) => {
            out.push(format!(
                "When: {} at {}.",
                next.at.format("%A %-d %B %Y"),
                next.at.format("%H:%M")
            ));
            out.push(who_goes(next.rung, worker));
            if let Some(warning) = service
                .filter(|_| !is_a_talk(next.rung))
                .and_then(|(s, _)| outside_sessions(s, next.at))
            {
                out.push(warning);
            }
        }
        None => out.push(format!("{worker} will agree the day and time with you.")),
    }
    // A talk or a planning call is not the visit: where to meet and how
    // to get there belong to the visit's own card.
    let talk = connection.next.is_some_and(|n| is_a_talk(n.rung));
    let mut plan = connection.visit_plan.clone().unwrap_or_default();
    if talk {
        plan.meeting_point.clear();
        plan.route.clear();
    }
    let mut section = |title: &str, text: &str| {
        let text = text.trim();
        if !text.is_empty() {
            out.push(String::new());
            out.push(format!("## {title}"));
            out.push(text.trim_end_matches('.').to_owned() + ".");
        }
    };
    section("Where to meet", &plan.meeting_point);
    section("Getting there", &plan.route);
    section("What to expect", &plan.what_to_expect);
    section("Who to ask for", &plan.who_to_ask_for);
    section("Cost and how to pay", &plan.cost_and_payment);
    if let Some((s, org)) = service {
        out.push(String::new());
        out.push(format!("## About {}", s.name.trim()));
        if let Some(org) = org
            && org.name != s.name
        {
            out.push(format!("Run by {}.", org.name.trim()));
        }
        let runs: Vec<String> = sessions(s, Wording::Plain)
            .iter()
            .map(|x| mid_sentence(x))
            .collect();
        if !runs.is_empty() {
            out.push(format!("It runs {}.", runs.join("; ")));
        }
        for place in places(s) {
            let place = place.trim_end_matches('.');
            if place.starts_with("Getting there:") {
                out.push(format!("{place}."));
            } else {
                out.push(format!("Where: {place}."));
            }
        }
        if plan.cost_and_payment.trim().is_empty() {
            out.push(format!("Cost: {}", cost(s, Wording::Plain)));
        }
        let contacts = contact(s);
        if !contacts.is_empty() {
            out.push(format!(
                "Contact: {}.",
                contacts.join(". ").trim_end_matches('.')
            ));
        }
    }
    out.push(String::new());
    out.push(format!(
        "If you cannot go, tell {} and we will find another day.",
        who.worker
            .map_or("your link worker".to_owned(), |w| match &w.contact {
                Some(c) => format!("{} ({c})", w.name),
                None => w.name.clone(),
            })
    ));
    out.push(format!("Made on {}.", who.today.format("%A %-d %B %Y")));
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::super::connection::{PlannedStep, VisitPlan};
    use super::*;
    use crate::domain::ids::{CaseId, ConnectionId, ServiceId};

    #[test]
    fn the_card_says_when_where_and_who_goes_in_plain_words() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 2)
            .unwrap()
            .and_hms_opt(19, 0, 0)
            .unwrap();
        let c = Connection {
            id: ConnectionId(9),
            case_id: CaseId(3),
            service_id: ServiceId::from("choir"),
            service_name: "Swinton Community Choir".into(),
            goal: Some(0),
            started: at.date(),
            rung: Rung::PlanningVisit,
            next: Some(PlannedStep {
                at,
                rung: Rung::AttendingTogether,
            }),
            events: vec![],
            visit_plan: Some(VisitPlan {
                meeting_point: "Outside the library on Chorley Road".into(),
                route: "Bus 36 from Eccles, four stops".into(),
                what_to_expect: "Tea first, then warm-ups; nobody sings alone".into(),
                who_to_ask_for: "Carol at the door".into(),
                cost_and_payment: "£3 in cash at the door".into(),
            }),
            ended: None,
        };
        let card = visit_card(
            CardFor {
                name: "Mabel",
                worker: Some(&crate::domain::signature::Signature::named("Sam")),
                today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            },
            &c,
            None,
        );
        // Against the directory's sessions: a Wednesday 19:00 visit fits a
        // Wednesday 18:30-20:30 choir; 08:00 or a Tuesday does not; a
        // monthly first-Wednesday group is checked by the week too.
        let mut choir =
            crate::domain::fixtures::service("choir", "Swinton Community Choir", vec![]);
        choir.schedules = vec![crate::domain::directory::Schedule::weekly(
            "s", "WE", "18:30", "20:30",
        )];
        let card_at = |service: &Service, at: chrono::NaiveDateTime| {
            let mut c = c.clone();
            if let Some(next) = c.next.as_mut() {
                next.at = at;
            }
            visit_card(
                CardFor {
                    name: "Mabel",
                    worker: None,
                    today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
                },
                &c,
                Some(&(service.clone(), None)),
            )
        };
        let wed = |h, m| {
            NaiveDate::from_ymd_opt(2026, 12, 2)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        assert!(!card_at(&choir, wed(19, 0)).contains("Check before you go"));
        // Meeting 10 or 15 minutes before the start is part of the visit;
        // an hour before is not.
        assert!(!card_at(&choir, wed(18, 15)).contains("Check before you go"));
        assert!(!card_at(&choir, wed(18, 20)).contains("Check before you go"));
        assert!(card_at(&choir, wed(17, 30)).contains("Check before you go"));
        // A planning call at 11:00 is not the visit: no check, and no
        // meeting place of the visit itself.
        let mut call = c.clone();
        call.next = Some(PlannedStep {
            at: wed(11, 0),
            rung: Rung::PlanningVisit,
        });
        let call_card = visit_card(
            CardFor {
                name: "Mabel",
                worker: None,
                today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            },
            &call,
            Some(&(choir.clone(), None)),
        );
        assert!(!call_card.contains("Check before you go"), "{call_card}");
        assert!(!call_card.contains("Outside the library"), "{call_card}");
        assert!(
            call_card.contains("will plan the visit with you"),
            "{call_card}"
        );
        let early = card_at(&choir, wed(8, 0));
        assert!(
            early.contains("Check before you go: the directory says it runs every Wednesday, 18:30 to 20:30, and this visit is on Wednesday at 08:00."),
            "{early}"
        );
        let tue = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(19, 0, 0)
            .unwrap();
        assert!(card_at(&choir, tue).contains("Check before you go"));
        choir.schedules[0].freq = Some("MONTHLY".into());
        choir.schedules[0].byday = Some("1WE".into());
        assert!(
            !card_at(&choir, wed(19, 0)).contains("Check before you go"),
            "2 Dec is the first Wednesday"
        );
        let second = NaiveDate::from_ymd_opt(2026, 12, 9)
            .unwrap()
            .and_hms_opt(19, 0, 0)
            .unwrap();
        assert!(card_at(&choir, second).contains("Check before you go"));
        choir.schedules.clear();
        assert!(
            !card_at(&choir, wed(8, 0)).contains("Check before you go"),
            "no sessions known"
        );

        for line in [
            "# Your visit: Swinton Community Choir",
            "When: Wednesday 2 December 2026 at 19:00.",
            "Sam will go with you.",
            "## Where to meet\nOutside the library on Chorley Road.",
            "## Who to ask for\nCarol at the door.",
            "## Cost and how to pay\n£3 in cash at the door.",
            "If you cannot go, tell Sam",
        ] {
            assert!(card.contains(line), "{line}\n{card}");
        }
    }
}
