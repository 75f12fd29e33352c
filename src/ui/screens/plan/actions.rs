//! The plan editor's side of things: each change saved at once through
//! the store (which makes or removes the connections it implies), the
//! small form, choosing from the directory, and the person's copy.

use super::{PlanEditor, PlanForm, PlanFormTarget, PlanRow};
use crate::domain::matching::ForPerson;
use crate::domain::case::CaseStatus;
use crate::domain::conversation::Flow;
use crate::domain::directory::ServiceFacts;
use crate::domain::ids::ServiceId;
use crate::domain::plan::{ActionPlan, StepOwner};
use crate::domain::referral::Need;
use crate::ui::context::Context;
use crate::ui::screen::{Effects, push};
use crate::ui::screens::directory;
use crate::ui::screens::move_status::MoveStatusForm;
use crate::ui::widgets::step_option;

impl PlanEditor {
    /// Reworks the editor's suggestions and service lines (after a change
    /// or once the directory has loaded).
    pub(super) fn refresh_with(&mut self, cx: &Context) {
        let Some(cf) = cx.case_file.as_ref() else {
            return;
        };
        let blank;
        let conversation = match cf.file.conversations.last() {
            Some(c) => c,
            None => {
                blank = Flow::start(cf.file.case.id, None, cx.clock.now()).conversation;
                &blank
            }
        };
        let p = &cf.file.person;
        let district = p
            .postcode
            .as_deref()
            .and_then(crate::domain::postcode::district);
        let facts: Option<Vec<&ServiceFacts>> = cx
            .directory
            .index
            .as_ref()
            .map(|i| i.all_facts().collect());
        self.refresh(
            facts.as_deref(),
            ForPerson {
                conversation,
                age: p.age_on(cx.clock.today()),
                district: district.as_deref(),
                gender: p.gender,
            },
            cx.clock.today(),
        );
    }

    /// Saves a change to the plan; on success the editor shows it.
    fn change_plan(
        &mut self,
        cx: &mut Context,
        change: impl FnOnce(&mut ActionPlan) -> Result<(), String>,
    ) -> bool {
        let Some(backend) = cx.backend() else {
            return false;
        };
        let mut plan = self.plan.clone();
        if let Err(why) = change(&mut plan) {
            cx.notify(why, true);
            return false;
        }
        match backend.save_plan(&plan, cx.clock.today()) {
            Ok(_) => {
                let before = std::mem::replace(&mut self.plan, plan);
                self.undo.push(before);
                cx.reload();
                self.refresh_with(cx);
                true
            }
            Err(e) => {
                cx.notify(e.to_string(), true);
                false
            }
        }
    }

    /// Enter on a row of the plan.
    pub(super) fn open_row(&mut self, cx: &mut Context) -> Effects {
        let editor = &*self;
        let plan = &editor.plan;
        let form = |target, what: &str, owner, due: String, focus| PlanForm {
            target,
            what: what.to_owned(),
            owner,
            due,
            focus,
            message: None,
        };
        let date = |d: Option<chrono::NaiveDate>| {
            d.map(|d| d.format("%-d/%-m/%Y").to_string())
                .unwrap_or_default()
        };
        let opened = match editor.selected() {
            PlanRow::ReviewDate => Some(form(
                PlanFormTarget::ReviewDate,
                "",
                StepOwner::Person,
                date(plan.review_date),
                2,
            )),
            PlanRow::Agreed => {
                self.toggle_agreed(cx);
                None
            }
            PlanRow::Goal(g) => Some(form(
                PlanFormTarget::Goal(Some(g)),
                &plan.goals[g].text,
                StepOwner::Person,
                String::new(),
                0,
            )),
            PlanRow::AddGoal => Some(form(
                PlanFormTarget::Goal(None),
                "",
                StepOwner::Person,
                String::new(),
                0,
            )),
            PlanRow::Step(g, s) => {
                let step = &plan.goals[g].steps[s];
                Some(form(
                    PlanFormTarget::Step(g, Some(s)),
                    &step.what,
                    step.owner,
                    date(step.due),
                    0,
                ))
            }
            PlanRow::AddStep(g) => Some(form(
                PlanFormTarget::Step(g, None),
                "",
                StepOwner::Person,
                String::new(),
                0,
            )),
            PlanRow::Chosen(g, s) => {
                let name = editor.chosen[g][s].name.clone();
                cx.notify(
                    format!("{name} is chosen; its support ladder is on the Connections tab. x takes it out."),
                    false,
                );
                None
            }
            PlanRow::Suggestion(g, s) => {
                let id = editor.suggestions[g][s].id.clone();
                self.choose_service(cx, g, id);
                None
            }
            PlanRow::Search(g) => return directory::open(cx, Some(g)),
        };
        if let Some(f) = opened {
            self.form = Some(f);
        }
        Vec::new()
    }

