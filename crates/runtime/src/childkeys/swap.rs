//! Child keys under a hotkey swap (spec-subnets §7.1 `per_subnet_swap`; subtensor
//! `parent_child_swap_hotkey` and `perform_hotkey_swap_on_one_subnet` steps 3.8–6): on one
//! subnet the new hotkey takes over the old one's childkey take, its children and parents
//! (proportions kept), its pending child list, and its place in other hotkeys' pending lists.
//! Fails with `InvalidChild` if the new hotkey is already a child or parent of the old one.

use super::{
    relations::{RelationError, Relations},
    CHILDKEY_TAKE, CHILD_KEYS, PARENT_KEYS, PENDING_CHILD_KEYS,
};
use crate::storage::Overlay;
use yuma_primitives::{AccountId, NetUid};

/// Moves `old`'s childkey state on `netuid` to `new`.
pub fn swap_hotkey_on_subnet(
    st: &mut Overlay<'_>,
    netuid: NetUid,
    old: &AccountId,
    new: &AccountId,
) -> Result<(), RelationError> {
    if let Some(take) = CHILDKEY_TAKE.get(st, old, &netuid)? {
        CHILDKEY_TAKE.remove(st, old, &netuid);
        CHILDKEY_TAKE.insert(st, new, &netuid, &take);
    }
    let rel = Relations::load(st, old, netuid)?;
    // Forget `old` on every neighbour, then clear its own lists (subtensor stores an empty
    // children vector here rather than removing the entry).
    for child in rel.children().keys() {
        let mut pk = super::parents(st, child, netuid)?;
        pk.retain(|(_, w)| w != old);
        if pk.is_empty() {
            PARENT_KEYS.remove(st, child, &netuid);
        } else {
            PARENT_KEYS.insert(st, child, &netuid, &pk);
        }
    }
    for parent in rel.parents().keys() {
        let mut ck = super::children(st, parent, netuid)?;
        ck.retain(|(_, w)| w != old);
        CHILD_KEYS.insert(st, parent, &netuid, &ck);
    }
    CHILD_KEYS.insert(st, old, &netuid, &Vec::new());
    PARENT_KEYS.remove(st, old, &netuid);
    let rel = rel.rebind(new)?;
    if let Some((children, cooldown)) = PENDING_CHILD_KEYS.get(st, &netuid, old)? {
        rel.ensure_pending_consistency(&children)?;
        PENDING_CHILD_KEYS.remove(st, &netuid, old);
        PENDING_CHILD_KEYS.insert(st, &netuid, new, &(children, cooldown));
    }
    rel.persist(st, netuid)?;
    // Pending lists of other hotkeys that name `old` as a child now name `new`, last.
    for (hotkey, (mut children, cooldown)) in PENDING_CHILD_KEYS.iter_prefix(st, &netuid)? {
        if let Some(i) = children.iter().position(|(_, c)| c == old) {
            let (p, _) = children.remove(i);
            children.push((p, *new));
            PENDING_CHILD_KEYS.insert(st, &netuid, &hotkey, &(children, cooldown));
        }
    }
    Ok(())
}
