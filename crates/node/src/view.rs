//! The in-memory state after every executed block, without a copy of the whole state per
//! block.
//!
//! - The finalized state is one flat [`MemoryStore`] (the *base*), advanced in place as blocks
//!   finalize ([`StateView::finalize`]).
//! - Each finalized block leaves an [`Undo`]: the values its changes replaced. Undos link from
//!   older to newer, so the state at a retained finalized height `h` is the base with the undos
//!   of `h+1..=tip` laid over it, the oldest winning for each key. A view at `h` holds `h`'s
//!   undo, which keeps the newer ones alive: a view stays exact however far the base moves on.
//! - An executed, not yet finalized block's state is its own change set ([`Diff`]) over its
//!   parent's layers, anchored at a finalized height. A child drops the layers the finalized
//!   head already holds (when that head is on its branch), and folds older layers into one
//!   beyond [`MAX_LAYERS`], so reads stay a few hash lookups.
//!
//! Every read gives exactly what a flat store of the same state gives, ordered prefix scans
//! included (tests below compare with a [`MemoryStore`] built block by block).

use std::{
    collections::BTreeMap,
    sync::{Arc, OnceLock, RwLock, RwLockReadGuard},
};
use yuma_primitives::H256;
use yuma_runtime::storage::{ChangeSet, Diff, MemoryStore, StorageRead, StorageWrite as _};

/// Layers a view keeps before folding the older ones into one.
pub const MAX_LAYERS: usize = 8;

/// The shared finalized state: the base store and the newest undo.
pub struct Finalized {
    base: RwLock<Base>,
}

struct Base {
    store: MemoryStore,
    /// The finalized block the store is at.
    tip: Arc<Undo>,
}

/// A finalized block and the values its changes replaced.
pub struct Undo {
    height: u64,
    hash: H256,
    /// Key → value before the block (`None`: absent).
    prior: Diff,
    /// The next finalized block, set (under the base's write lock) when it finalizes.
    newer: OnceLock<Arc<Undo>>,
}

impl Drop for Undo {
    /// Unlinks the chain iteratively: a long chain dropped at once would recurse per node.
    fn drop(&mut self) {
        let mut next = self.newer.take();
        while let Some(n) = next {
            match Arc::try_unwrap(n) {
                Ok(mut n) => next = n.newer.take(),
                Err(_) => break,
            }
        }
    }
}

/// One executed block's changes (or several consecutive blocks', folded), newest block named.
struct Layer {
    height: u64,
    hash: H256,
    changes: Arc<Diff>,
}

/// Why a view cannot become the finalized state.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum FinalizeError {
    /// The view has no block of its own on top (a finalized or empty view).
    #[error("block {0}: the state view holds no changes of its own")]
    NoChanges(u64),
    /// The block does not extend the finalized head.
    #[error("block {number} does not extend the finalized head {tip}")]
    NotOnTip {
        /// The block.
        number: u64,
        /// The head's number.
        tip: u64,
    },
}

impl Finalized {
    /// The finalized state `store`, at block `height` with runtime hash `hash`.
    pub fn new(store: MemoryStore, height: u64, hash: H256) -> Arc<Self> {
        let tip = Arc::new(Undo {
            height,
            hash,
            prior: Diff::default(),
            newer: OnceLock::new(),
        });
        Arc::new(Self {
            base: RwLock::new(Base { store, tip }),
        })
    }

    fn read(&self) -> RwLockReadGuard<'_, Base> {
        // Writers never panic midway (see `advance`); a poisoned lock still holds a whole state.
        self.base.read().unwrap_or_else(|e| e.into_inner())
    }

    fn tip(&self) -> Arc<Undo> {
        self.read().tip.clone()
    }

    /// A view of the finalized head.
    pub fn head(self: &Arc<Self>) -> StateView {
        StateView {
            finalized: Some((self.clone(), self.tip())),
            layers: Vec::new(),
        }
    }

    /// Applies block `height`'s `changes` to the base, keeping what they replace.
    fn advance(&self, height: u64, hash: H256, changes: &Diff) -> Arc<Undo> {
        let mut g = self.base.write().unwrap_or_else(|e| e.into_inner());
        let mut prior = ChangeSet::default();
        for (k, v) in changes.iter() {
            prior.insert(k.to_vec(), g.store.get(k));
            match v {
                Some(v) => g.store.put(k, v.to_vec()),
                None => g.store.delete(k),
            }
        }
        let undo = Arc::new(Undo {
            height,
            hash,
            prior: Diff::from(prior),
            newer: OnceLock::new(),
        });
        // The tip's successor is set only here, once: the base lock serializes advances.
        let _ = g.tip.newer.set(undo.clone());
        g.tip = undo.clone();
        undo
    }
}

