//! The locked screen: nothing personal, only how to get back in.

use crate::ui::context::Context;
use super::{Lock, Unlocker};
use crate::ui::theme::Role;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the lock screen.
pub fn draw(frame: &mut Frame, cx: &Context, lock: &Lock) {
    let t = &cx.theme;
    let area = frame.area();
    let mut lines = vec![
        Line::from(Span::styled("linkwork is locked", t.style(Role::Title))),
        Line::from(Span::styled(
            "Personal data is hidden.",
            t.style(Role::Muted),
        )),
        Line::from(""),
    ];
    match cx.unlocker {
        Unlocker::AnyKey => lines.push(Line::from(Span::styled(
            "Press any key to carry on.",
            t.style(Role::Text),
        ))),
        Unlocker::Passphrase(_) => {
            lines.push(Line::from(vec![
                Span::styled("Passphrase: ", t.style(Role::Text)),
                Span::styled("•".repeat(lock.typed.chars().count()), t.style(Role::Key)),
            ]));
            lines.push(Line::from(Span::styled(
                "Type the passphrase and press Enter.",
                t.style(Role::Muted),
            )));
        }
    }
    if let Some(message) = lock.message {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(message, t.style(Role::Danger))));
    }
    let height = (lines.len() as u16).min(area.height);
    let rect = Rect {
        y: area.y + area.height.saturating_sub(height) / 2,
        height,
        ..area
    };
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
}
