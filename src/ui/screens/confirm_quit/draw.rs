//! Drawing the question.

use super::ConfirmQuit;
use crate::ui::context::Context;
use crate::ui::theme::Role;
use crate::ui::widgets::frame_block;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Draws the question in a small box in the middle of `area`.
pub fn draw(frame: &mut Frame, cx: &Context, q: &ConfirmQuit, area: Rect) {
    let t = &cx.theme;
    let height = 7.min(area.height);
    let rect = Rect {
        y: area.y + area.height.saturating_sub(height) / 2,
        height,
        ..area
    };
    let (said, keys, title) = if q.form_only {
        (
            format!("  Closing the form throws away {}: it is not saved yet.", q.losing),
            "  y throw it away · n or Esc go back to it",
            "Throw it away?",
        )
    } else {
        (
            format!("  Leaving now loses {}: it is not saved yet.", q.losing),
            "  y leave without saving · n or Esc go back to it",
            "Leave linkwork?",
        )
    };
    let lines = vec![
        Line::from(""),
        Line::from(Span::styled(said, t.style(Role::Warning))),
        Line::from(""),
        Line::from(Span::styled(keys, t.style(Role::KeyHint))),
    ];
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(cx, title))
            .wrap(Wrap { trim: false }),
        rect,
    );
}
