//! linkwork's own versioned snapshot of all data (not sled's export).
//!
//! File layout (integers big-endian):
//!
//! ```text
//! magic     16 bytes  "LINKWORK-BACKUP\n"
//! version    u32      2 (1 is still read)
//! schema     u32      the store's schema
//! encrypted  u8       0 or 1
//! created    i64      seconds since 1970 (UTC)
//! key file   u32 length + bytes (the wrapped key; empty when plain)
//! count      u64      number of records
//! records    per record: u8 tree, u32 key length, key, u32 value length, value
//! tag        32 bytes HMAC-SHA256 (encrypted: keyed from the data key)
//!                     or SHA-256 (plain) of everything before it
//! checksum   32 bytes SHA-256 of everything before it (version 2)
//! ```
//!
//! The checksum needs no key: any backup, encrypted or not, can be checked
//! whole before it is offered for a restore ([`verify_integrity`]); the tag
//! is what proves an encrypted one authentic.
//!
//! Values are copied as stored, so an encrypted store's backup is sealed by
//! the same data key. Nothing in a backup is trusted before its tag is
//! checked, and every length is checked against what is left.

mod rotation;

pub use rotation::{file_name, keep, parse_name};

use super::crypto::{Cipher, KeyFile};
use super::tree::TreeName;
use sha2::{Digest, Sha256};
use thiserror::Error;

/// The first bytes of every backup.
pub const MAGIC: &[u8; 16] = b"LINKWORK-BACKUP\n";
/// The backup format this build writes and reads.
pub const VERSION: u32 = 2;
const TAG_LEN: usize = 32;

/// One stored record, as bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// Its tree.
    pub tree: TreeName,
    /// Its key.
    pub key: Vec<u8>,
    /// Its stored value.
    pub value: Vec<u8>,
}

/// The contents of a backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The schema of the store it came from.
    pub schema: u32,
    /// The key file of an encrypted store (TOML), or `None`.
    pub key_file: Option<String>,
    /// When it was made (seconds since 1970, UTC).
    pub created: i64,
    /// Every record of every tree.
    pub records: Vec<RawRecord>,
}

/// Why a backup file was refused.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum BackupError {
    /// Not a linkwork backup at all.
    #[error("it is not a linkwork backup")]
    NotABackup,
    /// Written by a newer linkwork.
    #[error("it was written by a newer linkwork (backup format {0})")]
    NewerVersion(u32),
    /// Ends early.
    #[error("it is incomplete (the file was cut short)")]
    Truncated,
    /// Its structure is wrong.
    #[error("it is damaged ({0})")]
    Malformed(&'static str),
    /// The checksum or authentication tag does not match.
    #[error("it failed its integrity check: it was changed or damaged after it was written")]
    BadTag,
    /// Encrypted, and no key to check it with.
    #[error("it is encrypted; its passphrase is needed")]
    NeedsKey,
    /// The key file in it cannot be read.
    #[error("its key file is damaged")]
    BadKeyFile,
}

/// Writes a snapshot to bytes, tagged with `cipher` (encrypted stores) or
/// SHA-256.
pub fn encode(snapshot: &Snapshot, cipher: Option<&Cipher>) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_be_bytes());
    out.extend_from_slice(&snapshot.schema.to_be_bytes());
    out.push(u8::from(snapshot.key_file.is_some()));
    out.extend_from_slice(&snapshot.created.to_be_bytes());
    let key_file = snapshot.key_file.as_deref().unwrap_or("").as_bytes();
    out.extend_from_slice(&(key_file.len() as u32).to_be_bytes());
    out.extend_from_slice(key_file);
    out.extend_from_slice(&(snapshot.records.len() as u64).to_be_bytes());
    for r in &snapshot.records {
        out.push(r.tree as u8);
        out.extend_from_slice(&(r.key.len() as u32).to_be_bytes());
        out.extend_from_slice(&r.key);
        out.extend_from_slice(&(r.value.len() as u32).to_be_bytes());
        out.extend_from_slice(&r.value);
    }
    let tag = match cipher {
        Some(c) => c.mac(&out),
        None => Sha256::digest(&out).into(),
    };
    out.extend_from_slice(&tag);
    let checksum: [u8; 32] = Sha256::digest(&out).into();
    out.extend_from_slice(&checksum);
    out
}

