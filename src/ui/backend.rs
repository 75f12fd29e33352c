//! The narrow API through which the UI reads and changes casework. The
//! store implements it; the UI never touches trees or keys.

use crate::domain::agenda::AgendaItem;
use crate::domain::case::{Case, CaseStatus, RiskKind};
use crate::domain::caseload::CaseOverview;
use crate::domain::contact::ContactEntry;
use crate::domain::conversation::{Conversation, Flow};
use crate::domain::directory::search::{IndexEntry, SearchIndex};
use crate::domain::directory::{Organisation, Service};
use crate::domain::discharge::Discharge;
use crate::domain::ids::ServiceId;
use crate::domain::ids::{CaseId, PersonId};
use crate::domain::ids::{ConnectionId, ContactId, MeasureId};
use crate::domain::intake::IntakeDraft;
use crate::domain::ladder::Connection;
use crate::domain::ladder::{ConnectionEndReason, LadderEvent, Proposal, Rung, VisitPlan};
use crate::domain::plan::ActionPlan;
use crate::domain::report::Report;
use crate::domain::wellbeing::{MeasurePoint, Scores, WellbeingMeasure};
use crate::store::AuditAction;
use crate::store::{CaseFile, ContactDraft, Duplicate, Store, StoreError};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::path::{Path, PathBuf};

/// A refused change, as the "Needs a look" list shows it.
#[derive(Debug, Clone)]
pub struct NeedsALookItem {
    /// The change.
    pub conflict: crate::store::team::Conflict,
    /// Where it differs from what the store holds now.
    pub lines: Vec<crate::store::team::ConflictLine>,
    /// Whose case it is (the person's name), when the case is still here.
    pub person: Option<String>,
}

