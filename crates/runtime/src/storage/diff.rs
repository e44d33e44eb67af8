//! A frozen change set indexed for reads: the changes of one executed block, read many times
//! while later blocks execute on top of it (the node's layered state).
//!
//! Entries sit in key order in one `Vec` (a prefix is one contiguous run, found by binary
//! search); a hash of each key points at its entry, so a point lookup costs one hash and one
//! comparison. The sorted `Vec` is the truth: a key whose hash another key took first is found
//! by binary search instead.

use super::{
    ordered::{KeyHashBuilder, Prehashed},
    ChangeSet,
};
use std::collections::HashMap;

/// Key → new value (`None` = deleted), immutable, with hashed point lookups and ordered
/// prefix runs.
#[derive(Default)]
pub struct Diff {
    entries: Vec<(Vec<u8>, Option<Vec<u8>>)>,
    /// Key hash → index of the first entry with that hash.
    index: HashMap<u64, u32, Prehashed>,
    hasher: KeyHashBuilder,
    /// Tests: every key hashes alike.
    #[cfg(test)]
    collide: bool,
}

impl std::fmt::Debug for Diff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Diff {
    fn hash(&self, key: &[u8]) -> u64 {
        #[cfg(test)]
        if self.collide {
            return 7;
        }
        self.hasher.hash_key(key)
    }

    fn build(entries: Vec<(Vec<u8>, Option<Vec<u8>>)>, #[cfg(test)] collide: bool) -> Self {
        let mut d = Self {
            index: HashMap::with_capacity_and_hasher(entries.len(), Default::default()),
            entries: Vec::new(),
            hasher: KeyHashBuilder::default(),
            #[cfg(test)]
            collide,
        };
        for (i, (k, _)) in entries.iter().enumerate() {
            let h = d.hash(k);
            d.index.entry(h).or_insert(i as u32);
        }
        d.entries = entries;
        d
    }

    /// The change of `key`: `Some(None)` if deleted, `None` if untouched.
    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<Option<&[u8]>> {
        let i = *self.index.get(&self.hash(key))? as usize;
        let (k, v) = &self.entries[i];
        if k == key {
            return Some(v.as_deref());
        }
        // Another key took this hash first.
        let j = self
            .entries
            .binary_search_by(|(k, _)| k.as_slice().cmp(key))
            .ok()?;
        Some(self.entries[j].1.as_deref())
    }

    /// The changes of keys starting with `prefix`, in key order.
    pub fn prefix(&self, prefix: &[u8]) -> &[(Vec<u8>, Option<Vec<u8>>)] {
        let start = self.entries.partition_point(|(k, _)| k.as_slice() < prefix);
        let len = self.entries[start..].partition_point(|(k, _)| k.starts_with(prefix));
        &self.entries[start..start + len]
    }

    /// Every change, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], Option<&[u8]>)> {
        self.entries
            .iter()
            .map(|(k, v)| (k.as_slice(), v.as_deref()))
    }

    /// Number of keys touched.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// `newer` applied over `self`: each key's latest change.
    pub fn merged(&self, newer: &Diff) -> Diff {
        let mut all = ChangeSet::default();
        for (k, v) in self.entries.iter().chain(newer.entries.iter()) {
            all.insert(k.clone(), v.clone());
        }
        Diff::from(all)
    }
}

impl From<ChangeSet> for Diff {
    fn from(changes: ChangeSet) -> Self {
        // A change set iterates in key order already.
        Self::build(
            changes.into_iter().collect(),
            #[cfg(test)]
            false,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        /// Lookups, prefix runs and merges give what a `BTreeMap` of the same changes gives,
        /// with or without hash collisions.
        #[test]
        fn diff_equals_a_btreemap(
            older in prop::collection::vec((prop::collection::vec(0u8..3, 0..4), prop::option::of(any::<u8>())), 0..40),
            newer in prop::collection::vec((prop::collection::vec(0u8..3, 0..4), prop::option::of(any::<u8>())), 0..40),
            probes in prop::collection::vec(prop::collection::vec(0u8..3, 0..4), 1..6),
        ) {
            let model = |w: &[(Vec<u8>, Option<u8>)]| -> BTreeMap<Vec<u8>, Option<Vec<u8>>> {
                w.iter().map(|(k, v)| (k.clone(), v.map(|b| vec![b]))).collect()
            };
            let (mo, mn) = (model(&older), model(&newer));
            for collide in [false, true] {
                let d = Diff::build(mo.clone().into_iter().collect(), collide);
                let n = Diff::build(mn.clone().into_iter().collect(), collide);
                for p in &probes {
                    prop_assert_eq!(d.get(p), mo.get(p).map(|v| v.as_deref()));
                    let run: Vec<_> = d.prefix(p).to_vec();
                    let want: Vec<_> = mo
                        .iter()
                        .filter(|(k, _)| k.starts_with(p))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    prop_assert_eq!(run, want);
                }
                let mut both = mo.clone();
                both.extend(mn.clone());
                let m = d.merged(&n);
                let got: BTreeMap<_, _> =
                    m.iter().map(|(k, v)| (k.to_vec(), v.map(<[u8]>::to_vec))).collect();
                prop_assert_eq!(got, both);
            }
        }
    }
}
