//! The user's `config.toml`: worker name, theme and key overrides.
//!
//! ```toml
//! worker_name = "Sam Patel"      # shown in the audit trail and signs letters
//! worker_role = "Social prescribing link worker, Swinton PCN"
//! worker_contact = "0161 555 0101"  # on letters and visit cards
//! theme = "light"                # default, light, high-contrast, or your own
//! idle_lock_minutes = 10         # lock the screen when idle (0: never)
//! backup_keep_days = 7           # automatic backups kept: daily ...
//! backup_keep_weeks = 4          # ... and weekly
//!
//! [keys.caseload]
//! "ctrl-n" = "move_down"         # add a binding
//! "j" = "none"                   # remove one
//! ```
//!
//! A bad file is refused whole, with a message naming the file and line.

mod location;

pub use location::line_of;

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;
use toml::Spanned;

/// A problem with a configuration or theme file.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("Could not read {}: {source}", .file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid, at a line.
    #[error("{} line {line}: {message}", .file.display())]
    Invalid {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A theme name that is neither built in nor in the user's themes.
    #[error("There is no theme called \"{name}\" (built-in themes: {available}).")]
    UnknownTheme {
        /// The name asked for.
        name: String,
        /// The names available.
        available: String,
    },
}

impl ConfigError {
    /// An error at the byte offset `at` of `text` read from `file`.
    pub fn at(file: &Path, text: &str, at: usize, message: impl Into<String>) -> Self {
        Self::Invalid {
            file: file.to_owned(),
            line: line_of(text, at),
            message: message.into(),
        }
    }

    /// Converts a TOML parse error.
    pub fn from_toml(file: &Path, text: &str, e: &toml::de::Error) -> Self {
        let at = e.span().map_or(0, |s| s.start);
        Self::at(file, text, at, e.message().trim().to_owned())
    }
}

/// Key overrides: mode name -> key -> action name, with positions.
pub type KeyOverrides = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<String>>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    worker_name: Option<String>,
    worker_role: Option<String>,
    worker_contact: Option<String>,
    theme: Option<String>,
    idle_lock_minutes: Option<Spanned<u64>>,
    backup_keep_days: Option<Spanned<u64>>,
    backup_keep_weeks: Option<Spanned<u64>>,
    #[serde(default)]
    keys: KeyOverrides,
    #[serde(default)]
    feeds: Vec<Spanned<RawFeed>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeed {
    name: String,
    url: String,
}

/// A live Open Referral UK feed the worker pulls by name
/// (`[[feeds]] name = "Salford", url = "https://..."`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// What the worker calls it.
    pub name: String,
    /// The API's address (its base, or its `/services` address).
    pub url: String,
}

/// The loaded configuration.
#[derive(Debug, Default)]
pub struct Config {
    /// Where it came from (`None`: defaults, no file).
    pub file: Option<PathBuf>,
    /// The file's text (for locating key override errors).
    pub text: String,
    /// The worker's name for the audit trail.
    pub worker_name: Option<String>,
    /// The worker's role, for letters.
    pub worker_role: Option<String>,
    /// How to reach the worker, for letters and visit cards.
    pub worker_contact: Option<String>,
    /// The theme name.
    pub theme: Option<String>,
    /// Minutes without input before the screen locks (0: never; default 10).
    pub idle_lock_minutes: Option<u64>,
    /// Daily automatic backups kept (default 7).
    pub backup_keep_days: Option<usize>,
    /// Weekly automatic backups kept (default 4).
    pub backup_keep_weeks: Option<usize>,
    /// Key overrides.
    pub keys: KeyOverrides,
    /// Live feeds, pulled by `linkwork directory pull` and `P` in the
    /// directory.
    pub feeds: Vec<Feed>,
}

