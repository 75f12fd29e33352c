//! The caseload overview: one row per case, computed from its records.
//! Pure: the store gathers the records, this decides what they mean.

use super::case::{Case, CaseStatus};
use super::contact::ContactEntry;
use super::ids::{CaseId, PersonId};
use super::ladder::Connection;
use super::limits::{LimitLevel, weeks_used};
use super::nhs_number::NhsNumber;
use super::person::Person;
use super::plan::ActionPlan;
use super::referral::{Consent, Need, ReferralSource};
use chrono::NaiveDate;

mod find;
mod review;

pub use find::{FindIndex, find_score};
pub use review::{CaseFilter, CaseloadView, SortColumn, SortOrder, review};

/// Days without contact after which an open, started case is flagged.
pub const NO_CONTACT_DAYS: i64 = 21;

/// Days after first contact by which the "What matters" conversation is
/// due, when none has been started.
pub const CONVERSATION_DUE_DAYS: i64 = 7;

/// What is due next on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextAction {
    /// What (short, no personal content).
    pub what: String,
    /// When.
    pub due: NaiveDate,
}

/// A flag shown on the caseload.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CaseFlag {
    /// An active risk flag.
    Risk,
    /// Consent to share withheld.
    ConsentWithheld,
    /// The plan review date has passed.
    ReviewOverdue,
    /// Referred, and not contacted within the first-contact window.
    NotAcknowledged,
    /// Contacts or weeks at 80 % of the limit or more.
    NearLimit,
    /// Contacts or weeks past the limit.
    PastLimit,
    /// No contact for 21 days.
    NoRecentContact,
}

impl CaseOverview {
    /// The key lists sort by: family name, given name, then case id.
    pub fn sort_key(&self) -> (String, u64) {
        (self.sort_name.to_lowercase(), self.case_id.0)
    }
}

impl CaseFlag {
    /// Every flag.
    pub const ALL: [CaseFlag; 7] = [
        Self::Risk,
        Self::ConsentWithheld,
        Self::ReviewOverdue,
        Self::NotAcknowledged,
        Self::NearLimit,
        Self::PastLimit,
        Self::NoRecentContact,
    ];

    /// A short label for tables.
    pub fn short(self) -> &'static str {
        match self {
            Self::Risk => "risk",
            Self::ConsentWithheld => "no consent",
            Self::ReviewOverdue => "review due",
            Self::NotAcknowledged => "not acked",
            Self::NearLimit => "near limit",
            Self::PastLimit => "past limit",
            Self::NoRecentContact => "no contact 21d",
        }
    }
}

/// One caseload row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOverview {
    /// The case.
    pub case_id: CaseId,
    /// The person.
    pub person_id: PersonId,
    /// Display name.
    pub name: String,
    /// Name as lists sort it (family name first).
    pub sort_name: String,
    /// NHS number, for finding a person.
    pub nhs_number: Option<NhsNumber>,
    /// Status.
    pub status: CaseStatus,
    /// Date the referral was received.
    pub referred_on: NaiveDate,
    /// Who referred.
    pub source: ReferralSource,
    /// The needs named in the referral.
    pub needs: Vec<Need>,
    /// Days since referral (to the end, for closed cases).
    pub days_open: i64,
    /// Contacts logged.
    pub contacts_used: u32,
    /// Contact limit.
    pub contact_limit: u32,
    /// Weeks since support started.
    pub weeks_used: u32,
    /// Week limit.
    pub week_limit: u32,
    /// The next thing due.
    pub next: Option<NextAction>,
    /// The last contact.
    pub last_contact: Option<NaiveDate>,
    /// Flags.
    pub flags: Vec<CaseFlag>,
}

/// The records of one case that the overview reads.
#[derive(Debug, Clone, Copy)]
pub struct CaseRecords<'a> {
    /// The person.
    pub person: &'a Person,
    /// The case.
    pub case: &'a Case,
    /// Its contacts (any order).
    pub contacts: &'a [ContactEntry],
    /// Its plan, if any.
    pub plan: Option<&'a ActionPlan>,
    /// Its connections.
    pub connections: &'a [Connection],
    /// Whether a "What matters" conversation has been started.
    pub has_conversation: bool,
}

