//! The sync worker: a thread with its own tokio runtime that connects to
//! the team's NATS server, applies what others published (in order, from
//! the cursor kept in the store) and publishes the outbox (in order, each
//! change checked by the server against the last sequence of its case this
//! store had seen). The UI thread never waits on it: it reads
//! [`SyncHandle::status`].

use super::envelope::{self, Payload};
use super::membership::Membership;
use super::status::{StatusCell, SyncState, SyncStatus};
use super::subjects::{self, Subject};
use crate::store::Store;
use crate::store::team::{Applied, Incoming, Outgoing};
use async_nats::jetstream::{self, consumer::DeliverPolicy, consumer::pull::OrderedConfig};
use chrono::Utc;
use futures_util::StreamExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the worker looks at the outbox and the connection.
const TICK: Duration = Duration::from_millis(50);
/// How many changes from the server are applied before they are made
/// durable while catching up (at once when the stream pauses).
const SETTLE_EVERY: usize = 2000;

/// A running sync worker; dropping it stops the worker (it finishes the
/// change in hand first: nothing is half-applied, the store's commits
/// are atomic).
pub struct SyncHandle {
    status: Arc<StatusCell>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for SyncHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncHandle").finish_non_exhaustive()
    }
}

impl SyncHandle {
    /// Starts the worker for `store`'s team.
    pub fn start(store: Arc<Store>, membership: Membership) -> Self {
        let status = Arc::new(StatusCell::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (status.clone(), stop.clone());
        let thread = std::thread::Builder::new()
            .name("linkwork-sync".into())
            .spawn(move || {
                let cell = s.clone();
                // A panic in the worker stops sharing, not the app.
                let worked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    run(store, membership, s, st)
                }));
                if worked.is_err() {
                    cell.update(|s| {
                        s.state = SyncState::Offline { since: Utc::now() };
                        s.problem = Some(
                            "the sync stopped unexpectedly; open linkwork again to sync".into(),
                        );
                    });
                }
            })
            .ok();
        Self {
            status,
            stop,
            thread,
        }
    }

    /// Where things stand now.
    pub fn status(&self) -> SyncStatus {
        self.status.get()
    }

    /// Asks the worker to stop and waits for it.
    pub fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for SyncHandle {
    fn drop(&mut self) {
        self.halt();
    }
}

fn run(store: Arc<Store>, team: Membership, status: Arc<StatusCell>, stop: Arc<AtomicBool>) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            status.update(|s| s.problem = Some(format!("the sync worker could not start: {e}")));
            return;
        }
    };
    runtime.block_on(async {
        let mut backoff = Duration::from_millis(200);
        let _settle = Settle(&store);
        while !stop.load(Ordering::SeqCst) {
            refresh_counts(&store, &status);
            let began = tokio::time::Instant::now();
            match session(&store, &team, &status, &stop).await {
                Ok(()) => break,
                Err(problem) => {
                    // A session that ran a while starts the waits afresh.
                    if began.elapsed() > Duration::from_secs(10) {
                        backoff = Duration::from_millis(200);
                    }
                    status.update(|s| {
                        if !matches!(s.state, SyncState::Offline { .. }) {
                            s.state = SyncState::Offline { since: Utc::now() };
                        }
                        s.problem = Some(problem);
                    });
                    refresh_counts(&store, &status);
                    let until = tokio::time::Instant::now() + backoff;
                    while tokio::time::Instant::now() < until && !stop.load(Ordering::SeqCst) {
                        tokio::time::sleep(TICK).await;
                        refresh_counts(&store, &status);
                    }
                    backoff = (backoff * 2).min(Duration::from_secs(3));
                }
            }
        }
    });
}

/// Makes what the worker applied durable when it stops, however it stops.
struct Settle<'a>(&'a Store);

impl Drop for Settle<'_> {
    fn drop(&mut self) {
        let _ = self.0.settle();
    }
}

