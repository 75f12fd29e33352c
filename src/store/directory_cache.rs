//! A compact copy of the directory's search entries beside the store
//! (`directory.cache`), so the app has its directory ready at once and
//! `linkwork directory search` need not open the database.
//!
//! It is only a cache: removed before any commit that changes services or
//! organisations (and by a restore), rebuilt from the records by the next
//! reader. Only unencrypted stores have one (the directory of an encrypted
//! store stays inside the encrypted database).

use super::error::StoreError;
use super::layout;
use crate::domain::directory::search::{FactsSource, SearchIndex};
use std::io::Read;
use std::path::Path;

/// The cache file's name in the data folder.
pub const CACHE_FILE: &str = "directory.cache";

/// Changes whenever the entry layout changes; an older cache is ignored.
const CACHE_FORMAT: u32 = 12;

/// The file's first bytes.
const MAGIC: &[u8; 4] = b"LWDC";

/// Magic, format, schema, the four parts' lengths, and the checksums of
/// the facts and of the rest.
const HEADER: usize = 4 + 4 + 4 + 4 * 8 + 4 + 4;

/// Removes the cache (nothing to do when there is none).
pub fn invalidate(dir: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(dir.join(CACHE_FILE)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(StoreError::io("remove", &dir.join(CACHE_FILE), e))
        }
        _ => Ok(()),
    }
}

/// Writes the cache (0600, atomically): a header, then the names, the
/// areas and descriptions, the facts and the rest one after another, so
/// that a reader reads each straight into its own buffer.
pub fn write(dir: &Path, index: &SearchIndex) -> Result<(), StoreError> {
    let packed = index
        .pack()
        .map_err(|e| StoreError::Inconsistent(format!("directory cache: {e}")))?;
    let lengths = [
        packed.names.len(),
        packed.longs.len(),
        packed.facts.len(),
        packed.rest.len(),
    ];
    let mut bytes = Vec::with_capacity(HEADER + lengths.iter().sum::<usize>());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&CACHE_FORMAT.to_le_bytes());
    bytes.extend_from_slice(&super::CURRENT_SCHEMA.to_le_bytes());
    for length in lengths {
        bytes.extend_from_slice(&(length as u64).to_le_bytes());
    }
    bytes.extend_from_slice(&crc32fast::hash(&packed.facts).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&packed.rest).to_le_bytes());
    bytes.extend_from_slice(packed.names.as_bytes());
    bytes.extend_from_slice(packed.longs.as_bytes());
    bytes.extend_from_slice(&packed.facts);
    bytes.extend_from_slice(&packed.rest);
    layout::replace_file(&dir.join(CACHE_FILE), &bytes, None)
}

/// Reads the cache of the unencrypted store in `dir`, if there is a
/// usable one (any problem: `None`, and the caller reads the records).
pub fn read(dir: &Path) -> Option<SearchIndex> {
    let (file, parts) = open(dir)?;
    let facts = file.part(parts.facts, parts.facts_len, Some(parts.facts_crc))?;
    SearchIndex::unpack(parts.names, parts.longs, facts, &parts.rest)
}

/// [`read`] for a one-off search: the facts are left in the file and read
/// for the results only (the whole of them, checked, if a filter needs
/// them all).
pub fn read_for_search(dir: &Path) -> Option<SearchIndex> {
    let (file, parts) = open(dir)?;
    let source = FileFacts {
        file,
        at: parts.facts,
        len: parts.facts_len,
        crc: parts.facts_crc,
    };
    SearchIndex::unpack_at(
        parts.names,
        parts.longs,
        std::sync::Arc::new(source),
        &parts.rest,
    )
}

/// The cache file, to read parts of at their places.
#[derive(Debug)]
struct CacheFile(std::fs::File);

