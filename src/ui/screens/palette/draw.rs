//! The command palette.


use super::Palette;
use crate::ui::context::Context;
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draws the palette: the query, then matching actions with their keys.
pub fn draw(frame: &mut Frame, cx: &Context, p: &Palette, area: Rect) {
    let t = &cx.theme;
    let mut lines = vec![Line::from(vec![
        Span::styled("  : ", t.style(Role::Key)),
        Span::styled(p.query.clone(), t.style(Role::Text)),
    ])];
    lines.push(Line::from(""));
    let entries = p.entries(&cx.keymap);
    if entries.is_empty() {
        lines.push(Line::from(Span::styled(
            "  No action matches.",
            t.style(Role::Muted),
        )));
    }
    let width = entries
        .iter()
        .map(|(a, _)| a.description_in(p.from).chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let room = usize::from(area.height.saturating_sub(5));
    let start = p.selected.saturating_sub(room.saturating_sub(1));
    for (i, (action, keys)) in entries.iter().enumerate().skip(start).take(room) {
        let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
        let style = if i == p.selected {
            t.style(Role::Selection)
        } else {
            t.style(Role::Text)
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {:<width$}", action.description_in(p.from)),
                style,
            ),
            Span::styled(keys.join(", "), t.style(Role::Key)),
        ]));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.style(Role::Border))
        .title(Span::styled(
            format!(" Commands: {} ", p.from.title()),
            t.style(Role::Title),
        ))
        .title_bottom(Span::styled(
            " type to find · ↑/↓ choose · Enter run · Esc close ",
            t.style(Role::Muted),
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
