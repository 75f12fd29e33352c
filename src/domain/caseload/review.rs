//! Reviewing a caseload: the four views, sorting by any column and
//! filtering. Pure functions over [`CaseOverview`] rows.

use super::{CaseFlag, CaseOverview};
use crate::domain::case::CaseStatus;
use crate::domain::referral::{Need, ReferralSource};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Which cases the caseload shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CaseloadView {
    /// Open cases needing something today: first contacts waiting, and
    /// anything due today or overdue.
    Today,
    /// Every open case (the first view, until the worker picks another).
    #[default]
    Open,
    /// Referred and not yet contacted, oldest first.
    Waiting,
    /// Closed, declined and not contactable.
    Closed,
}

impl CaseloadView {
    /// Every view, in the order the view key cycles through them.
    pub const ALL: [CaseloadView; 4] = [Self::Today, Self::Open, Self::Waiting, Self::Closed];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Today => "Today",
            Self::Open => "Open",
            Self::Waiting => "Waiting",
            Self::Closed => "Closed",
        }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Today => "today",
            Self::Open => "open",
            Self::Waiting => "waiting",
            Self::Closed => "closed",
        }
    }

    /// The next view.
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// Whether `row` belongs in this view on `today`.
    pub fn includes(self, row: &CaseOverview, today: NaiveDate) -> bool {
        match self {
            Self::Today => {
                row.status.is_open()
                    && (row.status == CaseStatus::Referred
                        || row.next.as_ref().is_some_and(|n| n.due <= today)
                        || row.flags.contains(&CaseFlag::ReviewOverdue))
            }
            Self::Open => row.status.is_open(),
            Self::Waiting => row.status == CaseStatus::Referred,
            Self::Closed => !row.status.is_open(),
        }
    }

    /// The order a view uses when the user has not chosen one.
    pub fn default_sort(self) -> (SortColumn, SortOrder) {
        match self {
            Self::Today | Self::Open => (SortColumn::NextDue, SortOrder::Ascending),
            Self::Waiting => (SortColumn::Days, SortOrder::Descending),
            Self::Closed => (SortColumn::Days, SortOrder::Ascending),
        }
    }
}

/// A column to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortColumn {
    /// Name.
    Name,
    /// Status, in lifecycle order.
    Status,
    /// Days since referral.
    Days,
    /// Contacts used (as a share of the limit).
    Contacts,
    /// Weeks used (as a share of the limit).
    Weeks,
    /// Next due date (nothing planned last).
    NextDue,
    /// Last contact (never contacted first).
    LastContact,
    /// Number of flags.
    Flags,
}

impl SortColumn {
    /// Every column, in table order.
    pub const ALL: [SortColumn; 8] = [
        Self::Name,
        Self::Status,
        Self::Days,
        Self::Contacts,
        Self::Weeks,
        Self::NextDue,
        Self::LastContact,
        Self::Flags,
    ];

    /// Column header.
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Status => "Status",
            Self::Days => "Days",
            Self::Contacts => "Contacts",
            Self::Weeks => "Weeks",
            Self::NextDue => "Next due",
            Self::LastContact => "Last contact",
            Self::Flags => "Flags",
        }
    }

    /// A short column header.
    pub fn header(self) -> &'static str {
        match self {
            Self::LastContact => "Last seen",
            other => other.label(),
        }
    }

    /// The next column (for the sort key).
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    fn compare(self, a: &CaseOverview, b: &CaseOverview) -> Ordering {
        fn share(used: u32, limit: u32) -> u64 {
            u64::from(used) * 1000 / u64::from(limit.max(1))
        }
        match self {
            Self::Name => a.sort_key().cmp(&b.sort_key()),
            Self::Status => a.status.cmp(&b.status),
            Self::Days => a.days_open.cmp(&b.days_open),
            Self::Contacts => share(a.contacts_used, a.contact_limit)
                .cmp(&share(b.contacts_used, b.contact_limit)),
            Self::Weeks => {
                share(a.weeks_used, a.week_limit).cmp(&share(b.weeks_used, b.week_limit))
            }
            Self::NextDue => match (&a.next, &b.next) {
                (Some(x), Some(y)) => x.due.cmp(&y.due),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            Self::LastContact => a.last_contact.cmp(&b.last_contact),
            Self::Flags => a.flags.len().cmp(&b.flags.len()),
        }
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Smallest first.
    #[default]
    Ascending,
    /// Largest first.
    Descending,
}

impl SortOrder {
    /// The other direction.
    pub fn flip(self) -> Self {
        match self {
            Self::Ascending => Self::Descending,
            Self::Descending => Self::Ascending,
        }
    }
}

/// Filters; `None` lets everything through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct CaseFilter {
    /// Only this status.
    #[serde(default)]
    pub status: Option<CaseStatus>,
    /// Only cases referred for this need.
    #[serde(default)]
    pub need: Option<Need>,
    /// Only cases from this referral source.
    #[serde(default)]
    pub source: Option<ReferralSource>,
    /// Only cases with this flag.
    #[serde(default)]
    pub flag: Option<CaseFlag>,
}

impl CaseFilter {
    /// Whether `row` passes.
    pub fn passes(&self, row: &CaseOverview) -> bool {
        self.status.is_none_or(|s| row.status == s)
            && self.need.is_none_or(|n| row.needs.contains(&n))
            && self.source.is_none_or(|s| row.source == s)
            && self.flag.is_none_or(|f| row.flags.contains(&f))
    }

