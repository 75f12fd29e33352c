//! The action plan editor: rows for the review date, the agreement, and
//! each goal with its chosen services, steps and suggestions; the selected
//! row's detail below. And the small form for a step, goal or date.

use crate::ui::context::Context;
use crate::ui::widgets::{field_line, frame_block};
use super::{PlanEditor, PlanForm, PlanFormTarget, PlanRow};
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or("–".into(), |d| d.format("%-d %b %Y").to_string())
}

/// One row's text and its role.
fn row_text(e: &PlanEditor, row: PlanRow, today: chrono::NaiveDate) -> (String, Role) {
    let plan = &e.plan;
    match row {
        PlanRow::ReviewDate => (
            format!("Review date            {}", date(plan.review_date)),
            Role::Text,
        ),
        PlanRow::Agreed => match plan.agreed_on {
            Some(d) => (
                format!("Agreed with the person {}", date(Some(d))),
                Role::Success,
            ),
            None => ("Agreed with the person not yet".into(), Role::Warning),
        },
        PlanRow::Goal(g) => {
            let goal = &plan.goals[g];
            let area = goal
                .life_area
                .map_or("no life area".into(), |n| n.label().to_owned());
            (
                format!("Goal {} “{}” · {area}", g + 1, goal.text),
                Role::Header,
            )
        }
        PlanRow::Chosen(g, s) => {
            let l = &e.chosen[g][s];
            let detail = if l.detail.is_empty() {
                String::new()
            } else {
                format!(" · {}", l.detail)
            };
            (format!("    ✓ {}{detail}", l.name), Role::Success)
        }
        PlanRow::Step(g, s) => {
            let st = &plan.goals[g].steps[s];
            let due = st
                .due
                .map_or(String::new(), |d| format!(", by {}", d.format("%-d %b")));
            match st.done {
                Some(d) => (
                    format!(
                        "    ☑ {} ({}{due}) done {}",
                        st.what,
                        st.owner.role(),
                        d.format("%-d %b")
                    ),
                    Role::Muted,
                ),
                None => {
                    let late = st.due.is_some_and(|d| d < today);
                    (
                        format!("    ☐ {} ({}{due})", st.what, st.owner.role()),
                        if late { Role::Danger } else { Role::Text },
                    )
                }
            }
        }
        PlanRow::AddStep(_) => ("    + add a step".into(), Role::Muted),
        PlanRow::Suggestion(g, s) => {
            let l = &e.suggestions[g][s];
            (format!("    ? {} — {}", l.name, l.why), Role::Info)
        }
        PlanRow::Search(_) => (
            "    / search the whole directory for this goal".into(),
            Role::Muted,
        ),
        PlanRow::AddGoal => ("+ add a goal".into(), Role::Muted),
    }
}

/// What the selected row is, in full, for the panel under the list.
fn detail(e: &PlanEditor) -> Vec<String> {
    match e.selected() {
        PlanRow::Suggestion(g, s) => {
            let l = &e.suggestions[g][s];
            vec![
                format!("Suggested: {}", l.name),
                l.detail.clone(),
                format!("Why: {}.", l.why),
                "Enter chooses it for this goal (and starts its support ladder).".into(),
            ]
        }
        PlanRow::Chosen(g, s) => {
            let l = &e.chosen[g][s];
            vec![
                format!("Chosen: {}", l.name),
                l.detail.clone(),
                "Its support ladder is on the Connections tab of the case.".into(),
            ]
        }
        PlanRow::Goal(g) if e.suggestions.get(g).is_some_and(Vec::is_empty) => {
            let why = if !e.directory_ready {
                "The directory is still loading; suggestions follow.".to_owned()
            } else if e.limits.is_empty() {
                "No active service in the directory fits this goal and the person's preferences; search the whole directory, or note it as an unmet need.".to_owned()
            } else {
                format!(
                    "No active service in the directory fits this goal within what the person said ({}); search the whole directory (it shows every time and place), or note it as an unmet need.",
                    e.limits.join("; ")
                )
            };
            vec![why]
        }
        PlanRow::Goal(_) => {
            vec![
                "Enter changes the goal's words; ←/→ its life area (suggestions follow it).".into(),
            ]
        }
        PlanRow::Step(..) | PlanRow::AddStep(_) => {
            vec!["A step: what, who does it (the person, the worker, a carer, someone else) and by when.".into()]
        }
        _ => Vec::new(),
    }
}

/// Draws the plan editor into `area`.
pub fn draw(frame: &mut Frame, cx: &Context, e: &PlanEditor, area: Rect) {
    let t = &cx.theme;
    let title = format!(
        "Action plan · {} goal{}",
        e.plan.goals.len(),
        if e.plan.goals.len() == 1 { "" } else { "s" }
    );
    let block = frame_block(cx, &title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, info] = Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(inner);
    let rows = e.rows();
    let height = usize::from(list.height);
    let start = (e.row + 2)
        .saturating_sub(height)
        .min(rows.len().saturating_sub(1));
    let width = usize::from(list.width);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, row)| {
            let (text, role) = row_text(e, *row, cx.clock.today());
            let text = format!(" {text}");
            let text = crate::domain::text::fit_words(&text, width).into_owned();
            let style = if i == e.row {
                t.style(Role::Selection)
            } else {
                t.style(role)
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    let info_lines: Vec<Line> = detail(e)
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|l| Line::from(Span::styled(format!(" {l}"), t.style(Role::Muted))))
        .collect();
    frame.render_widget(
        Paragraph::new(info_lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(t.style(Role::Border)),
        ),
        info,
    );
}

/// The small form over the plan.
pub fn form(frame: &mut Frame, cx: &Context, f: &PlanForm, area: Rect) {
    let t = &cx.theme;
    let title = match f.target {
        PlanFormTarget::Step(g, None) => format!("A new step for goal {}", g + 1),
        PlanFormTarget::Step(g, Some(s)) => format!("Step {} of goal {}", s + 1, g + 1),
        PlanFormTarget::Goal(None) => "A new goal, in the person's words".into(),
        PlanFormTarget::Goal(Some(g)) => format!("Goal {}", g + 1),
        PlanFormTarget::ReviewDate => "Review date".into(),
        PlanFormTarget::Agreed => "The person agreed the plan".into(),
        PlanFormTarget::Done(g, s) => format!("Step {} of goal {} done", s + 1, g + 1),
    };
    let height = 4 + f.fields().len() as u16 + 2;
    let rect = Rect {
        y: area.y + area.height.saturating_sub(height) / 2,
        height: height.min(area.height),
        ..area
    };
    frame.render_widget(Clear, rect);
    let block = frame_block(cx, &title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines = vec![Line::from("")];
    for field in f.fields() {
        let focus = f.focus == *field;
        let cursor = if focus { "▏" } else { "" };
        let (label, value) = match field {
            0 => ("What", format!("{}{cursor}", f.what)),
            1 => ("Who", format!("‹ {} ›", f.owner.label())),
            _ => (f.date_label(), format!("{}{cursor}", f.due)),
        };
        lines.push(field_line(t, format!("  {label:<10}"), value, focus, None));
    }
    lines.push(Line::from(""));
    let hint = match &f.message {
        Some(m) => Span::styled(format!("  {m}"), t.style(Role::Danger)),
        None => Span::styled(
            "  Dates: 5/12, 5/12/2026, today, yesterday, -3, +7, +2w, mon. Ctrl-u clears.",
            t.style(Role::Muted),
        ),
    };
    lines.push(Line::from(hint));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
