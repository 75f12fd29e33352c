//! Searching the directory: every word of the query must match (AND)
//! somewhere in a service's name, organisation, categories, area or
//! description; matches in the name rank first, then by fuzzy score, then
//! by name. Text is folded once, when the index is built.
//!
//! Speed at 100,000 services comes from: a cheap prefilter (each word a
//! subsequence of the short fields or a substring of the long ones) before
//! any fuzzy scoring; a [`Searcher`] that narrows the previous candidates
//! when the query grows by a keystroke; scoring on every core; and a
//! partial sort that orders only the results asked for.

mod runs;

use super::Service;
use super::facts::ServiceFacts;
use crate::domain::text::fold;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use runs::Runs;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Separates fields inside the folded text (never in a query word).
const SEP: char = '\u{1f}';

/// The searchable form of one service: its facts and its folded text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// What the list shows and the filters test.
    pub facts: ServiceFacts,
    name: Box<str>,
    organisation: String,
    categories: String,
    /// area SEP description, folded.
    long: Box<str>,
    area_end: usize,
}

impl IndexEntry {
    /// The entry for `service`, run by `organisation`.
    pub fn of(service: &Service, organisation: &str) -> Self {
        let mut categories: Vec<&str> =
            service.local.categories.iter().map(|c| c.label()).collect();
        categories.extend(service.taxonomy_terms.iter().map(|t| t.name.as_str()));
        let area: Vec<&str> = service
            .locations
            .iter()
            .flat_map(|l| &l.addresses)
            .flat_map(|a| [a.city.as_deref(), a.postal_code.as_deref()])
            .flatten()
            .chain(
                service
                    .service_areas
                    .iter()
                    .filter_map(|a| a.name.as_deref()),
            )
            .collect();
        let area = fold(&area.join(" "));
        let area_end = area.len();
        let long = format!(
            "{area}{SEP}{}",
            fold(service.description.as_deref().unwrap_or(""))
        );
        Self {
            facts: ServiceFacts::of(service, organisation),
            name: fold(&service.name).into(),
            organisation: fold(organisation),
            categories: fold(&categories.join(" ")),
            long: long.into(),
            area_end,
        }
    }
}

/// One service in the index. Organisation and category texts repeat across
/// services, so each distinct text is stored (and scored) once.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    facts: ServiceFacts,
    name: Box<str>,
    /// Index into [`SearchIndex::texts`].
    organisation: u32,
    /// Index into [`SearchIndex::texts`].
    categories: u32,
    long: Box<str>,
    area_end: usize,
    /// The letters and digits in the name, area and description (see
    /// [`letters`]): a word can only be found where all of its are.
    name_letters: u64,
    area_letters: u64,
    description_letters: u64,
}

/// The set of ASCII letters and digits in `text`, one bit each.
fn letters(text: &str) -> u64 {
    text.bytes().fold(0, |set, b| set | letter_bit(b))
}

fn letter_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 0,
    }
}

impl Entry {
    fn area(&self) -> &str {
        &self.long[..self.area_end]
    }

    fn description(&self) -> &str {
        &self.long[self.area_end + 1..]
    }
}

/// A search index over services. [`SearchIndex::to_bytes`] keeps it as
/// built (the store keeps a copy beside the database so it is ready at
/// once).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Runs<Entry>,
    /// Distinct organisation and category texts.
    texts: Vec<Box<str>>,
    /// Where each text is in `texts` (rebuilt when first needed).
    text_ids: HashMap<Box<str>, u32>,
    /// Entry indices in name order.
    by_name: Vec<u32>,
    /// Each entry's position in name order (tie-break for equal scores).
    name_rank: Vec<u32>,
    /// Changes whenever the entries change, so searchers drop their caches.
    generation: u64,
}

/// The bytes of an index: the shared parts, and the entries in runs that
/// are decoded in parallel.
#[derive(Serialize)]
struct Packed<'a> {
    texts: &'a [Box<str>],
    by_name: &'a [u32],
    name_rank: &'a [u32],
    runs: Vec<Vec<u8>>,
}

#[derive(Deserialize)]
struct Unpacked<'a> {
    texts: Vec<Box<str>>,
    by_name: Vec<u32>,
    name_rank: Vec<u32>,
    #[serde(borrow)]
    runs: Vec<&'a [u8]>,
}

/// One result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the entry (in the order the index was given).
    pub index: usize,
    /// Every query word matched the name.
    pub in_name: bool,
    /// Fuzzy score (higher is better).
    pub score: i64,
}

/// The best results and how many matched in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// The best results, best first.
    pub hits: Vec<Hit>,
    /// How many services matched (and passed the filter).
    pub total: usize,
}

/// Field weights: name, organisation, categories, area, description.
const WEIGHTS: [i64; 5] = [4, 2, 3, 2, 1];