fn refresh_counts(store: &Store, status: &StatusCell) {
    let waiting = store.outbox_len();
    let needs = store.conflict_count();
    status.update(|s| {
        s.waiting = waiting;
        s.needs_a_look = needs;
    });
}

async fn connect(store: &Store, team: &Membership) -> Result<async_nats::Client, String> {
    let mut options = async_nats::ConnectOptions::with_user_and_password(
        team.me.id.clone(),
        team.password.clone(),
    )
    .connection_timeout(Duration::from_secs(2))
    .request_timeout(Some(Duration::from_secs(5)))
    .max_reconnects(Some(1));
    if let Some(pem) = &team.tls_ca {
        // Kept in the data folder, private (never in a shared temporary
        // folder where another user could put their own authority).
        let path = store.dir().join("team-ca.pem");
        crate::store::write_private(&path, pem.as_bytes())
            .map_err(|e| format!("could not keep the server's CA: {e}"))?;
        options = options.add_root_certificates(path).require_tls(true);
    }
    options
        .connect(team.server.as_str())
        .await
        .map_err(|e| format!("the team's server cannot be reached ({})", e.kind()))
}

async fn session(
    store: &Store,
    started_as: &Membership,
    status: &StatusCell,
    stop: &AtomicBool,
) -> Result<(), String> {
    // The membership as the store has it now (a new key or roster may
    // have arrived since the worker started).
    let mut team = Membership::of(store)
        .map_err(|e| e.to_string())?
        .unwrap_or_else(|| started_as.clone());
    let client = connect(store, &team).await?;
    let js = jetstream::new(client.clone());
    let stream_name = subjects::stream(&team.team_id);
    let mut stream = if team.is_supervisor() {
        js.get_or_create_stream(jetstream::stream::Config {
            name: stream_name.clone(),
            subjects: vec![subjects::all(&team.team_id)],
            storage: jetstream::stream::StorageType::File,
            duplicate_window: Duration::from_secs(120),
            max_message_size: envelope::MAX_PAYLOAD as i32,
            ..Default::default()
        })
        .await
        .map_err(|e| format!("the team's stream could not be made ({})", e.kind()))?
    } else {
        js.get_stream(&stream_name)
            .await
            .map_err(|e| format!("the team's stream cannot be read ({})", e.kind()))?
    };
    let last = stream
        .info()
        .await
        .map_err(|e| format!("the team's stream cannot be read ({})", e.kind()))?
        .state
        .last_sequence;
    let cursor = store.team_cursor().map_err(|e| e.to_string())?;
    let deliver_policy = if cursor == 0 {
        DeliverPolicy::All
    } else {
        DeliverPolicy::ByStartSequence {
            start_sequence: cursor + 1,
        }
    };
    let consumer = stream
        .create_consumer(OrderedConfig {
            filter_subject: subjects::all(&team.team_id),
            deliver_policy,
            ..Default::default()
        })
        .await
        .map_err(|e| format!("the team's changes cannot be read ({})", e.kind()))?;
    let mut messages = consumer
        .messages()
        .await
        .map_err(|e| format!("the team's changes cannot be read ({})", e.kind()))?;
    let mut caught_up = last <= cursor;
    let mut unsettled = 0usize;
    status.update(|s| {
        s.state = if caught_up {
            SyncState::Online
        } else {
            SyncState::CatchingUp {
                left: last - cursor,
            }
        };
        s.problem = None;
    });
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        let mut busy = false;
        tokio::select! {
            next = messages.next() => match next {
                Some(Ok(message)) => {
                    let info = message.info().map_err(|e| e.to_string())?;
                    let (seq, pending) = (info.stream_sequence, info.pending);
                    if receive(store, &team, status, &message.subject, &message.payload, seq)? {
                        team = Membership::of(store)
                            .map_err(|e| e.to_string())?
                            .unwrap_or(team);
                    }
                    unsettled += 1;
                    if pending == 0 {
                        caught_up = true;
                        status.update(|s| s.state = SyncState::Online);
                    } else {
                        busy = true;
                        status.update(|s| s.state = SyncState::CatchingUp { left: pending });
                    }
                }
                Some(Err(e)) => return Err(format!("the team's changes stopped arriving ({})", e.kind())),
                None => return Err("the team's changes stopped arriving".into()),
            },
            _ = tokio::time::sleep(TICK) => {}
        }
        // While changes are still arriving, read on; the rest waits for a
        // pause (what was applied is made durable every so often).
        if busy && unsettled < SETTLE_EVERY {
            continue;
        }
        if unsettled > 0 {
            store.settle().map_err(|e| e.to_string())?;
            unsettled = 0;
        }
        if busy {
            continue;
        }
        if client.connection_state() != async_nats::connection::State::Connected {
            return Err("the connection to the team's server was lost".into());
        }
        if caught_up {
            if !team.announcements.is_empty() {
                announce(store, &mut team, &js).await?;
            }
            publish_outbox(store, &team, &js, status).await?;
            store.settle().map_err(|e| e.to_string())?;
        }
        refresh_counts(store, status);
    }
}

