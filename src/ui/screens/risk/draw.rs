//! Drawing the form.

use crate::ui::context::Context;
use super::{RISK_KINDS, RiskForm};
use crate::ui::theme::Role;
use crate::ui::widgets::frame_block;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Raising or clearing a risk flag.
pub fn draw(frame: &mut Frame, cx: &Context, form: &RiskForm, area: Rect) {
    let t = &cx.theme;
    let mut lines = vec![Line::from("")];
    let sel = |i: usize| {
        if form.selected == i {
            t.style(Role::Selection)
        } else {
            t.style(Role::Text)
        }
    };
    lines.push(Line::from(Span::styled(
        format!("  Raise a new flag: ‹ {} ›", RISK_KINDS[form.kind].label()),
        sel(0),
    )));
    if let Some(cf) = &cx.case_file {
        for (i, flag) in cf.file.case.active_risks().enumerate() {
            lines.push(Line::from(Span::styled(
                format!(
                    "  Clear: {} (raised {})",
                    flag.kind.label(),
                    flag.raised.format("%-d %b")
                ),
                sel(i + 1),
            )));
        }
    }
    lines.push(Line::from(""));
    let cursor = |on: bool| if on { "▏" } else { "" };
    lines.push(Line::from(vec![
        Span::styled("  Note: ", t.style(Role::Key)),
        Span::styled(
            format!("{}{}", form.note, cursor(!form.on_date)),
            t.style(Role::Text),
        ),
    ]));
    lines.push(Line::from(vec![
        Span::styled("  On:   ", t.style(Role::Key)),
        Span::styled(
            format!("{}{}", form.on, cursor(form.on_date)),
            t.style(Role::Text),
        ),
    ]));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "  ↑/↓ choose · ←/→ kind · Tab note/day · Enter save · Esc",
        t.style(Role::Muted),
    )));
    if let Some(m) = &form.message {
        lines.push(Line::from(Span::styled(
            format!("  {m}"),
            t.style(Role::Danger),
        )));
    }
    let rect = Rect {
        height: area.height.min(14),
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(cx, "Risk flags"))
            .wrap(Wrap { trim: false }),
        rect,
    );
}