/// What the UI may ask of the store.
pub trait Casework: DirectoryStore {
    /// A warning about a save that succeeded (a disk filling up), once.
    fn take_warning(&self) -> Option<String> {
        None
    }
    /// In a team: the changes the server refused as stale, each with the
    /// fields where it differs from what the store holds now, and the
    /// name of the person whose case it is.
    fn needs_a_look(&self) -> Result<Vec<NeedsALookItem>, StoreError> {
        Ok(Vec::new())
    }
    /// Applies a refused change again on top of the newer state.
    fn apply_again(&self, _seq: u64) -> Result<(), StoreError> {
        Ok(())
    }
    /// Drops a refused change, saying why (kept with it).
    fn drop_refused(&self, _seq: u64, _reason: &str) -> Result<(), StoreError> {
        Ok(())
    }
    /// Every case's caseload row.
    fn caseload(&self, today: NaiveDate) -> Result<Vec<CaseOverview>, StoreError>;
    /// One case file.
    fn case_file(&self, id: CaseId) -> Result<CaseFile, StoreError>;
    /// Logs a contact.
    fn log_contact(&self, id: CaseId, draft: ContactDraft) -> Result<ContactEntry, StoreError>;
    /// Corrects a contact logged in error (the old version kept).
    fn correct_contact(
        &self,
        case: CaseId,
        id: ContactId,
        draft: ContactDraft,
        reason: &str,
        by: &str,
    ) -> Result<ContactEntry, StoreError>;
    /// Strikes out a contact logged in error.
    fn strike_contact(
        &self,
        case: CaseId,
        id: ContactId,
        reason: &str,
        by: &str,
    ) -> Result<ContactEntry, StoreError>;
    /// Corrects event `index` of a connection (the old version kept).
    fn correct_event(
        &self,
        case: CaseId,
        id: ConnectionId,
        index: usize,
        event: LadderEvent,
        reason: &str,
        by: &str,
    ) -> Result<Connection, StoreError>;
    /// Corrects a measure (its day and answers; the old version kept).
    fn correct_measure(
        &self,
        case: CaseId,
        id: MeasureId,
        taken: (
            NaiveDate,
            Scores,
            Option<crate::domain::wellbeing::CompletedBy>,
        ),
        reason: &str,
        by: &str,
    ) -> Result<WellbeingMeasure, StoreError>;
    /// Strikes out the last status move of an open case.
    fn strike_status_move(&self, case: CaseId, reason: &str, by: &str) -> Result<Case, StoreError>;
    /// Strikes out a measure.
    fn strike_measure(
        &self,
        case: CaseId,
        id: MeasureId,
        reason: &str,
        by: &str,
    ) -> Result<WellbeingMeasure, StoreError>;
    /// Strikes out event `index` of a connection.
    fn strike_event(
        &self,
        case: CaseId,
        id: ConnectionId,
        index: usize,
        reason: &str,
        by: &str,
    ) -> Result<Connection, StoreError>;
    /// Moves a case along its status; `on` is the day it happened (the
    /// date of the SNOMED code an acceptance or a decline records).
    fn move_case(
        &self,
        id: CaseId,
        to: CaseStatus,
        reason: Option<String>,
        on: NaiveDate,
    ) -> Result<Case, StoreError>;
    /// Raises a risk flag.
    fn add_risk(
        &self,
        id: CaseId,
        kind: RiskKind,
        note: &str,
        today: NaiveDate,
    ) -> Result<Case, StoreError>;
    /// Clears an active risk flag.
    fn clear_risk(
        &self,
        id: CaseId,
        index: usize,
        note: &str,
        today: NaiveDate,
    ) -> Result<Case, StoreError>;
    /// Saves edited details of the person and the case.
    fn save_edits(
        &self,
        person: &crate::domain::person::Person,
        case: &Case,
    ) -> Result<(), StoreError>;
    /// People who may be the one being referred.
    fn duplicates(&self, draft: &IntakeDraft) -> Result<Vec<Duplicate>, StoreError>;
    /// Saves a referral (new person, or new episode of `existing`).
    fn create_referral(
        &self,
        draft: &IntakeDraft,
        existing: Option<PersonId>,
        today: NaiveDate,
    ) -> Result<CaseId, StoreError>;
    /// The conversation to hold with a case (resumed, a review, or the
    /// first).
    fn conversation_flow(&self, case: CaseId, now: DateTime<Utc>) -> Result<Flow, StoreError>;
    /// Saves the conversation as it now is.
    fn save_conversation(&self, conversation: &Conversation) -> Result<(), StoreError>;
    /// Saves a wellbeing measure (a new one, or `id` corrected).
    fn save_measure(
        &self,
        case: CaseId,
        id: Option<MeasureId>,
        taken_on: NaiveDate,
        point: MeasurePoint,
        scores: Scores,
        completed_by: Option<crate::domain::wellbeing::CompletedBy>,
    ) -> Result<WellbeingMeasure, StoreError>;
    /// Saves the plan and the connections it implies.
    fn save_plan(&self, plan: &ActionPlan, today: NaiveDate)
    -> Result<Vec<Connection>, StoreError>;
    /// Records a ladder event; the connection and the proposal.
    fn record_event(
        &self,
        case: CaseId,
        id: ConnectionId,
        event: LadderEvent,
    ) -> Result<(Connection, Proposal), StoreError>;
    /// Plans the next step of a connection.
    fn plan_step(
        &self,
        case: CaseId,
        id: ConnectionId,
        at: NaiveDateTime,
        rung: Rung,
    ) -> Result<Connection, StoreError>;
    /// Saves a visit plan.
    fn save_visit_plan(
        &self,
        case: CaseId,
        id: ConnectionId,
        plan: VisitPlan,
    ) -> Result<Connection, StoreError>;
    /// Ends a connection.
    fn end_connection(
        &self,
        case: CaseId,
        id: ConnectionId,
        on: NaiveDate,
        reason: ConnectionEndReason,
    ) -> Result<Connection, StoreError>;
    /// Extends the time limit.
    fn extend_limits(
        &self,
        case: CaseId,
        reason: &str,
        contact_limit: u32,
        week_limit: u32,
        today: NaiveDate,
    ) -> Result<Case, StoreError>;
    /// Ends the episode.
    fn discharge(&self, case: CaseId, discharge: Discharge) -> Result<Case, StoreError>;
    /// Every dated thing of the open cases.
    fn agenda(&self) -> Result<Vec<AgendaItem>, StoreError>;
    /// The report for a period (on screen: not an export).
    fn report(&self, from: NaiveDate, to: NaiveDate) -> Result<Report, StoreError>;
    /// Writes a text export into `folder` (0600); the file's path.
    fn write_export(
        &self,
        what: Export,
        worker: Option<&crate::domain::signature::Signature>,
        today: NaiveDate,
        folder: &Path,
    ) -> Result<PathBuf, StoreError>;
}

