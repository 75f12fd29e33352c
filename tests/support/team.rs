//! A team for the tests: a supervisor's and members' caseloads made and
//! joined through the real binary, and a real nats-server started with
//! the account block `linkwork team create` and `invite` wrote.

#![allow(dead_code)]

use super::nats::{NatsServer, Tls, free_port};
use linkwork::store::Store;
use linkwork::team::Membership;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

/// The day every team test works on.
pub const TODAY: &str = "2026-11-22";

/// One member's caseload.
pub struct Seat {
    /// Their name.
    pub name: String,
    /// Their data folder.
    pub dir: PathBuf,
    /// Their config file.
    pub config: PathBuf,
}

impl Seat {
    /// Runs the real binary on this caseload; panics (with its words) when it fails.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.command(args).output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "linkwork {args:?} failed: {text}");
        text
    }

    /// The binary set up for this caseload, not yet run.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_linkwork"));
        c.arg("--config")
            .arg(&self.config)
            .arg("--data-dir")
            .arg(&self.dir)
            .args(args)
            .env("LINKWORK_TODAY", TODAY)
            .env_remove("XDG_CONFIG_HOME");
        c
    }

    /// Opens the caseload in this process.
    pub fn open(&self) -> Store {
        Store::open(&self.dir, &self.name).unwrap()
    }

    /// Syncs it in this process until caught up (at most `secs`); the
    /// store is closed afterwards.
    pub fn sync(&self, secs: u64) -> linkwork::team::SyncStatus {
        let store = Arc::new(self.open());
        let team = Membership::of(&store)
            .unwrap()
            .expect("a member of the team");
        let status =
            linkwork::team::worker::sync_once(store.clone(), team, Duration::from_secs(secs));
        drop(store);
        status
    }
}

/// A team on one server.
pub struct Team {
    /// The folder everything is in.
    pub home: tempfile::TempDir,
    /// The supervisor, then the members in the order given.
    pub seats: Vec<Seat>,
    /// The server.
    pub server: NatsServer,
    /// The account block file.
    pub accounts: PathBuf,
    /// The TLS files.
    pub tls: Tls,
}

/// Makes a seat: a config naming the worker and an empty caseload.
pub fn seat(home: &Path, folder: &str, name: &str) -> Seat {
    let config = home.join(format!("{folder}.toml"));
    std::fs::write(&config, format!("worker_name = \"{name}\"\n")).unwrap();
    let s = Seat {
        name: name.to_owned(),
        dir: home.join(folder),
        config,
    };
    s.run(&["init"]);
    s
}

impl Team {
    /// A supervisor and `members` link workers, every caseload empty,
    /// everyone joined, the server running.
    pub fn new(team_name: &str, supervisor: &str, members: &[&str], at_rest: bool) -> Self {
        let home = tempfile::tempdir().unwrap();
        let tls = Tls::make(home.path());
        let port = free_port();
        let accounts = home
            .path()
            .join(format!("{team_name}.conf").replace(' ', "-"));
        let boss = seat(home.path(), "supervisor", supervisor);
        boss.run(&[
            "team",
            "create",
            team_name,
            "--server",
            &format!("tls://127.0.0.1:{port}"),
            "--tls-ca",
            tls.ca.to_str().unwrap(),
            "--server-config",
            accounts.to_str().unwrap(),
        ]);
        let mut seats = vec![boss];
        for (n, name) in members.iter().enumerate() {
            let s = seat(home.path(), &format!("member{n}"), name);
            seats.push(s);
        }
        for s in &seats[1..] {
            Self::invite(&seats[0], s, &accounts);
        }
        let server = NatsServer::start(
            home.path(),
            port,
            &tls,
            std::slice::from_ref(&accounts),
            at_rest,
        );
        Self {
            home,
            seats,
            server,
            accounts,
            tls,
        }
    }

    fn invite(boss: &Seat, s: &Seat, accounts: &Path) {
        let key = s.run(&["team", "key"]).trim().to_owned();
        let inv = s.dir.with_extension("invitation");
        boss.run(&[
            "team",
            "invite",
            &s.name,
            "--key",
            &key,
            "--out",
            inv.to_str().unwrap(),
            "--server-config",
            accounts.to_str().unwrap(),
        ]);
        s.run(&["team", "join", inv.to_str().unwrap()]);
    }

    /// A second device of `of`: a new caseload joined as the same member.
    pub fn second_device(&self, of: &Seat, folder: &str) -> Seat {
        let s = seat(self.home.path(), folder, &of.name);
        let key = s.run(&["team", "key"]).trim().to_owned();
        let inv = s.dir.with_extension("invitation");
        of.run(&[
            "team",
            "device",
            "--key",
            &key,
            "--out",
            inv.to_str().unwrap(),
        ]);
        s.run(&["team", "join", inv.to_str().unwrap()]);
        s
    }

    /// The supervisor.
    pub fn supervisor(&self) -> &Seat {
        &self.seats[0]
    }
}
