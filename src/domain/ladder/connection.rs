//! A connection between a case and a directory service, with its dated
//! ladder events.

use super::Rung;
use super::company::Companion;
use crate::domain::correction::{Correctable, Revision, StrikeOut, put_right, strike_out};
use crate::domain::ids::{CaseId, ConnectionId, ServiceId};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What happened at a planned step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventOutcome {
    /// The step happened.
    Attended,
    /// The person did not attend.
    DidNotAttend,
    /// The person cancelled.
    CancelledByPerson,
    /// The service cancelled.
    CancelledByService,
    /// Moved to another date.
    Rescheduled,
}

impl EventOutcome {
    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Attended => "Attended",
            Self::DidNotAttend => "Did not attend",
            Self::CancelledByPerson => "Cancelled by the person",
            Self::CancelledByService => "Cancelled by the service",
            Self::Rescheduled => "Rescheduled",
        }
    }
}

/// How the person reported back after attending with a carer or peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportBack {
    /// A phone call.
    Call,
    /// A photo of the activity.
    Photo,
    /// A message.
    Message,
}

/// One dated event on the ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderEvent {
    /// When.
    pub at: NaiveDateTime,
    /// The rung the event was on.
    pub rung: Rung,
    /// What happened.
    pub outcome: EventOutcome,
    /// Who went with the person (none recorded when empty).
    #[serde(default, deserialize_with = "super::company::one_or_many")]
    pub who_went: Vec<Companion>,
    /// Who went in the worker's own words (`his wife and daughter`), when
    /// they say more than the kinds counted in [`Self::who_went`]: shown
    /// wherever the step is, so nothing typed is rewritten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_went_as_typed: Option<String>,
    /// For "reports back": how.
    #[serde(default)]
    pub report_back: Option<ReportBack>,
    /// Notes (personal content).
    #[serde(default)]
    pub notes: String,
    /// Why support stepped back up, when it did.
    #[serde(default)]
    pub step_up_reason: Option<String>,
    /// Earlier versions, oldest first, when it was corrected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision<LadderEvent>>,
    /// Set when it was struck out (logged in error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<StrikeOut>,
}

impl LadderEvent {
    /// Who went, as a phrase after the step: the worker's own words when
    /// kept (`with his wife and daughter`), else the kinds
    /// (`with link worker`), `alone`, or empty when not recorded.
    pub fn company(&self) -> String {
        match self.who_went_as_typed.as_deref().map(str::trim) {
            Some(words) if !words.is_empty() => {
                let folded = crate::domain::text::fold(words);
                if folded.starts_with("with ") || self.who_went == [Companion::Alone] {
                    words.to_owned()
                } else {
                    format!("with {words}")
                }
            }
            _ => super::company::phrase(&self.who_went),
        }
    }

    /// Who went as the form shows it again: the words typed, else the
    /// kinds written out.
    pub fn company_as_typed(&self) -> String {
        self.who_went_as_typed
            .clone()
            .unwrap_or_else(|| super::company::write(&self.who_went))
    }
}

impl Correctable for LadderEvent {
    const STRUCK_NOT_CORRECTED: &'static str = "a struck-out event is not corrected";
    fn revisions_mut(&mut self) -> &mut Vec<Revision<Self>> {
        &mut self.revisions
    }
    fn struck_mut(&mut self) -> &mut Option<StrikeOut> {
        &mut self.struck
    }
}

/// The next planned step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedStep {
    /// When.
    pub at: NaiveDateTime,
    /// On which rung.
    pub rung: Rung,
}

/// The practical plan for a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct VisitPlan {
    /// Where to meet.
    pub meeting_point: String,
    /// Route and transport.
    pub route: String,
    /// What to expect when there.
    pub what_to_expect: String,
    /// Who to ask for.
    pub who_to_ask_for: String,
    /// Cost and how to pay.
    pub cost_and_payment: String,
}

