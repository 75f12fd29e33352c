//! The terminal user interface. A key becomes an [`Action`] through the
//! [`Keymap`]; the screen on top of the [`App`]'s stack answers it with
//! effects; the app applies them and draws the stack. Screens share a
//! [`context::Context`] that caches what is shown and changes casework
//! through the narrow [`backend::Casework`] API; the store is read when
//! data changes, never per frame. See ARCHITECTURE.md.

pub mod action;
pub mod app;
pub mod backend;
pub mod context;
pub mod keymap;
pub mod layout;
pub mod mode;
pub mod run;
pub mod screen;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod widgets;

pub use action::Action;
pub use app::{App, DataSource};
pub use keymap::Keymap;
pub use mode::Mode;
pub use theme::{Role, Theme};
