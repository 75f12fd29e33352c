//! The data directory on disk: the marker, the lock and private
//! permissions.

use super::error::StoreError;
use super::migrate::CURRENT_SCHEMA;
use serde::{Deserialize, Serialize};
use std::fs::{self, DirBuilder, File, OpenOptions, TryLockError};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

/// The marker file that makes a directory a linkwork store.
pub const MARKER_FILE: &str = "linkwork.store";
/// The lock file held while the store is open.
pub const LOCK_FILE: &str = "linkwork.lock";
/// The sled database directory inside the data directory.
pub const DB_DIR: &str = "db";
/// The witness of the last confirmed change (outside sled).
pub const WITNESS_FILE: &str = "linkwork.seq";
/// The wrapped data key of an encrypted store.
pub const KEY_FILE: &str = "linkwork.keys";

const FORMAT: &str = "linkwork";

#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    format: String,
    schema: u32,
    #[serde(default)]
    encrypted: bool,
}

/// What [`inspect`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirState {
    /// Missing or empty: a new store will be created.
    New,
    /// A linkwork store at this schema.
    Existing {
        /// The schema the marker records.
        schema: u32,
        /// Whether it is encrypted.
        encrypted: bool,
    },
}

/// Looks at `dir` without writing anything.
pub fn inspect(dir: &Path) -> Result<DirState, StoreError> {
    if !dir.exists() {
        return Ok(DirState::New);
    }
    let marker_path = dir.join(MARKER_FILE);
    match fs::read_to_string(&marker_path) {
        Ok(text) => {
            let marker: Marker = toml::from_str(&text).map_err(|e| StoreError::BadMarker {
                path: dir.to_owned(),
                reason: e.message().to_owned(),
            })?;
            if marker.format != FORMAT {
                return Err(StoreError::NotAStore(dir.to_owned()));
            }
            if marker.schema > CURRENT_SCHEMA {
                return Err(StoreError::NewerSchema {
                    path: dir.to_owned(),
                    found: marker.schema,
                    supported: CURRENT_SCHEMA,
                });
            }
            Ok(DirState::Existing {
                schema: marker.schema,
                encrypted: marker.encrypted,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut entries = fs::read_dir(dir).map_err(|e| StoreError::io("read", dir, e))?;
            if entries.next().is_some() {
                Err(StoreError::NotAStore(dir.to_owned()))
            } else {
                Ok(DirState::New)
            }
        }
        Err(e) => Err(StoreError::io("read", &marker_path, e)),
    }
}

/// Creates `dir` (0700) if it does not exist.
pub fn create_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.exists() {
        return Ok(());
    }
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| StoreError::io("create", dir, e))
}

/// Reads the key file of an encrypted store.
pub fn read_key_file(dir: &Path) -> Result<super::crypto::KeyFile, StoreError> {
    let path = dir.join(KEY_FILE);
    let text = fs::read_to_string(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            StoreError::MissingKeyFile(dir.to_owned())
        } else {
            StoreError::io("read", &path, e)
        }
    })?;
    toml::from_str(&text).map_err(|e| StoreError::BadMarker {
        path: dir.to_owned(),
        reason: format!("{KEY_FILE}: {}", e.message()),
    })
}

/// Writes the key file atomically.
pub fn write_key_file(dir: &Path, file: &super::crypto::KeyFile) -> Result<(), StoreError> {
    let text = format!(
        "# linkwork key file: the caseload's data key, wrapped by your passphrase.\n\
         # Without this file and the passphrase the caseload cannot be read. Do not edit.\n{}",
        toml::to_string(file).map_err(|e| StoreError::Inconsistent(e.to_string()))?
    );
    write_atomic(dir, KEY_FILE, &text)
}

/// Takes the exclusive lock on `dir`, or says it is already open.
pub fn lock(dir: &Path) -> Result<File, StoreError> {
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| StoreError::io("create", &path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(StoreError::AlreadyOpen(dir.to_owned())),
        Err(TryLockError::Error(e)) => Err(StoreError::io("lock", &path, e)),
    }
}

/// Writes the marker atomically.
pub fn write_marker(dir: &Path, schema: u32, encrypted: bool) -> Result<(), StoreError> {
    let text = format!(
        "# This folder is a linkwork caseload store. Do not edit or delete files here.\n{}",
        toml::to_string(&Marker {
            format: FORMAT.into(),
            schema,
            encrypted,
        })
        .map_err(|e| StoreError::Inconsistent(e.to_string()))?
    );
    write_atomic(dir, MARKER_FILE, &text)
}

/// Writes `name` in `dir` atomically (see [`replace_file`]). Skips the
/// write when nothing changes.
pub fn write_atomic(dir: &Path, name: &str, text: &str) -> Result<(), StoreError> {
    let path = dir.join(name);
    if fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    replace_file(&path, text.as_bytes(), None)
}

