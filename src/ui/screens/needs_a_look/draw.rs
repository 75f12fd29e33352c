//! Drawing "Needs a look": a refused change a line (when, whose case,
//! what), the highlighted one's fields below, the refused value beside
//! the one the team holds now.

use super::NeedsALook;
use crate::domain::text::clean;
use crate::ui::context::Context;
use crate::ui::theme::Role;
use crate::ui::widgets::frame_block;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// The overlay.
pub fn needs_a_look(frame: &mut Frame, cx: &Context, list: &NeedsALook, area: Rect) {
    let t = &cx.theme;
    frame.render_widget(Clear, area);
    let n = list.items.len();
    let title = format!(
        "Needs a look: {n} refused change{}",
        if n == 1 { "" } else { "s" }
    );
    let block = frame_block(cx, &title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if list.items.is_empty() {
        frame.render_widget(
            Paragraph::new(
                "Nothing needs a look: every change made here has reached the team. A change the \
                 team's server refuses (made on a view of the case another device had changed) \
                 waits here until you apply it again or drop it.",
            )
            .style(t.style(Role::Muted))
            .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    let list_height = usize::from((inner.height / 3).max(1)).min(n);
    let top = list
        .row
        .saturating_sub(list_height.saturating_sub(1))
        .min(n.saturating_sub(list_height));
    let mut lines: Vec<Line> = list
        .items
        .iter()
        .enumerate()
        .skip(top)
        .take(list_height)
        .map(|(i, item)| {
            let c = &item.conflict;
            let what: Vec<&str> = c.change.records.iter().map(|r| r.label()).collect();
            let text = format!(
                "{} {}  {}  {}",
                if i == list.row { "▸" } else { " " },
                c.change.made_at.format("%-d %b %H:%M"),
                clean(item.person.as_deref().unwrap_or("a case no longer here")),
                what.join(", ")
            );
            let style = if i == list.row {
                t.style(Role::Selection)
            } else {
                t.style(Role::Text)
            };
            Line::from(Span::styled(crate::domain::text::fit(&text, width).to_owned(), style))
        })
        .collect();
    lines.push(Line::from(""));
    if let Some(item) = list.items.get(list.row) {
        lines.push(Line::from(Span::styled(
            format!("Refused: {}", clean(&item.conflict.why)),
            t.style(Role::Warning),
        )));
        if item.lines.is_empty() {
            lines.push(Line::from(Span::styled(
                "The team holds the same values now: applying it again changes nothing.",
                t.style(Role::Muted),
            )));
        }
        for l in &item.lines {
            lines.push(Line::from(vec![
                Span::styled(format!("{} {}: ", l.record, clean(&l.field)), t.style(Role::Header)),
                Span::styled(format!("yours \"{}\"", clean(&l.refused)), t.style(Role::Text)),
                Span::styled(format!("  team now \"{}\"", clean(&l.now)), t.style(Role::Info)),
            ]));
        }
    }
    if let Some(reason) = &list.reason {
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::styled("Why drop it? ", t.style(Role::Header)),
            Span::styled(format!("{}▏", clean(reason)), t.style(Role::Text)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
