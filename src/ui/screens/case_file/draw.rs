//! The case file: a header and seven tabs.

use crate::ui::context::Context;
use crate::domain::limits::LimitLevel;
use crate::store::CaseFile;
use crate::ui::action::Action;
use super::{CaseFileState, CaseTab};
use crate::ui::mode::Mode;
use crate::ui::theme::{Role, Theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Tabs, Wrap};

fn kv(t: &Theme, key: &str, value: impl Into<String>) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {key:<22}"), t.style(Role::Muted)),
        Span::styled(value.into(), t.style(Role::Text)),
    ])
}

fn heading(t: &Theme, text: &str) -> Line<'static> {
    Line::from(Span::styled(text.to_owned(), t.style(Role::Header)))
}

fn or_dash(v: &Option<String>) -> String {
    v.clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "–".into())
}

/// Draws the header into `title` and the tabs into `body`.
pub fn draw(frame: &mut Frame, cx: &Context, cf: &CaseFileState, title: Rect, body: Rect) {
    super::header::header(frame, cx, cf, title);
    body_tabs(frame, cx, cf, body);
}

fn body_tabs(frame: &mut Frame, cx: &Context, cf: &CaseFileState, body: Rect) {
    let t = &cx.theme;
    let f = &cf.file;
    if cf.tab == CaseTab::Outcomes {
        let [tabs_area, content] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
        tabs(frame, cx, cf, tabs_area);
        super::outcomes::draw(frame, cx, f, content, &key(cx, Action::Measure));
        return;
    }
    let [tabs_area, content] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
    tabs(frame, cx, cf, tabs_area);
    let lines = match cf.tab {
        CaseTab::Summary => summary(t, f, cx),
        CaseTab::Conversation => conversation(t, f, &key(cx, Action::StartConversation)),
        CaseTab::Plan => plan(t, f, &key(cx, Action::OpenPlan)),
        CaseTab::Connections => connections(t, f, cf.connection),
        CaseTab::Contacts => super::contacts::lines(t, f, cf.contact),
        CaseTab::Outcomes => Vec::new(),
        CaseTab::History => history(t, f),
    };
    // Long values and notes go on under themselves.
    let lines = crate::ui::widgets::hanging(lines, usize::from(content.width.saturating_sub(2)));
    let max_scroll = lines
        .len()
        .saturating_sub(usize::from(content.height.saturating_sub(2)));
    // The selected connection or contact is kept in view.
    let selected = || {
        lines
            .iter()
            .position(|l| l.spans.first().is_some_and(|s| s.content.starts_with('▸')))
            .unwrap_or(0)
    };
    let scroll = if cf.tab == CaseTab::Connections {
        selected()
    } else if cf.tab == CaseTab::Contacts {
        selected().saturating_sub(usize::from(content.height.saturating_sub(2)) / 2)
    } else {
        cf.scroll
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.style(Role::Border));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll.min(max_scroll)).unwrap_or(u16::MAX), 0)),
        content,
    );
}

fn tabs(frame: &mut Frame, cx: &Context, cf: &CaseFileState, area: Rect) {
    let t = &cx.theme;
    let selected = CaseTab::ALL.iter().position(|x| *x == cf.tab).unwrap_or(0);
    let tabs = Tabs::new(CaseTab::ALL.iter().map(|x| x.title()))
        .select(selected)
        .style(t.style(Role::Muted))
        .highlight_style(t.style(Role::Selection));
    frame.render_widget(tabs, area);
}

fn summary(t: &Theme, f: &CaseFile, cx: &Context) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    out.extend(warnings(t, f, cx));
    out.extend(person_lines(t, f));
    out.extend(referral_lines(t, f));
    out.extend(episode_lines(t, f));
    out.extend(risk_lines(t, f, cx));
    out
}

/// What needs attention now: limits, flags and consent.
fn warnings(t: &Theme, f: &CaseFile, cx: &Context) -> Vec<Line<'static>> {
    let c = &f.case;
    let mut out = Vec::new();
    if c.status.is_open() {
        let row = f.overview(cx.clock.today());
        let warnings = [
            LimitLevel::warning("contacts", row.contacts_used, row.contact_limit),
            LimitLevel::warning("weeks", row.weeks_used, row.week_limit),
        ];
        for w in warnings.into_iter().flatten() {
            out.push(Line::from(Span::styled(
                format!("  Time limit: {w}"),
                t.style(Role::Warning),
            )));
        }
    }
    out
}

