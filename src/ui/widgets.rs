//! Pieces of drawing and list handling shared by several screens.

pub mod chrome;
pub mod forms;
mod hanging;
mod wrap;

pub use forms::{field_line, field_lines, frame_block, person_name, scroll_to, wrap_words};
pub use hanging::hanging;
pub use wrap::{step_option, step_value, wrap};