/// Applies one message; true when it changed the membership (a new key
/// or roster).
fn receive(
    store: &Store,
    team: &Membership,
    status: &StatusCell,
    subject: &str,
    payload: &[u8],
    seq: u64,
) -> Result<bool, String> {
    let author = match subjects::parse(&team.team_id, subject) {
        Subject::Case { author } | Subject::Roster { author } | Subject::Directory { author } => {
            author
        }
        Subject::Other => return skip(store, seq).map(|()| false),
    };
    let opened = match envelope::open(team, subject, payload) {
        Ok(p) => p,
        Err(e) => {
            status.update(|s| s.problem = Some(e.to_string()));
            return skip(store, seq).map(|()| false);
        }
    };
    let from_supervisor = team
        .roster
        .iter()
        .any(|m| m.id == author && m.role == super::Role::Supervisor);
    match opened {
        Payload::Change(change) => {
            let incoming = Incoming {
                stream_seq: seq,
                author: author.to_owned(),
                author_name: team.name_of(author),
                change,
            };
            match store.apply_incoming(&incoming).map_err(|e| e.to_string())? {
                Applied::Applied { .. } => status.update(|s| s.received += 1),
                Applied::Directory => status.update(|s| s.received_directory += 1),
                Applied::AlreadyHad | Applied::OwnArrived => {}
                Applied::Ignored(why) => status.update(|s| {
                    s.problem = Some(format!("a change was ignored: {why}"));
                }),
            }
            Ok(false)
        }
        Payload::Roster { members } => {
            let mut changed = false;
            if from_supervisor
                && author != team.me.id
                && let Ok(Some(mut kept)) = Membership::of(store)
            {
                // A supervisor keeps the password hashes of its own roster.
                if !kept.is_supervisor() {
                    kept.roster = members;
                    kept.keep(store).map_err(|e| e.to_string())?;
                    changed = true;
                }
            }
            skip(store, seq).map(|()| changed)
        }
        Payload::Keys { epoch, wrapped } => {
            let mut changed = false;
            if from_supervisor && let Ok(Some(mut kept)) = Membership::of(store) {
                let identity = super::invite::identity(store).map_err(|e| e.to_string())?;
                if kept.take_key(epoch, &wrapped, &identity) {
                    kept.keep(store).map_err(|e| e.to_string())?;
                    changed = true;
                }
            }
            skip(store, seq).map(|()| changed)
        }
    }
}

