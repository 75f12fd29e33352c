//! The action plan, the connections it makes, wellbeing measures, and the
//! person's copy. Each save is one audited commit.

use super::Store;
use super::audit::AuditAction;
use super::error::StoreError;
use super::keys;
use crate::domain::directory::Service;
use crate::domain::ids::{CaseId, ConnectionId, MeasureId};
use crate::domain::ladder::{Connection, Rung};
use crate::domain::plan::{ActionPlan, CopyFor, person_copy};
use crate::domain::wellbeing::{CompletedBy, MeasurePoint, Scores, WellbeingMeasure};
use chrono::NaiveDate;

impl Store {
    /// Saves the plan, and in the same commit makes the connections it
    /// implies: a new connection (on the first rung, from `today`) for each
    /// service chosen for a goal that the case is not yet connected to, and
    /// removes connections to services taken out of the plan that have no
    /// events yet (one with events is history and stays), and keeps each
    /// live connection's goal in step with the plan. Returns the
    /// case's connections after the save.
    pub fn save_plan(
        &self,
        plan: &ActionPlan,
        today: NaiveDate,
    ) -> Result<Vec<Connection>, StoreError> {
        let case = plan.case_id;
        self.open_case(case)?;
        let old = self.get::<ActionPlan>(&keys::id(case.0))?;
        let existing: Vec<Connection> = self.for_case(case)?;
        let mut changes = self.changes();
        if old.as_ref() != Some(plan) {
            let action = if old.is_some() {
                AuditAction::Updated
            } else {
                AuditAction::Created
            };
            changes.put(plan, action);
        }
        let chosen: Vec<(u32, &crate::domain::ids::ServiceId)> = plan
            .goals
            .iter()
            .enumerate()
            .flat_map(|(g, goal)| goal.services.iter().map(move |s| (g as u32, s)))
            .collect();
        let mut kept = Vec::new();
        for c in &existing {
            let goal = chosen
                .iter()
                .find(|(_, s)| **s == c.service_id)
                .map(|(g, _)| *g);
            if goal.is_none() && c.events.is_empty() && c.ended.is_none() {
                changes.delete(c);
                continue;
            }
            let mut c = c.clone();
            if c.is_live() && goal.is_some() && c.goal != goal {
                // Goals before it were removed: keep the goal it serves.
                c.goal = goal;
                changes.put(&c, AuditAction::Updated);
            }
            kept.push(c);
        }
        let new: Vec<_> = chosen
            .iter()
            .filter(|(_, s)| !kept.iter().any(|c| c.service_id == **s && c.is_live()))
            .collect();
        if !new.is_empty() {
            let ids = self.allocate_ids(new.len() as u64)?;
            for ((goal, service), id) in new.into_iter().zip(ids) {
                let name = self
                    .get::<Service>(service.0.as_bytes())?
                    .map_or_else(|| service.to_string(), |s| s.name);
                let connection = Connection {
                    id: ConnectionId(id),
                    case_id: case,
                    service_id: (*service).clone(),
                    service_name: name,
                    goal: Some(*goal),
                    started: today,
                    rung: Rung::Discussion,
                    next: None,
                    events: Vec::new(),
                    visit_plan: None,
                    ended: None,
                };
                changes.put(&connection, AuditAction::Created);
                kept.push(connection);
            }
        }
        if !changes.is_empty() {
            self.commit(changes)?;
        }
        kept.sort_by_key(|c| c.id.0);
        Ok(kept)
    }

    /// Saves a wellbeing measure: a new one (`id` none), or the same
    /// measure corrected. Returns it.
    pub fn save_measure(
        &self,
        case: CaseId,
        id: Option<MeasureId>,
        taken_on: NaiveDate,
        point: MeasurePoint,
        scores: Scores,
        completed_by: Option<CompletedBy>,
    ) -> Result<WellbeingMeasure, StoreError> {
        self.open_case(case)?;
        let (id, action) = match id {
            Some(id) => (id, AuditAction::Updated),
            None => (MeasureId(self.allocate_ids(1)?.start), AuditAction::Created),
        };
        // Saved again without saying who answered: as it was.
        let completed_by = match completed_by {
            Some(by) => Some(by),
            None => self
                .get::<WellbeingMeasure>(&keys::child(case.0, id.0))?
                .and_then(|m| m.completed_by),
        };
        let measure = WellbeingMeasure {
            id,
            case_id: case,
            taken_on,
            point,
            scores,
            completed_by,
            revisions: Vec::new(),
            struck: None,
        };
        let mut changes = self.changes();
        changes.put(&measure, action);
        self.commit(changes)?;
        Ok(measure)
    }

    /// The person's copy of case `case`'s plan (plain Markdown), audited
    /// as an export. `worker` is the worker's name as configured.
    pub fn person_copy(
        &self,
        case: CaseId,
        worker: Option<&crate::domain::signature::Signature>,
        today: NaiveDate,
    ) -> Result<String, StoreError> {
        let file = self.case_file(case)?;
        let Some(plan) = &file.plan else {
            return Err(StoreError::NoPlan(case.0));
        };
        let mut services = Vec::new();
        for id in plan.goals.iter().flat_map(|g| &g.services) {
            if let Some(found) = self.service_detail(id)? {
                services.push(found);
            }
        }
        let name = file.person.called();
        let text = person_copy(
            CopyFor {
                name,
                worker,
                today,
                support_ended: file.case.ended_on(),
            },
            plan,
            &services,
        );
        self.note_export(case.0, "the person's copy of the plan")?;
        Ok(text)
    }

    /// Notes in the audit that `what` (no personal content) left linkwork
    /// from case `case`.
    pub(super) fn note_export(&self, case: u64, what: &str) -> Result<(), StoreError> {
        let mut changes = self.changes();
        changes.note_for_case(
            case,
            AuditAction::Exported {
                what: what.to_owned(),
            },
        );
        self.commit(changes)
    }
}