/// The person.
fn person_lines(t: &Theme, f: &CaseFile) -> Vec<Line<'static>> {
    let p = &f.person;
    let mut out = Vec::new();
    out.push(heading(t, "Person"));
    out.push(kv(t, "Name", format!("{} {}", p.given_name, p.family_name)));
    if let Some(pref) = &p.preferred_name {
        out.push(kv(t, "Likes to be called", pref.clone()));
    }
    out.push(kv(
        t,
        "Date of birth",
        p.date_of_birth
            .map_or("–".into(), |d| d.format("%-d %B %Y").to_string()),
    ));
    out.push(kv(
        t,
        "Gender",
        p.gender.map_or("–".into(), |g| g.label().to_owned()),
    ));
    out.push(kv(t, "Phone", or_dash(&p.phone)));
    out.push(kv(t, "Email", or_dash(&p.email)));
    out.push(kv(t, "Address", or_dash(&p.address).replace('\n', ", ")));
    out.push(kv(t, "Postcode", or_dash(&p.postcode)));
    out.push(kv(t, "GP practice", or_dash(&p.gp_practice)));
    out.push(kv(
        t,
        "Communication needs",
        or_dash(&p.communication_needs),
    ));
    if let Some(k) = &p.next_of_kin {
        let carer = match (k.is_carer, k.may_contact) {
            (true, true) => ", main carer, may be contacted",
            (true, false) => ", main carer, not to be contacted",
            (false, true) => ", may be contacted",
            (false, false) => ", not to be contacted",
        };
        out.push(kv(
            t,
            "Next of kin",
            format!(
                "{} ({}{carer}) {}",
                k.name,
                k.relationship,
                k.phone.clone().unwrap_or_default()
            ),
        ));
    }
    out
}

/// The referral and its SNOMED codes.
/// Consent to share as it stands, and how it came to be.
fn consent_line(c: &crate::domain::case::Case) -> String {
    use crate::domain::case::ConsentSource;
    let mut text = c.consent().label().to_owned();
    if let Some(last) = c.consent_changes.last() {
        let whence = match last.source {
            ConsentSource::Conversation => "in the conversation",
            ConsentSource::Case => "changed on the case",
        };
        text.push_str(&format!(
            " ({whence} on {}; at referral: {})",
            last.on.format("%-d %b %Y"),
            c.referral.consent_to_share.label().to_lowercase()
        ));
    }
    text
}

fn referral_lines(t: &Theme, f: &CaseFile) -> Vec<Line<'static>> {
    let r = &f.case.referral;
    let mut out = Vec::new();
    out.push(Line::from(""));
    out.push(heading(t, "Referral"));
    out.push(kv(
        t,
        "Received",
        r.received.format("%-d %B %Y").to_string(),
    ));
    let organisation = r
        .referrer_organisation
        .as_ref()
        .filter(|o| o.as_str() != r.source.label())
        .map_or(String::new(), |o| format!(", {o}"));
    out.push(kv(t, "From", format!("{}{organisation}", r.source.label())));
    out.push(kv(t, "Referrer", or_dash(&r.referrer_name)));
    out.push(kv(
        t,
        "Needs",
        r.needs
            .iter()
            .map(|n| n.label())
            .collect::<Vec<_>>()
            .join(", "),
    ));
    out.push(kv(t, "Reason", r.reason.clone()));
    out.push(kv(t, "Urgency", r.urgency.label()));
    out.push(kv(t, "Consent to share", consent_line(&f.case)));
    for e in &r.snomed_events {
        out.push(kv(
            t,
            "SNOMED",
            format!(
                "{} {} ({})",
                e.on.format("%-d %b %Y"),
                e.code.concept_id(),
                e.code.term()
            ),
        ));
    }
    out
}

/// The episode: worker, limits, extensions, status history, discharge.
fn episode_lines(t: &Theme, f: &CaseFile) -> Vec<Line<'static>> {
    let c = &f.case;
    let mut out = Vec::new();
    out.push(Line::from(""));
    out.push(heading(t, "Episode"));
    out.push(kv(t, "Episode", format!("{} (case {})", c.episode, c.id)));
    for (id, status) in &f.other_episodes {
        out.push(kv(
            t,
            "Earlier episode",
            format!("case {id}: {}", status.label()),
        ));
    }
    out.push(kv(t, "Worker", c.worker.clone()));
    out.push(kv(
        t,
        "Limits",
        format!(
            "{} contacts, {} weeks",
            c.limits.contact_limit, c.limits.week_limit
        ),
    ));
    for x in &c.limits.extensions {
        out.push(kv(
            t,
            "Extended",
            format!("{}: {}", x.on.format("%-d %b"), x.reason),
        ));
    }
    for change in &c.status_history {
        out.push(kv(
            t,
            "Status",
            format!(
                "{} {}{}",
                change.day().format("%-d %b %Y"),
                match &change.struck {
                    Some(s) => format!("{} ({})", change.to.label(), s.describe()),
                    None => change.to.label().to_owned(),
                },
                change
                    .reason
                    .as_ref()
                    .map_or(String::new(), |r| format!(" ({r})"))
            ),
        ));
    }
    if let Some(d) = &c.discharge {
        out.push(kv(
            t,
            "Discharged",
            format!("{} {}", d.on.format("%-d %b %Y"), d.reason.label()),
        ));
    }
    out
}

