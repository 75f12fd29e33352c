//! linkwork: a terminal caseload manager for social prescribing link workers.
//!
//! Layers, from the inside out:
//! - [`domain`]: pure types and rules (no IO, no terminal).
//! - [`store`]: the sled-backed store: trees, keys, encoding, schema, audit.
//! - [`demo`]: the built-in fictional demo caseload.
//! - [`clock`]: the one clock (today and now), injected everywhere.
//! - [`config`] and [`paths`]: where things live and how the user tunes them.
//! - [`ui`]: the ratatui terminal interface (key -> action -> update -> view).
//! - [`cli`]: the command line.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod import;
pub mod paths;
pub mod store;
pub mod team;
pub mod ui;
