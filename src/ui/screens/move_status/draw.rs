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
            if MoveStatusForm::needs_reason(to) {
                lines.push(Line::from(""));
                lines.push(Line::from(vec![
                    Span::styled("  Reason: ", t.style(Role::Key)),
                    Span::styled(form.reason.clone(), t.style(Role::Text)),
                ]));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                "  Enter to confirm · Esc to cancel",
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

