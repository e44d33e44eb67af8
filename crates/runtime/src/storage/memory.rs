//! The in-memory store, for tests, scenarios, dry runs and the node's state.

use super::{ordered::OrderedMap, ChangeSet, StorageRead, StorageWrite};

/// State held in memory: values found by hash, keys kept in order ([`OrderedMap`]).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct MemoryStore {
    map: OrderedMap<Vec<u8>>,
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.map.iter()).finish()
    }
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
        self.map.len() == 0
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

    fn read_with(&self, key: &[u8], f: &mut dyn FnMut(Option<&[u8]>)) {
        f(self.map.get(key).map(Vec::as_slice));
    }

    fn iter_prefix(&self, prefix: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.map
            .prefix(prefix)
            .map(|(k, v)| (k.to_vec(), v.clone()))
            .collect()
    }
}

impl StorageWrite for MemoryStore {
    fn put(&mut self, key: &[u8], value: Vec<u8>) {
        self.map.insert(key, value);
    }

    fn delete(&mut self, key: &[u8]) {
        self.map.remove(key);
    }
}
