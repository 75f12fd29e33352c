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
                // A key file makes the store encrypted whatever the marker says.
                encrypted: marker.encrypted || dir.join(KEY_FILE).exists(),
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
    let file: super::crypto::KeyFile =
        toml::from_str(&text).map_err(|e| StoreError::KeyFileDamaged {
            path: dir.to_owned(),
            reason: e.message().to_owned(),
        })?;
    file.verify().map_err(|e| key_file_damaged(dir, e))?;
    Ok(file)
}

/// A key-file problem found at `dir`, as the store error naming the file.
pub fn key_file_damaged(dir: &Path, e: super::crypto::CryptoError) -> StoreError {
    match e {
        super::crypto::CryptoError::BadKeyFile(reason) => StoreError::KeyFileDamaged {
            path: dir.to_owned(),
            reason,
        },
        other => StoreError::Crypto(other),
    }
}

/// Writes the key file atomically.
pub fn write_key_file(dir: &Path, file: &super::crypto::KeyFile) -> Result<(), StoreError> {
    write_atomic(dir, KEY_FILE, &key_file_text(file)?)
}

/// The text of a key file.
pub fn key_file_text(file: &super::crypto::KeyFile) -> Result<String, StoreError> {
    Ok(format!(
        "# linkwork key file: the caseload's data key, wrapped by your passphrase.\n\
         # Without this file and the passphrase the caseload cannot be read. Do not edit.\n{}",
        toml::to_string(file).map_err(|e| StoreError::Inconsistent(e.to_string()))?
    ))
}

/// Whether `e` says the folder cannot be written (a read-only file system
/// or folder).
pub fn is_read_only(e: &StoreError) -> bool {
    matches!(e, StoreError::Io { source, .. }
        if source.raw_os_error() == Some(nix::libc::EROFS)
            || source.kind() == std::io::ErrorKind::PermissionDenied
            || source.kind() == std::io::ErrorKind::ReadOnlyFilesystem)
}

/// The bytes free for this user on the disk holding `dir`, if known.
// The block count is u64 here, narrower on some platforms.
#[allow(clippy::useless_conversion)]
pub fn free_bytes(dir: &Path) -> Option<u64> {
    let s = nix::sys::statvfs::statvfs(dir).ok()?;
    Some(u64::from(s.blocks_available()).saturating_mul(s.fragment_size()))
}

/// Whether `e` says the disk is full.
pub fn is_disk_full(e: &StoreError) -> bool {
    matches!(e, StoreError::Io { source, .. } if super::error::disk_full(source))
}

/// Takes a shared lock on `dir` for reading a read-only folder: refused
/// while a linkwork that can write holds the lock. `None` when there is no
/// lock file (so no linkwork has it open).
pub fn lock_shared(dir: &Path) -> Result<Option<File>, StoreError> {
    let path = dir.join(LOCK_FILE);
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io("open", &path, e)),
    };
    match file.try_lock_shared() {
        Ok(()) => Ok(Some(file)),
        Err(TryLockError::WouldBlock) => Err(StoreError::AlreadyOpen(dir.to_owned())),
        Err(TryLockError::Error(e)) => Err(StoreError::io("lock", &path, e)),
    }
}

/// The device and inode of `path`, if it exists.
pub fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The device and inode of an open file.
pub fn fd_id(file: &File) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    file.metadata().ok().map(|m| (m.dev(), m.ino()))
}

/// Whether sled's own lock on the database file is held (by a linkwork
/// whose `linkwork.lock` may have been removed).
pub fn db_in_use(dir: &Path) -> bool {
    File::open(dir.join(DB_DIR).join("db"))
        .is_ok_and(|f| matches!(f.try_lock(), Err(TryLockError::WouldBlock)))
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
    // A lock just released can stay held for a moment: a process forked
    // by another thread of ours holds a copy of the descriptor until it
    // starts its program. So a held lock is tried again for up to two
    // seconds before the folder is called open elsewhere.
    let mut attempts = 0;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if attempts < 100 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::AlreadyOpen(dir.to_owned()));
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::io("lock", &path, e)),
        }
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

