//! Text folding for matching: lower case, accents and typographic
//! punctuation to plain ASCII (é -> e, – -> -, ’ -> '), since the fuzzy
//! matcher only folds ASCII; and cleaning text that leaves linkwork for a
//! terminal or a file, so that what came from outside (a feed, a typed
//! name) can never drive the terminal.

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