/// Risk flags, active and cleared.
fn risk_lines(t: &Theme, f: &CaseFile, cx: &Context) -> Vec<Line<'static>> {
    let c = &f.case;
    let mut out = Vec::new();
    out.push(Line::from(""));
    out.push(heading(t, "Risk"));
    if c.risk_flags.is_empty() {
        out.push(Line::from(Span::styled(
            "  No risk flags. Press r to raise one.",
            t.style(Role::Muted),
        )));
    }
    for flag in &c.risk_flags {
        let state = flag.cleared.map_or("active".to_owned(), |d| {
            format!("cleared {}", d.format("%-d %b"))
        });
        let style = if flag.cleared.is_none() {
            t.style(Role::Danger)
        } else {
            t.style(Role::Muted)
        };
        out.push(Line::from(Span::styled(
            format!(
                "  {} (raised {}, {state})",
                flag.kind.label(),
                flag.raised.format("%-d %b")
            ),
            style,
        )));
        for line in flag.note.lines() {
            out.push(Line::from(Span::styled(
                format!("    {line}"),
                t.style(Role::Text),
            )));
        }
    }
    if let Some(note) = &c.safeguarding_note {
        out.push(kv(t, "Safeguarding note", note.clone()));
    }
    let _ = cx;
    out
}


pub(super) fn empty(t: &Theme, what: &str, how: &str) -> Vec<Line<'static>> {
    vec![
        Line::from(""),
        Line::from(Span::styled(format!("  {what}"), t.style(Role::Text))),
        Line::from(Span::styled(format!("  {how}"), t.style(Role::Muted))),
    ]
}

/// The first key bound to `action` in the case file.
fn key(cx: &Context, action: Action) -> String {
    cx.keymap
        .first_key(Mode::CaseFile, action)
        .unwrap_or_else(|| "the palette".into())
}

fn conversation(t: &Theme, f: &CaseFile, key: &str) -> Vec<Line<'static>> {
    if f.conversations.is_empty() {
        return empty(
            t,
            "No \"What matters to you?\" conversation is recorded for this episode.",
            &format!(
                "{key} starts the guided conversation: opening and consent, what matters, life areas, strengths, barriers, preferences, safety, wellbeing, goals, review."
            ),
        );
    }
    let mut out = Vec::new();
    for c in &f.conversations {
        let state = match c.completed {
            None => format!("in progress, at \"{}\"", c.current_step.title()),
            Some(_) => "completed".to_owned(),
        };
        out.push(heading(
            t,
            &format!(
                "Version {} · held {} · {state}",
                c.version,
                c.day().format("%-d %b %Y")
            ),
        ));
        out.extend(crate::ui::screens::conversation::summary(t, c));
        out.push(Line::from(""));
    }
    out
}

fn plan(t: &Theme, f: &CaseFile, key: &str) -> Vec<Line<'static>> {
    let Some(p) = &f.plan else {
        return empty(
            t,
            "No action plan yet.",
            &format!(
                "The plan is built from the goals when the conversation is finished; {key} opens it (or starts one) to choose services, add steps and a review date."
            ),
        );
    };
    let mut out = vec![kv(
        t,
        "Agreed",
        p.agreed_on.map_or("not yet agreed".into(), |d| {
            d.format("%-d %b %Y").to_string()
        }),
    )];
    out.push(kv(
        t,
        "Review",
        p.review_date
            .map_or("–".into(), |d| d.format("%-d %b %Y").to_string()),
    ));
    for g in &p.goals {
        out.push(Line::from(""));
        out.push(heading(t, &format!("“{}”", g.text)));
        for s in &g.steps {
            let done = s
                .done
                .map_or(String::new(), |d| format!(" ✓ {}", d.format("%-d %b")));
            let due = s
                .due
                .map_or(String::new(), |d| format!(" by {}", d.format("%-d %b")));
            out.push(Line::from(Span::styled(
                format!("  · {} ({}{due}){done}", s.what, s.owner.role()),
                t.style(Role::Text),
            )));
        }
    }
    out
}

