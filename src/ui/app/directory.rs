//! The directory screen: the search index (loaded in the background when
//! the app opens), the query, filters, the result window, the selected
//! service's full record, and the forms that change a service.

use super::{App, step_option, wrap};
use crate::domain::directory::search::{Results, SearchIndex, Searcher};
use crate::domain::directory::service_edit::{self, ServiceField};
use crate::domain::directory::{
    Category, DirectoryFilter, Organisation, QualityChecks, Service, ServiceFacts, ServiceStatus,
    Verification,
};
use crate::domain::ids::ServiceId;
use crate::store::AuditAction;
use crate::ui::mode::Mode;
use chrono::{NaiveDate, Weekday};
use std::sync::mpsc::{Receiver, TryRecvError};

/// The filter panel's rows.
pub const DIRECTORY_FILTER_ROWS: [&str; 10] = [
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
];

/// Ages offered by the filter when no person is in view.
const AGES: [u32; 7] = [16, 18, 25, 40, 50, 65, 80];

const DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The service on show, read from the store when it is selected.
#[derive(Debug, Clone)]
pub struct ServiceDetail {
    /// The full record.
    pub service: Service,
    /// Its organisation.
    pub organisation: Option<Organisation>,
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
    /// The mode to go back to.
    pub back_to: Option<Mode>,
    /// The plan goal a service is being chosen for (Enter chooses).
    pub picking: Option<usize>,
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

