//! Searching the directory: every term of the query must match (AND)
//! somewhere in a service's name, organisation, categories, area or
//! description. Results rank by how well each term matched, field by
//! field (see [`score`]): a whole word beats a word's start, which beats a
//! tight subsequence inside one word, which beats letters scattered across
//! words, weighted name > categories > area > organisation > description;
//! a term that names a need (`lonely`, `money worries`) also finds the
//! categories that serve it, and a misspelt one the category words it is
//! one letter from. Ties go to the fuzzy score, then active and recently
//! verified services, then name order. Text is folded once, when the index
//! is built.
//!
//! Speed at 100,000 services comes from: a cheap prefilter (each word a
//! subsequence of the short fields or a substring of the long ones, judged
//! first by the letters each text holds) before any fuzzy scoring; word
//! indexes of areas and descriptions for typing (see `words`); a [`Searcher`] that narrows the previous candidates
//! when the query grows by a keystroke; scoring on every core; and a
//! partial sort that orders only the results asked for.

mod entry;
mod lazy_facts;
mod packed;
mod runs;
mod score;
mod searcher;
mod words;

use super::Service;
use super::facts::ServiceFacts;
use crate::domain::text::fold;
pub use entry::IndexEntry;
use entry::{Span, TextBlock};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
pub use lazy_facts::FactsSource;
use lazy_facts::LazyFacts;
pub use packed::PackedIndex;
use rayon::prelude::*;
use runs::Runs;
use score::{Field, OnText, Quality, Term, letters};
pub use searcher::Searcher;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;

/// Separates fields inside the folded text (never in a query word).
const SEP: char = '\u{1f}';

/// One service in the index. Organisation and category texts repeat across
/// services, so each distinct text is stored (and scored) once.
/// Its texts live in the index's two blocks ([`SearchIndex::names`],
/// [`SearchIndex::longs`]), so that loading an index makes three
/// allocations for its text, not three a service.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Where its folded name is in [`SearchIndex::names`].
    name: Span,
    /// Index into [`SearchIndex::texts`].
    organisation: u32,
    /// Index into [`SearchIndex::texts`].
    categories: u32,
    /// Where "area SEP description" is in [`SearchIndex::longs`].
    long: Span,
    /// Where the area ends in it.
    area_end: u32,
    /// The letters and digits in the name, area and description (see
    /// [`letters`]): a word can only be found where all of its are.
    name_letters: u64,
    area_letters: u64,
    description_letters: u64,
}

/// What a keystroke reads of every entry, kept side by side so that a scan
/// of 100,000 entries reads a few megabytes in order instead of following a
/// pointer per entry.
#[derive(Debug, Clone, Copy, Default)]
struct Hot {
    name_letters: u64,
    area_letters: u64,
    description_letters: u64,
    organisation: u32,
    categories: u32,
    name: Span,
}

/// A search index over services. [`SearchIndex::pack`] keeps it as
/// built (the store keeps a copy beside the database so it is ready at
/// once).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Runs<Entry>,
    /// Every entry's facts, in entry order.
    facts: LazyFacts,
    /// Distinct organisation and category texts.
    texts: TextBlock,
    /// Where each text is in `texts` (rebuilt when first needed).
    text_ids: HashMap<Box<str>, u32>,
    /// Entry indices in name order.
    by_name: Vec<u32>,
    /// Each entry's position in name order (tie-break for equal scores).
    name_rank: Vec<u32>,
    /// The distinct texts used as categories (indices into `texts`).
    category_texts: Vec<u32>,
    /// For each text, its place in `category_texts` (`u32::MAX` if it is
    /// not used as categories).
    category_slot: Vec<u32>,
    /// Each entry's place among equal scores: active first, then most
    /// recently verified, then name order.
    tie_rank: Vec<u32>,
    /// The letters of every text in `texts` (see [`letters`]).
    text_letters: Vec<u64>,
    /// Every entry's [`Hot`] part, in entry order.
    hot: Vec<Hot>,
    /// Every folded name, one after another (see [`Entry::name`]).
    names: String,
    /// Every folded area and description, one after another (see
    /// [`Entry::long`]).
    longs: String,
    /// The words of every entry's area, and of its description, once
    /// [`SearchIndex::prepare_for_typing`] has made them.
    long_words: Option<(words::WordIndex, words::WordIndex)>,
    /// Changes whenever the entries change, so searchers drop their caches.
    generation: u64,
}

