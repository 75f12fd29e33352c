//! The guided conversation: a progress line, what the step is for, its
//! fields, and (at the review) the whole conversation on one page.

use crate::ui::context::Context;
use crate::ui::widgets::frame_block;
use crate::domain::conversation::{Conversation, ConversationStep, Weight};
use crate::domain::directory::day_name;
use crate::domain::typed::money;
use crate::domain::wellbeing::{Instrument, SWEMWBS_LICENCE_NOTE};
use crate::ui::action::Action;
use super::{ConversationScreen, FieldKind, FieldView};
use crate::ui::mode::Mode;
use crate::ui::theme::{Role, Theme};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The first key bound to `action` on this screen (for the guidance).
fn key(cx: &Context, action: Action) -> String {
    cx.keymap
        .first_key(Mode::Conversation, action)
        .unwrap_or_default()
}

/// What the step is for, in a sentence or two.
fn intro(cx: &Context, s: &ConversationScreen) -> Vec<String> {
    let heavy: Vec<&str> = s.conversation().heavy_areas().map(|n| n.label()).collect();
    match s.step() {
        ConversationStep::Opening => vec![
            "\"This is a conversation about what matters to you, so that we can plan together what might help. I will note what you say, and you can see it.\"".into(),
            "Ask for consent to record it, and confirm (or change) consent to share with the GP and referrer.".into(),
        ],
        ConversationStep::WhatMatters => vec![
            "\"What matters to you at the moment?\" Note it in the person's own words.".into(),
        ],
        ConversationStep::LifeAreas => vec![format!(
            "How much does each of these weigh on them? {}/{} moves not at all · a little · a lot; type a note. Areas that weigh a lot carry forward to goals and suggestions.",
            key(cx, Action::PrevValue),
            key(cx, Action::NextValue)
        )],
        ConversationStep::Strengths => vec![
            "Strengths and interests, with the Five Ways to Wellbeing as prompts.".into(),
        ],
        ConversationStep::Barriers => vec![
            "What might get in the way? Space ticks a box.".into(),
        ],
        ConversationStep::Preferences => vec![
            "Days (e.g. tue thu, or weekdays), evenings and weekends, the most they can pay a session (£3, 50p, free), how far and how they travel, and whether someone goes with them at first.".into(),
        ],
        ConversationStep::Safety => vec![
            "Is anyone at risk of harm? Is there a need beyond link work: the mental health team, occupational therapy, adult social care, safeguarding?".into(),
            "Record the decision. This step cannot be skipped.".into(),
        ],
        ConversationStep::Wellbeing => {
            let mut v = vec![
                if s.conversation().version > 1 {
                    format!(
                        "Wellbeing again, with {} as the case began (so the two compare); {}/{} on the first line for another. Type each answer (one key answers most items).",
                        s.measure.instrument.label(),
                        key(cx, Action::PrevValue),
                        key(cx, Action::NextValue)
                    )
                } else {
                    format!(
                        "Baseline wellbeing: ONS4 by default; {}/{} on the first line for WHO-5 or SWEMWBS. Type each answer (one key answers most items).",
                        key(cx, Action::PrevValue),
                        key(cx, Action::NextValue)
                    )
                },
                s.measure.instrument.anchors().to_owned(),
            ];
            if s.measure.instrument == Instrument::Swemwbs {
                v.push(SWEMWBS_LICENCE_NOTE.to_owned());
            }
            v
        }
        ConversationStep::Goals => {
            let mut v = vec!["Goals in the person's own words, one per line.".to_owned()];
            if !heavy.is_empty() {
                v.push(format!("Weighs a lot: {}.", heavy.join(", ")));
            }
            v
        }
        ConversationStep::Review => vec![format!(
            "The whole conversation. {} finishes it and builds the plan from the goals; {} goes back to change an answer.",
            key(cx, Action::NextStep),
            key(cx, Action::PrevStep)
        )],
    }
}

