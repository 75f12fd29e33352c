//! The referral intake form.

use crate::ui::context::Context;
use super::IntakeForm;
use crate::ui::widgets::{field_lines, scroll_to, wrap_words};
use crate::domain::intake::IntakeField;
use crate::domain::referral::Need;

use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// Draws the form (or, once duplicates are found, the choice about them).
pub fn draw(frame: &mut Frame, cx: &Context, form: &IntakeForm, area: Rect) {
    let t = &cx.theme;
    let mut lines = Vec::new();
    let mut scroll = 0;
    if !form.duplicates.is_empty() {
        lines.push(Line::from(Span::styled(
            "  This may be someone already known:",
            t.style(Role::Warning),
        )));
        for (i, d) in form.duplicates.iter().enumerate() {
            let p = &d.person;
            let style = if i == form.duplicate {
                t.style(Role::Selection)
            } else {
                t.style(Role::Text)
            };
            let episodes: Vec<String> = d
                .episodes
                .iter()
                .map(|(id, s)| format!("case {id} {}", s.label()))
                .collect();
            lines.push(Line::from(Span::styled(
                format!(
                    "  {} {} · born {} · {} · {}",
                    p.given_name,
                    p.family_name,
                    p.date_of_birth
                        .map_or("–".into(), |d| d.format("%-d %b %Y").to_string()),
                    p.nhs_number
                        .map_or("no NHS number".into(), |n| format!("NHS {n}")),
                    if episodes.is_empty() {
                        "no episodes".into()
                    } else {
                        episodes.join(", ")
                    }
                ),
                style,
            )));
        }
        lines.push(Line::from(""));
        // An NHS number is one person's: a match on it offers no second
        // person (the store refuses one too).
        let same_number = form.draft.nhs_number().is_some_and(|n| {
            form.duplicates
                .iter()
                .any(|d| d.person.nhs_number == Some(n))
        });
        lines.push(Line::from(Span::styled(
            if same_number {
                "  e / Enter: add a new episode for this person (the NHS number is theirs)   Esc: back to the form, to check the number"
            } else {
                "  e / Enter: add a new episode for this person   n: save as a different, new person   Esc: back to the form"
            },
            t.style(Role::Key),
        )));
    } else {
        let width = usize::from(area.width.saturating_sub(2));
        let mut focus_rows = (0, 0);
        for (i, field) in IntakeField::ALL.iter().enumerate() {
            let focus = i == form.focus;
            let label = format!(
                "  {}{:<20}",
                if field.required() { "*" } else { " " },
                field.label()
            );
            let value = match field {
                IntakeField::Source => format!(
                    "‹ {} ›",
                    form.draft.source.map_or("choose with ←/→", |s| s.label())
                ),
                IntakeField::Urgency => format!("‹ {} ›", form.draft.urgency.label()),
                IntakeField::Consent => format!("‹ {} ›", form.draft.consent.label()),
                IntakeField::Needs => {
                    let ticked: Vec<_> = form.draft.needs.iter().map(|n| n.label()).collect();
                    let cursor = if focus {
                        format!(
                            "   [{}] {}",
                            if form.draft.needs.contains(&Need::ALL[form.need_cursor]) {
                                "x"
                            } else {
                                " "
                            },
                            Need::ALL[form.need_cursor].label()
                        )
                    } else {
                        String::new()
                    };
                    format!(
                        "{}{cursor}",
                        if ticked.is_empty() {
                            "none".into()
                        } else {
                            ticked.join(", ")
                        }
                    )
                }
                other => match (form.draft.get(*other), other.hint()) {
                    ("", Some(hint)) if focus => format!("({hint})"),
                    (value, _) => value.to_owned(),
                },
            };
            let field_lines = field_lines(t, &label, &value, focus, form.error(*field), width);
            if focus {
                focus_rows = (lines.len(), lines.len() + field_lines.len());
            }
            lines.extend(field_lines);
        }
        lines.push(Line::from(""));
        let help = "* required · Tab/Enter next · ←/→ choose · Space ticks a need · dates as 23/4/1960 · Ctrl-s save · Esc cancel";
        for part in wrap_words(help, width.saturating_sub(2)) {
            lines.push(Line::from(Span::styled(
                format!("  {part}"),
                t.style(Role::Muted),
            )));
        }
        scroll = scroll_to(focus_rows, area.height);
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.style(Role::Border))
        .title(Span::styled(" New referral ", t.style(Role::Title)));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
