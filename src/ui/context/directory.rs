//! The directory the screens share: loading its index in the background,
//! searching, moving through the results, reading the service on show and
//! saving a changed service into the store and the index.

use super::Context;
use crate::domain::directory::{DirectoryFilter, Service, ServiceStatus, Verification};
use crate::store::AuditAction;
use crate::ui::screens::directory::{DIRECTORY_FILTER_ROWS, ServiceDetail};
use crate::ui::widgets::wrap;

impl Context {
    /// Starts loading the directory in the background (the app stays
    /// usable; the directory screen says it is loading until it is ready).
    pub fn start_directory_load(&mut self) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        let (tx, rx) = std::sync::mpsc::channel();
        self.directory.loading_from(rx);
        std::thread::spawn(move || {
            let index = backend
                .directory_index()
                .map(|mut index| {
                    index.prepare_for_typing();
                    index
                })
                .map_err(|e| e.to_string());
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
            Ok(mut index) => {
                index.prepare_for_typing();
                self.directory.set_index(index);
            }
            Err(e) => self.directory.load_error = Some(e.to_string()),
        }
        self.refresh_directory();
    }

    /// How many directory rows fit on screen.
    pub fn directory_page(&self) -> usize {
        crate::ui::layout::directory_rows(crate::ui::layout::areas(self.size).body).max(1)
    }

    /// Re-runs the directory search and reads the selected service.
    pub fn refresh_directory(&mut self) {
        let page = self.directory_page();
        self.directory.refresh(self.clock.today(), page);
        self.load_detail();
    }

    /// Reads the selected service's full record (once per selection).
    pub fn load_detail(&mut self) {
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
            self.explain_detail();
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
                    why: (String::new(), Vec::new()),
                });
                self.explain_detail();
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    /// Says, in the detail pane, why the selected service matched the
    /// query (once per query and selection).
    fn explain_detail(&mut self) {
        let d = &mut self.directory;
        let hit = d.results.hits.get(d.selected).map(|h| h.index);
        let (Some(detail), Some(index), Some(hit)) = (d.detail.as_mut(), d.index.as_ref(), hit)
        else {
            return;
        };
        if detail.why.0 != d.query {
            detail.why = (d.query.clone(), index.explain(hit, &d.query));
        }
    }

    /// Types into (or, with `None`, deletes from) the directory query.
    pub fn directory_type(&mut self, c: Option<char>) {
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

    /// Empties the search box (Ctrl-u).
    pub fn directory_clear_query(&mut self) {
        self.directory.query.clear();
        self.directory.selected = 0;
        self.directory.offset = 0;
        self.refresh_directory();
    }

    /// Moves the directory selection.
    pub fn directory_move(&mut self, step: isize) {
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

    /// Selects the first (or last) result.
    pub fn directory_to(&mut self, last: bool) {
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

    /// Steps the value of the highlighted directory filter.
    pub fn directory_filter_step(&mut self, step: isize) {
        self.directory.cycle_filter(step);
        self.refresh_directory();
    }

    /// Moves the highlight in the directory's filter panel.
    pub fn directory_filter_row(&mut self, step: isize) {
        let d = &mut self.directory;
        d.filter_row = wrap(d.filter_row, step, DIRECTORY_FILTER_ROWS.len());
    }

    /// Clears every directory filter.
    pub fn clear_directory_filters(&mut self) {
        self.directory.filter = DirectoryFilter::default();
        self.directory.selected = 0;
        self.directory.offset = 0;
        self.refresh_directory();
    }

    /// Saves a changed service, puts its new entry in the index and shows
    /// it.
    pub fn store_service(
        &mut self,
        service: &Service,
        organisation: &str,
        action: AuditAction,
    ) -> bool {
        let Some(backend) = self.backend.clone() else {
            return false;
        };
        // A pull writes the directory anew and switches to it at its end:
        // a change saved meanwhile could be left behind.
        if self.jobs.running(super::Job::Pull) {
            self.notify(
                "A feed is being pulled: save again once it has finished (nothing was saved).",
                true,
            );
            return false;
        }
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

    /// The service on show and its organisation's name, to change.
    pub fn detail_parts(&self) -> Option<(Service, String)> {
        let d = self.directory.detail.as_ref()?;
        let org = d
            .organisation
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_else(|| d.service.organization_id.0.clone());
        Some((d.service.clone(), org))
    }

    /// Marks the service on show verified today.
    pub fn verify_service(&mut self) {
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

    /// Retires the service on show, or brings it back.
    pub fn retire_service(&mut self) {
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
}
