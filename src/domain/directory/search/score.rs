//! How well one query term matches one field: the quality of the match
//! (a whole word beats a word's start, which beats a tight subsequence
//! inside one word, which beats letters scattered across words) times the
//! field's weight (name, categories, area, organisation, description).

use crate::domain::directory::vocabulary::{self, NeedWords};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::OnceLock;

/// How a term matched a text, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    /// Its letters in order, across words.
    Scattered,
    /// Its letters in order inside one word, not from the word's start.
    LooseInWord,
    /// One letter off a category word (a misspelling).
    Typo,
    /// Inside one word: a substring, or its letters from the word's start.
    InWord,
    /// The start of a word.
    Prefix,
    /// A need it names, served by one of the categories.
    Need,
    /// A whole word (or phrase).
    Whole,
}

impl Quality {
    fn points(self) -> i64 {
        match self {
            Self::Scattered => 1,
            Self::LooseInWord => 2,
            Self::Typo => 3,
            Self::InWord => 4,
            Self::Prefix => 6,
            Self::Need => 7,
            Self::Whole => 8,
        }
    }

    /// In words, for the detail pane.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Scattered => "its letters, spread out",
            Self::LooseInWord => "its letters, inside a word",
            Self::Typo => "a close spelling",
            Self::InWord => "inside a word",
            Self::Prefix => "the start of a word",
            Self::Need => "a need it serves",
            Self::Whole => "a whole word",
        }
    }
}

/// A field of a service that search looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The service's name.
    Name,
    /// Our categories and the publisher's taxonomy terms.
    Categories,
    /// Towns, postcodes and service areas.
    Area,
    /// The organisation's name.
    Organisation,
    /// The description.
    Description,
}

impl Field {
    fn weight(self) -> i64 {
        match self {
            Self::Name => 5,
            Self::Categories => 4,
            Self::Area => 3,
            Self::Organisation => 2,
            Self::Description => 1,
        }
    }

    /// In words, for the detail pane.
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "the name",
            Self::Categories => "the categories",
            Self::Area => "the area",
            Self::Organisation => "the organisation",
            Self::Description => "the description",
        }
    }
}

/// The score of a match of `quality` in `field`.
pub fn points(field: Field, quality: Quality) -> i64 {
    quality.points() * field.weight()
}

/// How one term fares against one text.
#[derive(Debug, Clone, Copy, Default)]
pub struct OnText {
    /// The term may be in the text (the prefilter: what a longer query can
    /// only narrow).
    pub maybe: bool,
    /// How it matched, with a fuzzy score to break ties.
    pub found: Option<(Quality, i64)>,
    /// The fuzzy score was left for later (it is 0 in `found`): only the
    /// few results that may reach the screen need it.
    pub pending: bool,
}

/// The letters and digits of `text` (ASCII), one bit each.
pub fn letters(text: &str) -> u64 {
    text.bytes().fold(0, |set, b| set | letter_bit(b))
}

fn letter_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 0,
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Whether a term is one word (letters and digits only).
pub(super) fn is_word(term: &str) -> bool {
    !term.is_empty() && term.bytes().all(is_word_byte)
}

