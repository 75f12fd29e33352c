//! The directory's overlays: filters, the quality checklist and the
//! service form.

use super::forms::{field_line, frame_block};
use crate::domain::directory::day_name;
use crate::domain::directory::service_edit::ServiceField;
use crate::ui::app::{App, DIRECTORY_FILTER_ROWS, QUALITY_ROWS};
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

fn on_off(on: bool) -> Option<String> {
    on.then(|| "yes".to_owned())
}

/// The filter panel.
pub fn filter(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let d = &app.directory;
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
        format!("  {} services pass", d.results.total),
        t.style(Role::Info),
    )));
    let rect = Rect {
        height: area.height.min(16),
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(frame_block(app, "Directory filters")),
        rect,
    );
}

/// The quality-assurance checklist.
pub fn quality(frame: &mut Frame, app: &App, area: Rect) {
    let Some(form) = &app.quality_form else {
        return;
    };
    let t = &app.theme;
    let name = app
        .directory
        .detail
        .as_ref()
        .map_or(String::new(), |d| d.service.name.clone());
    let mut lines = vec![Line::from("")];
    for (i, label) in QUALITY_ROWS.iter().enumerate() {
        let here = i == form.row;
        let (mark, when, role) = match form.date(i) {
            Some(d) => (
                "[x]",
                format!("seen {}", d.format("%-d %b %Y")),
                Role::Success,
            ),
            None => ("[ ]", "not seen".to_owned(), Role::Muted),
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {mark} {label:<42}"),
                t.style(if here { Role::Selection } else { Role::Text }),
            ),
            Span::styled(when, t.style(role)),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "  Space ticks a check as seen today · Enter saves · Esc cancels",
        t.style(Role::Muted),
    )));
    let rect = Rect {
        height: area.height.min(10),
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(app, &format!("Quality checks: {name}")))
            .wrap(Wrap { trim: false }),
        rect,
    );
}

/// The service form.
pub fn service(frame: &mut Frame, app: &App, area: Rect) {
    let Some(form) = &app.service_form else {
        return;
    };
    let t = &app.theme;
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
            .block(frame_block(app, &title))
            .wrap(Wrap { trim: false }),
        area,
    );
}
