//! The help overlay, generated from the keymap.

use crate::ui::context::Context;
use crate::ui::mode::Mode;
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The lines of the help overlay: one section per mode, every binding;
/// the section of the screen it was opened from first.
pub fn lines(cx: &Context, from: Mode) -> Vec<Line<'static>> {
    let t = &cx.theme;
    let mut out = Vec::new();
    let order = std::iter::once(from).chain(Mode::ALL.into_iter().filter(|m| *m != from));
    for mode in order {
        if cx.keymap.actions_in(mode).is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::from(""));
        }
        out.push(Line::from(Span::styled(
            mode.title().to_owned(),
            t.style(Role::Header),
        )));
        for (action, keys) in cx.keymap.actions_in(mode) {
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
pub fn draw(frame: &mut Frame, cx: &Context, from: Mode, scroll: usize, area: Rect) {
    let t = &cx.theme;
    // Descriptions too long for the box go on under themselves.
    let lines = crate::ui::widgets::hanging(lines(cx, from), usize::from(area.width.saturating_sub(2)));
    let inner_height = usize::from(area.height.saturating_sub(2));
    let max_scroll = lines.len().saturating_sub(inner_height);
    let scroll = scroll.min(max_scroll);
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