/// Refuses a target that exists and is not a regular file (a device, a
/// FIFO, a socket, a folder): it is neither written into nor replaced. A
/// symbolic link is replaced itself, never followed.
pub fn refuse_special(path: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::FileTypeExt;
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(());
    };
    let t = meta.file_type();
    let what = if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        return Ok(());
    };
    Err(StoreError::NotARegularFile {
        path: path.to_owned(),
        what,
    })
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
    refuse_special(path)?;
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
    /// CRC-32 of every file of the database as linkwork closed it (absent
    /// while it is open, or after a crash).
    #[serde(default)]
    pub files_crc: Option<u32>,
}

fn db_file_stats(dir: &Path) -> Option<(u64, i128)> {
    let meta = fs::metadata(dir.join(DB_DIR).join("db")).ok()?;
    let mtime = meta.modified().ok()?;
    let ns = mtime.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
    Some((meta.len(), i128::try_from(ns).ok()?))
}

/// CRC-32 over every file of the database folder (names, lengths and
/// bytes, in name order): any changed byte changes it.
pub fn db_files_crc(dir: &Path) -> Result<u32, StoreError> {
    use std::io::Read;
    let root = dir.join(DB_DIR);
    let io = |e| StoreError::io("read", &root, e);
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).map_err(io)? {
            let entry = entry.map_err(io)?;
            if entry.file_type().map_err(io)?.is_dir() {
                stack.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    let mut crc = crc32fast::Hasher::new();
    let mut buf = vec![0u8; 1 << 20];
    for path in files {
        let rel = path.strip_prefix(&root).unwrap_or(&path);
        crc.update(rel.as_os_str().as_encoded_bytes());
        let mut f = File::open(&path).map_err(io)?;
        crc.update(&f.metadata().map_err(io)?.len().to_le_bytes());
        loop {
            let n = f.read(&mut buf).map_err(io)?;
            if n == 0 {
                break;
            }
            crc.update(&buf[..n]);
        }
    }
    Ok(crc.finalize())
}

/// Records that change `seq` is on disk (after sled has flushed it), with
/// the state of the database file at that moment; `closed` adds the
/// checksum of the database files (when linkwork has let go of them).
pub fn write_witness(dir: &Path, seq: u64, closed: bool) -> Result<(), StoreError> {
    let stats = db_file_stats(dir);
    let w = Witness {
        committed: seq,
        db_len: stats.map(|s| s.0),
        db_mtime_ns: stats.map(|s| s.1),
        files_crc: if closed {
            Some(db_files_crc(dir)?)
        } else {
            None
        },
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

/// The witness, or `None` when there is none (a store made before
/// linkwork kept one, or the file was removed).
pub fn read_witness(dir: &Path) -> Result<Option<Witness>, StoreError> {
    match fs::read_to_string(dir.join(WITNESS_FILE)) {
        Ok(text) => {
            toml::from_str::<Witness>(&text)
                .map(Some)
                .map_err(|e| StoreError::WitnessDamaged {
                    path: dir.to_owned(),
                    reason: format!("damaged ({})", e.message()),
                })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io("read", &dir.join(WITNESS_FILE), e)),
    }
}

/// How the database files stand against the witness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbState {
    /// Byte for byte as linkwork closed them.
    AsClosed,
    /// As the last confirmed flush left them (same length and time).
    AsFlushed,
    /// Changed since: a crash (sled will recover) or damage.
    Changed,
    /// Changed after linkwork closed them: nothing of linkwork's did that.
    ChangedAfterClose,
}

/// Compares the database files with the witness.
pub fn db_state(dir: &Path, w: &Witness) -> Result<DbState, StoreError> {
    if let Some(crc) = w.files_crc {
        return Ok(if db_files_crc(dir)? == crc {
            DbState::AsClosed
        } else {
            DbState::ChangedAfterClose
        });
    }
    Ok(match (db_file_stats(dir), w.db_len, w.db_mtime_ns) {
        (Some((len, mtime)), Some(l), Some(m)) if len == l && mtime == m => DbState::AsFlushed,
        _ => DbState::Changed,
    })
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
