//! Schema 1 -> 2: add the format byte to every value, and split a person's
//! single `name` into `given_name` and `family_name`.

use crate::store::Store;
use crate::store::changes::ChangeSet;
use crate::store::codec;
use crate::store::error::StoreError;
use crate::store::keys;
use crate::store::tree::TreeName;
use serde_json::Value;

/// Splits "Mary Ann Smith" into ("Mary Ann", "Smith").
fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    match name.rsplit_once(char::is_whitespace) {
        Some((given, family)) => (given.trim().to_owned(), family.to_owned()),
        None => (String::new(), name.to_owned()),
    }
}

pub(super) fn migrate(store: &Store, changes: &mut ChangeSet) -> Result<(), StoreError> {
    for tree in TreeName::ALL {
        if tree == TreeName::Meta {
            continue;
        }
        for item in store.tree(tree).iter() {
            let (key, bytes) = item?;
            let mut value: Value =
                serde_json::from_slice(&bytes).map_err(|e| StoreError::Migration {
                    from: 1,
                    reason: format!(
                        "record {} in {} is not readable ({:?} error)",
                        keys::describe(&key),
                        tree.as_str(),
                        e.classify()
                    ),
                })?;
            if tree == TreeName::Persons
                && let Some(obj) = value.as_object_mut()
                && let Some(Value::String(name)) = obj.remove("name")
            {
                let (given, family) = split_name(&name);
                obj.insert("given_name".into(), Value::String(given));
                obj.insert("family_name".into(), Value::String(family));
            }
            let encoded = codec::encode(tree, &key, &value, changes.cipher())?;
            changes.raw(tree, &key, encoded);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::split_name;

    #[test]
    fn splits_on_the_last_space() {
        assert_eq!(
            split_name("Mary Ann Smith"),
            ("Mary Ann".into(), "Smith".into())
        );
        assert_eq!(split_name(" Cher "), (String::new(), "Cher".into()));
    }
}
