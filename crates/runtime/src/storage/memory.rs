//! The in-memory store: a `BTreeMap`, for tests, scenarios and dry runs.

use super::{ChangeSet, StorageRead, StorageWrite};
use std::collections::BTreeMap;

/// State held in memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemoryStore {
    map: BTreeMap<Vec<u8>, Vec<u8>>,
}

impl MemoryStore {
    /// Applies a change set.
    pub fn commit(&mut self, changes: &ChangeSet) {
        StorageWrite::commit(self, changes);
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no key is set.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every `(key, value)`, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&Vec<u8>, &Vec<u8>)> {
        self.map.iter()
    }
}

impl StorageRead for MemoryStore {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.map.get(key).cloned()
    }

    fn iter_prefix(&self, prefix: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.map
            .range(prefix.to_vec()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

impl StorageWrite for MemoryStore {
    fn put(&mut self, key: &[u8], value: Vec<u8>) {
        self.map.insert(key.to_vec(), value);
    }

    fn delete(&mut self, key: &[u8]) {
        self.map.remove(key);
    }
}
