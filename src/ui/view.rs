//! Drawing: a pure function of [`App`]. Rows are built only for the
//! visible window.

mod agenda;
mod case_file;
mod caseload;
mod casework_form;
mod chrome;
mod conversation;
mod directory;
mod directory_forms;
mod filter;
mod forms;
mod help;
mod intake;
mod lock;
mod outcomes;
mod palette;
mod plan;
mod reports;

use super::app::App;
use super::layout;
use super::mode::Mode;
use super::theme::Role;
use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if let Some(l) = &app.lock {
        lock::draw(frame, app, l);
        return;
    }
    if !layout::fits(area) {
        too_small(frame, app);
        return;
    }
    let areas = layout::areas(area);
    let in_directory = matches!(
        app.mode,
        Mode::Directory
            | Mode::DirectoryFind
            | Mode::DirectoryFilter
            | Mode::ServiceForm
            | Mode::QualityChecks
    ) || (matches!(app.mode, Mode::Help | Mode::Palette)
        && app.directory.back_to.is_some());
    if in_directory {
        directory::title(frame, app, areas.title);
        directory::draw(frame, app, areas.body);
    } else if let Some(cf) = &app.case_file {
        case_file::draw(frame, app, cf, areas.title, areas.body);
    } else if let Some(r) = &app.reports {
        chrome::title(frame, app, areas.title);
        reports::draw(frame, app, r, areas.body);
    } else if let Some(a) = &app.agenda {
        chrome::title(frame, app, areas.title);
        agenda::draw(frame, app, a, areas.body);
    } else {
        chrome::title(frame, app, areas.title);
        caseload::draw(frame, app, areas.body);
    }
    chrome::footer(frame, app, areas.footer);
    chrome::status(frame, app, areas.status);
    match app.mode {
        Mode::Filter => filter::draw(frame, app, layout::overlay(area)),
        Mode::ContactForm => forms::contact(frame, app, layout::overlay(area)),
        Mode::MoveStatus => forms::move_status(frame, app, layout::overlay(area)),
        Mode::Risk => forms::risk(frame, app, layout::overlay(area)),
        Mode::Intake => intake::draw(frame, app, layout::overlay(area)),
        Mode::Edit => forms::edit(frame, app, layout::overlay(area)),
        Mode::PlanForm => plan::form(frame, app, layout::overlay(area)),
        Mode::CaseworkForm => casework_form::draw(frame, app, layout::overlay(area)),
        Mode::DirectoryFilter => directory_forms::filter(frame, app, layout::overlay(area)),
        Mode::QualityChecks => directory_forms::quality(frame, app, layout::overlay(area)),
        Mode::ServiceForm => directory_forms::service(frame, app, layout::overlay(area)),
        Mode::Palette => palette::draw(frame, app, layout::overlay(area)),
        Mode::Help => help::draw(frame, app, layout::overlay(area)),
        _ => {}
    }
}

fn too_small(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let text = vec![
        Line::from(Span::styled(
            "Make the window larger",
            app.theme.style(Role::Warning),
        )),
        Line::from(Span::styled(
            format!(
                "linkwork needs {}×{}; this is {}×{}.",
                layout::MIN_WIDTH,
                layout::MIN_HEIGHT,
                area.width,
                area.height
            ),
            app.theme.style(Role::Muted),
        )),
    ];
    let y = area.height.saturating_sub(2) / 2;
    let rect = ratatui::layout::Rect {
        y: area.y + y,
        height: area.height.saturating_sub(y).min(2),
        ..area
    };
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(ratatui::widgets::Wrap { trim: true }),
        rect,
    );
}