fn progress(t: &Theme, s: &ConversationScreen) -> Line<'static> {
    let at = s.step().position();
    let skipped = &s.conversation().skipped;
    let dots: String = ConversationStep::ALL
        .iter()
        .enumerate()
        .map(|(i, step)| {
            if i == at {
                '◆'
            } else if skipped.contains(step) {
                '◌'
            } else if i < at {
                '●'
            } else {
                '○'
            }
        })
        .collect();
    let mut spans = vec![
        Span::styled(format!(" {dots}  "), t.style(Role::Info)),
        Span::styled(
            format!(
                "Step {} of 10 · {}",
                at + 1,
                s.step().title_in(s.conversation().version)
            ),
            t.style(Role::Header),
        ),
    ];
    if !skipped.is_empty() {
        let version = s.conversation().version;
        let names: Vec<&str> = skipped.iter().map(|k| k.title_in(version)).collect();
        spans.push(Span::styled(
            format!("   skipped for now: {}", names.join(", ")),
            t.style(Role::Warning),
        ));
    }
    Line::from(spans)
}

/// The end of `text` that fits in `width` columns (so typing stays in view).
fn tail(text: &str, width: usize) -> String {
    crate::domain::text::fit_end(text, width).to_owned()
}

fn field_lines(
    t: &Theme,
    f: &FieldView,
    focus: bool,
    width: usize,
    label: usize,
) -> Vec<Line<'static>> {
    let marker = if focus { "▸ " } else { "  " };
    let label_role = if focus { Role::Key } else { Role::Muted };
    let value_role = if focus { Role::Selection } else { Role::Text };
    let cursor = if focus { "▏" } else { "" };
    let note = |spans: &mut Vec<Span<'static>>| {
        if let Some(n) = &f.note {
            let role = if n.contains("not a") || n.contains("use ") || n.contains("from") {
                Role::Danger
            } else {
                Role::Muted
            };
            spans.push(Span::styled(format!("  {n}"), t.style(role)));
        }
    };
    match f.kind {
        FieldKind::Tick(on) => {
            let mut spans = vec![
                Span::styled(marker, t.style(label_role)),
                Span::styled(
                    if on { "[x] " } else { "[ ] " },
                    t.style(if on { Role::Success } else { value_role }),
                ),
                Span::styled(f.label.clone(), t.style(value_role)),
            ];
            note(&mut spans);
            vec![Line::from(spans)]
        }
        FieldKind::Area(weight) => {
            let role = match weight {
                Weight::ALot => Role::Warning,
                Weight::ALittle => Role::Text,
                Weight::NotAtAll => Role::Muted,
            };
            let room = width.saturating_sub(label + 18);
            let value = if focus {
                tail(&f.value, room)
            } else {
                crate::domain::text::fit(&f.value, room).to_owned()
            };
            vec![Line::from(vec![
                Span::styled(format!("{marker}{:<label$}", f.label), t.style(label_role)),
                Span::styled(format!("‹ {:<10} › ", weight.label()), t.style(role)),
                Span::styled(format!("{value}{cursor}"), t.style(value_role)),
            ])]
        }
        FieldKind::Score => {
            let mut spans = vec![
                Span::styled(marker, t.style(label_role)),
                Span::styled(format!("[{:>2}]{cursor} ", f.value), t.style(value_role)),
                Span::styled(f.label.clone(), t.style(Role::Text)),
            ];
            note(&mut spans);
            vec![Line::from(spans)]
        }
        FieldKind::Choice | FieldKind::Text => {
            let shown = if f.kind == FieldKind::Choice {
                format!("‹ {} ›", f.value)
            } else {
                let room = width.saturating_sub(label + 6);
                let v = if focus {
                    tail(&f.value, room)
                } else {
                    crate::domain::text::fit(&f.value, room).to_owned()
                };
                format!("{v}{cursor}")
            };
            let mut spans = vec![
                Span::styled(format!("{marker}{:<label$}", f.label), t.style(label_role)),
                Span::styled(shown, t.style(value_role)),
            ];
            note(&mut spans);
            vec![Line::from(spans)]
        }
    }
}

