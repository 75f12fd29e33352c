//! The one place where records become bytes and bytes become records.
//!
//! Every stored value starts with a format byte. Format 1 is plain JSON;
//! format 3 is plain JSON compressed (LZ4, its length first), for values
//! long enough to gain (a directory's services: about half the disk);
//! format 2 is JSON sealed with the store's data key, bound to its tree and
//! key as associated data (see `crypto`). An encrypted store accepts only
//! format 2 and a plain store only formats 1 and 3, so a plain value cannot
//! be slipped into an encrypted store.

use super::crypto::Cipher;
use super::keys;
use super::tree::TreeName;
use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

/// Format byte: plain JSON.
pub const PLAIN_JSON: u8 = 1;
/// Format byte: sealed JSON.
pub const SEALED_JSON: u8 = 2;
/// Format byte: plain JSON, compressed.
pub const PLAIN_LZ4: u8 = 3;

/// Plain values at least this long are compressed.
const COMPRESS_FROM: usize = 512;

/// The longest value a compressed one may say it holds (a damaged or
/// hostile store cannot make a reader allocate more).
const MAX_VALUE: usize = 64 << 20;

/// The associated data binding a value to its place.
fn aad(tree: TreeName, key: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(16 + key.len());
    aad.extend_from_slice(b"linkwork/");
    aad.extend_from_slice(tree.as_str().as_bytes());
    aad.push(b'/');
    aad.extend_from_slice(key);
    aad
}

/// A value that could not be encoded or decoded. Never carries the value.
#[derive(Debug, Error)]
#[error("record {key} in {tree} could not be {verb}: {reason}")]
pub struct CodecError {
    /// The tree.
    pub tree: &'static str,
    /// A non-identifying description of the key.
    pub key: String,
    /// "read" or "written".
    pub verb: &'static str,
    /// What went wrong (a serde message, which names fields and types, not
    /// values).
    pub reason: String,
}

fn error(tree: TreeName, key: &[u8], verb: &'static str, reason: String) -> CodecError {
    CodecError {
        tree: tree.as_str(),
        key: keys::describe(key),
        verb,
        reason,
    }
}

/// Encodes a value stored at `key` in `tree`, sealing it when the store
/// has a cipher.
pub fn encode<T: Serialize>(
    tree: TreeName,
    key: &[u8],
    value: &T,
    cipher: Option<&Cipher>,
) -> Result<Vec<u8>, CodecError> {
    let json = zeroize::Zeroizing::new(
        serde_json::to_vec(value).map_err(|e| error(tree, key, "written", e.to_string()))?,
    );
    match cipher {
        None if json.len() >= COMPRESS_FROM => {
            let mut out = vec![PLAIN_LZ4];
            out.extend_from_slice(&lz4_flex::compress_prepend_size(&json));
            Ok(out)
        }
        None => {
            let mut out = Vec::with_capacity(json.len() + 1);
            out.push(PLAIN_JSON);
            out.extend_from_slice(&json);
            Ok(out)
        }
        Some(c) => {
            let sealed = c
                .seal(&aad(tree, key), &json)
                .map_err(|e| error(tree, key, "written", e.to_string()))?;
            let mut out = Vec::with_capacity(sealed.len() + 1);
            out.push(SEALED_JSON);
            out.extend_from_slice(&sealed);
            Ok(out)
        }
    }
}

