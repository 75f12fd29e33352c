//! The title line, the footer of key hints and the status line.

use crate::ui::app::{App, DataSource};
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The title line with the caseload counts.
pub fn title(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let c = app.caseload.counts;
    let mut spans = vec![
        Span::styled(" linkwork ", t.style(Role::Title)),
        Span::styled("· Caseload · ", t.style(Role::Muted)),
        Span::styled(format!("{} open", c.open), t.style(Role::Info)),
        Span::styled(" · ", t.style(Role::Muted)),
        Span::styled(
            format!("{} waiting first contact", c.waiting),
            if c.waiting > 0 {
                t.style(Role::Warning)
            } else {
                t.style(Role::Muted)
            },
        ),
    ];
    if c.risk > 0 {
        spans.push(Span::styled(" · ", t.style(Role::Muted)));
        spans.push(Span::styled(
            format!("{} with risk flags", c.risk),
            t.style(Role::Danger),
        ));
    }
    spans.push(Span::styled(
        format!(" · {} closed", c.closed),
        t.style(Role::Muted),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Key hints for the current mode, from the keymap.
pub fn footer(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let mut spans = vec![Span::raw(" ")];
    for (action, keys) in app.keymap.actions_in(app.mode) {
        if !action.in_footer() {
            continue;
        }
        let keys: Vec<String> = keys.iter().take(2).map(ToString::to_string).collect();
        spans.push(Span::styled(keys.join("/"), t.style(Role::Key)));
        spans.push(Span::styled(
            format!(" {}   ", action.label()),
            t.style(Role::KeyHint),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status line: where the data lives and whether it is encrypted.
pub fn status(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let style = t.style(Role::StatusBar);
    let left = match &app.source {
        DataSource::Demo => " Demo caseload: temporary, nothing is saved".to_owned(),
        DataSource::Dir(dir) => {
            let lock = if app.encrypted {
                "encrypted"
            } else {
                "unencrypted store"
            };
            format!(" {} · {lock}", dir.display())
        }
    };
    let right = format!("{} · {} ", app.worker, app.today.format("%a %-d %b %Y"));
    let [l, r] = Layout::horizontal([
        Constraint::Min(10),
        Constraint::Length(right.chars().count() as u16),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(left).style(style), l);
    frame.render_widget(Paragraph::new(right).style(style), r);
}