/// The whole conversation, for the review page (and the case file).
pub fn summary(t: &Theme, c: &Conversation) -> Vec<Line<'static>> {
    let kv = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("  {k:<26}"), t.style(Role::Muted)),
            Span::styled(v, t.style(Role::Text)),
        ])
    };
    let dash = |s: &str| {
        if s.trim().is_empty() {
            "–".to_owned()
        } else {
            s.to_owned()
        }
    };
    let mut out = vec![
        kv(
            "Consent to record",
            if c.consent_to_record { "yes" } else { "no" }.into(),
        ),
        kv("Consent to share", c.consent_to_share.label().into()),
        kv("What matters", dash(&c.what_matters)),
    ];
    for a in c.life_areas.iter().filter(|a| a.weight != Weight::NotAtAll) {
        let note = if a.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", a.note)
        };
        out.push(kv(
            a.area.label(),
            format!("weighs {}{note}", a.weight.label()),
        ));
    }
    for (way, text) in &c.strengths {
        out.push(kv(way.label(), text.clone()));
    }
    let mut barriers: Vec<String> = c.barriers.iter().map(|b| b.label().to_owned()).collect();
    if !c.other_barriers.trim().is_empty() {
        barriers.push(c.other_barriers.clone());
    }
    out.push(kv("Barriers", dash(&barriers.join("; "))));
    let p = &c.preferences;
    let mut prefs: Vec<String> = Vec::new();
    if !p.days.is_empty() {
        let days: Vec<&str> = p.days.iter().map(|d| day_name(*d)).collect();
        prefs.push(days.join(", "));
    }
    if p.evenings {
        prefs.push("evenings only".into());
    }
    if p.weekends {
        prefs.push("weekends".into());
    }
    if let Some(pence) = p.max_cost_pence {
        prefs.push(match pence {
            0 => "free only".into(),
            p => format!("up to {} a session", money(p)),
        });
    }
    if p.any_distance {
        prefs.push("any distance".into());
    } else if let Some(m) = p.max_travel_miles {
        prefs.push(format!("up to {m} miles"));
    }
    if !p.travel.trim().is_empty() {
        prefs.push(p.travel.clone());
    }
    if p.accompanied_at_first {
        prefs.push("someone with them at first".into());
    }
    out.push(kv("Preferences", dash(&prefs.join(", "))));
    out.push(kv(
        "Safety",
        match &c.safety {
            None => "not yet answered".into(),
            Some(s) => {
                let mut v = vec![if s.risks_identified {
                    "risks identified".to_owned()
                } else {
                    "no risks identified".to_owned()
                }];
                v.extend(s.refer_on.iter().map(|o| format!("refer to {}", o.label())));
                if !s.decision.trim().is_empty() {
                    v.push(s.decision.clone());
                }
                v.join("; ")
            }
        },
    ));
    out.push(kv(
        ConversationStep::Wellbeing.title_in(c.version),
        if c.baseline.is_some() {
            "taken (Outcomes tab)".into()
        } else {
            "not taken".into()
        },
    ));
    for (i, g) in c.goals.iter().enumerate() {
        out.push(kv(&format!("Goal {}", i + 1), g.clone()));
    }
    if !c.skipped.is_empty() {
        let names: Vec<&str> = c.skipped.iter().map(|s| s.title_in(c.version)).collect();
        out.push(Line::from(Span::styled(
            format!("  Skipped for now: {}", names.join(", ")),
            t.style(Role::Warning),
        )));
    }
    out
}

