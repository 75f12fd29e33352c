//! The directory's overlays: filters, the quality checklist and the
//! service form.

use crate::ui::context::Context;
use crate::ui::widgets::{field_line, frame_block};
use crate::domain::directory::service_edit::ServiceField;
use super::ServiceForm;
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};


/// The service form.
pub fn service(frame: &mut Frame, cx: &Context, form: &ServiceForm, area: Rect) {
    let t = &cx.theme;
    let mut lines = vec![Line::from("")];
    for (i, (field, value)) in ServiceField::ALL.iter().zip(&form.values).enumerate() {
        let focus = i == form.focus;
        let shown = if value.is_empty() && focus && !field.hint().is_empty() {
            format!("({})", field.hint())
        } else {
            value.clone()
        };
        lines.push(field_line(
            t,
            format!("  {:<18}", field.label()),
            shown,
            focus,
            form.error(*field),
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "  Tab/Enter next field · Ctrl-s save · Esc cancel · edits the first session, address, phone and cost",
        t.style(Role::Muted),
    )));
    let title = if form.adding {
        "Add a service".to_owned()
    } else {
        format!("Edit {}", form.base.name)
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(cx, &title))
            .wrap(Wrap { trim: false }),
        area,
    );
}
