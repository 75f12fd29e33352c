//! Slow work off the UI thread: a job runs on a thread of its own and its
//! result comes back as an event the loop takes between key presses, so no
//! key waits on the store.

use crate::domain::caseload::CaseOverview;
use crate::domain::report::Report;
use crate::store::StoreError;
use std::sync::mpsc::{Receiver, Sender, channel};

/// Which kind of work a job does (one of each kind at a time: a newer job
/// makes an older one's result stale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    /// Every case's caseload row.
    Caseload,
    /// The commissioner's report for a period.
    Report,
    /// Pulling the live feeds named in config.toml.
    Pull,
}

/// A feed pulled: the diff in a line and the file holding it whole, or
/// why it failed.
pub type FeedPulled = Result<(String, std::path::PathBuf), String>;

/// What a finished job hands back.
#[derive(Debug)]
pub enum JobResult {
    /// Every case's row.
    Caseload(Result<Vec<CaseOverview>, StoreError>),
    /// The report.
    Report(Result<Box<Report>, StoreError>),
    /// Each feed pulled: its name, and what came of it.
    Pull(Vec<(String, FeedPulled)>),
}

impl JobResult {
    /// The result of a job that failed without an answer (it panicked).
    fn failed(job: Job) -> Self {
        let why = "a background task stopped unexpectedly; try again (nothing was changed by it)";
        match job {
            Job::Caseload => Self::Caseload(Err(StoreError::Refused(why.into()))),
            Job::Report => Self::Report(Err(StoreError::Refused(why.into()))),
            // No feed's name: the pull as a whole failed.
            Job::Pull => Self::Pull(vec![(String::new(), Err(why.into()))]),
        }
    }

    fn job(&self) -> Job {
        match self {
            Self::Caseload(_) => Job::Caseload,
            Self::Report(_) => Job::Report,
            Self::Pull(_) => Job::Pull,
        }
    }
}

/// The jobs under way.
#[derive(Debug)]
pub struct Jobs {
    tx: Sender<(u64, JobResult)>,
    rx: Receiver<(u64, JobResult)>,
    /// The newest generation started of each kind.
    newest: std::collections::HashMap<Job, u64>,
    next: u64,
}

impl Default for Jobs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self {
            tx,
            rx,
            newest: Default::default(),
            next: 0,
        }
    }
}

impl Jobs {
    /// Starts `work` on a thread of its own.
    pub fn spawn(&mut self, job: Job, work: impl FnOnce() -> JobResult + Send + 'static) {
        self.next += 1;
        let generation = self.next;
        self.newest.insert(job, generation);
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            // A job that panics still answers (as a failure), so nothing
            // waits for it for ever.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                .unwrap_or_else(|_| JobResult::failed(job));
            // The app may have quit; nobody is waiting then.
            let _ = tx.send((generation, result));
        });
    }

    /// Whether a job of this kind is under way.
    pub fn running(&self, job: Job) -> bool {
        self.newest.contains_key(&job)
    }

    /// Whether any job is under way (the loop then wakes more often).
    pub fn any_running(&self) -> bool {
        !self.newest.is_empty()
    }

    /// The results that have come back, newest of each kind only.
    pub fn take(&mut self) -> Vec<JobResult> {
        let mut out = Vec::new();
        while let Ok((generation, result)) = self.rx.try_recv() {
            let job = result.job();
            if self.newest.get(&job) == Some(&generation) {
                self.newest.remove(&job);
                out.push(result);
            }
        }
        out
    }

    /// Waits for every job under way (tests, and before quitting).
    pub fn wait(&mut self) -> Vec<JobResult> {
        let mut out = Vec::new();
        while !self.newest.is_empty() {
            match self.rx.recv() {
                Ok((generation, result)) => {
                    let job = result.job();
                    if self.newest.get(&job) == Some(&generation) {
                        self.newest.remove(&job);
                        out.push(result);
                    }
                }
                Err(_) => break,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_that_panics_answers_as_a_failure() {
        let mut jobs = Jobs::default();
        jobs.spawn(Job::Pull, || panic!("a library unwrap in a pull"));
        let results = jobs.wait();
        assert!(!jobs.any_running());
        match results.as_slice() {
            [JobResult::Pull(pulled)] => assert!(pulled[0].1.is_err()),
            other => panic!("{other:?}"),
        }
    }
}
