//! Holding the guided conversation: the version to carry on with, and
//! saving it answer by answer (each save one audited commit).

use super::Store;
use super::audit::AuditAction;
use super::error::StoreError;
use super::keys;
use crate::domain::case::{Case, ConsentSource};
use crate::domain::conversation::{Conversation, Flow};
use crate::domain::ids::CaseId;
use chrono::{DateTime, Utc};

impl Store {
    /// The conversation to hold with case `case`: the unfinished version,
    /// resumed at its step; or a new version, pre-filled from the last
    /// finished one (a review), or the first. Nothing is saved until the
    /// first answer or step is.
    pub fn conversation_flow(&self, case: CaseId, now: DateTime<Utc>) -> Result<Flow, StoreError> {
        self.open_case(case)?;
        let versions: Vec<Conversation> = self.for_case(case)?;
        Ok(match versions.last() {
            Some(last) if !last.is_complete() => Flow::resume(last.clone()),
            Some(last) => Flow::start(case, Some(last), now),
            None => Flow::start(case, None, now),
        })
    }

    /// Saves the conversation as it now is: created with its first save,
    /// updated after. A closed episode is read-only.
    pub fn save_conversation(&self, conversation: &Conversation) -> Result<(), StoreError> {
        self.open_case(conversation.case_id)?;
        let key = keys::child(conversation.case_id.0, u64::from(conversation.version));
        let old = self.get::<Conversation>(&key)?;
        if old.as_ref() == Some(conversation) {
            return Ok(());
        }
        let action = if old.is_some() {
            AuditAction::Updated
        } else {
            AuditAction::Created
        };
        let mut changes = self.changes();
        changes.put(conversation, action);
        // Consent to share answered in the conversation is the case's
        // latest answer, dated the day it was held.
        let mut case = self.open_case(conversation.case_id)?;
        if case.record_consent(
            conversation.consent_to_share,
            conversation.day(),
            ConsentSource::Conversation,
        ) {
            changes.put(&case, AuditAction::Updated);
        }
        self.commit(changes)
    }

    /// The case, if it is open.
    pub(super) fn open_case(&self, id: CaseId) -> Result<Case, StoreError> {
        let case = self
            .get::<Case>(&keys::id(id.0))?
            .ok_or(StoreError::NoSuchCase(id.0))?;
        if !case.status.is_open() {
            return Err(StoreError::Refused(
                "this episode has ended, so it is read-only; a re-referral opens a new episode"
                    .into(),
            ));
        }
        Ok(case)
    }
}
