//! Child hotkeys (spec-emission §9.2, §9.6; spec-epoch §4.3): a parent hotkey lends fractions
//! of its stake on one subnet to up to five child hotkeys, which validate with it and pass
//! part of the dividends back; the child keeps its childkey take.
//!
//! * [`set_children`] (call 67) validates a new child list and schedules it in
//!   `PendingChildKeys` for `PendingChildKeyCooldown` blocks (applied at once while the
//!   subnet has not started). [`on_initialize`] applies due lists on a subnet in the block
//!   its epoch fires, after the epoch ([`schedule`]).
//! * `ChildKeys[parent][netuid]` and `ParentKeys[child][netuid]` mirror each other, proportions
//!   as u64 fractions of `u64::MAX`; they are written only through [`relations`], which keeps
//!   both sides consistent and refuses a child that is also a parent of the same hotkey
//!   (subtensor HEAD's bipartite rule; longer cycles are not checked, as upstream).
//! * [`set_childkey_take`] (call 75): the child's cut of dividends it passes to parents of
//!   other owners, in [effective minimum, `MaxChildkeyTake`], increases rate limited.
//! * [`inherit`]: the stake a hotkey validates with after lending and borrowing, in subtensor's
//!   U96F32 arithmetic; the epoch adapter and the emission's dividend split read it.

mod inherit;
pub mod relations;
pub mod schedule;
mod swap;
mod take;

pub use inherit::{
    inherit, inherited_alpha, inherited_stakes, inherited_tao, own_alpha, own_root_stake,
    stake_weight, total_stake_for_hotkey,
};
pub use schedule::{apply_pending, on_initialize, set_children};
pub use swap::swap_hotkey_on_subnet;
pub use take::{childkey_take, effective_min_childkey_take, set_childkey_take};

use crate::{
    hyperparams::items::{Global, Param},
    storage::{Overlay, StorageDoubleMap, StorageError, StorageRead},
    subtensor::storage::PALLET,
};
use yuma_primitives::{hashing::StorageHasher, AccountId, NetUid};

const B2: StorageHasher = StorageHasher::Blake2_128Concat;
const ID: StorageHasher = StorageHasher::Identity;

/// A child or parent link: (proportion of `u64::MAX`, the other hotkey).
pub type Link = (u64, AccountId);

/// Most children a hotkey may have on one subnet.
pub const MAX_CHILDREN: usize = 5;
/// Blocks between two `set_children` of one hotkey on one subnet (`TransactionType::SetChildren`).
pub const SET_CHILDREN_RATE_LIMIT: u64 = 150;
/// `TransactionType::SetChildren` as stored in `TransactionKeyLastBlock`.
pub const TX_SET_CHILDREN: u16 = 0;
/// `TransactionType::SetChildkeyTake` as stored in `TransactionKeyLastBlock`.
pub const TX_SET_CHILDKEY_TAKE: u16 = 1;

/// `ChildKeys`: (parent, netuid) → children; absent reads as none.
pub const CHILD_KEYS: StorageDoubleMap<AccountId, NetUid, Vec<Link>> =
    StorageDoubleMap::new(PALLET, "ChildKeys", B2, ID);
/// `ParentKeys`: (child, netuid) → parents.
pub const PARENT_KEYS: StorageDoubleMap<AccountId, NetUid, Vec<Link>> =
    StorageDoubleMap::new(PALLET, "ParentKeys", B2, ID);
/// `PendingChildKeys`: (netuid, parent) → (children, cooldown block).
pub const PENDING_CHILD_KEYS: StorageDoubleMap<NetUid, AccountId, (Vec<Link>, u64)> =
    StorageDoubleMap::new(PALLET, "PendingChildKeys", ID, B2);
/// `ChildkeyTake`: (hotkey, netuid) → take (u16/65 535); absent reads as 0.
pub const CHILDKEY_TAKE: StorageDoubleMap<AccountId, NetUid, u16> =
    StorageDoubleMap::new(PALLET, "ChildkeyTake", B2, ID);
