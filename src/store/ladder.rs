//! Connections on the support ladder, the time limit, and discharge: each
//! change one audited commit on the case; closed episodes are read-only.

use super::Store;
use super::audit::AuditAction;
use super::error::StoreError;
use super::keys;
use crate::domain::case::{Case, CaseStatus};
use crate::domain::discharge::{Discharge, LetterFrom, discharge_letter};
use crate::domain::ids::{CaseId, ConnectionId};
use crate::domain::ladder::{
    CardFor, Connection, ConnectionEndReason, LadderEvent, Proposal, Rung, VisitPlan, visit_card,
};
use crate::domain::plan::ActionPlan;
use crate::domain::referral::SnomedCode;
use chrono::{NaiveDate, NaiveDateTime};

impl Store {
    /// Connection `id` of case `case`.
    pub fn connection(&self, case: CaseId, id: ConnectionId) -> Result<Connection, StoreError> {
        self.get::<Connection>(&keys::child(case.0, id.0))?
            .ok_or_else(|| StoreError::Refused(format!("case {case} has no connection {id}")))
    }

    /// Connection `id`, whichever case it belongs to.
    pub fn find_connection(&self, id: ConnectionId) -> Result<Connection, StoreError> {
        self.all::<Connection>()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(StoreError::NoSuchConnection(id.0))
    }

