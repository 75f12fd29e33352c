//! The casework forms: log a contact, move a status, risk flags.

use crate::domain::contact::{ContactMode, ContactPurpose};
use crate::ui::app::{App, ContactField, MoveStatusForm, RISK_KINDS};
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A bordered overlay with its title.
pub(super) fn frame_block(app: &App, title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.style(Role::Border))
        .title(Span::styled(
            format!(" {title} "),
            app.theme.style(Role::Title),
        ))
}

fn who(app: &App) -> String {
    app.case_file
        .as_ref()
        .map_or(String::new(), |cf| cf.file.person.display_name())
}

/// The contact form.
pub fn contact(frame: &mut Frame, app: &App, area: Rect) {
    let Some(form) = &app.contact_form else {
        return;
    };
    let t = &app.theme;
    let block = frame_block(app, &format!("Log a contact with {}", who(app)));
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [fields, notes, hint] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(inner);
    let value = |f: ContactField| match f {
        ContactField::Date => form.date.clone(),
        ContactField::Mode => format!("‹ {} ›", ContactMode::ALL[form.mode].label()),
        ContactField::Minutes => form.minutes.clone(),
        ContactField::Purpose => format!("‹ {} ›", ContactPurpose::ALL[form.purpose].label()),
        ContactField::Notes => String::new(),
    };
    let mut lines = vec![Line::from("")];
    for f in &ContactField::ALL[..4] {
        let focus = form.focus == *f;
        lines.push(field_line(
            t,
            format!("  {:<10}", f.label()),
            value(*f),
            focus,
            form.error(*f),
        ));
    }
    frame.render_widget(Paragraph::new(lines), fields);
    let mut notes_widget = form.notes.clone();
    notes_widget.set_block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(if form.focus == ContactField::Notes {
                t.style(Role::Key)
            } else {
                t.style(Role::Border)
            })
            .title("Notes"),
    );
    frame.render_widget(&notes_widget, notes);
    frame.render_widget(
        Paragraph::new(Span::styled(
            "  Tab next field · ←/→ change choice · Ctrl-s save · Esc cancel",
            t.style(Role::Muted),
        )),
        hint,
    );
}

/// The status move.
pub fn move_status(frame: &mut Frame, app: &App, area: Rect) {
    let Some(form) = &app.move_form else { return };
    let t = &app.theme;
    let mut lines = vec![Line::from("")];
    match form.chosen {
        None => {
            lines.push(Line::from(Span::styled(
                format!("  Now {}. Move to:", form.from.label()),
                t.style(Role::Text),
            )));
            for (i, s) in form.options.iter().enumerate() {
                let allowed = form.from.can_move_to(*s);
                let style = match (i == form.selected, allowed) {
                    (true, _) => t.style(Role::Selection),
                    (false, true) => t.style(Role::Text),
                    (false, false) => t.style(Role::Muted),
                };
                let note = if allowed { "" } else { "  (not allowed)" };
                lines.push(Line::from(Span::styled(
                    format!("    {}{note}", s.label()),
                    style,
                )));
            }
        }
        Some(to) => {
            lines.push(Line::from(Span::styled(
                format!(
                    "  Move {} from {} to {}?",
                    who(app),
                    form.from.label(),
                    to.label()
                ),
                t.style(Role::Title),
            )));
            if MoveStatusForm::needs_reason(to) {
                lines.push(Line::from(""));
                lines.push(Line::from(vec![
                    Span::styled("  Reason: ", t.style(Role::Key)),
                    Span::styled(form.reason.clone(), t.style(Role::Text)),
                ]));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                "  Enter to confirm · Esc to cancel",
                t.style(Role::Muted),
            )));
        }
    }
    if let Some(m) = &form.message {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("  {m}"),
            t.style(Role::Danger),
        )));
    }
    let rect = Rect {
        height: area.height.min(16),
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(app, "Move status"))
            .wrap(Wrap { trim: false }),
        rect,
    );
}

/// Raising or clearing a risk flag.
pub fn risk(frame: &mut Frame, app: &App, area: Rect) {
    let Some(form) = &app.risk_form else { return };
    let t = &app.theme;
    let mut lines = vec![Line::from("")];
    let sel = |i: usize| {
        if form.selected == i {
            t.style(Role::Selection)
        } else {
            t.style(Role::Text)
        }
    };
    lines.push(Line::from(Span::styled(
        format!("  Raise a new flag: ‹ {} ›", RISK_KINDS[form.kind].label()),
        sel(0),
    )));
    if let Some(cf) = &app.case_file {
        for (i, flag) in cf.file.case.active_risks().enumerate() {
            lines.push(Line::from(Span::styled(
                format!(
                    "  Clear: {} (raised {})",
                    flag.kind.label(),
                    flag.raised.format("%-d %b")
                ),
                sel(i + 1),
            )));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled("  Note: ", t.style(Role::Key)),
        Span::styled(form.note.clone(), t.style(Role::Text)),
    ]));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "  ↑/↓ choose · ←/→ kind · type the note · Enter save · Esc cancel",
        t.style(Role::Muted),
    )));
    if let Some(m) = &form.message {
        lines.push(Line::from(Span::styled(
            format!("  {m}"),
            t.style(Role::Danger),
        )));
    }
    let rect = Rect {
        height: area.height.min(14),
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(app, "Risk flags"))
            .wrap(Wrap { trim: false }),
        rect,
    );
}

/// The edit form.
pub fn edit(frame: &mut Frame, app: &App, area: Rect) {
    use crate::domain::edit::EditField;
    let Some(form) = &app.edit else { return };
    let t = &app.theme;
    let mut lines = vec![Line::from("")];
    for (i, (field, value)) in EditField::ALL.iter().zip(&form.values).enumerate() {
        let focus = i == form.focus;
        lines.push(field_line(
            t,
            format!("  {:<22}", field.label()),
            value.clone(),
            focus,
            form.error(*field),
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "  Tab/Enter next field · Ctrl-s save · Esc cancel · consent: yes, no or not asked",
        t.style(Role::Muted),
    )));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(app, &format!("Edit details of {}", who(app))))
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// One labelled field of a form: the label, the value (highlighted when it
/// has the cursor) and, beside it, what is wrong with it.
pub fn field_line(
    t: &crate::ui::theme::Theme,
    label: impl Into<String>,
    value: impl Into<String>,
    focus: bool,
    error: Option<&str>,
) -> Line<'static> {
    let (label_role, value_role) = if focus {
        (Role::Key, Role::Selection)
    } else {
        (Role::Muted, Role::Text)
    };
    let mut spans = vec![
        Span::styled(label.into(), t.style(label_role)),
        Span::styled(value.into(), t.style(value_role)),
    ];
    if let Some(e) = error {
        spans.push(Span::styled(format!("  ✗ {e}"), t.style(Role::Danger)));
    }
    Line::from(spans)
}
