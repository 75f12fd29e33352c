//! The Contacts tab: every contact and attempt, newest first, the selected
//! one marked (C puts it right, X strikes it out); struck-out entries and
//! earlier versions stay, shown for what they are.

use super::draw::empty;
use crate::domain::contact::ContactEntry;
use crate::store::CaseFile;
use crate::ui::theme::{Role, Theme};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// How the contact went, in a few words: the mode, and what kept it from
/// counting (an attempt, or about the person with someone else).
fn short_reach(c: &ContactEntry) -> Option<&'static str> {
    use crate::domain::contact::Reach;
    match c.reach {
        Reach::Reached => None,
        Reach::AboutThem => Some("about them"),
        other => Some(other.label().trim_start_matches("Attempt: ")),
    }
}

fn row(c: &ContactEntry) -> String {
    let how = match short_reach(c) {
        Some(r) => format!("{} ({r})", c.mode.label()),
        None => c.mode.label().to_owned(),
    };
    format!(
        "{:<12}{:<24}{:>5}  {:<26}",
        c.on.format("%-d %b %Y").to_string(),
        how,
        c.minutes,
        c.purpose.label(),
    )
}

/// A contact in a few words, for what an earlier version said.
fn brief(c: &ContactEntry) -> String {
    let mut parts = vec![
        c.on.format("%-d %b %Y").to_string(),
        c.mode.label().to_owned(),
    ];
    if let Some(r) = short_reach(c) {
        parts.push(r.to_owned());
    }
    parts.push(format!("{} min", c.minutes));
    parts.push(c.purpose.label().to_owned());
    parts.join(", ")
}

/// The tab's lines; `selected` counts from the newest.
pub fn lines(t: &Theme, f: &CaseFile, selected: usize) -> Vec<Line<'static>> {
    if f.contacts.is_empty() {
        return empty(t, "No contacts logged.", "Press c to log one.");
    }
    let counted = f.contacts.iter().filter(|c| c.counts()).count();
    let attempts = f.contacts.iter().filter(|c| c.is_attempt()).count();
    let about = f.contacts.iter().filter(|c| c.is_about()).count();
    let count = crate::domain::text::count;
    let mut said = vec![format!("{} with them", count(counted, "contact", "contacts"))];
    if attempts > 0 {
        said.push(format!("{} (not counted)", count(attempts, "attempt", "attempts")));
    }
    if about > 0 {
        said.push(format!("{} about them with others (not counted)", count(about, "contact", "contacts")));
    }
    let mut out = vec![
        Line::from(Span::styled(
            format!("  {} · C put right · X strike out", said.join("; ")),
            t.style(Role::Muted),
        )),
        Line::from(Span::styled(
            format!(
                "  {:<12}{:<24}{:>5}  {:<26}{}",
                "Date", "How", "Min", "Purpose", "Notes"
            ),
            t.style(Role::Header),
        )),
    ];
    for (i, c) in f.contacts.iter().rev().enumerate() {
        let marker = if i == selected { "▸ " } else { "  " };
        let mut style = if i == selected {
            t.style(Role::Selection)
        } else if !c.counts() {
            t.style(Role::Muted)
        } else {
            t.style(Role::Text)
        };
        if c.struck.is_some() {
            style = style.add_modifier(Modifier::CROSSED_OUT);
        }
        let mut notes = c.notes.lines();
        out.push(Line::from(Span::styled(
            format!("{marker}{}{}", row(c), notes.next().unwrap_or("")),
            style,
        )));
        for more in notes {
            out.push(Line::from(Span::styled(
                format!("  {:<69}{more}", ""),
                t.style(Role::Text),
            )));
        }
        if let Some(s) = &c.struck {
            out.push(Line::from(Span::styled(
                format!("      {}", s.describe()),
                t.style(Role::Warning),
            )));
        }
        for r in c.revisions.iter().rev() {
            out.push(Line::from(Span::styled(
                format!(
                    "      corrected {} by {} ({}); it said: {}{}",
                    r.at.format("%-d %b %Y"),
                    r.by,
                    r.reason,
                    brief(&r.was),
                    if r.was.notes.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", r.was.notes.trim())
                    }
                ),
                t.style(Role::Muted),
            )));
        }
    }
    out
}
