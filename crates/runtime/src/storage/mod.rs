//! State storage: a byte-keyed store behind a small trait, a transactional overlay on top, and
//! typed items that lay keys out as Substrate does.
//!
//! The runtime reads through [`StorageRead`] and writes only into an [`Overlay`]; applying a
//! block yields a [`ChangeSet`] that the caller commits (in memory for tests and scenarios,
//! persistent and authenticated in the node).

mod diff;
mod keys;
mod layer;
mod memory;
mod ordered;
mod overlay;
mod typed;

pub use diff::Diff;
pub use memory::MemoryStore;
pub use overlay::{ChangeSet, Overlay};
pub use typed::{
    ItemMeta, KeyOf, KeyTuple, StorageDoubleMap, StorageMap, StorageNMap, StorageValue,
};

/// Read access to committed state.
pub trait StorageRead {
    /// The value under `key`.
    fn get(&self, key: &[u8]) -> Option<Vec<u8>>;

    /// Calls `f` once with the value under `key`, borrowed: typed reads decode from it
    /// without a copy. Stores that hold their values override the default (which copies).
    fn read_with(&self, key: &[u8], f: &mut dyn FnMut(Option<&[u8]>)) {
        f(self.get(key).as_deref());
    }

    /// Every `(key, value)` whose key starts with `prefix`, in ascending key order.
    fn iter_prefix(&self, prefix: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)>;
}

/// Write access, for stores that commit changes (the in-memory one here, the node's persistent
/// one): the runtime itself only writes into an [`Overlay`] and hands back a [`ChangeSet`].
pub trait StorageWrite: StorageRead {
    /// Sets `key`.
    fn put(&mut self, key: &[u8], value: Vec<u8>);
    /// Deletes `key`.
    fn delete(&mut self, key: &[u8]);
    /// Applies a whole change set.
    fn commit(&mut self, changes: &ChangeSet) {
        for (k, v) in changes.iter() {
            match v {
                Some(v) => self.put(k, v.clone()),
                None => self.delete(k),
            }
        }
    }
}

/// Stored bytes that do not decode as the item's type: the state is corrupt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("corrupt state: value of {item} does not decode: {reason}")]
pub struct StorageError {
    /// `Pallet.Item`.
    pub item: String,
    /// The decoder's message.
    pub reason: String,
}

/// One body for every store implementation (the in-memory one, the overlay, the node's
/// persistent store): `store` builds a store holding exactly `changes`. A test helper: panics
/// when the store misbehaves.
#[doc(hidden)]
pub fn store_suite(store: &mut dyn FnMut(ChangeSet) -> Box<dyn StorageRead>) {
    let mut changes = ChangeSet::default();
    changes.insert(b"a/1".to_vec(), Some(b"x".to_vec()));
    changes.insert(b"a/2".to_vec(), Some(b"y".to_vec()));
    changes.insert(b"b/1".to_vec(), Some(b"z".to_vec()));
    changes.insert(b"a/3".to_vec(), None);
    changes.insert(b"a".to_vec(), Some(Vec::new()));
    changes.insert(b"c".to_vec(), Some(vec![7; 5000]));
    let s = store(changes);
    assert_eq!(s.get(b"a/1"), Some(b"x".to_vec()));
    assert_eq!(s.get(b"a/3"), None);
    assert_eq!(
        s.get(b"a"),
        Some(Vec::new()),
        "an empty value is not a deletion"
    );
    assert_eq!(s.get(b"c"), Some(vec![7; 5000]));
    assert_eq!(s.get(b"d"), None);
    let keys: Vec<_> = s.iter_prefix(b"a/").into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, vec![b"a/1".to_vec(), b"a/2".to_vec()]);
    let all: Vec<_> = s.iter_prefix(b"").into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        all,
        vec![
            b"a".to_vec(),
            b"a/1".to_vec(),
            b"a/2".to_vec(),
            b"b/1".to_vec(),
            b"c".to_vec()
        ]
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_passes_suite() {
        store_suite(&mut |c| {
            let mut m = MemoryStore::default();
            m.commit(&c);
            Box::new(m)
        });
    }

    #[test]
    fn overlay_passes_suite() {
        store_suite(&mut |c| {
            let base: &'static MemoryStore = Box::leak(Box::default());
            let mut o = Overlay::new(base);
            for (k, v) in c {
                match v {
                    Some(v) => o.put(&k, v),
                    None => o.delete(&k),
                }
            }
            Box::new(o.into_changes().into_store())
        });
    }
}
