//! A byte-keyed map with hashed point lookups and ordered iteration, the layout of both the
//! in-memory store and the overlay's layers.
//!
//! Reads dominate block execution, and a `BTreeMap` of storage keys pays for them with ~20
//! byte-string comparisons that mostly share a 32-byte item prefix. Here values live in a
//! `HashMap` (one hash of the key, one comparison); the keys are also kept in a `BTreeSet`
//! (sharing one allocation), which alone gives the order of iteration and prefix ranges. The
//! hash map is never iterated, so nothing observable depends on its seed.

use std::{
    borrow::Borrow,
    collections::{hash_map::RandomState, BTreeSet, HashMap},
    hash::{BuildHasher, Hash, Hasher},
    ops::Bound,
    sync::Arc,
};

/// A storage key shared by the order and the hash index.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key(Arc<Vec<u8>>);

impl Borrow<[u8]> for Key {
    fn borrow(&self) -> &[u8] {
        &self.0
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        // Must hash as the `[u8]` it borrows as.
        self.0.as_slice().hash(h);
    }
}

/// Multiply–rotate hashing of storage keys, eight bytes at a time (keys are mostly hash
/// output already), with a per-map random seed against crafted collisions.
#[derive(Clone)]
pub(crate) struct KeyHashBuilder(u64);

impl KeyHashBuilder {
    /// The hash of `key` alone (no length prefix).
    #[inline]
    pub(crate) fn hash_key(&self, key: &[u8]) -> u64 {
        let mut h = KeyHasher(self.0);
        h.write(key);
        h.finish()
    }
}

impl Default for KeyHashBuilder {
    fn default() -> Self {
        Self(RandomState::new().hash_one(0x7975_6d61_u64))
    }
}

impl BuildHasher for KeyHashBuilder {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(self.0)
    }
}

/// A `u64` that is already a hash ([`KeyHashBuilder::hash_key`]), hashed as is: the index
/// of the overlay's layers and of [`super::Diff`], which look keys up by that hash.
pub(crate) type Prehashed = std::hash::BuildHasherDefault<PrehashedHasher>;

/// The hasher of [`Prehashed`].
#[derive(Default)]
pub(crate) struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) struct KeyHasher(u64);

const K: u64 = 0xf135_7aea_2e62_a9c5;

impl KeyHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0 ^ w).wrapping_mul(K).rotate_left(26);
    }
}

impl Hasher for KeyHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let h = self.0.wrapping_mul(K);
        h ^ (h >> 32)
    }
}

/// Keys in byte order, values found by hash.
#[derive(Clone, Default)]
pub(crate) struct OrderedMap<V> {
    order: BTreeSet<Key>,
    values: HashMap<Key, V, KeyHashBuilder>,
}

impl<V: PartialEq> PartialEq for OrderedMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.values == other.values
    }
}

impl<V: Eq> Eq for OrderedMap<V> {}

impl<V> OrderedMap<V> {
    /// The value under `key`.
    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<&V> {
        self.values.get(key)
    }

    /// Sets `key`, returning the value it replaced.
    pub(crate) fn insert(&mut self, key: &[u8], value: V) -> Option<V> {
        if let Some(v) = self.values.get_mut(key) {
            return Some(std::mem::replace(v, value));
        }
        self.insert_new(Key(Arc::new(key.to_vec())), value);
        None
    }

    fn insert_new(&mut self, key: Key, value: V) {
        self.order.insert(key.clone());
        self.values.insert(key, value);
    }

    /// Removes `key`.
    pub(crate) fn remove(&mut self, key: &[u8]) -> Option<V> {
        let v = self.values.remove(key)?;
        self.order.remove(key);
        Some(v)
    }

    /// Number of keys.
    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    /// Every `(key, value)`, in key order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&Vec<u8>, &V)> {
        self.order
            .iter()
            .filter_map(|k| Some((&*k.0, self.values.get(k)?)))
    }

    /// Every `(key, value)` whose key starts with `prefix`, in key order.
    pub(crate) fn prefix<'s>(
        &'s self,
        prefix: &'s [u8],
    ) -> impl Iterator<Item = (&'s [u8], &'s V)> {
        self.order
            .range::<[u8], _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(move |k| k.0.starts_with(prefix))
            .filter_map(|k| Some((k.0.as_slice(), self.values.get(k)?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        /// Inserts and removes read, iterate and scan as in a `BTreeMap`.
        #[test]
        fn ordered_map_equals_a_btreemap(
            ops in prop::collection::vec((prop::collection::vec(0u8..3, 0..4), prop::option::of(any::<u8>())), 0..80),
            probe in prop::collection::vec(0u8..3, 0..3),
        ) {
            let mut m = OrderedMap::default();
            let mut model = BTreeMap::new();
            for (k, v) in ops {
                match v {
                    Some(v) => {
                        prop_assert_eq!(m.insert(&k, v), model.insert(k, v));
                    }
                    None => {
                        prop_assert_eq!(m.remove(&k), model.remove(&k));
                    }
                }
            }
            prop_assert_eq!(m.len(), model.len());
            let all: Vec<(Vec<u8>, u8)> = m.iter().map(|(k, v)| (k.to_vec(), *v)).collect();
            prop_assert_eq!(all, model.clone().into_iter().collect::<Vec<_>>());
            let scan: Vec<(Vec<u8>, u8)> = m.prefix(&probe).map(|(k, v)| (k.to_vec(), *v)).collect();
            let want: Vec<(Vec<u8>, u8)> = model
                .iter()
                .filter(|(k, _)| k.starts_with(&probe))
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            prop_assert_eq!(scan, want);
            for (k, v) in &model {
                prop_assert_eq!(m.get(k), Some(v));
            }
        }
    }
}
