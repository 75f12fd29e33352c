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
use crate::domain::directory::search::SearchIndex;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The cache file's name in the data folder.
pub const CACHE_FILE: &str = "directory.cache";

/// Changes whenever the entry layout changes; an older cache is ignored.
const CACHE_FORMAT: u32 = 9;

#[derive(Deserialize)]
struct CacheFile<'a> {
    format: u32,
    schema: u32,
    #[serde(borrow)]
    index: &'a [u8],
}

/// Removes the cache (nothing to do when there is none).
pub fn invalidate(dir: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(dir.join(CACHE_FILE)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(StoreError::io("remove", &dir.join(CACHE_FILE), e))
        }
        _ => Ok(()),
    }
}

/// Writes the cache (0600, atomically).
pub fn write(dir: &Path, index: &SearchIndex) -> Result<(), StoreError> {
    #[derive(Serialize)]
    struct Borrowed<'a> {
        format: u32,
        schema: u32,
        index: &'a [u8],
    }
    let packed = index
        .to_bytes()
        .map_err(|e| StoreError::Inconsistent(format!("directory cache: {e}")))?;
    let bytes = postcard::to_stdvec(&Borrowed {
        format: CACHE_FORMAT,
        schema: super::CURRENT_SCHEMA,
        index: &packed,
    })
    .map_err(|e| StoreError::Inconsistent(format!("directory cache: {e}")))?;
    layout::replace_file(&dir.join(CACHE_FILE), &bytes, None)
}

/// Reads the cache of the unencrypted store in `dir`, if there is a
/// usable one (any problem: `None`, and the caller reads the records).
pub fn read(dir: &Path) -> Option<SearchIndex> {
    match layout::inspect(dir).ok()? {
        layout::DirState::Existing {
            schema,
            encrypted: false,
        } if schema == super::CURRENT_SCHEMA => {}
        _ => return None,
    }
    let bytes = std::fs::read(dir.join(CACHE_FILE)).ok()?;
    let file: CacheFile = postcard::from_bytes(&bytes).ok()?;
    if file.format != CACHE_FORMAT || file.schema != super::CURRENT_SCHEMA {
        return None;
    }
    SearchIndex::from_bytes(file.index)
}
