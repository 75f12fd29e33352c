//! The community directory: search as you type, filters, the detail of
//! the service on show, and the keys that verify, check, retire, add or
//! edit a service, or choose it for a plan goal.

mod draw;
mod forms_draw;
mod state;

pub use state::{DIRECTORY_FILTER_ROWS, DirectoryScreen, ServiceDetail};

use crate::domain::directory::Verification;
use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effect, Effects, Layer, Message, push};
use crate::ui::screens::{QualityForm, ServiceForm, VocabularyList};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Which part of the directory has the keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DirectoryPart {
    /// The results and the detail.
    #[default]
    List,
    /// Typing the query.
    Find,
    /// The filter panel.
    Filter,
}

/// The directory screen (its index and results are the context's shared
/// directory).
#[derive(Debug, Clone, Default)]
pub struct DirectoryView {
    /// Which part has the keys.
    pub part: DirectoryPart,
    /// The plan goal a service is being chosen for (Enter chooses).
    pub picking: Option<usize>,
}

/// Opens the directory, for the person in the open case file if any:
/// a clean search, filtered to services that suit their age and are
/// within the distance they said they will travel (the filter line shows
/// both; `x` clears them). With `picking`, Enter chooses a service for
/// that plan goal.
pub fn open(cx: &mut Context, picking: Option<usize>) -> Effects {
    cx.directory.for_person = None;
    cx.directory.ages.clear();
    if let Some(cf) = &cx.case_file {
        let p = &cf.file.person;
        let age = p.age_on(cx.clock.today());
        let district = p
            .postcode
            .as_deref()
            .and_then(crate::domain::postcode::district);
        let travel = cf
            .file
            .conversations
            .last()
            .map(|c| &c.preferences)
            .filter(|p| !p.any_distance)
            .and_then(|p| p.max_travel_miles);
        let mut about = vec![p.display_name()];
        if let Some(a) = age {
            about.push(format!("{a}"));
            cx.directory.ages = vec![a];
            cx.directory.filter.age = Some(a);
        }
        if let Some(d) = district {
            about.push(d.clone());
            cx.directory.filter.reach = travel.map(|miles| crate::domain::reach::Reach {
                home: d,
                miles,
            });
        }
        cx.directory.for_person = Some(about.join(", "));
        cx.directory.query.clear();
    }
    cx.directory.selected = 0;
    cx.directory.offset = 0;
    cx.refresh_directory();
    push(DirectoryView {
        part: DirectoryPart::Find,
        picking,
    })
}

/// `P`: pulls every feed named in config.toml on a thread of its own
/// (the screen stays live); the feed diff comes back as a notice, and the
/// directory is read again.
fn pull_feeds(cx: &mut Context) {
    use crate::ui::context::{Job, JobResult};
    if cx.feeds.is_empty() {
        cx.notify(
            "No feeds are named in config.toml: add [[feeds]] with name = \"...\" and url = \"https://...\" (see the README).",
            true,
        );
        return;
    }
    let Some(backend) = cx.backend() else {
        return;
    };
    if cx.read_only.is_some() {
        cx.notify("Nothing can be saved here, so no feed is pulled.", true);
        return;
    }
    let feeds = cx.feeds.clone();
    let today = cx.clock.today();
    let names: Vec<&str> = feeds.iter().map(|f| f.name.as_str()).collect();
    cx.notify(format!("Pulling {}…", names.join(", ")), false);
    cx.jobs.spawn(Job::Pull, move || {
        JobResult::Pull(
            feeds
                .into_iter()
                .map(|f| {
                    let pulled = backend.pull_feed(&f.url, today);
                    (f.name, pulled)
                })
                .collect(),
        )
    });
}

/// Closes the directory (a person's filters go with it), perhaps with a
/// message for the screen below.
fn close(cx: &mut Context, message: Option<Message>) -> Effects {
    if cx.directory.for_person.take().is_some() {
        cx.directory.filter.age = None;
        cx.directory.filter.reach = None;
    }
    vec![match message {
        Some(m) => Effect::PopWith(m),
        None => Effect::Pop,
    }]
}

impl DirectoryView {
    /// Enter on a result: when opened from a plan goal, choose it.
    fn choose(&self, cx: &mut Context) -> Effects {
        let Some(goal) = self.picking else {
            cx.notify(
                "To choose a service for a goal, open the directory from the plan (p, then /).",
                false,
            );
            return Vec::new();
        };
        let Some(service) = cx.directory.selected_facts().map(|f| f.id.clone()) else {
            return Vec::new();
        };
        close(cx, Some(Message::ServiceChosen { goal, service }))
    }

    fn quality_checks(cx: &mut Context) -> Effects {
        match &cx.directory.detail {
            Some(d) => push(QualityForm {
                checks: d.service.local.qa.clone(),
                row: 0,
            }),
            None => Vec::new(),
        }
    }

