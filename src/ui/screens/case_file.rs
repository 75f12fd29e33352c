//! A case file: a header and seven tabs, and the keys that open the
//! forms, the conversation, the plan and the directory for the case.

mod contacts;
mod draw;
mod header;
mod outcomes;
mod screen;
mod state;

pub use header::header;
pub use screen::{CaseFileScreen, open, open_selected};
pub use state::{CaseFileState, CaseTab};
