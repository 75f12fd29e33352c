//! One service's searchable form, and where an entry's texts lie in the
//! index's blocks.

use super::SEP;
use crate::domain::directory::Service;
use crate::domain::directory::facts::ServiceFacts;
use crate::domain::text::fold;
use serde::{Deserialize, Serialize};

/// The searchable form of one service: its facts and its folded text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// What the list shows and the filters test.
    pub facts: ServiceFacts,
    pub(super) name: Box<str>,
    pub(super) organisation: String,
    pub(super) categories: String,
    /// area SEP description, folded.
    pub(super) long: Box<str>,
    pub(super) area_end: usize,
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

/// Where a text is in a block: its start and length in bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Span(pub(super) u32, pub(super) u32);

impl Span {
    /// Its text in `block`, or "" if it does not fit there.
    pub(super) fn of(self, block: &str) -> &str {
        let (start, len) = (self.0 as usize, self.1 as usize);
        block.get(start..start + len).unwrap_or("")
    }

    /// Where `text` will be once pushed onto `block` (and pushes it).
    pub(super) fn push(block: &mut String, text: &str) -> Span {
        let start = u32::try_from(block.len()).unwrap_or(u32::MAX);
        block.push_str(text);
        Span(start, u32::try_from(text.len()).unwrap_or(u32::MAX))
    }

    /// Whether it ends within a block of `len` bytes.
    pub(super) fn within(self, len: usize) -> bool {
        self.0 as usize + self.1 as usize <= len
    }

    /// Whether it lies in `block`, on character boundaries.
    pub(super) fn fits(self, block: &str) -> bool {
        let (start, end) = (self.0 as usize, self.0 as usize + self.1 as usize);
        end <= block.len() && block.is_char_boundary(start) && block.is_char_boundary(end)
    }
}

/// Distinct texts kept one after another in one block, each found by its
/// number: loading 100,000 organisation names is one allocation, not
/// 100,000.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct TextBlock {
    block: String,
    spans: Vec<Span>,
}

impl TextBlock {
    /// How many texts.
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Text `i`, if there is one.
    pub(super) fn get(&self, i: usize) -> Option<&str> {
        self.spans.get(i).map(|s| s.of(&self.block))
    }

    /// Adds `text`; returns its number.
    pub(super) fn push(&mut self, text: &str) -> u32 {
        self.spans.push(Span::push(&mut self.block, text));
        u32::try_from(self.spans.len() - 1).unwrap_or(u32::MAX)
    }

    /// Every text, in number order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().map(|s| s.of(&self.block))
    }

    /// Whether every text lies in the block.
    pub(super) fn is_sound(&self) -> bool {
        self.spans.iter().all(|s| s.fits(&self.block))
    }
}

impl std::ops::Index<usize> for TextBlock {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        self.get(i).unwrap_or("")
    }
}
