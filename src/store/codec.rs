//! The one place where records become bytes and bytes become records.
//!
//! Every stored value starts with a format byte. Format 1 is plain JSON.
//! The tree name and key are passed in so that an encrypting format can
//! bind each value to where it is stored (as associated data) without
//! changing any caller.

use super::keys;
use super::tree::TreeName;
use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

/// Format byte: plain JSON.
pub const PLAIN_JSON: u8 = 1;

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

/// Encodes a value stored at `key` in `tree`.
pub fn encode<T: Serialize>(tree: TreeName, key: &[u8], value: &T) -> Result<Vec<u8>, CodecError> {
    let mut out = vec![PLAIN_JSON];
    serde_json::to_writer(&mut out, value)
        .map_err(|e| error(tree, key, "written", e.to_string()))?;
    Ok(out)
}

/// Decodes a value stored at `key` in `tree`.
pub fn decode<T: DeserializeOwned>(
    tree: TreeName,
    key: &[u8],
    bytes: &[u8],
) -> Result<T, CodecError> {
    match bytes.split_first() {
        Some((&PLAIN_JSON, body)) => {
            serde_json::from_slice(body).map_err(|e| error(tree, key, "read", redact(&e)))
        }
        Some((format, _)) => Err(error(
            tree,
            key,
            "read",
            format!("unknown value format {format}"),
        )),
        None => Err(error(tree, key, "read", "the value is empty".into())),
    }
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
    fn round_trip_and_format_byte() {
        let bytes = encode(TreeName::Meta, b"k", &vec![1u32, 2]).unwrap();
        assert_eq!(bytes[0], PLAIN_JSON);
        let back: Vec<u32> = decode(TreeName::Meta, b"k", &bytes).unwrap();
        assert_eq!(back, [1, 2]);
    }

    #[test]
    fn errors_name_the_place_not_the_content() {
        let mut bytes = vec![PLAIN_JSON];
        bytes.extend_from_slice(br#""Jane Smith""#);
        let err = decode::<u32>(TreeName::Persons, &keys::id(4), &bytes).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("persons") && msg.contains("id 4"), "{msg}");
        assert!(!msg.contains("Jane"), "{msg}");
        assert!(decode::<u32>(TreeName::Persons, b"", &[]).is_err());
        assert!(decode::<u32>(TreeName::Persons, b"", &[9, b'1']).is_err());
    }
}
