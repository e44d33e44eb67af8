//! Writes staged over committed state, with nested transactions: a failed call rolls back to
//! its start while the fee and nonce written before it stay.

use super::{layer::Layer, MemoryStore, StorageRead};
use parity_scale_codec::Encode;
use std::collections::BTreeMap;
use yuma_primitives::{hashing::blake2_256, H256};

/// Key → new value (`None` = deleted), in key order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeSet(BTreeMap<Vec<u8>, Option<Vec<u8>>>);

impl ChangeSet {
    /// Records one change.
    pub fn insert(&mut self, key: Vec<u8>, value: Option<Vec<u8>>) {
        self.0.insert(key, value);
    }

    /// Changes in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&Vec<u8>, &Option<Vec<u8>>)> {
        self.0.iter()
    }

    /// Number of keys touched.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A commitment to exactly these changes (blake2b-256 over the ordered entries).
    pub fn digest(&self) -> H256 {
        let mut buf = Vec::new();
        for (k, v) in self.iter() {
            k.encode_to(&mut buf);
            v.encode_to(&mut buf);
        }
        H256(blake2_256(&buf))
    }

    /// A fresh in-memory store holding these changes.
    pub fn into_store(self) -> MemoryStore {
        let mut m = MemoryStore::default();
        m.commit(&self);
        m
    }
}

impl IntoIterator for ChangeSet {
    type Item = (Vec<u8>, Option<Vec<u8>>);
    type IntoIter = std::collections::btree_map::IntoIter<Vec<u8>, Option<Vec<u8>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Staged writes over a read-only base.
pub struct Overlay<'a> {
    base: &'a dyn StorageRead,
    /// `layers[0]` holds committed-to-the-block writes; each open transaction adds one.
    layers: Vec<Layer>,
}

impl<'a> Overlay<'a> {
    /// An empty overlay over `base`.
    pub fn new(base: &'a dyn StorageRead) -> Self {
        Self {
            base,
            layers: vec![Layer::default()],
        }
    }

    /// The newest staged write of `key`: `Some(None)` if deleted, `None` if not staged.
    #[inline]
    fn staged(&self, key: &[u8]) -> Option<Option<&[u8]>> {
        for layer in self.layers.iter().rev() {
            if let Some(v) = layer.get(key) {
                return Some(v.as_deref());
            }
        }
        None
    }

    /// The current value of `key`.
    pub fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        match self.staged(key) {
            Some(v) => v.map(<[u8]>::to_vec),
            None => self.base.get(key),
        }
    }

    /// Sets `key`.
    pub fn put(&mut self, key: &[u8], value: Vec<u8>) {
        self.top().insert(key, Some(value));
    }

    /// Deletes `key`.
    pub fn delete(&mut self, key: &[u8]) {
        self.top().insert(key, None);
    }

    fn top(&mut self) -> &mut Layer {
        if self.layers.is_empty() {
            self.layers.push(Layer::default());
        }
        let last = self.layers.len() - 1;
        &mut self.layers[last]
    }

    /// Opens a nested transaction.
    pub fn start_transaction(&mut self) {
        self.layers.push(Layer::default());
    }

    /// Keeps the innermost transaction's writes.
    pub fn commit_transaction(&mut self) {
        if self.layers.len() > 1 {
            if let Some(top) = self.layers.pop() {
                self.top().absorb(top);
            }
        }
    }

    /// Drops the innermost transaction's writes.
    pub fn rollback_transaction(&mut self) {
        if self.layers.len() > 1 {
            self.layers.pop();
        }
    }

    /// Every write, with open transactions committed.
    pub fn into_changes(mut self) -> ChangeSet {
        while self.layers.len() > 1 {
            self.commit_transaction();
        }
        ChangeSet(
            self.layers
                .pop()
                .map(Layer::into_sorted)
                .unwrap_or_default(),
        )
    }
}

