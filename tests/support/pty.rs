//! A pseudo-terminal harness: runs the real linkwork binary in a pty, keeps
//! a vt100 model of its screen, types keys and waits for text.
//!
//! Each test crate that includes this file uses only part of it.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_linkwork")
}

/// A private home for one test: its own config, data and XDG folders, so
/// no test reads the developer's real config or touches real data.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp home"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn env(&self) -> Vec<(String, PathBuf)> {
        let p = self.dir.path();
        vec![
            ("HOME".into(), p.to_owned()),
            ("XDG_CONFIG_HOME".into(), p.join("config")),
            ("XDG_DATA_HOME".into(), p.join("data")),
        ]
    }

    /// Seeds the demo caseload into `dir` as of 22 November 2026.
    #[allow(dead_code)]
    pub fn seed_demo(&self, dir: &Path) {
        let out = self
            .command(&["seed-demo", "--data-dir", dir.to_str().expect("utf-8 path")])
            .env("LINKWORK_TODAY", "2026-11-22")
            .output()
            .expect("seed-demo runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The file in the home folder whose name starts with `prefix`.
    #[allow(dead_code)]
    pub fn file_starting(&self, prefix: &str) -> PathBuf {
        std::fs::read_dir(self.path())
            .expect("home folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
            })
            .unwrap_or_else(|| panic!("no file {prefix}* in the home folder"))
    }

    /// A plain (non-pty) command for the binary with this home.
    pub fn command(&self, args: &[&str]) -> std::process::Command {
        let mut c = std::process::Command::new(binary());
        c.args(args)
            .env_remove(run_panic_var())
            .stdin(std::process::Stdio::null());
        for (k, v) in self.env() {
            c.env(k, v);
        }
        c
    }
}

fn run_panic_var() -> &'static str {
    "LINKWORK_TEST_PANIC_KEY"
}

/// A program running in a pseudo-terminal.
pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// Runs `sh -c script` in a `rows` x `cols` terminal, with `$LINKWORK`
    /// naming the binary.
    pub fn shell(
        home: &Home,
        script: &str,
        extra_env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Self {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        cmd.env("LINKWORK", binary());
        Self::spawn(home, cmd, extra_env, rows, cols)
    }

    /// Runs the binary with `args`.
    pub fn linkwork(home: &Home, args: &[&str], rows: u16, cols: u16) -> Self {
        let mut cmd = CommandBuilder::new(binary());
        cmd.args(args);
        Self::spawn(home, cmd, &[], rows, cols)
    }

    fn spawn(
        home: &Home,
        mut cmd: CommandBuilder,
        extra_env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove(run_panic_var());
        cmd.cwd(home.path());
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let sink = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = sink.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Self {
            parser,
            writer,
            child,
            master: pair.master,
        }
    }

    /// The visible screen as text.
    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Whether the terminal is in the alternate screen.
    pub fn in_alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(false)
    }

    /// Whether the cursor is hidden.
    pub fn cursor_hidden(&self) -> bool {
        self.parser
            .lock()
            .map(|p| p.screen().hide_cursor())
            .unwrap_or(false)
    }

    /// Waits until the screen contains `needle`, or panics with the screen.
    pub fn wait_for(&self, needle: &str, timeout: Duration) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {needle:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Types text (each character is a key press).
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Resizes the terminal (the program gets SIGWINCH). The screen model
    /// is resized first, so the redraw that follows lands in a model of
    /// the new size.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        if let Ok(mut p) = self.parser.lock() {
            p.screen_mut().set_size(rows, cols);
        }
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    /// Waits for the program to exit.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if start.elapsed() > timeout {
                let _ = self.child.kill();
                panic!("program did not exit; the screen shows:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
