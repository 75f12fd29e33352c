//! Reading one record of a feed: its fields as text, numbers, dates,
//! lists and nested records, each problem named by the record's whole path
//! (`schedules[0].opens_at`), and what is left kept as published.

use crate::domain::directory::Extra;
use crate::import::{ImportError, Location, shorten};
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// Where a nested record sits in its parent: under a field, or as item
/// `.1` of a list field.
#[derive(Clone, Copy)]
pub(super) enum Seg<'p> {
    Field(&'p str),
    Item(&'p str, usize),
}

/// A record being read: the record, where it is, and (for a nested one)
/// the record it sits in, so a problem names its whole path
/// (`schedules[0].opens_at`) without a path being built for every record.
pub(super) struct Ctx<'p, 'a> {
    pub(super) at: &'a Location,
    pub(super) obj: &'a Map<String, Value>,
    parent: Option<(&'p Ctx<'p, 'a>, Seg<'p>)>,
}

impl<'p, 'a> Ctx<'p, 'a> {
    /// A record at the top of its file.
    pub(super) fn top(at: &'a Location, obj: &'a Map<String, Value>) -> Self {
        Ctx {
            at,
            obj,
            parent: None,
        }
    }

    /// `a.b[2].` for a record nested at `a.b[2]`.
    pub(super) fn path(&self) -> String {
        let mut segs = Vec::new();
        let mut here = self;
        while let Some((parent, seg)) = here.parent {
            segs.push(seg);
            here = parent;
        }
        segs.iter()
            .rev()
            .map(|seg| match seg {
                Seg::Field(f) => format!("{f}."),
                Seg::Item(f, i) => format!("{f}[{i}]."),
            })
            .collect()
    }

    pub(super) fn err(&self, field: &str, message: String) -> ImportError {
        ImportError::Field {
            at: self.at.clone(),
            field: format!("{}{field}", self.path()),
            message,
        }
    }

    pub(super) fn child<'c>(&'c self, seg: Seg<'c>, obj: &'a Map<String, Value>) -> Ctx<'c, 'a> {
        Ctx {
            at: self.at,
            obj,
            parent: Some((self, seg)),
        }
    }

    pub(super) fn value(&self, field: &str) -> Option<&'a Value> {
        self.obj.get(field).filter(|v| !v.is_null())
    }

    pub(super) fn text(&self, field: &str) -> Result<Option<String>, ImportError> {
        match self.value(field) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone()).filter(|s| !s.trim().is_empty())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => Err(self.err(field, format!("should be text, not {}", kind(other)))),
        }
    }

    pub(super) fn required_text(&self, field: &str) -> Result<String, ImportError> {
        self.text(field)?
            .ok_or_else(|| self.err(field, "is missing".into()))
    }

    pub(super) fn number(&self, field: &str) -> Result<Option<f64>, ImportError> {
        match self.value(field) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => s
                .trim()
                .parse::<f64>()
                .map(Some)
                .map_err(|_| self.err(field, format!("\"{}\" is not a number", shorten(s)))),
            Some(other) => Err(self.err(field, format!("should be a number, not {}", kind(other)))),
        }
    }

    pub(super) fn whole(&self, field: &str) -> Result<Option<u32>, ImportError> {
        match self.number(field)? {
            None => Ok(None),
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => {
                Ok(Some(n as u32))
            }
            Some(n) => Err(self.err(field, format!("{n} is not a whole number of 0 or more"))),
        }
    }

    pub(super) fn date(&self, field: &str) -> Result<Option<NaiveDate>, ImportError> {
        match self.text(field)? {
            None => Ok(None),
            Some(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(&s), "%Y-%m-%d")
                .map(Some)
                .map_err(|_| {
                    self.err(
                        field,
                        format!("\"{}\" is not a date (YYYY-MM-DD)", shorten(&s)),
                    )
                }),
        }
    }

    pub(super) fn list<T>(
        &self,
        field: &str,
        each: impl Fn(&Ctx<'_, 'a>) -> Result<T, ImportError>,
    ) -> Result<Vec<T>, ImportError> {
        match self.value(field) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::Object(obj) => each(&self.child(Seg::Item(field, i), obj)),
                    other => Err(self.err(
                        &format!("{field}[{i}]"),
                        format!("should be an object, not {}", kind(other)),
                    )),
                })
                .collect(),
            Some(other) => Err(self.err(field, format!("should be a list, not {}", kind(other)))),
        }
    }

    /// Every field of the record but `used`, kept as published: what
    /// linkwork does not model is never dropped. A field with nothing in
    /// it (`null`, `""`, `[]`, `{}`) says nothing and is not kept, as CSV
    /// could not keep it either.
    pub(super) fn rest(&self, used: &[&[&str]]) -> Extra {
        self.obj
            .iter()
            .filter(|(k, v)| !empty(v) && !used.iter().any(|u| u.contains(&k.as_str())))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    pub(super) fn object<'c>(&'c self, field: &'c str) -> Result<Option<Ctx<'c, 'a>>, ImportError> {
        match self.value(field) {
            None => Ok(None),
            Some(Value::Object(obj)) => Ok(Some(self.child(Seg::Field(field), obj))),
            Some(other) => {
                Err(self.err(field, format!("should be an object, not {}", kind(other))))
            }
        }
    }
}

/// Whether a value holds nothing: `null`, blank text, an empty list or
/// object.
pub(super) fn empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

pub(super) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
