//! `linkwork plan export`: the person's copy of a plan.

use super::CliError;
use crate::domain::ids::CaseId;
use crate::store::Store;
use chrono::NaiveDate;

/// The person's copy of case `case`'s plan, audited as an export.
/// `worker` is the worker's name as configured (none: "your link worker").
pub fn person_copy(
    store: &Store,
    case: u64,
    worker: Option<&crate::domain::signature::Signature>,
    today: NaiveDate,
) -> Result<String, CliError> {
    Ok(store.person_copy(CaseId(case), worker, today)?)
}
