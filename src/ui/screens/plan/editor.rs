//! The action plan editor: goals with the services chosen and the steps
//! agreed, services suggested for each goal with the reasons they fit,
//! the review date, and the person's agreement. Every change is saved at
//! once (choosing a service also makes the connection the support ladder
//! follows).

use crate::domain::directory::{ServiceFacts, day_name};
use crate::domain::ids::ServiceId;
use crate::domain::matching::{ForPerson, describe_all, suggest};
use crate::domain::plan::{ActionPlan, Goal, PlanStep, StepOwner};
use crate::domain::typed;
use chrono::NaiveDate;

/// Services suggested for each goal.
pub const SUGGESTIONS_PER_GOAL: usize = 5;

/// A service as a plan row shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceLine {
    /// The service.
    pub id: ServiceId,
    /// Its name.
    pub name: String,
    /// Who runs it, where, when and what it costs, briefly.
    pub detail: String,
    /// Why it fits (suggestions only).
    pub why: String,
}

/// A row of the plan editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanRow {
    /// The review date.
    ReviewDate,
    /// Agreed with the person.
    Agreed,
    /// A goal (its text and life area).
    Goal(usize),
    /// A service chosen for a goal.
    Chosen(usize, usize),
    /// A step of a goal.
    Step(usize, usize),
    /// Add a step to a goal.
    AddStep(usize),
    /// A suggested service for a goal.
    Suggestion(usize, usize),
    /// Search the whole directory for a goal.
    Search(usize),
    /// Add a goal.
    AddGoal,
}

/// What the small form of the plan editor is changing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormTarget {
    /// A step of goal `.0`: a new one (`None`) or step `.1`.
    Step(usize, Option<usize>),
    /// Goal `.0`'s words, or a new goal (`None`).
    Goal(Option<usize>),
    /// The review date.
    ReviewDate,
    /// The day the person agreed the plan.
    Agreed,
    /// The day step `.1` of goal `.0` was done.
    Done(usize, usize),
}

/// The small form for a step, a goal or the review date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanForm {
    /// What it changes.
    pub target: PlanFormTarget,
    /// What (a step or goal, in plain words).
    pub what: String,
    /// Who does the step.
    pub owner: StepOwner,
    /// By when, as typed.
    pub due: String,
    /// The focused field (0 what, 1 who, 2 by when).
    pub focus: usize,
    /// What is wrong, if saving was refused.
    pub message: Option<String>,
}

impl PlanForm {
    /// A form asking the day something happened (today unless changed).
    pub fn date_of(target: PlanFormTarget) -> Self {
        Self {
            target,
            what: String::new(),
            owner: StepOwner::Person,
            due: "today".into(),
            focus: 2,
            message: None,
        }
    }

    /// Empties the focused field (Ctrl-u).
    pub fn clear(&mut self) {
        match self.focus {
            0 => self.what.clear(),
            2 => self.due.clear(),
            _ => {}
        }
    }

