//! The commissioner's report over the whole store, and the key its
//! pseudonyms are made with (made once, kept in the store).

use super::Store;
use super::audit::AuditAction;
use super::error::StoreError;
use super::keys;
use super::tree::TreeName;
use crate::domain::directory::{Organisation, Service, ServiceFacts};
use crate::domain::report::{Report, ReportInput, build};
use chrono::NaiveDate;
use std::collections::HashMap;

impl Store {
    /// The key for export pseudonyms: random, made on first use and kept.
    pub fn pseudonym_key(&self) -> Result<Vec<u8>, StoreError> {
        let meta = self.tree(TreeName::Meta);
        if let Some(k) = meta.get(keys::PSEUDONYM_KEY)? {
            return Ok(k.to_vec());
        }
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)
            .map_err(|e| StoreError::Refused(format!("no random numbers for pseudonyms ({e})")))?;
        meta.insert(keys::PSEUDONYM_KEY, &key)?;
        meta.flush()?;
        Ok(key.to_vec())
    }

    /// A short tag of this caseload for the names of files it writes
    /// (`discharge-letter-case-2-3fa91c.md`): two caseloads both have a
    /// case 2, and their letters must not overwrite each other. Made from
    /// the caseload's own random key, so it says nothing about anyone.
    pub fn caseload_tag(&self) -> Result<String, StoreError> {
        use hmac::{Hmac, Mac};
        let key = self.pseudonym_key()?;
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&key)
            .map_err(|e| StoreError::Refused(format!("no key for file names ({e})")))?;
        mac.update(b"linkwork file names");
        let tag = mac.finalize().into_bytes();
        Ok(tag.iter().take(3).map(|b| format!("{b:02x}")).collect())
    }

    /// The report for `from`..=`to`. `audit` notes it as an export (for
    /// files that leave linkwork).
    pub fn report(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        audit: bool,
    ) -> Result<Report, StoreError> {
        let organisations: HashMap<_, String> = self
            .all::<Organisation>()?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        let services: Vec<ServiceFacts> = self
            .all::<Service>()?
            .iter()
            .map(|s| {
                let org = organisations
                    .get(&s.organization_id)
                    .map_or("", String::as_str);
                ServiceFacts::of(s, org)
            })
            .collect();
        // The trees are read side by side.
        let ((persons, cases), (contacts, (connections, (conversations, (plans, measures))))) =
            rayon::join(
                || (self.all(), self.all()),
                || {
                    rayon::join(
                        || self.all(),
                        || {
                            rayon::join(
                                || self.all(),
                                || {
                                    rayon::join(
                                        || self.all(),
                                        || rayon::join(|| self.all(), || self.all()),
                                    )
                                },
                            )
                        },
                    )
                },
            );
        let (persons, cases, contacts) = (persons?, cases?, contacts?);
        let (connections, conversations, plans, measures) =
            (connections?, conversations?, plans?, measures?);
        let key = self.pseudonym_key()?;
        let report = build(
            ReportInput {
                persons: &persons,
                cases: &cases,
                contacts: &contacts,
                connections: &connections,
                conversations: &conversations,
                plans: &plans,
                measures: &measures,
                services: &services,
            },
            from,
            to,
            &key,
        );
        if audit {
            let mut changes = self.changes();
            changes.note(
                super::audit::Entity::Store,
                "report",
                AuditAction::Exported {
                    what: format!("the report for {from} to {to} (pseudonymised)"),
                },
            );
            self.commit(changes)?;
        }
        Ok(report)
    }
}