/// Why a connection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionEndReason {
    /// Attending independently for the agreed number of weeks.
    Established,
    /// Established with support: the person goes with a carer, peer or
    /// family member and reports back, and that is where it rightly ends
    /// for them (a good outcome, not independence).
    EstablishedWithSupport,
    /// Not for them.
    NotForThem,
    /// The service closed.
    ServiceClosed,
}

/// How a connection ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionEnd {
    /// When.
    pub on: NaiveDate,
    /// Why.
    pub reason: ConnectionEndReason,
}

/// What linkwork proposes after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposal {
    /// The rung for the next step.
    pub rung: Rung,
    /// A proposed date and time, or `None` when the worker must choose.
    pub at: Option<NaiveDateTime>,
}

/// A refused ladder change.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LadderError {
    /// Moving back up the ladder needs a reason.
    #[error("stepping back up to \"{0}\" needs a reason")]
    StepUpNeedsReason(&'static str),
    /// The event is dated before the last one.
    #[error("events must be recorded in date order")]
    OutOfOrder,
    /// The connection has ended.
    #[error("this connection has ended")]
    Ended,
    /// "Established" before enough weeks of going alone.
    #[error("a connection is established after {0} weeks of attending independently")]
    NotEstablished(i64),
    /// A correction or strike-out that cannot be made, and why.
    #[error("{0}")]
    Correction(&'static str),
    /// "Established with support" before attending with someone.
    #[error(
        "a connection is established with support once the person has gone with their carer, peer or family member (step 5)"
    )]
    NotWithSupport,
    /// "Attends independently" with someone alongside.
    #[error(
        "attending independently means going alone: with {0} it is step 5, \"with carer or peer, reports back\""
    )]
    NotAlone(String),
}

/// A connection between a case and a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    /// Store-assigned id.
    pub id: ConnectionId,
    /// The case.
    pub case_id: CaseId,
    /// The directory service.
    pub service_id: ServiceId,
    /// The service's name when the connection was made (for display even if
    /// the directory entry changes or is retired).
    pub service_name: String,
    /// The plan goal it serves, if any (index into the plan's goals).
    #[serde(default)]
    pub goal: Option<u32>,
    /// When it was made.
    pub started: NaiveDate,
    /// The current rung.
    pub rung: Rung,
    /// The next planned step.
    #[serde(default)]
    pub next: Option<PlannedStep>,
    /// Events, oldest first.
    #[serde(default)]
    pub events: Vec<LadderEvent>,
    /// Visit planning notes.
    #[serde(default)]
    pub visit_plan: Option<VisitPlan>,
    /// How it ended, if it has.
    #[serde(default)]
    pub ended: Option<ConnectionEnd>,
}

impl Connection {
    /// Days between steps that linkwork proposes after an attended event.
    pub const STEP_INTERVAL_DAYS: i64 = 7;