/// Checks what can be checked without the key: the header, and for
/// version 2 the checksum over the whole file. Returns the file without
/// its checksum (what the tag covers, and the tag).
pub fn verify_integrity(bytes: &[u8]) -> Result<&[u8], BackupError> {
    let version = header_version(bytes)?;
    if version < 2 {
        return Ok(bytes);
    }
    if bytes.len() < MAGIC.len() + 2 * TAG_LEN {
        return Err(BackupError::Truncated);
    }
    let (rest, checksum) = bytes.split_at(bytes.len() - TAG_LEN);
    if Sha256::digest(rest).as_slice() != checksum {
        return Err(BackupError::BadTag);
    }
    Ok(rest)
}

fn header_version(bytes: &[u8]) -> Result<u32, BackupError> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(BackupError::NotABackup);
    }
    let mut r = Reader {
        bytes,
        at: MAGIC.len(),
    };
    let version = r.u32()?;
    if version > VERSION {
        return Err(BackupError::NewerVersion(version));
    }
    if version == 0 {
        return Err(BackupError::Malformed("version 0"));
    }
    Ok(version)
}

/// When the backup whose first bytes are `start` was made (the time
/// written inside it, seconds since 1970), read from its header alone.
pub fn created(start: &[u8]) -> Option<i64> {
    header_version(start).ok()?;
    let at = MAGIC.len() + 4 + 4 + 1;
    Some(i64::from_be_bytes(start.get(at..at + 8)?.try_into().ok()?))
}

/// How many bytes [`created`] needs.
pub const CREATED_PREFIX: usize = 16 + 4 + 4 + 1 + 8;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BackupError> {
        let end = self.at.checked_add(n).ok_or(BackupError::Truncated)?;
        let slice = self.bytes.get(self.at..end).ok_or(BackupError::Truncated)?;
        self.at = end;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], BackupError> {
        self.take(N)?.try_into().map_err(|_| BackupError::Truncated)
    }

    fn u32(&mut self) -> Result<u32, BackupError> {
        self.array().map(u32::from_be_bytes)
    }
}

/// The header of a backup, read before its tag can be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Whether it is encrypted.
    pub encrypted: bool,
    /// The key file it carries (encrypted backups).
    pub key_file: Option<KeyFile>,
}

/// Reads the header (magic, version, key file) without trusting the rest.
pub fn header(bytes: &[u8]) -> Result<Header, BackupError> {
    header_version(bytes)?;
    let mut r = Reader {
        bytes,
        at: MAGIC.len() + 4,
    };
    let _schema = r.u32()?;
    let encrypted = match r.array::<1>()?[0] {
        0 => false,
        1 => true,
        _ => return Err(BackupError::Malformed("bad encryption flag")),
    };
    let _created = r.array::<8>()?;
    let len = r.u32()? as usize;
    let key_text = r.take(len)?;
    let key_file = if encrypted {
        let text = std::str::from_utf8(key_text).map_err(|_| BackupError::BadKeyFile)?;
        Some(toml::from_str(text).map_err(|_| BackupError::BadKeyFile)?)
    } else {
        None
    };
    Ok(Header {
        encrypted,
        key_file,
    })
}

