//! The co-produced action plan: goals in the person's words, steps, the
//! services chosen, a review date, and whether the person agreed it.

mod build;
mod person_copy;

pub use build::{FIRST_REVIEW_WEEKS, guess_area, plan_from};
pub use person_copy::{CopyFor, person_copy};

use super::ids::{CaseId, ServiceId};
use super::referral::Need;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who does a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOwner {
    /// The person.
    Person,
    /// The link worker.
    Worker,
    /// A carer or family member.
    Carer,
    /// Someone else (a group organiser, a volunteer).
    Other,
}

impl StepOwner {
    /// Everyone a step can be for, in menu order.
    pub const ALL: [StepOwner; 4] = [Self::Person, Self::Worker, Self::Carer, Self::Other];

    /// Who does it, in a worker's words (for lists).
    pub fn role(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Worker => "worker",
            Self::Carer => "carer",
            Self::Other => "other",
        }
    }

    /// Who does it, in the person's copy of the plan.
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "You",
            Self::Worker => "Link worker",
            Self::Carer => "Carer",
            Self::Other => "Someone else",
        }
    }
}

/// One step towards a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanStep {
    /// What will be done, in plain words.
    pub what: String,
    /// Who does it.
    pub owner: StepOwner,
    /// By when.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// When it was done.
    #[serde(default)]
    pub done: Option<NaiveDate>,
}

/// A goal in the person's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    /// The goal as the person said it.
    pub text: String,
    /// The life area it addresses.
    #[serde(default)]
    pub life_area: Option<Need>,
    /// Steps, in order.
    #[serde(default)]
    pub steps: Vec<PlanStep>,
    /// Services chosen for it.
    #[serde(default)]
    pub services: Vec<ServiceId>,
}

/// The action plan of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPlan {
    /// The case.
    pub case_id: CaseId,
    /// Goals.
    pub goals: Vec<Goal>,
    /// When the plan is next reviewed.
    #[serde(default)]
    pub review_date: Option<NaiveDate>,
    /// When the person agreed it, if they have.
    #[serde(default)]
    pub agreed_on: Option<NaiveDate>,
}

impl ActionPlan {
    /// Whether the person has agreed the plan.
    pub fn is_agreed(&self) -> bool {
        self.agreed_on.is_some()
    }

    /// Open steps with due dates, earliest first.
    pub fn open_steps(&self) -> Vec<&PlanStep> {
        let mut steps: Vec<_> = self
            .goals
            .iter()
            .flat_map(|g| &g.steps)
            .filter(|s| s.done.is_none() && s.due.is_some())
            .collect();
        steps.sort_by_key(|s| s.due);
        steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_steps_skip_done_and_undated() {
        let d = |n| NaiveDate::from_ymd_opt(2026, 11, n);
        let step = |what: &str, due, done| PlanStep {
            what: what.into(),
            owner: StepOwner::Person,
            due,
            done,
        };
        let plan = ActionPlan {
            case_id: CaseId(1),
            goals: vec![Goal {
                text: "get out of the house more".into(),
                life_area: Some(Need::Loneliness),
                steps: vec![
                    step("later", d(20), None),
                    step("done", d(2), d(2)),
                    step("undated", None, None),
                    step("sooner", d(10), None),
                ],
                services: vec![],
            }],
            review_date: None,
            agreed_on: None,
        };
        let whats: Vec<_> = plan.open_steps().iter().map(|s| s.what.as_str()).collect();
        assert_eq!(whats, ["sooner", "later"]);
        assert!(!plan.is_agreed());
    }
}
