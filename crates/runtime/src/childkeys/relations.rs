//! The parent/child relations around one hotkey (subtensor's `PCRelations`): loaded from
//! `ChildKeys`/`ParentKeys`, checked, and written back so both maps stay mirror images.
//!
//! Rules, with subtensor's errors: a hotkey is never its own child or parent (`InvalidChild`),
//! has at most [`MAX_CHILDREN`] children (`TooManyChildren`) whose proportions sum to at most
//! `u64::MAX` (`ProportionOverflow`), and no hotkey is both its child and its parent
//! (`ChildParentInconsistency`). Maps are keyed by account, so a child list is stored sorted by
//! account bytes, whatever order the caller gave.

use super::{Link, CHILD_KEYS, MAX_CHILDREN, PARENT_KEYS};
use crate::{
    dispatch::DispatchError,
    storage::{Overlay, StorageError, StorageRead},
    subtensor::Error,
};
use std::collections::{BTreeMap, BTreeSet};
use yuma_primitives::{AccountId, NetUid};

/// Why relations could not be built or written: a broken rule, or corrupt state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RelationError {
    /// A relation rule is broken (recoverable: the call fails, or a pending list is dropped).
    #[error("{0}")]
    Rule(Error),
    /// State does not decode (fatal).
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<Error> for RelationError {
    fn from(e: Error) -> Self {
        Self::Rule(e)
    }
}

impl From<RelationError> for DispatchError {
    fn from(e: RelationError) -> Self {
        match e {
            RelationError::Rule(e) => e.into(),
            RelationError::Storage(e) => e.into(),
        }
    }
}

type Edges = BTreeMap<AccountId, u64>;

fn ensure_total_proportions(children: &Edges) -> Result<(), Error> {
    let total: u128 = children.values().map(|&p| u128::from(p)).sum();
    if total > u128::from(u64::MAX) {
        return Err(Error::ProportionOverflow);
    }
    Ok(())
}

fn ensure_count(children: &Edges) -> Result<(), Error> {
    if children.len() > MAX_CHILDREN {
        return Err(Error::TooManyChildren);
    }
    Ok(())
}

fn ensure_no_self_loop(pivot: &AccountId, set: &Edges) -> Result<(), Error> {
    if set.contains_key(pivot) {
        return Err(Error::InvalidChild);
    }
    Ok(())
}

fn ensure_bipartite(children: &Edges, parents: &Edges) -> Result<(), Error> {
    if children.keys().any(|c| parents.contains_key(c)) {
        return Err(Error::ChildParentInconsistency);
    }
    Ok(())
}

/// Links as a map, dropping self-loops; a repeated account keeps its last proportion.
fn edges(pivot: &AccountId, links: &[Link]) -> Edges {
    links
        .iter()
        .filter(|(_, who)| who != pivot)
        .map(|(p, who)| (*who, *p))
        .collect()
}

fn upsert(list: &mut Vec<Link>, proportion: u64, who: &AccountId) {
    match list.iter_mut().find(|(_, w)| w == who) {
        Some(entry) => entry.0 = proportion,
        None => list.push((proportion, *who)),
    }
}

fn set_or_remove(
    map: &crate::storage::StorageDoubleMap<AccountId, NetUid, Vec<Link>>,
    st: &mut Overlay<'_>,
    who: &AccountId,
    netuid: NetUid,
    list: &[Link],
) {
    if list.is_empty() {
        map.remove(st, who, &netuid);
    } else {
        map.insert(st, who, &netuid, &list.to_vec());
    }
}

/// The children and parents of one hotkey (the pivot) on one subnet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relations {
    pivot: AccountId,
    children: Edges,
    parents: Edges,
}

impl Relations {
    /// The stored relations of `hotkey` (`load_child_parent_relations`).
    pub fn load(
        s: &dyn StorageRead,
        hotkey: &AccountId,
        netuid: NetUid,
    ) -> Result<Self, RelationError> {
        let mut rel = Self {
            pivot: *hotkey,
            children: Edges::new(),
            parents: Edges::new(),
        };
        rel.link_children(edges(hotkey, &super::children(s, hotkey, netuid)?))?;
        rel.link_parents(edges(hotkey, &super::parents(s, hotkey, netuid)?))?;
        Ok(rel)
    }

