//! `linkwork plan export`: the person's copy of a plan.

use super::CliError;
use crate::domain::ids::CaseId;
use crate::domain::plan::{CopyFor, person_copy as copy};
use crate::store::{AuditAction, Store};
use chrono::NaiveDate;

/// The person's copy of case `case`'s plan, audited as an export.
/// `worker` is the worker's name as configured (none: "your link worker").
pub fn person_copy(
    store: &Store,
    case: u64,
    worker: Option<&str>,
    today: NaiveDate,
) -> Result<String, CliError> {
    let file = store.case_file(CaseId(case))?;
    let Some(plan) = &file.plan else {
        return Err(CliError::NoPlan(case));
    };
    let mut services = Vec::new();
    for id in plan.goals.iter().flat_map(|g| &g.services) {
        if let Some(found) = store.service_detail(id)? {
            services.push(found);
        }
    }
    let p = &file.person;
    let name = p
        .preferred_name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(&p.given_name);
    let text = copy(
        CopyFor {
            name,
            worker,
            today,
        },
        plan,
        &services,
    );
    let mut changes = store.changes();
    changes.note_for_case(
        case,
        AuditAction::Exported {
            what: "the person's copy of the plan".into(),
        },
    );
    store.commit(changes)?;
    Ok(text)
}
