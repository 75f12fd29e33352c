//! The caseload: every case's row with views, sort, filters and find.

mod draw;
mod filter_panel;
mod list;
mod screen;

pub use list::{CaseloadCounts, CaseloadList, ReviewState};
pub use screen::{CaseloadPart, CaseloadScreen, FILTER_ROWS};
