//! `linkwork team ...`: making a team, inviting and joining, where sync
//! stands, syncing in the foreground, and the changes that need a look.

use super::opened::Opened;
use super::{Cli, CliError, data_dir, unlock};
use crate::config::Config;
use crate::domain::text::clean;
use crate::store::{AuditAction, Entity, Store};
use crate::team::membership::{Role, new_key, random_hex};
use crate::team::{Membership, TeamError, invite, server_config};
use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// `linkwork team ...`.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Make a new team, with this caseload's worker as its first supervisor;
    /// writes the team's account block for the server's configuration.
    Create {
        /// The team's name (e.g. "North Hove PCN").
        name: String,
        /// The server's address (nats://host:port, or tls://host:port).
        #[arg(long)]
        server: String,
        /// The certificate authority of the server's TLS certificate (PEM),
        /// when it is not a public one.
        #[arg(long, value_name = "FILE")]
        tls_ca: Option<PathBuf>,
        /// Where to write the team's account block (included by the
        /// server's configuration).
        #[arg(long, value_name = "FILE")]
        server_config: PathBuf,
    },
    /// Print this caseload's public key, for the supervisor's invitation.
    Key,
    /// Invite a member (supervisors only): an invitation file that only
    /// their caseload can open; the team's account block is written again.
    Invite {
        /// The member's name, as teammates will see it.
        name: String,
        /// Their public key (they print it with `linkwork team key`).
        #[arg(long)]
        key: String,
        /// Make them a supervisor too.
        #[arg(long)]
        supervisor: bool,
        /// Where to write the invitation.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The team's account block to write again.
        #[arg(long, value_name = "FILE")]
        server_config: PathBuf,
    },
    /// Invite another device of yours (a second laptop) into the team as
    /// you: an invitation only that device's caseload can open.
    Device {
        /// The other device's public key (`linkwork team key` there).
        #[arg(long)]
        key: String,
        /// Where to write the invitation.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Remove a member (supervisors only): a new team key for everyone
    /// else (announced at the next sync; the removed member's key opens
    /// nothing written after it), and their user out of the account block.
    Remove {
        /// The member's name.
        name: String,
        /// The team's account block to write again (reload the server).
        #[arg(long, value_name = "FILE")]
        server_config: PathBuf,
    },
    /// Join a team with an invitation: this caseload's own cases are
    /// shared with it at the next sync.
    Join {
        /// The invitation file.
        file: PathBuf,
    },
    /// Where sharing stands: server, member, cursor, outbox, conflicts.
    Status,
    /// Sync now, in the foreground, until everything is sent and what the
    /// server holds has arrived (or the time is up).
    Sync {
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 120)]
        timeout: u64,
    },
    /// The changes the server refused as stale ("Needs a look").
    Conflicts,
    /// Write a whole nats-server configuration for trying a team on one
    /// machine (JetStream encrypted at rest, TLS when given a certificate,
    /// the teams' account blocks included); then `nats-server -c FILE`.
    ServerConfig {
        /// Where the server listens.
        #[arg(long, default_value = "127.0.0.1:4222")]
        listen: String,
        /// Where JetStream keeps its files.
        #[arg(long, value_name = "DIR")]
        store_dir: PathBuf,
        /// The team's account block (from `team create`); more than one for
        /// more teams.
        #[arg(long = "accounts", value_name = "FILE", required = true)]
        accounts: Vec<PathBuf>,
        /// The server's TLS certificate (PEM).
        #[arg(long, value_name = "FILE", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// Its key (PEM).
        #[arg(long, value_name = "FILE", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// The configuration file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

fn team_err(e: TeamError) -> CliError {
    match e {
        TeamError::Store(s) => CliError::Store(s),
        other => CliError::NotYet(other.to_string()),
    }
}

/// This caseload's membership, or the sentence saying it has none.
fn membership(store: &Store) -> Result<Membership, CliError> {
    Membership::of(store)
        .map_err(team_err)?
        .ok_or_else(|| team_err(TeamError::NotInTeam))
}

/// The membership of a supervisor, who alone may `what`.
fn supervised(store: &Store, what: &'static str) -> Result<Membership, CliError> {
    let team = membership(store)?;
    if !team.is_supervisor() {
        return Err(team_err(TeamError::NotSupervisor(what)));
    }
    Ok(team)
}

/// Refuses when this caseload is in a team already.
fn not_in_a_team(store: &Store) -> Result<(), CliError> {
    match Membership::of(store).map_err(team_err)? {
        Some(m) => Err(team_err(TeamError::AlreadyInTeam(m.team_name))),
        None => Ok(()),
    }
}

/// Makes `team` this caseload's, notes it in the audit trail and puts its
/// own cases in the outbox; returns how many.
fn enter_team(store: &Store, team: &Membership) -> Result<usize, CliError> {
    team.keep(store).map_err(team_err)?;
    let mut changes = store.changes();
    changes.note(Entity::Store, "-", AuditAction::JoinedTeam);
    store.commit(changes)?;
    Ok(store.share_everything()?)
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    crate::store::write_private(path, bytes).map_err(CliError::Store)
}

/// Runs a team command.
pub fn run(cli: &Cli, config: &Config, command: &TeamCommand) -> Result<ExitCode, CliError> {
    if let TeamCommand::ServerConfig {
        listen,
        store_dir,
        accounts,
        tls_cert,
        tls_key,
        out,
    } = command
    {
        return write_server_config(
            listen,
            store_dir,
            accounts,
            tls_cert.as_deref(),
            tls_key.as_deref(),
            out,
        );
    }
    let dir = data_dir(cli)?;
    let store = unlock::open(&dir, &config.worker(), cli.passphrase_file.as_deref())?;
    match command {
        TeamCommand::Create {
            name,
            server,
            tls_ca,
            server_config,
        } => create(
            &store,
            config,
            name,
            server,
            tls_ca.as_deref(),
            server_config,
        ),
        TeamCommand::Key => key(&store),
        TeamCommand::Invite {
            name,
            key,
            supervisor,
            out,
            server_config,
        } => invite_member(&store, name, key, *supervisor, out, server_config),
        TeamCommand::Device { key, out } => invite_device(&store, key, out),
        TeamCommand::Remove {
            name,
            server_config,
        } => remove(&store, name, server_config),
        TeamCommand::Join { file } => join(&store, file),
        TeamCommand::Status => status(&store),
        TeamCommand::Sync { timeout } => sync(store, *timeout),
        TeamCommand::Conflicts => conflicts(&store),
        TeamCommand::ServerConfig { .. } => unreachable!("answered above"),
    }
}

/// `team server-config`: a whole nats-server configuration for trying a
/// team on one machine.
fn write_server_config(
    listen: &str,
    store_dir: &Path,
    accounts: &[PathBuf],
    tls_cert: Option<&Path>,
    tls_key: Option<&Path>,
    out: &Path,
) -> Result<ExitCode, CliError> {
    let path = |p: &Path| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_owned())
            .display()
            .to_string()
    };
    // nats-server reads an include relative to its configuration's folder.
    let base = std::path::absolute(out)
        .ok()
        .and_then(|o| o.parent().map(Path::to_owned))
        .unwrap_or_default();
    let includes: Vec<String> = accounts
        .iter()
        .map(|a| relative_to(&base, &std::path::absolute(a).unwrap_or_else(|_| a.clone())))
        .collect();
    let tls = tls_cert.zip(tls_key).map(|(c, k)| (path(c), path(k)));
    let text = server_config::server_config(
        listen,
        &path(store_dir),
        &random_hex(24),
        tls.as_ref().map(|(c, k)| (c.as_str(), k.as_str())),
        &includes,
    );
    write_private(out, text.as_bytes())?;
    println!(
        "Wrote {}: start the server with `nats-server -c {}`.",
        out.display(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn create(
    store: &Store,
    config: &Config,
    name: &str,
    server: &str,
    tls_ca: Option<&Path>,
    account_file: &Path,
) -> Result<ExitCode, CliError> {
    not_in_a_team(store)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
        return Err(CliError::NotYet(
            "A team's name is 1 to 80 characters, with no control characters; nothing was changed."
                .into(),
        ));
    }
    let tls_ca = match tls_ca {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .map_err(|e| CliError::NotYet(format!("Could not read {}: {e}", p.display())))?,
        ),
        None => None,
    };
    let identity = invite::identity(store).map_err(team_err)?;
    let public = identity.to_public().to_string();
    let (me, password) =
        invite::new_member(&config.worker(), Role::Supervisor, &public).map_err(team_err)?;
    let team = Membership {
        team_id: random_hex(6),
        team_name: name.trim().to_owned(),
        server: server.to_owned(),
        tls_ca,
        me: me.clone(),
        device: fastrand::u64(1..),
        password,
        identity: String::new(),
        keys: vec![(1, new_key())],
        roster: vec![me],
        announcements: Vec::new(),
    };
    write_private(account_file, server_config::account_block(&team).as_bytes())?;
    let shared = enter_team(store, &team)?;
    println!(
        "Made the team \"{}\" with you as its supervisor. The server's account block is in {} \
         (include it in the server's accounts and reload it); {} will be shared at the next sync.",
        clean(&team.team_name),
        account_file.display(),
        crate::domain::text::count(shared, "case", "cases")
    );
    Ok(ExitCode::SUCCESS)
}

