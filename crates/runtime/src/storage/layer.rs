//! One layer of an [`super::Overlay`]: the writes of a block or of an open transaction.
//!
//! Writes are kept in the order made and found through a hash of their key; they are grouped
//! by storage item (the keys' first 32 bytes) for prefix scans, and put in key order once,
//! at the end. A block writes a few thousand keys and reads them far more often than it
//! scans them, so no order is maintained on the way.

use super::ordered::{KeyHashBuilder, Prehashed};
use std::collections::{hash_map::Entry, BTreeMap, HashMap};

/// One staged write: key and new value (`None` = deleted).
type Write = (Vec<u8>, Option<Vec<u8>>);

/// Key → new value (`None` = deleted).
#[derive(Default)]
pub(crate) struct Layer {
    entries: Vec<Write>,
    /// Key hash → the entry of the first key with that hash.
    slots: HashMap<u64, usize, Prehashed>,
    /// Keys whose hash another key took first (practically never).
    spill: BTreeMap<Vec<u8>, usize>,
    hasher: KeyHashBuilder,
    /// Entries by item prefix (keys of at least [`ITEM`] bytes).
    items: HashMap<[u8; ITEM], Vec<usize>, KeyHashBuilder>,
    /// The items in `items`, in the order first written.
    item_order: Vec<[u8; ITEM]>,
    /// Entries of shorter keys.
    short: Vec<usize>,
    /// Tests: every key hashes alike, so every second key takes the spill path.
    #[cfg(test)]
    collide: bool,
}

/// Length of a storage item's prefix (`twox128(pallet) ‖ twox128(item)`).
const ITEM: usize = 32;

/// The 8 bytes of `key` after its item prefix, big-endian and zero-padded: orders keys of
/// one item as their bytes do wherever it differs (ties fall back to the whole key).
fn head(key: &[u8]) -> u64 {
    let rest = key.get(ITEM..).unwrap_or_default();
    let mut b = [0u8; 8];
    let n = rest.len().min(8);
    b[..n].copy_from_slice(&rest[..n]);
    u64::from_be_bytes(b)
}

impl Layer {
    fn hash(&self, key: &[u8]) -> u64 {
        #[cfg(test)]
        if self.collide {
            return 7;
        }
        self.hasher.hash_key(key)
    }

    fn find(&self, key: &[u8]) -> Option<usize> {
        let i = *self.slots.get(&self.hash(key))?;
        if self.entries.get(i).is_some_and(|e| e.0 == key) {
            return Some(i);
        }
        self.spill.get(key).copied()
    }

    /// The staged value of `key`: `Some(None)` if deleted, `None` if not written here.
    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<&Option<Vec<u8>>> {
        self.find(key).map(|i| &self.entries[i].1)
    }

    /// Stages `value` under `key`.
    pub(crate) fn insert(&mut self, key: &[u8], value: Option<Vec<u8>>) {
        match self.locate_or_reserve(key) {
            Some(i) => self.entries[i].1 = value,
            None => self.push(key.to_vec(), value),
        }
    }

    fn insert_owned(&mut self, key: Vec<u8>, value: Option<Vec<u8>>) {
        match self.locate_or_reserve(&key) {
            Some(i) => self.entries[i].1 = value,
            None => self.push(key, value),
        }
    }

    fn push(&mut self, key: Vec<u8>, value: Option<Vec<u8>>) {
        let i = self.entries.len();
        match <[u8; ITEM]>::try_from(key.get(..ITEM).unwrap_or_default()) {
            Ok(item) => match self.items.entry(item) {
                Entry::Occupied(mut g) => g.get_mut().push(i),
                Entry::Vacant(g) => {
                    g.insert(vec![i]);
                    self.item_order.push(item);
                }
            },
            Err(_) => self.short.push(i),
        }
        self.entries.push((key, value));
    }

    /// The entry of `key`; for a new key `None`, its slot reserved for the next entry.
    fn locate_or_reserve(&mut self, key: &[u8]) -> Option<usize> {
        let next = self.entries.len();
        let h = self.hash(key);
        match self.slots.entry(h) {
            Entry::Vacant(slot) => {
                slot.insert(next);
                None
            }
            Entry::Occupied(slot) => {
                let i = *slot.get();
                if self.entries[i].0 == key {
                    return Some(i);
                }
                if let Some(&j) = self.spill.get(key) {
                    return Some(j);
                }
                self.spill.insert(key.to_vec(), next);
                None
            }
        }
    }

