//! The directory's vocabulary: the taxonomies and taxonomy terms the
//! publishers' feeds give (HSDS `taxonomy` and `taxonomy_term`), kept by
//! id whether or not a service is tagged with them, so a worker can browse
//! the council's own words for what services do.

use super::hsds::{Extra, TaxonomyTerm};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A publisher's taxonomy: the list its terms belong to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Taxonomy {
    /// HSDS id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where it is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Every other field the publisher gave, kept as published.
    #[serde(default, flatten, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// Every taxonomy and taxonomy term the directory has been given, by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Taxonomies by id.
    pub taxonomies: BTreeMap<String, Taxonomy>,
    /// Terms by id (without the attribute that tagged a service with
    /// them: that link is the service's).
    pub terms: BTreeMap<String, TaxonomyTerm>,
    /// Terms met on services during an import and not yet taken in, by
    /// taxonomy and name: some feeds give the same term a new id on every
    /// service, and a vocabulary lists it once.
    #[serde(skip)]
    met: BTreeMap<u64, TaxonomyTerm>,
}

/// The taxonomy a term carries whole (`taxonomy_detail`), if it does.
fn detail(term: &TaxonomyTerm) -> Option<Taxonomy> {
    serde_json::from_value(term.extra.get("taxonomy_detail")?.clone()).ok()
}

/// What a term is called within its taxonomy, as a hash: worked out for
/// every term of every service of an import, so without allocating (the
/// few terms kept are compared case aside when settled).
fn met_key(term: &TaxonomyTerm) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (term.taxonomy.as_deref().unwrap_or(""), term.name.trim()).hash(&mut h);
    h.finish()
}

/// What a term is called within its taxonomy, case aside.
fn key(term: &TaxonomyTerm) -> (String, String) {
    (
        term.taxonomy.as_deref().unwrap_or("").to_lowercase(),
        term.name.trim().to_lowercase(),
    )
}

/// One term as the vocabulary list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabularyRow {
    /// The term's name.
    pub name: String,
    /// Its code, if it has one.
    pub code: Option<String>,
    /// The taxonomy it belongs to (its name when the vocabulary has it).
    pub taxonomy: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// The name of its parent term, when the vocabulary has it.
    pub parent: Option<String>,
}

impl Vocabulary {
    /// How many terms (those met on services counted once a name).
    pub fn len(&self) -> usize {
        self.terms.len() + self.met.len()
    }

