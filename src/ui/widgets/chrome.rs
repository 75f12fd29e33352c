//! The title line, the footer of key hints and the status line.

use crate::domain::caseload::CaseloadView;
use crate::ui::Action;
use crate::ui::app::DataSource;
use crate::ui::context::Context;
use crate::ui::mode::Mode;
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The title line: the views with their counts, and filters in force.
pub fn title(frame: &mut Frame, cx: &Context, area: Rect) {
    let t = &cx.theme;
    let c = cx.caseload.counts;
    let mut spans = vec![Span::styled(" linkwork ", t.style(Role::Title))];
    for (view, count) in [
        (CaseloadView::Today, c.today),
        (CaseloadView::Open, c.open),
        (CaseloadView::Waiting, c.waiting),
        (CaseloadView::Closed, c.closed),
    ] {
        let style = if view == cx.caseload.view && cx.caseload.query.is_empty() {
            t.style(Role::Selection)
        } else {
            t.style(Role::Muted)
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {} {count} ", view.label()), style));
    }
    if c.risk > 0 {
        spans.push(Span::styled(
            format!("  {} with risk flags", c.risk),
            t.style(Role::Danger),
        ));
    }
    let f = &cx.caseload.filter;
    let mut filters = Vec::new();
    if let Some(s) = f.status {
        filters.push(s.label().to_owned());
    }
    if let Some(n) = f.need {
        filters.push(n.label().to_owned());
    }
    if let Some(s) = f.source {
        filters.push(s.label().to_owned());
    }
    if let Some(fl) = f.flag {
        filters.push(fl.short().to_owned());
    }
    if !filters.is_empty() {
        spans.push(Span::styled(
            format!("  filter: {}", filters.join(", ")),
            t.style(Role::Warning),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Key hints for the current mode, from the keymap.
pub fn footer(frame: &mut Frame, cx: &Context, mode: Mode, area: Rect) {
    let t = &cx.theme;
    let mut spans = vec![Span::raw(" ")];
    if mode.takes_text() {
        spans.push(Span::styled(
            "type to enter text   ",
            t.style(Role::KeyHint),
        ));
    }
    // Help and quit always show; the other hints fill the room left, in
    // keymap order.
    let mut hints: Vec<(Action, String, String)> = cx
        .keymap
        .actions_in(mode)
        .into_iter()
        .filter(|(action, _)| action.in_footer_in(mode))
        .map(|(action, keys)| {
            let keys: Vec<String> = keys.iter().take(2).map(ToString::to_string).collect();
            (
                action,
                keys.join("/"),
                format!(" {}   ", action.label_in(mode)),
            )
        })
        .collect();
    // The screen's main moves first, so they are the last to be left out.
    hints.sort_by_key(|h| !h.0.leads_footer_in(mode));
    let width = |h: &(Action, String, String)| h.1.chars().count() + h.2.chars().count();
    let essential = |a: Action| matches!(a, Action::ToggleHelp | Action::Quit);
    let used: usize = spans
        .iter()
        .map(|s| crate::domain::text::width(&s.content))
        .sum();
    let mut room = usize::from(area.width).saturating_sub(
        used + hints
            .iter()
            .filter(|h| essential(h.0))
            .map(width)
            .sum::<usize>(),
    );
    for h in &hints {
        if !essential(h.0) {
            if width(h) > room {
                continue;
            }
            room -= width(h);
        }
        spans.push(Span::styled(h.1.clone(), t.style(Role::Key)));
        spans.push(Span::styled(h.2.clone(), t.style(Role::KeyHint)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status line: the last notice, or where the data lives and whether
/// it is encrypted.
pub fn status(frame: &mut Frame, cx: &Context, area: Rect) {
    let t = &cx.theme;
    let mut style = t.style(Role::StatusBar);
    let left = match (&cx.notice, &cx.source) {
        (Some(n), _) => {
            if n.is_error {
                style = t.style(Role::Danger);
            }
            format!(" {}", n.text)
        }
        (None, source) => match source {
            DataSource::Demo => " Demo caseload: temporary, nothing is saved".to_owned(),
            DataSource::Dir(dir) => {
                let lock = if cx.encrypted {
                    "encrypted"
                } else {
                    "unencrypted store"
                };
                let read_only = match cx.read_only {
                    Some("is on a full disk") => " · disk full: nothing can be saved",
                    Some(_) => " · read-only: nothing can be saved",
                    None => "",
                };
                format!(" {} · {lock}{read_only}", dir.display())
            }
        },
    };
    let right = format!(
        "{} · {} ",
        cx.worker,
        cx.clock.today().format("%a %-d %b %Y")
    );
    // A notice that does not fit beside the name and date has the whole
    // line: the worker must read it all.
    let right = if cx.notice.is_some()
        && crate::domain::text::width(&left) + crate::domain::text::width(&right)
            > usize::from(area.width)
    {
        String::new()
    } else {
        right
    };
    let [l, r] = Layout::horizontal([
        Constraint::Min(10),
        Constraint::Length(crate::domain::text::width(&right) as u16),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(left).style(style), l);
    frame.render_widget(Paragraph::new(right).style(t.style(Role::StatusBar)), r);
}
