//! The Reports screen: the figures of the period on the left, small bar
//! charts of referrals by need, connections by rung and wellbeing
//! improvement on the right.

use crate::ui::context::Context;
use crate::ui::widgets::frame_block;
use crate::domain::report::{Count, report_text};
use super::ReportScreen;
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};

fn chart<'a>(
    cx: &Context,
    title: &'a str,
    counts: &[(String, u64)],
    max: Option<u64>,
) -> BarChart<'a> {
    let t = &cx.theme;
    let bars: Vec<Bar> = counts
        .iter()
        .map(|(label, v)| {
            Bar::default()
                .value(*v)
                .label(Line::from(label.clone()))
                .style(t.style(Role::Info))
                .value_style(t.style(Role::Selection))
        })
        .collect();
    let mut c = BarChart::default()
        .block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(t.style(Role::Border))
                .title(Span::styled(format!(" {title} "), t.style(Role::Header))),
        )
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .data(BarGroup::default().bars(&bars));
    if let Some(m) = max {
        c = c.max(m);
    }
    c
}

fn top(counts: &[Count], n: usize, width: usize) -> Vec<(String, u64)> {
    counts
        .iter()
        .take(n)
        .map(|c| (crate::domain::text::fit_words(&c.label, width).into_owned(), c.count as u64))
        .collect()
}

/// Draws the screen into `area`.
pub fn draw(frame: &mut Frame, cx: &Context, r: &ReportScreen, area: Rect) {
    let t = &cx.theme;
    let Some(rep) = &r.report else {
        let title = format!(
            "Report · {} to {}",
            r.from.format("%-d %b %Y"),
            r.to.format("%-d %b %Y")
        );
        frame.render_widget(
            ratatui::widgets::Paragraph::new(" Reading the report…").block(frame_block(cx, &title)),
            area,
        );
        return;
    };
    let title = format!(
        "Report · {} to {}",
        rep.from.format("%-d %b %Y"),
        rep.to.format("%-d %b %Y")
    );
    let block = frame_block(cx, &title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Below 100 columns the figures take the whole width (the charts
    // repeat what the lists say); wider, the charts sit on the right.
    let charts = inner.width >= 100;
    let [left, _, right] = if charts {
        Layout::horizontal([
            Constraint::Percentage(57),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(inner)
    } else {
        [inner, Rect::default(), Rect::default()]
    };
    let text = report_text(rep);
    let lines: Vec<Line> = text
        .lines()
        .skip(2)
        .map(|l| {
            let role = if l.ends_with(':') {
                Role::Header
            } else if l.starts_with("  ") {
                Role::Text
            } else {
                Role::Info
            };
            Line::from(Span::styled(format!(" {l}"), t.style(role)))
        })
        .collect();
    let lines = crate::ui::widgets::hanging(lines, usize::from(left.width));
    let max_scroll = lines.len().saturating_sub(usize::from(left.height));
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(r.scroll.min(max_scroll)).unwrap_or(0), 0)),
        left,
    );
    if !charts {
        return;
    }
    let [needs, rungs, wellbeing] = Layout::vertical([
        Constraint::Ratio(2, 5),
        Constraint::Ratio(2, 5),
        Constraint::Ratio(1, 5),
    ])
    .areas(right);
    let label = usize::from(right.width / 2).max(8);
    let by_need = top(
        &rep.by_need,
        usize::from(needs.height.saturating_sub(1)),
        label,
    );
    frame.render_widget(chart(cx, "Referrals by need", &by_need, None), needs);
    let mut ladder: Vec<(String, u64)> = rep
        .ladder
        .iter()
        .map(|c| (crate::domain::text::fit_words(&c.label, label).into_owned(), c.count as u64))
        .collect();
    ladder.sort();
    frame.render_widget(chart(cx, "Connections by rung now", &ladder, None), rungs);
    let improved: Vec<(String, u64)> = rep
        .wellbeing
        .iter()
        .map(|w| {
            (
                format!("{} (n {})", w.instrument, w.n),
                (w.improved_share * 100.0).round() as u64,
            )
        })
        .collect();
    frame.render_widget(
        chart(cx, "Meaningfully improved, %", &improved, Some(100)),
        wellbeing,
    );
}
