//! Searching as the worker types: a [`Searcher`] keeps the candidates of
//! earlier queries, so that each keystroke that extends the query only
//! re-checks those, and scores them on every core.

use super::score::Term;
use super::{CHUNK, Checked, Hit, Results, SearchIndex};
use crate::domain::directory::facts::ServiceFacts;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

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
        self.search_kept(index, query, Some(keep), limit)
    }

    /// [`Searcher::search`], keeping every service when `keep` is `None`
    /// (so no service's facts need decoding).
    pub(super) fn search_kept(
        &mut self,
        index: &SearchIndex,
        query: &str,
        keep: Option<&(dyn Fn(&ServiceFacts) -> bool + Sync)>,
        limit: usize,
    ) -> Results {
        if self.generation != index.generation {
            self.narrowed.clear();
            self.generation = index.generation;
        }
        let texts = SearchIndex::query_terms(query);
        if texts.is_empty() {
            return list_all(index, keep, limit);
        }
        let terms: Vec<Term> = texts.iter().map(|t| index.term(t)).collect();
        let key = texts.join(" ");
        // The longest remembered query that this one extends: every match
        // of this query passed that one's prefilter, unless a term reaches
        // beyond its letters (a need, a misspelling): then every service
        // is checked.
        let category_texts: Vec<&str> = index
            .category_texts
            .iter()
            .map(|t| &index.texts[*t as usize])
            .collect();
        let broad = terms.iter().any(|t| t.reaches_beyond(&category_texts));
        while self
            .narrowed
            .last()
            .is_some_and(|(k, _)| broad || !key.starts_with(k.as_str()))
        {
            self.narrowed.pop();
        }
        // Each chunk keeps only its best `limit` (scored in full), and
        // counts what matched.
        let scan = |candidates: &mut dyn Iterator<Item = u32>| {
            let matcher = SkimMatcherV2::default();
            let mut passed = Vec::new();
            let mut hits = Vec::new();
            for i in candidates {
                if let Some(hit) = index.check(i as usize, &terms, &matcher, false, None) {
                    passed.push(i);
                    if let Some(hit) = hit
                        && keep.is_none_or(|keep| keep(&index.facts.all()[i as usize]))
                    {
                        hits.push(hit);
                    }
                }
            }
            let total = hits.len();
            (passed, index.best(hits, &terms, &matcher, limit), total)
        };
        let chunks: Vec<(Vec<u32>, Vec<Hit>, usize)> = match self.narrowed.last() {
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
        let mut passed = Vec::with_capacity(chunks.iter().map(|c| c.0.len()).sum());
        let mut hits = Vec::new();
        let mut total = 0;
        for (p, h, t) in chunks {
            passed.extend(p);
            hits.extend(h);
            total += t;
        }
        // A phrase's candidates hold its words side by side, so a query
        // that splits it again cannot narrow them.
        let phrase = texts.iter().any(|t| t.contains(' '));
        if !phrase && self.narrowed.last().is_none_or(|(k, _)| *k != key) {
            self.narrowed.push((key, passed));
            if self.narrowed.len() > REMEMBERED {
                self.narrowed.remove(0);
            }
        }
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

impl SearchIndex {
    /// The best `limit` of `hits`, with their fuzzy scores: ranked by score
    /// first, so that only hits that can reach the top `limit` are scored
    /// in full.
    fn best(
        &self,
        mut hits: Vec<Checked>,
        terms: &[Term],
        matcher: &SkimMatcherV2,
        limit: usize,
    ) -> Vec<Hit> {
        if limit == 0 {
            return Vec::new();
        }
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, |a, b| b.hit.score.cmp(&a.hit.score));
            let least = hits[limit - 1].hit.score;
            hits.retain(|h| h.hit.score >= least);
        }
        let mut hits: Vec<Hit> = hits
            .into_iter()
            .map(|c| match c.pending {
                true => self
                    .check(c.hit.index, terms, matcher, true, None)
                    .flatten()
                    .map_or(c.hit, |full| full.hit),
                false => c.hit,
            })
            .collect();
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, |a, b| self.order(a, b));
            hits.truncate(limit);
        }
        hits
    }
}

/// Every kept service in name order (the empty query).
fn list_all(
    index: &SearchIndex,
    keep: Option<&(dyn Fn(&ServiceFacts) -> bool + Sync)>,
    limit: usize,
) -> Results {
    let mut hits = Vec::new();
    let mut total = 0;
    let facts = keep.map(|_| index.facts.all());
    for i in &index.by_name {
        if keep
            .zip(facts)
            .is_none_or(|(keep, facts)| keep(&facts[*i as usize]))
        {
            total += 1;
            if hits.len() < limit {
                hits.push(Hit {
                    index: *i as usize,
                    score: 0,
                    fuzzy: 0,
                });
            }
        }
    }
    Results { hits, total }
}
