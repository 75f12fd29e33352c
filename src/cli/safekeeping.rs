//! The commands that keep the caseload safe: passphrase, rekey, backup
//! and restore.

use super::{Cli, CliError, data_dir, unlock};
use crate::config::Config;
use std::path::Path;
use std::process::ExitCode;

/// `linkwork passphrase`.
pub(super) fn change_passphrase(
    cli: &Cli,
    config: &Config,
    new_passphrase_file: Option<&Path>,
) -> Result<ExitCode, CliError> {
    let pass_file = cli.passphrase_file.as_deref();

    let dir = data_dir(cli)?;
    let store = unlock::open(&dir, &config.worker(), pass_file)?;
    let new = unlock::prompt_new(new_passphrase_file)?;
    store.change_passphrase(&new)?;
    println!(
        "The passphrase of {} is changed; the old one no longer opens it.",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `linkwork rekey`.
pub(super) fn rekey(
    cli: &Cli,
    config: &Config,
    new_passphrase_file: Option<&Path>,
) -> Result<ExitCode, CliError> {
    let dir = data_dir(cli)?;
    let store = unlock::open(&dir, &config.worker(), cli.passphrase_file.as_deref())?;
    if !store.is_encrypted() {
        return Err(crate::store::StoreError::Refused(
            "this caseload is not encrypted, so it has no key to change (`linkwork init --encrypt` makes an encrypted one)".into(),
        )
        .into());
    }
    let passphrase = unlock::prompt_new(new_passphrase_file)?;
    let (store, done) = store.into_inner().rekey(&passphrase)?;
    store.close()?;
    println!(
        "Sealed {} records of {} under a new data key: no older key file opens it now, with any passphrase. \
         Backups made before keep the old key and the records as they were then; delete any that may have leaked.",
        done.records,
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `linkwork backup`.
pub(super) fn backup(cli: &Cli, config: &Config, out: Option<&Path>) -> Result<ExitCode, CliError> {
    let pass_file = cli.passphrase_file.as_deref();

    let dir = data_dir(cli)?;
    let store = unlock::open(&dir, &config.worker(), pass_file)?;
    let path = match out {
        Some(path) => {
            store.write_backup(path)?;
            path.to_path_buf()
        }
        None => store.backup_rotating(config.backup_keep())?,
    };
    println!("Wrote a verified backup to {}.", path.display());
    Ok(ExitCode::SUCCESS)
}

/// `linkwork restore`.
pub(super) fn restore(
    cli: &Cli,
    config: &Config,
    file: &Path,
    force: bool,
) -> Result<ExitCode, CliError> {
    let pass_file = cli.passphrase_file.as_deref();

    let target = cli.data_dir.clone().ok_or(CliError::RestoreNeedsDir)?;
    let bytes = std::fs::read(file).map_err(|e| crate::store::StoreError::io("read", file, e))?;
    let passphrase = restore_passphrase(file, &bytes, pass_file)?;
    let done = crate::store::restore(
        file,
        &bytes,
        &target,
        &config.worker(),
        passphrase.as_ref(),
        force,
    )?;
    if let Some(aside) = &done.replaced {
        println!(
            "Moved the caseload that was in {} to {}.",
            target.display(),
            aside.display()
        );
    }
    println!(
        "Restored {} records from {} into {}.",
        done.records,
        file.display(),
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The passphrase for an encrypted backup, if it is one.
fn restore_passphrase(
    file: &Path,
    bytes: &[u8],
    pass_file: Option<&Path>,
) -> Result<Option<crate::store::Secret>, CliError> {
    let encrypted = crate::store::backup::header(bytes).is_ok_and(|h| h.encrypted);
    if !encrypted {
        return Ok(None);
    }
    match pass_file {
        Some(f) => unlock::from_file(f).map(Some),
        None => unlock::prompt(&format!("Passphrase of the backup {}: ", file.display())).map(Some),
    }
}