/// The state after one block: reads like a flat store, costs only the block's changes.
#[derive(Clone, Default)]
pub struct StateView {
    /// The finalized state and the finalized block the view sits on; `None`: empty below the
    /// layers (a pruned state).
    finalized: Option<(Arc<Finalized>, Arc<Undo>)>,
    /// Blocks above that finalized one on this view's branch, newest first.
    layers: Vec<Arc<Layer>>,
}

impl std::fmt::Debug for StateView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StateView")
            .field("anchor", &self.finalized.as_ref().map(|(_, a)| a.height))
            .field("layers", &self.layers.len())
            .finish()
    }
}

impl StateView {
    /// An empty state (what a pruned block's state reads as).
    pub fn empty() -> Self {
        Self::default()
    }

    /// The state after block `height` (runtime hash `hash`), which made `changes` on this one.
    pub fn child(&self, height: u64, hash: H256, changes: Diff) -> StateView {
        let mut finalized = self.finalized.clone();
        let mut below: &[Arc<Layer>] = &self.layers;
        if let Some((fin, anchor)) = &self.finalized {
            let tip = fin.tip();
            if tip.height > anchor.height {
                // The finalized head holds the layers up to it, if it is on this branch.
                if let Some(i) = below
                    .iter()
                    .position(|l| l.height == tip.height && l.hash == tip.hash)
                {
                    below = &below[..i];
                    finalized = Some((fin.clone(), tip));
                }
            }
        }
        let mut layers = Vec::with_capacity(below.len() + 1);
        layers.push(Arc::new(Layer {
            height,
            hash,
            changes: Arc::new(changes),
        }));
        if below.len() < MAX_LAYERS {
            layers.extend(below.iter().cloned());
        } else if let Some(newest) = below.first() {
            let mut folded = Diff::default();
            for l in below.iter().rev() {
                folded = folded.merged(&l.changes);
            }
            layers.push(Arc::new(Layer {
                height: newest.height,
                hash: newest.hash,
                changes: Arc::new(folded),
            }));
        }
        StateView { finalized, layers }
    }

    /// Makes this view's own block (`height`, `hash`), a child of the finalized head, the new
    /// finalized head: its changes go into the base. Returns the view of the new head.
    pub fn finalize(&self, height: u64, hash: H256) -> Result<StateView, FinalizeError> {
        let (Some((fin, anchor)), Some(own)) = (&self.finalized, self.layers.first()) else {
            return Err(FinalizeError::NoChanges(height));
        };
        if own.height != height || own.hash != hash {
            return Err(FinalizeError::NoChanges(height));
        }
        let tip = fin.tip();
        let on_tip = tip.height + 1 == height
            && (Arc::ptr_eq(&tip, anchor)
                || self
                    .layers
                    .get(1)
                    .is_some_and(|p| p.height == tip.height && p.hash == tip.hash));
        if !on_tip {
            return Err(FinalizeError::NotOnTip {
                number: height,
                tip: tip.height,
            });
        }
        let undo = fin.advance(height, hash, &own.changes);
        Ok(StateView {
            finalized: Some((fin.clone(), undo)),
            layers: Vec::new(),
        })
    }

    /// The finalized value of `key` at the view's anchor, handed to `f`.
    fn read_finalized(&self, key: &[u8], f: &mut dyn FnMut(Option<&[u8]>)) {
        let Some((fin, anchor)) = &self.finalized else {
            return f(None);
        };
        let base = fin.read();
        // Under the read lock the undo chain ends at the base's tip.
        let mut next = anchor.newer.get();
        while let Some(u) = next {
            if let Some(v) = u.prior.get(key) {
                return f(v);
            }
            next = u.newer.get();
        }
        base.store.read_with(key, f);
    }
}