/// Candidates per parallel task.
const CHUNK: usize = 2048;

/// How one query word fares against one text.
#[derive(Debug, Clone, Copy, Default)]
struct WordOnText {
    /// The word is a subsequence of the text (the monotone prefilter).
    maybe: bool,
    /// Unweighted score when it matches.
    score: Option<i64>,
}

/// Scores `word` against a short field (name, organisation, categories):
/// a substring beats scattered letters, which need three letters or more.
fn on_short(word: &str, text: &str, matcher: &SkimMatcherV2) -> WordOnText {
    if text.contains(word) {
        return WordOnText {
            maybe: true,
            score: Some(substring_score(word)),
        };
    }
    // A one-letter word that is not a substring is not a subsequence
    // either; scattered letters score only for words of three or more.
    let maybe = word.len() > 1 && is_subsequence(word.as_bytes(), text.as_bytes());
    WordOnText {
        maybe,
        score: if maybe && word.len() >= 3 {
            matcher.fuzzy_match(text, word)
        } else {
            None
        },
    }
}

fn substring_score(word: &str) -> i64 {
    100 + word.len() as i64 * 10
}

/// One query word with the memo of its scores against the shared texts.
struct Word<'q> {
    text: &'q str,
    /// Its letters and digits (see [`letters`]).
    letters: u64,
    /// Whether it is one letter or digit, found exactly by its bit.
    single: bool,
    shared: Vec<OnceLock<WordOnText>>,
}

impl Word<'_> {
    /// Whether `text`, whose letters are `set`, may contain this word
    /// (exactly whether it does, for a one-letter word).
    fn fits(&self, set: u64) -> bool {
        set & self.letters == self.letters
    }

    /// Scores this word against a short field whose letters are `set`.
    fn on(&self, text: &str, set: u64, matcher: &SkimMatcherV2) -> WordOnText {
        if !self.fits(set) {
            return WordOnText::default();
        }
        if self.single {
            return WordOnText {
                maybe: true,
                score: Some(substring_score(self.text)),
            };
        }
        on_short(self.text, text, matcher)
    }

    /// Whether a long field whose letters are `set` contains this word.
    fn within(&self, text: &str, set: u64) -> bool {
        self.fits(set) && (self.single || text.contains(self.text))
    }
}

