//! Key chords: a key with modifiers, as written in config (`ctrl-p`,
//! `shift-tab`, `G`, `pagedown`) and as shown in help.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// A key and its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift is folded into the character for letters).
    pub mods: KeyModifiers,
}

/// A key description that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "\"{0}\" is not a key (try \"q\", \"ctrl-p\", \"shift-tab\", \"enter\", \"pagedown\", \"f1\")"
)]
pub struct ChordError(pub String);

const NAMED: [(&str, KeyCode); 17] = [
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
    ("minus", KeyCode::Char('-')),
];

impl KeyChord {
    /// A plain key.
    pub const fn key(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// A character key.
    pub const fn char(c: char) -> Self {
        Self::key(KeyCode::Char(c))
    }

    /// Ctrl plus a character.
    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The chord of a terminal key event, normalised so that it compares
    /// equal to the chord written in config.
    pub fn from_event(event: &KeyEvent) -> Self {
        let mut mods =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Self { code, mods }
    }
}

impl FromStr for KeyChord {
    type Err = ChordError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ChordError(s.to_owned());
        if s.is_empty() {
            return Err(err());
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        // A lone "-" is the minus key; otherwise "-" separates modifiers.
        while let Some((head, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break;
            }
            match head.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => mods |= KeyModifiers::CONTROL,
                "alt" | "a" | "m" => mods |= KeyModifiers::ALT,
                "shift" | "s" => mods |= KeyModifiers::SHIFT,
                _ => return Err(err()),
            }
            rest = tail;
        }
        let lower = rest.to_ascii_lowercase();
        let mut code = if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
            *code
        } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=12).contains(&n) {
                return Err(err());
            }
            KeyCode::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                _ => return Err(err()),
            }
        };
        if mods.contains(KeyModifiers::SHIFT) {
            match code {
                KeyCode::Char(c) if c.is_ascii_alphabetic() => {
                    mods.remove(KeyModifiers::SHIFT);
                    if !mods.contains(KeyModifiers::CONTROL) {
                        code = KeyCode::Char(c.to_ascii_uppercase());
                    }
                }
                KeyCode::Tab => {
                    mods.remove(KeyModifiers::SHIFT);
                    code = KeyCode::BackTab;
                }
                _ => {}
            }
        }
        if mods.contains(KeyModifiers::CONTROL)
            && let KeyCode::Char(c) = code
        {
            code = KeyCode::Char(c.to_ascii_lowercase());
        }
        Ok(Self { code, mods })
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn event(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, mods, KeyEventKind::Press)
    }

    #[test]
    fn parses_config_spellings() {
        assert_eq!("q".parse(), Ok(KeyChord::char('q')));
        assert_eq!("ctrl-p".parse(), Ok(KeyChord::ctrl('p')));
        assert_eq!("Ctrl-P".parse(), Ok(KeyChord::ctrl('p')));
        assert_eq!("G".parse(), Ok(KeyChord::char('G')));
        assert_eq!("shift-g".parse(), Ok(KeyChord::char('G')));
        assert_eq!("shift-tab".parse(), Ok(KeyChord::key(KeyCode::BackTab)));
        assert_eq!("pagedown".parse(), Ok(KeyChord::key(KeyCode::PageDown)));
        assert_eq!("f1".parse(), Ok(KeyChord::key(KeyCode::F(1))));
        assert_eq!("-".parse(), Ok(KeyChord::char('-')));
        assert_eq!("?".parse(), Ok(KeyChord::char('?')));
        for bad in ["", "ctrl-", "hyper-x", "f13", "f0", "enterr", "ab"] {
            assert!(bad.parse::<KeyChord>().is_err(), "{bad}");
        }
    }

    #[test]
    fn events_normalise_to_config_chords() {
        assert_eq!(
            KeyChord::from_event(&event(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            KeyChord::char('G')
        );
        assert_eq!(
            KeyChord::from_event(&event(
                KeyCode::Char('P'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            )),
            KeyChord::ctrl('p')
        );
        assert_eq!(
            KeyChord::from_event(&event(KeyCode::BackTab, KeyModifiers::SHIFT)),
            KeyChord::key(KeyCode::BackTab)
        );
        assert_eq!(
            KeyChord::from_event(&event(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            KeyChord::char('?')
        );
    }

    proptest! {
        #[test]
        fn parsing_never_panics(s in "\\PC{0,12}") {
            let _ = s.parse::<KeyChord>();
        }

        #[test]
        fn display_of_a_char_chord_parses_back(c in proptest::char::range('!', '~'), ctrl: bool) {
            let chord = if ctrl && c.is_ascii_alphabetic() { KeyChord::ctrl(c.to_ascii_lowercase()) } else { KeyChord::char(c) };
            let shown = chord.to_string();
            prop_assert_eq!(shown.parse::<KeyChord>(), Ok(chord));
        }
    }
}