/// A check of bytes just written, before they replace the old file.
pub type Verify<'a> = &'a dyn Fn(&[u8]) -> Result<(), String>;

/// Replaces `path` durably: a temporary file beside it (0600), fsync, then
/// (when `verify` is given) read back and checked, rename, fsync of the
/// folder. A temporary file that fails its check is removed and the old
/// file is left as it was.
pub fn replace_file(
    path: &Path,
    bytes: &[u8],
    verify: Option<Verify<'_>>,
) -> Result<(), StoreError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!("{name}.tmp"));
    let io = |e| StoreError::io("write", path, e);
    // A file left there (by an earlier failure, or planted: a symlink, a
    // file others may read) is removed, never followed or reused; the new
    // one is created afresh, private, or not at all.
    match fs::remove_file(&tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    let written = (|| {
        let mut f = OpenOptions::new()
            .create_new(true)
            .write(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        // A full disk leaves no partial file behind.
        let _ = fs::remove_file(&tmp);
        return Err(io(e));
    }
    if let Some(verify) = verify {
        let back = fs::read(&tmp).map_err(io)?;
        let problem = if back != bytes {
            Some("it read back differently from what was written".to_owned())
        } else {
            verify(&back).err()
        };
        if let Some(problem) = problem {
            let _ = fs::remove_file(&tmp);
            return Err(StoreError::Inconsistent(format!(
                "{} was not saved: {problem}",
                path.display()
            )));
        }
    }
    fs::rename(&tmp, path).map_err(io)?;
    File::open(dir).and_then(|d| d.sync_all()).map_err(io)
}

/// What the witness file records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Witness {
    /// Change sets confirmed as saved.
    pub committed: u64,
    /// Length of `db/db` after the last confirmed flush.
    #[serde(default)]
    pub db_len: Option<u64>,
    /// Modification time of `db/db` (ns since 1970) after that flush.
    #[serde(default)]
    pub db_mtime_ns: Option<i128>,
}

fn db_file_stats(dir: &Path) -> Option<(u64, i128)> {
    let meta = fs::metadata(dir.join(DB_DIR).join("db")).ok()?;
    let mtime = meta.modified().ok()?;
    let ns = mtime.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
    Some((meta.len(), i128::try_from(ns).ok()?))
}

/// Records that change `seq` is on disk (after sled has flushed it), with
/// the state of the database file at that moment.
pub fn write_witness(dir: &Path, seq: u64) -> Result<(), StoreError> {
    let stats = db_file_stats(dir);
    let w = Witness {
        committed: seq,
        db_len: stats.map(|s| s.0),
        db_mtime_ns: stats.map(|s| s.1),
    };
    write_atomic(
        dir,
        WITNESS_FILE,
        &format!(
            "# What linkwork has confirmed as saved. Do not edit.\n{}",
            toml::to_string(&w).map_err(|e| StoreError::Inconsistent(e.to_string()))?
        ),
    )
}

/// The witness (all zero when there is none yet).
pub fn read_witness(dir: &Path) -> Result<Witness, StoreError> {
    match fs::read_to_string(dir.join(WITNESS_FILE)) {
        Ok(text) => toml::from_str::<Witness>(&text).map_err(|e| StoreError::BadMarker {
            path: dir.to_owned(),
            reason: format!("{WITNESS_FILE}: {}", e.message()),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Witness::default()),
        Err(e) => Err(StoreError::io("read", &dir.join(WITNESS_FILE), e)),
    }
}

/// Whether the database file is exactly as it was after the last
/// confirmed flush.
pub fn db_unchanged_since(dir: &Path, w: &Witness) -> bool {
    match (db_file_stats(dir), w.db_len, w.db_mtime_ns) {
        (Some((len, mtime)), Some(l), Some(m)) => len == l && mtime == m,
        _ => false,
    }
}

/// Copies the database folder to `to` (for checking it without touching it).
pub fn copy_db(dir: &Path, to: &Path) -> Result<(), StoreError> {
    let from = dir.join(DB_DIR);
    let io = |e| StoreError::io("copy", &from, e);
    if to.exists() {
        fs::remove_dir_all(to).map_err(io)?;
    }
    let mut stack = vec![(from.clone(), to.to_owned())];
    while let Some((src, dst)) = stack.pop() {
        DirBuilder::new().mode(0o700).create(&dst).map_err(io)?;
        for entry in fs::read_dir(&src).map_err(io)? {
            let entry = entry.map_err(io)?;
            let target = dst.join(entry.file_name());
            if entry.file_type().map_err(io)?.is_dir() {
                stack.push((entry.path(), target));
            } else {
                fs::copy(entry.path(), &target).map_err(io)?;
            }
        }
    }
    Ok(())
}
