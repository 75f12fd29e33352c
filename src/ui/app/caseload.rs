//! The cached caseload list: the open cases in the order a worker wants
//! them (most urgent first), with the selection and scroll position.

use crate::domain::case::CaseStatus;
use crate::domain::caseload::{CaseFlag, CaseOverview};

/// Counts shown in the title.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseloadCounts {
    /// Open cases.
    pub open: usize,
    /// Referred, waiting for first contact.
    pub waiting: usize,
    /// Open cases with an active risk flag.
    pub risk: usize,
    /// Closed, declined or not contactable.
    pub closed: usize,
}

/// The caseload as shown.
#[derive(Debug, Clone, Default)]
pub struct CaseloadList {
    /// Open cases, most urgent first.
    pub rows: Vec<CaseOverview>,
    /// Counts over all cases.
    pub counts: CaseloadCounts,
    /// Index of the selected row.
    pub selected: usize,
    /// Index of the first visible row.
    pub offset: usize,
}

impl CaseloadList {
    /// Builds the list from every case's overview.
    pub fn new(all: Vec<CaseOverview>) -> Self {
        let counts = CaseloadCounts {
            open: all.iter().filter(|r| r.status.is_open()).count(),
            waiting: all
                .iter()
                .filter(|r| r.status == CaseStatus::Referred)
                .count(),
            risk: all
                .iter()
                .filter(|r| r.status.is_open() && r.flags.contains(&CaseFlag::Risk))
                .count(),
            closed: all.iter().filter(|r| !r.status.is_open()).count(),
        };
        let mut rows: Vec<_> = all.into_iter().filter(|r| r.status.is_open()).collect();
        rows.sort_by(|a, b| {
            let due = |r: &CaseOverview| r.next.as_ref().map(|n| n.due);
            match (due(a), due(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| a.name.cmp(&b.name))
        });
        Self {
            rows,
            counts,
            selected: 0,
            offset: 0,
        }
    }

    /// The selected row, if any.
    pub fn selected_row(&self) -> Option<&CaseOverview> {
        self.rows.get(self.selected)
    }

    /// Moves the selection by `delta` rows, keeping it visible in a window
    /// of `visible` rows.
    pub fn move_by(&mut self, delta: isize, visible: usize) {
        let target = self.selected.saturating_add_signed(delta);
        self.move_to(target, visible);
    }

    /// Selects row `index` (clamped), keeping it visible.
    pub fn move_to(&mut self, index: usize, visible: usize) {
        self.selected = index.min(self.rows.len().saturating_sub(1));
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
        let max_offset = self.rows.len().saturating_sub(visible);
        self.offset = self.offset.min(max_offset);
    }
}