    /// Adds `service` to goal `goal` (and so connects the case to it).
    pub(super) fn choose_service(&mut self, cx: &mut Context, goal: usize, service: ServiceId) {
        let name = self
            .suggestions
            .get(goal)
            .and_then(|s| s.iter().find(|l| l.id == service))
            .map(|l| l.name.clone())
            .or_else(|| {
                cx.directory
                    .selected_facts()
                    .filter(|f| f.id == service)
                    .map(|f| f.name.clone())
            })
            .unwrap_or_else(|| service.to_string());
        let chosen = self.change_plan(cx, |plan| {
            let Some(g) = plan.goals.get_mut(goal) else {
                return Err("That goal is no longer in the plan.".into());
            };
            if g.services.contains(&service) {
                return Err("That service is already chosen for this goal.".into());
            }
            g.services.push(service.clone());
            Ok(())
        });
        if chosen {
            self.select(PlanRow::AddStep(goal));
            cx.notify(
                format!(
                    "Chose {name} for goal {}; it is a connection now (Connections tab).",
                    goal + 1
                ),
                false,
            );
        }
    }

    /// ←/→ on a row: the goal's life area, or who does the step.
    pub(super) fn change_value(&mut self, cx: &mut Context, step: isize) {
        match self.selected() {
            PlanRow::Goal(g) => {
                self.change_plan(cx, |plan| {
                    let goal = &mut plan.goals[g];
                    goal.life_area = step_option(&Need::ALL, goal.life_area, step);
                    Ok(())
                });
            }
            PlanRow::Step(g, s) => {
                self.change_plan(cx, |plan| {
                    let st = &mut plan.goals[g].steps[s];
                    st.owner = crate::ui::widgets::step_value(&StepOwner::ALL, st.owner, step);
                    Ok(())
                });
            }
            _ => {}
        }
    }

    /// Space on a step: asks the day it was done (today unless changed); on
    /// a done step, marks it not done (`u` puts it back).
    pub(super) fn mark_done(&mut self, cx: &mut Context) {
        let PlanRow::Step(g, s) = self.selected() else {
            cx.notify("Select a step to mark it done.", false);
            return;
        };
        if let Some(done) = self.plan.goals[g].steps[s].done {
            if self.undoing != Some((g, s)) {
                self.undoing = Some((g, s));
                cx.notify(
                    format!(
                        "This step was done on {}; Space again marks it not done.",
                        done.format("%-d %b %Y")
                    ),
                    false,
                );
                return;
            }
            self.undoing = None;
            if self.change_plan(cx, |plan| {
                plan.goals[g].steps[s].done = None;
                Ok(())
            }) {
                cx.notify("Step marked not done (u undoes).", false);
            }
            return;
        }
        self.form = Some(PlanForm::date_of(PlanFormTarget::Done(g, s)));
    }