impl SearchIndex {
    /// Indexes `services`, with organisation names looked up by `org_name`.
    pub fn new<'a>(services: &[Service], org_name: impl Fn(&Service) -> Option<&'a str>) -> Self {
        Self::from_entries(
            services
                .iter()
                .map(|s| IndexEntry::of(s, org_name(s).unwrap_or("")))
                .collect(),
        )
    }

    /// An index over ready-made entries.
    pub fn from_entries(entries: Vec<IndexEntry>) -> Self {
        let mut index = Self::default();
        for entry in entries {
            let entry = index.intern(entry);
            index.entries.push(entry);
        }
        index.reorder();
        index
    }

    fn intern(&mut self, entry: IndexEntry) -> Entry {
        if self.text_ids.len() != self.texts.len() {
            self.text_ids = self
                .texts
                .iter()
                .enumerate()
                .map(|(i, t)| (t.clone(), i as u32))
                .collect();
        }
        let mut id = |text: String| -> u32 {
            if let Some(id) = self.text_ids.get(text.as_str()) {
                return *id;
            }
            let id = self.texts.len() as u32;
            let text: Box<str> = text.into();
            self.texts.push(text.clone());
            self.text_ids.insert(text, id);
            id
        };
        let long = &entry.long;
        Entry {
            organisation: id(entry.organisation),
            categories: id(entry.categories),
            name_letters: letters(&entry.name),
            area_letters: letters(&long[..entry.area_end]),
            description_letters: letters(&long[entry.area_end + 1..]),
            facts: entry.facts,
            name: entry.name,
            long: entry.long,
            area_end: entry.area_end,
        }
    }

    fn reorder(&mut self) {
        let mut by_name: Vec<u32> = (0..self.entries.len() as u32).collect();
        by_name.sort_by(|a, b| {
            self.entries[*a as usize]
                .name
                .cmp(&self.entries[*b as usize].name)
        });
        self.name_rank = vec![0; by_name.len()];
        for (rank, i) in by_name.iter().enumerate() {
            self.name_rank[*i as usize] = rank as u32;
        }
        self.by_name = by_name;
        self.generation += 1;
    }

    /// The index as bytes (postcard), for [`SearchIndex::from_bytes`].
    pub fn to_bytes(&self) -> Result<Vec<u8>, postcard::Error> {
        let runs = self
            .entries
            .runs()
            .iter()
            .map(postcard::to_stdvec)
            .collect::<Result<Vec<_>, _>>()?;
        postcard::to_stdvec(&Packed {
            texts: &self.texts,
            by_name: &self.by_name,
            name_rank: &self.name_rank,
            runs,
        })
    }

    /// An index from [`SearchIndex::to_bytes`], decoded on every core;
    /// `None` when the bytes are not a whole index.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let packed: Unpacked = postcard::from_bytes(bytes).ok()?;
        let runs: Vec<Vec<Entry>> = packed
            .runs
            .par_iter()
            .map(|run| postcard::from_bytes::<Vec<Entry>>(run).ok())
            .collect::<Option<_>>()?;
        let entries = Runs::from_runs(runs)?;
        let n = entries.len();
        let texts = packed.texts.len() as u32;
        let sound = packed.by_name.len() == n
            && packed.name_rank.len() == n
            && packed.by_name.iter().all(|i| (*i as usize) < n)
            && packed.name_rank.iter().all(|r| (*r as usize) < n)
            && entries.iter().all(|e| {
                e.organisation < texts
                    && e.categories < texts
                    && e.long.is_char_boundary(e.area_end)
                    && e.area_end < e.long.len()
            });
        sound.then(|| Self {
            entries,
            texts: packed.texts,
            text_ids: HashMap::new(),
            by_name: packed.by_name,
            name_rank: packed.name_rank,
            generation: 1,
        })
    }

    /// Adds an entry, or replaces the one with the same service id.
    pub fn upsert(&mut self, entry: IndexEntry) {
        let entry = self.intern(entry);
        let existing = self
            .entries
            .iter_mut()
            .find(|e| e.facts.id == entry.facts.id);
        if let Some(old) = existing {
            *old = entry;
        } else {
            self.entries.push(entry);
        }
        self.reorder();
    }

    /// How many services it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry's facts, in entry order (the order
    /// [`SearchIndex::facts`] counts in).
    pub fn all_facts(&self) -> impl Iterator<Item = &ServiceFacts> {
        self.entries.iter().map(|e| &e.facts)
    }

    /// The facts of entry `index`.
    pub fn facts(&self, index: usize) -> Option<&ServiceFacts> {
        self.entries.get(index).map(|e| &e.facts)
    }

    /// The best `limit` results for `query`, best first (scanning every
    /// entry; see [`Searcher`] for typing).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        Searcher::default()
            .search(self, query, &|_| true, limit)
            .hits
    }

    fn order(&self, a: &Hit, b: &Hit) -> Ordering {
        b.in_name
            .cmp(&a.in_name)
            .then(b.score.cmp(&a.score))
            .then(self.name_rank[a.index].cmp(&self.name_rank[b.index]))
    }

    fn shared(&self, word: &Word, text: u32, matcher: &SkimMatcherV2) -> WordOnText {
        *word.shared[text as usize]
            .get_or_init(|| on_short(word.text, &self.texts[text as usize], matcher))
    }

    /// Checks entry `i` against every word: `None` when it fails the
    /// prefilter, else whether it matches (and its score).
    fn check(&self, i: usize, words: &[Word], matcher: &SkimMatcherV2) -> Option<Option<Hit>> {
        let entry = &self.entries[i];
        let mut score = 0;
        let mut in_name = true;
        let mut matched = true;
        for word in words {
            let w = word.text;
            let name = word.on(&entry.name, entry.name_letters, matcher);
            let organisation = self.shared(word, entry.organisation, matcher);
            let categories = self.shared(word, entry.categories, matcher);
            let in_area = word.within(entry.area(), entry.area_letters);
            let in_description = word.within(entry.description(), entry.description_letters);
            if !(name.maybe || organisation.maybe || categories.maybe || in_area || in_description)
            {
                return None;
            }
            let found = |yes: bool| yes.then(|| substring_score(w));
            let scores = [
                name.score,
                organisation.score,
                categories.score,
                found(in_area),
                found(in_description),
            ];
            let best = scores
                .iter()
                .zip(WEIGHTS)
                .enumerate()
                .filter_map(|(field, (s, weight))| s.map(|s| (field, s * weight)))
                .fold(None, |best: Option<(usize, i64)>, (f, s)| match best {
                    Some((_, b)) if b >= s => best,
                    _ => Some((f, s)),
                });
            match best {
                Some((field, s)) => {
                    in_name &= field == 0;
                    score += s;
                }
                None => matched = false,
            }
        }
        Some(matched.then_some(Hit {
            index: i,
            in_name,
            score,
        }))
    }
}

/// Searches as the worker types: keeps the candidates of earlier queries
/// so that each keystroke that extends the query only re-checks those.
#[derive(Debug, Default)]
pub struct Searcher {
    generation: u64,
    /// (folded query, entries passing its prefilter), shortest first.
    narrowed: Vec<(String, Vec<u32>)>,
}

/// How many earlier queries a searcher remembers.
const REMEMBERED: usize = 64;

