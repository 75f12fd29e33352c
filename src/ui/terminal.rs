//! Entering and leaving the terminal UI. Restoration happens exactly once,
//! whichever way the app ends (quit, error, panic): leaving the alternate
//! screen twice would move the cursor back over a panic message that was
//! just printed, so ratatui's own non-idempotent hook is not used.

use ratatui::DefaultTerminal;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{self, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();
/// The thread that draws the screen.
static UI_THREAD: std::sync::OnceLock<std::thread::ThreadId> = std::sync::OnceLock::new();
/// That a thread in the background panicked while the screen was up.
static BACKGROUND_PANIC: AtomicBool = AtomicBool::new(false);

/// Whether a background thread panicked since the last call (the app says
/// so on its notice line instead of having it printed over the screen).
pub fn take_background_panic() -> bool {
    BACKGROUND_PANIC.swap(false, Ordering::SeqCst)
}

/// Restores the terminal if linkwork changed it; later calls do nothing.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = execute!(stdout(), LeaveAlternateScreen, Show);
    }
}

/// Puts the terminal into raw mode and the alternate screen, and makes
/// sure a panic restores it before the panic message is printed.
pub fn enter() -> io::Result<DefaultTerminal> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A background thread's panic must not take the terminal from
            // under the running app, nor print over its screen: the app
            // says so on its notice line (the thread's work answers as a
            // failure).
            let on_ui = UI_THREAD.get() == Some(&std::thread::current().id());
            if ACTIVE.load(Ordering::SeqCst) && !on_ui {
                BACKGROUND_PANIC.store(true, Ordering::SeqCst);
                return;
            }
            restore();
            previous(info);
        }));
    });
    let _ = UI_THREAD.set(std::thread::current().id());
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let terminal = execute!(stdout(), EnterAlternateScreen)
        .and_then(|()| Terminal::new(CrosstermBackend::new(stdout())));
    if terminal.is_err() {
        restore();
    }
    terminal
}

/// Restores the terminal when dropped (quit, error, or unwinding).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}
