//! The `linkwork` binary.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used)]

use clap::Parser;
use linkwork::cli::{Cli, run};
use nix::sys::stat::{Mode, umask};
use std::process::ExitCode;

/// mimalloc: the directory index is 100,000 small records, and loading it
/// is mostly allocation, which mimalloc does about twice as fast.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Everything linkwork creates is private to the user (0600 / 0700),
    // including the files sled makes on its own.
    umask(Mode::from_bits_truncate(0o077));
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            // An error may quote a file or a record: shown, never obeyed.
            let message = e.to_string();
            eprintln!("linkwork: {}", linkwork::domain::text::clean(&message));
            if let Some(hint) = e.recovery_hint() {
                eprintln!("{}", linkwork::domain::text::clean(&hint));
            }
            ExitCode::FAILURE
        }
    }
}