impl StorageRead for Overlay<'_> {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        Overlay::get(self, key)
    }

    fn read_with(&self, key: &[u8], f: &mut dyn FnMut(Option<&[u8]>)) {
        match self.staged(key) {
            Some(v) => f(v),
            None => self.base.read_with(key, f),
        }
    }

    fn iter_prefix(&self, prefix: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
        let staged: Vec<_> = self.layers.iter().map(|l| l.prefix(prefix)).collect();
        if staged.iter().all(Vec::is_empty) {
            // Nothing staged under the prefix: the base's answer, already in order.
            return self.base.iter_prefix(prefix);
        }
        let mut merged: BTreeMap<Vec<u8>, Option<Vec<u8>>> = self
            .base
            .iter_prefix(prefix)
            .into_iter()
            .map(|(k, v)| (k, Some(v)))
            .collect();
        for layer in staged {
            for (k, v) in layer {
                merged.insert(k.to_vec(), v.clone());
            }
        }
        merged
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::StorageWrite;

    #[test]
    fn nested_rollback_keeps_outer_writes() {
        let base = MemoryStore::default();
        let mut o = Overlay::new(&base);
        o.put(b"fee", vec![1]);
        o.start_transaction();
        o.put(b"call", vec![2]);
        o.put(b"fee", vec![9]);
        assert_eq!(o.get(b"fee"), Some(vec![9]));
        o.rollback_transaction();
        assert_eq!(o.get(b"fee"), Some(vec![1]));
        assert_eq!(o.get(b"call"), None);
        o.start_transaction();
        o.delete(b"fee");
        o.commit_transaction();
        let c = o.into_changes();
        assert_eq!(
            c.iter().collect::<Vec<_>>(),
            vec![(&b"fee".to_vec(), &None)]
        );
    }

    /// The overlay as it was first written: one `BTreeMap` per layer.
    struct Model(Vec<BTreeMap<Vec<u8>, Option<Vec<u8>>>>);

    impl Model {
        fn get(&self, base: &MemoryStore, k: &[u8]) -> Option<Vec<u8>> {
            for l in self.0.iter().rev() {
                if let Some(v) = l.get(k) {
                    return v.clone();
                }
            }
            base.get(k)
        }

        fn iter_prefix(&self, base: &MemoryStore, p: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
            let mut m: BTreeMap<Vec<u8>, Option<Vec<u8>>> = base
                .iter_prefix(p)
                .into_iter()
                .map(|(k, v)| (k, Some(v)))
                .collect();
            for l in &self.0 {
                for (k, v) in l.iter().filter(|(k, _)| k.starts_with(p)) {
                    m.insert(k.clone(), v.clone());
                }
            }
            m.into_iter()
                .filter_map(|(k, v)| v.map(|v| (k, v)))
                .collect()
        }
    }

    fn k(item: u8, rest: u8) -> Vec<u8> {
        let mut k = vec![item; 32];
        k.push(rest);
        k
    }

    proptest::proptest! {
        /// Random writes, deletes, nested transactions, reads and scans give what the plain
        /// layered `BTreeMap` overlay gives, and the same change set.
        #[test]
        fn overlay_equals_the_layered_btreemap_model(
            ops in proptest::collection::vec((0u8..7, 0u8..3, 0u8..4, proptest::prelude::any::<u8>()), 0..120),
        ) {
            let mut base = MemoryStore::default();
            for i in 0..3 {
                for r in 0..4 {
                    if (i + r) % 2 == 0 {
                        base.put(&k(i, r), vec![i, r]);
                    }
                }
            }
            let mut o = Overlay::new(&base);
            let mut m = Model(vec![BTreeMap::new()]);
            for (op, item, rest, v) in ops {
                let key = k(item, rest);
                match op {
                    0 | 1 => {
                        o.put(&key, vec![v]);
                        m.0.last_mut().unwrap().insert(key.clone(), Some(vec![v]));
                    }
                    2 => {
                        o.delete(&key);
                        m.0.last_mut().unwrap().insert(key.clone(), None);
                    }
                    3 => {
                        o.start_transaction();
                        m.0.push(BTreeMap::new());
                    }
                    4 => {
                        o.commit_transaction();
                        if m.0.len() > 1 {
                            let top = m.0.pop().unwrap();
                            m.0.last_mut().unwrap().extend(top);
                        }
                    }
                    5 => {
                        o.rollback_transaction();
                        if m.0.len() > 1 {
                            m.0.pop();
                        }
                    }
                    _ => {
                        for p in [&key[..32], &key[..31], &key[..]] {
                            proptest::prop_assert_eq!(o.iter_prefix(p), m.iter_prefix(&base, p));
                        }
                    }
                }
                proptest::prop_assert_eq!(o.get(&key), m.get(&base, &key));
                let mut borrowed = None;
                o.read_with(&key, &mut |b| borrowed = b.map(<[u8]>::to_vec));
                proptest::prop_assert_eq!(borrowed, m.get(&base, &key));
            }
            while m.0.len() > 1 {
                let top = m.0.pop().unwrap();
                m.0.last_mut().unwrap().extend(top);
            }
            let want: Vec<_> = m.0.pop().unwrap().into_iter().collect();
            let got: Vec<_> = o.into_changes().into_iter().collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
