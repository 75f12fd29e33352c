//! The data key's check: a short value sealed with the data key, kept in
//! the meta tree. It tells a key file that does not belong to the records
//! (one from before `linkwork rekey`) from a wrong passphrase, and it makes
//! an encrypted store known as such by its records, whatever its marker
//! says, so it never takes a plaintext write.

use super::codec::{self, SEALED_JSON};
use super::error::StoreError;
use super::tree::TreeName;
use super::{AuditEntry, Store, keys};

const AAD: &[u8] = b"linkwork/meta/key_check";
const VALUE: &[u8] = b"linkwork data key";

/// The check sealed with `cipher` (written at creation and by `rekey`).
pub fn sealed(cipher: &super::crypto::Cipher) -> Result<Vec<u8>, StoreError> {
    Ok(cipher.seal(AAD, VALUE)?)
}

/// Verifies that the store's data key (or its lack of one) fits its
/// records, adding the check to an encrypted store made before it existed.
pub fn verify(store: &Store) -> Result<(), StoreError> {
    let dir = store.dir().to_owned();
    let meta = store.tree(TreeName::Meta);
    let check = meta.get(keys::KEY_CHECK)?;
    let first_audit = store.tree(TreeName::Audit).iter().next().transpose()?;
    match (store.cipher(), check) {
        (Some(cipher), Some(value)) => match cipher.open(AAD, &value) {
            Ok(v) if v.as_slice() == VALUE => Ok(()),
            _ => Err(StoreError::KeyFileMismatch(dir)),
        },
        (Some(cipher), None) => {
            if let Some((k, v)) = first_audit {
                codec::decode::<AuditEntry>(TreeName::Audit, &k, &v, Some(cipher))
                    .map_err(|_| StoreError::KeyFileMismatch(dir))?;
            }
            meta.insert(keys::KEY_CHECK, sealed(cipher)?)?;
            store.flush()
        }
        (None, Some(_)) => Err(StoreError::MissingKeyFile(dir)),
        (None, None) => match first_audit {
            Some((_, v)) if v.first() == Some(&SEALED_JSON) => Err(StoreError::MissingKeyFile(dir)),
            _ => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Secret;

    #[test]
    fn the_check_names_a_key_that_does_not_fit() {
        let (_, right) = crate::store::crypto::KeyFile::create(&Secret::new("a".into())).unwrap();
        let (_, wrong) = crate::store::crypto::KeyFile::create(&Secret::new("a".into())).unwrap();
        let value = sealed(&right).unwrap();
        assert!(right.open(AAD, &value).is_ok());
        assert!(wrong.open(AAD, &value).is_err());
    }
}