/// Publishes what a supervisor has to announce (a new key, the roster),
/// then forgets it. A new key is sealed with the key before it, which
/// every member still has; only those it is wrapped for can open it.
async fn announce(
    store: &Store,
    team: &mut Membership,
    js: &jetstream::Context,
) -> Result<(), String> {
    let subject = subjects::roster_subject(&team.team_id, &team.me.id);
    for payload in team.announcements.clone() {
        let bytes = match &payload {
            Payload::Keys { epoch, .. } => {
                envelope::seal_with(team, epoch.saturating_sub(1), &subject, &payload)
            }
            _ => envelope::seal(team, &subject, &payload),
        }
        .map_err(|e| e.to_string())?;
        js.publish(subject.clone(), bytes.into())
            .await
            .map_err(|e| format!("an announcement could not be sent ({})", e.kind()))?
            .await
            .map_err(|e| format!("an announcement was not acknowledged ({})", e.kind()))?;
    }
    team.announcements.clear();
    if let Ok(Some(mut kept)) = Membership::of(store) {
        kept.announcements.clear();
        kept.keep(store).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn skip(store: &Store, seq: u64) -> Result<(), String> {
    store.skip_to(seq).map_err(|e| e.to_string())
}

async fn publish_outbox(
    store: &Store,
    team: &Membership,
    js: &jetstream::Context,
    status: &StatusCell,
) -> Result<(), String> {
    // One at a time: a refusal takes the case's later changes out too.
    loop {
        let Some(out) = store.outgoing(1).map_err(|e| e.to_string())?.pop() else {
            return Ok(());
        };
        publish_one(store, team, js, &out).await?;
        status.update(|s| s.waiting = s.waiting.saturating_sub(1));
    }
}

async fn publish_one(
    store: &Store,
    team: &Membership,
    js: &jetstream::Context,
    out: &Outgoing,
) -> Result<(), String> {
    let subject = subjects::case_subject(&team.team_id, out.case, &team.me.id);
    let payload =
        envelope::seal(team, &subject, &Payload::Change(out.clone())).map_err(|e| e.to_string())?;
    let expected = store.expected_sequence(out).map_err(|e| e.to_string())?;
    let message = jetstream::message::PublishMessage::build()
        .payload(payload.into())
        .message_id(&out.change_id)
        .expected_last_subject_sequence(expected)
        .header(
            "Nats-Expected-Last-Subject-Sequence-Subject",
            subjects::case_filter(&team.team_id, out.case).as_str(),
        );
    let ack = js
        .send_publish(subject, message)
        .await
        .map_err(|e| format!("a change could not be sent ({})", e.kind()))?
        .await;
    match ack {
        Ok(ack) => store
            .published(out, ack.sequence)
            .map_err(|e| e.to_string()),
        Err(e) if e.kind() == jetstream::context::PublishErrorKind::WrongLastSequence => store
            .refused(
                out,
                "the case had changed on the server since this device last saw it",
            )
            .map_err(|e| e.to_string()),
        Err(e) => Err(format!("a change was not acknowledged ({})", e.kind())),
    }
}

/// Runs the worker in the foreground until it has nothing left to send
/// and has applied everything the server held when it connected, or
/// until `limit` passes (for `linkwork team sync` and tests).
pub fn sync_once(store: Arc<Store>, team: Membership, limit: Duration) -> SyncStatus {
    sync_once_watched(store, team, limit, |_| {})
}

/// [`sync_once`], telling `watch` where things stand at every tick (a
/// progress bar).
pub fn sync_once_watched(
    store: Arc<Store>,
    team: Membership,
    limit: Duration,
    mut watch: impl FnMut(&SyncStatus),
) -> SyncStatus {
    let handle = SyncHandle::start(store.clone(), team);
    let start = std::time::Instant::now();
    loop {
        let s = handle.status();
        watch(&s);
        if s.state == SyncState::Online && store.outbox_len() == 0 {
            break;
        }
        if start.elapsed() > limit {
            break;
        }
        std::thread::sleep(TICK);
    }
    let mut s = handle.status();
    handle.stop();
    // The counts as the store has them now (the worker refreshes its own
    // between ticks).
    s.waiting = store.outbox_len();
    s.needs_a_look = store.conflict_count();
    s
}
