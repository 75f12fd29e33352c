//! A list kept in runs of fixed length, so that runs decoded in parallel
//! become the list without being copied into one block.

use std::ops::Index;

/// Items per run.
pub const RUN: usize = 4096;

/// A list in runs of [`RUN`] items (the last may be shorter).
#[derive(Debug, Clone)]
pub struct Runs<T> {
    runs: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Runs<T> {
    fn default() -> Self {
        Self {
            runs: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Runs<T> {
    /// A list from runs, each but the last exactly [`RUN`] long (`None`
    /// otherwise).
    pub fn from_runs(runs: Vec<Vec<T>>) -> Option<Self> {
        let count = runs.len();
        let whole = runs
            .iter()
            .enumerate()
            .all(|(i, r)| r.len() == RUN || (i + 1 == count && r.len() <= RUN));
        let len = runs.iter().map(Vec::len).sum();
        whole.then_some(Self { runs, len })
    }

    /// The runs.
    pub fn runs(&self) -> &[Vec<T>] {
        &self.runs
    }

    /// How many items.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Item `i`.
    pub fn get(&self, i: usize) -> Option<&T> {
        self.runs.get(i / RUN)?.get(i % RUN)
    }

    /// Adds an item at the end.
    pub fn push(&mut self, item: T) {
        match self.runs.last_mut() {
            Some(run) if run.len() < RUN => run.push(item),
            _ => {
                let mut run = Vec::with_capacity(RUN);
                run.push(item);
                self.runs.push(run);
            }
        }
        self.len += 1;
    }

    /// Every item, in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.runs.iter().flatten()
    }

    /// Every item, in order, to change.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.runs.iter_mut().flatten()
    }
}

impl<T> Index<usize> for Runs<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        &self.runs[i / RUN][i % RUN]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_across_runs_and_checks_their_lengths() {
        let mut r = Runs::default();
        for i in 0..RUN * 2 + 5 {
            r.push(i);
        }
        assert_eq!(r.len(), RUN * 2 + 5);
        assert_eq!(r[RUN + 7], RUN + 7);
        assert_eq!(r.get(RUN * 2 + 4), Some(&(RUN * 2 + 4)));
        assert_eq!(r.get(RUN * 2 + 5), None);
        assert_eq!(r.iter().count(), RUN * 2 + 5);
        let again = Runs::from_runs(r.runs().to_vec()).unwrap();
        assert_eq!(again.len(), r.len());
        assert!(
            Runs::from_runs(vec![vec![1], vec![2]]).is_none(),
            "a short run before the last"
        );
    }
}
