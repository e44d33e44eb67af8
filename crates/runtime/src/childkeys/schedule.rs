//! `set_children` (call 67) and the application of scheduled child lists.
//!
//! Checks in subtensor's order (`do_schedule_children`): the per-(hotkey, subnet) rate limit
//! of 150 blocks (`TxRateLimitExceeded`), not root (`RegistrationNotPermittedOnRootSubnet`),
//! the subnet exists (`SubnetNotExists`), the signer owns the hotkey (`NonAssociatedColdKey`),
//! no child twice (`DuplicateChild`), the relation rules of [`super::relations`], and — for a
//! non-empty list — the hotkey's total stake (TAO value over all subnets) at least
//! `StakeThreshold` unless it is the subnet's owner hotkey (`NotEnoughStakeToSetChildkeys`).
//! Children need not exist as accounts.
//!
//! Before `start_call` the list applies at once; after it, it waits in `PendingChildKeys`
//! until a block *after* `now + PendingChildKeyCooldown` in which the subnet's epoch fires
//! (subtensor runs this right after the coinbase in `block_step`). A list that has become
//! inconsistent by then (say its child became the hotkey's parent) is dropped silently.

use super::{
    inherit::total_stake_for_hotkey, relations::RelationError, relations::Relations, Link,
    PENDING_CHILD_KEYS, PENDING_CHILD_KEY_COOLDOWN, SET_CHILDREN_RATE_LIMIT, TX_SET_CHILDREN,
};
use crate::{
    dispatch::DispatchResult,
    ext::Ext,
    hyperparams::items::{STAKE_THRESHOLD, SUBTOKEN_ENABLED},
    storage::StorageError,
    subnets,
    subtensor::{
        ownership,
        storage::{LAST_EPOCH_BLOCK, SUBNET_OWNER_HOTKEY, TRANSACTION_KEY_LAST_BLOCK},
        Error, SubtensorEvent,
    },
};
use yuma_primitives::{AccountId, NetUid};

/// `set_children(hotkey, netuid, children)` signed by `coldkey`.
pub fn set_children(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    netuid: NetUid,
    children: &[Link],
) -> DispatchResult {
    let now = ext.block;
    let key = (*hotkey, netuid, TX_SET_CHILDREN);
    let last = TRANSACTION_KEY_LAST_BLOCK
        .get(&ext.state, &key)?
        .unwrap_or(0);
    if last != 0 && now.saturating_sub(last) < SET_CHILDREN_RATE_LIMIT {
        return Err(Error::TxRateLimitExceeded.into());
    }
    if netuid == NetUid::ROOT {
        return Err(Error::RegistrationNotPermittedOnRootSubnet.into());
    }
    if !subnets::exists(&ext.state, netuid)? {
        return Err(Error::SubnetNotExists.into());
    }
    if !ownership::coldkey_owns_hotkey(&ext.state, coldkey, hotkey)? {
        return Err(Error::NonAssociatedColdKey.into());
    }
    for (i, (_, child)) in children.iter().enumerate() {
        if children[..i].iter().any(|(_, c)| c == child) {
            return Err(Error::DuplicateChild.into());
        }
    }
    Relations::load(&ext.state, hotkey, netuid)?.ensure_pending_consistency(children)?;
    if !children.is_empty()
        && total_stake_for_hotkey(&ext.state, hotkey)? < STAKE_THRESHOLD.get(&ext.state)?
        && SUBNET_OWNER_HOTKEY.get(&ext.state, &netuid)?.as_ref() != Some(hotkey)
    {
        return Err(Error::NotEnoughStakeToSetChildkeys.into());
    }
    TRANSACTION_KEY_LAST_BLOCK.insert(&mut ext.state, &key, &now);

    if !SUBTOKEN_ENABLED.get(&ext.state, netuid)? {
        apply_list(ext, netuid, hotkey, children)?;
        return Ok(());
    }
    let cooldown_block = now.saturating_add(PENDING_CHILD_KEY_COOLDOWN.get(&ext.state)?);
    PENDING_CHILD_KEYS.insert(
        &mut ext.state,
        &netuid,
        hotkey,
        &(children.to_vec(), cooldown_block),
    );
    ext.deposit_event(SubtensorEvent::SetChildrenScheduled(
        *hotkey,
        netuid,
        cooldown_block,
        children.to_vec(),
    ));
    Ok(())
}

/// Makes `children` the children of `hotkey` if the relations allow it, emitting
/// `SetChildren` (`persist_pending_chidren_ok`); a broken rule leaves everything as it was.
fn apply_list(
    ext: &mut Ext<'_>,
    netuid: NetUid,
    hotkey: &AccountId,
    children: &[Link],
) -> Result<(), StorageError> {
    let rel = match Relations::from_pending(&ext.state, hotkey, children, netuid) {
        Ok(rel) => rel,
        Err(RelationError::Rule(_)) => return Ok(()),
        Err(RelationError::Storage(e)) => return Err(e),
    };
    rel.persist(&mut ext.state, netuid)?;
    ext.deposit_event(SubtensorEvent::SetChildren(
        *hotkey,
        netuid,
        children.to_vec(),
    ));
    Ok(())
}

/// Applies the pending lists of `netuid` whose cooldown block is before this block, or all of
/// them if the subnet has not started (`do_set_pending_children`); in storage-key order.
pub fn apply_pending(ext: &mut Ext<'_>, netuid: NetUid) -> Result<(), StorageError> {
    let now = ext.block;
    let started = SUBTOKEN_ENABLED.get(&ext.state, netuid)?;
    for (hotkey, (children, cooldown_block)) in
        PENDING_CHILD_KEYS.iter_prefix(&ext.state, &netuid)?
    {
        if cooldown_block < now || !started {
            apply_list(ext, netuid, &hotkey, &children)?;
            PENDING_CHILD_KEYS.remove(&mut ext.state, &netuid, &hotkey);
        }
    }
    Ok(())
}

/// The per-block hook (`try_set_pending_children`): for every subnet whose epoch fired in this
/// block (`LastEpochBlock == now`), apply its due pending lists. Runs after the epoch slots
/// are consumed and, once the coinbase lands, after it.
pub fn on_initialize(ext: &mut Ext<'_>, subnets: &[NetUid]) -> Result<(), StorageError> {
    let now = ext.block;
    for &netuid in subnets {
        if LAST_EPOCH_BLOCK.get(&ext.state, &netuid)?.unwrap_or(0) == now {
            apply_pending(ext, netuid)?;
        }
    }
    Ok(())
}
