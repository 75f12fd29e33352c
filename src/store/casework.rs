//! The store's narrow API for casework: reading one case file, and the
//! changes a worker makes to a case. Each change is one atomic commit with
//! its audit entries.

use super::audit::{AuditAction, AuditEntry};
use super::error::StoreError;
use super::{Store, TreeName, codec, keys};
use crate::domain::case::{Case, CaseStatus, RiskFlag, RiskKind};
use crate::domain::contact::{ContactEntry, ContactMode, ContactPurpose, Reach};
use crate::domain::conversation::Conversation;
use crate::domain::ids::{CaseId, ContactId};
use crate::domain::ladder::Connection;
use crate::domain::person::Person;
use crate::domain::plan::ActionPlan;
use crate::domain::referral::SnomedCode;
use crate::domain::wellbeing::WellbeingMeasure;
use chrono::NaiveDate;

/// Everything shown in a case file.
#[derive(Debug, Clone)]
pub struct CaseFile {
    /// The person.
    pub person: Person,
    /// The episode.
    pub case: Case,
    /// Other episodes of the same person (ids, oldest first).
    pub other_episodes: Vec<(CaseId, CaseStatus)>,
    /// Contacts, oldest first.
    pub contacts: Vec<ContactEntry>,
    /// Conversation versions, oldest first.
    pub conversations: Vec<Conversation>,
    /// The plan, if any.
    pub plan: Option<ActionPlan>,
    /// Connections.
    pub connections: Vec<Connection>,
    /// Wellbeing measures.
    pub measures: Vec<WellbeingMeasure>,
    /// The measures of the person's earlier episodes, by episode (oldest
    /// first), so a re-referral shows where they were before.
    pub earlier_measures: Vec<(CaseId, Vec<WellbeingMeasure>)>,
    /// The audit trail of this case, oldest first.
    pub history: Vec<AuditEntry>,
    /// In a team: the teammate who holds the case, when it is not this
    /// store's member (the case is then read-only here).
    pub held_by: Option<String>,
}

impl CaseFile {
    /// The case as a caseload row on `today`: limits used, flags, what is
    /// next (the header, the Summary's warnings and the caseload's row).
    pub fn overview(&self, today: NaiveDate) -> crate::domain::caseload::CaseOverview {
        crate::domain::caseload::overview(
            &crate::domain::caseload::CaseRecords {
                person: &self.person,
                case: &self.case,
                contacts: &self.contacts,
                plan: self.plan.as_ref(),
                connections: &self.connections,
                has_conversation: !self.conversations.is_empty(),
            },
            today,
        )
    }
}

/// A contact as the worker enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactDraft {
    /// When.
    pub on: NaiveDate,
    /// How.
    pub mode: ContactMode,
    /// Minutes.
    pub minutes: u16,
    /// What for.
    pub purpose: ContactPurpose,
    /// Notes.
    pub notes: String,
    /// Whether the person was reached (else an attempt).
    pub reach: Reach,
}

impl ContactDraft {
    /// The contact it makes, with its earlier versions (if a correction).
    pub fn entry(
        self,
        id: ContactId,
        case_id: CaseId,
        revisions: Vec<crate::domain::correction::Revision<ContactEntry>>,
    ) -> ContactEntry {
        ContactEntry {
            id,
            case_id,
            on: self.on,
            mode: self.mode,
            minutes: self.minutes,
            purpose: self.purpose,
            notes: self.notes,
            reach: self.reach,
            revisions,
            struck: None,
        }
    }
}

impl Store {
    fn case(&self, id: CaseId) -> Result<Case, StoreError> {
        self.get::<Case>(&keys::id(id.0))?
            .ok_or(StoreError::NoSuchCase(id.0))
    }

    /// Reads one case file (a handful of prefix scans; no full-tree reads
    /// except the person's other episodes, found through the cases tree).
    pub fn case_file(&self, id: CaseId) -> Result<CaseFile, StoreError> {
        let case = self.case(id)?;
        let person = self
            .get::<Person>(&keys::id(case.person_id.0))?
            .ok_or_else(|| StoreError::Inconsistent(format!("case {id} has no person")))?;
        let mut history = Vec::new();
        for item in self.tree(TreeName::AuditByCase).scan_prefix(keys::id(id.0)) {
            let (k, _) = item?;
            let seq = keys::read_u64(&k[8..]).unwrap_or_default();
            let key = keys::id(seq);
            if let Some(bytes) = self.tree(TreeName::Audit).get(key)? {
                history.push(codec::decode(TreeName::Audit, &key, &bytes, self.cipher())?);
            }
        }
        let mut other_episodes = Vec::new();
        let mut previous = case.previous_case;
        while let Some(p) = previous {
            let c = self.case(p)?;
            other_episodes.insert(0, (c.id, c.status));
            previous = c.previous_case;
        }
        let mut contacts: Vec<ContactEntry> = self.for_case(id)?;
        contacts.sort_by_key(|c| (c.on, c.id));
        let mut earlier_measures = Vec::new();
        for (earlier, _) in &other_episodes {
            earlier_measures.push((*earlier, self.for_case::<WellbeingMeasure>(*earlier)?));
        }
        Ok(CaseFile {
            earlier_measures,
            other_episodes,
            contacts,
            conversations: self.for_case(id)?,
            plan: self.get(&keys::id(id.0))?,
            connections: self.for_case(id)?,
            measures: self.for_case(id)?,
            history,
            held_by: self.may_change_case(id.0)?.err().map(|owner| owner.name),
            person,
            case,
        })
    }

