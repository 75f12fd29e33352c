//! A case: one episode of support for one person, opened by one referral.

mod risk;
mod status;

pub use risk::{RiskFlag, RiskKind};
pub use status::{CaseStatus, StatusChange, TransitionError};
// ConsentChange and ConsentSource are defined below.

use super::discharge::Discharge;
use super::ids::{CaseId, PersonId};
use super::limits::SupportLimits;
use super::referral::{Consent, Referral};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One episode of support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// Store-assigned id.
    pub id: CaseId,
    /// The person supported.
    pub person_id: PersonId,
    /// 1 for a person's first episode, 2 for the next re-referral, ...
    pub episode: u32,
    /// The earlier episode this re-referral follows, if any.
    #[serde(default)]
    pub previous_case: Option<CaseId>,
    /// The referral that opened this episode.
    pub referral: Referral,
    /// Current status.
    pub status: CaseStatus,
    /// Every status change, oldest first; the first entry is the opening.
    pub status_history: Vec<StatusChange>,
    /// The link worker holding the case.
    pub worker: String,
    /// Contact and week limits with any extensions.
    #[serde(default)]
    pub limits: SupportLimits,
    /// Risk flags, current and cleared.
    #[serde(default)]
    pub risk_flags: Vec<RiskFlag>,
    /// Safeguarding note (never shown in lists or logs).
    #[serde(default)]
    pub safeguarding_note: Option<String>,
    /// How the episode ended, once it has.
    #[serde(default)]
    pub discharge: Option<Discharge>,
    /// Each later answer about consent to share (the referral's answer is
    /// the first), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent_changes: Vec<ConsentChange>,
}

/// Where a later answer about consent to share was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentSource {
    /// In a "What matters to you?" conversation.
    Conversation,
    /// Changed on the case (the edit form).
    Case,
}

/// A later answer about consent to share, dated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentChange {
    /// The answer.
    pub consent: Consent,
    /// The day it was given.
    pub on: NaiveDate,
    /// Where.
    pub source: ConsentSource,
}

impl Case {
    /// Opens a new case in [`CaseStatus::Referred`].
    pub fn open(
        id: CaseId,
        person_id: PersonId,
        episode: u32,
        referral: Referral,
        worker: impl Into<String>,
        at: DateTime<Utc>,
    ) -> Self {
        let referral_received = referral.received;
        Self {
            id,
            person_id,
            episode,
            previous_case: None,
            referral,
            status: CaseStatus::Referred,
            status_history: vec![StatusChange {
                from: None,
                to: CaseStatus::Referred,
                at,
                // Referred on the day the referral came in, whenever typed.
                on: (referral_received != at.date_naive()).then_some(referral_received),
                reason: None,
                struck: None,
            }],
            worker: worker.into(),
            limits: SupportLimits::default(),
            risk_flags: Vec::new(),
            safeguarding_note: None,
            discharge: None,
            consent_changes: Vec::new(),
        }
    }

    /// Consent to share as it stands: the latest answer (the referral's,
    /// a conversation's, or a change on the case). Headers, the Summary,
    /// letters and reports all use this one fact.
    pub fn consent(&self) -> Consent {
        self.consent_changes
            .last()
            .map_or(self.referral.consent_to_share, |c| c.consent)
    }

    /// Records an answer about consent given on `on`; false (nothing
    /// recorded) when it is what already stands, or "not asked".
    pub fn record_consent(
        &mut self,
        consent: Consent,
        on: NaiveDate,
        source: ConsentSource,
    ) -> bool {
        if consent == Consent::NotAsked || consent == self.consent() {
            return false;
        }
        self.consent_changes.push(ConsentChange {
            consent,
            on,
            source,
        });
        true
    }

    /// Moves the case to `to`, if the rules allow it, recording when (it
    /// happened on the day it is recorded).
    pub fn move_to(
        &mut self,
        to: CaseStatus,
        at: DateTime<Utc>,
        reason: Option<String>,
    ) -> Result<(), TransitionError> {
        self.move_on(to, at, at.date_naive(), reason)
    }

    /// Moves the case to `to` as of the day `on` (which may be before the
    /// moment `at` it is recorded), if the rules allow it.
    pub fn move_on(
        &mut self,
        to: CaseStatus,
        at: DateTime<Utc>,
        on: NaiveDate,
        reason: Option<String>,
    ) -> Result<(), TransitionError> {
        self.status.check_move(to)?;
        self.status_history.push(StatusChange {
            from: Some(self.status),
            to,
            at,
            on: (on != at.date_naive()).then_some(on),
            reason,
            struck: None,
        });
        self.status = to;
        Ok(())
    }

    /// The day the case first entered `status`, if it ever did (moves
    /// struck out do not count).
    pub fn entered(&self, status: CaseStatus) -> Option<NaiveDate> {
        self.status_history
            .iter()
            .find(|c| c.to == status && c.struck.is_none())
            .map(StatusChange::day)
    }

    /// Strikes out the last status move of an open case, made in error: the
    /// case goes back to the status before it, the move stays in the
    /// history, struck through with the reason, and a SNOMED code that move
    /// recorded (an acceptance) is taken back. Closing is not undone here:
    /// a closed episode is read-only.
    pub fn strike_last_move(
        &mut self,
        reason: &str,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<StatusChange, &'static str> {
        let reason = super::correction::check_reason(reason)?;
        if !self.status.is_open() {
            return Err("a closed episode is read-only; a re-referral opens a new one");
        }
        let Some(i) = self
            .status_history
            .iter()
            .rposition(|c| c.struck.is_none() && c.from.is_some())
        else {
            return Err("there is no status move to strike out");
        };
        let change = &mut self.status_history[i];
        let (Some(from), to, day) = (change.from, change.to, change.day()) else {
            return Err("there is no status move to strike out");
        };
        change.struck = Some(super::correction::StrikeOut {
            reason,
            at,
            by: by.to_owned(),
        });
        let struck = change.clone();
        self.status = from;
        if to == CaseStatus::Active {
            self.referral.snomed_events.retain(|e| {
                !(e.code == super::referral::SnomedCode::ReferralAccepted && e.on == day)
            });
        }
        Ok(struck)
    }