    /// `a`: asks the day the person agreed the plan (today unless changed);
    /// on an agreed plan, marks it not agreed (`u` puts it back).
    pub(super) fn toggle_agreed(&mut self, cx: &mut Context) {
        if self.plan.goals.is_empty() {
            cx.notify("Add a goal first: a plan is agreed on its goals.", true);
            return;
        }
        if self.plan.agreed_on.is_some() {
            if self.change_plan(cx, |plan| {
                plan.agreed_on = None;
                Ok(())
            }) {
                cx.notify("Plan marked not agreed (u undoes).", false);
            }
            return;
        }
        self.form = Some(PlanForm::date_of(PlanFormTarget::Agreed));
    }

    /// `u`: puts back the plan as it was before the last change.
    pub(super) fn undo(&mut self, cx: &mut Context) {
        let Some(before) = self.undo.pop() else {
            cx.notify("Nothing to undo in this plan since it was opened.", false);
            return;
        };
        let Some(backend) = cx.backend() else {
            return;
        };
        match backend.save_plan(&before, cx.clock.today()) {
            Ok(_) => {
                self.plan = before;
                cx.reload();
                self.refresh_with(cx);
                cx.notify(
                    format!("Undone; {} more change(s) can be undone.", self.undo.len()),
                    false,
                );
            }
            Err(e) => {
                self.undo.push(before);
                cx.notify(e.to_string(), true);
            }
        }
    }

    /// x on a row: takes out a chosen service, a step, or an empty goal.
    pub(super) fn remove(&mut self, cx: &mut Context) {
        let row = self.selected();
        let done = match row {
            PlanRow::Chosen(g, s) => {
                let name = self.chosen[g][s].name.clone();
                self.change_plan(cx, |plan| {
                    plan.goals[g].services.remove(s);
                    Ok(())
                })
                .then(|| format!("Took {name} out of the plan (a connection with history stays on the Connections tab); u undoes."))
            }
            PlanRow::Step(g, s) => self
                .change_plan(cx, |plan| {
                    plan.goals[g].steps.remove(s);
                    Ok(())
                })
                .then(|| "Step removed; u undoes.".to_owned()),
            PlanRow::Goal(g) => self
                .change_plan(cx, |plan| {
                    let goal = &plan.goals[g];
                    if !goal.services.is_empty() || !goal.steps.is_empty() {
                        return Err(
                            "Take out this goal's services and steps first; then the goal.".into(),
                        );
                    }
                    plan.goals.remove(g);
                    Ok(())
                })
                .then(|| "Goal removed; u undoes.".to_owned()),
            _ => None,
        };
        if let Some(text) = done {
            cx.notify(text, false);
        }
    }

    /// Saves the small form into the plan. A plan newly agreed on a case
    /// still Contacted offers the move to Active on that day.
    pub(super) fn save_form(&mut self, cx: &mut Context) -> Effects {
        let Some(mut form) = self.form.take() else {
            return Vec::new();
        };
        let today = cx.clock.today();
        let mut refused = None;
        let saved = self.change_plan(cx, |plan| {
            let r = form.apply(plan, today);
            refused = r.as_ref().err().cloned();
            r
        });
        if !saved {
            if refused.is_some() {
                cx.notice = None;
            }
            self.form = Some(form);
            return Vec::new();
        }
        cx.notice = None;
        match (form.target, self.plan.agreed_on) {
            (PlanFormTarget::Agreed, Some(on)) => {
                cx.notify(
                    format!("Plan agreed with the person on {}.", on.format("%-d %b %Y")),
                    false,
                );
                let contacted = cx
                    .case_file
                    .as_ref()
                    .is_some_and(|cf| cf.file.case.status == CaseStatus::Contacted);
                if contacted {
                    return push(MoveStatusForm::offer(
                        CaseStatus::Contacted,
                        CaseStatus::Active,
                        on,
                        "They agreed the plan: move the case to Active? Enter confirms, Esc leaves it Contacted.",
                    ));
                }
                Vec::new()
            }
            (PlanFormTarget::Done(..), _) => {
                cx.notify("Step marked done (u undoes).", false);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