    fn vocabulary(cx: &mut Context) -> Effects {
        let Some(backend) = cx.backend() else {
            return Vec::new();
        };
        match backend.vocabulary() {
            Ok(v) => push(VocabularyList::new(v.rows())),
            Err(e) => {
                cx.notify(format!("The vocabulary could not be read: {e}"), true);
                Vec::new()
            }
        }
    }

    fn service_form(cx: &mut Context, adding: bool) -> Effects {
        let form = if adding {
            let Some(backend) = cx.backend() else {
                return Vec::new();
            };
            match backend.new_service_id() {
                Ok(id) => {
                    let mut s = crate::domain::directory::blank_service(id);
                    // Added by a worker who has just spoken to them.
                    s.local.last_verified = Some(Verification {
                        on: cx.clock.today(),
                        by: cx.worker.clone(),
                    });
                    ServiceForm::new(s, "", true)
                }
                Err(e) => {
                    cx.notify(e.to_string(), true);
                    return Vec::new();
                }
            }
        } else {
            let Some((service, org)) = cx.detail_parts() else {
                return Vec::new();
            };
            ServiceForm::new(service, &org, false)
        };
        push(form)
    }

    fn list_action(&mut self, action: Action, cx: &mut Context) -> Effects {
        let page = cx.visible_rows() as isize;
        match action {
            Action::Open => return self.choose(cx),
            Action::MoveDown => cx.directory_move(1),
            Action::MoveUp => cx.directory_move(-1),
            Action::PageDown => cx.directory_move(page),
            Action::PageUp => cx.directory_move(-page),
            Action::First => cx.directory_to(false),
            Action::Last => cx.directory_to(true),
            Action::Find => self.part = DirectoryPart::Find,
            Action::Back => return close(cx, None),
            Action::Filter => self.part = DirectoryPart::Filter,
            Action::ClearFilters => cx.clear_directory_filters(),
            Action::VerifyToday => cx.verify_service(),
            Action::RetireService => cx.retire_service(),
            Action::PullFeeds => pull_feeds(cx),
            Action::Vocabulary => return Self::vocabulary(cx),
            Action::QualityChecks => return Self::quality_checks(cx),
            Action::AddService => return Self::service_form(cx, true),
            Action::Edit => return Self::service_form(cx, false),
            _ => {}
        }
        Vec::new()
    }

    fn find_action(&mut self, action: Action, cx: &mut Context) -> Effects {
        let page = cx.visible_rows() as isize;
        match action {
            Action::MoveDown => cx.directory_move(1),
            Action::MoveUp => cx.directory_move(-1),
            Action::PageDown => cx.directory_move(page),
            Action::PageUp => cx.directory_move(-page),
            Action::Open => self.part = DirectoryPart::List,
            Action::Back if cx.directory.query.is_empty() => return close(cx, None),
            Action::Back => {
                cx.directory.query.clear();
                cx.directory.selected = 0;
                cx.refresh_directory();
            }
            _ => {}
        }
        Vec::new()
    }

    fn filter_action(&mut self, action: Action, cx: &mut Context) -> Effects {
        match action {
            Action::MoveDown => cx.directory_filter_row(1),
            Action::MoveUp => cx.directory_filter_row(-1),
            Action::NextValue => cx.directory_filter_step(1),
            Action::PrevValue => cx.directory_filter_step(-1),
            Action::ClearFilters => cx.clear_directory_filters(),
            Action::Back => self.part = DirectoryPart::List,
            _ => {}
        }
        Vec::new()
    }
}

impl Component for DirectoryView {
    fn mode(&self) -> Mode {
        match self.part {
            DirectoryPart::List => Mode::Directory,
            DirectoryPart::Find => Mode::DirectoryFind,
            DirectoryPart::Filter => Mode::DirectoryFilter,
        }
    }

    fn layer(&self) -> Layer {
        Layer::Base
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        match self.part {
            DirectoryPart::List => self.list_action(action, cx),
            DirectoryPart::Find => self.find_action(action, cx),
            DirectoryPart::Filter => self.filter_action(action, cx),
        }
    }

    fn clear_field(&mut self, cx: &mut Context) -> bool {
        if self.part != DirectoryPart::Find {
            return false;
        }
        cx.directory_clear_query();
        true
    }

    fn type_key(&mut self, key: &KeyEvent, cx: &mut Context) -> Option<Effects> {
        if self.part != DirectoryPart::Find {
            return None;
        }
        match key.code {
            KeyCode::Char(c) => cx.directory_type(Some(c)),
            KeyCode::Backspace => cx.directory_type(None),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        draw::title(frame, cx, self.picking, areas.title);
        draw::draw(frame, cx, self.part == DirectoryPart::Find, areas.body);
        if self.part == DirectoryPart::Filter {
            forms_draw::filter(frame, cx, areas.overlay);
        }
    }
}