    /// Whether any filter is set.
    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }
}

/// The indices of `rows` shown for `view`, `filter` and sort, in order.
pub fn review(
    rows: &[CaseOverview],
    view: CaseloadView,
    filter: &CaseFilter,
    sort: (SortColumn, SortOrder),
    today: NaiveDate,
) -> Vec<usize> {
    let mut shown: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| view.includes(r, today) && filter.passes(r))
        .map(|(i, _)| i)
        .collect();
    let (column, order) = sort;
    // Each row's name key is made once, not in every comparison (at 10,000
    // cases that was most of a re-sort's time).
    let lower: Vec<String> = rows.iter().map(|r| r.sort_name.to_lowercase()).collect();
    let key = |i: usize| (&lower[i], rows[i].case_id.0);
    shown.sort_by(|&a, &b| {
        let o = match column {
            SortColumn::Name => key(a).cmp(&key(b)),
            _ => column.compare(&rows[a], &rows[b]),
        };
        let o = if order == SortOrder::Descending {
            o.reverse()
        } else {
            o
        };
        o.then_with(|| key(a).cmp(&key(b)))
    });
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::caseload::NextAction;
    use crate::domain::ids::{CaseId, PersonId};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    fn row(id: u64, name: &str, status: CaseStatus, due: Option<u32>) -> CaseOverview {
        CaseOverview {
            case_id: CaseId(id),
            person_id: PersonId(id),
            name: name.into(),
            sort_name: name.into(),
            nhs_number: None,
            status,
            referred_on: d(1),
            source: ReferralSource::Pharmacy,
            needs: vec![Need::Housing],
            days_open: id as i64,
            contacts_used: id as u32,
            contact_limit: 12,
            weeks_used: 1,
            week_limit: 12,
            next: due.map(|day| NextAction {
                what: "x".into(),
                due: d(day),
            }),
            last_contact: None,
            flags: vec![],
        }
    }

    #[test]
    fn views_pick_their_cases() {
        let today = d(20);
        let rows = vec![
            row(1, "A", CaseStatus::Referred, Some(25)),
            row(2, "B", CaseStatus::Active, Some(20)),
            row(3, "C", CaseStatus::Active, Some(21)),
            row(4, "D", CaseStatus::Closed, None),
            row(5, "E", CaseStatus::Active, Some(3)),
        ];
        let names = |view| {
            review(
                &rows,
                view,
                &CaseFilter::default(),
                view.default_sort(),
                today,
            )
            .into_iter()
            .map(|i| rows[i].name.as_str())
            .collect::<Vec<_>>()
        };
        assert_eq!(names(CaseloadView::Today), ["E", "B", "A"]);
        assert_eq!(names(CaseloadView::Open), ["E", "B", "C", "A"]);
        assert_eq!(names(CaseloadView::Waiting), ["A"]);
        assert_eq!(names(CaseloadView::Closed), ["D"]);
    }

    #[test]
    fn sorts_by_any_column_both_ways_and_filters() {
        let today = d(20);
        let mut rows = vec![
            row(1, "Cole", CaseStatus::Active, Some(25)),
            row(2, "Ames", CaseStatus::Contacted, None),
            row(3, "Bell", CaseStatus::Ending, Some(22)),
        ];
        rows[1].needs = vec![Need::Loneliness];
        rows[2].flags = vec![CaseFlag::Risk];
        let order = |col, ord, filter: &CaseFilter| {
            review(&rows, CaseloadView::Open, filter, (col, ord), today)
                .into_iter()
                .map(|i| rows[i].name.as_str())
                .collect::<Vec<_>>()
        };
        let all = CaseFilter::default();
        assert_eq!(
            order(SortColumn::Name, SortOrder::Ascending, &all),
            ["Ames", "Bell", "Cole"]
        );
        assert_eq!(
            order(SortColumn::Name, SortOrder::Descending, &all),
            ["Cole", "Bell", "Ames"]
        );
        assert_eq!(
            order(SortColumn::Status, SortOrder::Ascending, &all),
            ["Ames", "Cole", "Bell"]
        );
        assert_eq!(
            order(SortColumn::NextDue, SortOrder::Ascending, &all),
            ["Bell", "Cole", "Ames"]
        );
        assert_eq!(
            order(SortColumn::Contacts, SortOrder::Descending, &all),
            ["Bell", "Ames", "Cole"]
        );
        for column in SortColumn::ALL {
            assert_eq!(order(column, SortOrder::Ascending, &all).len(), 3);
        }
        let lonely = CaseFilter {
            need: Some(Need::Loneliness),
            ..CaseFilter::default()
        };
        assert_eq!(
            order(SortColumn::Name, SortOrder::Ascending, &lonely),
            ["Ames"]
        );
        let risky = CaseFilter {
            flag: Some(CaseFlag::Risk),
            ..CaseFilter::default()
        };
        assert_eq!(
            order(SortColumn::Name, SortOrder::Ascending, &risky),
            ["Bell"]
        );
        let ending = CaseFilter {
            status: Some(CaseStatus::Ending),
            ..CaseFilter::default()
        };
        assert_eq!(
            order(SortColumn::Name, SortOrder::Ascending, &ending),
            ["Bell"]
        );
        let gp = CaseFilter {
            source: Some(ReferralSource::GeneralPractice),
            ..CaseFilter::default()
        };
        assert!(order(SortColumn::Name, SortOrder::Ascending, &gp).is_empty());
    }
}
