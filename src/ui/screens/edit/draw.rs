//! Drawing the form.

use crate::ui::context::Context;
use super::EditForm;
use crate::ui::theme::Role;
use crate::ui::widgets::{field_line, frame_block, person_name};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// The edit form.
pub fn draw(frame: &mut Frame, cx: &Context, form: &EditForm, area: Rect) {
    use crate::domain::edit::EditField;
    let t = &cx.theme;
    let mut lines = vec![Line::from("")];
    for (i, (field, value)) in EditField::ALL.iter().zip(&form.values).enumerate() {
        let focus = i == form.focus;
        lines.push(field_line(
            t,
            format!("  {:<22}", field.label()),
            value.clone(),
            focus,
            form.error(*field),
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "  Tab/Enter next field · Ctrl-s save · Esc cancel · consent: yes, no or not asked",
        t.style(Role::Muted),
    )));
    // On a small screen the form scrolls to keep the field being typed
    // in view (and the line under it).
    let inner = usize::from(area.height.saturating_sub(2));
    let scroll = (form.focus + 3).saturating_sub(inner);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(cx, &format!("Edit details of {}", person_name(cx))))
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}