/// Draws the conversation into `area`.
pub fn draw(frame: &mut Frame, cx: &Context, s: &ConversationScreen, area: Rect) {
    let t = &cx.theme;
    let c = s.conversation();
    let title = format!(
        "What matters to you? · version {} · held {}",
        c.version,
        c.day().format("%-d %b %Y")
    );
    let block = frame_block(cx, &title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines = vec![progress(t, s)];
    for text in intro(cx, s) {
        lines.push(Line::from(Span::styled(
            format!(" {text}"),
            t.style(Role::Muted),
        )));
    }
    lines.push(Line::from(""));
    // The guidance goes on under itself, not back at the edge.
    let lines = crate::ui::widgets::hanging(lines, width);
    let head_rows: usize = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(width.max(1)))
        .sum();
    let mut body: Vec<Line<'static>> = Vec::new();
    let mut focus_row = 0;
    if s.step() == ConversationStep::Review {
        let changes = s.differences();
        if c.version > 1 {
            body.push(Line::from(Span::styled(
                format!(" Since version {}:", c.version - 1),
                t.style(Role::Header),
            )));
            if changes.is_empty() {
                body.push(Line::from(Span::styled(
                    "  nothing has changed",
                    t.style(Role::Muted),
                )));
            }
            for d in &changes {
                body.push(Line::from(Span::styled(
                    format!("  · {}", d.describe()),
                    t.style(Role::Info),
                )));
            }
            body.push(Line::from(""));
        }
        body.extend(summary(t, c));
    } else {
        let fields = s.fields();
        let label = fields
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    FieldKind::Text | FieldKind::Choice | FieldKind::Area(_)
                )
            })
            .map(|f| f.label.chars().count() + 2)
            .max()
            .unwrap_or(20)
            .clamp(16, 46);
        for (i, f) in fields.iter().enumerate() {
            if i == s.focus {
                focus_row = body.len();
            }
            if s.step() == ConversationStep::Strengths {
                if let Some(prompt) = &f.note {
                    body.push(Line::from(Span::styled(
                        format!("  {prompt}"),
                        t.style(Role::Muted),
                    )));
                }
                let plain = FieldView {
                    note: None,
                    ..f.clone()
                };
                body.extend(field_lines(t, &plain, i == s.focus, width, label));
            } else {
                body.extend(field_lines(t, f, i == s.focus, width, label));
            }
        }
        if s.step() == ConversationStep::Wellbeing {
            body.push(Line::from(""));
            body.push(Line::from(Span::styled(
                format!("  {}", s.measure.running()),
                t.style(Role::Info),
            )));
        }
    }
    let mut message = Vec::new();
    if let Some(m) = &s.message {
        message.push(Line::from(Span::styled(
            format!(" {}", m.text),
            t.style(if m.is_error {
                Role::Danger
            } else {
                Role::Success
            }),
        )));
    }
    let height = |l: &Line| l.width().max(1).div_ceil(width.max(1));
    let message_rows: usize = message.iter().map(height).sum();
    let head_rows = head_rows.min(usize::from(inner.height));
    let rows = usize::from(inner.height).saturating_sub(head_rows + message_rows);
    // Scroll so the focused field (or the review's scroll line) shows,
    // with a line of what follows when there is one.
    let needed = |from: usize, to: usize| body[from..=to].iter().map(height).sum::<usize>();
    let start = if body.is_empty() {
        0
    } else if s.step() == ConversationStep::Review {
        let mut furthest = body.len();
        while furthest > 0 && needed(furthest - 1, body.len() - 1) <= rows {
            furthest -= 1;
        }
        s.scroll.min(furthest)
    } else {
        let last = (focus_row + 1).min(body.len() - 1);
        let mut start = 0;
        while start < focus_row && needed(start, last) > rows {
            start += 1;
        }
        start
    };
    let head = Rect {
        height: head_rows as u16,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), head);
    let body_rect = Rect {
        y: inner.y + head_rows as u16,
        height: rows as u16,
        ..inner
    };
    let shown: Vec<Line> = body.into_iter().skip(start).collect();
    frame.render_widget(Paragraph::new(shown).wrap(Wrap { trim: false }), body_rect);
    if !message.is_empty() {
        let rect = Rect {
            y: inner.y + inner.height.saturating_sub(message_rows as u16),
            height: message_rows as u16,
            ..inner
        };
        frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: false }), rect);
    }
}
