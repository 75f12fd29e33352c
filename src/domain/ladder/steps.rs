//! Planning the next step of a connection, ending it, and the words for
//! each choice of an event.

use super::Rung;
use super::connection::{
    Connection, ConnectionEnd, ConnectionEndReason, EventOutcome, LadderError, PlannedStep,
    ReportBack,
};
use chrono::{Duration, NaiveDate, NaiveDateTime};

/// Weeks of attending independently before a connection is established.
pub const ESTABLISHED_WEEKS: i64 = 4;

impl EventOutcome {
    /// Every outcome, in menu order.
    pub const ALL: [EventOutcome; 5] = [
        Self::Attended,
        Self::DidNotAttend,
        Self::CancelledByPerson,
        Self::CancelledByService,
        Self::Rescheduled,
    ];
}

impl ReportBack {
    /// Every way of reporting back.
    pub const ALL: [ReportBack; 3] = [Self::Call, Self::Photo, Self::Message];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Call => "a call",
            Self::Photo => "a photo",
            Self::Message => "a message",
        }
    }
}

impl ConnectionEndReason {
    /// Every reason, in menu order.
    pub const ALL: [ConnectionEndReason; 4] = [
        Self::Established,
        Self::EstablishedWithSupport,
        Self::NotForThem,
        Self::ServiceClosed,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Established => "Established: attends independently",
            Self::EstablishedWithSupport => "Established with support: goes with someone",
            Self::NotForThem => "Not for them",
            Self::ServiceClosed => "The service closed",
        }
    }
}

impl Connection {
    /// Plans the next step: a date and time on a rung.
    pub fn plan_next(&mut self, at: NaiveDateTime, rung: Rung) -> Result<(), LadderError> {
        if self.ended.is_some() {
            return Err(LadderError::Ended);
        }
        if self.events.last().is_some_and(|last| at < last.at) {
            return Err(LadderError::OutOfOrder);
        }
        self.next = Some(PlannedStep { at, rung });
        Ok(())
    }

    /// When the person first attended on their own, if they have.
    pub fn independent_since(&self) -> Option<NaiveDate> {
        self.standing_events()
            .find(|e| e.rung == Rung::Independent && e.outcome == EventOutcome::Attended)
            .map(|e| e.at.date())
    }

    /// Ends the connection. "Established" needs the person attending
    /// independently for [`ESTABLISHED_WEEKS`] weeks (and on that rung
    /// now).
    pub fn end(&mut self, on: NaiveDate, reason: ConnectionEndReason) -> Result<(), LadderError> {
        if self.ended.is_some() {
            return Err(LadderError::Ended);
        }
        if reason == ConnectionEndReason::EstablishedWithSupport {
            let with_someone = self.standing_events().any(|e| {
                e.rung == Rung::WithCarerOrPeer && e.outcome == super::EventOutcome::Attended
            });
            if !with_someone {
                return Err(LadderError::NotWithSupport);
            }
        }
        if reason == ConnectionEndReason::Established {
            let weeks_ok = self
                .independent_since()
                .is_some_and(|since| on >= since + Duration::weeks(ESTABLISHED_WEEKS));
            if self.rung != Rung::Independent || !weeks_ok {
                return Err(LadderError::NotEstablished(ESTABLISHED_WEEKS));
            }
        }
        self.ended = Some(ConnectionEnd { on, reason });
        self.next = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::connection::LadderEvent;
    use super::*;
    use crate::domain::ids::{CaseId, ConnectionId, ServiceId};

    fn at(month: u32, day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, month, day)
            .unwrap()
            .and_hms_opt(18, 30, 0)
            .unwrap()
    }

    fn connection() -> Connection {
        Connection {
            id: ConnectionId(1),
            case_id: CaseId(1),
            service_id: ServiceId::from("run"),
            service_name: "Parkrun".into(),
            goal: Some(0),
            started: at(9, 1).date(),
            rung: Rung::Discussion,
            next: None,
            events: vec![],
            visit_plan: None,
            ended: None,
        }
    }

    fn attended(c: &mut Connection, when: NaiveDateTime, rung: Rung) {
        c.record(LadderEvent {
            who_went: crate::domain::ladder::Companion::usual(rung),
            ..crate::domain::fixtures::attended(when, rung)
        })
        .unwrap();
    }

    #[test]
    fn established_needs_weeks_of_independent_attendance() {
        let mut c = connection();
        attended(&mut c, at(9, 1), Rung::WithCarerOrPeer);
        assert_eq!(
            c.end(at(9, 2).date(), ConnectionEndReason::Established),
            Err(LadderError::NotEstablished(4))
        );
        attended(&mut c, at(9, 8), Rung::Independent);
        attended(&mut c, at(9, 15), Rung::Independent);
        assert_eq!(c.independent_since(), Some(at(9, 8).date()));
        assert_eq!(
            c.end(at(10, 5).date(), ConnectionEndReason::Established),
            Err(LadderError::NotEstablished(4)),
            "four weeks less a day"
        );
        c.plan_next(at(10, 13), Rung::Independent).unwrap();
        c.end(at(10, 6).date(), ConnectionEndReason::Established)
            .unwrap();
        assert_eq!(c.next, None, "nothing planned after the end");
        assert_eq!(
            c.plan_next(at(10, 20), Rung::Independent),
            Err(LadderError::Ended)
        );
        let mut other = connection();
        other
            .end(at(9, 3).date(), ConnectionEndReason::NotForThem)
            .unwrap();
        assert_eq!(
            other.end(at(9, 4).date(), ConnectionEndReason::ServiceClosed),
            Err(LadderError::Ended)
        );
    }

    /// Going with a carer and reporting back by photo is the right end
    /// for some people: "established with support", once they have gone
    /// with someone (step 5).
    #[test]
    fn established_with_support_after_going_with_someone() {
        let mut c = connection();
        attended(&mut c, at(9, 1), Rung::AttendingTogether);
        assert_eq!(
            c.end(at(9, 2).date(), ConnectionEndReason::EstablishedWithSupport),
            Err(LadderError::NotWithSupport)
        );
        attended(&mut c, at(9, 8), Rung::WithCarerOrPeer);
        c.end(at(9, 9).date(), ConnectionEndReason::EstablishedWithSupport)
            .unwrap();
        assert_eq!(c.rung, Rung::WithCarerOrPeer, "not counted as independence");
    }

    #[test]
    fn a_planned_step_is_not_before_the_last_event() {
        let mut c = connection();
        attended(&mut c, at(9, 10), Rung::Discussion);
        assert_eq!(
            c.plan_next(at(9, 9), Rung::PlanningVisit),
            Err(LadderError::OutOfOrder)
        );
        c.plan_next(at(9, 17), Rung::PlanningVisit).unwrap();
        assert_eq!(c.next.unwrap().rung, Rung::PlanningVisit);
    }
}
