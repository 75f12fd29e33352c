//! Drawing the vocabulary list: a term a line (name, code, taxonomy), the
//! highlighted term's parent and description below.

use super::VocabularyList;
use crate::domain::text::clean;
use crate::ui::context::Context;
use crate::ui::theme::Role;
use crate::ui::widgets::frame_block;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// The vocabulary overlay.
pub fn vocabulary(frame: &mut Frame, cx: &Context, list: &VocabularyList, area: Rect) {
    let t = &cx.theme;
    frame.render_widget(Clear, area);
    let title = format!(
        "Vocabulary: {} term{} from the feeds",
        list.rows.len(),
        if list.rows.len() == 1 { "" } else { "s" }
    );
    let block = frame_block(cx, &title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if list.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(
                "No taxonomy terms yet: they come with imported or pulled Open Referral feeds \
                 (taxonomy files, or the terms services are tagged with).",
            )
            .style(t.style(Role::Muted))
            .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    // The list above, the highlighted term's details in the last lines.
    let detail_height = 4.min(inner.height / 3);
    let list_height = inner.height.saturating_sub(detail_height) as usize;
    let top = list
        .row
        .saturating_sub(list_height.saturating_sub(1))
        .min(list.rows.len().saturating_sub(list_height.max(1)));
    let width = inner.width as usize;
    let lines: Vec<Line> = list
        .rows
        .iter()
        .enumerate()
        .skip(top)
        .take(list_height)
        .map(|(i, r)| {
            let here = i == list.row;
            let mut side = Vec::new();
            if let Some(code) = &r.code {
                side.push(clean(code));
            }
            if let Some(taxonomy) = &r.taxonomy {
                side.push(clean(taxonomy));
            }
            let side = side.join(" · ");
            let name = clean(&r.name);
            let room = width.saturating_sub(side.chars().count() + 3);
            let name = crate::domain::text::fit_words(&name, room.max(8));
            Line::from(vec![
                Span::styled(
                    format!(" {name}"),
                    t.style(if here { Role::Selection } else { Role::Text }),
                ),
                Span::styled(format!("  {side}"), t.style(Role::Muted)),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: list_height as u16,
            ..inner
        },
    );
    if let Some(r) = list.rows.get(list.row) {
        let mut about = Vec::new();
        if let Some(parent) = &r.parent {
            about.push(format!("Under: {}.", clean(parent)));
        }
        if let Some(d) = &r.description {
            about.push(clean(d).into_owned());
        }
        let lines = vec![
            Line::from(Span::styled(about.join(" "), t.style(Role::Text))),
            Line::from(Span::styled(
                "Enter searches the directory for it · Esc closes",
                t.style(Role::Muted),
            )),
        ];
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: true }),
            Rect {
                y: inner.y + list_height as u16,
                height: detail_height,
                ..inner
            },
        );
    }
}
