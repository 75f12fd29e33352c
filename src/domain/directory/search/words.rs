//! A word index over one long field of every entry (area, description):
//! each distinct word with the entries that hold it. A term of letters and
//! digits is inside a field exactly when it is inside one of the field's
//! words, so looking the term up among the distinct words (a few thousand,
//! not 100,000 descriptions) says which entries hold it, and how well,
//! without reading their texts.

use super::score::{Quality, substring_by, words};
#[cfg(test)]
use super::score::{is_word, substring};
use std::collections::HashMap;

/// Distinct words, and for each the entries (in order) whose field holds it.
#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    words: Vec<Box<str>>,
    /// `postings[offsets[w]..offsets[w + 1]]` are the entries of word `w`.
    offsets: Vec<u32>,
    postings: Vec<u32>,
}

impl WordIndex {
    /// The index of `fields`, one per entry in entry order.
    pub fn build<'a>(fields: impl Iterator<Item = &'a str>) -> Self {
        let mut by_word: HashMap<&'a str, Vec<u32>> = HashMap::new();
        for (i, text) in fields.enumerate() {
            for w in words(text) {
                let list = by_word.entry(w).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        let mut words: Vec<(&str, Vec<u32>)> = by_word.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut index = Self {
            words: Vec::with_capacity(words.len()),
            offsets: Vec::with_capacity(words.len() + 1),
            postings: Vec::with_capacity(words.iter().map(|(_, p)| p.len()).sum()),
        };
        index.offsets.push(0);
        for (w, list) in words {
            index.words.push(w.into());
            index.postings.extend(list);
            index.offsets.push(index.postings.len() as u32);
        }
        index
    }

    /// How well `term` (a word, see [`is_word`]) is found in each of
    /// `entries` entries' field: `0` not at all, else [`encode`]d.
    pub fn qualities(&self, term: &str, entries: usize) -> Vec<u8> {
        let mut out = vec![0u8; entries];
        let finder = memchr::memmem::Finder::new(term);
        for (w, word) in self.words.iter().enumerate() {
            if word.len() < term.len() {
                continue;
            }
            let Some(q) = substring_by(&finder, word) else {
                continue;
            };
            let code = encode(q);
            let (from, to) = (self.offsets[w] as usize, self.offsets[w + 1] as usize);
            for &i in &self.postings[from..to] {
                if let Some(slot) = out.get_mut(i as usize)
                    && *slot < code
                {
                    *slot = code;
                }
            }
        }
        out
    }
}

/// A quality as one byte (never 0), ordered as qualities are.
pub fn encode(q: Quality) -> u8 {
    q as u8 + 1
}

/// The quality a byte from [`WordIndex::qualities`] stands for.
pub fn decode(code: u8) -> Option<Quality> {
    [
        Quality::Scattered,
        Quality::LooseInWord,
        Quality::Typo,
        Quality::InWord,
        Quality::Prefix,
        Quality::Need,
        Quality::Whole,
    ]
    .into_iter()
    .find(|q| encode(*q) == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_a_scan_finds() {
        let texts = [
            "free short walks, with a cuppa",
            "walking football for over-50s",
            "a choir; no auditions",
            "",
        ];
        let index = WordIndex::build(texts.iter().copied());
        for term in ["walk", "walks", "alk", "50s", "choir", "a", "zz", "ho"] {
            let got: Vec<Option<Quality>> = index
                .qualities(term, texts.len())
                .into_iter()
                .map(decode)
                .collect();
            let want: Vec<Option<Quality>> = texts.iter().map(|t| substring(term, t)).collect();
            assert_eq!(got, want, "{term}");
        }
        assert!(is_word("walk5") && !is_word("men's") && !is_word("low mood"));
    }
}
