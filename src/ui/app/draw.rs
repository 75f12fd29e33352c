//! Drawing the stack: the nearest base screen, the footer and status line
//! for the screen on top, then every overlay above the base, in order.
//! A pure function of the app: nothing is read from the store here.

use super::App;
use crate::ui::layout;
use crate::ui::screen::Layer;
use crate::ui::theme::Role;
use crate::ui::widgets::chrome;
use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let areas = layout::areas(area);
    let stack = app.stack();
    if let Some(full) = stack
        .iter()
        .rev()
        .find(|s| s.component().layer() == Layer::Full)
    {
        full.component().draw(frame, &areas, &app.cx);
        return;
    }
    if !layout::fits(area) {
        too_small(frame, app);
        return;
    }
    let base = stack
        .iter()
        .rposition(|s| s.component().layer() == Layer::Base)
        .unwrap_or(0);
    stack[base].component().draw(frame, &areas, &app.cx);
    let leads = stack
        .last()
        .map(|top| top.component().footer_leads(&app.cx))
        .unwrap_or_default();
    chrome::footer(frame, &app.cx, app.mode(), &leads, areas.footer);
    for overlay in &stack[base + 1..] {
        overlay.component().draw(frame, &areas, &app.cx);
    }
    // Last, so a long notice wrapped over the lines above is never hidden.
    chrome::status(frame, &app.cx, areas.status);
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
