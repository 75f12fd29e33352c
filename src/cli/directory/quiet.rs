//! Importing and pulling without a word to the terminal: when the app
//! pulls a feed while it holds the screen, nothing may be printed (a note
//! or a progress bar on standard error would scribble over the screen).
//! The notes an import would print are kept for the caller instead.

use std::cell::RefCell;

thread_local! {
    /// `Some` while this thread is quiet: the notes kept so far.
    static KEPT: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Keeps this thread quiet until dropped.
pub struct Quiet(());

impl Quiet {
    /// Makes this thread quiet.
    pub fn start() -> Self {
        KEPT.with(|k| *k.borrow_mut() = Some(Vec::new()));
        Self(())
    }

    /// The notes kept so far (taken).
    pub fn notes(&self) -> Vec<String> {
        KEPT.with(|k| {
            k.borrow_mut()
                .as_mut()
                .map(std::mem::take)
                .unwrap_or_default()
        })
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        KEPT.with(|k| *k.borrow_mut() = None);
    }
}

/// Whether this thread is quiet.
pub fn is_quiet() -> bool {
    KEPT.with(|k| k.borrow().is_some())
}

/// Prints a note on standard error, or keeps it when quiet.
pub fn note(text: &str) {
    let kept = KEPT.with(|k| match k.borrow_mut().as_mut() {
        Some(notes) => {
            notes.push(text.to_owned());
            true
        }
        None => false,
    });
    if !kept {
        eprintln!("Note: {}.", crate::domain::text::clean(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quiet_thread_keeps_its_notes_until_the_guard_goes() {
        assert!(!is_quiet());
        let q = Quiet::start();
        assert!(is_quiet());
        note("first");
        note("second");
        assert_eq!(q.notes(), ["first", "second"]);
        assert!(q.notes().is_empty());
        drop(q);
        assert!(!is_quiet());
    }
}
