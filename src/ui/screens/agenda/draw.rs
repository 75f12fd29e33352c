//! The agenda: overdue items on top, then seven days from the week's
//! first, each item with its time, the person and what it is.

use crate::ui::context::Context;
use crate::ui::widgets::frame_block;
use crate::domain::agenda::{AgendaItem, AgendaKind};
use super::AgendaScreen;
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn item_line(cx: &Context, item: &AgendaItem, selected: bool, overdue: bool) -> Line<'static> {
    let t = &cx.theme;
    let time = match (overdue, item.time) {
        (true, _) => item.on.format("%a %-d %b").to_string(),
        (false, Some(time)) => time.format("%H:%M").to_string(),
        (false, None) => "–".into(),
    };
    let role = if selected {
        Role::Selection
    } else if overdue {
        Role::Danger
    } else if matches!(item.kind, AgendaKind::Visit { .. }) {
        Role::Text
    } else {
        Role::Muted
    };
    Line::from(vec![
        Span::styled(if selected { " ▸ " } else { "   " }, t.style(role)),
        Span::styled(format!("{time:<11}"), t.style(role)),
        Span::styled(format!("{:<24}", item.name), t.style(role)),
        Span::styled(item.kind.describe(), t.style(role)),
    ])
}

/// Draws the agenda into `area`.
pub fn draw(frame: &mut Frame, cx: &Context, a: &AgendaScreen, area: Rect) {
    let t = &cx.theme;
    let start = a.start(cx.clock.today());
    let end = start + chrono::Duration::days(6);
    let title = format!(
        "Agenda · {} to {}",
        start.format("%a %-d %b"),
        end.format("%a %-d %b %Y")
    );
    let block = frame_block(cx, &title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let week = a.week(cx.clock.today());
    let mut lines: Vec<Line> = Vec::new();
    let mut row = 0;
    let mut selected_line = 0;
    if !week.overdue.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" Overdue ({})", week.overdue.len()),
            t.style(Role::Danger),
        )));
        for item in &week.overdue {
            if row == a.selected {
                selected_line = lines.len();
            }
            lines.push(item_line(cx, item, row == a.selected, true));
            row += 1;
        }
        lines.push(Line::from(""));
    }
    for (day, items) in &week.days {
        let label = if *day == cx.clock.today() {
            format!(" Today, {}", day.format("%A %-d %B"))
        } else {
            format!(" {}", day.format("%A %-d %B"))
        };
        lines.push(Line::from(Span::styled(label, t.style(Role::Header))));
        if items.is_empty() {
            lines.push(Line::from(Span::styled(
                "   nothing planned",
                t.style(Role::Muted),
            )));
        }
        for item in items {
            if row == a.selected {
                selected_line = lines.len();
            }
            lines.push(item_line(cx, item, row == a.selected, false));
            row += 1;
        }
    }
    let height = usize::from(inner.height);
    let scroll = (selected_line + 3).saturating_sub(height);
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
        inner,
    );
}
