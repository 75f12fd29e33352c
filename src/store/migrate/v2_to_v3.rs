//! Schema 2 -> 3: index the audit trail by case.

use crate::store::Store;
use crate::store::audit::AuditEntry;
use crate::store::changes::ChangeSet;
use crate::store::codec;
use crate::store::error::StoreError;
use crate::store::keys;
use crate::store::tree::TreeName;

pub(super) fn migrate(store: &Store, changes: &mut ChangeSet) -> Result<(), StoreError> {
    for item in store.tree(TreeName::Audit).iter() {
        let (key, bytes) = item?;
        let entry: AuditEntry = codec::decode(TreeName::Audit, &key, &bytes, store.cipher())?;
        if let (Some(case), Some(seq)) = (entry.case, keys::read_u64(&key)) {
            changes.raw(TreeName::AuditByCase, &keys::child(case, seq), Vec::new());
        }
    }
    Ok(())
}
