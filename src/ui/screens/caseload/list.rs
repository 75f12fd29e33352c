//! The cached caseload: every case's row, the current view, sort, filter
//! and search, the rows shown (indices), the selection and scroll.

use crate::domain::case::CaseStatus;
use crate::domain::caseload::{
    CaseFilter, CaseFlag, CaseOverview, CaseloadView, FindIndex, SortColumn, SortOrder, review,
};
use crate::domain::ids::CaseId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Counts shown in the title.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseloadCounts {
    /// Cases in the Today view.
    pub today: usize,
    /// Open cases.
    pub open: usize,
    /// Referred, waiting for first contact.
    pub waiting: usize,
    /// Closed, declined or not contactable.
    pub closed: usize,
    /// Open cases with an active risk flag.
    pub risk: usize,
}

/// What is remembered between runs (no personal data: a case id at most).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewState {
    /// The view.
    #[serde(default)]
    pub view: CaseloadView,
    /// The chosen sort (`None`: the view's own).
    #[serde(default)]
    pub sort: Option<(SortColumn, SortOrder)>,
    /// Filters.
    #[serde(default)]
    pub filter: CaseFilter,
    /// The selected case.
    #[serde(default)]
    pub selected: Option<u64>,
}

/// The caseload as shown.
#[derive(Debug, Clone, Default)]
pub struct CaseloadList {
    /// Every case's row.
    pub rows: Vec<CaseOverview>,
    index: FindIndex,
    /// The view.
    pub view: CaseloadView,
    /// The chosen sort (`None`: the view's own).
    pub sort: Option<(SortColumn, SortOrder)>,
    /// Filters.
    pub filter: CaseFilter,
    /// The search, when one is active.
    pub query: String,
    /// Indices into `rows`, in display order.
    pub shown: Vec<usize>,
    /// Counts over all cases.
    pub counts: CaseloadCounts,
    /// Index into `shown` of the selected row.
    pub selected: usize,
    /// Index into `shown` of the first visible row.
    pub offset: usize,
    today: NaiveDate,
}

impl CaseloadList {
    /// Builds the list from every case's overview.
    pub fn new(rows: Vec<CaseOverview>, today: NaiveDate) -> Self {
        let mut list = Self {
            today,
            ..Self::default()
        };
        list.set_rows(rows);
        list
    }

    /// Moves the list to a new day (the rows are reloaded after).
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
    }

    /// Replaces the rows (after a change), keeping the selected case.
    pub fn set_rows(&mut self, rows: Vec<CaseOverview>) {
        let keep = self.selected_case();
        self.index = FindIndex::new(&rows);
        self.rows = rows;
        self.recount(keep);
    }

    /// Replaces one case's row after a change to it (or adds it), carrying
    /// the person's name and NHS number to their other episodes, then
    /// recounts and re-sorts, keeping the selection. Only the changed rows
    /// are re-indexed for find.
    pub fn replace_row(&mut self, row: CaseOverview) {
        let keep = self.selected_case();
        for (i, r) in self.rows.iter_mut().enumerate() {
            if r.person_id == row.person_id && r.case_id != row.case_id {
                r.name.clone_from(&row.name);
                r.sort_name.clone_from(&row.sort_name);
                r.nhs_number = row.nhs_number;
                self.index.set(i, r);
            }
        }
        let i = self
            .rows
            .iter()
            .position(|r| r.case_id == row.case_id)
            .unwrap_or(self.rows.len());
        self.index.set(i, &row);
        if i == self.rows.len() {
            self.rows.push(row);
        } else {
            self.rows[i] = row;
        }
        self.recount(keep);
    }

    /// Recomputes the counts and shown rows, then selects `keep` again if
    /// it is shown.
    fn recount(&mut self, keep: Option<CaseId>) {
        let in_view = |v: CaseloadView| {
            self.rows
                .iter()
                .filter(|r| v.includes(r, self.today))
                .count()
        };
        self.counts = CaseloadCounts {
            today: in_view(CaseloadView::Today),
            open: in_view(CaseloadView::Open),
            waiting: in_view(CaseloadView::Waiting),
            closed: in_view(CaseloadView::Closed),
            risk: self
                .rows
                .iter()
                .filter(|r| r.status.is_open() && r.flags.contains(&CaseFlag::Risk))
                .count(),
        };
        self.refresh();
        if let Some(id) = keep {
            self.select_case(id);
        }
    }

    /// The sort in effect.
    pub fn sort_in_effect(&self) -> (SortColumn, SortOrder) {
        self.sort.unwrap_or_else(|| self.view.default_sort())
    }

    /// Recomputes the shown rows after a change of view, sort, filter or
    /// search.
    pub fn refresh(&mut self) {
        self.shown = if self.query.trim().is_empty() {
            review(
                &self.rows,
                self.view,
                &self.filter,
                self.sort_in_effect(),
                self.today,
            )
        } else {
            self.index
                .find(&self.query)
                .into_iter()
                .filter(|&i| self.filter.passes(&self.rows[i]))
                .collect()
        };
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        self.offset = self.offset.min(self.selected);
    }

    /// The selected row, if any.
    pub fn selected_row(&self) -> Option<&CaseOverview> {
        self.shown.get(self.selected).map(|&i| &self.rows[i])
    }

    /// The selected case's id.
    pub fn selected_case(&self) -> Option<CaseId> {
        self.selected_row().map(|r| r.case_id)
    }

    /// Selects the row of case `id`, if shown.
    pub fn select_case(&mut self, id: CaseId) {
        if let Some(pos) = self.shown.iter().position(|&i| self.rows[i].case_id == id) {
            self.selected = pos;
        }
    }

    /// Moves the selection by `delta` rows within a window of `visible`.
    pub fn move_by(&mut self, delta: isize, visible: usize) {
        self.move_to(self.selected.saturating_add_signed(delta), visible);
    }

    /// Selects row `index` (clamped), keeping it visible.
    pub fn move_to(&mut self, index: usize, visible: usize) {
        self.selected = index.min(self.shown.len().saturating_sub(1));
        self.scroll_into_view(visible);
    }

    /// Adjusts the scroll so the selection is inside a window of `visible`.
    pub fn scroll_into_view(&mut self, visible: usize) {
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
        self.offset = self.offset.min(self.shown.len().saturating_sub(visible));
    }

    /// Switches view, back to the top, clearing any search.
    pub fn set_view(&mut self, view: CaseloadView) {
        self.view = view;
        self.query.clear();
        self.selected = 0;
        self.offset = 0;
        self.refresh();
    }

    /// What is remembered between runs.
    pub fn state(&self) -> ReviewState {
        ReviewState {
            view: self.view,
            sort: self.sort,
            filter: self.filter,
            selected: self.selected_case().map(|c| c.0),
        }
    }

    /// Restores what was remembered.
    pub fn restore(&mut self, state: ReviewState) {
        self.view = state.view;
        self.sort = state.sort;
        self.filter = state.filter;
        self.refresh();
        if let Some(id) = state.selected {
            self.select_case(CaseId(id));
        }
    }

    /// The statuses a filter can pick (for the filter panel).
    pub fn statuses() -> &'static [CaseStatus] {
        &CaseStatus::ALL
    }
}
