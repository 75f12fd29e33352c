//! The labelled relevance set: what a link worker types into the
//! directory (needs, everyday words for them, misspellings, activities)
//! and what should come first. A result fits when its categories (our own
//! and the publisher's taxonomy terms) or its name hold one of the fitting
//! words. Checked in tests and reported by the directory bench.

use super::search::SearchIndex;
use crate::domain::text::fold;

/// Queries, each with the category or name words of the services that fit.
pub const SET: [(&str, &[&str]); 24] = [
    ("mntl hlth", &["mental health"]),
    ("mental health", &["mental health"]),
    (
        "lonely",
        &[
            "loneliness",
            "befriending",
            "social activities",
            "men's shed",
        ],
    ),
    (
        "isolated",
        &[
            "loneliness",
            "befriending",
            "social activities",
            "men's shed",
        ],
    ),
    ("money worries", &["debt", "money", "benefits"]),
    ("debt", &["debt", "money"]),
    ("benifits", &["benefits"]),
    ("grief", &["bereavement"]),
    ("bereavment", &["bereavement"]),
    ("carer", &["carer"]),
    ("anxious", &["anxiety", "mental health"]),
    ("low mood", &["mental health", "counselling"]),
    ("housing", &["housing"]),
    ("homeless", &["homelessness", "housing"]),
    ("befriending", &["befriending"]),
    ("walking", &["walking"]),
    ("wlaking", &["walking"]),
    ("singing", &["singing", "choir"]),
    ("food bank", &["food"]),
    ("job", &["employment"]),
    ("gambling", &["gambling"]),
    ("dementia", &["dementia"]),
    ("autism", &["autism"]),
    (
        "exercise",
        &["physical activity", "walking", "running", "swimming"],
    ),
];

/// Whether entry `i` of `index` fits a query whose fitting words are
/// `fits`.
pub fn fits(index: &SearchIndex, i: usize, fits: &[&str]) -> bool {
    let categories = index.categories_text(i);
    let name = index.facts(i).map(|f| fold(&f.name)).unwrap_or_default();
    fits.iter()
        .map(|w| fold(w))
        .any(|w| categories.contains(&w) || name.contains(&w))
}

/// Precision at 10 of every query of [`SET`] on `index`.
pub fn precision_at_10(index: &SearchIndex) -> Vec<(&'static str, f64)> {
    SET.iter()
        .map(|(query, words)| {
            let hits = index.search(query, 10);
            let good = hits.iter().filter(|h| fits(index, h.index, words)).count();
            (*query, good as f64 / 10.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The realistic feed of `n` services, parsed and indexed as an import
    /// would.
    fn realistic(n: usize) -> SearchIndex {
        crate::demo::feed::search_index(n, 2026)
    }

    #[test]
    fn every_query_of_the_set_has_eight_fitting_services_in_its_top_ten() {
        let plain = realistic(6000);
        let mut index = plain.clone();
        index.prepare_for_typing();
        // The word indexes change nothing but speed.
        for (q, _) in SET {
            assert_eq!(plain.search(q, 50), index.search(q, 50), "{q}");
        }
        let precision = precision_at_10(&index);
        let poor: Vec<String> = precision
            .iter()
            .filter(|(_, p)| *p < 0.8)
            .map(|(q, p)| {
                let top: Vec<String> = index
                    .search(q, 10)
                    .iter()
                    .filter_map(|h| index.facts(h.index).map(|f| f.name.clone()))
                    .collect();
                format!("{q}: {p:.1} {top:?}")
            })
            .collect();
        assert!(poor.is_empty(), "{poor:#?}");
        let mean = precision.iter().map(|(_, p)| p).sum::<f64>() / precision.len() as f64;
        assert!(mean >= 0.9, "mean precision {mean:.2}");
    }

    #[test]
    fn the_detail_pane_can_say_why_a_service_matched() {
        let index = realistic(1000);
        let hit = index.search("lonely", 1)[0];
        let why = index.explain(hit.index, "lonely");
        assert_eq!(why, ["“lonely”: a need it serves, in the categories"]);
        let hit = index.search("mntl hlth", 1)[0];
        let why = index.explain(hit.index, "mntl hlth");
        assert_eq!(why.len(), 2, "{why:?}");
        assert!(why[0].starts_with("“mntl”: inside a word"), "{why:?}");
    }
}
