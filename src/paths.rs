//! Where linkwork keeps data and configuration (platform directories via
//! the `directories` crate; on Linux `~/.local/share/linkwork` and
//! `~/.config/linkwork`, honouring `XDG_DATA_HOME` and `XDG_CONFIG_HOME`).

use directories::ProjectDirs;
use std::path::PathBuf;

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "linkwork")
}

/// The default data directory, if the platform has a home directory.
pub fn default_data_dir() -> Option<PathBuf> {
    project().map(|p| p.data_dir().to_owned())
}

/// The configuration directory.
pub fn config_dir() -> Option<PathBuf> {
    project().map(|p| p.config_dir().to_owned())
}

/// The user's `config.toml`.
pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// The folder of the user's own themes (`NAME.toml`).
pub fn user_themes_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("themes"))
}

/// `text` with the home folder written `~` (so a notice naming a file
/// keeps its file name in view: `~/plan-copy-case-34.md`).
pub fn tilde(text: &str) -> String {
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_string_lossy().into_owned());
    match home {
        Some(home) if home.len() > 1 => text.replace(&format!("{home}/"), "~/"),
        _ => text.to_owned(),
    }
}