impl Config {
    /// Loads `file`; a missing file gives the defaults.
    pub fn load(file: &Path) -> Result<Self, ConfigError> {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    file: file.to_owned(),
                    source,
                });
            }
        };
        Self::parse(file, text)
    }

    /// The longest worker name, role or contact the configuration takes.
    pub const MAX_WORKER_TEXT: usize = 200;

    /// Parses configuration text said to come from `file`.
    pub fn parse(file: &Path, text: String) -> Result<Self, ConfigError> {
        let raw: RawConfig =
            toml::from_str(&text).map_err(|e| ConfigError::from_toml(file, &text, &e))?;
        // Numbers are checked against what makes sense, so a huge value
        // cannot wrap into a short one.
        let ranged =
            |value: &Option<Spanned<u64>>, name: &str, range: std::ops::RangeInclusive<u64>| {
                match value {
                    Some(v) if !range.contains(v.get_ref()) => Err(ConfigError::at(
                        file,
                        &text,
                        v.span().start,
                        format!(
                            "{name} is {}: use a whole number from {} to {}",
                            v.get_ref(),
                            range.start(),
                            range.end()
                        ),
                    )),
                    Some(v) => Ok(Some(*v.get_ref())),
                    None => Ok(None),
                }
            };
        // Names and contacts sign letters and every audit entry: a name of
        // megabytes would be written into each of them.
        for (name, value) in [
            ("worker_name", &raw.worker_name),
            ("worker_role", &raw.worker_role),
            ("worker_contact", &raw.worker_contact),
        ] {
            if let Some(v) = value
                && v.chars().count() > Self::MAX_WORKER_TEXT
            {
                return Err(ConfigError::at(
                    file,
                    &text,
                    text.find(name).unwrap_or(0),
                    format!(
                        "{name} is {} characters long: keep it to {} (it signs letters and the audit trail)",
                        v.chars().count(),
                        Self::MAX_WORKER_TEXT
                    ),
                ));
            }
        }
        let idle_lock_minutes = ranged(&raw.idle_lock_minutes, "idle_lock_minutes", 0..=1440)?;
        let backup_keep_days =
            ranged(&raw.backup_keep_days, "backup_keep_days", 1..=366)?.map(|n| n as usize);
        let backup_keep_weeks =
            ranged(&raw.backup_keep_weeks, "backup_keep_weeks", 0..=520)?.map(|n| n as usize);
        let mut feeds: Vec<Feed> = Vec::new();
        for f in &raw.feeds {
            let at = |message: String| ConfigError::at(file, &text, f.span().start, message);
            let RawFeed { name, url } = f.get_ref();
            let name = name.trim();
            let url = url.trim();
            if name.is_empty() {
                return Err(at("a feed needs a name".into()));
            }
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 2000 {
                return Err(at(format!(
                    "feed \"{name}\": the url should start with https:// (the API's address)"
                )));
            }
            if feeds.iter().any(|x| x.name.eq_ignore_ascii_case(name)) {
                return Err(at(format!("two feeds are called \"{name}\"")));
            }
            feeds.push(Feed {
                name: name.to_owned(),
                url: url.to_owned(),
            });
        }
        Ok(Self {
            file: Some(file.to_owned()),
            text,
            worker_name: raw.worker_name.filter(|n| !n.trim().is_empty()),
            worker_role: raw.worker_role.filter(|n| !n.trim().is_empty()),
            worker_contact: raw.worker_contact.filter(|n| !n.trim().is_empty()),
            theme: raw.theme,
            idle_lock_minutes,
            backup_keep_days,
            backup_keep_weeks,
            keys: raw.keys,
            feeds,
        })
    }

    /// How the worker signs what linkwork writes for others: only when a
    /// name is configured (else letters say "the link worker").
    pub fn signature(&self) -> Option<crate::domain::signature::Signature> {
        let name = self.worker_name.as_ref()?.trim().to_owned();
        Some(crate::domain::signature::Signature {
            name,
            role: self.worker_role.as_ref().map(|r| r.trim().to_owned()),
            contact: self.worker_contact.as_ref().map(|c| c.trim().to_owned()),
        })
    }

    /// The worker name for audit entries: the configured name, else the
    /// login name, else "link worker".
    pub fn worker(&self) -> String {
        self.worker_name
            .clone()
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "link worker".into())
    }

    /// How many (daily, weekly) automatic backups to keep; at least one
    /// daily backup is always kept.
    pub fn backup_keep(&self) -> (usize, usize) {
        (
            self.backup_keep_days
                .unwrap_or(crate::store::KEEP_DAYS)
                .max(1),
            self.backup_keep_weeks.unwrap_or(crate::store::KEEP_WEEKS),
        )
    }

    /// An error located at `span` in this file.
    pub fn error_at(
        &self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> ConfigError {
        let file = self
            .file
            .clone()
            .unwrap_or_else(|| PathBuf::from("config.toml"));
        ConfigError::at(&file, &self.text, span.start, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_named_once_with_a_web_address() {
        let c = Config::parse(
            Path::new("config.toml"),
            "[[feeds]]\nname = \"Salford\"\nurl = \"https://example.org/api\"\n".into(),
        )
        .unwrap();
        assert_eq!(c.feeds[0].name, "Salford");
        for (bad, says) in [
            (
                "[[feeds]]\nname = \"S\"\nurl = \"ftp://x\"\n",
                "should start with https://",
            ),
            (
                "[[feeds]]\nname = \" \"\nurl = \"https://x\"\n",
                "needs a name",
            ),
            (
                "[[feeds]]\nname = \"S\"\nurl = \"https://x\"\n[[feeds]]\nname = \"s\"\nurl = \"https://y\"\n",
                "two feeds are called",
            ),
            (
                "[[feeds]]\nname = \"S\"\nurl = \"https://x\"\nkey = 1\n",
                "unknown field",
            ),
        ] {
            let e = Config::parse(Path::new("config.toml"), bad.into())
                .unwrap_err()
                .to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    /// A 70 MB worker name poisoned every audit record: a name, role or
    /// contact over 200 characters is refused, naming the line.
    #[test]
    fn an_oversized_worker_name_is_refused() {
        let long = "x".repeat(Config::MAX_WORKER_TEXT + 1);
        let e = Config::parse(
            Path::new("/x/config.toml"),
            format!("theme = \"light\"\nworker_name = \"{long}\"\n"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("/x/config.toml line 2: worker_name is 201 characters long"),
            "{e}"
        );
        let fine = "y".repeat(Config::MAX_WORKER_TEXT);
        assert!(
            Config::parse(
                Path::new("/x/config.toml"),
                format!("worker_contact = \"{fine}\"\n")
            )
            .is_ok()
        );
    }

    #[test]
    fn missing_file_is_defaults() {
        let c = Config::load(Path::new("/nonexistent/linkwork/config.toml")).unwrap();
        assert!(c.file.is_none() && c.keys.is_empty());
    }

    #[test]
    fn syntax_error_names_file_and_line() {
        let e = Config::parse(
            Path::new("/x/config.toml"),
            "theme = \"light\"\nworker_name = \n".into(),
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("/x/config.toml line 2:"), "{msg}");
    }

    #[test]
    fn numbers_out_of_range_are_refused_at_their_line_never_wrapped() {
        let e = Config::parse(
            Path::new("c.toml"),
            "theme = \"light\"\nidle_lock_minutes = 307445734561825861\n".into(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("c.toml line 2:"), "{e}");
        assert!(e.contains("from 0 to 1440"), "{e}");
        for bad in ["backup_keep_days = 0", "backup_keep_weeks = 100000"] {
            assert!(
                Config::parse(Path::new("c.toml"), bad.into()).is_err(),
                "{bad}"
            );
        }
        let ok = Config::parse(Path::new("c.toml"), "idle_lock_minutes = 30\n".into()).unwrap();
        assert_eq!(ok.idle_lock_minutes, Some(30));
    }

    #[test]
    fn unknown_field_names_its_line() {
        let e = Config::parse(Path::new("c.toml"), "\n\ncolour = \"red\"\n".into()).unwrap_err();
        assert!(e.to_string().starts_with("c.toml line 3:"), "{e}");
    }

    #[test]
    fn reads_fields() {
        let c = Config::parse(
            Path::new("c.toml"),
            "worker_name = \"Sam\"\ntheme = \"light\"\n[keys.caseload]\n\"ctrl-n\" = \"move_down\"\n".into(),
        )
        .unwrap();
        assert_eq!(c.worker(), "Sam");
        assert_eq!(c.theme.as_deref(), Some("light"));
        assert_eq!(c.keys.len(), 1);
    }
}
