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

/// One hint: the action, its keys as shown, its label.
struct Hint {
    action: Action,
    keys: Vec<String>,
    label: &'static str,
}

impl Hint {
    fn essential(&self) -> bool {
        matches!(self.action, Action::ToggleHelp | Action::Quit)
    }

    /// Its keys and label, full (`Tab/→ next tab   `) or compact (`Tab
    /// next tab  `).
    fn parts(&self, compact: bool) -> (String, String) {
        if compact {
            (
                self.keys.first().cloned().unwrap_or_default(),
                format!(" {}  ", self.label),
            )
        } else {
            (self.keys.join("/"), format!(" {}   ", self.label))
        }
    }

    fn width(&self, compact: bool) -> usize {
        let (k, l) = self.parts(compact);
        crate::domain::text::width(&k) + crate::domain::text::width(&l)
    }
}

/// Key hints for the current mode, from the keymap: the screen's leading
/// keys (`leads`, in their order) first, then the others the footer
/// shows, as many as fit whole; help and quit always. When not all fit,
/// each hint gives one key and less space, so more of them show.
pub fn footer(frame: &mut Frame, cx: &Context, mode: Mode, leads: &[Action], area: Rect) {
    let t = &cx.theme;
    let mut hints: Vec<Hint> = cx
        .keymap
        .actions_in(mode)
        .into_iter()
        .filter(|(action, keys)| {
            !keys.is_empty() && (action.in_footer_in(mode) || leads.contains(action))
        })
        .map(|(action, keys)| Hint {
            action,
            keys: keys.iter().take(2).map(ToString::to_string).collect(),
            label: action.label_in(mode),
        })
        .collect();
    hints.sort_by_key(|h| {
        leads
            .iter()
            .position(|a| *a == h.action)
            .unwrap_or(leads.len())
    });
    let typing = |compact: bool| match (mode.takes_text(), compact) {
        (false, _) => "",
        (true, false) => "type to enter text   ",
        (true, true) => "type text  ",
    };
    let fits_all = |compact: bool| {
        1 + typing(compact).len() + hints.iter().map(|h| h.width(compact)).sum::<usize>()
            <= usize::from(area.width)
    };
    let compact = !fits_all(false);
    let mut room = usize::from(area.width).saturating_sub(
        1 + typing(compact).len()
            + hints
                .iter()
                .filter(|h| h.essential())
                .map(|h| h.width(compact))
                .sum::<usize>(),
    );
    let mut spans = vec![Span::raw(" ")];
    if !typing(compact).is_empty() {
        spans.push(Span::styled(typing(compact), t.style(Role::KeyHint)));
    }
    for h in &hints {
        if !h.essential() {
            if h.width(compact) > room {
                continue;
            }
            room -= h.width(compact);
        }
        let (keys, label) = h.parts(compact);
        spans.push(Span::styled(keys, t.style(Role::Key)));
        spans.push(Span::styled(label, t.style(Role::KeyHint)));
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
    let team = cx
        .team_line
        .as_ref()
        .map_or(String::new(), |line| format!("team: {line} · "));
    let right = format!(
        "{team}{} · {} ",
        cx.worker,
        cx.clock.today().format("%a %-d %b %Y")
    );
    // A notice too long for the line goes on over the lines above it
    // (the footer first), wrapped at words: the worker must read it all.
    if cx.notice.is_some() && crate::domain::text::width(&left) > usize::from(area.width) {
        let lines = super::wrap_words(left.trim_start(), usize::from(area.width).saturating_sub(2));
        let n = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .min(area.y + 1)
            .max(1);
        let rect = Rect {
            y: area.y + 1 - n,
            height: n,
            ..area
        };
        let text: Vec<Line> = lines
            .into_iter()
            .take(usize::from(n))
            .map(|l| Line::from(format!(" {l}")))
            .collect();
        frame.render_widget(ratatui::widgets::Clear, rect);
        frame.render_widget(Paragraph::new(text).style(style), rect);
        return;
    }
    // A notice that does not fit beside the name and date has the whole
    // line.
    let right = if cx.notice.is_some()
        && crate::domain::text::width(&left) + crate::domain::text::width(&right)
            > usize::from(area.width)
    {
        String::new()
    } else {
        right
    };
    // The folder gives way to who, the team's state and the date, and says
    // so with an ellipsis rather than running into them.
    let room = usize::from(area.width).saturating_sub(crate::domain::text::width(&right) + 1);
    let left = if crate::domain::text::width(&left) > room && room > 1 {
        format!("{}…", crate::domain::text::fit(&left, room - 1))
    } else {
        left
    };
    let [l, r] = Layout::horizontal([
        Constraint::Min(10),
        Constraint::Length(crate::domain::text::width(&right) as u16),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(left).style(style), l);
    frame.render_widget(Paragraph::new(right).style(t.style(Role::StatusBar)), r);
}
