//! Building the plan from a finished conversation: each goal the person
//! named becomes a goal of the plan, with the life area it most likely
//! addresses (the worker can change it).

use super::{ActionPlan, Goal};
use crate::domain::conversation::Conversation;
use crate::domain::referral::Need;
use crate::domain::text::fold;
use chrono::{Duration, NaiveDate};

/// Weeks from the plan's making to its first review.
pub const FIRST_REVIEW_WEEKS: i64 = 6;

/// Words that tie a goal to a life area.
fn words(need: Need) -> &'static [&'static str] {
    use Need::*;
    match need {
        MentalHealth => &["mood", "anxi", "worr", "stress", "depress", "panic", "low"],
        PhysicalWellbeing => &["walk", "fit", "exercis", "swim", "active", "garden"],
        LongTermCondition => &["diabet", "pain", "arthrit", "copd", "heart", "condition"],
        Loneliness => &[
            "lonel",
            "friend",
            "people",
            "company",
            "social",
            "meet",
            "out of the house",
            "chat",
        ],
        DebtAndMoney => &[
            "debt", "money", "bill", "benefit", "budget", "afford", "pay",
        ],
        Employment => &["job", "work", "volunteer", "career", "cv"],
        Housing => &["hous", "home", "damp", "landlord", "rent", "tenan"],
        Mobility => &["mobil", "bus", "stairs", "scooter", "get about", "travel"],
        Gambling => &["gambl", "betting", "bets"],
        Bereavement => &["bereave", "grief", "griev", "died", "loss", "widow"],
        Relationships => &["relationship", "partner", "family", "daughter", "son"],
        Lifestyle => &["eat", "cook", "smok", "drink", "alcohol", "weight", "sleep"],
        LowConfidence => &["confiden", "nervous", "shy"],
        CarerStrain => &["carer", "caring", "respite", "look after"],
        LearningDisabilityAutism => &["autis", "learning disab"],
        Dementia => &["dementia", "memory", "forget"],
        EducationAndLearning => &["learn", "course", "college", "class", "reading", "english"],
        LeisureAndHobbies => &["hobby", "hobbies", "museum", "craft", "paint", "music"],
        DigitalSkills => &[
            "online",
            "computer",
            "internet",
            "smartphone",
            "tablet",
            "email",
        ],
        Food => &["food", "hungry", "meals", "pantry"],
        Transport => &[
            "transport",
            "a lift",
            "taxi",
            "train",
            "driving",
            "get there",
        ],
    }
}

/// The life area a goal most likely addresses: the area whose words it
/// uses most (areas that weigh a lot win ties), else the first area that
/// weighs a lot.
pub fn guess_area(goal: &str, heavy: &[Need]) -> Option<Need> {
    let text = fold(goal);
    Need::ALL
        .iter()
        .map(|&n| {
            let hits = words(n)
                .iter()
                .filter(|w| {
                    if w.contains(' ') {
                        text.contains(*w)
                    } else {
                        text.split(|c: char| !c.is_alphanumeric())
                            .any(|word| word.starts_with(*w))
                    }
                })
                .count();
            (hits, heavy.contains(&n), n)
        })
        .filter(|(hits, _, _)| *hits > 0)
        .max_by_key(|(hits, heavy, n)| {
            let order = Need::ALL.iter().position(|x| x == n);
            (*hits, *heavy, std::cmp::Reverse(order))
        })
        .map(|(_, _, n)| n)
        .or_else(|| heavy.first().copied())
}

/// The plan after `conversation`: `existing` (if any) keeps its goals,
/// steps and services; each goal of the conversation not already in it is
/// added. A plan with new goals needs agreeing again. A new plan is
/// reviewed [`FIRST_REVIEW_WEEKS`] from `today`.
pub fn plan_from(
    conversation: &Conversation,
    existing: Option<&ActionPlan>,
    today: NaiveDate,
) -> ActionPlan {
    let heavy: Vec<Need> = conversation.heavy_areas().collect();
    let mut plan = existing.cloned().unwrap_or(ActionPlan {
        case_id: conversation.case_id,
        goals: Vec::new(),
        review_date: Some(today + Duration::weeks(FIRST_REVIEW_WEEKS)),
        agreed_on: None,
    });
    for text in &conversation.goals {
        let text = text.trim();
        if text.is_empty() || plan.goals.iter().any(|g| fold(&g.text) == fold(text)) {
            continue;
        }
        plan.goals.push(Goal {
            text: text.to_owned(),
            life_area: guess_area(text, &heavy),
            steps: Vec::new(),
            services: Vec::new(),
        });
        plan.agreed_on = None;
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::conversation::Flow;
    use crate::domain::ids::CaseId;

    #[test]
    fn goals_become_plan_goals_with_a_likely_area() {
        assert_eq!(
            guess_area("Get out of the house and meet people", &[]),
            Some(Need::Loneliness)
        );
        assert_eq!(
            guess_area("Sort out the gas bill", &[Need::Housing]),
            Some(Need::DebtAndMoney)
        );
        assert_eq!(
            guess_area("Feel more like myself", &[Need::Bereavement]),
            Some(Need::Bereavement),
            "no words: the first heavy area"
        );
        assert_eq!(guess_area("Feel more like myself", &[]), None);
        assert_eq!(
            guess_area("Feel better, have a great time", &[]),
            None,
            "words are matched from their start: not \"bet\" or \"eat\""
        );

        let now = crate::domain::fixtures::noon();
        let mut c = Flow::start(CaseId(3), None, now).conversation;
        c.goals = vec!["Go walking again".into(), " ".into()];
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut plan = plan_from(&c, None, today);
        assert_eq!(plan.goals.len(), 1);
        assert_eq!(plan.goals[0].life_area, Some(Need::PhysicalWellbeing));
        assert_eq!(plan.review_date, NaiveDate::from_ymd_opt(2027, 1, 3));
        plan.agreed_on = Some(today);
        plan.goals[0].steps.push(crate::domain::plan::PlanStep {
            what: "Find boots".into(),
            owner: crate::domain::plan::StepOwner::Person,
            due: None,
            done: None,
        });
        c.goals.push("go walking AGAIN".into());
        let same = plan_from(&c, Some(&plan), today);
        assert_eq!(same, plan, "nothing new: the plan and its agreement stand");
        c.goals.push("Make a friend".into());
        let more = plan_from(&c, Some(&plan), today);
        assert_eq!(more.goals.len(), 2);
        assert_eq!(more.goals[0].steps.len(), 1, "steps kept");
        assert_eq!(more.agreed_on, None, "a new goal needs agreeing");
    }
}