    /// The fields this form shows (by index: 0 what, 1 who, 2 by when).
    pub fn fields(&self) -> &'static [usize] {
        match self.target {
            PlanFormTarget::Step(..) => &[0, 1, 2],
            PlanFormTarget::Goal(_) => &[0],
            PlanFormTarget::ReviewDate | PlanFormTarget::Agreed | PlanFormTarget::Done(..) => {
                &[2]
            }
        }
    }

    /// Moves to the next (or previous) field; returns false past the last.
    pub fn step(&mut self, step: isize) -> bool {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize + step;
        if at < 0 || at as usize >= fields.len() {
            return false;
        }
        self.focus = fields[at as usize];
        true
    }

    /// Types a character into the focused field.
    pub fn type_char(&mut self, c: char) {
        match self.focus {
            0 => self.what.push(c),
            2 => self.due.push(c),
            _ => {}
        }
    }

    /// Deletes the last character of the focused field.
    pub fn backspace(&mut self) {
        match self.focus {
            0 => {
                self.what.pop();
            }
            2 => {
                self.due.pop();
            }
            _ => {}
        }
    }

    /// Changes who does the step.
    pub fn cycle_owner(&mut self, step: isize) {
        if self.focus == 1 {
            self.owner = crate::ui::widgets::step_value(&StepOwner::ALL, self.owner, step);
        }
    }

    /// The date typed, checked (`Ok(None)`: left empty).
    fn date(&self, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
        if self.due.trim().is_empty() {
            return Ok(None);
        }
        typed::date(&self.due, today)
            .map(Some)
            .map_err(|e| format!("{}: {e}.", self.date_label()))
    }

    /// What the date field is called in this form.
    pub fn date_label(&self) -> &'static str {
        match self.target {
            PlanFormTarget::Agreed => "Agreed on",
            PlanFormTarget::Done(..) => "Done on",
            _ => "By when",
        }
    }

    /// A date that happened: given, and not after today.
    fn happened(&self, today: NaiveDate) -> Result<NaiveDate, String> {
        if self.due.trim().is_empty() {
            return Err(format!("{}: give the day (today, yesterday, 5/12...).", self.date_label()));
        }
        typed::past_date(&self.due, today).map_err(|e| format!("{}: {e}.", self.date_label()))
    }

    /// Applies the form to `plan`, or says what is wrong (nothing
    /// changes then).
    pub fn apply(&mut self, plan: &mut ActionPlan, today: NaiveDate) -> Result<(), String> {
        let result = self.change(plan, today);
        self.message = result.as_ref().err().cloned();
        result
    }

    fn change(&self, plan: &mut ActionPlan, today: NaiveDate) -> Result<(), String> {
        let what = self.what.trim().to_owned();
        match self.target {
            PlanFormTarget::ReviewDate => match self.date(today)? {
                Some(d) if d < today => Err("The review date cannot be in the past.".into()),
                d => {
                    plan.review_date = d;
                    Ok(())
                }
            },
            PlanFormTarget::Agreed => {
                let on = self.happened(today)?;
                if plan.goals.is_empty() {
                    return Err("Add a goal first: a plan is agreed on its goals.".into());
                }
                plan.agreed_on = Some(on);
                Ok(())
            }
            PlanFormTarget::Done(g, s) => {
                let on = self.happened(today)?;
                match plan.goals.get_mut(g).and_then(|goal| goal.steps.get_mut(s)) {
                    Some(step) => {
                        step.done = Some(on);
                        Ok(())
                    }
                    None => Err("That step is no longer in the plan.".into()),
                }
            }
            _ if what.is_empty() => Err("Say what, in a few plain words.".into()),
            PlanFormTarget::Goal(Some(g)) => match plan.goals.get_mut(g) {
                Some(goal) => {
                    goal.text = what;
                    Ok(())
                }
                None => Err("That goal is no longer in the plan.".into()),
            },
            PlanFormTarget::Goal(None) => {
                plan.goals.push(Goal {
                    life_area: crate::domain::plan::guess_area(&what, &[]),
                    text: what,
                    steps: Vec::new(),
                    services: Vec::new(),
                });
                plan.agreed_on = None;
                Ok(())
            }
            PlanFormTarget::Step(g, step) => {
                let due = self.date(today)?;
                let Some(goal) = plan.goals.get_mut(g) else {
                    return Err("That goal is no longer in the plan.".into());
                };
                match step.and_then(|s| goal.steps.get_mut(s)) {
                    Some(s) => {
                        s.what = what;
                        s.owner = self.owner;
                        s.due = due;
                    }
                    None => goal.steps.push(PlanStep {
                        what,
                        owner: self.owner,
                        due,
                        done: None,
                    }),
                }
                Ok(())
            }
        }
    }
}

