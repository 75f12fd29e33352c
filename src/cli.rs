//! The command line. `linkwork` opens the caseload in the terminal UI;
//! subcommands do one job and exit.

pub mod directory;
mod error;
mod opened;
mod plan;
pub mod report;
mod safekeeping;
pub mod team;
mod tui;
mod unlock;

pub use error::CliError;

use crate::clock::Clock;
use crate::config::Config;
use crate::domain::caseload::{CaseFilter, CaseloadView, review};
use crate::store::Store;
use crate::{demo, paths};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use safekeeping::{backup, change_passphrase, rekey, restore};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A terminal caseload manager for social prescribing link workers.
#[derive(Debug, Parser)]
#[command(name = "linkwork", version, about, long_about = None)]
pub struct Cli {
    /// Use this data directory instead of the usual one.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Open a fictional demo caseload in a temporary store (never touches
    /// real data; nothing is saved).
    #[arg(long, conflicts_with = "data_dir")]
    pub demo: bool,
    /// Colour theme: default, light, high-contrast, one of your own, or a
    /// path to a theme file.
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
    /// Read this config file instead of the usual one.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read the passphrase of an encrypted caseload from FILE (for scripts;
    /// keep the file private).
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// What to do (nothing: open the caseload).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `linkwork directory ...`.
#[derive(Debug, Subcommand)]
pub enum DirectoryCommand {
    /// Import a directory (every valid record, or nothing; invalid records
    /// are skipped and named): Open Referral UK / HSDS 3.0 JSON
    /// (a service, a list, an API page, or a folder of pages), HSDS tabular
    /// data (a folder with datapackage.json and CSV tables), or a plain CSV
    /// spreadsheet of services (columns in the README).
    Import {
        /// The file or folder.
        path: PathBuf,
        /// Refuse the whole import if any record is invalid (by default
        /// invalid records are skipped, named, and listed in a report).
        #[arg(long)]
        strict: bool,
    },
    /// Write the directory out in the Open Referral UK standard.
    Export {
        /// The format.
        #[arg(long, value_enum, default_value_t = ExportFormat::OrukJson)]
        format: ExportFormat,
        /// The file (JSON) or folder (CSV tables) to write.
        path: PathBuf,
    },
    /// Print the services best matching QUERY, best first, one per line.
    Search {
        /// Words to find (all must match).
        query: String,
        /// How many results at most.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Pull a live Open Referral UK feed (a council's API): every page of
    /// its services, imported as one import, then what changed in the feed
    /// since the last pull (new, changed, gone). Gone services are marked,
    /// never deleted; an interrupted pull resumes.
    Pull {
        /// The API's address (its base, or its /services address), or the
        /// name of a feed in config.toml; none: every feed there.
        url: Option<String>,
        /// Refuse the whole pull if any record is invalid.
        #[arg(long)]
        strict: bool,
    },
}

/// `linkwork plan ...`.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Write the person's copy of a case's plan: plain language, each
    /// service's when, where, cost and contact, and the first step.
    Export {
        /// The case (its number in `linkwork cases`).
        case: u64,
        /// The file to write (standard output without it).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// A directory export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Open Referral UK / HSDS 3.0 nested JSON (one API-style page).
    OrukJson,
    /// HSDS tabular data: a folder with datapackage.json and CSV tables.
    Csv,
}

/// A caseload view on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ViewArg {
    /// First contacts waiting, due today, overdue.
    Today,
    /// Every open case.
    Open,
    /// Referred, not yet contacted, oldest first.
    Waiting,
    /// Closed, declined, not contactable.
    Closed,
}

impl From<ViewArg> for CaseloadView {
    fn from(v: ViewArg) -> Self {
        match v {
            ViewArg::Today => CaseloadView::Today,
            ViewArg::Open => CaseloadView::Open,
            ViewArg::Waiting => CaseloadView::Waiting,
            ViewArg::Closed => CaseloadView::Closed,
        }
    }
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Aligned text for people (includes names).
    Text,
    /// JSON for programs (no names).
    Json,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, empty caseload store (in --data-dir or the usual
    /// place), optionally encrypted with a passphrase.
    Init {
        /// Encrypt the caseload at rest with a passphrase.
        #[arg(long)]
        encrypt: bool,
    },
    /// Change the passphrase of an encrypted caseload (the data is not
    /// re-encrypted; the old passphrase stops working).
    Passphrase {
        /// Read the new passphrase from FILE instead of asking.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Seal every record of an encrypted caseload again under a new data
    /// key (for when a key file or backup may have leaked): afterwards no
    /// older key file opens it, whatever passphrase it was made with.
    Rekey {
        /// Read the passphrase for the new key from FILE instead of asking
        /// (it may be the same passphrase).
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Write a verified backup of the caseload now (to --out FILE, or to
    /// the data directory's backups/ folder, kept in rotation).
    Backup {
        /// Where to write it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Restore a backup into a new data directory (--data-dir NEW).
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Replace the caseload already in --data-dir (it is moved aside,
        /// whole, not deleted).
        #[arg(long)]
        force: bool,
    },
    /// Print the caseload for scripts: case id, status, dates, counts and
    /// flags (names in the text format only).
    Cases {
        /// Which cases.
        #[arg(long, value_enum, default_value_t = ViewArg::Open)]
        view: ViewArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
    /// The visit card of a connection: when, where to meet, how to get
    /// there, what to expect, who to ask for, cost, who goes with them.
    VisitCard {
        /// The connection (its number on the Connections tab).
        connection: u64,
        /// The file to write (standard output without it).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The message back to the referrer and GP of a closed case (only the
    /// codes and dates when the person did not consent to share).
    DischargeLetter {
        /// The case (its number in `linkwork cases`).
        case: u64,
        /// The file to write (standard output without it).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The commissioner's report for a period: text figures, or
    /// pseudonymised CSV (a row per case) or JSON (both).
    Report {
        /// First day (YYYY-MM-DD; default: a year before --to).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last day (YYYY-MM-DD; default: today).
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = report::ReportFormat::Text)]
        format: report::ReportFormat,
        /// The file to write (standard output without it).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A person's action plan.
    Plan {
        /// What to do with it.
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// The directory of community services.
    Directory {
        /// What to do with it.
        #[command(subcommand)]
        command: DirectoryCommand,
    },
    /// Print the audit trail: when, who, which record, what was done
    /// (never any personal content).
    Audit {
        /// Only entries about this case and its records.
        #[arg(long, value_name = "ID")]
        case: Option<u64>,
    },
    /// Write the demo caseload into an empty data directory (--data-dir)
    /// and exit, so a demo store can persist for scripts.
    SeedDemo,
    /// Working as a team through a NATS JetStream server: create, invite,
    /// join, status, sync.
    Team {
        /// What to do.
        #[command(subcommand)]
        command: team::TeamCommand,
    },
}

/// Where the caseload view, sort, filters and selection are remembered.
pub const REVIEW_FILE: &str = "review.toml";

/// Today, or the date in `LINKWORK_TODAY` (YYYY-MM-DD), which tests and
/// reproducible demos set (see [`Clock::system`]).
fn today() -> NaiveDate {
    Clock::system().today()
}

fn load_config(cli: &Cli) -> Result<Config, CliError> {
    match &cli.config {
        Some(file) if !file.is_file() => Err(CliError::MissingConfig(file.clone())),
        Some(file) => Ok(Config::load(file)?),
        None => match paths::config_file() {
            Some(file) => Ok(Config::load(&file)?),
            None => Ok(Config::default()),
        },
    }
}

fn data_dir(cli: &Cli) -> Result<PathBuf, CliError> {
    cli.data_dir
        .clone()
        .or_else(paths::default_data_dir)
        .ok_or(CliError::NoDataDir)
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let config = load_config(&cli)?;
    // The whole configuration is checked for every command, as strictly as
    // the app checks it.
    tui::keys_and_theme(&cli, &config)?;
    let result = command(&cli, &config);
    match (&cli.command, data_dir(&cli)) {
        // A store that fails while being read is damaged: said so, with
        // the backup that restores it (see `CliError::recovery_hint`).
        (Some(Command::Restore { .. }), _) | (_, Err(_)) => result,
        (_, Ok(dir)) => result.map_err(|e| match e {
            CliError::Store(e) => unreadable(&dir, e),
            other => other,
        }),
    }
}

/// `linkwork cases`: the caseload for scripts (names in the text format
/// only), noted in the audit trail as an export.
fn list_cases(
    cli: &Cli,
    config: &Config,
    view: ViewArg,
    format: FormatArg,
) -> Result<ExitCode, CliError> {
    let pass_file = cli.passphrase_file.as_deref();
    let dir = data_dir(cli)?;
    let store = unlock::open(&dir, &config.worker(), pass_file)?;
    let out = cases_output(&store, view.into(), format, today())?;
    let mut changes = store.changes();
    changes.note(
        crate::store::Entity::Store,
        "-",
        crate::store::AuditAction::Exported {
            what: format!(
                "caseload ({}, {})",
                CaseloadView::from(view).name(),
                if format == FormatArg::Json {
                    "json"
                } else {
                    "text"
                }
            ),
        },
    );
    store.commit(changes)?;
    if format == FormatArg::Json {
        print_out(&crate::domain::text::clean_json(&out));
    } else {
        print_out(&out);
    }
    Ok(ExitCode::SUCCESS)
}

fn command(cli: &Cli, config: &Config) -> Result<ExitCode, CliError> {
    let pass_file = cli.passphrase_file.as_deref();
    match &cli.command {
        Some(Command::Team { command }) => team::run(cli, config, command),
        Some(Command::SeedDemo) => {
            let dir = cli.data_dir.clone().ok_or(CliError::SeedNeedsDir)?;
            seed_demo(&dir, config, pass_file)
        }
        Some(Command::Init { encrypt }) => init(&data_dir(cli)?, config, *encrypt, pass_file),
        Some(Command::Passphrase {
            new_passphrase_file,
        }) => change_passphrase(cli, config, new_passphrase_file.as_deref()),
        Some(Command::Rekey {
            new_passphrase_file,
        }) => rekey(cli, config, new_passphrase_file.as_deref()),
        Some(Command::Backup { out }) => backup(cli, config, out.as_deref()),
        Some(Command::Restore { file, force }) => restore(cli, config, file, *force),
        Some(Command::Plan {
            command: PlanCommand::Export { case, out },
        }) => {
            let dir = data_dir(cli)?;
            let store = unlock::open(&dir, &config.worker(), pass_file)?;
            let text = plan::person_copy(&store, *case, config.signature().as_ref(), today())?;
            write_text(&text, out.as_deref(), &format!("the plan of case {case}"))
        }
        Some(Command::Report {
            from,
            to,
            format,
            out,
        }) => write_report(cli, config, (*from, *to), *format, out.as_deref()),
        Some(Command::VisitCard { connection, out }) => {
            let dir = data_dir(cli)?;
            let store = unlock::open(&dir, &config.worker(), pass_file)?;
            let text = store.visit_card(
                crate::domain::ids::ConnectionId(*connection),
                config.signature().as_ref(),
                today(),
            )?;
            write_text(
                &text,
                out.as_deref(),
                &format!("the visit card of connection {connection}"),
            )
        }
        Some(Command::DischargeLetter { case, out }) => {
            let dir = data_dir(cli)?;
            let store = unlock::open(&dir, &config.worker(), pass_file)?;
            let text = store.discharge_letter(
                crate::domain::ids::CaseId(*case),
                config.signature().as_ref(),
                today(),
            )?;
            write_text(
                &text,
                out.as_deref(),
                &format!("the discharge letter of case {case}"),
            )
        }
        Some(Command::Cases { view, format }) => list_cases(cli, config, *view, *format),
        Some(Command::Directory {
            command: DirectoryCommand::Import { path, strict },
        }) => {
            let dir = data_dir(cli)?;
            let store = unlock::open(&dir, &config.worker(), pass_file)?;
            let c = directory::import(&store, path, *strict)?;
            println!(
                "Imported {}: {} added, {} updated, {} unchanged, {} rejected.{}",
                path.display(),
                c.added,
                c.updated,
                c.unchanged,
                c.rejected,
                c.terms_said()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Directory {
            command: DirectoryCommand::Export { format, path },
        }) => {
            let dir = data_dir(cli)?;
            let store = unlock::open(&dir, &config.worker(), pass_file)?;
            let n = directory::export(&store, *format, path)?;
            let what = match format {
                ExportFormat::OrukJson => "Open Referral JSON",
                ExportFormat::Csv => "HSDS CSV tables",
            };
            println!(
                "Wrote {} to {} ({what}).",
                crate::domain::text::count(n, "service", "services"),
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Directory {
            command: DirectoryCommand::Pull { url, strict },
        }) => {
            let dir = data_dir(cli)?;
            let feeds = directory::pull::feeds(&config.feeds, url.as_deref())?;
            let store = unlock::open(&dir, &config.worker(), pass_file)?;
            for (name, url) in feeds {
                let pulled = directory::pull::pull(&store, &url, *strict, today())?;
                print_out(&pulled.describe(&name));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Directory {
            command: DirectoryCommand::Search { query, limit },
        }) => {
            let dir = data_dir(cli)?;
            let out = match directory::search_cached(&dir, query, *limit, today()) {
                Some(out) => out,
                None => {
                    let store = unlock::open(&dir, &config.worker(), pass_file)?;
                    directory::search(&store, query, *limit, today())?
                }
            };
            print_out(&out);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Audit { case }) => {
            let dir = data_dir(cli)?;
            let store = unlock::open(&dir, &config.worker(), pass_file)?;
            let mut out = std::io::stdout().lock();
            for entry in store.audit_log()? {
                if case.is_none_or(|c| entry.case == Some(c)) {
                    use std::io::Write;
                    let line = entry.to_string();
                    if writeln!(out, "{}", crate::domain::text::clean(&line)).is_err() {
                        break; // the reader went away (e.g. `| head`)
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        None => tui::open_ui(cli, config),
    }
}

/// `linkwork report`: the period defaults to the year to today.
fn write_report(
    cli: &Cli,
    config: &Config,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    format: report::ReportFormat,
    out: Option<&Path>,
) -> Result<ExitCode, CliError> {
    let pass_file = cli.passphrase_file.as_deref();

    let to = to.unwrap_or_else(today);
    let from = from.unwrap_or(to - chrono::Duration::days(365));
    if from > to {
        return Err(CliError::NotYet(format!(
            "The period starts ({from}) after it ends ({to})."
        )));
    }
    let dir = data_dir(cli)?;
    let store = unlock::open(&dir, &config.worker(), pass_file)?;
    let report = store.report(from, to, true)?;
    let mut text = report::render(&report, format)?;
    if format == report::ReportFormat::Json {
        // Cleaned as JSON here, so it stays the same JSON.
        text = crate::domain::text::clean_json(&text).into_owned();
    }
    write_text(&text, out, &format!("the report for {from} to {to}"))
}

/// The `cases` listing.
fn cases_output(
    store: &Store,
    view: CaseloadView,
    format: FormatArg,
    today: NaiveDate,
) -> Result<String, CliError> {
    let rows = store.caseload(today)?;
    let shown = review(
        &rows,
        view,
        &CaseFilter::default(),
        view.default_sort(),
        today,
    );
    let mut out = String::new();
    match format {
        FormatArg::Text => {
            use std::fmt::Write;
            let _ = writeln!(
                out,
                "{:>6}  {:<15}  {:<24}  {:<10}  {:>4}  {:>8}  {:>5}  {:<10}  {:<10}  flags",
                "case",
                "status",
                "name",
                "referred",
                "days",
                "contacts",
                "weeks",
                "next due",
                "last seen"
            );
            for &i in &shown {
                let r = &rows[i];
                let flags: Vec<_> = r.flags.iter().map(|f| f.short()).collect();
                let _ = writeln!(
                    out,
                    "{:>6}  {:<15}  {:<24}  {:<10}  {:>4}  {:>8}  {:>5}  {:<10}  {:<10}  {}",
                    r.case_id.0,
                    r.status.label(),
                    r.name,
                    r.referred_on.to_string(),
                    r.days_open,
                    format!("{}/{}", r.contacts_used, r.contact_limit),
                    format!("{}/{}", r.weeks_used, r.week_limit),
                    r.next
                        .as_ref()
                        .map_or("-".to_owned(), |n| n.due.to_string()),
                    r.last_contact.map_or("-".to_owned(), |d| d.to_string()),
                    flags.join(",")
                );
            }
        }
        FormatArg::Json => {
            let items: Vec<serde_json::Value> = shown
                .iter()
                .map(|&i| {
                    let r = &rows[i];
                    serde_json::json!({
                        "case_id": r.case_id.0,
                        "person_id": r.person_id.0,
                        "status": r.status,
                        "referred_on": r.referred_on,
                        "source": r.source,
                        "needs": r.needs,
                        "days_open": r.days_open,
                        "contacts_used": r.contacts_used,
                        "contact_limit": r.contact_limit,
                        "weeks_used": r.weeks_used,
                        "week_limit": r.week_limit,
                        "next_due": r.next.as_ref().map(|n| n.due),
                        "last_contact": r.last_contact,
                        "flags": r.flags,
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&items)
                .map_err(|e| crate::store::StoreError::Inconsistent(e.to_string()))?;
            out.push('\n');
        }
    }
    Ok(out)
}

/// A record that cannot be read means damaged files: say so, and offer
/// the backup.
fn unreadable(dir: &Path, e: crate::store::StoreError) -> CliError {
    use crate::store::StoreError;
    match e {
        StoreError::Sled(_) if e.is_disk_full() => StoreError::DiskFull {
            path: dir.to_owned(),
            kept: "nothing of this was saved",
        }
        .into(),
        StoreError::Codec(_) | StoreError::Inconsistent(_) | StoreError::Sled(_) => {
            StoreError::Damaged {
                path: dir.to_owned(),
                detail: e.to_string(),
            }
            .into()
        }
        other => other.into(),
    }
}

fn init(
    dir: &Path,
    config: &Config,
    encrypt: bool,
    pass_file: Option<&Path>,
) -> Result<ExitCode, CliError> {
    let passphrase = if encrypt {
        Some(unlock::prompt_new(pass_file)?)
    } else {
        None
    };
    let store = Store::create(dir, &config.worker(), passphrase.as_ref())?;
    if store.is_encrypted() {
        println!(
            "Created an encrypted caseload in {}. Keep the passphrase safe: without it the caseload cannot be read.",
            dir.display()
        );
    } else {
        println!(
            "Created a caseload in {} (not encrypted; see the README on full-disk encryption).",
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn seed_demo(dir: &Path, config: &Config, pass_file: Option<&Path>) -> Result<ExitCode, CliError> {
    let store = unlock::open_or_create(dir, &config.worker(), pass_file)?;
    demo::seed(&store, today())?;
    let cases = store.count(crate::store::TreeName::Cases);
    let services = store.count(crate::store::TreeName::Services);
    println!(
        "Wrote the demo caseload ({cases} cases, {services} directory services) to {}.",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes text for people (a letter, a card, a copy, a listing) to
/// standard output, cleaned of anything that could drive the terminal
/// (see [`crate::domain::text::clean`]): what came from a feed or was
/// typed is shown, never obeyed. JSON is cleaned by the caller as JSON.
fn print_out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout()
        .lock()
        .write_all(crate::domain::text::clean(text).as_bytes());
}

/// Writes `text`, cleaned, to `out` (0600) with a line saying so, or to
/// standard output. JSON comes here already cleaned as JSON (which leaves
/// nothing for this cleaning to change).
fn write_text(text: &str, out: Option<&Path>, what: &str) -> Result<ExitCode, CliError> {
    let text = crate::domain::text::clean(text);
    match out {
        Some(file) => {
            crate::store::write_private(file, text.as_bytes())?;
            print_out(&format!("Wrote {what} to {}.\n", file.display()));
        }
        None => print_out(&text),
    }
    Ok(ExitCode::SUCCESS)
}
