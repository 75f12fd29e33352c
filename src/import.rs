//! Importing outside data. Parsers here are pure (bytes in, records or an
//! error naming the file, record and field out); reading files and writing
//! the store happen at the edges.

pub mod hsds_csv;
pub mod hsds_csv_export;
pub mod hsds_export;
pub mod hsds_json;
pub mod modelled;
pub mod plain_csv;

use std::fmt;
use thiserror::Error;

/// Fields and tables of HSDS 1.x/2.0 that 3.0 renamed or dropped: a record
/// or package holding them is of an older version.
pub(crate) const OLDER_HSDS: [&str; 3] = [
    "regular_schedules",
    "physical_addresses",
    "holiday_schedules",
];

/// Why an HSDS 1.x/2.0 input is refused.
pub(crate) const OLDER_HSDS_SAYS: &str =
    "HSDS 1.x/2.0 (\"regular_schedules\", \"physical_addresses\")";

pub(crate) use crate::domain::text::shorten;

/// Where in the input a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as the user named it.
    pub file: String,
    /// 1-based record number within the file, when known.
    pub record: Option<usize>,
    /// 1-based line of a CSV file (the header is line 1), when known.
    pub line: Option<u32>,
    /// The record's id, when known.
    pub id: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(n) = self.line {
            write!(f, " line {n}")?;
        } else if let Some(n) = self.record {
            write!(f, " record {n}")?;
        }
        if let Some(id) = &self.id {
            write!(f, " (id {id})")?;
        }
        Ok(())
    }
}

/// Why an import was refused. Nothing is written when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// The file is not JSON (or is cut short), at a line and column.
    #[error("{file} line {line} column {column}: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A field of a record is wrong.
    #[error("{at}: {field} {message}")]
    Field {
        /// Where.
        at: Location,
        /// The field (dotted path inside the record).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The file's shape is not one we read.
    #[error("{file}: {message}")]
    Shape {
        /// The file.
        file: String,
        /// What was expected.
        message: String,
    },
}
