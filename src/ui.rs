//! The terminal user interface: key -> [`Action`] (via the [`Keymap`]) ->
//! [`App::update`] -> [`view::draw`]. The app caches what it shows and
//! changes casework through the narrow [`backend::Casework`] API; the
//! store is read when data changes, never per frame.

pub mod action;
pub mod app;
pub mod backend;
pub mod keymap;
pub mod layout;
pub mod mode;
pub mod run;
pub mod terminal;
pub mod theme;
pub mod view;

pub use action::Action;
pub use app::{App, DataSource};
pub use keymap::Keymap;
pub use mode::Mode;
pub use theme::{Role, Theme};