/// Checks the tag and reads every record. `cipher` must be the backup's
/// own data key when it is encrypted.
pub fn decode(bytes: &[u8], cipher: Option<&Cipher>) -> Result<Snapshot, BackupError> {
    let head = header(bytes)?;
    let bytes = verify_integrity(bytes)?;
    if bytes.len() < MAGIC.len() + TAG_LEN {
        return Err(BackupError::Truncated);
    }
    let (body, tag) = bytes.split_at(bytes.len() - TAG_LEN);
    let expected: [u8; 32] = match (head.encrypted, cipher) {
        (true, Some(c)) => c.mac(body),
        (true, None) => return Err(BackupError::NeedsKey),
        (false, _) => Sha256::digest(body).into(),
    };
    // Constant-time comparison is not needed for a local file, but costs
    // nothing: fold the differences.
    if expected
        .iter()
        .zip(tag)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        != 0
    {
        return Err(BackupError::BadTag);
    }
    let mut r = Reader {
        bytes: body,
        at: MAGIC.len() + 4,
    };
    let schema = r.u32()?;
    let _flag = r.array::<1>()?;
    let created = i64::from_be_bytes(r.array()?);
    let len = r.u32()? as usize;
    let key_file = r.take(len)?;
    let key_file = head
        .encrypted
        .then(|| String::from_utf8_lossy(key_file).into_owned());
    let count = u64::from_be_bytes(r.array()?);
    let mut records = Vec::new();
    for _ in 0..count {
        let tree_index = r.array::<1>()?[0];
        let tree = *TreeName::ALL
            .get(usize::from(tree_index))
            .ok_or(BackupError::Malformed("unknown tree"))?;
        let key_len = r.u32()? as usize;
        let key = r.take(key_len)?.to_vec();
        let value_len = r.u32()? as usize;
        let value = r.take(value_len)?.to_vec();
        records.push(RawRecord { tree, key, value });
    }
    if r.at != body.len() {
        return Err(BackupError::Malformed("unexpected bytes after the records"));
    }
    Ok(Snapshot {
        schema,
        key_file,
        created,
        records,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::crypto::Secret;
    use proptest::prelude::*;

    fn snapshot(key_file: Option<String>) -> Snapshot {
        Snapshot {
            schema: 2,
            key_file,
            created: 1_790_000_000,
            records: vec![
                RawRecord {
                    tree: TreeName::Meta,
                    key: b"schema_version".to_vec(),
                    value: vec![0, 0, 0, 2],
                },
                RawRecord {
                    tree: TreeName::Persons,
                    key: 7u64.to_be_bytes().to_vec(),
                    value: b"\x01{}".to_vec(),
                },
            ],
        }
    }

    #[test]
    fn plain_round_trip() {
        let s = snapshot(None);
        let bytes = encode(&s, None);
        assert_eq!(decode(&bytes, None).unwrap(), s);
        assert!(!header(&bytes).unwrap().encrypted);
    }

    #[test]
    fn encrypted_round_trip_needs_the_key() {
        let (file, cipher) = KeyFile::create(&Secret::new("p".into())).unwrap();
        let s = snapshot(Some(toml::to_string(&file).unwrap()));
        let bytes = encode(&s, Some(&cipher));
        let head = header(&bytes).unwrap();
        assert_eq!(head.key_file.as_ref(), Some(&file));
        assert_eq!(decode(&bytes, None), Err(BackupError::NeedsKey));
        assert_eq!(decode(&bytes, Some(&cipher)).unwrap(), s);
        let (_, other) = KeyFile::create(&Secret::new("q".into())).unwrap();
        assert_eq!(decode(&bytes, Some(&other)), Err(BackupError::BadTag));
        // Damage shows without the key.
        assert!(verify_integrity(&bytes).is_ok());
        assert_eq!(created(&bytes[..CREATED_PREFIX]), Some(1_790_000_000));
        for i in [0, 40, bytes.len() / 2, bytes.len() - 40, bytes.len() - 1] {
            let mut b = bytes.clone();
            b[i] ^= 0x10;
            assert!(verify_integrity(&b).is_err(), "flip at {i}");
        }
        assert!(verify_integrity(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn version_one_backups_still_read() {
        let s = snapshot(None);
        let mut bytes = encode(&s, None);
        bytes.truncate(bytes.len() - TAG_LEN);
        bytes[16..20].copy_from_slice(&1u32.to_be_bytes());
        let body = bytes.len() - TAG_LEN;
        let tag: [u8; 32] = Sha256::digest(&bytes[..body]).into();
        bytes[body..].copy_from_slice(&tag);
        assert_eq!(decode(&bytes, None).unwrap(), s);
    }

    #[test]
    fn truncation_and_bit_flips_are_refused() {
        let bytes = encode(&snapshot(None), None);
        for cut in [
            0,
            10,
            16,
            40,
            bytes.len() - 65,
            bytes.len() - 33,
            bytes.len() - 1,
        ] {
            assert!(decode(&bytes[..cut], None).is_err(), "cut at {cut}");
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x10;
            assert!(decode(&b, None).is_err(), "flip at {i}");
        }
        assert_eq!(decode(b"hello", None), Err(BackupError::NotABackup));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = header(&bytes);
            let _ = decode(&bytes, None);
        }

        #[test]
        fn random_mutations_of_a_backup_never_panic_and_never_pass(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)
        ) {
            let original = encode(&snapshot(None), None);
            let mut bytes = original.clone();
            for (i, v) in edits {
                let at = i.index(bytes.len());
                bytes[at] = v;
            }
            let result = decode(&bytes, None);
            if bytes != original {
                prop_assert!(result.is_err());
            }
        }

        #[test]
        fn headers_with_huge_lengths_are_refused(len in any::<u32>()) {
            let mut bytes = MAGIC.to_vec();
            bytes.extend_from_slice(&1u32.to_be_bytes());
            bytes.extend_from_slice(&2u32.to_be_bytes());
            bytes.push(1);
            bytes.extend_from_slice(&0i64.to_be_bytes());
            bytes.extend_from_slice(&len.to_be_bytes());
            prop_assert!(header(&bytes).is_err());
        }
    }
}
