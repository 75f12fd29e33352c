//! Drawing the form.

use super::EditForm;
use crate::ui::context::Context;
use crate::ui::theme::Role;
use crate::ui::widgets::{field_lines, frame_block, person_name, scroll_to, wrap_words};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The edit form.
pub fn draw(frame: &mut Frame, cx: &Context, form: &EditForm, area: Rect) {
    use crate::domain::edit::EditField;
    let t = &cx.theme;
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines = vec![Line::from("")];
    let mut focus_rows = (0, 0);
    for (i, (field, value)) in EditField::ALL.iter().zip(&form.values).enumerate() {
        let focus = i == form.focus;
        let shown = match field.hint() {
            Some(hint) if focus && value.is_empty() => format!("({hint})"),
            _ => value.clone(),
        };
        let label = format!("  {:<22}", field.label());
        let field = field_lines(t, &label, &shown, focus, form.error(*field), width);
        if focus {
            focus_rows = (lines.len(), lines.len() + field.len());
        }
        lines.extend(field);
    }
    lines.push(Line::from(""));
    let help = "Tab/Enter next field · Ctrl-s save · Esc cancel · consent: yes, no or not asked";
    for part in wrap_words(help, width.saturating_sub(2)) {
        lines.push(Line::from(Span::styled(
            format!("  {part}"),
            t.style(Role::Muted),
        )));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(cx, &format!("Edit details of {}", person_name(cx))))
            .scroll((scroll_to(focus_rows, area.height), 0)),
        area,
    );
}
