//! Opening the terminal interface: everything that can fail is checked
//! before the terminal is touched; on the way out the caseload's review
//! state is remembered and a backup made if anything changed.

use super::{Cli, CliError, REVIEW_FILE, data_dir, unlock, unreadable};
use crate::clock::Clock;
use crate::config::Config;
use crate::store::Store;
use crate::ui::app::ReviewState;
use crate::ui::{App, DataSource, Keymap, Theme};
use crate::{demo, paths};
use std::process::ExitCode;

/// The key bindings and theme the configuration asks for: every command
/// checks them, so a bad file is refused by `cases` as by the app.
pub(super) fn keys_and_theme(cli: &Cli, config: &Config) -> Result<(Keymap, Theme), CliError> {
    let keymap = Keymap::from_config(config)?;
    let theme_name = cli
        .theme
        .clone()
        .or_else(|| config.theme.clone())
        .unwrap_or_else(|| "default".into());
    let theme = Theme::load(&theme_name, paths::user_themes_dir().as_deref())?;
    Ok((keymap, theme))
}

/// Runs the app in the terminal until the worker quits.
pub(super) fn open_ui(cli: &Cli, config: &Config) -> Result<ExitCode, CliError> {
    // Everything that can fail is checked before the terminal is touched.
    let (keymap, theme) = keys_and_theme(cli, config)?;
    let worker = config.worker();
    let clock = Clock::system();
    let today = clock.today();
    let _temp;
    let (store, source) = if cli.demo {
        let temp = tempfile::Builder::new()
            .prefix("linkwork-demo-")
            .tempdir()
            .map_err(CliError::Temp)?;
        let store = Store::open(temp.path(), &worker)?;
        demo::seed(&store, today)?;
        _temp = temp;
        (store, DataSource::Demo)
    } else {
        let dir = data_dir(cli)?;
        let store = match unlock::first_run(&dir, &worker)? {
            Some(store) => store,
            None => unlock::open(&dir, &worker, cli.passphrase_file.as_deref())?.into_inner(),
        };
        (store, DataSource::Dir(dir))
    };
    let rows = store
        .caseload(today)
        .map_err(|e| unreadable(store.dir(), e))?;
    let team = crate::team::Membership::of(&store).map_err(|e| CliError::NotYet(e.to_string()))?;
    let store = std::sync::Arc::new(store);
    let mut app =
        App::new(rows, keymap, theme, source.clone(), worker, clock).with_backend(store.clone());
    // In a team, the sync worker runs beside the app on its own thread.
    if let Some(team) = team
        && !store.is_read_only()
    {
        app = app.with_sync(crate::team::SyncHandle::start(store.clone(), team));
    }
    let review_file = store.dir().join(REVIEW_FILE);
    if let DataSource::Dir(_) = source
        && let Some(state) = std::fs::read_to_string(&review_file)
            .ok()
            .and_then(|t| toml::from_str::<ReviewState>(&t).ok())
    {
        app.caseload.restore(state);
    }
    app.encrypted = store.is_encrypted();
    app.read_only = store.is_read_only().then(|| store.read_only_why());
    app.signature = config.signature();
    app.feeds = config.feeds.clone();
    app.start_directory_load();
    app.idle_after = match config.idle_lock_minutes {
        Some(0) => None,
        Some(m) => Some(std::time::Duration::from_secs(m * 60)),
        None => Some(crate::ui::app::DEFAULT_IDLE_LOCK),
    };
    if let Some(check) = store.passphrase_check()? {
        app.unlocker = crate::ui::app::Unlocker::Passphrase(std::sync::Arc::new(check));
    }
    // A read-only folder is only read: no backups, no remembered review.
    let persistent = matches!(source, DataSource::Dir(_)) && !store.is_read_only();
    let keep = config.backup_keep();
    // At most one automatic backup a day while running, and one on exit.
    let mut periodic = || {
        let due = store
            .last_backup()
            .is_none_or(|t| chrono::Utc::now() - t >= chrono::Duration::hours(24));
        if persistent && due {
            let _ = store.backup_rotating(keep);
        }
    };
    crate::ui::run::run(&mut app, &mut periodic).map_err(CliError::Terminal)?;
    store.flush()?;
    if persistent {
        // Remembered between runs: view, sort, filters, selected case id.
        if let Ok(text) = toml::to_string(&app.caseload.state()) {
            // Atomically, private: a full disk leaves the old state, not an empty file.
            let _ = crate::store::write_private(&review_file, text.as_bytes());
        }
        if store.changed_since_backup()? {
            store.backup_rotating(keep)?;
        }
    }
    drop(app);
    // The directory may still be loading if the worker quit at once; then
    // the store closes when that finishes.
    if let Ok(store) = std::sync::Arc::try_unwrap(store) {
        store.close()?;
    }
    Ok(ExitCode::SUCCESS)
}