    /// `pivot` with `pending` as its children and its stored parents
    /// (`load_relations_from_pending`).
    pub fn from_pending(
        s: &dyn StorageRead,
        pivot: &AccountId,
        pending: &[Link],
        netuid: NetUid,
    ) -> Result<Self, RelationError> {
        let mut rel = Self {
            pivot: *pivot,
            children: Edges::new(),
            parents: Edges::new(),
        };
        rel.link_children(edges(pivot, pending))?;
        rel.link_parents(edges(pivot, &super::parents(s, pivot, netuid)?))?;
        Ok(rel)
    }

    /// The children, by account.
    pub fn children(&self) -> &BTreeMap<AccountId, u64> {
        &self.children
    }

    /// The parents, by account.
    pub fn parents(&self) -> &BTreeMap<AccountId, u64> {
        &self.parents
    }

    fn link_children(&mut self, new: Edges) -> Result<(), Error> {
        ensure_no_self_loop(&self.pivot, &new)?;
        ensure_total_proportions(&new)?;
        ensure_bipartite(&new, &self.parents)?;
        self.children = new;
        Ok(())
    }

    fn link_parents(&mut self, new: Edges) -> Result<(), Error> {
        ensure_no_self_loop(&self.pivot, &new)?;
        ensure_bipartite(&self.children, &new)?;
        self.parents = new;
        Ok(())
    }

    /// Whether `pending` may replace the children (`ensure_pending_consistency`): not the
    /// pivot, at most five, proportions within `u64::MAX`, none of them a parent.
    pub fn ensure_pending_consistency(&self, pending: &[Link]) -> Result<(), Error> {
        let new: Edges = pending.iter().map(|(p, who)| (*who, *p)).collect();
        ensure_no_self_loop(&self.pivot, &new)?;
        ensure_count(&new)?;
        ensure_total_proportions(&new)?;
        ensure_bipartite(&new, &self.parents)
    }

    /// Writes the relations back (`persist_child_parent_relations`): the pivot's own lists,
    /// then, for every neighbour added, kept or removed, its mirror entry.
    pub fn persist(&self, st: &mut Overlay<'_>, netuid: NetUid) -> Result<(), StorageError> {
        let pivot = self.pivot;
        // Pivot → children.
        let prev: BTreeSet<AccountId> = super::children(st, &pivot, netuid)?
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        let list: Vec<Link> = self.children.iter().map(|(c, p)| (*p, *c)).collect();
        set_or_remove(&CHILD_KEYS, st, &pivot, netuid, &list);
        // Every new child records the pivot at its proportion (each touches only its own
        // entry, so the order is immaterial); dropped children forget it.
        for (child, p) in &self.children {
            let mut pk = super::parents(st, child, netuid)?;
            upsert(&mut pk, *p, &pivot);
            set_or_remove(&PARENT_KEYS, st, child, netuid, &pk);
        }
        for child in prev.iter().filter(|c| !self.children.contains_key(c)) {
            let mut pk = super::parents(st, child, netuid)?;
            pk.retain(|(_, w)| *w != pivot);
            set_or_remove(&PARENT_KEYS, st, child, netuid, &pk);
        }
        // Parents → pivot.
        let prev: BTreeSet<AccountId> = super::parents(st, &pivot, netuid)?
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        let list: Vec<Link> = self.parents.iter().map(|(p, w)| (*w, *p)).collect();
        set_or_remove(&PARENT_KEYS, st, &pivot, netuid, &list);
        for (parent, p) in &self.parents {
            let mut ck = super::children(st, parent, netuid)?;
            upsert(&mut ck, *p, &pivot);
            set_or_remove(&CHILD_KEYS, st, parent, netuid, &ck);
        }
        for parent in prev.iter().filter(|p| !self.parents.contains_key(p)) {
            let mut ck = super::children(st, parent, netuid)?;
            ck.retain(|(_, w)| *w != pivot);
            set_or_remove(&CHILD_KEYS, st, parent, netuid, &ck);
        }
        Ok(())
    }
}
