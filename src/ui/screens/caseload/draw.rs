//! The caseload table.

use crate::ui::context::Context;
use crate::domain::caseload::{CaseFlag, CaseOverview, CaseloadView, SortColumn, SortOrder};
use crate::domain::limits::LimitLevel;

use crate::ui::layout;
use crate::ui::theme::{Role, Theme};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

fn limit_style(theme: &Theme, used: u32, limit: u32) -> Style {
    match LimitLevel::of(used, limit) {
        LimitLevel::Within => theme.style(Role::Text),
        LimitLevel::Approaching | LimitLevel::AtLimit => theme.style(Role::Warning),
        LimitLevel::Over => theme.style(Role::Danger),
    }
}

fn due_cell(theme: &Theme, row: &CaseOverview, today: NaiveDate) -> Cell<'static> {
    let Some(next) = &row.next else {
        return Cell::from(Span::styled("nothing planned", theme.style(Role::Muted)));
    };
    let days = (next.due - today).num_days();
    let (when, style) = match days {
        d if d < 0 => (
            format!("{} overdue", next.due.format("%-d %b")),
            theme.style(Role::Danger),
        ),
        0 => ("today".to_owned(), theme.style(Role::Warning)),
        1 => ("tomorrow".to_owned(), theme.style(Role::Text)),
        _ => (
            next.due.format("%a %-d %b").to_string(),
            theme.style(Role::Text),
        ),
    };
    Cell::from(Line::from(vec![
        Span::styled(when, style),
        Span::styled(format!("  {}", next.what), theme.style(Role::Muted)),
    ]))
}

fn flags_cell(theme: &Theme, flags: &[CaseFlag]) -> Cell<'static> {
    let spans: Vec<Span> = flags
        .iter()
        .enumerate()
        .flat_map(|(i, f)| {
            let role = match f {
                CaseFlag::Risk | CaseFlag::PastLimit | CaseFlag::NotAcknowledged => Role::Danger,
                CaseFlag::ConsentWithheld => Role::Info,
                _ => Role::Warning,
            };
            let sep = (i > 0).then(|| Span::styled(" ", theme.style(Role::Muted)));
            sep.into_iter()
                .chain([Span::styled(f.short(), theme.style(role))])
        })
        .collect();
    Cell::from(Line::from(spans))
}

fn panel_title(cx: &Context) -> String {
    let list = &cx.caseload;
    if !list.query.is_empty() {
        return format!(" Find: {} ({} found) ", list.query, list.shown.len());
    }
    let (column, order) = list.sort_in_effect();
    let arrow = match order {
        SortOrder::Ascending => "↑",
        SortOrder::Descending => "↓",
    };
    format!(
        " {} · {} shown · by {} {arrow} ",
        list.view.label(),
        list.shown.len(),
        column.label()
    )
}

fn empty_message(cx: &Context) -> &'static str {
    let list = &cx.caseload;
    if list.rows.is_empty() {
        "No cases yet. Try `linkwork --demo` to explore with a fictional caseload."
    } else if !list.query.is_empty() {
        "Nobody matches. Check the spelling or try part of the NHS number."
    } else if list.filter.is_active() {
        "No cases pass the filters (x clears them)."
    } else {
        match list.view {
            CaseloadView::Today => "Nothing is due today.",
            CaseloadView::Open => "No open cases.",
            CaseloadView::Waiting => "Nobody is waiting for a first contact.",
            CaseloadView::Closed => "No closed episodes.",
        }
    }
}

/// Draws the caseload table into `area`.
pub fn draw(frame: &mut Frame, cx: &Context, area: Rect) {
    let t = &cx.theme;
    let list = &cx.caseload;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.style(Role::Border))
        .title(Span::styled(panel_title(cx), t.style(Role::Title)));
    if list.shown.is_empty() {
        let text = Paragraph::new(vec![
            Line::from(""),
            Line::from(Span::styled(
                format!("  {}", empty_message(cx)),
                t.style(Role::Text),
            )),
        ])
        .block(block);
        frame.render_widget(text, area);
        return;
    }
    let visible = layout::table_rows(area);
    let (sort_column, _) = list.sort_in_effect();
    let header = Row::new(SortColumn::ALL.iter().map(|c| {
        let style = if *c == sort_column {
            t.style(Role::Key)
        } else {
            t.style(Role::Header)
        };
        Cell::from(Span::styled(c.header(), style))
    }));
    let rows: Vec<Row> = list
        .shown
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(visible)
        .map(|(i, &row_index)| {
            let r = &list.rows[row_index];
            let row = Row::new(vec![
                Cell::from(r.name.clone()),
                Cell::from(r.status.label()),
                Cell::from(Line::from(r.days_open.to_string()).right_aligned()),
                Cell::from(Span::styled(
                    format!("{:>2}/{}", r.contacts_used, r.contact_limit),
                    limit_style(t, r.contacts_used, r.contact_limit),
                )),
                Cell::from(Span::styled(
                    format!("{:>2}/{}", r.weeks_used, r.week_limit),
                    limit_style(t, r.weeks_used, r.week_limit),
                )),
                due_cell(t, r, cx.clock.today()),
                Cell::from(Span::styled(
                    r.last_contact
                        .map_or("never".to_owned(), |d| d.format("%-d %b").to_string()),
                    t.style(Role::Muted),
                )),
                flags_cell(t, &r.flags),
            ]);
            if i == list.selected {
                row.style(t.style(Role::Selection))
            } else {
                row
            }
        })
        .collect();
    let widths = [
        Constraint::Fill(2),
        Constraint::Length(9),
        Constraint::Length(4),
        Constraint::Length(8),
        Constraint::Length(5),
        Constraint::Fill(3),
        Constraint::Length(9),
        Constraint::Fill(2),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1);
    frame.render_widget(table, area);
}