/// The plan being edited and what the editor shows beside it.
#[derive(Debug, Clone)]
pub struct PlanEditor {
    /// The plan as saved.
    pub plan: ActionPlan,
    /// The selected row.
    pub row: usize,
    /// Services chosen, per goal, as shown.
    pub chosen: Vec<Vec<ServiceLine>>,
    /// Suggested services, per goal, best first.
    pub suggestions: Vec<Vec<ServiceLine>>,
    /// Whether the directory was ready when suggestions were made.
    pub directory_ready: bool,
    /// The times, distance and cost the person said (see
    /// [`crate::domain::matching::limits_said`]), named when nothing fits.
    pub limits: Vec<String>,
    /// A done step Space was pressed on once: a second Space on it marks
    /// it not done (one stray key never un-does a step).
    pub undoing: Option<(usize, usize)>,
    /// The small form, while open.
    pub form: Option<PlanForm>,
    /// The plan before each change made in this editor, newest last (`u`
    /// puts the last one back).
    pub undo: Vec<ActionPlan>,
}

/// A service's facts in one short line: who, where, when, cost.
pub fn brief(f: &ServiceFacts) -> String {
    let mut parts = Vec::new();
    if !f.organisation.is_empty() {
        parts.push(f.organisation.clone());
    }
    if !f.town.is_empty() {
        parts.push(f.town.clone());
    }
    let days: Vec<&str> = crate::domain::directory::WEEK
        .into_iter()
        .filter(|d| f.runs_on(*d))
    .map(|d| &day_name(d)[..3])
    .collect();
    if !days.is_empty() {
        parts.push(days.join(" "));
    }
    if f.evenings {
        parts.push("evenings".into());
    }
    if f.free {
        parts.push("free".into());
    } else if let Some(p) = f.lowest_cost_pence {
        parts.push(typed::money(p));
    }
    parts.join(" · ")
}

impl PlanEditor {
    /// An editor on `plan`.
    pub fn new(plan: ActionPlan) -> Self {
        Self {
            plan,
            row: 0,
            chosen: Vec::new(),
            suggestions: Vec::new(),
            directory_ready: false,
            limits: Vec::new(),
            undoing: None,
            form: None,
            undo: Vec::new(),
        }
    }

    /// The rows, top to bottom.
    pub fn rows(&self) -> Vec<PlanRow> {
        let mut rows = vec![PlanRow::ReviewDate, PlanRow::Agreed];
        for (g, goal) in self.plan.goals.iter().enumerate() {
            rows.push(PlanRow::Goal(g));
            rows.extend((0..goal.services.len()).map(|s| PlanRow::Chosen(g, s)));
            rows.extend((0..goal.steps.len()).map(|s| PlanRow::Step(g, s)));
            rows.push(PlanRow::AddStep(g));
            let n = self.suggestions.get(g).map_or(0, Vec::len);
            rows.extend((0..n).map(|s| PlanRow::Suggestion(g, s)));
            rows.push(PlanRow::Search(g));
        }
        rows.push(PlanRow::AddGoal);
        rows
    }

    /// The selected row.
    pub fn selected(&self) -> PlanRow {
        let rows = self.rows();
        rows[self.row.min(rows.len() - 1)]
    }

    /// Moves the selection.
    pub fn move_by(&mut self, step: isize) {
        let n = self.rows().len();
        self.row = (self.row as isize + step).clamp(0, n as isize - 1) as usize;
    }

    /// Selects `row` if it is there.
    pub fn select(&mut self, row: PlanRow) {
        if let Some(i) = self.rows().iter().position(|r| *r == row) {
            self.row = i;
        }
    }

    /// The goal the selected row belongs to.
    pub fn goal_of_selection(&self) -> Option<usize> {
        match self.selected() {
            PlanRow::Goal(g)
            | PlanRow::Chosen(g, _)
            | PlanRow::Step(g, _)
            | PlanRow::AddStep(g)
            | PlanRow::Suggestion(g, _)
            | PlanRow::Search(g) => Some(g),
            _ => None,
        }
    }