    /// Logs a contact. The first contact of a referred case also moves it
    /// to Contacted.
    pub fn log_contact(
        &self,
        case_id: CaseId,
        draft: ContactDraft,
    ) -> Result<ContactEntry, StoreError> {
        let id = ContactId(self.allocate_ids(1)?.start);
        let entry = draft.entry(id, case_id, Vec::new());
        let mut changes = self.changes();
        changes.put(&entry, AuditAction::Created);
        let mut case = self.case(case_id)?;
        if case.status == CaseStatus::Referred && entry.counts() {
            case.move_on(CaseStatus::Contacted, Self::now(), entry.on, None)?;
            changes.put(
                &case,
                AuditAction::StatusChanged {
                    from: CaseStatus::Referred,
                    to: CaseStatus::Contacted,
                },
            );
        }
        self.commit(changes)?;
        Ok(entry)
    }

    /// Moves a case to `to`. Accepting (Contacted -> Active) records SNOMED
    /// 871731000000106; declining records 871711000000103 and needs a reason.
    /// `on` is the day it happened, and so the code's date.
    pub fn move_case(
        &self,
        case_id: CaseId,
        to: CaseStatus,
        reason: Option<String>,
        on: NaiveDate,
    ) -> Result<Case, StoreError> {
        let mut case = self.case(case_id)?;
        let from = case.status;
        if to == CaseStatus::Declined && reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Err(StoreError::Refused("declining needs a reason".into()));
        }
        case.move_on(to, Self::now(), on, reason)?;
        match to {
            CaseStatus::Active => {
                case.referral
                    .record_snomed(SnomedCode::ReferralAccepted, on);
            }
            CaseStatus::Declined => {
                case.referral.record_snomed(SnomedCode::Declined, on);
            }
            _ => {}
        }
        let mut changes = self.changes();
        changes.put(&case, AuditAction::StatusChanged { from, to });
        self.commit(changes)?;
        Ok(case)
    }

    /// Raises a risk flag with a note.
    pub fn add_risk(
        &self,
        case_id: CaseId,
        kind: RiskKind,
        note: &str,
        today: NaiveDate,
    ) -> Result<Case, StoreError> {
        if note.trim().is_empty() {
            return Err(StoreError::Refused("a risk flag needs a note".into()));
        }
        let mut case = self.case(case_id)?;
        case.risk_flags.push(RiskFlag {
            kind,
            note: note.trim().to_owned(),
            raised: today,
            cleared: None,
        });
        let mut changes = self.changes();
        changes.put(&case, AuditAction::RiskFlagRaised { risk: kind });
        self.commit(changes)?;
        Ok(case)
    }

    /// Clears the `index`-th active risk flag, with a note of why.
    pub fn clear_risk(
        &self,
        case_id: CaseId,
        index: usize,
        note: &str,
        today: NaiveDate,
    ) -> Result<Case, StoreError> {
        if note.trim().is_empty() {
            return Err(StoreError::Refused(
                "clearing a risk flag needs a note".into(),
            ));
        }
        let mut case = self.case(case_id)?;
        let Some(flag) = case
            .risk_flags
            .iter_mut()
            .filter(|f| f.cleared.is_none())
            .nth(index)
        else {
            return Err(StoreError::Refused("there is no such risk flag".into()));
        };
        if today < flag.raised {
            return Err(StoreError::Refused(format!(
                "a flag raised on {} cannot be cleared before it",
                flag.raised.format("%-d %b %Y")
            )));
        }
        flag.cleared = Some(today);
        flag.note = format!("{}\nCleared: {}", flag.note, note.trim());
        let kind = flag.kind;
        let mut changes = self.changes();
        changes.put(&case, AuditAction::RiskFlagCleared { risk: kind });
        self.commit(changes)?;
        Ok(case)
    }
}

