//! The app's side of the plan editor: each change saved at once through
//! the store (which makes or removes the connections it implies), the
//! small form, choosing from the directory, and the person's copy.

use super::{App, CaseTab, PlanForm, PlanFormTarget, PlanPerson, PlanRow, step_option};
use crate::domain::conversation::Flow;
use crate::domain::directory::ServiceFacts;
use crate::domain::ids::ServiceId;
use crate::domain::plan::{ActionPlan, StepOwner};
use crate::domain::referral::Need;
use crate::ui::mode::Mode;

impl App {
    /// Reworks the editor's suggestions and service lines (after a change
    /// or once the directory has loaded).
    pub(super) fn refresh_plan_editor(&mut self) {
        let (Some(cf), Some(editor)) = (self.case_file.as_ref(), self.plan_editor.as_mut()) else {
            return;
        };
        let blank;
        let conversation = match cf.file.conversations.last() {
            Some(c) => c,
            None => {
                blank = Flow::start(cf.file.case.id, None, self.clock.now()).conversation;
                &blank
            }
        };
        let p = &cf.file.person;
        let district = p
            .postcode
            .as_deref()
            .and_then(crate::domain::postcode::district);
        let facts: Option<Vec<&ServiceFacts>> = self
            .directory
            .index
            .as_ref()
            .map(|i| i.all_facts().collect());
        editor.refresh(
            facts.as_deref(),
            PlanPerson {
                conversation,
                age: p.age_on(self.clock.today()),
                district: district.as_deref(),
            },
            self.clock.today(),
        );
    }

    /// Saves a change to the plan; on success the editor shows it.
    fn change_plan(&mut self, change: impl FnOnce(&mut ActionPlan) -> Result<(), String>) -> bool {
        let (Some(editor), Some(backend)) = (self.plan_editor.as_ref(), self.backend.clone())
        else {
            return false;
        };
        let mut plan = editor.plan.clone();
        if let Err(why) = change(&mut plan) {
            self.notify(why, true);
            return false;
        }
        match backend.save_plan(&plan, self.clock.today()) {
            Ok(_) => {
                if let Some(editor) = self.plan_editor.as_mut() {
                    editor.plan = plan;
                }
                self.reload();
                self.refresh_plan_editor();
                true
            }
            Err(e) => {
                self.notify(e.to_string(), true);
                false
            }
        }
    }

