//! The Outcomes tab: each instrument's measures over time as a bar chart,
//! with the first against the latest and what the change means.

use crate::ui::context::Context;
use crate::domain::discharge::measures_compared;
use crate::domain::wellbeing::{Instrument, Scores, WellbeingMeasure, standing_in_order};
use crate::store::CaseFile;

use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Wrap};

fn point(m: &WellbeingMeasure) -> &'static str {
    match m.point {
        crate::domain::wellbeing::MeasurePoint::Baseline => "start",
        crate::domain::wellbeing::MeasurePoint::Review => "review",
        crate::domain::wellbeing::MeasurePoint::Final => "end",
    }
}

/// The bars of one measure: ONS4 has four, the others one.
fn bars(m: &WellbeingMeasure) -> Vec<(String, u64)> {
    match &m.scores {
        Scores::Ons4(o) => vec![
            ("life".into(), u64::from(o.life_satisfaction)),
            ("worth".into(), u64::from(o.worthwhile)),
            ("happy".into(), u64::from(o.happy)),
            ("anx".into(), u64::from(o.anxious)),
        ],
        Scores::Who5(w) => vec![(String::new(), u64::from(w.percentage()))],
        Scores::Swemwbs(s) => vec![(String::new(), s.metric().round() as u64)],
    }
}

fn scale(i: Instrument) -> (&'static str, u64) {
    match i {
        Instrument::Ons4 => ("0-10 each; anxiety: lower is better", 10),
        Instrument::Who5 => ("0-100 %; 50 or below suggests poor wellbeing", 100),
        Instrument::Swemwbs => ("metric score 7-35", 35),
    }
}

/// What the person's earlier episodes measured, a line per episode and
/// instrument: the first against the last, as the letter says it.
fn earlier_lines(f: &CaseFile) -> Vec<String> {
    let mut out = Vec::new();
    for (case, measures) in &f.earlier_measures {
        for instrument in Instrument::ALL {
            let said = match standing_in_order(measures, instrument).as_slice() {
                [] => continue,
                [only] => format!(
                    "{} on {}",
                    only.scores.summary(),
                    only.taken_on.format("%-d %b %Y")
                ),
                [first, .., last] => format!(
                    "{} to {}: {}",
                    first.taken_on.format("%-d %b %Y"),
                    last.taken_on.format("%-d %b %Y"),
                    measures_compared(first, last).unwrap_or_default()
                ),
            };
            out.push(format!("Earlier episode (case {case}): {said}"));
        }
    }
    out
}

/// Draws the tab into `area` (inside the tab's frame).
pub fn draw(frame: &mut Frame, cx: &Context, f: &CaseFile, area: Rect, key: &str) {
    let t = &cx.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.style(Role::Border));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // A re-referral: where the person was in earlier episodes, on top.
    let earlier = earlier_lines(f);
    let inner = if earlier.is_empty() {
        inner
    } else {
        // As many rows as the lines take wrapped, up to half the tab.
        let width = usize::from(inner.width.max(1));
        let wrapped: usize = earlier
            .iter()
            .map(|l| (crate::domain::text::width(l) + 1).div_ceil(width))
            .sum();
        let rows = u16::try_from(wrapped + 1)
            .unwrap_or(u16::MAX)
            .min(inner.height / 2)
            .max(1);
        let [top, rest] =
            Layout::vertical([Constraint::Length(rows), Constraint::Min(3)]).areas(inner);
        let lines: Vec<Line> = earlier
            .into_iter()
            .map(|l| Line::from(Span::styled(format!(" {l}"), t.style(Role::Muted))))
            .collect();
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), top);
        rest
    };
    let instruments: Vec<Instrument> = Instrument::ALL
        .into_iter()
        .filter(|i| {
            f.measures
                .iter()
                .any(|m| m.stands() && m.scores.instrument() == *i)
        })
        .collect();
    if instruments.is_empty() {
        let lines = vec![
            Line::from(""),
            Line::from(Span::styled(
                "  No wellbeing measures yet.",
                t.style(Role::Text),
            )),
            Line::from(Span::styled(
                format!(
                    "  The baseline is taken in the conversation; {key} takes a measure at any contact (ONS4, WHO-5 or SWEMWBS)."
                ),
                t.style(Role::Muted),
            )),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }
    let areas = Layout::vertical(
        instruments
            .iter()
            .map(|_| Constraint::Ratio(1, instruments.len() as u32)),
    )
    .split(inner);
    for (instrument, rect) in instruments.iter().zip(areas.iter()) {
        let taken = standing_in_order(&f.measures, *instrument);
        let (scale_text, max) = scale(*instrument);
        let summary = match taken.as_slice() {
            [only] => format!(
                "One measure so far ({}, {}{}): {}",
                only.taken_on.format("%-d %b %Y"),
                point(only),
                only.completed_by
                    .as_ref()
                    .map_or(String::new(), |b| format!(", {}", b.label())),
                only.scores.summary()
            ),
            [first, .., last] => format!(
                "Baseline {} against latest {}: {}",
                first.taken_on.format("%-d %b %Y"),
                last.taken_on.format("%-d %b %Y"),
                measures_compared(first, last).unwrap_or_default()
            ),
            [] => String::new(),
        };
        let [text_area, chart_area] =
            Layout::vertical([Constraint::Length(4), Constraint::Min(3)]).areas(*rect);
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled(
                    format!(" {} ({scale_text})", instrument.label()),
                    t.style(Role::Header),
                )),
                Line::from(Span::styled(format!(" {summary}"), t.style(Role::Info))),
            ])
            .wrap(Wrap { trim: false }),
            text_area,
        );
        let groups: Vec<BarGroup> = taken
            .iter()
            .map(|m| {
                let bars: Vec<Bar> = bars(m)
                    .into_iter()
                    .map(|(label, v)| {
                        Bar::default()
                            .value(v)
                            .label(Line::from(label))
                            .style(t.style(Role::Info))
                            .value_style(t.style(Role::Selection))
                    })
                    .collect();
                BarGroup::default()
                    .label(Line::from(format!(
                        "{} {}{}",
                        m.taken_on.format("%-d %b"),
                        point(m),
                        if crate::domain::wellbeing::CompletedBy::is_proxy(m.completed_by.as_ref()) {
                            " (for them)"
                        } else {
                            ""
                        }
                    )))
                    .bars(&bars)
            })
            .collect();
        let width: u16 = if *instrument == Instrument::Ons4 {
            5
        } else {
            9
        };
        let mut chart = BarChart::default()
            .bar_width(width)
            .bar_gap(1)
            .group_gap(3)
            .max(max);
        for g in groups {
            chart = chart.data(g);
        }
        frame.render_widget(chart, chart_area);
    }
}
