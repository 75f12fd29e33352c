//! The directory's shared state: the search index (loaded in the
//! background when the app opens), the query, filters, the result window
//! and the selected service's full record. The plan editor's suggestions
//! read the same index.

use crate::domain::directory::search::{Results, SearchIndex, Searcher};
use crate::domain::directory::{Category, DirectoryFilter, Organisation, Service, ServiceFacts};
use crate::domain::ids::ServiceId;
use crate::ui::widgets::step_option;
use chrono::{NaiveDate, Weekday};
use std::sync::mpsc::{Receiver, TryRecvError};

/// The filter panel's rows.
pub const DIRECTORY_FILTER_ROWS: [&str; 11] = [
    "Category",
    "Free only",
    "Day",
    "Evenings",
    "Weekends",
    "Area",
    "Suits age",
    "Accessible",
    "Active only",
    "Verified in 12 months",
    "Something to check",
];

/// Ages offered by the filter when no person is in view.
const AGES: [u32; 7] = [16, 18, 25, 40, 50, 65, 80];

const DAYS: [Weekday; 7] = crate::domain::directory::WEEK;

/// The service on show, read from the store when it is selected.
#[derive(Debug, Clone)]
pub struct ServiceDetail {
    /// The full record.
    pub service: Service,
    /// Its organisation.
    pub organisation: Option<Organisation>,
    /// Why it matched the query (a phrase per term), and the query that is
    /// for.
    pub why: (String, Vec<String>),
}

/// The directory screen's state.
#[derive(Debug, Default)]
pub struct DirectoryScreen {
    /// The search index, once loaded.
    pub index: Option<SearchIndex>,
    /// Why loading failed, if it did.
    pub load_error: Option<String>,
    loading: Option<Receiver<Result<SearchIndex, String>>>,
    /// The query as typed.
    pub query: String,
    /// Filters in force.
    pub filter: DirectoryFilter,
    /// The current results (a window from the top).
    pub results: Results,
    /// Index into the results of the selected row.
    pub selected: usize,
    /// Index of the first visible row.
    pub offset: usize,
    /// The selected service's record.
    pub detail: Option<ServiceDetail>,
    /// The highlighted row of the filter panel.
    pub filter_row: usize,
    /// Whose needs the directory was opened for (`Jo, 67, M6`).
    pub for_person: Option<String>,
    /// Districts and towns the area filter cycles through.
    pub areas: Vec<String>,
    /// Ages the age filter cycles through.
    pub ages: Vec<u32>,
    searcher: Searcher,
}

impl DirectoryScreen {
    /// Starts waiting for entries from a background load.
    pub fn loading_from(&mut self, rx: Receiver<Result<SearchIndex, String>>) {
        self.loading = Some(rx);
    }

    /// Whether the index is still being loaded.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Takes loaded entries, if they have arrived. Returns whether anything
    /// changed.
    pub fn poll(&mut self) -> bool {
        let Some(rx) = &self.loading else {
            return false;
        };
        match rx.try_recv() {
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.loading = None;
                self.load_error = Some("The directory could not be loaded.".into());
                true
            }
            Ok(result) => {
                self.loading = None;
                match result {
                    Ok(index) => self.set_index(index),
                    Err(e) => self.load_error = Some(e),
                }
                true
            }
        }
    }

    /// Takes a loaded index.
    pub fn set_index(&mut self, index: SearchIndex) {
        let mut areas: Vec<String> = (0..index.len())
            .filter_map(|i| index.facts(i))
            .flat_map(|f| f.districts.iter().cloned().chain([f.town.clone()]))
            .filter(|a| !a.is_empty())
            .collect();
        areas.sort_by_key(|a| district_order(a));
        areas.dedup();
        self.areas = areas;
        self.index = Some(index);
    }

    /// Re-runs the search for the current query and filters, keeping
    /// `page` rows beyond the selection ready.
    pub fn refresh(&mut self, today: NaiveDate, page: usize) {
        let Some(index) = &self.index else {
            return;
        };
        let filter = self.filter.clone();
        let keep = move |f: &ServiceFacts| filter.keeps(f, today);
        let limit = (self.selected + page * 2).max(100);
        self.results = self.searcher.search(index, &self.query, &keep, limit);
        let last = self.results.hits.len().saturating_sub(1);
        self.selected = self.selected.min(last);
        self.scroll_into_view(page);
    }

    /// Selects the service with `id` among the results, if it is there.
    pub fn select_service(&mut self, id: &ServiceId, today: NaiveDate, page: usize) {
        self.refresh(today, page);
        let position = |d: &Self| {
            let index = d.index.as_ref()?;
            d.results
                .hits
                .iter()
                .position(|h| index.facts(h.index).is_some_and(|f| f.id == *id))
        };
        let mut found = position(self);
        if found.is_none() && self.results.hits.len() < self.results.total {
            // Beyond the window: fetch every result once.
            self.selected = self.results.total;
            self.refresh(today, page);
            found = position(self);
        }
        if let Some(pos) = found {
            self.selected = pos;
        }
        self.scroll_into_view(page);
    }

    /// Keeps the selection on screen.
    pub fn scroll_into_view(&mut self, page: usize) {
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }

    /// The facts of the selected service.
    pub fn selected_facts(&self) -> Option<&ServiceFacts> {
        let hit = self.results.hits.get(self.selected)?;
        self.index.as_ref()?.facts(hit.index)
    }

    /// Steps the value of the highlighted filter.
    pub fn cycle_filter(&mut self, step: isize) {
        let f = &mut self.filter;
        match self.filter_row {
            0 => f.category = step_option(&Category::ALL, f.category, step),
            1 => f.free_only = !f.free_only,
            2 => f.day = step_option(&DAYS, f.day, step),
            3 => f.evenings = !f.evenings,
            4 => f.weekends = !f.weekends,
            5 => {
                let pos = f
                    .area
                    .as_ref()
                    .and_then(|a| self.areas.iter().position(|x| x == a));
                let next = step_option(&(0..self.areas.len()).collect::<Vec<_>>(), pos, step);
                f.area = next.map(|i| self.areas[i].clone());
            }
            6 => {
                let ages = if self.ages.is_empty() {
                    AGES.to_vec()
                } else {
                    self.ages.clone()
                };
                f.age = step_option(&ages, f.age, step);
            }
            7 => f.accessible = !f.accessible,
            8 => f.active_only = !f.active_only,
            9 => f.verified_only = !f.verified_only,
            _ => f.to_check = !f.to_check,
        }
        self.selected = 0;
        self.offset = 0;
    }
}

/// Postcode districts in natural order (M3 before M30), then towns.
fn district_order(a: &str) -> (bool, String, u32, String) {
    let letters: String = a.chars().take_while(char::is_ascii_alphabetic).collect();
    let rest = &a[letters.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let is_district = !letters.is_empty() && !digits.is_empty() && letters.len() <= 2;
    (
        !is_district,
        letters,
        digits.parse().unwrap_or(0),
        rest[digits.len()..].to_owned(),
    )
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_sort_naturally_then_towns() {
        let mut a = vec!["M30", "Eccles", "M3", "M6", "BL4", "Swinton"];
        a.sort_by_key(|x| district_order(x));
        assert_eq!(a, ["BL4", "M3", "M6", "M30", "Eccles", "Swinton"]);
    }
}