/// Works out the next action of an open case.
pub fn next_action(records: &CaseRecords<'_>) -> Option<NextAction> {
    let case = records.case;
    if !case.status.is_open() {
        return None;
    }
    let mut candidates: Vec<NextAction> = Vec::new();
    if case.status == CaseStatus::Referred {
        candidates.push(NextAction {
            what: "First contact".into(),
            due: case.referral.first_contact_due(),
        });
    }
    if case.status == CaseStatus::Contacted
        && !records.has_conversation
        && let Some(started) = case.support_started()
    {
        candidates.push(NextAction {
            what: "What matters conversation".into(),
            due: started + chrono::Duration::days(CONVERSATION_DUE_DAYS),
        });
    }
    if let Some(plan) = records.plan {
        if let Some(review) = plan.review_date {
            candidates.push(NextAction {
                what: "Plan review".into(),
                due: review,
            });
        }
        if let Some(step) = plan.open_steps().first()
            && let Some(due) = step.due
        {
            candidates.push(NextAction {
                what: format!("Plan step ({})", step.owner.role()),
                due,
            });
        }
    }
    for c in records.connections.iter().filter(|c| c.is_live()) {
        if let Some(next) = c.next {
            candidates.push(NextAction {
                what: format!("{} ({})", c.service_name, next.rung.short()),
                due: next.at.date(),
            });
        }
    }
    candidates.into_iter().min_by_key(|a| a.due)
}