/// `MinChildkeyTake` (runtime 0).
pub const MIN_CHILDKEY_TAKE: Global<u16> = Global::new("MinChildkeyTake", 0);
/// `MaxChildkeyTake` (runtime 11 796 = 18 %).
pub const MAX_CHILDKEY_TAKE: Global<u16> = Global::new("MaxChildkeyTake", 11_796);
/// `MinChildkeyTakePerSubnet`: a subnet's stricter minimum (0 = none).
pub const MIN_CHILDKEY_TAKE_PER_SUBNET: Param<u16> = Param::new("MinChildkeyTakePerSubnet", 0);
/// `TxChildkeyTakeRateLimit`, blocks between childkey-take increases (runtime 216 000).
pub const TX_CHILDKEY_TAKE_RATE_LIMIT: Global<u64> =
    Global::new("TxChildkeyTakeRateLimit", 216_000);
/// `PendingChildKeyCooldown`, blocks a child list waits before it can apply (runtime 7 200).
pub const PENDING_CHILD_KEY_COOLDOWN: Global<u64> = Global::new("PendingChildKeyCooldown", 7_200);

/// The children of `hotkey` on `netuid` (`get_children`), in stored order.
pub fn children(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    netuid: NetUid,
) -> Result<Vec<Link>, StorageError> {
    Ok(CHILD_KEYS.get(s, hotkey, &netuid)?.unwrap_or_default())
}

/// The parents of `hotkey` on `netuid` (`get_parents`), in stored order.
pub fn parents(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    netuid: NetUid,
) -> Result<Vec<Link>, StorageError> {
    Ok(PARENT_KEYS.get(s, hotkey, &netuid)?.unwrap_or_default())
}

/// The child list scheduled for `hotkey` on `netuid` and the block after which it may apply.
pub fn pending(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    netuid: NetUid,
) -> Result<Option<(Vec<Link>, u64)>, StorageError> {
    PENDING_CHILD_KEYS.get(s, &netuid, hotkey)
}

/// After an unstake (`remove_stake`, `remove_stake_limit`): if the TAO value of `hotkey`'s
/// stake ([`total_stake_for_hotkey`]) fell below `StakeThreshold`, its scheduled child lists
/// are dropped on every subnet, so a parent that no longer qualifies cannot have them applied.
pub fn drop_pending_if_below_threshold(
    st: &mut Overlay<'_>,
    hotkey: &AccountId,
) -> Result<(), StorageError> {
    let threshold = crate::hyperparams::items::STAKE_THRESHOLD.get(st)?;
    if total_stake_for_hotkey(st, hotkey)? < threshold {
        for netuid in crate::subnets::all(st)? {
            PENDING_CHILD_KEYS.remove(st, &netuid, hotkey);
        }
    }
    Ok(())
}

/// Removes every childkey entry of a dissolved subnet: relations in both directions, pending
/// lists and childkey takes (spec-subnets §2.7).
pub fn clear_subnet(st: &mut Overlay<'_>, netuid: NetUid) -> Result<(), StorageError> {
    for (hotkey, _) in PENDING_CHILD_KEYS.iter_prefix(st, &netuid)? {
        PENDING_CHILD_KEYS.remove(st, &netuid, &hotkey);
    }
    for map in [&CHILD_KEYS, &PARENT_KEYS] {
        let keys: Vec<AccountId> = map
            .iter_all(st)?
            .into_iter()
            .filter(|((_, n), _)| *n == netuid)
            .map(|((h, _), _)| h)
            .collect();
        for h in keys {
            map.remove(st, &h, &netuid);
        }
    }
    let takes: Vec<AccountId> = CHILDKEY_TAKE
        .iter_all(st)?
        .into_iter()
        .filter(|((_, n), _)| *n == netuid)
        .map(|((h, _), _)| h)
        .collect();
    for h in takes {
        CHILDKEY_TAKE.remove(st, &h, &netuid);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
