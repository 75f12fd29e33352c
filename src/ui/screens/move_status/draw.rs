//! Drawing the form.

use crate::ui::context::Context;
use super::MoveStatusForm;
use crate::ui::theme::Role;
use crate::ui::widgets::{frame_block, person_name};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// The status move.
pub fn draw(frame: &mut Frame, cx: &Context, form: &MoveStatusForm, area: Rect) {
    let t = &cx.theme;
    let mut lines = vec![Line::from("")];
    match form.chosen {
        None => {
            lines.push(Line::from(Span::styled(
                format!("  Now {}. Move to:", form.from.label()),
                t.style(Role::Text),
            )));
            for (i, s) in form.options.iter().enumerate() {
                let allowed = form.from.can_move_to(*s);
                let style = match (i == form.selected, allowed) {
                    (true, _) => t.style(Role::Selection),
                    (false, true) => t.style(Role::Text),
                    (false, false) => t.style(Role::Muted),
                };
                let note = if allowed { "" } else { "  (not allowed)" };
                lines.push(Line::from(Span::styled(
                    format!("    {}{note}", s.label()),
                    style,
                )));
            }
        }
        Some(to) => {
            lines.push(Line::from(Span::styled(
                format!(
                    "  Move {} from {} to {}?",
                    person_name(cx),
                    form.from.label(),
                    to.label()
                ),
                t.style(Role::Title),
            )));
            let field = |label: &str, value: &str, focus: bool| {
                let style = if focus {
                    t.style(Role::Selection)
                } else {
                    t.style(Role::Text)
                };
                Line::from(vec![
                    Span::styled(format!("  {label:<9}"), t.style(Role::Key)),
                    Span::styled(value.to_owned(), style),
                ])
            };
            lines.push(Line::from(""));
            lines.push(field("When:", &form.on, form.on_date));
            let reason = if MoveStatusForm::needs_reason(to) {
                "Reason:"
            } else {
                "Note:"
            };
            lines.push(field(reason, &form.reason, !form.on_date));
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                "  When it happened (today, 5/12, -3) · ↑/↓ date or reason · Enter to confirm · Esc to cancel",
                t.style(Role::Muted),
            )));
        }
    }
    if let Some(m) = &form.message {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("  {m}"),
            t.style(Role::Danger),
        )));
    }
    let rect = Rect {
        height: area.height.min(16),
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(cx, "Move status"))
            .wrap(Wrap { trim: false }),
        rect,
    );
}

