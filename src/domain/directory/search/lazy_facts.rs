//! Every entry's facts, kept as the cache gave them until they are needed.
//!
//! A one-off search prints the facts of its twenty best results, not of
//! 100,000 services: decoding every entry's facts (a dozen allocations
//! each) was a third of a whole search process. So an index read from its
//! cache keeps the facts packed, decodes a single entry's on request, and
//! decodes all of them (on every core) only when a filter or the app's list
//! needs them all. A one-off search need not even read the others: its
//! index can take a [`FactsSource`] that reads an entry's bytes when asked.

use crate::domain::directory::facts::ServiceFacts;
use rayon::prelude::*;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// Where an index's packed facts can be read when they are not in memory
/// (the store's cache file).
pub trait FactsSource: std::fmt::Debug + Send + Sync {
    /// `len` bytes from `at` in the packed facts.
    fn read(&self, at: u64, len: usize) -> Option<Vec<u8>>;
    /// All of the packed facts, checked whole (`None` if they are not).
    fn read_all(&self) -> Option<Vec<u8>>;
}

/// The packed facts: in memory, or where they can be read.
#[derive(Debug, Clone)]
enum Packed {
    Bytes(Vec<u8>),
    Source(Arc<dyn FactsSource>),
}

impl Default for Packed {
    fn default() -> Self {
        Self::Bytes(Vec::new())
    }
}

/// Entries per parallel decoding task.
const CHUNK: usize = 4096;

/// Every entry's facts: decoded, or packed and decoded when first needed.
#[derive(Debug, Clone, Default)]
pub(super) struct LazyFacts {
    /// All of them, once decoded (or as built).
    decoded: OnceLock<Vec<ServiceFacts>>,
    /// Each entry's facts (postcard), one after another.
    packed: Packed,
    /// Where each entry's packed facts end in `packed`.
    ends: Vec<u32>,
}

impl LazyFacts {
    /// Facts already decoded.
    pub(super) fn decoded(all: Vec<ServiceFacts>) -> Self {
        Self {
            decoded: OnceLock::from(all),
            packed: Packed::default(),
            ends: Vec::new(),
        }
    }

    /// Facts as [`LazyFacts::pack`] gave them, for `len` entries (`None`
    /// when the ends do not fit the bytes).
    pub(super) fn packed(packed: Vec<u8>, ends: Vec<u32>, len: usize) -> Option<Self> {
        let sound = ends.len() == len
            && ends.windows(2).all(|w| w[0] <= w[1])
            && ends.last().is_none_or(|e| *e as usize <= packed.len());
        sound.then(|| Self {
            decoded: OnceLock::new(),
            packed: Packed::Bytes(packed),
            ends,
        })
    }

    /// Facts for `len` entries, ending at `ends`, to be read from `source`
    /// when needed.
    pub(super) fn at_source(
        source: Arc<dyn FactsSource>,
        ends: Vec<u32>,
        len: usize,
    ) -> Option<Self> {
        let sound = ends.len() == len && ends.windows(2).all(|w| w[0] <= w[1]);
        sound.then(|| Self {
            decoded: OnceLock::new(),
            packed: Packed::Source(source),
            ends,
        })
    }

    /// Every entry's facts packed one after another, and where each ends.
    pub(super) fn pack(&self) -> Result<(Vec<u8>, Vec<u32>), postcard::Error> {
        let all = self.all();
        let mut packed = Vec::new();
        let mut ends = Vec::with_capacity(all.len());
        for facts in all {
            packed = postcard::to_extend(facts, packed)?;
            ends.push(
                u32::try_from(packed.len()).map_err(|_| postcard::Error::SerializeBufferFull)?,
            );
        }
        Ok((packed, ends))
    }

