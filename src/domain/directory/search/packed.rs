//! The packed form of a search index: the parts a cache file holds, one
//! after another, so a reader reads each straight into its own buffer
//! (see `store::directory_cache`), and the index made from them again.

use super::entry::TextBlock;
use super::lazy_facts::{FactsSource, LazyFacts};
use super::runs::Runs;
use super::{Entry, SearchIndex};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// An index as bytes, in the parts a file can read straight into place
/// (the texts and the facts are most of it: reading them into their own
/// buffers spares a copy of each).
#[derive(Debug)]
pub struct PackedIndex<'a> {
    /// Every folded name, one after another.
    pub names: &'a str,
    /// Every folded area and description, one after another.
    pub longs: &'a str,
    /// Every entry's facts (postcard), one after another.
    pub facts: Vec<u8>,
    /// The rest (postcard): shared texts, orders and the entries.
    pub rest: Vec<u8>,
}

/// [`PackedIndex::rest`]: the shared parts, and the entries in runs that
/// are decoded in parallel.
#[derive(Serialize)]
struct Rest<'a> {
    texts: &'a TextBlock,
    by_name: &'a [u32],
    name_rank: &'a [u32],
    tie_rank: &'a [u32],
    facts_ends: &'a [u32],
    runs: Vec<Vec<u8>>,
}

#[derive(Deserialize)]
struct RestRead<'a> {
    texts: TextBlock,
    by_name: Vec<u32>,
    name_rank: Vec<u32>,
    tie_rank: Vec<u32>,
    facts_ends: Vec<u32>,
    #[serde(borrow)]
    runs: Vec<&'a [u8]>,
}

impl SearchIndex {
    /// The index as bytes, for [`SearchIndex::unpack`].
    pub fn pack(&self) -> Result<PackedIndex<'_>, postcard::Error> {
        let runs = self
            .entries
            .runs()
            .iter()
            .map(postcard::to_stdvec)
            .collect::<Result<Vec<_>, _>>()?;
        let (facts, facts_ends) = self.facts.pack()?;
        let rest = postcard::to_stdvec(&Rest {
            texts: &self.texts,
            by_name: &self.by_name,
            name_rank: &self.name_rank,
            tie_rank: &self.tie_rank,
            facts_ends: &facts_ends,
            runs,
        })?;
        Ok(PackedIndex {
            names: &self.names,
            longs: &self.longs,
            facts,
            rest,
        })
    }

    /// An index from the parts of [`SearchIndex::pack`], its entries
    /// decoded on every core and its facts when first needed; `None` when
    /// the parts are not a whole index.
    pub fn unpack(names: String, longs: String, facts: Vec<u8>, rest: &[u8]) -> Option<Self> {
        Self::unpack_with(names, longs, rest, |ends, n| {
            LazyFacts::packed(facts, ends, n)
        })
    }

    /// [`SearchIndex::unpack`] with the facts left at `source`, read when
    /// needed (a one-off search reads only those of its results).
    pub fn unpack_at(
        names: String,
        longs: String,
        source: std::sync::Arc<dyn FactsSource>,
        rest: &[u8],
    ) -> Option<Self> {
        Self::unpack_with(names, longs, rest, |ends, n| {
            LazyFacts::at_source(source, ends, n)
        })
    }

    fn unpack_with(
        names: String,
        longs: String,
        rest: &[u8],
        facts: impl FnOnce(Vec<u32>, usize) -> Option<LazyFacts>,
    ) -> Option<Self> {
        let packed: RestRead = postcard::from_bytes(rest).ok()?;
        let runs: Vec<Vec<Entry>> = packed
            .runs
            .par_iter()
            .map(|run| postcard::from_bytes::<Vec<Entry>>(run).ok())
            .collect::<Option<_>>()?;
        let entries = Runs::from_runs(runs)?;
        let n = entries.len();
        let facts = facts(packed.facts_ends, n)?;
        let texts = packed.texts.len() as u32;
        let sound = packed.texts.is_sound()
            && packed.by_name.len() == n
            && packed.name_rank.len() == n
            && packed.by_name.iter().all(|i| (*i as usize) < n)
            && packed.name_rank.iter().all(|r| (*r as usize) < n)
            && packed.tie_rank.len() == n
            && packed.tie_rank.iter().all(|r| (*r as usize) < n)
            // Only lengths are checked here (reading the texts at every
            // entry's place would cost more than the search): a span that
            // falls inside a character reads as "" (see `Span::of`).
            && entries.iter().all(|e| {
                e.organisation < texts
                    && e.categories < texts
                    && e.name.within(names.len())
                    && e.long.within(longs.len())
                    && e.area_end < e.long.1
            });
        sound.then(|| {
            let mut index = Self {
                entries,
                facts,
                texts: packed.texts,
                text_ids: HashMap::new(),
                by_name: packed.by_name,
                name_rank: packed.name_rank,
                category_texts: Vec::new(),
                category_slot: Vec::new(),
                tie_rank: packed.tie_rank,
                text_letters: Vec::new(),
                hot: Vec::new(),
                names,
                longs,
                long_words: None,
                generation: 1,
            };
            index.derive();
            index
        })
    }
}