fn key(store: &Store) -> Result<ExitCode, CliError> {
    let identity = invite::identity(store).map_err(team_err)?;
    println!("{}", identity.to_public());
    Ok(ExitCode::SUCCESS)
}

fn invite_member(
    store: &Store,
    name: &str,
    key: &str,
    supervisor: bool,
    out: &Path,
    account_file: &Path,
) -> Result<ExitCode, CliError> {
    let mut team = supervised(store, "invite a member")?;
    if team.member_named(name).is_some() {
        return Err(CliError::NotYet(format!(
            "{name} is in the team already; nothing was changed."
        )));
    }
    let role = if supervisor {
        Role::Supervisor
    } else {
        Role::LinkWorker
    };
    let (member, password) = invite::new_member(name, role, key).map_err(team_err)?;
    team.roster.push(member.clone());
    team.announce_roster();
    let invitation = invite::write(&team, &member, &password).map_err(team_err)?;
    write_private(out, &invitation)?;
    write_private(account_file, server_config::account_block(&team).as_bytes())?;
    team.keep(store).map_err(team_err)?;
    println!(
        "Invited {} as a {}: give them {} (only their caseload can open it), and reload the server with {}.",
        clean(&member.name),
        role.label(),
        out.display(),
        account_file.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn invite_device(store: &Store, key: &str, out: &Path) -> Result<ExitCode, CliError> {
    let team = membership(store)?;
    invite::recipient(key).map_err(team_err)?;
    let me = crate::team::Member {
        public_key: key.trim().to_owned(),
        ..team.me.clone()
    };
    let identity = invite::identity(store).map_err(team_err)?;
    let invitation = invite::write_for_device(&team, &me, &identity).map_err(team_err)?;
    write_private(out, &invitation)?;
    println!(
        "Wrote an invitation for another device of {} to {}: join with it there.",
        clean(&team.me.name),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn remove(store: &Store, name: &str, account_file: &Path) -> Result<ExitCode, CliError> {
    let mut team = supervised(store, "remove a member")?;
    let Some(gone) = team.member_named(name).cloned() else {
        return Err(CliError::NotYet(format!(
            "There is no {name} in the team; nothing was changed."
        )));
    };
    if gone.id == team.me.id {
        return Err(CliError::NotYet(
            "A supervisor cannot remove themself; another supervisor can.".into(),
        ));
    }
    let epoch = team.remove_member(&gone.id).map_err(team_err)?;
    write_private(account_file, server_config::account_block(&team).as_bytes())?;
    team.keep(store).map_err(team_err)?;
    println!(
        "Removed {} from the team: a new team key (epoch {epoch}) goes to everyone else at your next sync;                  reload the server with {} to close their account.",
        clean(&gone.name),
        account_file.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn join(store: &Store, file: &Path) -> Result<ExitCode, CliError> {
    not_in_a_team(store)?;
    let bytes = read_bounded(file)?;
    let inv = invite::open(store, &bytes).map_err(team_err)?;
    let identity = invite::identity(store).map_err(team_err)?;
    if inv.member.public_key != identity.to_public().to_string() {
        return Err(team_err(TeamError::BadInvitation(
            "it names another member's key".into(),
        )));
    }
    // Another device of a member takes the member's own key pair,
    // so a new team key wrapped for the member opens on each.
    let inv = invite::adopt_identity(store, inv).map_err(team_err)?;
    let team = Membership {
        team_id: inv.team_id,
        team_name: inv.team_name,
        server: inv.server,
        tls_ca: inv.tls_ca,
        me: inv.member,
        device: fastrand::u64(1..),
        password: inv.password,
        identity: String::new(),
        keys: inv.keys,
        roster: inv.roster,
        announcements: Vec::new(),
    };
    let shared = enter_team(store, &team)?;
    println!(
        "Joined the team \"{}\" as {} ({}); {} of yours will be shared at the next sync.",
        clean(&team.team_name),
        clean(&team.me.name),
        team.me.role.label(),
        crate::domain::text::count(shared, "case", "cases")
    );
    Ok(ExitCode::SUCCESS)
}

fn status(store: &Store) -> Result<ExitCode, CliError> {
    let team = membership(store)?;
    println!("Team:      {}", clean(&team.team_name));
    println!(
        "Server:    {}{}",
        team.server,
        if team.tls_ca.is_some() {
            " (TLS, own CA)"
        } else {
            ""
        }
    );
    println!(
        "Member:    {} ({})",
        clean(&team.me.name),
        team.me.role.label()
    );
    println!("Cursor:    {}", store.team_cursor()?);
    println!(
        "Outbox:    {} waiting",
        crate::domain::text::count(store.outbox_len(), "change", "changes")
    );
    println!("Needs a look: {}", store.conflict_count());
    println!("Members:");
    for m in &team.roster {
        println!("  {} ({})", clean(&m.name), m.role.label());
    }
    Ok(ExitCode::SUCCESS)
}

fn sync(store: Opened, timeout: u64) -> Result<ExitCode, CliError> {
    let team = membership(&store)?;
    let store = Arc::new(store.into_inner());
    // A bar while changes arrive or go (drawn only on a terminal).
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} changes")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let mut most_left = 0u64;
    let mut most_waiting = 0u64;
    let status = crate::team::worker::sync_once_watched(
        store.clone(),
        team,
        Duration::from_secs(timeout),
        |s| match s.state {
            crate::team::SyncState::CatchingUp { left } => {
                most_left = most_left.max(left);
                bar.set_message("receiving");
                bar.set_length(most_left);
                bar.set_position(most_left - left);
            }
            _ if s.waiting > 0 => {
                most_waiting = most_waiting.max(s.waiting as u64);
                bar.set_message("sending");
                bar.set_length(most_waiting);
                bar.set_position(most_waiting - s.waiting as u64);
            }
            _ => {}
        },
    );
    bar.finish_and_clear();
    println!("{}", status.line());
    if let Some(p) = &status.problem {
        println!("Last problem: {p}");
    }
    let done = status.state == crate::team::SyncState::Online && status.waiting == 0;
    Ok(if done {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

fn conflicts(store: &Store) -> Result<ExitCode, CliError> {
    let conflicts = store.conflicts(true)?;
    if conflicts.is_empty() {
        println!("Nothing needs a look.");
    }
    for c in conflicts {
        println!(
            "{}  case {}  refused {}  {}",
            c.seq,
            c.change.case,
            c.refused_at.format("%Y-%m-%d %H:%M"),
            c.decided.as_deref().unwrap_or("waiting for a decision")
        );
        for line in store.conflict_lines(&c)? {
            println!(
                "    {} {}: refused \"{}\", now \"{}\"",
                line.record, line.field, line.refused, line.now
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `path` as seen from the folder `base` (both absolute).
fn relative_to(base: &Path, path: &Path) -> String {
    let b: Vec<_> = base.components().collect();
    let p: Vec<_> = path.components().collect();
    let common = b.iter().zip(&p).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &p[common..] {
        rel.push(c);
    }
    rel.display().to_string()
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, CliError> {
    use std::io::Read;
    let file = std::fs::File::open(path)
        .map_err(|e| CliError::NotYet(format!("Could not read {}: {e}", path.display())))?;
    let meta = file
        .metadata()
        .map_err(|e| CliError::NotYet(format!("Could not read {}: {e}", path.display())))?;
    if !meta.is_file() || meta.len() > invite::MAX_INVITATION {
        return Err(CliError::NotYet(format!(
            "{} is not an invitation (not a file of at most 1 MB).",
            path.display()
        )));
    }
    let mut bytes = Vec::new();
    file.take(invite::MAX_INVITATION)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::NotYet(format!("Could not read {}: {e}", path.display())))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::relative_to;
    use std::path::Path;

    #[test]
    fn includes_are_written_relative_to_the_configuration() {
        assert_eq!(
            relative_to(Path::new("/srv/nats"), Path::new("/srv/nats/a.conf")),
            "a.conf"
        );
        assert_eq!(
            relative_to(Path::new("/srv/nats"), Path::new("/home/cat/teams/a.conf")),
            "../../home/cat/teams/a.conf"
        );
    }
}
