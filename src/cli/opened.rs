//! A store opened by a command, closed when the command is done.

use crate::store::Store;

/// A store a command opened. When the command is done (or fails) it is
/// closed properly, so the witness records the database files as
/// linkwork left them and the next open can tell damage from them.
#[derive(Debug)]
pub struct Opened(Option<Store>);

impl Opened {
    /// Wraps an open store.
    pub fn new(store: Store) -> Self {
        Self(Some(store))
    }

    /// The store itself, for a caller that closes it (the app).
    pub fn into_inner(mut self) -> Store {
        match self.0.take() {
            Some(store) => store,
            None => unreachable!("an Opened always holds its store until dropped"),
        }
    }
}

impl std::ops::Deref for Opened {
    type Target = Store;
    fn deref(&self) -> &Store {
        match &self.0 {
            Some(store) => store,
            None => unreachable!("an Opened always holds its store until dropped"),
        }
    }
}

impl Drop for Opened {
    fn drop(&mut self) {
        if let Some(store) = self.0.take() {
            // Closing only adds the witness's checksum; a failure here
            // leaves the next open to check a copy, as after a crash.
            let _ = store.close();
        }
    }
}
