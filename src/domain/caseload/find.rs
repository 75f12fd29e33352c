//! Finding a person by name or NHS number, forgiving typos: every word of
//! the query must match a word of the name as a fuzzy subsequence or
//! within a small edit distance; a query of digits matches NHS numbers.

use super::CaseOverview;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Lower-cased, accent-folded words of a name.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(crate::domain::text::fold)
        .collect()
}

/// The searchable text of each row, built once when the caseload loads.
#[derive(Debug, Clone, Default)]
pub struct FindIndex {
    entries: Vec<(Vec<String>, String)>,
}

impl FindIndex {
    /// Indexes `rows` (same order).
    pub fn new(rows: &[CaseOverview]) -> Self {
        Self {
            entries: rows.iter().map(Self::entry).collect(),
        }
    }

    fn entry(r: &CaseOverview) -> (Vec<String>, String) {
        let digits = r.nhs_number.map(|n| n.digits()).unwrap_or_default();
        (words(&format!("{} {}", r.name, r.sort_name)), digits)
    }

    /// Re-indexes row `i` (after it changed), or adds it at the end.
    pub fn set(&mut self, i: usize, row: &CaseOverview) {
        let entry = Self::entry(row);
        match self.entries.get_mut(i) {
            Some(e) => *e = entry,
            None => self.entries.push(entry),
        }
    }

    /// Indices of rows matching `query`, best first.
    pub fn find(&self, query: &str) -> Vec<usize> {
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(i64, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, (name_words, digits))| {
                find_score(&matcher, query, name_words, digits).map(|s| (s, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    }
}

/// How well `query` matches a person (higher is better), or `None`.
pub fn find_score(
    matcher: &SkimMatcherV2,
    query: &str,
    name_words: &[String],
    nhs_digits: &str,
) -> Option<i64> {
    let compact: String = query
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        return (compact.len() >= 3 && nhs_digits.contains(&compact))
            .then(|| 1000 + compact.len() as i64 * 10);
    }
    let query_words = words(query);
    if query_words.is_empty() {
        return None;
    }
    let mut total = 0;
    for q in &query_words {
        let best = name_words
            .iter()
            .filter_map(|w| {
                if w == q {
                    return Some(400);
                }
                if w.starts_with(q.as_str()) {
                    return Some(300);
                }
                let (q_len, w_len) = (q.chars().count(), w.chars().count());
                let typo_budget = if q_len >= 5 { 2 } else { 1 };
                // Edit distances only where they can succeed: lengths close
                // enough, or a prefix of the word as long as the query.
                if q_len.abs_diff(w_len) <= typo_budget {
                    let distance = strsim::damerau_levenshtein(q, w);
                    if distance <= typo_budget {
                        return Some(200 - 40 * distance as i64);
                    }
                }
                if q_len >= 4 && w_len > q_len {
                    let cut = w.char_indices().nth(q_len).map_or(w.len(), |(i, _)| i);
                    let prefix_distance = strsim::damerau_levenshtein(q, &w[..cut]);
                    if prefix_distance <= 1 {
                        return Some(200 - 40 * prefix_distance as i64);
                    }
                }
                matcher
                    .fuzzy_match(w, q)
                    .filter(|_| q.chars().count() >= 3)
                    .map(|s| s.min(150))
            })
            .max()?;
        total += best;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idx(names: &[(&str, &str)]) -> (FindIndex, Vec<String>) {
        let entries = names
            .iter()
            .map(|(n, d)| (words(n), (*d).to_owned()))
            .collect();
        (
            FindIndex { entries },
            names.iter().map(|(n, _)| (*n).to_owned()).collect(),
        )
    }

    fn found(index: &FindIndex, names: &[String], q: &str) -> Vec<String> {
        index
            .find(q)
            .into_iter()
            .map(|i| names[i].clone())
            .collect()
    }

    #[test]
    fn finds_misspelt_surnames() {
        let (i, n) = idx(&[
            ("Joan Ashworth", "9990000018"),
            ("Gary Bello", "9990000026"),
            ("Maureen Khan", ""),
            ("Zofia Wójcik", ""),
        ]);
        assert_eq!(found(&i, &n, "ashworth")[0], "Joan Ashworth");
        assert_eq!(
            found(&i, &n, "Ashwerth")[0],
            "Joan Ashworth",
            "substitution"
        );
        assert_eq!(
            found(&i, &n, "Ashworht")[0],
            "Joan Ashworth",
            "transposition"
        );
        assert_eq!(
            found(&i, &n, "Ashwoth")[0],
            "Joan Ashworth",
            "missing letter"
        );
        assert_eq!(found(&i, &n, "joan ash")[0], "Joan Ashworth");
        assert_eq!(found(&i, &n, "belo")[0], "Gary Bello");
        assert_eq!(found(&i, &n, "wojcik")[0], "Zofia Wójcik", "accents fold");
        assert!(found(&i, &n, "zzzzzz").is_empty());
        assert!(
            found(&i, &n, "joan khan").is_empty(),
            "every word must match"
        );
    }

    #[test]
    fn finds_nhs_numbers_in_any_spacing() {
        let (i, n) = idx(&[
            ("Joan Ashworth", "9990000018"),
            ("Gary Bello", "9990000026"),
        ]);
        assert_eq!(found(&i, &n, "999 000 0026"), ["Gary Bello"]);
        assert_eq!(found(&i, &n, "0018"), ["Joan Ashworth"]);
        assert!(found(&i, &n, "12").is_empty(), "too short to mean anything");
    }
}
