//! Errors at the edge: one clear sentence each.

use crate::config::ConfigError;
use crate::store::StoreError;
use std::path::PathBuf;
use thiserror::Error;

/// Why a command failed.
#[derive(Debug, Error)]
pub enum CliError {
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Configuration, keys or theme are bad.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// `--config` names a file that does not exist.
    #[error("The config file {} does not exist.", .0.display())]
    MissingConfig(PathBuf),
    /// No home directory to put data in.
    #[error("Could not find a home directory for linkwork's data; use --data-dir DIR.")]
    NoDataDir,
    /// `seed-demo` without `--data-dir`.
    #[error("seed-demo needs a data directory: linkwork seed-demo --data-dir DIR")]
    SeedNeedsDir,
    /// An import was refused (nothing was written).
    #[error("{0}. Nothing was imported.")]
    Import(#[from] crate::import::ImportError),
    /// Something this version does not do yet.
    #[error("{0}")]
    NotYet(String),
    /// `restore` without `--data-dir`.
    #[error("restore needs a new data directory: linkwork restore FILE --data-dir NEW")]
    RestoreNeedsDir,
    /// The temporary demo store could not be made.
    #[error("Could not create a temporary folder for the demo: {0}")]
    Temp(std::io::Error),
    /// There is no caseload where one was expected.
    #[error("There is no caseload in {}: check --data-dir (`linkwork init` makes a new one there).", .0.display())]
    NoStore(PathBuf),
    /// The passphrase file may be changed by others.
    #[error("The passphrase file {} can be changed by others: `chmod 600` it first (nothing was read).", .0.display())]
    UnsafePassphraseFile(PathBuf),
    /// The passphrase file is far too long to be a passphrase.
    #[error("The passphrase file {} holds more than a passphrase (over 4 KB): nothing was read.", .0.display())]
    PassphraseFileTooLong(PathBuf),
    /// The passphrase file could not be read.
    #[error("Could not read the passphrase file {}: {source}", .path.display())]
    PassphraseFile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A passphrase is needed but there is no terminal to ask at.
    #[error(
        "A passphrase is needed and there is no terminal to ask at; use --passphrase-file FILE."
    )]
    NoTerminal,
    /// No matching passphrase was given.
    #[error("No passphrase was set; nothing was changed.")]
    NoPassphrase,
    /// A live feed could not be read (nothing was imported).
    #[error(
        "Could not pull {url}: {why}. Nothing was imported; the pages read so far are kept, so running the pull again resumes."
    )]
    Pull {
        /// The feed's address.
        url: String,
        /// What went wrong.
        why: String,
    },
    /// The terminal failed.
    #[error("The terminal could not be used: {0}")]
    Terminal(std::io::Error),
}

impl CliError {
    /// For a caseload that will not open: where the newest good backup is
    /// and the command that restores it.
    pub fn recovery_hint(&self) -> Option<String> {
        let dir = match self {
            CliError::Store(
                StoreError::Damaged { path, .. }
                | StoreError::KeyFileDamaged { path, .. }
                | StoreError::WitnessDamaged { path, .. }
                | StoreError::MissingKeyFile(path)
                | StoreError::KeyFileMismatch(path),
            ) => path,
            _ => return None,
        };
        let Some(backup) = crate::store::newest_good_backup(dir) else {
            return Some(format!(
                "No backup in {} verifies (there is none, or each is damaged). The damaged files were not changed: keep a copy of the folder before trying anything else.",
                dir.join(crate::store::BACKUP_DIR).display()
            ));
        };
        Some(format!(
            "Your newest backup is {}. The damaged files were not changed. To restore the backup into a new folder:\n  linkwork restore {} --data-dir NEW_FOLDER",
            backup.display(),
            backup.display()
        ))
    }
}