impl Store {
    /// Refuses `person` when another person already has their NHS number:
    /// an NHS number is one person's, so a second record with it is either
    /// the same person (a new episode of theirs) or a typing mistake.
    fn refuse_taken_nhs_number(&self, person: &Person) -> Result<(), StoreError> {
        let Some(number) = person.nhs_number else {
            return Ok(());
        };
        let Some(other) = self
            .all::<Person>()?
            .into_iter()
            .find(|p| p.id != person.id && p.nhs_number == Some(number))
        else {
            return Ok(());
        };
        let case = self
            .all::<Case>()?
            .into_iter()
            .filter(|c| c.person_id == other.id)
            .map(|c| c.id)
            .max();
        Err(StoreError::Refused(format!(
            "NHS number {number} is already another person's{}: add a new episode for them, \
             or check the number",
            case.map_or(String::new(), |c| format!(" (case {c})"))
        )))
    }
}

/// A possible duplicate found at intake.
#[derive(Debug, Clone)]
pub struct Duplicate {
    /// The person already known.
    pub person: Person,
    /// Their episodes, oldest first.
    pub episodes: Vec<(CaseId, CaseStatus)>,
}

impl Store {
    /// People who may be the one in `draft` (same NHS number, or same name
    /// and date of birth), with their episodes.
    pub fn duplicates_of(
        &self,
        draft: &crate::domain::intake::IntakeDraft,
    ) -> Result<Vec<Duplicate>, StoreError> {
        let people: Vec<Person> = self
            .all::<Person>()?
            .into_iter()
            .filter(|p| draft.may_be(p))
            .collect();
        if people.is_empty() {
            return Ok(Vec::new());
        }
        let cases: Vec<Case> = self.all()?;
        Ok(people
            .into_iter()
            .map(|person| {
                let mut episodes: Vec<_> = cases
                    .iter()
                    .filter(|c| c.person_id == person.id)
                    .map(|c| (c.id, c.status))
                    .collect();
                episodes.sort();
                Duplicate { person, episodes }
            })
            .collect())
    }

    /// Saves a new referral: for a new person (person, case and audit in
    /// one commit), or as a new episode of `existing`. Refuses a person who
    /// already has an open episode.
    pub fn create_referral(
        &self,
        draft: &crate::domain::intake::IntakeDraft,
        existing: Option<crate::domain::ids::PersonId>,
        today: NaiveDate,
    ) -> Result<CaseId, StoreError> {
        let ids = self.allocate_ids(2)?;
        let (new_person, referral) = draft
            .build(crate::domain::ids::PersonId(ids.start), today)
            .map_err(|errors| {
                StoreError::Refused(format!("{} needs attention", errors[0].0.label()))
            })?;
        let case_id = CaseId(ids.start + 1);
        let mut changes = self.changes();
        let case = match existing {
            None => {
                self.refuse_taken_nhs_number(&new_person)?;
                changes.put(&new_person, AuditAction::Created);
                Case::open(
                    case_id,
                    new_person.id,
                    1,
                    referral,
                    self.worker(),
                    Self::now(),
                )
            }
            Some(person_id) => {
                let earlier: Vec<Case> = self
                    .all::<Case>()?
                    .into_iter()
                    .filter(|c| c.person_id == person_id)
                    .collect();
                if let Some(open) = earlier.iter().find(|c| c.status.is_open()) {
                    return Err(StoreError::Refused(format!(
                        "this person already has an open episode (case {}); open it instead",
                        open.id
                    )));
                }
                let latest = earlier.iter().max_by_key(|c| (c.referral.received, c.id));
                let mut case = Case::open(
                    case_id,
                    person_id,
                    earlier.iter().map(|c| c.episode).max().unwrap_or(0) + 1,
                    referral,
                    self.worker(),
                    Self::now(),
                );
                case.previous_case = latest.map(|c| c.id);
                case
            }
        };
        changes.put(&case, AuditAction::Created);
        self.commit(changes)?;
        Ok(case_id)
    }
}

impl Store {
    /// Saves edited details: the person and/or the case, whichever changed,
    /// audited as updates, in one commit.
    pub fn save_edits(&self, person: &Person, case: &Case) -> Result<(), StoreError> {
        let old_person = self.get::<Person>(&keys::id(person.id.0))?;
        let old_case = self.get::<Case>(&keys::id(case.id.0))?;
        let mut changes = self.changes();
        if old_person.as_ref() != Some(person) {
            self.refuse_taken_nhs_number(person)?;
            changes.put_in_case(person, AuditAction::Updated, case.id.0);
        }
        if old_case.as_ref() != Some(case) {
            changes.put(case, AuditAction::Updated);
        }
        self.commit(changes)
    }
}