    /// The date support started (first contact), if it has.
    pub fn support_started(&self) -> Option<NaiveDate> {
        self.entered(CaseStatus::Contacted)
            .or_else(|| self.entered(CaseStatus::Active))
    }

    /// The date the episode ended, if it has: the discharge date entered,
    /// else the day of the move to a closed status.
    pub fn ended_on(&self) -> Option<NaiveDate> {
        if self.status.is_open() {
            return None;
        }
        self.discharge
            .as_ref()
            .map(|d| d.on)
            .or_else(|| self.status_history.last().map(StatusChange::day))
    }

    /// Days from referral to `today`, or to the end of the episode.
    pub fn days_open(&self, today: NaiveDate) -> i64 {
        let end = self.ended_on().unwrap_or(today);
        (end - self.referral.received).num_days().max(0)
    }

    /// Risk flags that have not been cleared.
    pub fn active_risks(&self) -> impl Iterator<Item = &RiskFlag> {
        self.risk_flags.iter().filter(|f| f.cleared.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::referral::{Need, ReferralSource};
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 10, 0, 0).unwrap()
    }

    pub(crate) fn sample_case() -> Case {
        let referral = crate::domain::fixtures::referral(
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            ReferralSource::Pharmacy,
            Need::Loneliness,
            Consent::Yes,
        );
        Case::open(CaseId(7), PersonId(3), 1, referral, "Sam", at(1))
    }

    #[test]
    fn move_records_each_change_with_its_time() {
        let mut c = sample_case();
        c.move_to(CaseStatus::Contacted, at(3), None).unwrap();
        c.move_to(CaseStatus::Active, at(5), None).unwrap();
        assert_eq!(c.status, CaseStatus::Active);
        assert_eq!(c.status_history.len(), 3);
        assert_eq!(c.entered(CaseStatus::Contacted), Some(at(3).date_naive()));
        assert_eq!(c.support_started(), NaiveDate::from_ymd_opt(2026, 11, 3));
    }

    #[test]
    fn forbidden_move_changes_nothing() {
        let mut c = sample_case();
        let err = c.move_to(CaseStatus::Closed, at(2), None).unwrap_err();
        assert_eq!(err.from, CaseStatus::Referred);
        assert_eq!(c.status, CaseStatus::Referred);
        assert_eq!(c.status_history.len(), 1);
    }

    #[test]
    fn a_move_recorded_later_keeps_the_day_it_happened() {
        let mut c = sample_case();
        let on = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        c.move_on(CaseStatus::Contacted, at(9), on, None).unwrap();
        assert_eq!(c.entered(CaseStatus::Contacted), Some(on));
        assert_eq!(c.status_history[1].at, at(9));
        c.move_on(CaseStatus::Declined, at(9), at(9).date_naive(), None)
            .unwrap();
        assert_eq!(c.status_history[2].on, None);
        assert_eq!(c.ended_on(), Some(at(9).date_naive()));
    }

    #[test]
    fn consent_is_the_latest_answer_with_its_history() {
        let mut c = sample_case();
        assert_eq!(c.consent(), Consent::Yes);
        let on = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
        assert!(!c.record_consent(Consent::Yes, on, ConsentSource::Conversation));
        assert!(!c.record_consent(Consent::NotAsked, on, ConsentSource::Conversation));
        assert!(c.record_consent(Consent::No, on, ConsentSource::Conversation));
        assert_eq!(c.consent(), Consent::No);
        assert_eq!(
            c.referral.consent_to_share,
            Consent::Yes,
            "the referral's answer stays"
        );
        assert!(c.record_consent(Consent::Yes, on, ConsentSource::Case));
        assert_eq!(c.consent_changes.len(), 2);
    }

    #[test]
    fn a_status_move_made_in_error_is_struck_out_and_the_case_goes_back() {
        let mut c = sample_case();
        c.move_to(CaseStatus::Contacted, at(3), None).unwrap();
        c.move_on(CaseStatus::Active, at(5), at(5).date_naive(), None)
            .unwrap();
        c.referral.record_snomed(
            crate::domain::referral::SnomedCode::ReferralAccepted,
            at(5).date_naive(),
        );
        assert!(
            c.strike_last_move("", at(6), "Sam").is_err(),
            "a reason is needed"
        );
        let struck = c
            .strike_last_move("clicked the wrong status", at(6), "Sam")
            .unwrap();
        assert_eq!(struck.to, CaseStatus::Active);
        assert_eq!(c.status, CaseStatus::Contacted);
        assert_eq!(c.entered(CaseStatus::Active), None);
        assert!(
            c.referral.snomed_events.is_empty(),
            "the acceptance is taken back"
        );
        assert_eq!(c.status_history.len(), 3, "the move stays in the history");
        c.strike_last_move("and that one", at(6), "Sam").unwrap();
        assert_eq!(c.status, CaseStatus::Referred);
        assert!(c.strike_last_move("nothing left", at(6), "Sam").is_err());
    }

    #[test]
    fn days_open_stops_at_the_end() {
        let mut c = sample_case();
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(c.days_open(today), 20);
        c.move_to(CaseStatus::Declined, at(4), None).unwrap();
        assert_eq!(c.days_open(today), 3);
        assert_eq!(c.ended_on(), NaiveDate::from_ymd_opt(2026, 11, 4));
    }
}