/// Builds the caseload row of one case.
pub fn overview(records: &CaseRecords<'_>, today: NaiveDate) -> CaseOverview {
    let case = records.case;
    let counted = super::contact::counted(records.contacts, records.connections);
    let contacts_used = u32::try_from(counted.len()).unwrap_or(u32::MAX);
    let last_contact = counted.iter().map(|c| c.on).max();
    let weeks = if case.status.is_open() {
        weeks_used(case.support_started(), today)
    } else {
        weeks_used(case.support_started(), case.ended_on().unwrap_or(today))
    };
    let next = next_action(records);
    let mut flags = Vec::new();
    if case.active_risks().next().is_some() {
        flags.push(CaseFlag::Risk);
    }
    if case.consent() == Consent::No {
        flags.push(CaseFlag::ConsentWithheld);
    }
    if case.status.is_open() {
        if records
            .plan
            .and_then(|p| p.review_date)
            .is_some_and(|d| d < today)
        {
            flags.push(CaseFlag::ReviewOverdue);
        }
        if case.status == CaseStatus::Referred && case.referral.first_contact_due() < today {
            flags.push(CaseFlag::NotAcknowledged);
        }
        let levels = [
            LimitLevel::of(contacts_used, case.limits.contact_limit),
            LimitLevel::of(weeks, case.limits.week_limit),
        ];
        if levels.contains(&LimitLevel::Over) {
            flags.push(CaseFlag::PastLimit);
        } else if levels.iter().any(|l| l.warns()) {
            flags.push(CaseFlag::NearLimit);
        }
        if case.status != CaseStatus::Referred
            && last_contact.is_some_and(|d| (today - d).num_days() >= NO_CONTACT_DAYS)
        {
            flags.push(CaseFlag::NoRecentContact);
        }
    }
    CaseOverview {
        case_id: case.id,
        person_id: case.person_id,
        name: records.person.display_name(),
        sort_name: records.person.sort_name(),
        nhs_number: records.person.nhs_number,
        status: case.status,
        referred_on: case.referral.received,
        source: case.referral.source,
        needs: case.referral.needs.clone(),
        days_open: case.days_open(today),
        contacts_used,
        contact_limit: case.limits.contact_limit,
        weeks_used: weeks,
        week_limit: case.limits.week_limit,
        next,
        last_contact,
        flags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contact::{ContactMode, ContactPurpose};
    use crate::domain::ids::ContactId;
    use crate::domain::referral::{Need, ReferralSource};
    use chrono::{TimeZone, Utc};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn person() -> Person {
        crate::domain::fixtures::person(1, "Ada", "Lee")
    }

    fn case(received: NaiveDate) -> Case {
        let referral = crate::domain::fixtures::referral(
            received,
            ReferralSource::SelfReferral,
            Need::Housing,
            Consent::No,
        );
        let at = Utc.from_utc_datetime(&received.and_hms_opt(9, 0, 0).unwrap());
        Case::open(CaseId(2), PersonId(1), 1, referral, "Sam", at)
    }

    fn contact(on: NaiveDate) -> ContactEntry {
        ContactEntry {
            id: ContactId(9),
            case_id: CaseId(2),
            on,
            mode: ContactMode::Phone,
            minutes: 20,
            purpose: ContactPurpose::CheckIn,
            notes: String::new(),
            reach: Default::default(),
            revisions: Vec::new(),
            struck: None,
        }
    }

    #[test]
    fn waiting_case_is_due_first_contact_and_flagged_when_late() {
        let p = person();
        let c = case(d(11, 1));
        let records = CaseRecords {
            person: &p,
            case: &c,
            contacts: &[],
            plan: None,
            connections: &[],
            has_conversation: false,
        };
        let o = overview(&records, d(11, 15));
        assert_eq!(
            o.next,
            Some(NextAction {
                what: "First contact".into(),
                due: d(11, 15)
            })
        );
        assert!(!o.flags.contains(&CaseFlag::NotAcknowledged));
        assert!(o.flags.contains(&CaseFlag::ConsentWithheld));
        let o = overview(&records, d(11, 16));
        assert!(o.flags.contains(&CaseFlag::NotAcknowledged));
        assert_eq!(o.days_open, 15);
    }

    #[test]
    fn limits_and_quiet_cases_are_flagged() {
        let p = person();
        let mut c = case(d(9, 1));
        let at = |day| Utc.from_utc_datetime(&d(9, day).and_hms_opt(9, 0, 0).unwrap());
        c.move_to(CaseStatus::Contacted, at(2), None).unwrap();
        c.move_to(CaseStatus::Active, at(3), None).unwrap();
        let contacts: Vec<_> = (0..10).map(|i| contact(d(9, 2 + i))).collect();
        let records = CaseRecords {
            person: &p,
            case: &c,
            contacts: &contacts,
            plan: None,
            connections: &[],
            has_conversation: false,
        };
        let o = overview(&records, d(9, 20));
        assert_eq!(o.contacts_used, 10);
        assert_eq!(o.last_contact, Some(d(9, 11)));
        assert!(o.flags.contains(&CaseFlag::NearLimit));
        assert!(!o.flags.contains(&CaseFlag::NoRecentContact));
        let o = overview(&records, d(10, 1));
        assert!(!o.flags.contains(&CaseFlag::NoRecentContact));
        let o = overview(&records, d(10, 2));
        assert!(o.flags.contains(&CaseFlag::NoRecentContact));
        // 25 Nov is 84 days (12 weeks) after 2 Sept: at the limit, a warning.
        let o = overview(&records, d(11, 25));
        assert_eq!(o.weeks_used, 12);
        assert!(o.flags.contains(&CaseFlag::NearLimit));
        // 26 Nov is into week 13: past the 12-week limit.
        let o = overview(&records, d(11, 26));
        assert_eq!(o.weeks_used, 13);
        assert!(o.flags.contains(&CaseFlag::PastLimit));
        assert!(!o.flags.contains(&CaseFlag::NearLimit));
    }

    #[test]
    fn contacted_case_is_due_its_conversation_unless_started() {
        let p = person();
        let mut c = case(d(11, 1));
        let at = Utc.from_utc_datetime(&d(11, 3).and_hms_opt(9, 0, 0).unwrap());
        c.move_to(CaseStatus::Contacted, at, None).unwrap();
        let mut records = CaseRecords {
            person: &p,
            case: &c,
            contacts: &[],
            plan: None,
            connections: &[],
            has_conversation: false,
        };
        assert_eq!(
            next_action(&records),
            Some(NextAction {
                what: "What matters conversation".into(),
                due: d(11, 10)
            })
        );
        records.has_conversation = true;
        assert_eq!(next_action(&records), None);
    }
}
