//! The directory's overlays: filters, the quality checklist and the
//! service form.

use crate::ui::context::Context;
use crate::ui::widgets::frame_block;
use crate::domain::directory::day_name;
use super::DIRECTORY_FILTER_ROWS;
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

fn on_off(on: bool) -> Option<String> {
    on.then(|| "yes".to_owned())
}

/// The filter panel.
pub fn filter(frame: &mut Frame, cx: &Context, area: Rect) {
    let t = &cx.theme;
    let d = &cx.directory;
    let f = &d.filter;
    let values = [
        f.category.map(|c| c.label().to_owned()),
        on_off(f.free_only),
        f.day.map(|x| day_name(x).to_owned()),
        on_off(f.evenings),
        on_off(f.weekends),
        f.area.clone(),
        f.age.map(|a| a.to_string()),
        on_off(f.accessible),
        on_off(f.active_only),
        on_off(f.verified_only),
        on_off(f.to_check),
    ];
    let mut lines = vec![Line::from("")];
    for (i, (label, value)) in DIRECTORY_FILTER_ROWS.iter().zip(values).enumerate() {
        let here = i == d.filter_row;
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {label:<24}"),
                t.style(if here { Role::Selection } else { Role::Text }),
            ),
            Span::styled(
                format!("‹ {} ›", value.unwrap_or_else(|| "any".into())),
                t.style(if here { Role::Key } else { Role::Muted }),
            ),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!(
            "  {} pass",
            crate::domain::text::count(d.results.total, "service", "services")
        ),
        t.style(Role::Info),
    )));
    let rect = Rect {
        height: area.height.min(16),
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(frame_block(cx, "Directory filters")),
        rect,
    );
}
