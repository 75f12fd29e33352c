//! Putting right a contact or a ladder event logged in error: corrected
//! (the earlier version kept with the reason) or struck out (kept, not
//! counted). Each is one audited commit on an open case.

use super::Store;
use super::audit::AuditAction;
use super::casework::ContactDraft;
use super::error::StoreError;
use super::record::Record;
use crate::domain::case::{Case, CaseStatus};
use crate::domain::contact::ContactEntry;
use crate::domain::correction::{Correctable, put_right, strike_out};
use crate::domain::ids::{CaseId, ConnectionId, ContactId, MeasureId};
use crate::domain::ladder::{Connection, LadderEvent};
use crate::domain::wellbeing::{Scores, WellbeingMeasure};
use chrono::NaiveDate;

impl Store {
    /// The record of an open case that `is` picks, or a refusal naming
    /// `what` is missing.
    fn of_open_case<R: Record>(
        &self,
        case: CaseId,
        what: String,
        is: impl Fn(&R) -> bool,
    ) -> Result<R, StoreError> {
        self.open_case(case)?;
        self.for_case::<R>(case)?
            .into_iter()
            .find(is)
            .ok_or_else(|| StoreError::Refused(format!("there is no {what} on this case")))
    }

    fn contact_of(&self, case: CaseId, id: ContactId) -> Result<ContactEntry, StoreError> {
        self.of_open_case(case, format!("contact {id}"), |c: &ContactEntry| c.id == id)
    }

    fn measure_of(&self, case: CaseId, id: MeasureId) -> Result<WellbeingMeasure, StoreError> {
        self.of_open_case(case, format!("measure {id}"), |m: &WellbeingMeasure| {
            m.id == id
        })
    }

    /// Strikes `record` out and saves it, audited.
    fn strike_record<R: Record + Correctable>(
        &self,
        mut record: R,
        reason: &str,
        by: &str,
    ) -> Result<R, StoreError> {
        strike_out(&mut record, reason, Self::now(), by)
            .map_err(|e| StoreError::Refused(e.into()))?;
        let mut changes = self.changes();
        changes.put(&record, AuditAction::StruckOut);
        self.commit(changes)?;
        Ok(record)
    }

    /// Corrects contact `id` to `draft`, keeping what it said before with
    /// the reason and who put it right.
    pub fn correct_contact(
        &self,
        case: CaseId,
        id: ContactId,
        draft: ContactDraft,
        reason: &str,
        by: &str,
    ) -> Result<ContactEntry, StoreError> {
        let old = self.contact_of(case, id)?;
        let corrected = draft.entry(old.id, old.case_id, Vec::new());
        let entry = put_right(&old, corrected, reason, Self::now(), by)
            .map_err(|e| StoreError::Refused(e.into()))?;
        let mut changes = self.changes();
        changes.put(&entry, AuditAction::Corrected);
        // An attempt put right as a contact that reached them is the
        // first contact of a referred case.
        let mut case_now = self.open_case(case)?;
        if case_now.status == CaseStatus::Referred && entry.counts() {
            case_now.move_on(CaseStatus::Contacted, Self::now(), entry.on, None)?;
            changes.put(
                &case_now,
                AuditAction::StatusChanged {
                    from: CaseStatus::Referred,
                    to: CaseStatus::Contacted,
                },
            );
        }
        self.commit(changes)?;
        Ok(entry)
    }

    /// Strikes contact `id` out: it stays in the record, shown struck
    /// through with the reason, and is no longer counted.
    pub fn strike_contact(
        &self,
        case: CaseId,
        id: ContactId,
        reason: &str,
        by: &str,
    ) -> Result<ContactEntry, StoreError> {
        let entry = self.contact_of(case, id)?;
        self.strike_record(entry, reason, by)
    }

    /// Corrects event `index` of a connection (see
    /// [`Connection::correct`]).
    pub fn correct_event(
        &self,
        case: CaseId,
        id: ConnectionId,
        index: usize,
        event: LadderEvent,
        reason: &str,
        by: &str,
    ) -> Result<Connection, StoreError> {
        self.open_case(case)?;
        self.change_connection_as(case, id, AuditAction::Corrected, |c| {
            c.correct(index, event, reason, Self::now(), by)
                .map_err(|e| StoreError::Refused(e.to_string()))
        })
    }

    /// Strikes event `index` of a connection out (see
    /// [`Connection::strike`]).
    pub fn strike_event(
        &self,
        case: CaseId,
        id: ConnectionId,
        index: usize,
        reason: &str,
        by: &str,
    ) -> Result<Connection, StoreError> {
        self.open_case(case)?;
        self.change_connection_as(case, id, AuditAction::StruckOut, |c| {
            c.strike(index, reason, Self::now(), by)
                .map_err(|e| StoreError::Refused(e.to_string()))
        })
    }

    /// Corrects measure `id` (its day and answers), keeping what it said
    /// before with the reason.
    pub fn correct_measure(
        &self,
        case: CaseId,
        id: MeasureId,
        (taken_on, scores, completed_by): (
            NaiveDate,
            Scores,
            Option<crate::domain::wellbeing::CompletedBy>,
        ),
        reason: &str,
        by: &str,
    ) -> Result<WellbeingMeasure, StoreError> {
        let old = self.measure_of(case, id)?;
        let corrected = WellbeingMeasure {
            taken_on,
            scores,
            completed_by: completed_by.or_else(|| old.completed_by.clone()),
            ..old.clone()
        };
        let measure = put_right(&old, corrected, reason, Self::now(), by)
            .map_err(|e| StoreError::Refused(e.into()))?;
        let mut changes = self.changes();
        changes.put(&measure, AuditAction::Corrected);
        self.commit(changes)?;
        Ok(measure)
    }

    /// Strikes measure `id` out: kept, never charted or reported.
    pub fn strike_measure(
        &self,
        case: CaseId,
        id: MeasureId,
        reason: &str,
        by: &str,
    ) -> Result<WellbeingMeasure, StoreError> {
        let measure = self.measure_of(case, id)?;
        self.strike_record(measure, reason, by)
    }

    /// Strikes out the last status move of an open case (see
    /// [`Case::strike_last_move`]).
    pub fn strike_status_move(
        &self,
        case: CaseId,
        reason: &str,
        by: &str,
    ) -> Result<Case, StoreError> {
        let mut c = self.open_case(case)?;
        let struck = c
            .strike_last_move(reason, Self::now(), by)
            .map_err(|e| StoreError::Refused(e.into()))?;
        let mut changes = self.changes();
        changes.put(
            &c,
            AuditAction::StatusChanged {
                from: struck.to,
                to: c.status,
            },
        );
        changes.note_for_case(case.0, AuditAction::StruckOut);
        self.commit(changes)?;
        Ok(c)
    }

    fn change_connection_as(
        &self,
        case: CaseId,
        id: ConnectionId,
        action: AuditAction,
        change: impl FnOnce(&mut Connection) -> Result<(), StoreError>,
    ) -> Result<Connection, StoreError> {
        let mut c = self.connection(case, id)?;
        change(&mut c)?;
        let mut changes = self.changes();
        changes.put(&c, action);
        self.commit(changes)?;
        Ok(c)
    }
}
