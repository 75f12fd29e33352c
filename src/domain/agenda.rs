//! The agenda: what is planned for each day (accompanied visits and other
//! ladder steps, plan reviews and steps, first contacts, conversations),
//! a week at a time, with anything overdue on top.

use super::case::CaseStatus;
use super::caseload::{CONVERSATION_DUE_DAYS, CaseRecords};
use super::ids::{CaseId, ConnectionId};
use super::ladder::Rung;
use chrono::{Duration, NaiveDate, NaiveTime};

/// What an agenda item is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaKind {
    /// A planned step on a connection's ladder.
    Visit {
        /// The connection.
        connection: ConnectionId,
        /// The rung of the step.
        rung: Rung,
        /// The service.
        service: String,
    },
    /// The plan's review.
    Review,
    /// First contact with a new referral.
    FirstContact,
    /// The "What matters" conversation is due.
    Conversation,
    /// A plan step with a date.
    Step {
        /// What.
        what: String,
        /// Who does it.
        owner: &'static str,
    },
}

impl AgendaKind {
    /// What it is, in a few words.
    pub fn describe(&self) -> String {
        match self {
            Self::Visit { rung, service, .. } => format!("{service}: {}", rung.label()),
            Self::Review => "Plan review".into(),
            Self::FirstContact => "First contact".into(),
            Self::Conversation => "What matters conversation".into(),
            Self::Step { what, owner } => format!("Step ({owner}): {what}"),
        }
    }
}

/// One dated thing to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    /// The case.
    pub case_id: CaseId,
    /// The person's name, as lists show it.
    pub name: String,
    /// The day.
    pub on: NaiveDate,
    /// The time, when one is set.
    pub time: Option<NaiveTime>,
    /// What it is.
    pub kind: AgendaKind,
}

/// Everything dated in one open case.
pub fn items(records: &CaseRecords<'_>) -> Vec<AgendaItem> {
    let case = records.case;
    if !case.status.is_open() {
        return Vec::new();
    }
    let name = records.person.display_name();
    let item = |on, time, kind| AgendaItem {
        case_id: case.id,
        name: name.clone(),
        on,
        time,
        kind,
    };
    let mut out = Vec::new();
    if case.status == CaseStatus::Referred {
        out.push(item(
            case.referral.first_contact_due(),
            None,
            AgendaKind::FirstContact,
        ));
    }
    if case.status == CaseStatus::Contacted
        && !records.has_conversation
        && let Some(started) = case.support_started()
    {
        out.push(item(
            started + Duration::days(CONVERSATION_DUE_DAYS),
            None,
            AgendaKind::Conversation,
        ));
    }
    if let Some(plan) = records.plan {
        if let Some(review) = plan.review_date {
            out.push(item(review, None, AgendaKind::Review));
        }
        for step in plan.goals.iter().flat_map(|g| &g.steps) {
            if let (Some(due), None) = (step.due, step.done) {
                out.push(item(
                    due,
                    None,
                    AgendaKind::Step {
                        what: step.what.clone(),
                        owner: step.owner.role(),
                    },
                ));
            }
        }
    }
    for c in records.connections.iter().filter(|c| c.is_live()) {
        if let Some(next) = c.next {
            out.push(item(
                next.at.date(),
                Some(next.at.time()),
                AgendaKind::Visit {
                    connection: c.id,
                    rung: next.rung,
                    service: c.service_name.clone(),
                },
            ));
        }
    }
    out
}

/// One week of the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// Items before today, oldest first.
    pub overdue: Vec<AgendaItem>,
    /// The seven days from the first, each with its items by time.
    pub days: Vec<(NaiveDate, Vec<AgendaItem>)>,
}

/// The week of seven days from `start`, with what is overdue as of
/// `today` on top. Items without a time come first in their day.
pub fn week(all: &[AgendaItem], start: NaiveDate, today: NaiveDate) -> Week {
    let order = |a: &AgendaItem, b: &AgendaItem| {
        (a.on, a.time, &a.name, a.case_id).cmp(&(b.on, b.time, &b.name, b.case_id))
    };
    let mut overdue: Vec<AgendaItem> = all.iter().filter(|i| i.on < today).cloned().collect();
    overdue.sort_by(order);
    let days = (0..7)
        .map(|d| {
            let day = start + Duration::days(d);
            let mut on: Vec<AgendaItem> = all
                .iter()
                .filter(|i| i.on == day && i.on >= today)
                .cloned()
                .collect();
            on.sort_by(order);
            (day, on)
        })
        .collect();
    Week { overdue, days }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    fn item(case: u64, day: u32, hour: Option<u32>, kind: AgendaKind) -> AgendaItem {
        AgendaItem {
            case_id: CaseId(case),
            name: format!("Person {case}"),
            on: d(day),
            time: hour.map(|h| NaiveTime::from_hms_opt(h, 0, 0).unwrap()),
            kind,
        }
    }

    #[test]
    fn items_fall_on_their_days_overdue_on_top_and_weeks_move() {
        let visit = |c| AgendaKind::Visit {
            connection: ConnectionId(c),
            rung: Rung::AttendingTogether,
            service: "Choir".into(),
        };
        let all = vec![
            item(1, 24, Some(14), visit(1)),
            item(2, 24, Some(10), visit(2)),
            item(3, 24, None, AgendaKind::Review),
            item(4, 20, None, AgendaKind::FirstContact),
            item(5, 18, Some(9), visit(5)),
            item(6, 29, None, AgendaKind::Conversation),
            item(7, 30, None, AgendaKind::Review),
        ];
        let today = d(22);
        let w = week(&all, today, today);
        let overdue: Vec<u64> = w.overdue.iter().map(|i| i.case_id.0).collect();
        assert_eq!(overdue, [5, 4], "oldest first");
        assert_eq!(w.days.len(), 7);
        assert_eq!(w.days[0].0, today, "today first");
        let tuesday: Vec<u64> = w.days[2].1.iter().map(|i| i.case_id.0).collect();
        assert_eq!(tuesday, [3, 2, 1], "undated time first, then by time");
        assert_eq!(w.days[6].0, d(28));
        assert!(w.days[6].1.is_empty());
        let next = week(&all, today + Duration::days(7), today);
        assert_eq!(next.days[0].1[0].case_id.0, 6);
        assert_eq!(next.days[1].1[0].case_id.0, 7);
        assert_eq!(next.overdue.len(), 2, "overdue stays on top in any week");
        let back = week(&all, today - Duration::days(7), today);
        assert!(
            back.days.iter().all(|(_, items)| items.is_empty()),
            "past days list nothing again: it is all under overdue"
        );
    }
}
