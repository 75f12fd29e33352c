//! The terminal user interface: key -> [`Action`] (via the [`Keymap`]) ->
//! [`App::update`] -> [`view::draw`]. The app caches what it shows; the
//! store is read when data changes, never per frame.

pub mod action;
pub mod keymap;
pub mod mode;
pub mod theme;

pub use action::Action;
pub use keymap::Keymap;
pub use mode::Mode;
pub use theme::{Role, Theme};

pub mod app;
pub mod layout;
pub mod run;
pub mod terminal;
pub mod view;

pub use app::{App, DataSource};
