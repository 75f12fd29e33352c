//! Drawing: a pure function of [`App`]. Rows are built only for the
//! visible window.

mod caseload;
mod chrome;
mod help;
mod lock;

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
    chrome::title(frame, app, areas.title);
    caseload::draw(frame, app, areas.body);
    chrome::footer(frame, app, areas.footer);
    chrome::status(frame, app, areas.status);
    if app.mode == Mode::Help {
        help::draw(frame, app, layout::overlay(area));
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