    /// Records an event. An event on a higher-support rung than the current
    /// one is a step back up and needs a reason. An attended event moves the
    /// connection to that rung; the planned step is cleared.
    pub fn record(&mut self, event: LadderEvent) -> Result<Proposal, LadderError> {
        if self.ended.is_some() {
            return Err(LadderError::Ended);
        }
        if self.events.last().is_some_and(|last| event.at < last.at) {
            return Err(LadderError::OutOfOrder);
        }
        Self::refuse_company_on_the_last_step(&event)?;
        let stepping_up = event.rung < self.rung;
        if stepping_up
            && event
                .step_up_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            return Err(LadderError::StepUpNeedsReason(event.rung.label()));
        }
        if event.outcome == EventOutcome::Attended || stepping_up {
            self.rung = event.rung;
        }
        let proposal = Self::propose(&event);
        // A step recorded after the fact may be before the day the
        // connection was entered: it began no later than its first step.
        self.started = self.started.min(event.at.date());
        self.events.push(event);
        self.next = None;
        Ok(proposal)
    }

    /// Refuses "attends independently" with anyone but the person: the
    /// report counts that step as independence.
    fn refuse_company_on_the_last_step(event: &LadderEvent) -> Result<(), LadderError> {
        if event.rung != Rung::Independent {
            return Ok(());
        }
        let with: Vec<_> = event
            .who_went
            .iter()
            .filter(|c| **c != super::Companion::Alone)
            .cloned()
            .collect();
        if with.is_empty() {
            return Ok(());
        }
        Err(LadderError::NotAlone(super::company::describe(&with)))
    }

    /// What to do after `event`: after attending, the next rung down a week
    /// later; otherwise the same rung, with a date the worker chooses.
    pub fn propose(event: &LadderEvent) -> Proposal {
        match event.outcome {
            EventOutcome::Attended => Proposal {
                rung: event.rung.step_down().unwrap_or(event.rung),
                at: Some(event.at + Duration::days(Self::STEP_INTERVAL_DAYS)),
            },
            _ => Proposal {
                rung: event.rung,
                at: None,
            },
        }
    }

    /// The events that stand (not struck out), oldest first.
    pub fn standing_events(&self) -> impl Iterator<Item = &LadderEvent> {
        self.events.iter().filter(|e| e.struck.is_none())
    }

    /// Puts event `index` right: `corrected` takes its place (it must keep
    /// its place in time), the old version is kept with the reason, and the
    /// current rung is worked out again from the events that stand.
    pub fn correct(
        &mut self,
        index: usize,
        corrected: LadderEvent,
        reason: &str,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<(), LadderError> {
        let Some(old) = self.events.get(index) else {
            return Err(LadderError::Correction("there is no such event"));
        };
        Self::refuse_company_on_the_last_step(&corrected)?;
        let rung_before = self.rung_after(index);
        if corrected.rung < rung_before
            && corrected
                .step_up_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            return Err(LadderError::StepUpNeedsReason(corrected.rung.label()));
        }
        let corrected =
            put_right(old, corrected, reason, at, by).map_err(LadderError::Correction)?;
        let before = index.checked_sub(1).and_then(|i| self.events.get(i));
        let after = self.events.get(index + 1);
        if before.is_some_and(|b| corrected.at < b.at) || after.is_some_and(|a| corrected.at > a.at)
        {
            return Err(LadderError::OutOfOrder);
        }
        self.events[index] = corrected;
        self.rung = self.replayed_rung();
        Ok(())
    }

    /// Strikes event `index` out (logged in error): it stays, shown struck
    /// through, and no longer counts; the rung is worked out again.
    pub fn strike(
        &mut self,
        index: usize,
        reason: &str,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<(), LadderError> {
        let Some(event) = self.events.get_mut(index) else {
            return Err(LadderError::Correction("there is no such event"));
        };
        strike_out(event, reason, at, by).map_err(LadderError::Correction)?;
        self.rung = self.replayed_rung();
        Ok(())
    }

    /// The rung the standing events lead to: each step attended (or stepped
    /// back up to) from the first rung.
    fn replayed_rung(&self) -> Rung {
        self.rung_after(self.events.len())
    }

    /// The rung the standing events before event `index` lead to.
    fn rung_after(&self, index: usize) -> Rung {
        let mut rung = Rung::Discussion;
        for e in self
            .events
            .iter()
            .take(index)
            .filter(|e| e.struck.is_none())
        {
            if e.outcome == EventOutcome::Attended || e.rung < rung {
                rung = e.rung;
            }
        }
        rung
    }

    /// Whether the connection is still being supported.
    pub fn is_live(&self) -> bool {
        self.ended.is_none()
    }
}

