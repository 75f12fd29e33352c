//! The help overlay, generated from the keymap.

use crate::ui::app::App;
use crate::ui::mode::Mode;
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The lines of the help overlay: one section per mode, every binding.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out = Vec::new();
    for mode in Mode::ALL {
        if !out.is_empty() {
            out.push(Line::from(""));
        }
        out.push(Line::from(Span::styled(
            mode.title().to_owned(),
            t.style(Role::Header),
        )));
        for (action, keys) in app.keymap.actions_in(mode) {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            out.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys.join(", ")), t.style(Role::Key)),
                Span::styled(action.description_in(mode).to_owned(), t.style(Role::Text)),
            ]));
        }
    }
    out
}

/// Draws the overlay.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let lines = lines(app);
    let inner_height = usize::from(area.height.saturating_sub(2));
    let max_scroll = lines.len().saturating_sub(inner_height);
    let scroll = app.help_scroll.min(max_scroll);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.style(Role::Border))
        .title(Span::styled(" Keys ", t.style(Role::Title)))
        .title_bottom(Span::styled(" ? or Esc to close ", t.style(Role::Muted)));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}