/// A text file the app writes for someone outside linkwork.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// The person's copy of a case's plan.
    PersonCopy(CaseId),
    /// The visit card of a connection.
    VisitCard(ConnectionId),
    /// The discharge letter of a closed case.
    DischargeLetter(CaseId),
    /// The pseudonymised report (a row per case) for a period.
    Report {
        /// First day.
        from: NaiveDate,
        /// Last day.
        to: NaiveDate,
    },
}

impl Export {
    /// What it is, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            Self::PersonCopy(_) => "the person's copy",
            Self::VisitCard(_) => "the visit card",
            Self::DischargeLetter(_) => "the letter to the referrer and GP",
            Self::Report { .. } => "the pseudonymised report",
        }
    }
}

/// What the directory screen may ask of the store.
pub trait DirectoryStore {
    /// The directory's search index.
    fn directory_index(&self) -> Result<SearchIndex, StoreError>;
    /// One service and its organisation.
    fn service_detail(
        &self,
        id: &ServiceId,
    ) -> Result<Option<(Service, Option<Organisation>)>, StoreError>;
    /// Saves a service under the organisation with this name; its new entry.
    fn save_service(
        &self,
        service: &Service,
        organisation: &str,
        action: AuditAction,
    ) -> Result<IndexEntry, StoreError>;
    /// A fresh id for a new service.
    fn new_service_id(&self) -> Result<ServiceId, StoreError>;
    /// Pulls the live feed at `url` into the directory, quietly (nothing
    /// printed over the screen): the feed diff in a line, and the file
    /// holding it whole; or why it failed.
    fn pull_feed(&self, url: &str, today: NaiveDate) -> Result<(String, PathBuf), String>;
    /// The directory's vocabulary (the feeds' taxonomies and terms).
    fn vocabulary(&self) -> Result<crate::domain::directory::taxonomy::Vocabulary, StoreError>;
}

impl DirectoryStore for Store {
    fn directory_index(&self) -> Result<SearchIndex, StoreError> {
        Store::directory_index(self)
    }
    fn service_detail(
        &self,
        id: &ServiceId,
    ) -> Result<Option<(Service, Option<Organisation>)>, StoreError> {
        Store::service_detail(self, id)
    }
    fn save_service(
        &self,
        service: &Service,
        organisation: &str,
        action: AuditAction,
    ) -> Result<IndexEntry, StoreError> {
        Store::save_service_named(self, service, organisation, action)
    }
    fn new_service_id(&self) -> Result<ServiceId, StoreError> {
        Store::new_service_id(self)
    }
    fn vocabulary(&self) -> Result<crate::domain::directory::taxonomy::Vocabulary, StoreError> {
        Store::vocabulary(self)
    }
    fn pull_feed(&self, url: &str, today: NaiveDate) -> Result<(String, PathBuf), String> {
        use crate::cli::directory::{pull, quiet::Quiet};
        let _quiet = Quiet::start();
        let p = pull::pull(self, url, false, today).map_err(|e| e.to_string())?;
        let c = &p.counts;
        Ok((
            format!(
                "{} new, {} changed, {} gone from the feed; {} added, {} updated, {} rejected",
                p.new.len(),
                p.changed.len(),
                p.gone.len(),
                c.added,
                c.updated,
                c.rejected
            ),
            p.report,
        ))
    }
}