    /// Every staged `(key, value)` whose key starts with `prefix`, in the order written.
    pub(crate) fn prefix(&self, prefix: &[u8]) -> Vec<(&[u8], &Option<Vec<u8>>)> {
        let hit = |&i: &usize| {
            let (k, v) = &self.entries[i];
            k.starts_with(prefix).then_some((k.as_slice(), v))
        };
        match <[u8; ITEM]>::try_from(prefix.get(..ITEM).unwrap_or_default()) {
            Ok(item) => self
                .items
                .get(&item)
                .map_or(Vec::new(), |g| g.iter().filter_map(hit).collect()),
            Err(_) => (0..self.entries.len()).filter_map(|i| hit(&i)).collect(),
        }
    }

    /// Moves every write of `other` (made later) into this layer.
    pub(crate) fn absorb(&mut self, other: Layer) {
        for (k, v) in other.entries {
            self.insert_owned(k, v);
        }
    }

    /// The writes in key order.
    pub(crate) fn into_sorted(mut self) -> BTreeMap<Vec<u8>, Option<Vec<u8>>> {
        let order = self.key_order();
        let mut slots: Vec<Option<Write>> = self.entries.into_iter().map(Some).collect();
        order.into_iter().filter_map(|i| slots[i].take()).collect()
    }

    /// Entry indices in key order: items in prefix order, each item's keys sorted by the
    /// bytes after the prefix (a whole sort when short keys are present).
    fn key_order(&mut self) -> Vec<usize> {
        let entries = &self.entries;
        let by_key = |a: &usize, b: &usize| entries[*a].0.cmp(&entries[*b].0);
        if !self.short.is_empty() {
            let mut all: Vec<usize> = (0..entries.len()).collect();
            all.sort_unstable_by(by_key);
            return all;
        }
        self.item_order.sort_unstable();
        let mut out = Vec::with_capacity(entries.len());
        for item in &self.item_order {
            let Some(group) = self.items.get(item) else {
                continue;
            };
            let mut keyed: Vec<(u64, usize)> =
                group.iter().map(|&i| (head(&entries[i].0), i)).collect();
            keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| by_key(&a.1, &b.1)));
            out.extend(keyed.into_iter().map(|(_, i)| i));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(item: u8, rest: &[u8]) -> Vec<u8> {
        let mut k = vec![item; ITEM];
        k.extend_from_slice(rest);
        k
    }

    fn layers() -> [Layer; 2] {
        let collide = Layer {
            collide: true,
            ..Layer::default()
        };
        [Layer::default(), collide]
    }

    #[test]
    fn colliding_hashes_still_find_their_own_keys() {
        let [_, mut l] = layers();
        l.insert(&key(1, b"a"), Some(vec![1]));
        l.insert(&key(1, b"b"), Some(vec![2]));
        l.insert(&key(2, b"a"), None);
        l.insert(&key(1, b"b"), Some(vec![3]));
        assert_eq!(l.get(&key(1, b"a")), Some(&Some(vec![1])));
        assert_eq!(l.get(&key(1, b"b")), Some(&Some(vec![3])));
        assert_eq!(l.get(&key(2, b"a")), Some(&None));
        assert_eq!(l.get(&key(2, b"b")), None);
        assert_eq!(l.entries.len(), 3);
    }

    proptest! {
        /// Any sequence of writes reads back, scans and sorts exactly as a `BTreeMap` of the
        /// same writes, with or without hash collisions, short keys included.
        #[test]
        fn layer_equals_a_btreemap(
            writes in prop::collection::vec(
                (0u8..3, prop::collection::vec(0u8..3, 0..3), prop::option::of(any::<u8>()), any::<bool>()),
                0..60,
            ),
            probe in prop::collection::vec(0u8..3, 0..3),
        ) {
            for mut l in layers() {
                let mut model: BTreeMap<Vec<u8>, Option<Vec<u8>>> = BTreeMap::new();
                for (item, rest, v, short) in &writes {
                    let k = if *short { rest.clone() } else { key(*item, rest) };
                    let v = v.map(|b| vec![b]);
                    l.insert(&k, v.clone());
                    model.insert(k, v);
                }
                for (k, v) in &model {
                    prop_assert_eq!(l.get(k), Some(v));
                }
                for p in [key(0, &probe), key(1, &[]), probe.clone(), Vec::new()] {
                    let mut got: Vec<(Vec<u8>, Option<Vec<u8>>)> =
                        l.prefix(&p).into_iter().map(|(k, v)| (k.to_vec(), v.clone())).collect();
                    got.sort();
                    let want: Vec<_> = model
                        .iter()
                        .filter(|(k, _)| k.starts_with(&p))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    prop_assert_eq!(got, want);
                }
                let mut other = Layer::default();
                other.insert(&key(2, &probe), Some(vec![9]));
                l.absorb(other);
                model.insert(key(2, &probe), Some(vec![9]));
                prop_assert_eq!(l.into_sorted(), model);
            }
        }
    }
}