    fn cycle_filter(&mut self, step: isize) {
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
            _ => f.verified_only = !f.verified_only,
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

/// The service form: every field as text, checked on save.
#[derive(Debug, Clone)]
pub struct ServiceForm {
    /// Values in [`ServiceField::ALL`] order.
    pub values: Vec<String>,
    /// The field with the cursor.
    pub focus: usize,
    /// Errors beside fields.
    pub errors: Vec<(ServiceField, String)>,
    /// The service as it was (a blank one when adding).
    pub base: Service,
    /// Whether this adds a new service.
    pub adding: bool,
}

impl ServiceForm {
    /// A form for `service` run by `organisation`.
    pub fn new(service: Service, organisation: &str, adding: bool) -> Self {
        Self {
            values: ServiceField::ALL
                .iter()
                .map(|f| f.get(&service, organisation))
                .collect(),
            focus: 0,
            errors: Vec::new(),
            base: service,
            adding,
        }
    }

    /// The error beside `field`.
    pub fn error(&self, field: ServiceField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    /// Moves the cursor, checking the field it leaves.
    pub fn step(&mut self, step: isize) {
        let field = ServiceField::ALL[self.focus];
        self.errors.retain(|(f, _)| *f != field);
        let mut s = self.base.clone();
        let mut org = String::new();
        if let Err(e) = field.set(&self.values[self.focus], &mut s, &mut org) {
            self.errors.push((field, e));
        }
        self.focus = wrap(self.focus, step, ServiceField::ALL.len());
    }

    /// Applies every value: the service and its organisation's name, or
    /// the errors.
    pub fn apply(&mut self) -> Option<(Service, String)> {
        self.errors.clear();
        let mut s = self.base.clone();
        let mut org = String::new();
        for (field, value) in ServiceField::ALL.iter().zip(&self.values) {
            if let Err(e) = field.set(value, &mut s, &mut org) {
                self.errors.push((*field, e));
            }
        }
        if self.errors.is_empty()
            && let Err(e) = service_edit::check(&s)
        {
            self.errors.push(e);
        }
        self.errors.is_empty().then_some((s, org))
    }
}

/// The quality checklist being ticked.
#[derive(Debug, Clone)]
pub struct QualityForm {
    /// The checks as ticked so far.
    pub checks: QualityChecks,
    /// The highlighted row.
    pub row: usize,
}

/// The checklist's rows.
pub const QUALITY_ROWS: [&str; 4] = [
    "Safeguarding policy seen",
    "Public liability insurance seen",
    "Named contact confirmed",
    "Volunteers DBS-checked (where relevant)",
];

impl QualityForm {
    /// The date recorded for row `row`.
    pub fn date(&self, row: usize) -> Option<NaiveDate> {
        let c = &self.checks;
        [
            c.safeguarding_policy,
            c.insurance,
            c.named_contact,
            c.dbs_checked,
        ]
        .get(row)
        .copied()
        .flatten()
    }

    /// Ticks (dated `today`) or unticks the highlighted row.
    pub fn toggle(&mut self, today: NaiveDate) {
        let c = &mut self.checks;
        let slot = match self.row {
            0 => &mut c.safeguarding_policy,
            1 => &mut c.insurance,
            2 => &mut c.named_contact,
            _ => &mut c.dbs_checked,
        };
        *slot = if slot.is_some() { None } else { Some(today) };
    }
}

impl App {
    /// Starts loading the directory in the background (the app stays
    /// usable; the directory screen says it is loading until it is ready).
    pub fn start_directory_load(&mut self) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        let (tx, rx) = std::sync::mpsc::channel();
        self.directory.loading_from(rx);
        std::thread::spawn(move || {
            let index = backend.directory_index().map_err(|e| e.to_string());
            // The app may have quit; nobody is waiting then.
            let _ = tx.send(index);
        });
    }

    /// Loads the directory now (tests, and the CLI's screen checks).
    pub fn load_directory_now(&mut self) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        match backend.directory_index() {
            Ok(index) => self.directory.set_index(index),
            Err(e) => self.directory.load_error = Some(e.to_string()),
        }
        self.refresh_directory();
    }

    /// Takes the directory when its background load has finished.
    pub fn poll_background(&mut self) {
        if self.directory.poll() {
            self.refresh_directory();
            if self
                .plan_editor
                .as_ref()
                .is_some_and(|e| !e.directory_ready)
            {
                self.refresh_plan_editor();
            }
        }
    }

    fn directory_page(&self) -> usize {
        crate::ui::layout::directory_rows(crate::ui::layout::areas(self.size).body).max(1)
    }

    /// Re-runs the directory search and reads the selected service.
    pub(super) fn refresh_directory(&mut self) {
        let page = self.directory_page();
        self.directory.refresh(self.clock.today(), page);
        self.load_detail();
    }

    fn load_detail(&mut self) {
        let id = self.directory.selected_facts().map(|f| f.id.clone());
        let Some(id) = id else {
            self.directory.detail = None;
            return;
        };
        if self
            .directory
            .detail
            .as_ref()
            .is_some_and(|d| d.service.id == id)
        {
            return;
        }
        let Some(backend) = self.backend.clone() else {
            return;
        };
        match backend.service_detail(&id) {
            Ok(found) => {
                self.directory.detail = found.map(|(service, organisation)| ServiceDetail {
                    service,
                    organisation,
                })
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    /// Opens the directory, for the person in the open case file if any.
    pub(super) fn open_directory(&mut self) {
        self.directory.back_to = Some(self.mode);
        self.directory.for_person = None;
        self.directory.ages.clear();
        if let Some(cf) = &self.case_file {
            let p = &cf.file.person;
            let age = p.age_on(self.clock.today());
            let district = p
                .postcode
                .as_deref()
                .and_then(crate::domain::postcode::district);
            let mut about = vec![p.display_name()];
            if let Some(a) = age {
                about.push(format!("{a}"));
                self.directory.ages = vec![a];
                self.directory.filter.age = Some(a);
            }
            if let Some(d) = district {
                about.push(d.clone());
                self.directory.filter.area = Some(d);
            }
            self.directory.for_person = Some(about.join(", "));
        }
        self.directory.selected = 0;
        self.directory.offset = 0;
        self.mode = Mode::DirectoryFind;
        self.refresh_directory();
    }

    pub(super) fn close_directory(&mut self) {
        self.mode = self.directory.back_to.take().unwrap_or(Mode::Caseload);
        self.directory.picking = None;
        if self.directory.for_person.take().is_some() {
            self.directory.filter.age = None;
            self.directory.filter.area = None;
        }
    }

    pub(super) fn directory_type(&mut self, c: Option<char>) {
        match c {
            Some(c) => self.directory.query.push(c),
            None => {
                self.directory.query.pop();
            }
        }
        self.directory.selected = 0;
        self.directory.offset = 0;
        self.refresh_directory();
    }

    pub(super) fn directory_move(&mut self, step: isize) {
        let page = self.directory_page();
        let d = &mut self.directory;
        let target = d.selected.saturating_add_signed(step);
        // Fetch further results when moving past the window.
        if target >= d.results.hits.len() && d.results.hits.len() < d.results.total {
            d.selected = target;
            d.refresh(self.clock.today(), page);
        }
        let d = &mut self.directory;
        d.selected = target.min(d.results.hits.len().saturating_sub(1));
        d.scroll_into_view(page);
        self.load_detail();
    }

    pub(super) fn directory_to(&mut self, last: bool) {
        let page = self.directory_page();
        let d = &mut self.directory;
        if last && d.results.hits.len() < d.results.total {
            d.selected = d.results.total;
            d.refresh(self.clock.today(), page);
        }
        let d = &mut self.directory;
        d.selected = if last {
            d.results.hits.len().saturating_sub(1)
        } else {
            0
        };
        d.scroll_into_view(page);
        self.load_detail();
    }

    pub(super) fn directory_filter_step(&mut self, step: isize) {
        self.directory.cycle_filter(step);
        self.refresh_directory();
    }

    pub(super) fn directory_filter_row(&mut self, step: isize) {
        let d = &mut self.directory;
        d.filter_row = wrap(d.filter_row, step, DIRECTORY_FILTER_ROWS.len());
    }

    pub(super) fn clear_directory_filters(&mut self) {
        self.directory.filter = DirectoryFilter::default();
        self.directory.selected = 0;
        self.directory.offset = 0;
        self.refresh_directory();
    }

    /// Saves a changed service, puts its new entry in the index and shows
    /// it.
    fn store_service(
        &mut self,
        service: &Service,
        organisation: &str,
        action: AuditAction,
    ) -> bool {
        let Some(backend) = self.backend.clone() else {
            return false;
        };
        match backend.save_service(service, organisation, action) {
            Ok(entry) => {
                let id = entry.facts.id.clone();
                if let Some(index) = self.directory.index.as_mut() {
                    index.upsert(entry);
                }
                self.directory.detail = None;
                let page = self.directory_page();
                self.directory.select_service(&id, self.clock.today(), page);
                self.load_detail();
                true
            }
            Err(e) => {
                self.notify(e.to_string(), true);
                false
            }
        }
    }

    fn detail_parts(&self) -> Option<(Service, String)> {
        let d = self.directory.detail.as_ref()?;
        let org = d
            .organisation
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_else(|| d.service.organization_id.0.clone());
        Some((d.service.clone(), org))
    }

    pub(super) fn verify_service(&mut self) {
        let Some((mut service, org)) = self.detail_parts() else {
            return;
        };
        service.local.last_verified = Some(Verification {
            on: self.clock.today(),
            by: self.worker.clone(),
        });
        if self.store_service(&service, &org, AuditAction::Verified) {
            self.notify(format!("{} marked verified today.", service.name), false);
        }
    }

    pub(super) fn retire_service(&mut self) {
        let Some((mut service, org)) = self.detail_parts() else {
            return;
        };
        let (status, action, said) = if service.status == ServiceStatus::Defunct {
            (
                ServiceStatus::Active,
                AuditAction::Reinstated,
                "is active again",
            )
        } else {
            (
                ServiceStatus::Defunct,
                AuditAction::Retired,
                "retired (R again brings it back)",
            )
        };
        service.status = status;
        if self.store_service(&service, &org, action) {
            self.notify(format!("{} {said}.", service.name), false);
        }
    }

    pub(super) fn start_quality_checks(&mut self) {
        if let Some(d) = &self.directory.detail {
            self.quality_form = Some(QualityForm {
                checks: d.service.local.qa.clone(),
                row: 0,
            });
            self.mode = Mode::QualityChecks;
        }
    }

    pub(super) fn save_quality_checks(&mut self) {
        let Some(form) = self.quality_form.take() else {
            return;
        };
        self.mode = Mode::Directory;
        let Some((mut service, org)) = self.detail_parts() else {
            return;
        };
        if service.local.qa == form.checks {
            return;
        }
        service.local.qa = form.checks;
        if self.store_service(&service, &org, AuditAction::QualityChecked) {
            self.notify(
                format!(
                    "Quality checks of {} saved ({} of 4).",
                    service.name,
                    service.local.qa.passed()
                ),
                false,
            );
        }
    }

    pub(super) fn start_service_form(&mut self, adding: bool) {
        let form = if adding {
            let Some(backend) = self.backend.clone() else {
                return;
            };
            match backend.new_service_id() {
                Ok(id) => {
                    let mut s = crate::domain::directory::blank_service(id);
                    // Added by a worker who has just spoken to them.
                    s.local.last_verified = Some(Verification {
                        on: self.clock.today(),
                        by: self.worker.clone(),
                    });
                    ServiceForm::new(s, "", true)
                }
                Err(e) => {
                    self.notify(e.to_string(), true);
                    return;
                }
            }
        } else {
            let Some((service, org)) = self.detail_parts() else {
                return;
            };
            ServiceForm::new(service, &org, false)
        };
        self.service_form = Some(form);
        self.mode = Mode::ServiceForm;
    }

    pub(super) fn save_service_form(&mut self) {
        let Some(form) = self.service_form.as_mut() else {
            return;
        };
        let Some((service, org)) = form.apply() else {
            self.notify("Some fields need another look (marked ✗).", true);
            return;
        };
        let adding = form.adding;
        let action = if adding {
            AuditAction::Created
        } else {
            AuditAction::Updated
        };
        if adding {
            // Show the new service whatever the query was.
            self.directory.query.clear();
        }
        if self.store_service(&service, &org, action) {
            self.service_form = None;
            self.mode = Mode::Directory;
            let verb = if adding { "added" } else { "saved" };
            self.notify(format!("{} {verb}.", service.name), false);
        }
    }
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

    #[test]
    fn quality_rows_tick_and_untick_with_the_date() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut f = QualityForm {
            checks: QualityChecks::default(),
            row: 2,
        };
        f.toggle(today);
        assert_eq!(f.checks.named_contact, Some(today));
        assert_eq!(f.date(2), Some(today));
        f.toggle(today);
        assert_eq!(f.checks.named_contact, None);
    }
}