    /// Reworks the chosen lines and the suggestions after a change, from
    /// the directory's facts (`None` while it loads).
    pub fn refresh(
        &mut self,
        facts: Option<&[&ServiceFacts]>,
        person: ForPerson,
        today: NaiveDate,
    ) {
        let selected = self.selected();
        self.directory_ready = facts.is_some();
        self.limits = crate::domain::matching::limits_said(&person.conversation.preferences);
        let facts = facts.unwrap_or(&[]);
        let line = |f: &ServiceFacts, why: String| ServiceLine {
            id: f.id.clone(),
            name: f.name.clone(),
            detail: brief(f),
            why,
        };
        self.chosen = self
            .plan
            .goals
            .iter()
            .map(|g| {
                g.services
                    .iter()
                    .map(|id| match facts.iter().find(|f| f.id == *id) {
                        Some(f) => line(f, String::new()),
                        None => ServiceLine {
                            id: id.clone(),
                            name: id.to_string(),
                            detail: String::new(),
                            why: String::new(),
                        },
                    })
                    .collect()
            })
            .collect();
        let for_person = person;
        let taken: Vec<&ServiceId> = self.plan.goals.iter().flat_map(|g| &g.services).collect();
        self.suggestions = self
            .plan
            .goals
            .iter()
            .map(|goal| {
                let open: Vec<&ServiceFacts> = facts
                    .iter()
                    .copied()
                    .filter(|f| !taken.contains(&&f.id))
                    .collect();
                suggest(
                    for_person,
                    Some(goal),
                    open.iter().copied(),
                    today,
                    SUGGESTIONS_PER_GOAL,
                )
                .into_iter()
                .map(|s| line(open[s.index], describe_all(&s.reasons)))
                .collect()
            })
            .collect();
        self.select(selected);
        let n = self.rows().len();
        self.row = self.row.min(n - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::CaseId;

    fn form(target: PlanFormTarget) -> PlanForm {
        PlanForm {
            target,
            what: String::new(),
            owner: StepOwner::Person,
            due: String::new(),
            focus: 0,
            message: None,
        }
    }

    #[test]
    fn the_form_adds_and_changes_steps_goals_and_the_review_date() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut plan = ActionPlan {
            case_id: CaseId(1),
            goals: Vec::new(),
            review_date: None,
            agreed_on: Some(today),
        };
        let mut f = form(PlanFormTarget::Goal(None));
        assert!(f.apply(&mut plan, today).is_err(), "empty");
        "Walk to the park".chars().for_each(|c| f.type_char(c));
        f.apply(&mut plan, today).unwrap();
        assert_eq!(plan.goals[0].text, "Walk to the park");
        assert_eq!(plan.agreed_on, None, "a new goal needs agreeing");

        let mut s = form(PlanFormTarget::Step(0, None));
        assert_eq!(s.fields(), [0, 1, 2]);
        "Ring the walking group"
            .chars()
            .for_each(|c| s.type_char(c));
        assert!(s.step(1));
        s.cycle_owner(1);
        assert!(s.step(1));
        "+3".chars().for_each(|c| s.type_char(c));
        assert!(!s.step(1), "past the last field");
        s.apply(&mut plan, today).unwrap();
        let step = &plan.goals[0].steps[0];
        assert_eq!(step.owner, StepOwner::Worker);
        assert_eq!(step.due, NaiveDate::from_ymd_opt(2026, 11, 25));

        let mut r = form(PlanFormTarget::ReviewDate);
        r.focus = 2;
        "1/11/2026".chars().for_each(|c| r.type_char(c));
        assert!(r.apply(&mut plan, today).is_err());
        assert!(r.message.as_ref().unwrap().contains("past"));
        r.due = "5/1".into();
        r.apply(&mut plan, today).unwrap();
        assert_eq!(plan.review_date, NaiveDate::from_ymd_opt(2027, 1, 5));
    }
}
