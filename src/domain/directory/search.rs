//! Searching the directory: every word of the query must match (AND)
//! somewhere in a service's name, organisation, categories, area or
//! description; matches in the name rank first, then by fuzzy score. Text
//! is folded once, when the index is built.

use super::Service;
use crate::domain::text::fold;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// The folded, searchable text of one service.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    organisation: String,
    categories: String,
    area: String,
    description: String,
}

/// A search index over services (same order as given).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// One result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the service.
    pub index: usize,
    /// Every query word matched the name.
    pub in_name: bool,
    /// Fuzzy score (higher is better).
    pub score: i64,
}

/// Field weights: a match in the name counts most.
const WEIGHTS: [i64; 5] = [4, 2, 3, 2, 1];

impl SearchIndex {
    /// Indexes `services`, with organisation names looked up by `org_name`.
    pub fn new<'a>(services: &[Service], org_name: impl Fn(&Service) -> Option<&'a str>) -> Self {
        let entries = services
            .iter()
            .map(|s| {
                let mut categories: Vec<String> = s
                    .local
                    .categories
                    .iter()
                    .map(|c| c.label().to_owned())
                    .collect();
                categories.extend(s.taxonomy_terms.iter().map(|t| t.name.clone()));
                let area: Vec<String> = s
                    .locations
                    .iter()
                    .flat_map(|l| &l.addresses)
                    .flat_map(|a| [a.city.clone(), a.postal_code.clone()])
                    .flatten()
                    .collect();
                Entry {
                    name: fold(&s.name),
                    organisation: fold(org_name(s).unwrap_or("")),
                    categories: fold(&categories.join(" ")),
                    area: fold(&area.join(" ")),
                    description: fold(s.description.as_deref().unwrap_or("")),
                }
            })
            .collect();
        Self { entries }
    }

    /// The best `limit` results for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let matcher = SkimMatcherV2::default();
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(index, e)| {
                let fields = [
                    &e.name,
                    &e.organisation,
                    &e.categories,
                    &e.area,
                    &e.description,
                ];
                let mut score = 0;
                let mut in_name = true;
                for w in &words {
                    // Whole-word and substring matches beat scattered letters.
                    let best = fields
                        .iter()
                        .zip(WEIGHTS)
                        .enumerate()
                        .filter_map(|(fi, (text, weight))| {
                            // Scattered-letter matches only in short fields
                            // (name, organisation, categories); area and
                            // description need the word itself.
                            let s = if text.contains(w.as_str()) {
                                Some(100 + w.len() as i64 * 10)
                            } else if w.len() >= 3 && fi <= 2 {
                                matcher.fuzzy_match(text, w)
                            } else {
                                None
                            };
                            s.map(|s| (fi, s * weight))
                        })
                        .max_by_key(|(_, s)| *s)?;
                    in_name &= fields[0].contains(w.as_str()) || (best.0 == 0);
                    score += best.1;
                }
                Some(Hit {
                    index,
                    in_name,
                    score,
                })
            })
            .collect();
        let order = |a: &Hit, b: &Hit| {
            b.in_name
                .cmp(&a.in_name)
                .then(b.score.cmp(&a.score))
                .then(a.index.cmp(&b.index))
        };
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_by(order);
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::{Address, Category, LocalInfo, Location};

    fn service(name: &str, description: &str, category: Category, city: &str) -> Service {
        let mut s = crate::domain::fixtures::service(name, name, vec![]);
        s.description = Some(description.into());
        s.local = LocalInfo {
            categories: vec![category],
            ..LocalInfo::default()
        };
        s.locations = vec![Location {
            id: "l".into(),
            location_type: None,
            name: None,
            description: None,
            transportation: None,
            latitude: None,
            longitude: None,
            addresses: vec![Address {
                id: "a".into(),
                address_1: None,
                address_2: None,
                city: Some(city.into()),
                region: None,
                state_province: None,
                postal_code: None,
                country: None,
                address_type: None,
            }],
            accessibility: vec![],
        }];
        s
    }

    fn names(services: &[Service], q: &str) -> Vec<String> {
        let idx = SearchIndex::new(services, |_| Some("Salford CVS"));
        idx.search(q, 10)
            .into_iter()
            .map(|h| services[h.index].name.clone())
            .collect()
    }

    #[test]
    fn folds_accents_and_case() {
        let s = vec![service(
            "Café Connect",
            "A friendly drop-in",
            Category::Befriending,
            "Eccles",
        )];
        assert_eq!(names(&s, "CAFE"), ["Café Connect"]);
        assert_eq!(names(&s, "café"), ["Café Connect"]);
    }

    #[test]
    fn every_word_must_match_somewhere() {
        let s = vec![
            service(
                "Eccles Health Walks",
                "Gentle walks",
                Category::Walking,
                "Eccles",
            ),
            service(
                "Swinton Health Walks",
                "Gentle walks",
                Category::Walking,
                "Swinton",
            ),
            service("Eccles Choir", "Singing", Category::Choir, "Eccles"),
        ];
        assert_eq!(names(&s, "walks eccles"), ["Eccles Health Walks"]);
        assert_eq!(
            names(&s, "walking swinton"),
            ["Swinton Health Walks"],
            "category and area count"
        );
        assert!(names(&s, "choir swinton").is_empty());
        let shed = vec![service(
            "Eccles Men's Shed",
            "Woodwork, repairs and a brew, making things",
            Category::MensShed,
            "Eccles",
        )];
        assert!(
            names(&shed, "walking eccles").is_empty(),
            "no scattered letters in descriptions"
        );
    }

    #[test]
    fn a_name_match_beats_a_description_match() {
        let s = vec![
            service(
                "Money Matters",
                "Help with debt advice and budgeting",
                Category::Advice,
                "Salford",
            ),
            service(
                "Debt Advice Drop-in",
                "Free, confidential",
                Category::DebtAdvice,
                "Salford",
            ),
        ];
        assert_eq!(names(&s, "debt advice")[0], "Debt Advice Drop-in");
        assert_eq!(names(&s, "debt advice").len(), 2);
    }

    #[test]
    fn limits_and_empty_queries() {
        let s: Vec<Service> = (0..50)
            .map(|i| service(&format!("Walk {i}"), "", Category::Walking, "X"))
            .collect();
        assert_eq!(names(&s, "walk").len(), 10);
        assert!(names(&s, "   ").is_empty());
    }
}
