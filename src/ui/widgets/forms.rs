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

/// The words of `text` in lines of at most `width` columns, broken at
/// spaces only (a word longer than a line is broken); one empty line for
/// empty text.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    // Only at spaces: a file name or a word with a hyphen stays whole
    // unless it is longer than a line.
    let options =
        textwrap::Options::new(width.max(1)).word_splitter(textwrap::WordSplitter::NoHyphenation);
    let lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// A labelled field over as many lines as its value needs in `width`
/// columns: the value's lines under each other beside the label, and what
/// is wrong with it on its own line(s) below, so nothing is cut.
pub fn field_lines(
    t: &crate::ui::theme::Theme,
    label: &str,
    value: &str,
    focus: bool,
    error: Option<&str>,
    width: usize,
) -> Vec<Line<'static>> {
    let (label_role, value_role) = if focus {
        (Role::Key, Role::Selection)
    } else {
        (Role::Muted, Role::Text)
    };
    let indent = crate::domain::text::width(label);
    let room = width.saturating_sub(indent).max(10);
    let mut parts = wrap_words(value, room);
    // Keep the space just typed, so the cursor sits where the next word goes.
    if value.ends_with(' ')
        && let Some(last) = parts.last_mut()
    {
        last.push(' ');
    }
    let pad = " ".repeat(indent);
    let mut lines: Vec<Line<'static>> = parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let head = if i == 0 {
                label.to_owned()
            } else {
                pad.clone()
            };
            Line::from(vec![
                Span::styled(head, t.style(label_role)),
                Span::styled(part, t.style(value_role)),
            ])
        })
        .collect();
    if let Some(e) = error {
        for part in wrap_words(&format!("✗ {e}"), room) {
            lines.push(Line::from(vec![
                Span::raw(pad.clone()),
                Span::styled(part, t.style(Role::Danger)),
            ]));
        }
    }
    lines
}

/// How far a form scrolls in an area `height` rows high (border included)
/// so the rows `focus` (first, past the last) of the field being typed in,
/// and the line under them, are in view.
pub fn scroll_to(focus: (usize, usize), height: u16) -> u16 {
    let inner = usize::from(height.saturating_sub(2));
    let rows = (focus.1 + 1).saturating_sub(inner).min(focus.0);
    u16::try_from(rows).unwrap_or(u16::MAX)
}
