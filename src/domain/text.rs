//! Text folding for matching: lower case, accents and typographic
//! punctuation to plain ASCII (é -> e, – -> -, ’ -> '), since the fuzzy
//! matcher only folds ASCII; and cleaning text that leaves linkwork for a
//! terminal or a file, so that what came from outside (a feed, a typed
//! name) can never drive the terminal.

/// `n` and the noun, singular for one: "1 service", "3 services".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whether `c` could change what a terminal does or hide what text says:
/// C0 and C1 controls (but newline and tab), DEL, bidirectional
/// overrides and isolates, and invisible format characters.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// `s` with every character that could drive a terminal or hide text
/// (see [`is_unsafe`]) shown as a visible stand-in: C0 controls as their
/// control pictures (ESC as ␛), anything else as U+FFFD. Newlines and tabs
/// stay. Used for every human-readable output: CLI text, letters, cards,
/// copies, error messages.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{0}'..='\u{1f}' if is_unsafe(c) => {
                    char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')
                }
                '\u{7f}' => '\u{2421}',
                c if is_unsafe(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// JSON text with every unsafe character (see [`is_unsafe`]) written as a
/// `\uXXXX` escape: the same JSON, and nothing a terminal acts on.
pub fn clean_json(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe(c) && c != '\n' {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", u));
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The columns `s` takes on a terminal, grapheme by grapheme as the
/// screen draws it: a wide character, a flag (two regional indicators) or
/// a joined emoji counts whole.
pub fn width(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// The longest start of `s` that fits in `cols` columns, never cutting a
/// grapheme (a flag, a joined emoji, a letter with its accents) in half.
pub fn fit(s: &str, cols: usize) -> &str {
    use unicode_segmentation::UnicodeSegmentation;
    let mut used = 0;
    for (at, g) in s.grapheme_indices(true) {
        used += width(g);
        if used > cols {
            return &s[..at];
        }
    }
    s
}

/// The longest end of `s` that fits in `cols` columns (so what is being
/// typed stays in view), never cutting a grapheme.
pub fn fit_end(s: &str, cols: usize) -> &str {
    use unicode_segmentation::UnicodeSegmentation;
    let mut used = 0;
    for (at, g) in s.grapheme_indices(true).rev() {
        used += width(g);
        if used > cols {
            return &s[at + g.len()..];
        }
    }
    s
}

/// `s` in at most `cols` columns: whole when it fits, else shortened at a
/// word (or, for one long word, a letter) and ended with an ellipsis, so
/// a reader sees it goes on.
pub fn fit_words(s: &str, cols: usize) -> std::borrow::Cow<'_, str> {
    if width(s) <= cols {
        return s.into();
    }
    let head = fit(s, cols.saturating_sub(1));
    let at_word = match head.rfind(' ') {
        Some(i) if i >= head.len() / 2 => &head[..i],
        _ => head,
    };
    format!("{}…", at_word.trim_end()).into()
}

/// `s` cut to 40 characters (with an ellipsis), for quoting a value in a
/// message.
pub fn shorten(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Folds `s` for matching.
pub fn fold(s: &str) -> String {
    deunicode::deunicode(s).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_words_ends_with_an_ellipsis_at_a_word() {
        assert_eq!(fit_words("Plan review", 20), "Plan review");
        assert_eq!(fit_words("What matters conversation", 15), "What matters…");
        assert_eq!(fit_words("Supercalifragilistic", 8), "Superca…");
        assert!(width(&fit_words("Zoë’s Café 🇬🇧 club", 12)) <= 12);
    }

    #[test]
    fn widths_and_cuts_keep_graphemes_whole() {
        let flags = "Club 🇬🇧🇺🇦";
        assert_eq!(width(flags), 9);
        assert_eq!(fit(flags, 8), "Club 🇬🇧", "a flag is never halved");
        assert_eq!(fit(flags, 6), "Club ");
        let family = "a👨\u{200d}👩\u{200d}👧b";
        assert_eq!(width(family), 4);
        assert_eq!(fit(family, 2), "a");
        assert_eq!(fit(family, 3), "a👨\u{200d}👩\u{200d}👧");
        assert_eq!(fit_end(family, 3), "👨\u{200d}👩\u{200d}👧b");
        assert_eq!(fit_end(flags, 3), "🇺🇦");
        assert_eq!(
            fit("Zoe\u{308}!", 3),
            "Zoe\u{308}",
            "an accent stays on its letter"
        );
        assert_eq!(width("日本"), 4);
        assert_eq!(fit("日本", 3), "日");
        assert_eq!(fit("", 5), "");
        assert_eq!(fit_end("abc", 0), "");
    }

    #[test]
    fn nothing_that_drives_a_terminal_gets_out() {
        let hostile = "Ann\u{1b}]52;c;aGk=\u{7}\u{9b}2J\u{202e}evil\u{200b}\u{7f}";
        let out = clean(hostile);
        assert!(!out.chars().any(is_unsafe), "{out:?}");
        assert_eq!(out, "Ann␛]52;c;aGk=␇\u{fffd}2J\u{fffd}evil\u{fffd}␡");
        assert_eq!(clean("Zoë 🇬🇧 line\n\tnext"), "Zoë 🇬🇧 line\n\tnext");
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(clean(family), family, "joined emoji stay whole");
        assert!(matches!(clean("plain"), std::borrow::Cow::Borrowed(_)));
        let json = serde_json::to_string(&serde_json::json!({"name": hostile})).unwrap();
        let safe = clean_json(&json);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], hostile, "the same JSON");
    }

    #[test]
    fn folds_accents_case_dashes_and_quotes() {
        assert_eq!(fold("Café – “Wójcik’s” ÉCOLE"), "cafe - \"wojcik's\" ecole");
    }
}