impl Searcher {
    /// The best `limit` results for `query` among the services `keep`
    /// accepts, best first, with the total number that match. An empty
    /// query lists every kept service in name order.
    pub fn search(
        &mut self,
        index: &SearchIndex,
        query: &str,
        keep: &(dyn Fn(&ServiceFacts) -> bool + Sync),
        limit: usize,
    ) -> Results {
        if self.generation != index.generation {
            self.narrowed.clear();
            self.generation = index.generation;
        }
        let folded: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
        if folded.is_empty() {
            return list_all(index, keep, limit);
        }
        let words: Vec<Word> = folded
            .iter()
            .map(|text| {
                let set = letters(text);
                Word {
                    text,
                    letters: set,
                    single: text.len() == 1 && set != 0,
                    shared: (0..index.texts.len()).map(|_| OnceLock::new()).collect(),
                }
            })
            .collect();
        let key = folded.join(" ");
        // The longest remembered query that this one extends: every match
        // of this query passed that one's prefilter.
        while self
            .narrowed
            .last()
            .is_some_and(|(k, _)| !key.starts_with(k.as_str()))
        {
            self.narrowed.pop();
        }
        let scan = |candidates: &mut dyn Iterator<Item = u32>| {
            let matcher = SkimMatcherV2::default();
            let mut passed = Vec::new();
            let mut hits = Vec::new();
            for i in candidates {
                if let Some(hit) = index.check(i as usize, &words, &matcher) {
                    passed.push(i);
                    if let Some(hit) = hit
                        && keep(&index.entries[i as usize].facts)
                    {
                        hits.push(hit);
                    }
                }
            }
            (passed, hits)
        };
        let chunks: Vec<(Vec<u32>, Vec<Hit>)> = match self.narrowed.last() {
            Some((_, candidates)) => candidates
                .par_chunks(CHUNK)
                .map(|chunk| scan(&mut chunk.iter().copied()))
                .collect(),
            None => (0..index.entries.len().div_ceil(CHUNK))
                .into_par_iter()
                .map(|c| {
                    let end = ((c + 1) * CHUNK).min(index.entries.len());
                    scan(&mut ((c * CHUNK) as u32..end as u32))
                })
                .collect(),
        };
        let mut passed = Vec::new();
        let mut hits = Vec::new();
        for (p, h) in chunks {
            passed.extend(p);
            hits.extend(h);
        }
        if self.narrowed.last().is_none_or(|(k, _)| *k != key) {
            self.narrowed.push((key, passed));
            if self.narrowed.len() > REMEMBERED {
                self.narrowed.remove(0);
            }
        }
        let total = hits.len();
        let order = |a: &Hit, b: &Hit| index.order(a, b);
        if limit == 0 {
            hits.clear();
        } else if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        Results { hits, total }
    }
}

/// Every kept service in name order (the empty query).
fn list_all(
    index: &SearchIndex,
    keep: &(dyn Fn(&ServiceFacts) -> bool + Sync),
    limit: usize,
) -> Results {
    let mut hits = Vec::new();
    let mut total = 0;
    for i in &index.by_name {
        if keep(&index.entries[*i as usize].facts) {
            total += 1;
            if hits.len() < limit {
                hits.push(Hit {
                    index: *i as usize,
                    in_name: false,
                    score: 0,
                });
            }
        }
    }
    Results { hits, total }
}

/// Whether the bytes of `needle` appear in `haystack` in order.
fn is_subsequence(needle: &[u8], haystack: &[u8]) -> bool {
    let mut rest = haystack;
    for b in needle {
        match rest.iter().position(|h| h == b) {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
}

/// The characters of `text` (by char index) that `query` matched, for
/// highlighting: each word's substring, or else its fuzzy match.
pub fn highlight(text: &str, query: &str) -> Vec<usize> {
    // Fold character by character so positions map back to `text`.
    let mut folded = String::new();
    let mut owner = Vec::new();
    for (ci, c) in text.chars().enumerate() {
        let f = fold(c.encode_utf8(&mut [0; 4]));
        for _ in 0..f.len() {
            owner.push(ci);
        }
        folded.push_str(&f);
    }
    let matcher = SkimMatcherV2::default();
    let mut marked: Vec<usize> = Vec::new();
    for word in fold(query).split_whitespace() {
        if let Some(at) = folded.find(word) {
            marked.extend(owner[at..at + word.len()].iter().copied());
        } else if let Some((_, positions)) = matcher.fuzzy_indices(&folded, word) {
            // Positions are char indices of an ASCII string: byte offsets.
            marked.extend(positions.into_iter().filter_map(|p| owner.get(p).copied()));
        }
    }
    marked.sort_unstable();
    marked.dedup();
    marked
}

#[cfg(test)]
mod tests;