/// A sealed value opened with `old` and sealed again with `new`, bound to
/// the same place (for `rekey`).
pub fn reseal(
    tree: TreeName,
    key: &[u8],
    bytes: &[u8],
    old: &Cipher,
    new: &Cipher,
) -> Result<Vec<u8>, CodecError> {
    let Some((&SEALED_JSON, body)) = bytes.split_first() else {
        return Err(error(tree, key, "read", "it is not encrypted".into()));
    };
    let plain = old
        .open(&aad(tree, key), body)
        .map_err(|e| error(tree, key, "read", e.to_string()))?;
    let sealed = new
        .seal(&aad(tree, key), &plain)
        .map_err(|e| error(tree, key, "written", e.to_string()))?;
    let mut out = Vec::with_capacity(sealed.len() + 1);
    out.push(SEALED_JSON);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Decodes a value stored at `key` in `tree`.
pub fn decode<T: DeserializeOwned>(
    tree: TreeName,
    key: &[u8],
    bytes: &[u8],
    cipher: Option<&Cipher>,
) -> Result<T, CodecError> {
    let parse = |body: &[u8]| {
        serde_json::from_slice(body).map_err(|e| error(tree, key, "read", redact(&e)))
    };
    match (bytes.split_first(), cipher) {
        (Some((&PLAIN_JSON, body)), None) => parse(body),
        (Some((&PLAIN_LZ4, body)), None) => {
            parse(&decompress(body).map_err(|reason| error(tree, key, "read", reason))?)
        }
        (Some((&SEALED_JSON, body)), Some(c)) => {
            let plain = c
                .open(&aad(tree, key), body)
                .map_err(|e| error(tree, key, "read", e.to_string()))?;
            parse(&plain)
        }
        (Some((&(PLAIN_JSON | PLAIN_LZ4), _)), Some(_)) => Err(error(
            tree,
            key,
            "read",
            "it is not encrypted, but this caseload is".into(),
        )),
        (Some((&SEALED_JSON, _)), None) => Err(error(
            tree,
            key,
            "read",
            "it is encrypted, but no key was given".into(),
        )),
        (Some((format, _)), _) => Err(error(
            tree,
            key,
            "read",
            format!("unknown value format {format}"),
        )),
        (None, _) => Err(error(tree, key, "read", "the value is empty".into())),
    }
}

/// A compressed value's JSON (refusing one that claims more than
/// [`MAX_VALUE`] bytes).
fn decompress(body: &[u8]) -> Result<Vec<u8>, String> {
    let size = body
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or("the compressed value is cut short")? as usize;
    if size > MAX_VALUE {
        return Err(format!("the compressed value claims {size} bytes"));
    }
    lz4_flex::decompress(&body[4..], size)
        .map_err(|e| format!("the compressed value is damaged ({e})"))
}

/// serde_json messages can quote parts of the input (`invalid type: string
/// "Jane"`); keep only the category and position.
fn redact(e: &serde_json::Error) -> String {
    format!(
        "{:?} error at line {} column {}",
        e.classify(),
        e.line(),
        e.column()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_plain_values_are_compressed_and_damage_is_an_error() {
        let long: Vec<String> = (0..200).map(|i| format!("service {i}")).collect();
        let bytes = encode(TreeName::Meta, b"k", &long, None).unwrap();
        assert_eq!(bytes[0], PLAIN_LZ4);
        assert!(bytes.len() < serde_json::to_vec(&long).unwrap().len() / 2);
        let back: Vec<String> = decode(TreeName::Meta, b"k", &bytes, None).unwrap();
        assert_eq!(back, long);
        let mut cut = bytes.clone();
        cut.truncate(bytes.len() / 2);
        assert!(decode::<Vec<String>>(TreeName::Meta, b"k", &cut, None).is_err());
        let mut huge = vec![PLAIN_LZ4];
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        huge.extend_from_slice(&bytes[5..]);
        let err = decode::<Vec<String>>(TreeName::Meta, b"k", &huge, None).unwrap_err();
        assert!(err.to_string().contains("claims"), "{err}");
        assert!(decode::<Vec<String>>(TreeName::Meta, b"k", &[PLAIN_LZ4, 1], None).is_err());
    }

    #[test]
    fn round_trip_and_format_byte() {
        let bytes = encode(TreeName::Meta, b"k", &vec![1u32, 2], None).unwrap();
        assert_eq!(bytes[0], PLAIN_JSON);
        let back: Vec<u32> = decode(TreeName::Meta, b"k", &bytes, None).unwrap();
        assert_eq!(back, [1, 2]);
    }

    #[test]
    fn sealed_values_are_bound_to_their_place_and_format() {
        let (_, cipher) =
            crate::store::crypto::KeyFile::create(&crate::store::crypto::Secret::new("p".into()))
                .unwrap();
        let c = Some(&cipher);
        let bytes = encode(TreeName::Persons, &keys::id(1), &"Ada Lovelace", c).unwrap();
        assert_eq!(bytes[0], SEALED_JSON);
        assert!(!bytes.windows(3).any(|w| w == b"Ada"));
        let back: String = decode(TreeName::Persons, &keys::id(1), &bytes, c).unwrap();
        assert_eq!(back, "Ada Lovelace");
        let moved = decode::<String>(TreeName::Persons, &keys::id(2), &bytes, c).unwrap_err();
        assert!(
            moved.to_string().contains("authentication check failed"),
            "{moved}"
        );
        assert!(decode::<String>(TreeName::Cases, &keys::id(1), &bytes, c).is_err());
        assert!(decode::<String>(TreeName::Persons, &keys::id(1), &bytes, None).is_err());
        let plain = encode(TreeName::Persons, &keys::id(1), &"x", None).unwrap();
        let injected = decode::<String>(TreeName::Persons, &keys::id(1), &plain, c).unwrap_err();
        assert!(injected.to_string().contains("not encrypted"), "{injected}");
    }

    #[test]
    fn errors_name_the_place_not_the_content() {
        let mut bytes = vec![PLAIN_JSON];
        bytes.extend_from_slice(br#""Jane Smith""#);
        let err = decode::<u32>(TreeName::Persons, &keys::id(4), &bytes, None).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("persons") && msg.contains("id 4"), "{msg}");
        assert!(!msg.contains("Jane"), "{msg}");
        assert!(decode::<u32>(TreeName::Persons, b"", &[], None).is_err());
        assert!(decode::<u32>(TreeName::Persons, b"", &[9, b'1'], None).is_err());
    }
}
