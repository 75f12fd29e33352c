//! The small ladder, time-limit, discharge and measure form.

use crate::ui::context::Context;
use crate::ui::widgets::{field_line, frame_block};
use super::{CaseworkForm, FieldValue};
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Draws the open casework form into `area`.
pub fn draw(frame: &mut Frame, cx: &Context, f: &CaseworkForm, area: Rect) {
    let t = &cx.theme;
    frame.render_widget(Clear, area);
    let block = frame_block(cx, &f.title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label = f
        .fields
        .iter()
        .map(|x| x.label.chars().count())
        .max()
        .unwrap_or(10)
        .min(36)
        + 4;
    let draft = f.measure_draft();
    let mut lines = vec![Line::from("")];
    for (i, field) in f.fields.iter().enumerate() {
        let focus = i == f.focus;
        let value = match &field.value {
            FieldValue::Text(text) => {
                format!("{text}{}", if focus { "▏" } else { "" })
            }
            FieldValue::Choice { options, index } => {
                format!("‹ {} ›", options.get(*index).map_or("", String::as_str))
            }
        };
        let note = draft
            .as_ref()
            .and_then(|d| i.checked_sub(1).and_then(|item| d.item_note(item)));
        let mut name = crate::domain::text::fit(&field.label, label - 4).to_owned();
        if crate::domain::text::width(&field.label) > label - 4 {
            name = crate::domain::text::fit(&name, label - 5).to_owned();
            name.push('…');
        }
        let mut line = field_line(
            t,
            format!("  {name:<w$}  ", w = label - 4),
            value,
            focus,
            None,
        );
        if let Some(n) = note {
            line.spans
                .push(Span::styled(format!("  {n}"), t.style(Role::Muted)));
        }
        lines.push(line);
    }
    lines.push(Line::from(""));
    if let Some(hint) = f.fields.get(f.focus).and_then(|x| x.key.hint()) {
        lines.push(Line::from(Span::styled(
            format!("  {hint}"),
            t.style(Role::Info),
        )));
    }
    if let Some(d) = &draft {
        // The item being answered, in full, and the score so far.
        if let Some(item) = f
            .focus
            .checked_sub(1)
            .and_then(|i| d.instrument.items().get(i))
        {
            lines.push(Line::from(Span::styled(
                format!("  {item}"),
                t.style(Role::Text),
            )));
        }
        lines.push(Line::from(Span::styled(
            format!("  {}", d.running()),
            t.style(Role::Info),
        )));
        if d.instrument == crate::domain::wellbeing::Instrument::Swemwbs {
            lines.push(Line::from(Span::styled(
                format!("  {}", crate::domain::wellbeing::SWEMWBS_LICENCE_NOTE),
                t.style(Role::Muted),
            )));
        }
    }
    lines.push(Line::from(Span::styled(
        format!("  {}", f.hint),
        t.style(Role::Muted),
    )));
    if let Some(m) = &f.message {
        lines.push(Line::from(Span::styled(
            format!("  {m}"),
            t.style(Role::Danger),
        )));
    }
    let lines = crate::ui::widgets::hanging(lines, usize::from(inner.width));
    frame.render_widget(Paragraph::new(lines), inner);
}