    /// Enter on a row of the plan.
    pub(super) fn plan_open(&mut self) {
        let Some(editor) = self.plan_editor.as_ref() else {
            return;
        };
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
                self.toggle_agreed();
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
                self.notify(
                    format!("{name} is chosen; its support ladder is on the Connections tab. x takes it out."),
                    false,
                );
                None
            }
            PlanRow::Suggestion(g, s) => {
                let id = editor.suggestions[g][s].id.clone();
                self.choose_service(g, id);
                None
            }
            PlanRow::Search(g) => {
                self.search_for_goal(g);
                None
            }
        };
        if let Some(f) = opened {
            if let Some(editor) = self.plan_editor.as_mut() {
                editor.form = Some(f);
            }
            self.mode = Mode::PlanForm;
        }
    }

    /// Adds `service` to goal `goal` (and so connects the case to it).
    pub(super) fn choose_service(&mut self, goal: usize, service: ServiceId) {
        let name = self
            .plan_editor
            .as_ref()
            .and_then(|e| e.suggestions.get(goal))
            .and_then(|s| s.iter().find(|l| l.id == service))
            .map(|l| l.name.clone())
            .or_else(|| {
                self.directory
                    .selected_facts()
                    .filter(|f| f.id == service)
                    .map(|f| f.name.clone())
            })
            .unwrap_or_else(|| service.to_string());
        let chosen = self.change_plan(|plan| {
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
            if let Some(editor) = self.plan_editor.as_mut() {
                editor.select(PlanRow::AddStep(goal));
            }
            self.notify(
                format!(
                    "Chose {name} for goal {}; it is a connection now (Connections tab).",
                    goal + 1
                ),
                false,
            );
        }
    }

    fn search_for_goal(&mut self, goal: usize) {
        self.open_directory();
        self.directory.picking = Some(goal);
    }

    /// Enter in the directory: when it was opened from a plan goal, choose
    /// the selected service for it.
    pub(super) fn directory_choose(&mut self) {
        let Some(goal) = self.directory.picking else {
            self.notify(
                "To choose a service for a goal, open the directory from the plan (p, then /).",
                false,
            );
            return;
        };
        let Some(id) = self.directory.selected_facts().map(|f| f.id.clone()) else {
            return;
        };
        self.close_directory();
        self.choose_service(goal, id);
    }

    /// ←/→ on a row: the goal's life area, or who does the step.
    pub(super) fn plan_value(&mut self, step: isize) {
        let Some(editor) = self.plan_editor.as_ref() else {
            return;
        };
        match editor.selected() {
            PlanRow::Goal(g) => {
                self.change_plan(|plan| {
                    let goal = &mut plan.goals[g];
                    goal.life_area = step_option(&Need::ALL, goal.life_area, step);
                    Ok(())
                });
            }
            PlanRow::Step(g, s) => {
                self.change_plan(|plan| {
                    let st = &mut plan.goals[g].steps[s];
                    st.owner = super::step_value(&StepOwner::ALL, st.owner, step);
                    Ok(())
                });
            }
            _ => {}
        }
    }

    /// Space on a step: done today, or not done.
    pub(super) fn plan_mark_done(&mut self) {
        let Some(PlanRow::Step(g, s)) = self.plan_editor.as_ref().map(|e| e.selected()) else {
            self.notify("Select a step to mark it done.", false);
            return;
        };
        let today = self.clock.today();
        self.change_plan(|plan| {
            let st = &mut plan.goals[g].steps[s];
            st.done = match st.done {
                Some(_) => None,
                None => Some(today),
            };
            Ok(())
        });
    }

    /// Marks the plan agreed today, or not agreed.
    pub(super) fn toggle_agreed(&mut self) {
        let today = self.clock.today();
        let agreed = self.change_plan(|plan| {
            if plan.goals.is_empty() {
                return Err("Add a goal first: a plan is agreed on its goals.".into());
            }
            plan.agreed_on = match plan.agreed_on {
                Some(_) => None,
                None => Some(today),
            };
            Ok(())
        });
        if agreed {
            let on = self
                .plan_editor
                .as_ref()
                .and_then(|e| e.plan.agreed_on)
                .map(|d| format!("Plan agreed with the person on {}.", d.format("%-d %b %Y")));
            self.notify(
                on.unwrap_or_else(|| "Plan marked not agreed.".into()),
                false,
            );
        }
    }

    /// x on a row: takes out a chosen service, a step, or an empty goal.
    pub(super) fn plan_remove(&mut self) {
        let Some(editor) = self.plan_editor.as_ref() else {
            return;
        };
        let row = editor.selected();
        let done = match row {
            PlanRow::Chosen(g, s) => {
                let name = editor.chosen[g][s].name.clone();
                self.change_plan(|plan| {
                    plan.goals[g].services.remove(s);
                    Ok(())
                })
                .then(|| format!("Took {name} out of the plan (a connection with history stays on the Connections tab)."))
            }
            PlanRow::Step(g, s) => self
                .change_plan(|plan| {
                    plan.goals[g].steps.remove(s);
                    Ok(())
                })
                .then(|| "Step removed.".to_owned()),
            PlanRow::Goal(g) => self
                .change_plan(|plan| {
                    let goal = &plan.goals[g];
                    if !goal.services.is_empty() || !goal.steps.is_empty() {
                        return Err(
                            "Take out this goal's services and steps first; then the goal.".into(),
                        );
                    }
                    plan.goals.remove(g);
                    Ok(())
                })
                .then(|| "Goal removed.".to_owned()),
            _ => None,
        };
        if let Some(text) = done {
            self.notify(text, false);
        }
    }

    /// Saves the small form into the plan.
    pub(super) fn save_plan_form(&mut self) {
        let Some(mut form) = self.plan_editor.as_mut().and_then(|e| e.form.take()) else {
            return;
        };
        let today = self.clock.today();
        let mut refused = None;
        let saved = self.change_plan(|plan| {
            let r = form.apply(plan, today);
            refused = r.as_ref().err().cloned();
            r
        });
        if saved {
            self.mode = Mode::Plan;
            self.notice = None;
        } else {
            if refused.is_some() {
                self.notice = None;
            }
            if let Some(editor) = self.plan_editor.as_mut() {
                editor.form = Some(form);
            }
        }
    }

    /// Leaves the plan editor for the case file's Plan tab.
    pub(super) fn close_plan_editor(&mut self) {
        self.plan_editor = None;
        self.mode = Mode::CaseFile;
        if let Some(cf) = self.case_file.as_mut() {
            cf.tab = CaseTab::Plan;
            cf.scroll = 0;
        }
    }

    /// Writes the person's copy of the plan into the working folder.
    pub(super) fn write_person_copy(&mut self) {
        if let Some(id) = self.case_id() {
            self.write_export(crate::ui::backend::Export::PersonCopy(id));
        }
    }
}