    /// Whether it holds no terms and no taxonomies.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.met.is_empty() && self.taxonomies.is_empty()
    }

    /// Notes a term met on a service: kept once a name within its
    /// taxonomy (the first met), and only if the vocabulary has no term of
    /// that id or name when the two are merged.
    pub fn meet_term(&mut self, term: &TaxonomyTerm) {
        if term.id.trim().is_empty() || self.terms.contains_key(&term.id) {
            return;
        }
        if let std::collections::btree_map::Entry::Vacant(slot) = self.met.entry(met_key(term)) {
            let mut term = term.clone();
            term.attribute = None;
            slot.insert(term);
        }
    }

    /// Adds a term (a later one with the same id replaces it); a
    /// taxonomy the term carries (`taxonomy_detail`) is added too.
    pub fn add_term(&mut self, term: &TaxonomyTerm) {
        if term.id.trim().is_empty() {
            return;
        }
        if let Some(taxonomy) = detail(term) {
            self.add_taxonomy(taxonomy);
        }
        let mut term = term.clone();
        term.attribute = None;
        self.terms.insert(term.id.clone(), term);
    }

    /// Adds a taxonomy (a later one with the same id replaces it).
    pub fn add_taxonomy(&mut self, taxonomy: Taxonomy) {
        if !taxonomy.id.trim().is_empty() {
            self.taxonomies.insert(taxonomy.id.clone(), taxonomy);
        }
    }

    /// Takes in `other`'s taxonomies and terms (its own replace ours with
    /// the same ids; the terms it met on services stay apart, once a name,
    /// until [`Vocabulary::settle`]); returns how many of its terms were
    /// new ids here.
    pub fn merge(&mut self, other: Vocabulary) -> usize {
        let new = other
            .terms
            .keys()
            .filter(|id| !self.terms.contains_key(*id))
            .count();
        self.taxonomies.extend(other.taxonomies);
        self.terms.extend(other.terms);
        for (k, term) in other.met {
            self.met.entry(k).or_insert(term);
        }
        new
    }

    /// Takes in the terms met on services whose id and name (within their
    /// taxonomy) it does not have yet; returns how many.
    pub fn settle(&mut self) -> usize {
        let mut names: std::collections::HashSet<(String, String)> =
            self.terms.values().map(key).collect();
        let mut added = 0;
        for term in std::mem::take(&mut self.met).into_values() {
            if !names.insert(key(&term)) || self.terms.contains_key(&term.id) {
                continue;
            }
            if let Some(taxonomy) = detail(&term) {
                self.taxonomies
                    .entry(taxonomy.id.clone())
                    .or_insert(taxonomy);
            }
            self.terms.insert(term.id.clone(), term);
            added += 1;
        }
        added
    }

    /// The name of the taxonomy a term belongs to: by `taxonomy_id`, by
    /// its `taxonomy_detail`, or as the term names it.
    fn taxonomy_of(&self, term: &TaxonomyTerm) -> Option<String> {
        let by_id = |id: &serde_json::Value| {
            id.as_str()
                .and_then(|id| self.taxonomies.get(id))
                .map(|t| t.name.clone())
        };
        term.extra
            .get("taxonomy_id")
            .and_then(by_id)
            .or_else(|| {
                term.extra
                    .get("taxonomy_detail")
                    .and_then(|d| d.get("id"))
                    .and_then(by_id)
            })
            .or_else(|| term.taxonomy.clone())
    }

    /// Every term, in name order (then code), as the list shows it.
    pub fn rows(&self) -> Vec<VocabularyRow> {
        let mut rows: Vec<VocabularyRow> = self
            .terms
            .values()
            .map(|t| VocabularyRow {
                name: t.name.clone(),
                code: t.code.clone(),
                taxonomy: self.taxonomy_of(t),
                description: t.description.clone(),
                parent: t
                    .extra
                    .get("parent_id")
                    .and_then(serde_json::Value::as_str)
                    .and_then(|p| self.terms.get(p))
                    .map(|p| p.name.clone()),
            })
            .collect();
        rows.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.code.cmp(&b.code))
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(id: &str, name: &str, extra: serde_json::Value) -> TaxonomyTerm {
        TaxonomyTerm {
            id: id.into(),
            code: None,
            name: name.into(),
            description: None,
            taxonomy: None,
            attribute: None,
            extra: extra.as_object().cloned().unwrap_or_default(),
        }
    }

    #[test]
    fn terms_keep_their_taxonomy_and_parent_and_list_in_name_order() {
        let mut v = Vocabulary::default();
        v.add_term(&term(
            "t2",
            "Mental health",
            serde_json::json!({"parent_id": "t1", "taxonomy_detail": {"id": "x", "name": "Council categories"}}),
        ));
        v.add_term(&term("t1", "health", serde_json::json!({})));
        v.add_term(&term(" ", "no id", serde_json::json!({})));
        let rows = v.rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "health");
        assert_eq!(rows[1].taxonomy.as_deref(), Some("Council categories"));
        assert_eq!(rows[1].parent.as_deref(), Some("health"));
        let mut later = Vocabulary::default();
        later.add_term(&term("t1", "Health", serde_json::json!({})));
        later.add_term(&term("t3", "Debt", serde_json::json!({})));
        assert_eq!(v.merge(later), 1);
        assert_eq!(v.len(), 3);
        assert_eq!(v.terms["t1"].name, "Health");
    }

    #[test]
    fn a_term_met_on_every_service_under_a_new_id_is_listed_once() {
        let mut page = Vocabulary::default();
        for i in 0..1000 {
            page.meet_term(&term(
                &format!("id{i}"),
                "Befriending",
                serde_json::json!({}),
            ));
            page.meet_term(&term(&format!("x{i}"), "Walking", serde_json::json!({})));
        }
        assert_eq!(page.len(), 2);
        let mut import = Vocabulary::default();
        let mut other_page = Vocabulary::default();
        other_page.meet_term(&term("later", "Befriending ", serde_json::json!({})));
        other_page.meet_term(&term("d", "Debt advice", serde_json::json!({})));
        import.merge(page);
        import.merge(other_page);
        assert_eq!(import.len(), 3);
        // Kept with a term of the same name already stored: not again.
        let mut stored = Vocabulary::default();
        stored.add_term(&term("lga-1", "Befriending", serde_json::json!({})));
        assert_eq!(stored.merge(import) + stored.settle(), 2);
        assert_eq!(stored.len(), 3);
        assert!(stored.terms.contains_key("lga-1"));
        // Met again with an id already kept: nothing new.
        let mut again = Vocabulary::default();
        again.meet_term(&term("d", "Debt advice", serde_json::json!({})));
        assert_eq!(stored.merge(again) + stored.settle(), 0);
        assert_eq!(stored.len(), 3);
        // Names that differ only in case are one term once settled.
        let mut cases = Vocabulary::default();
        cases.meet_term(&term("a", "Men's Shed", serde_json::json!({})));
        cases.meet_term(&term("b", "men's shed", serde_json::json!({})));
        assert_eq!(cases.settle(), 1);
    }
}