    pub(super) fn change_connection<T>(
        &self,
        case: CaseId,
        id: ConnectionId,
        change: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<(Connection, T), StoreError> {
        self.open_case(case)?;
        let mut c = self.connection(case, id)?;
        let out = change(&mut c)?;
        let mut changes = self.changes();
        changes.put(&c, AuditAction::Updated);
        self.commit(changes)?;
        Ok((c, out))
    }

    /// Records an event on a connection; returns it and what linkwork
    /// proposes next.
    pub fn record_event(
        &self,
        case: CaseId,
        id: ConnectionId,
        event: LadderEvent,
    ) -> Result<(Connection, Proposal), StoreError> {
        let after = event.at;
        let (c, mut proposal) = self.change_connection(case, id, |c| {
            c.record(event)
                .map_err(|e| StoreError::Refused(e.to_string()))
        })?;
        // The next step on the service's own next session, where its
        // schedule says when that is (else a week on).
        if proposal.at.is_some()
            && let Some((service, _)) = self.service_detail(&c.service_id)?
            && let Some(at) = crate::domain::ladder::rhythm::next_session(&service, after)
        {
            proposal.at = Some(at);
        }
        Ok((c, proposal))
    }

    /// Plans the next step of a connection.
    pub fn plan_step(
        &self,
        case: CaseId,
        id: ConnectionId,
        at: NaiveDateTime,
        rung: Rung,
    ) -> Result<Connection, StoreError> {
        self.change_connection(case, id, |c| {
            c.plan_next(at, rung)
                .map_err(|e| StoreError::Refused(e.to_string()))
        })
        .map(|(c, ())| c)
    }

    /// Saves the practical plan of a visit.
    pub fn save_visit_plan(
        &self,
        case: CaseId,
        id: ConnectionId,
        plan: VisitPlan,
    ) -> Result<Connection, StoreError> {
        self.change_connection(case, id, |c| {
            if c.ended.is_some() {
                return Err(StoreError::Refused("this connection has ended".into()));
            }
            c.visit_plan = Some(plan);
            Ok(())
        })
        .map(|(c, ())| c)
    }

    /// Ends a connection.
    pub fn end_connection(
        &self,
        case: CaseId,
        id: ConnectionId,
        on: NaiveDate,
        reason: ConnectionEndReason,
    ) -> Result<Connection, StoreError> {
        self.change_connection(case, id, |c| {
            c.end(on, reason)
                .map_err(|e| StoreError::Refused(e.to_string()))
        })
        .map(|(c, ())| c)
    }

    /// Extends the time limit of a case, with the reason.
    pub fn extend_limits(
        &self,
        case: CaseId,
        reason: &str,
        contact_limit: u32,
        week_limit: u32,
        today: NaiveDate,
    ) -> Result<Case, StoreError> {
        let mut c = self.open_case(case)?;
        c.limits
            .extend(today, reason, contact_limit, week_limit)
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        let mut changes = self.changes();
        changes.put(&c, AuditAction::Updated);
        self.commit(changes)?;
        Ok(c)
    }

    /// Ends the episode: the discharge recorded and the case closed on the
    /// discharge's date (an active case passes through Ending). A contacted
    /// case whose person agreed a plan passes through Active first, the
    /// acceptance (SNOMED 871731000000106) dated the day the plan was agreed.
    /// Live connections are left as they are, as history. Open risk flags
    /// are cleared on the discharge's date when the discharge says so, else
    /// they stay open (and the letter names them).
    pub fn discharge(&self, case: CaseId, discharge: Discharge) -> Result<Case, StoreError> {
        let mut c = self.open_case(case)?;
        let now = Self::now();
        let mut changes = self.changes();
        match c.status {
            CaseStatus::Referred => {
                return Err(StoreError::Refused(
                    "this case has had no contact yet: log the first contact (c), \
                     or end it as declined or not contactable (m)"
                        .into(),
                ));
            }
            CaseStatus::Contacted => {
                let agreed = self
                    .get::<ActionPlan>(&keys::id(case.0))?
                    .and_then(|p| p.agreed_on);
                let Some(agreed) = agreed else {
                    return Err(StoreError::Refused(
                        "the person has not accepted support yet: move the case to Active (m) \
                         when they do, or end it as declined or not contactable (m)"
                            .into(),
                    ));
                };
                c.move_on(CaseStatus::Active, now, agreed.min(discharge.on), None)?;
                c.referral
                    .record_snomed(SnomedCode::ReferralAccepted, agreed.min(discharge.on));
                changes.put(
                    &c,
                    AuditAction::StatusChanged {
                        from: CaseStatus::Contacted,
                        to: CaseStatus::Active,
                    },
                );
            }
            _ => {}
        }
        for to in [CaseStatus::Ending, CaseStatus::Closed] {
            if c.status.can_move_to(to) {
                let from = c.status;
                c.move_on(
                    to,
                    now,
                    discharge.on,
                    Some(discharge.reason.label().to_owned()),
                )?;
                changes.put(&c, AuditAction::StatusChanged { from, to });
            }
        }
        if discharge.risks_cleared {
            for flag in c.risk_flags.iter_mut().filter(|f| f.cleared.is_none()) {
                flag.cleared = Some(discharge.on.max(flag.raised));
            }
        }
        c.discharge = Some(discharge);
        changes.put(&c, AuditAction::Updated);
        self.commit(changes)?;
        Ok(c)
    }

    /// The message back to the referrer and GP (audited as an export).
    pub fn discharge_letter(
        &self,
        case: CaseId,
        worker: Option<&crate::domain::signature::Signature>,
        today: NaiveDate,
    ) -> Result<String, StoreError> {
        let file = self.case_file(case)?;
        if file.case.status.is_open() {
            return Err(StoreError::StillOpen(case.0));
        }
        let consent = file.case.consent();
        let text = discharge_letter(LetterFrom {
            person: &file.person,
            case: &file.case,
            consent,
            contacts: &file.contacts,
            connections: &file.connections,
            measures: &file.measures,
            worker,
            today,
        });
        self.note_export(case.0, "the discharge letter")?;
        Ok(text)
    }

    /// The visit card of connection `id` (audited as an export).
    pub fn visit_card(
        &self,
        id: ConnectionId,
        worker: Option<&crate::domain::signature::Signature>,
        today: NaiveDate,
    ) -> Result<String, StoreError> {
        let c = self.find_connection(id)?;
        let file = self.case_file(c.case_id)?;
        match (c.ended.is_some(), file.case.status.is_open()) {
            (true, false) => {
                return Err(StoreError::NoVisit(
                    "this connection has ended and the case is closed",
                ));
            }
            (true, true) => return Err(StoreError::NoVisit("this connection has ended")),
            (false, false) => return Err(StoreError::NoVisit("the case is closed")),
            (false, true) => {}
        }
        let service = self.service_detail(&c.service_id)?;
        let name = file.person.called();
        let text = visit_card(
            CardFor {
                name,
                worker,
                today,
            },
            &c,
            service.as_ref(),
        );
        self.note_export(c.case_id.0, "a visit card")?;
        Ok(text)
    }
}
