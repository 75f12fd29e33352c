//! The directory's overlays: filters, the quality checklist and the
//! service form.

use crate::ui::context::Context;
use crate::ui::widgets::frame_block;
use super::{QUALITY_ROWS, QualityForm};
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};


/// The quality-assurance checklist.
pub fn quality(frame: &mut Frame, cx: &Context, form: &QualityForm, area: Rect) {
    let t = &cx.theme;
    let name = cx
        .directory
        .detail
        .as_ref()
        .map_or(String::new(), |d| d.service.name.clone());
    let mut lines = vec![Line::from("")];
    for (i, label) in QUALITY_ROWS.iter().enumerate() {
        let here = i == form.row;
        let (mark, when, role) = match form.date(i) {
            Some(d) => (
                "[x]",
                format!("seen {}", d.format("%-d %b %Y")),
                Role::Success,
            ),
            None => ("[ ]", "not seen".to_owned(), Role::Muted),
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {mark} {label:<42}"),
                t.style(if here { Role::Selection } else { Role::Text }),
            ),
            Span::styled(when, t.style(role)),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "  Space ticks a check as seen today · Enter saves · Esc cancels",
        t.style(Role::Muted),
    )));
    let rect = Rect {
        height: area.height.min(10),
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(cx, &format!("Quality checks: {name}")))
            .wrap(Wrap { trim: false }),
        rect,
    );
}
