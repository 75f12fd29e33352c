//! The filter panel.

use crate::ui::context::Context;
use crate::ui::app::{FILTER_ROWS};
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draws the filter panel.
pub fn draw(frame: &mut Frame, cx: &Context, filter_row: usize, area: Rect) {
    let t = &cx.theme;
    let f = &cx.caseload.filter;
    let values = [
        f.status.map(|s| s.label().to_owned()),
        f.need.map(|n| n.label().to_owned()),
        f.source.map(|s| s.label().to_owned()),
        f.flag.map(|fl| fl.short().to_owned()),
    ];
    let mut lines = vec![Line::from("")];
    for (i, (label, value)) in FILTER_ROWS.iter().zip(values).enumerate() {
        let style = if i == filter_row {
            t.style(Role::Selection)
        } else {
            t.style(Role::Text)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {label:<18}"), style),
            Span::styled(
                format!("‹ {} ›", value.unwrap_or_else(|| "any".into())),
                if i == filter_row {
                    t.style(Role::Key)
                } else {
                    t.style(Role::Muted)
                },
            ),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!(
            "  {} pass",
            crate::domain::text::count(cx.caseload.shown.len(), "case", "cases")
        ),
        t.style(Role::Info),
    )));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.style(Role::Border))
        .title(Span::styled(" Filter ", t.style(Role::Title)));
    let rect = Rect {
        height: area.height.min(10),
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
