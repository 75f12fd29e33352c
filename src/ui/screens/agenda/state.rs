//! The agenda's state: the items of every open case, cached when the
//! screen opens (and after each change), shown a week at a time.

use crate::domain::agenda::{AgendaItem, Week, week};
use chrono::{Duration, NaiveDate};

/// The agenda's state.
#[derive(Debug, Clone, Default)]
pub struct AgendaScreen {
    /// Every dated item of the open cases.
    pub items: Vec<AgendaItem>,
    /// Weeks from this one (0: the seven days from today).
    pub offset: i64,
    /// The selected row (overdue first, then day by day).
    pub selected: usize,
}

impl AgendaScreen {
    /// The first day shown.
    pub fn start(&self, today: NaiveDate) -> NaiveDate {
        today + Duration::weeks(self.offset)
    }

    /// The week shown.
    pub fn week(&self, today: NaiveDate) -> Week {
        week(&self.items, self.start(today), today)
    }

    /// The rows that can be selected, in screen order.
    pub fn rows(&self, today: NaiveDate) -> Vec<AgendaItem> {
        let w = self.week(today);
        w.overdue
            .into_iter()
            .chain(w.days.into_iter().flat_map(|(_, items)| items))
            .collect()
    }
}