/// Whether the bytes of `needle` appear in `haystack` in order.
pub fn is_subsequence(needle: &[u8], haystack: &[u8]) -> bool {
    let mut rest = haystack;
    for b in needle {
        match rest.iter().position(|h| h == b) {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
}

/// The best quality of `term` as a substring of `text` (looking at the
/// first few places it occurs).
pub fn substring(term: &str, text: &str) -> Option<Quality> {
    substring_by(&memchr::memmem::Finder::new(term), text)
}

/// [`substring`] with a searcher made once for the term. memchr's is
/// vectorised (the standard library's only for `contains`), and most texts
/// do not hold the term at all.
pub(super) fn substring_by(finder: &memchr::memmem::Finder, text: &str) -> Option<Quality> {
    let bytes = text.as_bytes();
    let len = finder.needle().len();
    let mut best = None;
    for at in finder.find_iter(bytes).take(4) {
        let end = at + len;
        let starts = at == 0 || !is_word_byte(bytes[at - 1]);
        let ends = end == bytes.len() || !is_word_byte(bytes[end]);
        let q = match (starts, ends) {
            (true, true) => Quality::Whole,
            (true, false) => Quality::Prefix,
            _ => Quality::InWord,
        };
        best = best.max(Some(q));
        if q == Quality::Whole {
            break;
        }
    }
    best
}

/// The words of a folded text: its runs of ASCII letters and digits.
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// `term`'s letters in order inside one word of `text`.
fn in_one_word(term: &[u8], text: &str) -> Option<Quality> {
    let mut best = None;
    for w in words(text) {
        if w.len() > term.len() && is_subsequence(term, w.as_bytes()) {
            let q = if w.as_bytes()[0] == term[0] {
                Quality::InWord
            } else {
                Quality::LooseInWord
            };
            best = best.max(Some(q));
            if q == Quality::InWord {
                break;
            }
        }
    }
    best
}

/// Whether `term` is one edit (two for long words) from a word of `text`.
fn typo(term: &str, text: &str) -> bool {
    if term.len() < 5 || !is_word(term) {
        return false;
    }
    let most = if term.len() >= 9 { 2 } else { 1 };
    words(text).any(|w| {
        w.len().abs_diff(term.len()) <= most && strsim::damerau_levenshtein(term, w) <= most
    })
}

/// Scores `term` against a short field (name, organisation, categories).
#[cfg(test)]
pub fn on_short(term: &str, text: &str, matcher: &SkimMatcherV2) -> OnText {
    on_short_by(
        &memchr::memmem::Finder::new(term),
        term,
        text,
        Some(matcher),
    )
}

/// With no `matcher`, the fuzzy score of letters in order is left
/// [`OnText::pending`].
fn on_short_by(
    finder: &memchr::memmem::Finder,
    term: &str,
    text: &str,
    matcher: Option<&SkimMatcherV2>,
) -> OnText {
    if let Some(q) = substring_by(finder, text) {
        return OnText {
            maybe: true,
            found: Some((q, 100 + term.len() as i64 * 10)),
            pending: false,
        };
    }
    // A one-letter term that is not a substring is not a subsequence
    // either; letters in order count only for terms of three or more.
    let maybe = term.len() > 1 && is_subsequence(term.as_bytes(), text.as_bytes());
    if !maybe || term.len() < 3 {
        return OnText {
            maybe,
            ..OnText::default()
        };
    }
    let fuzzy = matcher.map(|m| m.fuzzy_match(text, term).unwrap_or(0));
    let q = in_one_word(term.as_bytes(), text).unwrap_or(Quality::Scattered);
    OnText {
        maybe,
        found: Some((q, fuzzy.unwrap_or(0))),
        pending: fuzzy.is_none(),
    }
}

/// One query term: a word, or a phrase that names a need.
pub struct Term<'q> {
    /// The folded text.
    pub text: &'q str,
    /// Its letters and digits.
    pub letters: u64,
    /// Whether it is one letter or digit, found exactly by its bit.
    pub single: bool,
    /// The need it names, if any.
    pub need: Option<&'static NeedWords>,
    /// Its searcher, made once.
    finder: memchr::memmem::Finder<'q>,
    /// Memos of its scores against the index's shared texts.
    pub shared: Vec<OnceLock<OnText>>,
    /// How well it is found in each entry's area and description, looked
    /// up in the word indexes (`None`: read the texts instead).
    pub long: Option<(Vec<u8>, Vec<u8>)>,
    /// The same against shared texts used as categories (where needs and
    /// misspellings count too).
    pub categories: Vec<OnceLock<OnText>>,
}

impl<'q> Term<'q> {
    /// The term `text`, with memos for `shared` shared texts and
    /// `categories` category texts.
    pub fn new(text: &'q str, shared: usize, categories: usize) -> Self {
        let set = letters(text);
        Self {
            text,
            letters: set,
            single: text.len() == 1 && set != 0,
            need: vocabulary::said(text),
            finder: memchr::memmem::Finder::new(text),
            long: None,
            shared: (0..shared).map(|_| OnceLock::new()).collect(),
            categories: (0..categories).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Whether a text whose letters are `set` may contain this term.
    pub fn fits(&self, set: u64) -> bool {
        set & self.letters == self.letters
    }

    /// Scores this term against a short field whose letters are `set`
    /// (with no `matcher`, a fuzzy score is left pending).
    pub fn on(&self, text: &str, set: u64, matcher: Option<&SkimMatcherV2>) -> OnText {
        if !self.fits(set) {
            return OnText::default();
        }
        if self.single {
            // Its bit says it is there; where matters little for one letter.
            return OnText {
                maybe: true,
                found: Some((Quality::InWord, 110)),
                pending: false,
            };
        }
        on_short_by(&self.finder, self.text, text, matcher)
    }

    /// Scores this term against a categories text: as a short field, else
    /// as a need the categories serve, else as a misspelling of one.
    pub fn on_categories(&self, text: &str, matcher: &SkimMatcherV2) -> OnText {
        let plain = on_short_by(&self.finder, self.text, text, Some(matcher));
        let better = |q: Quality| plain.found.is_none_or(|(p, _)| p < q);
        if let Some(need) = self.need
            && better(Quality::Need)
            && need.served_by.iter().any(|w| substring(w, text).is_some())
        {
            return OnText {
                maybe: true,
                found: Some((Quality::Need, 100)),
                pending: false,
            };
        }
        if plain.found.is_none() && typo(self.text, text) {
            return OnText {
                maybe: true,
                found: Some((Quality::Typo, 50)),
                pending: false,
            };
        }
        plain
    }

    /// How this term is found in a long field whose letters are `set`
    /// (the text is read only when its letters cannot say).
    pub fn within<'t>(&self, text: impl FnOnce() -> &'t str, set: u64) -> Option<Quality> {
        if !self.fits(set) {
            return None;
        }
        if self.single {
            return Some(Quality::InWord);
        }
        substring_by(&self.finder, text())
    }

    /// Whether matches of this term can come from outside what its
    /// letters allow (a need or a misspelling), so earlier candidates
    /// cannot be narrowed.
    pub fn reaches_beyond(&self, category_texts: &[&str]) -> bool {
        self.need.is_some()
            || (self.text.len() >= 5
                && category_texts.iter().any(|t| {
                    !is_subsequence(self.text.as_bytes(), t.as_bytes()) && typo(self.text, t)
                }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualities_rank_as_a_worker_expects() {
        let m = SkimMatcherV2::default();
        let q = |t: &str, text: &str| on_short(t, text, &m).found.map(|(q, _)| q);
        assert_eq!(q("walk", "walk and talk"), Some(Quality::Whole));
        assert_eq!(q("walk", "walking group"), Some(Quality::Prefix));
        assert_eq!(q("alk", "walking group"), Some(Quality::InWord));
        assert_eq!(q("mntl", "mental health"), Some(Quality::InWord));
        assert_eq!(q("ntl", "mental health"), Some(Quality::LooseInWord));
        assert_eq!(
            q("mntl", "measham dance for health (online)"),
            Some(Quality::Scattered)
        );
        assert_eq!(
            q("mdf", "measham dance for health"),
            Some(Quality::Scattered)
        );
        assert!(
            points(Field::Categories, Quality::InWord) > points(Field::Name, Quality::Scattered)
        );
        assert!(points(Field::Name, Quality::Whole) > points(Field::Categories, Quality::Need));
    }

    #[test]
    fn needs_and_misspellings_reach_categories() {
        let m = SkimMatcherV2::default();
        let lonely = Term::new("lonely", 0, 0);
        let found = lonely.on_categories("befriending loneliness and isolation", &m);
        assert_eq!(found.found.map(|(q, _)| q), Some(Quality::Need));
        assert!(lonely.reaches_beyond(&[]));
        let typo = Term::new("wlaking", 0, 0);
        let found = typo.on_categories("walking physical activity", &m);
        assert_eq!(found.found.map(|(q, _)| q), Some(Quality::Typo));
        assert!(typo.reaches_beyond(&["walking physical activity"]));
        // Letters left out are still its letters in order: no typo needed.
        let short = Term::new("bereavment", 0, 0);
        let found = short.on_categories("bereavement counselling", &m);
        assert_eq!(found.found.map(|(q, _)| q), Some(Quality::InWord));
        let plain = Term::new("walking", 0, 0);
        assert!(!plain.reaches_beyond(&["walking physical activity"]));
        assert!(plain.on_categories("choir", &m).found.is_none());
    }
}