impl CacheFile {
    /// `length` bytes at `at`, straight into their own buffer; checked
    /// against `crc` when given.
    fn part(&self, at: u64, length: u64, crc: Option<u32>) -> Option<Vec<u8>> {
        let mut b = vec![0; usize::try_from(length).ok()?];
        self.fill(&mut b, at)?;
        crc.is_none_or(|crc| crc32fast::hash(&b) == crc)
            .then_some(b)
    }

    /// Fills `buffer` from `at`.
    fn fill(&self, buffer: &mut [u8], at: u64) -> Option<()> {
        use std::os::unix::fs::FileExt;
        self.0.read_exact_at(buffer, at).ok()
    }
}

/// The parts read at once (all but the facts).
struct Parts {
    names: String,
    longs: String,
    rest: Vec<u8>,
    /// Where the facts start, how long they are, and their checksum.
    facts: u64,
    facts_len: u64,
    facts_crc: u32,
}

/// Opens the cache and reads its header, names, long texts and rest; the
/// long texts (most of the file) on a second thread meanwhile.
fn open(dir: &Path) -> Option<(CacheFile, Parts)> {
    match layout::inspect(dir).ok()? {
        layout::DirState::Existing {
            schema,
            encrypted: false,
        } if schema == super::CURRENT_SCHEMA => {}
        _ => return None,
    }
    let mut file = std::fs::File::open(dir.join(CACHE_FILE)).ok()?;
    let size = file.metadata().ok()?.len();
    let mut header = [0u8; HEADER];
    file.read_exact(&mut header).ok()?;
    let word = |at: usize| {
        header
            .get(at..at + 4)?
            .try_into()
            .ok()
            .map(u32::from_le_bytes)
    };
    let long = |at: usize| {
        header
            .get(at..at + 8)?
            .try_into()
            .ok()
            .map(u64::from_le_bytes)
    };
    if header.get(..4)? != MAGIC || word(4)? != CACHE_FORMAT || word(8)? != super::CURRENT_SCHEMA {
        return None;
    }
    let lengths = [long(12)?, long(20)?, long(28)?, long(36)?];
    // The lengths must add up to the file, so a damaged header cannot
    // make the reader allocate more than the file holds.
    if lengths
        .iter()
        .try_fold(HEADER as u64, |sum, l| sum.checked_add(*l))?
        != size
    {
        return None;
    }
    let (facts_crc, rest_crc) = (word(44)?, word(48)?);
    let at = |part: usize| HEADER as u64 + lengths[..part].iter().sum::<u64>();
    let file = CacheFile(file);
    // The long texts are most of the file: read in two halves, one on a
    // second thread, while the names and the rest are read.
    let mut longs = vec![0; usize::try_from(lengths[1]).ok()?];
    let middle = longs.len() / 2;
    let (first, second) = longs.split_at_mut(middle);
    let half = first.len() as u64;
    let (names, rest, read) = std::thread::scope(|s| {
        let first = s.spawn(|| file.fill(first, at(1)));
        let second = file.fill(second, at(1) + half);
        let names = file.part(at(0), lengths[0], None);
        let rest = file.part(at(3), lengths[3], Some(rest_crc));
        (names, rest, first.join().ok().flatten().and(second))
    });
    read?;
    let names = String::from_utf8(names?).ok()?;
    let longs = String::from_utf8(longs).ok()?;
    let parts = Parts {
        names,
        longs,
        rest: rest?,
        facts: at(2),
        facts_len: lengths[2],
        facts_crc,
    };
    Some((file, parts))
}

/// The facts part of an open cache file, read when asked.
#[derive(Debug)]
struct FileFacts {
    file: CacheFile,
    at: u64,
    len: u64,
    crc: u32,
}

impl FactsSource for FileFacts {
    fn read(&self, at: u64, len: usize) -> Option<Vec<u8>> {
        let end = at.checked_add(len as u64)?;
        (end <= self.len).then(|| self.file.part(self.at + at, len as u64, None))?
    }

    fn read_all(&self) -> Option<Vec<u8>> {
        self.file.part(self.at, self.len, Some(self.crc))
    }
}
