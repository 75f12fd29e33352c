//! The case header: the name and age, every flag (risk first), whose
//! case it is when it is a teammate's, the status, the time used and the
//! NHS number, said more tightly where the line is short.

use super::CaseFileState;
use crate::domain::limits::LimitLevel;
use crate::ui::context::Context;
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The case header: name, age, NHS number, status, time used and flags.
pub fn header(frame: &mut Frame, cx: &Context, cf: &CaseFileState, title: Rect) {
    let t = &cx.theme;
    let f = &cf.file;
    let row = f.overview(cx.clock.today());
    let age = f
        .person
        .age_on(cx.clock.today())
        .map_or(String::new(), |a| format!(" ({a})"));
    // The NHS number with its label, or (tighter) alone: ten digits in
    // threes and a four read as one.
    let nhs = |labelled: bool| match f.person.nhs_number {
        Some(n) if labelled => format!("NHS {n}"),
        Some(n) => n.to_string(),
        None => "no NHS number".to_owned(),
    };
    let limit_style = |used, limit| match LimitLevel::of(used, limit) {
        LimitLevel::Within => t.style(Role::Text),
        LimitLevel::Over => t.style(Role::Danger),
        _ => t.style(Role::Warning),
    };
    // In the order they matter: the name, then every flag (risk first),
    // then the rest. Where it does not all fit, it is said more tightly
    // (single spaces, no status, the NHS number without its label, the
    // flags after the first counted, the first flag alone)
    // before anything is left out, so the contacts, weeks and NHS number
    // stay at 80 columns with flags showing; a part that still does not
    // fit whole is left out rather than cut.
    let holder = f
        .held_by
        .as_ref()
        .map(|h| format!("{}'s, read-only", crate::domain::text::clean(h)));
    let flags: Vec<String> = row.flags.iter().map(|f| f.short().to_string()).collect();
    // How many flags are named: 2 all, 1 the first and a count, 0 the
    // first alone.
    let build = |gap: &str, named: u8, status: bool, labelled: bool| {
        let mut parts = vec![Span::styled(
            format!(" {}{age}", f.person.display_name()),
            t.style(Role::Title),
        )];
        let shown = match (named, flags.as_slice()) {
            (2, _) | (_, [] | [_]) => flags.clone(),
            (1, [first, rest @ ..]) => vec![first.clone(), format!("+{}", rest.len())],
            (_, [first, ..]) => vec![first.clone()],
        };
        for flag in shown {
            parts.push(Span::styled(format!("{gap}{flag}"), t.style(Role::Danger)));
        }
        if let Some(h) = &holder {
            parts.push(Span::styled(format!("{gap}{h}"), t.style(Role::Warning)));
        }
        if status {
            parts.push(Span::styled(
                format!("{gap}{}", f.case.status.label()),
                t.style(Role::Info),
            ));
        }
        parts.extend([
            Span::styled(
                format!("{gap}{}/{} contacts", row.contacts_used, row.contact_limit),
                limit_style(row.contacts_used, row.contact_limit),
            ),
            Span::styled(
                format!("{gap}{}/{} weeks", row.weeks_used, row.week_limit),
                limit_style(row.weeks_used, row.week_limit),
            ),
            Span::styled(format!("{gap}{}", nhs(labelled)), t.style(Role::Muted)),
        ]);
        parts
    };
    let width = |parts: &[Span]| -> usize {
        parts
            .iter()
            .map(|s| crate::domain::text::width(&s.content))
            .sum()
    };
    let room_here = usize::from(title.width);
    let (gap, mut parts) = [
        ("  ", 2, true, true),
        (" ", 2, true, true),
        (" ", 2, false, true),
        (" ", 2, false, false),
        (" ", 1, false, false),
    ]
    .into_iter()
    .map(|(gap, named, status, labelled)| (gap, build(gap, named, status, labelled)))
    .find(|(_, p)| width(p) <= room_here)
    .unwrap_or_else(|| (" ", build(" ", 0, false, false)));
    parts.push(Span::styled(
        format!("{gap}{} days", row.days_open),
        t.style(Role::Muted),
    ));
    let mut room = room_here;
    let spans: Vec<Span> = parts
        .into_iter()
        .filter(|s| {
            let w = crate::domain::text::width(&s.content);
            let fits = w <= room;
            if fits {
                room -= w;
            }
            fits
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), title);
}