/// The live connection whose next step comes first (an overdue one before
/// one still to come), those with no step planned last: the one a worker
/// logging "what happened" most likely means.
pub fn soonest(connections: &[Connection]) -> Option<&Connection> {
    connections
        .iter()
        .filter(|c| c.is_live())
        .min_by_key(|c| (c.next.is_none(), c.next.map(|n| n.at)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, day)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    fn connection() -> Connection {
        Connection {
            id: ConnectionId(1),
            case_id: CaseId(1),
            service_id: ServiceId::from("svc"),
            service_name: "Running club".into(),
            goal: None,
            started: at(1).date(),
            rung: Rung::Discussion,
            next: None,
            events: vec![],
            visit_plan: None,
            ended: None,
        }
    }

    fn event(day: u32, rung: Rung, outcome: EventOutcome) -> LadderEvent {
        LadderEvent {
            outcome,
            ..crate::domain::fixtures::attended(at(day), rung)
        }
    }

    #[test]
    fn the_soonest_step_is_chosen_and_unplanned_connections_come_last() {
        let unplanned = connection();
        let mut later = connection();
        later.id = ConnectionId(2);
        later.next = Some(PlannedStep {
            at: at(20),
            rung: Rung::PlanningVisit,
        });
        let mut overdue = connection();
        overdue.id = ConnectionId(3);
        overdue.next = Some(PlannedStep {
            at: at(2),
            rung: Rung::AttendingTogether,
        });
        let all = [unplanned.clone(), later.clone(), overdue.clone()];
        assert_eq!(soonest(&all).map(|c| c.id), Some(ConnectionId(3)));
        assert_eq!(soonest(&all[..2]).map(|c| c.id), Some(ConnectionId(2)));
        assert_eq!(soonest(&all[..1]).map(|c| c.id), Some(ConnectionId(1)));
        let mut ended = overdue;
        ended.ended = Some(ConnectionEnd {
            on: at(3).date(),
            reason: ConnectionEndReason::Established,
        });
        assert_eq!(soonest(&[ended]).map(|c| c.id), None);
    }

    #[test]
    fn seed_003_sequence_steps_down_each_time() {
        let mut c = connection();
        let steps = [
            Rung::Discussion,
            Rung::PlanningVisit,
            Rung::AttendingTogether,
            Rung::DistantShadowing,
            Rung::WithCarerOrPeer,
        ];
        for (i, rung) in steps.into_iter().enumerate() {
            let p = c
                .record(event(i as u32 + 1, rung, EventOutcome::Attended))
                .unwrap();
            assert_eq!(p.rung, rung.step_down().unwrap());
            assert_eq!(p.at, Some(at(i as u32 + 1) + Duration::days(7)));
        }
        assert_eq!(c.rung, Rung::WithCarerOrPeer);
        assert_eq!(c.events.len(), 5);
    }

    #[test]
    fn did_not_attend_keeps_the_rung_and_asks_for_a_date() {
        let mut c = connection();
        c.record(event(1, Rung::AttendingTogether, EventOutcome::Attended))
            .unwrap();
        let p = c
            .record(event(8, Rung::DistantShadowing, EventOutcome::DidNotAttend))
            .unwrap();
        assert_eq!(
            p,
            Proposal {
                rung: Rung::DistantShadowing,
                at: None
            }
        );
        assert_eq!(c.rung, Rung::AttendingTogether);
    }

    #[test]
    fn stepping_back_up_needs_a_reason() {
        let mut c = connection();
        c.record(event(1, Rung::DistantShadowing, EventOutcome::Attended))
            .unwrap();
        let err = c
            .record(event(2, Rung::AttendingTogether, EventOutcome::Attended))
            .unwrap_err();
        assert_eq!(err, LadderError::StepUpNeedsReason("Attending together"));
        let mut e = event(2, Rung::AttendingTogether, EventOutcome::Attended);
        e.step_up_reason = Some("anxious after a bad week".into());
        c.record(e).unwrap();
        assert_eq!(c.rung, Rung::AttendingTogether);
    }

    #[test]
    fn events_are_kept_in_date_order_and_ended_connections_refuse() {
        let mut c = connection();
        c.record(event(5, Rung::Discussion, EventOutcome::Attended))
            .unwrap();
        assert_eq!(
            c.record(event(4, Rung::PlanningVisit, EventOutcome::Attended)),
            Err(LadderError::OutOfOrder)
        );
        c.ended = Some(ConnectionEnd {
            on: at(6).date(),
            reason: ConnectionEndReason::NotForThem,
        });
        assert_eq!(
            c.record(event(7, Rung::PlanningVisit, EventOutcome::Attended)),
            Err(LadderError::Ended)
        );
        assert!(!c.is_live());
    }
}
