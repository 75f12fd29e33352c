//! Rows of a tabular package that could not be read: each named, and the
//! service each belongs to skipped whole, as a JSON import skips a record.

use crate::import::ImportError;
use std::collections::HashSet;

/// Rows that could not be read, each named, and the services they
/// belong to (skipped whole, as a JSON import skips a record).
#[derive(Default)]
pub struct Rejects {
    /// What was wrong, row by row, in the order met.
    pub errors: Vec<ImportError>,
    /// The services (by index) with a row that could not be read.
    pub services: HashSet<usize>,
}

/// What a row belongs to: a service (by index), or something that is not
/// one.
pub trait RowOwner {
    /// The service, if it is one.
    fn service(&self) -> Option<usize>;
}

impl RowOwner for usize {
    fn service(&self) -> Option<usize> {
        Some(*self)
    }
}

impl RowOwner for Option<usize> {
    fn service(&self) -> Option<usize> {
        *self
    }
}

impl RowOwner for () {
    fn service(&self) -> Option<usize> {
        None
    }
}

impl RowOwner for String {
    fn service(&self) -> Option<usize> {
        None
    }
}

impl Rejects {
    /// Reads one row that belongs to no service (an organisation, a
    /// location, a taxonomy term): an error is kept.
    pub fn record(&mut self, read: impl FnOnce() -> Result<(), ImportError>) {
        self.row(Ok(Some(())), |()| read());
    }

    /// Keeps `e`, skipping the service at `index` with it.
    pub fn reject(&mut self, index: usize, e: ImportError) {
        self.services.insert(index);
        self.errors.push(e);
    }

    /// Reads one row whose owner was found (`Ok(Some)`), not needed
    /// (`Ok(None)`: the row is for nothing linkwork keeps), or named wrongly
    /// (`Err`): an error is kept, and marks the owning service.
    pub fn row<T: RowOwner + Clone>(
        &mut self,
        owner: Result<Option<T>, ImportError>,
        read: impl FnOnce(T) -> Result<(), ImportError>,
    ) {
        match owner {
            Ok(None) => {}
            Err(e) => self.errors.push(e),
            Ok(Some(owner)) => {
                if let Err(e) = read(owner.clone()) {
                    if let Some(i) = owner.service() {
                        self.services.insert(i);
                    }
                    self.errors.push(e);
                }
            }
        }
    }
}