    /// Where entry `i`'s packed facts are.
    fn span(&self, i: usize) -> std::ops::Range<usize> {
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).copied().unwrap_or(0) as usize,
        };
        start..self.ends.get(i).copied().unwrap_or(0) as usize
    }

    /// Entry `i`'s facts from `packed` (all of them).
    fn decode(&self, packed: &[u8], i: usize) -> ServiceFacts {
        packed
            .get(self.span(i))
            .and_then(|bytes| postcard::from_bytes(bytes).ok())
            // Only a cache changed behind its checksum gets here: the
            // entry is kept, nameless, rather than the index refused.
            .unwrap_or_default()
    }

    /// Every entry's facts (decoded on every core the first time).
    pub(super) fn all(&self) -> &[ServiceFacts] {
        self.decoded.get_or_init(|| {
            let read;
            let packed: &[u8] = match &self.packed {
                Packed::Bytes(bytes) => bytes,
                Packed::Source(source) => {
                    read = source.read_all().unwrap_or_default();
                    &read
                }
            };
            (0..self.ends.len())
                .collect::<Vec<_>>()
                .par_chunks(CHUNK)
                .flat_map_iter(|chunk| chunk.iter().map(|i| self.decode(packed, *i)))
                .collect()
        })
    }

    /// Entry `i`'s facts, decoding (and reading) only it when the rest are
    /// not needed.
    pub(super) fn one(&self, i: usize) -> Option<Cow<'_, ServiceFacts>> {
        if let Some(all) = self.decoded.get() {
            return all.get(i).map(Cow::Borrowed);
        }
        if i >= self.ends.len() {
            return None;
        }
        let facts = match &self.packed {
            Packed::Bytes(bytes) => self.decode(bytes, i),
            Packed::Source(source) => {
                let span = self.span(i);
                source
                    .read(span.start as u64, span.len())
                    .and_then(|bytes| postcard::from_bytes(&bytes).ok())
                    .unwrap_or_default()
            }
        };
        Some(Cow::Owned(facts))
    }

    /// Every entry's facts, to change; the index keeps them decoded from
    /// then on.
    pub(super) fn take_all(&mut self) -> Vec<ServiceFacts> {
        self.all();
        let all = self.decoded.take().unwrap_or_default();
        self.packed = Packed::default();
        self.ends = Vec::new();
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(name: &str) -> ServiceFacts {
        ServiceFacts {
            name: name.to_owned(),
            ..ServiceFacts::default()
        }
    }

    #[test]
    fn packed_facts_decode_one_at_a_time_or_all_alike() {
        let all: Vec<ServiceFacts> = (0..CHUNK + 3).map(|i| facts(&format!("s{i}"))).collect();
        let (packed, ends) = LazyFacts::decoded(all.clone()).pack().unwrap();
        let lazy = LazyFacts::packed(packed.clone(), ends.clone(), all.len()).unwrap();
        assert_eq!(lazy.one(CHUNK + 1).unwrap().name, "s4097");
        assert!(lazy.decoded.get().is_none(), "one entry decodes only it");
        assert!(lazy.one(all.len()).is_none());
        assert_eq!(lazy.all(), all.as_slice());
        assert!(matches!(lazy.one(2), Some(Cow::Borrowed(_))));
        assert!(LazyFacts::packed(packed.clone(), ends.clone(), all.len() + 1).is_none());
        let mut short = ends;
        short[0] = u32::MAX;
        assert!(LazyFacts::packed(packed, short, all.len()).is_none());
    }

    #[derive(Debug)]
    struct Counting(Vec<u8>, std::sync::atomic::AtomicUsize);

    impl FactsSource for Counting {
        fn read(&self, at: u64, len: usize) -> Option<Vec<u8>> {
            self.1.fetch_add(len, std::sync::atomic::Ordering::Relaxed);
            self.0
                .get(at as usize..at as usize + len)
                .map(<[u8]>::to_vec)
        }
        fn read_all(&self) -> Option<Vec<u8>> {
            self.1
                .fetch_add(self.0.len(), std::sync::atomic::Ordering::Relaxed);
            Some(self.0.clone())
        }
    }

    #[test]
    fn facts_at_a_source_are_read_one_at_a_time_until_all_are_needed() {
        let all: Vec<ServiceFacts> = (0..100).map(|i| facts(&format!("s{i}"))).collect();
        let (packed, ends) = LazyFacts::decoded(all.clone()).pack().unwrap();
        let source = Arc::new(Counting(packed.clone(), 0.into()));
        let lazy = LazyFacts::at_source(source.clone(), ends.clone(), 100).unwrap();
        assert_eq!(lazy.one(42).unwrap().name, "s42");
        let read = source.1.load(std::sync::atomic::Ordering::Relaxed);
        assert!(read < packed.len() / 50, "read {read} bytes for one entry");
        assert_eq!(lazy.all(), all.as_slice());
        assert_eq!(lazy.pack().unwrap(), (packed, ends.clone()));
        assert!(LazyFacts::at_source(source, ends, 99).is_none());
    }

    #[test]
    fn a_damaged_entry_decodes_nameless_instead_of_failing() {
        let lazy = LazyFacts::packed(vec![0xff, 0xff], vec![2], 1).unwrap();
        assert_eq!(lazy.one(0).unwrap().name, "");
        assert_eq!(lazy.all().len(), 1);
    }
}
