//! The person's own copy of their plan: plain language in short sentences,
//! large-print friendly (short lines, one idea each, headings), with each
//! chosen service's when, where, cost and contact, and the first step. No
//! clinical words and no codes.

use super::{ActionPlan, PlanStep};
use crate::domain::directory::describe::{Wording, contact, cost, places, sessions};
use crate::domain::directory::{Organisation, Service};
use chrono::NaiveDate;

/// Who the copy is for and who made it with them.
#[derive(Debug, Clone, Copy)]
pub struct CopyFor<'a> {
    /// The name the person likes to be called.
    pub name: &'a str,
    /// The link worker's name, when it is set.
    pub worker: Option<&'a crate::domain::signature::Signature>,
    /// The date the copy is made.
    pub today: NaiveDate,
    /// When support ended, for a closed case.
    pub support_ended: Option<NaiveDate>,
}

/// `Tuesday 24 November 2026`.
fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

fn step_line(step: &PlanStep) -> String {
    let mut line = step.what.trim().trim_end_matches('.').to_owned();
    if let Some(due) = step.due {
        line.push_str(&format!(", by {}", long_date(due)));
    }
    line.push('.');
    line
}

/// The copy as Markdown text. `services` are the chosen services that are
/// still in the directory, with their organisations.
pub fn person_copy(
    who: CopyFor,
    plan: &ActionPlan,
    services: &[(Service, Option<Organisation>)],
) -> String {
    let mut out = Vec::new();
    out.push(format!("# Your plan, {}", who.name));
    out.push(String::new());
    match who.worker {
        Some(w) => out.push(format!(
            "You made this plan with {}, your link worker.",
            w.name
        )),
        None => out.push("You made this plan with your link worker.".into()),
    }
    match plan.agreed_on {
        Some(d) => out.push(format!("You agreed it on {}.", long_date(d))),
        None => out.push("It is a draft. We will agree it together.".into()),
    }
    match (who.support_ended, plan.review_date) {
        (Some(d), _) => out.push(format!(
            "Your support from the link worker ended on {}.",
            long_date(d)
        )),
        (None, Some(d)) => out.push(format!("We will look at it again on {}.", long_date(d))),
        (None, None) => {}
    }
    let worker = who.worker.map(|w| w.name.as_str());
    for (n, goal) in plan.goals.iter().enumerate() {
        out.push(String::new());
        out.push(format!("## {}. {}", n + 1, goal.text.trim()));
        // What each will do, the person first, then what is done.
        for owner in super::StepOwner::ALL {
            let open: Vec<&PlanStep> = goal
                .steps
                .iter()
                .filter(|s| s.done.is_none() && s.owner == owner)
                .collect();
            if open.is_empty() {
                continue;
            }
            out.push(String::new());
            out.push(match (owner, worker) {
                (super::StepOwner::Person, _) => "What you will do:".to_owned(),
                (super::StepOwner::Worker, Some(name)) => format!("What {name} will do:"),
                (super::StepOwner::Worker, None) => "What your link worker will do:".to_owned(),
                (super::StepOwner::Carer, _) => "What your carer will do:".to_owned(),
                (super::StepOwner::Other, _) => "What others will do:".to_owned(),
            });
            for s in open {
                out.push(format!("- {}", step_line(s)));
            }
        }
        let done: Vec<&PlanStep> = goal.steps.iter().filter(|s| s.done.is_some()).collect();
        if !done.is_empty() {
            out.push(String::new());
            out.push("Done already:".into());
            for s in done {
                let by = match (s.owner, worker) {
                    (super::StepOwner::Worker, Some(name)) => name,
                    (owner, _) => owner.label(),
                };
                out.push(format!("- {by}: {}", s.what.trim().trim_end_matches('.')));
            }
        }
        if !goal
            .services
            .iter()
            .any(|id| services.iter().any(|(s, _)| s.id == *id))
        {
            out.push(String::new());
            out.push(format!(
                "No group or service is chosen for this yet: {} will look for one with you.",
                worker.unwrap_or("your link worker")
            ));
        }
        for id in &goal.services {
            let Some((s, org)) = services.iter().find(|(s, _)| s.id == *id) else {
                continue;
            };
            out.push(String::new());
            out.push(format!("### {}", s.name.trim()));
            if let Some(org) = org
                && org.name != s.name
            {
                out.push(format!("Run by {}.", org.name.trim()));
            }
            if let Some(d) = &s.description {
                out.push(d.trim().to_owned());
            }
            for when in sessions(s, Wording::Plain) {
                out.push(format!("When: {when}"));
            }
            for place in places(s) {
                let place = place.trim_end_matches('.');
                if place.starts_with("Getting there:") {
                    out.push(format!("{place}."));
                } else {
                    out.push(format!("Where: {place}."));
                }
            }
            out.push(format!("Cost: {}", cost(s, Wording::Plain)));
            let contacts = contact(s);
            if !contacts.is_empty() {
                out.push(format!(
                    "Contact: {}.",
                    contacts.join(". ").trim_end_matches('.')
                ));
            }
        }
    }
    out.push(String::new());
    out.push("## If things change".into());
    out.push(String::new());
    if who.support_ended.is_some() {
        out.push(
            "If you would like support again, ask your GP practice, or contact the link worker service."
                .to_owned(),
        );
    } else {
        // With the number to ring, when the worker has given one.
        let whom = match who.worker {
            Some(w) => match w.contact.as_deref().map(str::trim) {
                Some(c) if !c.is_empty() => format!("{} ({c})", w.name),
                _ => w.name.clone(),
            },
            None => "your link worker".to_owned(),
        };
        out.push(format!(
            "Tell {whom} if something gets in the way, or if you want to change the plan."
        ));
    }
    out.push(format!("Made on {}.", long_date(who.today)));
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::Schedule;
    use crate::domain::ids::{CaseId, ServiceId};
    use crate::domain::plan::{Goal, StepOwner};
    use crate::domain::referral::Need;

    #[test]
    fn a_plain_copy_with_the_first_step_and_the_service_details() {
        let d = |m, n| NaiveDate::from_ymd_opt(2026, m, n).unwrap();
        let mut walk = crate::domain::fixtures::service(
            "walk",
            "Eccles Health Walks",
            vec![Schedule::weekly("x", "TU", "10:00", "11:30")],
        );
        walk.locations = vec![crate::domain::fixtures::place("Eccles", Some("M30 0FN"))];
        walk.local.free = true;
        walk.phones.push(crate::domain::directory::Phone {
            at: Default::default(),
            extra: Default::default(),
            id: "p".into(),
            number: "0161 496 0422".into(),
            extension: None,
            kind: None,
            description: None,
        });
        let plan = ActionPlan {
            case_id: CaseId(1),
            goals: vec![Goal {
                text: "Get out of the house twice a week".into(),
                life_area: Some(Need::Loneliness),
                steps: vec![
                    PlanStep {
                        what: "Go to the Tuesday walk together".into(),
                        owner: StepOwner::Worker,
                        due: Some(d(11, 24)),
                        done: None,
                    },
                    PlanStep {
                        what: "Call the walk leader.".into(),
                        owner: StepOwner::Person,
                        due: Some(d(12, 1)),
                        done: None,
                    },
                ],
                services: vec![ServiceId::from("walk")],
            }],
            review_date: Some(d(12, 15)),
            agreed_on: Some(d(11, 20)),
        };
        let text = person_copy(
            CopyFor {
                name: "Jo",
                worker: Some(&crate::domain::signature::Signature::named("Sam Patel")),
                today: d(11, 22),
                support_ended: None,
            },
            &plan,
            &[(walk.clone(), None)],
        );
        assert_eq!(
            text,
            "# Your plan, Jo

You made this plan with Sam Patel, your link worker.
You agreed it on Friday 20 November 2026.
We will look at it again on Tuesday 15 December 2026.

## 1. Get out of the house twice a week

What you will do:
- Call the walk leader, by Tuesday 1 December 2026.

What Sam Patel will do:
- Go to the Tuesday walk together, by Tuesday 24 November 2026.

### Eccles Health Walks
When: Every Tuesday, 10:00 to 11:30.
Where: Eccles, M30 0FN.
Cost: Free.
Contact: 0161 496 0422.

## If things change

Tell Sam Patel if something gets in the way, or if you want to change the plan.
Made on Sunday 22 November 2026.
"
        );
        assert!(!text.contains("Loneliness"), "no clinical or needs labels");

        // Later: the worker's step done, a goal with no service yet, and
        // then support ended.
        let mut later = plan.clone();
        later.goals[0].steps[0].done = Some(d(11, 24));
        later.goals.push(Goal {
            text: "Sort out the gas bill".into(),
            life_area: Some(Need::DebtAndMoney),
            steps: vec![],
            services: vec![],
        });
        let who = CopyFor {
            name: "Jo",
            worker: Some(&crate::domain::signature::Signature::named("Sam Patel")),
            today: d(12, 30),
            support_ended: None,
        };
        let text = person_copy(who, &later, &[(walk.clone(), None)]);
        assert!(
            text.contains("Done already:\n- Sam Patel: Go to the Tuesday walk together"),
            "{text}"
        );
        // With a number set, "if things change" says where to ring.
        let mut sam = crate::domain::signature::Signature::named("Sam Patel");
        sam.contact = Some("0161 496 0000".into());
        let rung = person_copy(
            CopyFor {
                worker: Some(&sam),
                ..who
            },
            &later,
            &[(walk.clone(), None)],
        );
        assert!(
            rung.contains("Tell Sam Patel (0161 496 0000) if something gets in the way"),
            "{rung}"
        );
        assert!(!text.contains("What Sam Patel will do"), "{text}");
        assert!(
            text.contains("## 2. Sort out the gas bill\n\nNo group or service is chosen for this yet: Sam Patel will look for one with you."),
            "{text}"
        );
        let ended = person_copy(
            CopyFor {
                support_ended: Some(d(12, 29)),
                ..who
            },
            &later,
            &[(walk, None)],
        );
        assert!(
            ended.contains("Your support from the link worker ended on Tuesday 29 December 2026."),
            "{ended}"
        );
        assert!(!ended.contains("We will look at it again"), "{ended}");
        assert!(ended.contains("If you would like support again"), "{ended}");
    }
}
