//! Getting the passphrase of an encrypted store: from `--passphrase-file`
//! for scripts, or typed at the terminal (not echoed), three tries.

use super::CliError;
use super::opened::Opened;
use crate::store::crypto::CryptoError;
use crate::store::{Probe, Secret, Store, StoreError};
use std::io::IsTerminal;
use std::path::Path;

/// How many times a person may type the passphrase.
pub const TRIES: usize = 3;

/// The most a passphrase file may hold: a passphrase is a line, not a
/// file's worth (`/dev/zero` given by mistake is refused, not read on).
pub const PASSPHRASE_FILE_LIMIT: u64 = 4096;

/// Reads a passphrase from a file (one line; the line ending is dropped).
/// A file others may change is refused; one others may read is used with
/// a warning; anything longer than [`PASSPHRASE_FILE_LIMIT`] is refused.
pub fn from_file(path: &Path) -> Result<Secret, CliError> {
    use std::io::Read;
    use std::os::unix::fs::PermissionsExt;
    let failed = |source| CliError::PassphraseFile {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let meta = file.metadata().map_err(failed)?;
    let mode = meta.permissions().mode();
    if meta.is_file() && mode & 0o022 != 0 {
        return Err(CliError::UnsafePassphraseFile(path.to_owned()));
    }
    if meta.is_file() && mode & 0o044 != 0 {
        eprintln!(
            "Warning: others can read {}; `chmod 600` it, or type the passphrase instead.",
            crate::domain::text::clean(&path.display().to_string())
        );
    }
    let mut bytes = Vec::new();
    file.take(PASSPHRASE_FILE_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > PASSPHRASE_FILE_LIMIT {
        return Err(CliError::PassphraseFileTooLong(path.to_owned()));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        failed(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "it is not text (UTF-8)",
        ))
    })?;
    let line = text.strip_suffix('\n').unwrap_or(&text);
    let line = line.strip_suffix('\r').unwrap_or(line);
    Ok(Secret::new(line.to_owned()))
}

/// Asks at the terminal.
pub fn prompt(question: &str) -> Result<Secret, CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::NoTerminal);
    }
    rpassword::prompt_password(question)
        .map(Secret::new)
        .map_err(CliError::Terminal)
}

/// Asks for a new passphrase twice, until both match.
pub fn prompt_new(file: Option<&Path>) -> Result<Secret, CliError> {
    if let Some(f) = file {
        return from_file(f);
    }
    for _ in 0..TRIES {
        let first = prompt("New passphrase: ")?;
        if first.expose().is_empty() {
            eprintln!("A passphrase cannot be empty.");
            continue;
        }
        let second = prompt("The same passphrase again: ")?;
        if first.expose() == second.expose() {
            return Ok(first);
        }
        eprintln!("The two passphrases differ; please try again.");
    }
    Err(CliError::NoPassphrase)
}

/// Warns (on standard error) when other users can read the data folder.
pub fn warn_if_exposed(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(dir)
        && meta.permissions().mode() & 0o077 != 0
    {
        eprintln!(
            "linkwork: warning: other users on this computer can see into {}; make it private with: chmod 700 {}",
            dir.display(),
            dir.display()
        );
    }
}

/// On the first interactive run in a new folder, asks whether to encrypt
/// the new caseload, and creates it as chosen. Returns `None` when the
/// folder is not new or there is no terminal to ask at.
pub fn first_run(dir: &Path, worker: &str) -> Result<Option<Store>, CliError> {
    if Store::probe(dir)? != Probe::New || !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    eprint!(
        "This is a new caseload in {}.\nProtect it with a passphrase? Recommended: it keeps the caseload unreadable without it. [Y/n] ",
        dir.display()
    );
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(CliError::Terminal)?;
    let passphrase = match answer.trim().to_ascii_lowercase().as_str() {
        "" | "y" | "yes" => Some(prompt_new(None)?),
        _ => None,
    };
    Ok(Some(Store::create(dir, worker, passphrase.as_ref())?))
}

/// Opens the store in `dir`, asking for its passphrase when it is
/// encrypted (from `file`, or up to three tries at the terminal).
pub fn open(dir: &Path, worker: &str, file: Option<&Path>) -> Result<Opened, CliError> {
    // Only `init`, `seed-demo` and the app's first run create a store: a
    // mistyped --data-dir is said to be one, and nothing is created there.
    if Store::probe(dir)? == Probe::New {
        return Err(CliError::NoStore(dir.to_owned()));
    }
    open_or_create(dir, worker, file)
}

/// Opens the store in `dir`, creating a new plain one if there is none
/// (for `seed-demo`).
pub fn open_or_create(dir: &Path, worker: &str, file: Option<&Path>) -> Result<Opened, CliError> {
    let store = open_store(dir, worker, file)?;
    if store.is_read_only() {
        eprintln!(
            "linkwork: {} {}: reading only (nothing can be saved, and exports cannot be noted in the audit trail).",
            crate::domain::text::clean(&dir.display().to_string()),
            store.read_only_why()
        );
    }
    Ok(Opened::new(store))
}

fn open_store(dir: &Path, worker: &str, file: Option<&Path>) -> Result<Store, CliError> {
    warn_if_exposed(dir);
    if Store::probe(dir)? != Probe::Encrypted {
        return Ok(Store::open_with(dir, worker, None)?);
    }
    if let Some(f) = file {
        return Ok(Store::open_with(dir, worker, Some(&from_file(f)?))?);
    }
    if !std::io::stdin().is_terminal() {
        return Err(StoreError::Locked(dir.to_owned()).into());
    }
    for attempt in 1..=TRIES {
        let secret = prompt(&format!(
            "Passphrase for the caseload in {}: ",
            dir.display()
        ))?;
        match Store::open_with(dir, worker, Some(&secret)) {
            Ok(store) => return Ok(store),
            Err(StoreError::Crypto(
                CryptoError::WrongPassphrase | CryptoError::EmptyPassphrase,
            )) if attempt < TRIES => {
                eprintln!("That passphrase does not open this caseload. Try again.");
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Crypto(CryptoError::WrongPassphrase).into())
}