impl Casework for Store {
    fn take_warning(&self) -> Option<String> {
        Store::take_warning(self)
    }
    fn needs_a_look(&self) -> Result<Vec<NeedsALookItem>, StoreError> {
        let mut out = Vec::new();
        for conflict in self.conflicts(false)? {
            let lines = self.conflict_lines(&conflict)?;
            let person = self
                .case_file(CaseId(conflict.change.case))
                .ok()
                .map(|f| f.person.display_name());
            out.push(NeedsALookItem {
                conflict,
                lines,
                person,
            });
        }
        Ok(out)
    }
    fn apply_again(&self, seq: u64) -> Result<(), StoreError> {
        self.apply_conflict_again(seq)
    }
    fn drop_refused(&self, seq: u64, reason: &str) -> Result<(), StoreError> {
        self.drop_conflict(seq, reason)
    }
    fn caseload(&self, today: NaiveDate) -> Result<Vec<CaseOverview>, StoreError> {
        Store::caseload(self, today)
    }
    fn case_file(&self, id: CaseId) -> Result<CaseFile, StoreError> {
        Store::case_file(self, id)
    }
    fn log_contact(&self, id: CaseId, draft: ContactDraft) -> Result<ContactEntry, StoreError> {
        Store::log_contact(self, id, draft)
    }
    fn correct_contact(
        &self,
        case: CaseId,
        id: ContactId,
        draft: ContactDraft,
        reason: &str,
        by: &str,
    ) -> Result<ContactEntry, StoreError> {
        Store::correct_contact(self, case, id, draft, reason, by)
    }
    fn strike_contact(
        &self,
        case: CaseId,
        id: ContactId,
        reason: &str,
        by: &str,
    ) -> Result<ContactEntry, StoreError> {
        Store::strike_contact(self, case, id, reason, by)
    }
    fn correct_event(
        &self,
        case: CaseId,
        id: ConnectionId,
        index: usize,
        event: LadderEvent,
        reason: &str,
        by: &str,
    ) -> Result<Connection, StoreError> {
        Store::correct_event(self, case, id, index, event, reason, by)
    }
    fn strike_event(
        &self,
        case: CaseId,
        id: ConnectionId,
        index: usize,
        reason: &str,
        by: &str,
    ) -> Result<Connection, StoreError> {
        Store::strike_event(self, case, id, index, reason, by)
    }
    fn correct_measure(
        &self,
        case: CaseId,
        id: MeasureId,
        taken: (
            NaiveDate,
            Scores,
            Option<crate::domain::wellbeing::CompletedBy>,
        ),
        reason: &str,
        by: &str,
    ) -> Result<WellbeingMeasure, StoreError> {
        Store::correct_measure(self, case, id, taken, reason, by)
    }
    fn strike_measure(
        &self,
        case: CaseId,
        id: MeasureId,
        reason: &str,
        by: &str,
    ) -> Result<WellbeingMeasure, StoreError> {
        Store::strike_measure(self, case, id, reason, by)
    }
    fn strike_status_move(&self, case: CaseId, reason: &str, by: &str) -> Result<Case, StoreError> {
        Store::strike_status_move(self, case, reason, by)
    }
    fn move_case(
        &self,
        id: CaseId,
        to: CaseStatus,
        reason: Option<String>,
        today: NaiveDate,
    ) -> Result<Case, StoreError> {
        Store::move_case(self, id, to, reason, today)
    }
    fn add_risk(
        &self,
        id: CaseId,
        kind: RiskKind,
        note: &str,
        today: NaiveDate,
    ) -> Result<Case, StoreError> {
        Store::add_risk(self, id, kind, note, today)
    }
    fn clear_risk(
        &self,
        id: CaseId,
        index: usize,
        note: &str,
        today: NaiveDate,
    ) -> Result<Case, StoreError> {
        Store::clear_risk(self, id, index, note, today)
    }
    fn save_edits(
        &self,
        person: &crate::domain::person::Person,
        case: &Case,
    ) -> Result<(), StoreError> {
        Store::save_edits(self, person, case)
    }
    fn duplicates(&self, draft: &IntakeDraft) -> Result<Vec<Duplicate>, StoreError> {
        Store::duplicates_of(self, draft)
    }
    fn create_referral(
        &self,
        draft: &IntakeDraft,
        existing: Option<PersonId>,
        today: NaiveDate,
    ) -> Result<CaseId, StoreError> {
        Store::create_referral(self, draft, existing, today)
    }
    fn conversation_flow(&self, case: CaseId, now: DateTime<Utc>) -> Result<Flow, StoreError> {
        Store::conversation_flow(self, case, now)
    }
    fn save_conversation(&self, conversation: &Conversation) -> Result<(), StoreError> {
        Store::save_conversation(self, conversation)
    }
    fn save_measure(
        &self,
        case: CaseId,
        id: Option<MeasureId>,
        taken_on: NaiveDate,
        point: MeasurePoint,
        scores: Scores,
        completed_by: Option<crate::domain::wellbeing::CompletedBy>,
    ) -> Result<WellbeingMeasure, StoreError> {
        Store::save_measure(self, case, id, taken_on, point, scores, completed_by)
    }
    fn save_plan(
        &self,
        plan: &ActionPlan,
        today: NaiveDate,
    ) -> Result<Vec<Connection>, StoreError> {
        Store::save_plan(self, plan, today)
    }
    fn record_event(
        &self,
        case: CaseId,
        id: ConnectionId,
        event: LadderEvent,
    ) -> Result<(Connection, Proposal), StoreError> {
        Store::record_event(self, case, id, event)
    }
    fn plan_step(
        &self,
        case: CaseId,
        id: ConnectionId,
        at: NaiveDateTime,
        rung: Rung,
    ) -> Result<Connection, StoreError> {
        Store::plan_step(self, case, id, at, rung)
    }
    fn save_visit_plan(
        &self,
        case: CaseId,
        id: ConnectionId,
        plan: VisitPlan,
    ) -> Result<Connection, StoreError> {
        Store::save_visit_plan(self, case, id, plan)
    }
    fn end_connection(
        &self,
        case: CaseId,
        id: ConnectionId,
        on: NaiveDate,
        reason: ConnectionEndReason,
    ) -> Result<Connection, StoreError> {
        Store::end_connection(self, case, id, on, reason)
    }
    fn extend_limits(
        &self,
        case: CaseId,
        reason: &str,
        contact_limit: u32,
        week_limit: u32,
        today: NaiveDate,
    ) -> Result<Case, StoreError> {
        Store::extend_limits(self, case, reason, contact_limit, week_limit, today)
    }
    fn discharge(&self, case: CaseId, discharge: Discharge) -> Result<Case, StoreError> {
        Store::discharge(self, case, discharge)
    }
    fn agenda(&self) -> Result<Vec<AgendaItem>, StoreError> {
        Store::agenda(self)
    }
    fn report(&self, from: NaiveDate, to: NaiveDate) -> Result<Report, StoreError> {
        Store::report(self, from, to, false)
    }
    fn write_export(
        &self,
        what: Export,
        worker: Option<&crate::domain::signature::Signature>,
        today: NaiveDate,
        folder: &Path,
    ) -> Result<PathBuf, StoreError> {
        // Named by case and caseload: two caseloads' case 2 are two files.
        let tag = self.caseload_tag()?;
        let (text, name) = match what {
            Export::PersonCopy(case) => (
                Store::person_copy(self, case, worker, today)?,
                format!("plan-copy-case-{}-{tag}.md", case.0),
            ),
            Export::VisitCard(id) => (
                Store::visit_card(self, id, worker, today)?,
                format!("visit-card-{}-{tag}.md", id.0),
            ),
            Export::DischargeLetter(case) => (
                Store::discharge_letter(self, case, worker, today)?,
                format!("discharge-letter-case-{}-{tag}.md", case.0),
            ),
            Export::Report { from, to } => (
                crate::domain::report::report_csv(&Store::report(self, from, to, true)?)
                    .map_err(StoreError::Refused)?,
                format!("report-{from}-to-{to}-{tag}.csv"),
            ),
        };
        let path = folder.join(&name);
        // Every export here is text for people (Markdown, CSV): cleaned.
        crate::store::write_private(&path, crate::domain::text::clean(&text).as_bytes())?;
        Ok(path)
    }
}