fn connections(t: &Theme, f: &CaseFile, selected: usize) -> Vec<Line<'static>> {
    if f.connections.is_empty() {
        return empty(
            t,
            "No connections yet.",
            "Each service chosen in the plan becomes a connection here, with its support ladder from discussion to attending independently.",
        );
    }
    let mut out = Vec::new();
    for (i, c) in f.connections.iter().enumerate() {
        let marker = if i == selected { "▸ " } else { "  " };
        let style = if i == selected {
            t.style(Role::Selection)
        } else {
            t.style(Role::Header)
        };
        out.push(Line::from(Span::styled(
            format!("{marker}{} (connection {})", c.service_name, c.id),
            style,
        )));
        // The ladder: each rung, the current one marked.
        let ladder: Vec<Span> = crate::domain::ladder::Rung::ALL
            .iter()
            .map(|r| {
                let (text, role) = if *r == c.rung {
                    (format!("[{} {}]", r.number(), r.short()), Role::Success)
                } else if *r < c.rung {
                    (format!(" {} ", r.number()), Role::Muted)
                } else {
                    (format!(" {} ", r.number()), Role::Text)
                };
                Span::styled(text, t.style(role))
            })
            .collect();
        let mut line = vec![Span::styled(
            format!("  {:<22}", "Ladder"),
            t.style(Role::Muted),
        )];
        line.extend(ladder);
        line.push(Span::styled(
            format!("  {}", c.rung.label()),
            t.style(Role::Text),
        ));
        out.push(Line::from(line));
        match (&c.ended, c.next) {
            (Some(e), _) => out.push(kv(
                t,
                "Ended",
                format!("{}: {}", e.on.format("%-d %b %Y"), e.reason.label()),
            )),
            (None, Some(n)) => out.push(kv(
                t,
                "Next step",
                format!(
                    "{} · step {} {}",
                    n.at.format("%a %-d %b %H:%M"),
                    n.rung.number(),
                    n.rung.label().to_lowercase()
                ),
            )),
            (None, None) => out.push(kv(t, "Next step", "not planned yet (s plans it)")),
        }
        if let Some(v) = &c.visit_plan {
            let parts: Vec<&str> = [
                v.meeting_point.as_str(),
                v.route.as_str(),
                v.who_to_ask_for.as_str(),
            ]
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .collect();
            out.push(kv(t, "Visit plan", parts.join(" · ")));
        }
        for e in &c.events {
            let who = match e.company() {
                w if w.is_empty() => w,
                w => format!(" · {w}"),
            };
            let back = e.report_back.map_or(String::new(), |r| {
                format!(" · reported back by {}", r.label())
            });
            let notes = if e.notes.trim().is_empty() {
                String::new()
            } else {
                format!(" · {}", e.notes.trim())
            };
            let (up, role) = match &e.step_up_reason {
                Some(r) => (format!(" · stepped back up: {r}"), Role::Warning),
                None => (String::new(), Role::Muted),
            };
            let mut style = t.style(role);
            if e.struck.is_some() {
                style = style.add_modifier(ratatui::style::Modifier::CROSSED_OUT);
            }
            out.push(Line::from(Span::styled(
                format!(
                    "    {}  {} {:<30} {}{who}{back}{up}{notes}",
                    e.at.format("%a %-d %b %Y %H:%M"),
                    e.rung.number(),
                    e.rung.label(),
                    e.outcome.label()
                ),
                style,
            )));
            if let Some(x) = &e.struck {
                out.push(Line::from(Span::styled(
                    format!("      {}", x.describe()),
                    t.style(Role::Warning),
                )));
            }
            for r in e.revisions.iter().rev() {
                out.push(Line::from(Span::styled(
                    format!(
                        "      corrected {} by {} ({}); it said: {} · {}{}",
                        r.at.format("%-d %b %Y"),
                        r.by,
                        r.reason,
                        r.was.at.format("%a %-d %b %Y %H:%M"),
                        r.was.outcome.label(),
                        match r.was.company() {
                            w if w.is_empty() => w,
                            w => format!(" · {w}"),
                        }
                    ),
                    t.style(Role::Muted),
                )));
            }
        }
        out.push(Line::from(""));
    }
    out
}

fn history(t: &Theme, f: &CaseFile) -> Vec<Line<'static>> {
    if f.history.is_empty() {
        return empty(
            t,
            "No history recorded.",
            "Every change to this case will be listed here.",
        );
    }
    f.history
        .iter()
        .rev()
        .map(|e| Line::from(Span::styled(format!("  {e}"), t.style(Role::Text))))
        .collect()
}
