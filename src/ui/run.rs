//! The event loop: draw, read an event, update, until the user quits. The
//! terminal is restored on quit, on error (the guard) and on panic (the
//! hook), exactly once (see [`super::terminal`]).

use super::app::App;
use super::keymap::KeyChord;
use super::terminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::io;

/// Environment variable naming a key that panics inside the event loop.
/// Used by the end-to-end test that proves a panic restores the terminal.
pub const TEST_PANIC_KEY: &str = "LINKWORK_TEST_PANIC_KEY";

/// How often the loop wakes without input (for periodic work).
pub const TICK: std::time::Duration = std::time::Duration::from_secs(1);

/// Runs the app in the terminal until the user quits. `periodic` runs about
/// once a minute (automatic backups).
pub fn run(app: &mut App, periodic: &mut dyn FnMut()) -> io::Result<()> {
    let mut last_periodic = std::time::Instant::now();
    let panic_key: Option<KeyChord> = std::env::var(TEST_PANIC_KEY)
        .ok()
        .and_then(|k| k.parse().ok());
    let mut terminal = terminal::enter()?;
    let _guard = terminal::Guard;
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    while app.running {
        terminal.draw(|frame| app.draw(frame))?;
        if last_periodic.elapsed() >= std::time::Duration::from_secs(60) {
            periodic();
            last_periodic = std::time::Instant::now();
        }
        // While the directory loads in the background, wake often to take it.
        let wait = if app.is_busy() {
            std::time::Duration::from_millis(50)
        } else {
            TICK
        };
        if !event::poll(wait)? {
            app.poll_background();
            app.advance_clock();
            app.tick(std::time::Instant::now());
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if panic_key.is_some_and(|p| p == KeyChord::from_event(&key)) {
                    panic!("test panic requested through {TEST_PANIC_KEY}");
                }
                app.handle_key(&key);
            }
            Event::Resize(width, height) => app.resize(width, height),
            _ => {}
        }
    }
    Ok(())
}
