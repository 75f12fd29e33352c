//! Themes: TOML files mapping semantic roles to styles. The built-in
//! themes in `themes/` are embedded in the binary; a file of the same name
//! in the user's themes folder overrides one, and new names add themes.

mod role;

pub use role::Role;

use crate::config::ConfigError;
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml::Spanned;

/// The built-in themes: (name, file text).
pub const BUILTIN: [(&str, &str); 3] = [
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
];

/// A loaded theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Its name.
    pub name: String,
    styles: [Style; Role::ALL.len()],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    #[allow(dead_code)]
    name: Option<String>,
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    roles: BTreeMap<Spanned<String>, Spanned<RawStyle>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underline: bool,
    #[serde(default)]
    reversed: bool,
    #[serde(default)]
    dim: bool,
}

fn colour(file: &Path, text: &str, spec: &Spanned<String>) -> Result<Color, ConfigError> {
    Color::from_str(spec.get_ref()).map_err(|_| {
        ConfigError::at(
            file,
            text,
            spec.span().start,
            format!(
                "\"{}\" is not a colour (use a name such as \"cyan\", \"#RRGGBB\", or 0-255)",
                spec.get_ref()
            ),
        )
    })
}

impl Theme {
    /// Parses theme text said to come from `file`. Roles it does not set
    /// fall back to `base` (a user theme may set only what it changes).
    pub fn parse(
        name: &str,
        file: &Path,
        text: &str,
        base: Option<&Theme>,
    ) -> Result<Theme, ConfigError> {
        let raw: RawTheme =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(file, text, &e))?;
        let mut styles = base.map_or([Style::default(); Role::ALL.len()], |b| b.styles);
        let mut seen = [false; Role::ALL.len()];
        for (role_name, spec) in &raw.roles {
            let Some(role) = Role::from_name(role_name.get_ref()) else {
                let known: Vec<_> = Role::ALL.iter().map(|r| r.name()).collect();
                return Err(ConfigError::at(
                    file,
                    text,
                    role_name.span().start,
                    format!(
                        "unknown role \"{}\" (roles: {})",
                        role_name.get_ref(),
                        known.join(", ")
                    ),
                ));
            };
            let spec = spec.get_ref();
            let mut style = Style::default();
            if let Some(fg) = &spec.fg {
                style = style.fg(colour(file, text, fg)?);
            }
            if let Some(bg) = &spec.bg {
                style = style.bg(colour(file, text, bg)?);
            }
            for (on, m) in [
                (spec.bold, Modifier::BOLD),
                (spec.italic, Modifier::ITALIC),
                (spec.underline, Modifier::UNDERLINED),
                (spec.reversed, Modifier::REVERSED),
                (spec.dim, Modifier::DIM),
            ] {
                if on {
                    style = style.add_modifier(m);
                }
            }
            styles[role as usize] = style;
            seen[role as usize] = true;
        }
        if base.is_none()
            && let Some(missing) = Role::ALL.iter().find(|r| !seen[**r as usize])
        {
            return Err(ConfigError::at(
                file,
                text,
                0,
                format!("the theme does not set the \"{}\" role", missing.name()),
            ));
        }
        Ok(Theme {
            name: name.to_owned(),
            styles,
        })
    }

    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<Result<Theme, ConfigError>> {
        BUILTIN.iter().find(|(n, _)| *n == name).map(|(n, text)| {
            Theme::parse(n, &PathBuf::from(format!("themes/{n}.toml")), text, None)
        })
    }

    /// The default theme.
    pub fn default_theme() -> Theme {
        match Theme::builtin("default") {
            Some(Ok(t)) => t,
            // The embedded default is checked by a unit test; fall back to
            // the terminal's own colours rather than fail.
            _ => Theme {
                name: "default".into(),
                styles: [Style::default(); Role::ALL.len()],
            },
        }
    }

    /// Loads a theme by name: a path to a `.toml` file, a file in
    /// `user_dir`, or a built-in theme.
    pub fn load(name: &str, user_dir: Option<&Path>) -> Result<Theme, ConfigError> {
        let base = Theme::default_theme();
        let read = |path: &Path| {
            std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                file: path.to_owned(),
                source,
            })
        };
        if name.ends_with(".toml") {
            let path = Path::new(name);
            let text = read(path)?;
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or(name);
            return Theme::parse(stem, path, &text, Some(&base));
        }
        if let Some(dir) = user_dir {
            let path = dir.join(format!("{name}.toml"));
            if path.is_file() {
                let text = read(&path)?;
                let base = match Theme::builtin(name) {
                    Some(Ok(t)) => t,
                    _ => base,
                };
                return Theme::parse(name, &path, &text, Some(&base));
            }
        }
        match Theme::builtin(name) {
            Some(result) => result,
            None => Err(ConfigError::UnknownTheme {
                name: name.to_owned(),
                available: BUILTIN
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// The style of a role.
    pub fn style(&self, role: Role) -> Style {
        self.styles[role as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_set_every_role() {
        for (name, _) in BUILTIN {
            let t = Theme::builtin(name).unwrap().unwrap();
            assert_eq!(t.name, name);
        }
    }

    #[test]
    fn unknown_role_names_file_and_line() {
        let e = Theme::parse(
            "x",
            Path::new("/t/x.toml"),
            "[roles]\ntext = {}\nshiny = { fg = \"red\" }\n",
            None,
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("/t/x.toml line 3: unknown role \"shiny\""),
            "{msg}"
        );
    }

    #[test]
    fn bad_colour_names_file_and_line() {
        let base = Theme::default_theme();
        let e = Theme::parse(
            "x",
            Path::new("x.toml"),
            "[roles]\n\ntitle = { fg = \"bleu\" }\n",
            Some(&base),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("x.toml line 3: \"bleu\" is not a colour"),
            "{e}"
        );
    }

    #[test]
    fn partial_user_theme_inherits() {
        let base = Theme::default_theme();
        let t = Theme::parse(
            "mine",
            Path::new("m.toml"),
            "[roles]\ntitle = { fg = \"#ff8800\", bold = true }\n",
            Some(&base),
        )
        .unwrap();
        assert_eq!(t.style(Role::Title).fg, Some(Color::Rgb(0xff, 0x88, 0x00)));
        assert_eq!(t.style(Role::Danger), base.style(Role::Danger));
    }

    #[test]
    fn unknown_theme_lists_builtins() {
        let e = Theme::load("purple", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "There is no theme called \"purple\" (built-in themes: default, light, high-contrast)."
        );
    }

    #[test]
    fn loads_user_theme_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("calm.toml"),
            "[roles]\ntext = { fg = \"green\" }\n",
        )
        .unwrap();
        let t = Theme::load("calm", Some(dir.path())).unwrap();
        assert_eq!(t.style(Role::Text).fg, Some(Color::Green));
        std::fs::write(dir.path().join("broken.toml"), "[roles\n").unwrap();
        let e = Theme::load("broken", Some(dir.path())).unwrap_err();
        assert!(e.to_string().contains("broken.toml line 1"), "{e}");
    }
}
