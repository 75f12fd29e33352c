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

/// When the next thing is due and, room allowing (`width` columns), what
/// it is: shortened with an ellipsis, or left out, never cut.
fn due_cell(theme: &Theme, row: &CaseOverview, today: NaiveDate, width: usize) -> Cell<'static> {
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
    let room = width.saturating_sub(crate::domain::text::width(&when) + 2);
    let what = if room >= 8 || crate::domain::text::width(&next.what) <= room {
        crate::domain::text::fit_words(&next.what, room).into_owned()
    } else {
        String::new()
    };
    Cell::from(Line::from(vec![
        Span::styled(when, style),
        Span::styled(format!("  {what}"), theme.style(Role::Muted)),
    ]))
}

/// The flags that fit in `width` columns, whole, in their order (risk
/// first); `+N` says how many more there are.
fn flags_cell(theme: &Theme, flags: &[CaseFlag], width: usize) -> Cell<'static> {
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0;
    for (i, f) in flags.iter().enumerate() {
        let role = match f {
            CaseFlag::Risk | CaseFlag::PastLimit | CaseFlag::NotAcknowledged => Role::Danger,
            CaseFlag::ConsentWithheld => Role::Info,
            _ => Role::Warning,
        };
        let sep = usize::from(i > 0);
        let more = flags.len() - i - 1;
        let tail = if more > 0 { 3 } else { 0 };
        if used + sep + f.short().len() + tail > width && i > 0 {
            spans.push(Span::styled(
                format!(" +{}", flags.len() - i),
                theme.style(Role::Muted),
            ));
            break;
        }
        if sep == 1 {
            spans.push(Span::styled(" ", theme.style(Role::Muted)));
        }
        used += sep + f.short().len();
        spans.push(Span::styled(f.short(), theme.style(role)));
    }
    Cell::from(Line::from(spans))
}

/// Below this width the table leaves out Days and Last contact, so names,
/// what is due and flags keep their room.
const NARROW: u16 = 110;

/// Whether the table shows `column` at `width`.
fn shows(column: SortColumn, width: u16) -> bool {
    width >= NARROW || !matches!(column, SortColumn::Days | SortColumn::LastContact)
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
    let columns: Vec<SortColumn> = SortColumn::ALL
        .into_iter()
        .filter(|c| shows(*c, area.width))
        .collect();
    let header = Row::new(columns.iter().map(|c| {
        let style = if *c == sort_column {
            t.style(Role::Key)
        } else {
            t.style(Role::Header)
        };
        Cell::from(Span::styled(c.header(), style))
    }));
    let page: Vec<(usize, &CaseOverview)> = list
        .shown
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(visible)
        .map(|(i, &row_index)| (i, &list.rows[row_index]))
        .collect();
    // Names and flags as wide as the page needs (within reason), what is
    // due takes the rest.
    let name_width = page
        .iter()
        .map(|(_, r)| crate::domain::text::width(&r.name))
        .max()
        .unwrap_or(4)
        .clamp(4, 24);
    let flags_width = page
        .iter()
        .map(|(_, r)| r.flags.iter().map(|f| f.short().len() + 1).sum::<usize>())
        .max()
        .unwrap_or(5)
        .clamp(5, if area.width >= NARROW { 40 } else { 16 });
    let widths: Vec<Constraint> = columns
        .iter()
        .map(|c| match c {
            SortColumn::Name => Constraint::Length(name_width as u16),
            SortColumn::Status => Constraint::Length(9),
            SortColumn::Days => Constraint::Length(4),
            SortColumn::Contacts => Constraint::Length(8),
            SortColumn::Weeks => Constraint::Length(5),
            SortColumn::NextDue => Constraint::Fill(1),
            SortColumn::LastContact => Constraint::Length(9),
            SortColumn::Flags => Constraint::Length(flags_width as u16),
        })
        .collect();
    // What the "Next due" column gets: the rest of the inner width.
    let fixed: usize = widths
        .iter()
        .map(|w| match w {
            Constraint::Length(n) => usize::from(*n),
            _ => 0,
        })
        .sum();
    let due_width = usize::from(area.width.saturating_sub(2))
        .saturating_sub(fixed + columns.len().saturating_sub(1));
    let rows: Vec<Row> = page
        .into_iter()
        .map(|(i, r)| {
            let cells = columns.iter().map(|c| match c {
                SortColumn::Name => Cell::from(r.name.clone()),
                SortColumn::Status => Cell::from(r.status.label()),
                SortColumn::Days => {
                    Cell::from(Line::from(r.days_open.to_string()).right_aligned())
                }
                SortColumn::Contacts => Cell::from(Span::styled(
                    format!("{:>2}/{}", r.contacts_used, r.contact_limit),
                    limit_style(t, r.contacts_used, r.contact_limit),
                )),
                SortColumn::Weeks => Cell::from(Span::styled(
                    format!("{:>2}/{}", r.weeks_used, r.week_limit),
                    limit_style(t, r.weeks_used, r.week_limit),
                )),
                SortColumn::NextDue => due_cell(t, r, cx.clock.today(), due_width),
                SortColumn::LastContact => Cell::from(Span::styled(
                    r.last_contact
                        .map_or("never".to_owned(), |d| d.format("%-d %b").to_string()),
                    t.style(Role::Muted),
                )),
                SortColumn::Flags => flags_cell(t, &r.flags, flags_width),
            });
            let row = Row::new(cells.collect::<Vec<_>>());
            if i == list.selected {
                row.style(t.style(Role::Selection))
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1);
    frame.render_widget(table, area);
}