/// One result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the entry (in the order the index was given).
    pub index: usize,
    /// How well it matched (higher is better; see [`score`]).
    pub score: i64,
    /// The fuzzy score, to break ties.
    pub fuzzy: i64,
}

/// A hit as first checked: its fuzzy score may be left for later.
#[derive(Debug, Clone, Copy)]
struct Checked {
    hit: Hit,
    /// The fuzzy score is not in `hit` yet.
    pending: bool,
}

/// The best results and how many matched in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// The best results, best first.
    pub hits: Vec<Hit>,
    /// How many services matched (and passed the filter).
    pub total: usize,
}

/// Candidates per parallel task.
const CHUNK: usize = 2048;

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
        let mut facts = Vec::with_capacity(entries.len());
        for entry in entries {
            let (entry, its) = index.intern(entry);
            index.entries.push(entry);
            facts.push(its);
        }
        index.facts = LazyFacts::decoded(facts);
        index.reorder();
        index
    }

    fn intern(&mut self, entry: IndexEntry) -> (Entry, ServiceFacts) {
        if self.text_ids.len() != self.texts.len() {
            self.text_ids = self
                .texts
                .iter()
                .enumerate()
                .map(|(i, t)| (t.into(), i as u32))
                .collect();
        }
        let mut id = |text: String| -> u32 {
            if let Some(id) = self.text_ids.get(text.as_str()) {
                return *id;
            }
            let id = self.texts.push(&text);
            self.text_ids.insert(text.into(), id);
            id
        };
        let long = &entry.long;
        let interned = Entry {
            organisation: id(entry.organisation),
            categories: id(entry.categories),
            name_letters: letters(&entry.name),
            area_letters: letters(&long[..entry.area_end]),
            description_letters: letters(&long[entry.area_end + 1..]),
            name: Span::push(&mut self.names, &entry.name),
            long: Span::push(&mut self.longs, &entry.long),
            area_end: u32::try_from(entry.area_end).unwrap_or(u32::MAX),
        };
        (interned, entry.facts)
    }

    fn reorder(&mut self) {
        let mut by_name: Vec<u32> = (0..self.entries.len() as u32).collect();
        by_name.sort_by(|a, b| {
            let name = |i: &u32| self.entries[*i as usize].name.of(&self.names);
            name(a).cmp(name(b))
        });
        self.name_rank = vec![0; by_name.len()];
        for (rank, i) in by_name.iter().enumerate() {
            self.name_rank[*i as usize] = rank as u32;
        }
        self.by_name = by_name;
        self.rank_ties();
        self.derive();
        self.generation += 1;
    }

    /// Each entry's place among equal scores (kept in the packed form).
    fn rank_ties(&mut self) {
        let mut order: Vec<u32> = (0..self.entries.len() as u32).collect();
        let facts = self.facts.all();
        order.sort_by(|a, b| {
            let (fa, fb) = (&facts[*a as usize], &facts[*b as usize]);
            fb.is_active()
                .cmp(&fa.is_active())
                .then(fb.verified_on.cmp(&fa.verified_on))
                .then(self.name_rank[*a as usize].cmp(&self.name_rank[*b as usize]))
        });
        self.tie_rank = vec![0; order.len()];
        for (rank, i) in order.iter().enumerate() {
            self.tie_rank[*i as usize] = rank as u32;
        }
    }

    /// The lookups made from the entries (not kept in the packed form).
    fn derive(&mut self) {
        let texts = &self.texts;
        self.text_letters = (0..texts.len())
            .into_par_iter()
            .map(|i| letters(&texts[i]))
            .collect();
        self.hot = self
            .entries
            .iter()
            .map(|e| Hot {
                name_letters: e.name_letters,
                area_letters: e.area_letters,
                description_letters: e.description_letters,
                organisation: e.organisation,
                categories: e.categories,
                name: e.name,
            })
            .collect();
        self.category_texts = category_texts(&self.entries, self.texts.len());
        self.category_slot = vec![u32::MAX; self.texts.len()];
        for (slot, text) in self.category_texts.iter().enumerate() {
            self.category_slot[*text as usize] = slot as u32;
        }
        if self.long_words.is_some() {
            self.long_words = None;
            self.prepare_for_typing();
        }
    }

    /// Makes the word indexes of areas and descriptions, so that each
    /// keystroke looks words up instead of reading every description (the
    /// app does this once, off the UI thread; a one-off search does not
    /// need it). Results are the same either way.
    /// Every entry's facts are decoded here too, for the list and its
    /// filters.
    pub fn prepare_for_typing(&mut self) {
        self.facts.all();
        if self.long_words.is_none() {
            let n = self.entries.len();
            self.long_words = Some((
                words::WordIndex::build((0..n).map(|i| self.area(i))),
                words::WordIndex::build((0..n).map(|i| self.description(i))),
            ));
        }
    }

    /// Adds an entry, or replaces the one with the same service id.
    pub fn upsert(&mut self, entry: IndexEntry) {
        let (entry, its) = self.intern(entry);
        let mut facts = self.facts.take_all();
        match facts.iter().position(|f| f.id == its.id) {
            Some(at) => {
                if let Some(old) = self.entries.iter_mut().nth(at) {
                    *old = entry;
                }
                facts[at] = its;
            }
            None => {
                self.entries.push(entry);
                facts.push(its);
            }
        }
        self.facts = LazyFacts::decoded(facts);
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
        self.facts.all().iter()
    }

    /// The facts of entry `index` (decoding every entry's the first time;
    /// see [`SearchIndex::facts_of`]).
    pub fn facts(&self, index: usize) -> Option<&ServiceFacts> {
        self.facts.all().get(index)
    }

    /// The facts of entry `index`, decoding only its own when the others
    /// have not been needed yet (for a one-off search).
    pub fn facts_of(&self, index: usize) -> Option<Cow<'_, ServiceFacts>> {
        self.facts.one(index)
    }

    /// The folded categories text of entry `index` (our categories and the
    /// publisher's taxonomy terms), or "" for no such entry.
    pub fn categories_text(&self, index: usize) -> &str {
        self.entries
            .get(index)
            .and_then(|e| self.texts.get(e.categories as usize))
            .unwrap_or("")
    }

    /// The best `limit` results for `query`, best first (scanning every
    /// entry; see [`Searcher`] for typing).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        Searcher::default()
            .search_kept(self, query, None, limit)
            .hits
    }

    fn order(&self, a: &Hit, b: &Hit) -> Ordering {
        b.score
            .cmp(&a.score)
            .then(b.fuzzy.cmp(&a.fuzzy))
            .then(self.tie_rank[a.index].cmp(&self.tie_rank[b.index]))
    }

    /// The terms of `query` as this index searches them (folded, need
    /// phrases kept whole).
    fn query_terms(query: &str) -> Vec<String> {
        crate::domain::directory::vocabulary::terms(&fold(query))
    }

    /// A term for this index: memos for the shared organisation texts only
    /// when organisations repeat (a council feed gives every service its
    /// own, and a memo would only cost), and for the category texts.
    fn term<'q>(&self, text: &'q str) -> Term<'q> {
        let shared = if self.texts.len() * 4 < self.entries.len() {
            self.texts.len()
        } else {
            0
        };
        let mut term = Term::new(text, shared, self.category_texts.len());
        if let Some((area, description)) = &self.long_words
            && score::is_word(text)
            && text.len() > 1
        {
            let n = self.entries.len();
            term.long = Some((area.qualities(text, n), description.qualities(text, n)));
        }
        term
    }

    /// Entry `i`'s folded name.
    fn name(&self, i: usize) -> &str {
        self.hot[i].name.of(&self.names)
    }

    /// Entry `i`'s folded area.
    fn area(&self, i: usize) -> &str {
        let e = &self.entries[i];
        e.long
            .of(&self.longs)
            .get(..e.area_end as usize)
            .unwrap_or("")
    }

    /// Entry `i`'s folded description.
    fn description(&self, i: usize) -> &str {
        let e = &self.entries[i];
        e.long
            .of(&self.longs)
            .get(e.area_end as usize + 1..)
            .unwrap_or("")
    }

    /// `term` on a shared text (memos are always scored in full; other
    /// fuzzy scores only when `fuzzy_now`).
    fn shared(&self, term: &Term, text: u32, matcher: &SkimMatcherV2, fuzzy_now: bool) -> OnText {
        let of = &self.texts[text as usize];
        let set = self
            .text_letters
            .get(text as usize)
            .copied()
            .unwrap_or(u64::MAX);
        match term.shared.get(text as usize) {
            Some(memo) => *memo.get_or_init(|| term.on(of, set, Some(matcher))),
            None => term.on(of, set, fuzzy_now.then_some(matcher)),
        }
    }

    fn categories(&self, term: &Term, text: u32, matcher: &SkimMatcherV2) -> OnText {
        let of = &self.texts[text as usize];
        let score = || term.on_categories(of, matcher);
        match self
            .category_slot
            .get(text as usize)
            .and_then(|slot| term.categories.get(*slot as usize))
        {
            Some(memo) => *memo.get_or_init(score),
            None => score(),
        }
    }

    /// Checks entry `i` against every term: `None` when it fails the
    /// prefilter, else whether it matches (and its score). With `why`, says
    /// where each term matched and how. Without `fuzzy_now`, fuzzy scores
    /// of letters in order are left out and the hit says so ([`Checked`]).
    fn check(
        &self,
        i: usize,
        terms: &[Term],
        matcher: &SkimMatcherV2,
        fuzzy_now: bool,
        mut why: Option<&mut Vec<(String, Field, Quality)>>,
    ) -> Option<Option<Checked>> {
        let hot = &self.hot[i];
        let mut score = 0;
        let mut fuzzy = 0;
        let mut pending = false;
        let mut matched = true;
        for term in terms {
            let name = term.on(self.name(i), hot.name_letters, fuzzy_now.then_some(matcher));
            let organisation = self.shared(term, hot.organisation, matcher, fuzzy_now);
            let categories = self.categories(term, hot.categories, matcher);
            // The long texts are touched only when their letters allow the
            // term (reading them is most of a search's memory traffic).
            let area = match &term.long {
                Some((area, _)) => area.get(i).copied().and_then(words::decode),
                None if term.fits(hot.area_letters) => {
                    term.within(|| self.area(i), hot.area_letters)
                }
                None => None,
            };
            // Nor the description when a shorter field already matched
            // better than a description can.
            let short_best = [
                (Field::Name, name.found),
                (Field::Categories, categories.found),
                (Field::Area, area.map(|q| (q, 0))),
                (Field::Organisation, organisation.found),
            ]
            .iter()
            .filter_map(|(field, f)| f.map(|(q, _)| score::points(*field, q)))
            .max()
            .unwrap_or(0);
            let description = match &term.long {
                Some((_, description)) => description.get(i).copied().and_then(words::decode),
                None if short_best < score::points(Field::Description, Quality::Whole)
                    && term.fits(hot.description_letters) =>
                {
                    term.within(|| self.description(i), hot.description_letters)
                }
                None => None,
            };
            if !(name.maybe
                || organisation.maybe
                || categories.maybe
                || area.is_some()
                || description.is_some())
            {
                return None;
            }
            let found = [
                (Field::Name, name.found, name.pending),
                (Field::Categories, categories.found, false),
                (Field::Area, area.map(|q| (q, 100)), false),
                (
                    Field::Organisation,
                    organisation.found,
                    organisation.pending,
                ),
                (Field::Description, description.map(|q| (q, 100)), false),
            ];
            let best = found
                .iter()
                .filter_map(|(field, f, _)| f.map(|(q, fz)| (*field, q, fz)))
                .max_by_key(|(field, q, fz)| (score::points(*field, *q), *fz));
            match best {
                Some((field, q, fz)) => {
                    let points = score::points(field, q);
                    // Which field wins among equal points may turn on a
                    // fuzzy score left out.
                    pending |= found.iter().any(|(field, f, left)| {
                        *left && f.is_some_and(|(q, _)| score::points(*field, q) == points)
                    });
                    score += points;
                    fuzzy += fz;
                    if let Some(why) = why.as_deref_mut() {
                        why.push((term.text.to_owned(), field, q));
                    }
                }
                None => matched = false,
            }
        }
        Some(matched.then_some(Checked {
            hit: Hit {
                index: i,
                score,
                fuzzy,
            },
            pending,
        }))
    }

    /// Why entry `index` matches `query`, a phrase per term ("“lonely”: a
    /// need it serves, in the categories"); empty when it does not match.
    pub fn explain(&self, index: usize, query: &str) -> Vec<String> {
        if index >= self.entries.len() {
            return Vec::new();
        }
        let texts = Self::query_terms(query);
        let terms: Vec<Term> = texts.iter().map(|t| self.term(t)).collect();
        let matcher = SkimMatcherV2::default();
        let mut why = Vec::new();
        match self.check(index, &terms, &matcher, true, Some(&mut why)) {
            Some(Some(_)) => why
                .into_iter()
                .map(|(term, field, q)| format!("“{term}”: {}, in {}", q.describe(), field.label()))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The distinct texts used as categories, in order.
fn category_texts(entries: &Runs<Entry>, texts: usize) -> Vec<u32> {
    let mut used = vec![false; texts];
    for e in entries.iter() {
        if let Some(u) = used.get_mut(e.categories as usize) {
            *u = true;
        }
    }
    (0..texts as u32).filter(|t| used[*t as usize]).collect()
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
