//! What every form shares: its frame, a labelled field line, and the name
//! of the person it is about.

use crate::ui::context::Context;
use crate::ui::theme::Role;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

/// The name of the person in the open case file (empty without one).
pub fn person_name(cx: &Context) -> String {
    cx.case_file
        .as_ref()
        .map_or(String::new(), |cf| cf.file.person.display_name())
}

/// A bordered overlay with its title.
pub fn frame_block(cx: &Context, title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(cx.theme.style(Role::Border))
        .title(Span::styled(
            format!(" {title} "),
            cx.theme.style(Role::Title),
        ))
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
