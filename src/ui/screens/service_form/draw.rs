//! Drawing the service form: every field over as many lines as its value
//! needs, scrolled to keep the field being typed in view.

use super::ServiceForm;
use crate::domain::directory::service_edit::ServiceField;
use crate::ui::context::Context;
use crate::ui::theme::Role;
use crate::ui::widgets::{field_lines, frame_block, scroll_to, wrap_words};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The service form.
pub fn service(frame: &mut Frame, cx: &Context, form: &ServiceForm, area: Rect) {
    let t = &cx.theme;
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines = vec![Line::from("")];
    // The first and last line of the field with the cursor.
    let mut focus_rows = (0, 0);
    for (i, (field, value)) in ServiceField::ALL.iter().zip(&form.values).enumerate() {
        let focus = i == form.focus;
        let shown = if value.is_empty() && focus && !field.hint().is_empty() {
            format!("({})", field.hint())
        } else {
            value.clone()
        };
        let label = format!("  {:<18}", field.label());
        let field = field_lines(t, &label, &shown, focus, form.error(*field), width);
        if focus {
            focus_rows = (lines.len(), lines.len() + field.len());
        }
        lines.extend(field);
    }
    lines.push(Line::from(""));
    let help = "Tab/Enter next field · Ctrl-s save · Esc cancel · When takes every session, with ; between; the first address, phone and cost are edited here";
    for part in wrap_words(help, width.saturating_sub(2)) {
        lines.push(Line::from(Span::styled(
            format!("  {part}"),
            t.style(Role::Muted),
        )));
    }
    let title = if form.adding {
        "Add a service".to_owned()
    } else {
        format!("Edit {}", form.base.name)
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(cx, &title))
            .scroll((scroll_to(focus_rows, area.height), 0)),
        area,
    );
}
