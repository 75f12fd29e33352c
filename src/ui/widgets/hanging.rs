//! Wrapping styled lines with a hanging indent: a line too wide for its
//! panel goes on under its own value (`Reason    Struggling since ...` /
//! `          and unemployment.`), never back at the left edge, and words
//! are not cut.

use crate::domain::text::{fit, width};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// How far continuation lines of `line` are indented, and whether that
/// is past its first span, a label ending in padding (`  Reason      `);
/// otherwise under the line's own leading spaces (and a list marker's).
fn indent_of(line: &Line, room: usize) -> (usize, bool) {
    if line.spans.len() >= 2 {
        let first = &line.spans[0].content;
        let w = width(first);
        if first.ends_with("  ") && w <= room / 2 {
            return (w, true);
        }
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let rest = text.trim_start();
    let lead = text.len() - rest.len();
    // A list entry (`▸ `, `• `, `✓ `...) goes on under its text.
    let marker = rest
        .chars()
        .next()
        .is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace())
        && rest.chars().nth(1) == Some(' ');
    let indent = if marker { lead + 2 } else { lead };
    (indent.min(room / 2), false)
}

/// `lines`, each at most `room` columns wide, wrapped at spaces with a
/// hanging indent; styles are kept word by word. A word wider than a line
/// is broken.
pub fn hanging(lines: Vec<Line<'static>>, room: usize) -> Vec<Line<'static>> {
    let room = room.max(8);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.width() <= room {
            out.push(line);
            continue;
        }
        let (indent, label) = indent_of(&line, room);
        let line_style = line.style;
        let mut spans = line.spans.into_iter();
        let mut current: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        // A label stays whole on the first line.
        if label && let Some(first) = spans.next() {
            used = indent;
            current.push(first);
        }
        let mut pieces: Vec<(String, Style)> = Vec::new();
        for span in spans {
            let mut rest = span.content.as_ref();
            while !rest.is_empty() {
                // A word with the spaces after it.
                let end = rest
                    .find(' ')
                    .map(|i| i + rest[i..].find(|c: char| c != ' ').unwrap_or(rest.len() - i))
                    .unwrap_or(rest.len());
                pieces.push((rest[..end].to_owned(), span.style));
                rest = &rest[end..];
            }
        }
        let pad = " ".repeat(indent);
        let flush = |current: &mut Vec<Span<'static>>, out: &mut Vec<Line<'static>>| {
            if let Some(last) = current.last_mut() {
                let trimmed = last.content.trim_end().to_owned();
                last.content = trimmed.into();
            }
            out.push(Line::from(std::mem::take(current)).style(line_style));
        };
        for (mut word, style) in pieces {
            loop {
                let w = width(word.trim_end());
                if used + w <= room {
                    used += width(&word);
                    current.push(Span::styled(word, style));
                    break;
                }
                let fresh = used <= indent;
                if !fresh {
                    flush(&mut current, &mut out);
                    current.push(Span::raw(pad.clone()));
                    used = indent;
                    if word.trim().is_empty() {
                        break;
                    }
                    continue;
                }
                // A word wider than a whole line: break it.
                let head = fit(&word, room.saturating_sub(used)).to_owned();
                if head.is_empty() {
                    current.push(Span::styled(word, style));
                    break;
                }
                word = word[head.len()..].to_owned();
                current.push(Span::styled(head, style));
                flush(&mut current, &mut out);
                current.push(Span::raw(pad.clone()));
                used = indent;
            }
        }
        if current.iter().any(|s| !s.content.trim().is_empty()) {
            flush(&mut current, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn a_long_value_goes_on_under_itself() {
        let line = Line::from(vec![
            Span::raw("  Reason      "),
            Span::raw("Struggling since losing their job. Referred for work."),
        ]);
        assert_eq!(
            text(&hanging(vec![line], 40)),
            [
                "  Reason      Struggling since losing",
                "              their job. Referred for",
                "              work."
            ]
        );
    }

    #[test]
    fn short_lines_stay_and_long_words_break_without_losing_letters() {
        let short = Line::from("  fits");
        assert_eq!(text(&hanging(vec![short], 40)), ["  fits"]);
        let long = Line::from(format!("  note {}", "x".repeat(30)));
        let got = text(&hanging(vec![long], 20));
        assert!(got.iter().all(|l| width(l) <= 20), "{got:?}");
        let letters: usize = got.iter().map(|l| l.matches('x').count()).sum();
        assert_eq!(letters, 30);
    }
}
