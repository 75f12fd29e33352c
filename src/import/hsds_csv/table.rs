//! One CSV table of a tabular package (or a spreadsheet) as read: its
//! columns by name and its rows, each row's cells in one text.

use crate::import::{ImportError, Location};
use std::collections::HashMap;

/// One CSV table.
#[derive(Debug, Default)]
pub(crate) struct Table {
    /// Its file's name, for errors.
    pub(super) file: String,
    /// Each column's place, by its name (trimmed, lower case).
    pub(super) columns: HashMap<String, usize>,
    pub(super) rows: Vec<Row>,
}

/// One row: its cells one after another in one text, and where each
/// ends (a table of 100,000 rows is two allocations a row, not one a
/// cell).
#[derive(Debug)]
pub(super) struct Row {
    /// The line it starts on.
    pub(super) line: usize,
    text: Box<str>,
    ends: Box<[u32]>,
}

impl Row {
    /// Cell `i`, as written.
    pub(super) fn cell(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => 0,
            _ => *self.ends.get(i - 1)? as usize,
        };
        self.text.get(start..end)
    }
}

impl Table {
    /// Reads a table: UTF-8 (a BOM is allowed), CRLF or LF, quoted fields;
    /// every row must have as many columns as the header.
    pub(crate) fn read(file: &str, bytes: &[u8]) -> Result<Table, ImportError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let at = |line: usize| Location {
            file: file.to_owned(),
            record: None,
            line: Some(u32::try_from(line).unwrap_or(u32::MAX)),
            id: None,
        };
        // Cells are kept as written: free text keeps its spaces (as JSON
        // does), and ids, numbers and dates are trimmed where read.
        let text = |line: usize, column: &str, raw: &[u8]| -> Result<String, ImportError> {
            std::str::from_utf8(raw)
                .map(str::to_owned)
                .map_err(|_| ImportError::Field {
                    at: at(line),
                    field: column.to_owned(),
                    message: "is not UTF-8 text".into(),
                })
        };
        let csv_error = |e: csv::Error| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            ImportError::Syntax {
                file: file.to_owned(),
                line,
                column: 1,
                message: format!("this is not a readable CSV table ({e})"),
            }
        };
        let header = reader.byte_headers().map_err(csv_error)?.clone();
        let mut columns = HashMap::new();
        for (i, raw) in header.iter().enumerate() {
            let name = text(1, &format!("column {}", i + 1), raw)?;
            columns.insert(name.trim().to_ascii_lowercase(), i);
        }
        let mut rows = Vec::new();
        let mut record = csv::ByteRecord::new();
        // Lines are counted here from byte offsets (csv's own count treats
        // a lone CR as a line end, which CRLF files do not mean).
        let (mut counted_to, mut line) = (0usize, 1usize);
        while reader.read_byte_record(&mut record).map_err(csv_error)? {
            let start = record.position().map_or(counted_to, |p| p.byte() as usize);
            let mut start = start.min(bytes.len()).max(counted_to);
            while bytes.get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
                start += 1;
            }
            line += bytes[counted_to..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted_to = start;
            if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) {
                continue; // a blank line
            }
            if record.len() != header.len() {
                return Err(ImportError::Field {
                    at: at(line),
                    field: "row".into(),
                    message: format!(
                        "has {} columns; the header has {}",
                        record.len(),
                        header.len()
                    ),
                });
            }
            let mut cells = String::with_capacity(record.as_slice().len());
            let mut ends = Vec::with_capacity(record.len());
            for (i, raw) in record.iter().enumerate() {
                let column = std::str::from_utf8(&header[i]).unwrap_or("column");
                cells.push_str(std::str::from_utf8(raw).map_err(|_| ImportError::Field {
                    at: at(line),
                    field: column.to_owned(),
                    message: "is not UTF-8 text".into(),
                })?);
                ends.push(u32::try_from(cells.len()).map_err(|_| ImportError::Field {
                    at: at(line),
                    field: "row".into(),
                    message: "is longer than 4 GB".into(),
                })?);
            }
            rows.push(Row {
                line,
                text: cells.into(),
                ends: ends.into(),
            });
        }
        Ok(Table {
            file: file.to_owned(),
            columns,
            rows,
        })
    }
}