impl StorageRead for StateView {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        let mut out = None;
        self.read_with(key, &mut |v| out = v.map(<[u8]>::to_vec));
        out
    }

    fn read_with(&self, key: &[u8], f: &mut dyn FnMut(Option<&[u8]>)) {
        for l in &self.layers {
            if let Some(v) = l.changes.get(key) {
                return f(v);
            }
        }
        self.read_finalized(key, f);
    }

    fn iter_prefix(&self, prefix: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
        let staged: Vec<_> = self
            .layers
            .iter()
            .map(|l| l.changes.prefix(prefix))
            .collect();
        let Some((fin, anchor)) = &self.finalized else {
            let mut merged = BTreeMap::new();
            for run in staged.iter().rev() {
                for (k, v) in run.iter() {
                    merged.insert(k.clone(), v.clone());
                }
            }
            return merged
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| (k, v)))
                .collect();
        };
        let (base_entries, undos) = {
            let base = fin.read();
            let mut undos = Vec::new();
            let mut next = anchor.newer.get();
            while let Some(u) = next {
                let run = u.prior.prefix(prefix);
                if !run.is_empty() {
                    undos.push(run.to_vec());
                }
                next = u.newer.get();
            }
            (base.store.iter_prefix(prefix), undos)
        };
        if undos.is_empty() && staged.iter().all(|r| r.is_empty()) {
            return base_entries;
        }
        let mut merged: BTreeMap<Vec<u8>, Option<Vec<u8>>> = base_entries
            .into_iter()
            .map(|(k, v)| (k, Some(v)))
            .collect();
        // Oldest undo last: it holds the value at the anchor.
        for run in undos.into_iter().rev() {
            merged.extend(run);
        }
        // Then the layers, oldest first.
        for run in staged.iter().rev() {
            for (k, v) in run.iter() {
                merged.insert(k.clone(), v.clone());
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
    use proptest::prelude::*;

    fn key(item: u8, rest: u8) -> Vec<u8> {
        let mut k = vec![item; 32];
        k.push(rest);
        k
    }

    fn hash(branch: u8, height: u64) -> H256 {
        let mut h = [branch; 32];
        h[..8].copy_from_slice(&height.to_be_bytes());
        H256(h)
    }

    fn change_set(writes: &[(u8, u8, Option<u8>)]) -> ChangeSet {
        let mut c = ChangeSet::default();
        for (i, r, v) in writes {
            c.insert(key(*i, *r), v.map(|b| vec![b, *i, *r]));
        }
        c
    }

    fn assert_same(view: &StateView, flat: &MemoryStore) -> Result<(), TestCaseError> {
        for i in 0..3 {
            for r in 0..4 {
                let k = key(i, r);
                prop_assert_eq!(view.get(&k), flat.get(&k));
                let mut borrowed = None;
                view.read_with(&k, &mut |v| borrowed = v.map(<[u8]>::to_vec));
                prop_assert_eq!(borrowed, flat.get(&k));
            }
            prop_assert_eq!(
                view.iter_prefix(&key(i, 0)[..32]),
                flat.iter_prefix(&key(i, 0)[..32])
            );
            prop_assert_eq!(view.iter_prefix(&key(i, 1)), flat.iter_prefix(&key(i, 1)));
        }
        prop_assert_eq!(view.iter_prefix(&[]), flat.iter_prefix(&[]));
        Ok(())
    }

    /// A block's writes: (item, rest, value or delete).
    fn blocks() -> impl Strategy<Value = Vec<Vec<(u8, u8, Option<u8>)>>> {
        prop::collection::vec(
            prop::collection::vec((0u8..3, 0u8..4, prop::option::of(any::<u8>())), 0..8),
            1..24,
        )
    }

    proptest! {
        /// A chain of blocks, finalized with a random lag, with a dead fork beside it: every
        /// view (pending, finalized and retained, forked) reads as the flat store built block
        /// by block, before and after the base moves on.
        #[test]
        fn views_read_as_flat_stores(
            genesis in prop::collection::vec((0u8..3, 0u8..4, prop::option::of(any::<u8>())), 0..12),
            chain in blocks(),
            fork in blocks(),
            lag in 0usize..12,
            fork_at in 0usize..24,
        ) {
            let genesis_flat = change_set(&genesis).into_store();
            let fin = Finalized::new(genesis_flat.clone(), 0, hash(0, 0));
            // (view, flat) after each block of the main chain; index = height.
            let mut views = vec![(fin.head(), genesis_flat)];
            let mut finalized = 0usize;
            let mut fork_views: Vec<(StateView, MemoryStore)> = Vec::new();
            for (n, writes) in chain.iter().enumerate() {
                let height = n as u64 + 1;
                let c = change_set(writes);
                let (pv, pf) = views.last().cloned().unwrap();
                let mut flat = pf.clone();
                flat.commit(&c);
                let view = pv.child(height, hash(0, height), Diff::from(c));
                views.push((view, flat));
                if n == fork_at.min(chain.len() - 1) {
                    // A fork off this block, executed block by block.
                    let (mut fv, mut ff) = views.last().cloned().unwrap();
                    for (j, w) in fork.iter().enumerate() {
                        let h = height + 1 + j as u64;
                        let c = change_set(w);
                        ff.commit(&c);
                        fv = fv.child(h, hash(1, h), Diff::from(c));
                        fork_views.push((fv.clone(), ff.clone()));
                    }
                }
                // Finalize with a lag.
                while finalized + lag < views.len() - 1 {
                    let h = finalized + 1;
                    let done = views[h].0.finalize(h as u64, hash(0, h as u64)).expect("on tip");
                    views[h].0 = done;
                    finalized = h;
                }
                for (v, f) in views.iter().chain(fork_views.iter()) {
                    assert_same(v, f)?;
                }
            }
            // Layers stay bounded.
            for (v, _) in views.iter().chain(fork_views.iter()) {
                prop_assert!(v.layers.len() <= MAX_LAYERS + 1);
            }
        }
    }

    #[test]
    fn only_a_child_of_the_head_finalizes() {
        let fin = Finalized::new(MemoryStore::default(), 0, hash(0, 0));
        let head = fin.head();
        let a1 = head.child(1, hash(0, 1), Diff::from(change_set(&[(0, 0, Some(1))])));
        let b1 = head.child(1, hash(1, 1), Diff::from(change_set(&[(0, 0, Some(2))])));
        let a2 = a1.child(2, hash(0, 2), Diff::default());
        assert_eq!(
            a2.finalize(2, hash(0, 2)).err(),
            Some(FinalizeError::NotOnTip { number: 2, tip: 0 })
        );
        assert_eq!(
            head.finalize(0, hash(0, 0)).err(),
            Some(FinalizeError::NoChanges(0))
        );
        let f1 = a1.finalize(1, hash(0, 1)).expect("child of the head");
        assert_eq!(f1.get(&key(0, 0)), Some(vec![1, 0, 0]));
        // The sibling is now on a dead branch: it cannot finalize, and still reads its own.
        assert!(b1.finalize(1, hash(1, 1)).is_err());
        assert_eq!(b1.get(&key(0, 0)), Some(vec![2, 0, 0]));
        assert_eq!(head.get(&key(0, 0)), None);
        assert!(a2.finalize(2, hash(0, 2)).is_ok());
    }

    #[test]
    fn empty_view_reads_nothing() {
        let v = StateView::empty();
        assert_eq!(v.get(b"a"), None);
        assert!(v.iter_prefix(b"").is_empty());
        let c = v.child(1, hash(0, 1), Diff::from(change_set(&[(1, 1, Some(3))])));
        assert_eq!(c.iter_prefix(b""), vec![(key(1, 1), vec![3, 1, 1])]);
    }

    #[test]
    fn views_pass_the_store_suite() {
        yuma_runtime::storage::store_suite(&mut |c| {
            let fin = Finalized::new(MemoryStore::default(), 0, hash(0, 0));
            Box::new(fin.head().child(1, hash(0, 1), Diff::from(c))) as Box<dyn StorageRead>
        });
        yuma_runtime::storage::store_suite(&mut |c| {
            let fin = Finalized::new(MemoryStore::default(), 0, hash(0, 0));
            let v = fin.head().child(1, hash(0, 1), Diff::from(c));
            Box::new(v.finalize(1, hash(0, 1)).expect("finalizes")) as Box<dyn StorageRead>
        });
    }
}
