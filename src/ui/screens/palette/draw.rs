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
    // Keys first, in a column of their own, so a long description never
    // hides them; the description takes the rest of the line.
    let keys_of = |keys: &[crate::ui::keymap::KeyChord]| -> String {
        keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    };
    let key_width = entries
        .iter()
        .map(|(_, keys)| crate::domain::text::width(&keys_of(keys)))
        .max()
        .unwrap_or(0)
        .min(16);
    let room_cols = usize::from(area.width.saturating_sub(2)).saturating_sub(key_width + 5);
    let room = usize::from(area.height.saturating_sub(5));
    let start = p.selected.saturating_sub(room.saturating_sub(1));
    for (i, (action, keys)) in entries.iter().enumerate().skip(start).take(room) {
        let style = if i == p.selected {
            t.style(Role::Selection)
        } else {
            t.style(Role::Text)
        };
        let keys = crate::domain::text::fit_words(&keys_of(keys), key_width).into_owned();
        let pad = key_width.saturating_sub(crate::domain::text::width(&keys));
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("{keys}{}", " ".repeat(pad)), t.style(Role::Key)),
            Span::raw("   "),
            Span::styled(
                crate::domain::text::fit_words(action.description_in(p.from), room_cols)
                    .into_owned(),
                style,
            ),
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
