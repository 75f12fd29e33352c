//! Key encodings. Numeric ids are big-endian so that keys sort in id order;
//! child records are keyed by their case id first, so a case's records are
//! one prefix scan.

/// Meta key: the schema version (u32, big-endian).
pub const SCHEMA_VERSION: &[u8] = b"schema_version";
/// Meta key: what this database is.
pub const FORMAT: &[u8] = b"format";
/// The value of [`FORMAT`].
pub const FORMAT_VALUE: &[u8] = b"linkwork";
/// Meta key: the next record id.
pub const NEXT_ID: &[u8] = b"next_id";
/// Meta key: how many change sets have been committed (u64).
pub const COMMIT_SEQ: &[u8] = b"commit_seq";
/// Meta key: the next audit sequence number.
pub const NEXT_AUDIT: &[u8] = b"next_audit";
/// Meta key: the live generation of the directory trees (not backed up).
pub const DIRECTORY_GENERATION: &[u8] = b"directory_generation";
/// Meta key: the directory's vocabulary (the feeds' taxonomies and terms).
pub const VOCABULARY: &[u8] = b"vocabulary";
/// Meta key: the key pseudonyms in exports are made with.
pub const PSEUDONYM_KEY: &[u8] = b"pseudonym_key";

/// Meta key: a value sealed with the data key (see `key_check`).
pub const KEY_CHECK: &[u8] = b"key_check";

/// A numeric id key.
pub fn id(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

/// A child key: parent id, then child id.
pub fn child(parent: u64, child: u64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&parent.to_be_bytes());
    k[8..].copy_from_slice(&child.to_be_bytes());
    k
}

/// Reads a big-endian u64 from the first eight bytes, if there are eight.
pub fn read_u64(bytes: &[u8]) -> Option<u64> {
    bytes.get(..8)?.try_into().ok().map(u64::from_be_bytes)
}

/// A short, non-identifying description of a key for error messages: the
/// numeric id(s) for numeric keys, otherwise the byte length.
pub fn describe(key: &[u8]) -> String {
    match key.len() {
        8 => format!("id {}", read_u64(key).unwrap_or_default()),
        16 => format!(
            "id {}/{}",
            read_u64(key).unwrap_or_default(),
            read_u64(&key[8..]).unwrap_or_default()
        ),
        n => format!("a {n}-byte key"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_numerically() {
        assert!(id(2) < id(10));
        assert!(child(1, 99) < child(2, 0));
        assert_eq!(read_u64(&child(7, 8)), Some(7));
        assert_eq!(describe(&child(7, 8)), "id 7/8");
        assert_eq!(describe(b"abc"), "a 3-byte key");
    }
}
