//! Drawing the form.

use crate::ui::context::Context;
use crate::domain::contact::{ContactMode, ContactPurpose, Reach};
use super::{ContactField, ContactForm};
use crate::ui::theme::Role;
use crate::ui::widgets::{field_line, frame_block, person_name};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};


/// The contact form.
pub fn draw(frame: &mut Frame, cx: &Context, form: &ContactForm, area: Rect) {
    let t = &cx.theme;
    let block = frame_block(cx, &format!("Log a contact with {}", person_name(cx)));
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [fields, notes, hint] = Layout::vertical([
        Constraint::Length(7),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(inner);
    let value = |f: ContactField| match f {
        ContactField::Date => form.date.clone(),
        ContactField::Mode => format!("‹ {} ›", ContactMode::ALL[form.mode].label()),
        ContactField::Reach => format!("‹ {} ›", Reach::ALL[form.reach].label()),
        ContactField::Minutes => form.minutes.clone(),
        ContactField::Purpose => format!("‹ {} ›", ContactPurpose::ALL[form.purpose].label()),
        ContactField::Notes => String::new(),
    };
    let mut lines = vec![Line::from("")];
    for f in &ContactField::ALL[..5] {
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

