//! Root-claim state following key swaps (subtensor `transfer_root_claimable_for_new_hotkey`,
//! `transfer_root_claimed_for_new_keys`): watermarks merge by summing.

use super::{auto, ROOT_CLAIMABLE, ROOT_CLAIMED};
use crate::{
    stake,
    storage::{Overlay, StorageError},
};
use parity_scale_codec::Encode;
use yuma_primitives::{AccountId, NetUid};

/// `transfer_root_claimed_for_new_keys`: (n, old_hot, old_cold)'s watermark is added to
/// (n, new_hot, new_cold)'s.
pub fn transfer_root_claimed(
    st: &mut Overlay<'_>,
    n: NetUid,
    old: (&AccountId, &AccountId),
    new: (&AccountId, &AccountId),
) -> Result<(), StorageError> {
    let old_key = (n, *old.0, *old.1);
    let moved = ROOT_CLAIMED.get(st, &old_key)?.unwrap_or(0);
    ROOT_CLAIMED.remove(st, &old_key);
    let new_key = (n, *new.0, *new.1);
    let prev = ROOT_CLAIMED.get(st, &new_key)?.unwrap_or(0);
    ROOT_CLAIMED.insert(st, &new_key, &moved.saturating_add(prev));
    Ok(())
}

/// A hotkey swap's root part (its root stake moved): the claimable rates merge into the new
/// hotkey's, and every coldkey's watermark on each of those subnets moves with them.
pub fn swap_hotkey(
    st: &mut Overlay<'_>,
    old: &AccountId,
    new: &AccountId,
) -> Result<(), StorageError> {
    let src = ROOT_CLAIMABLE.get(st, old)?.unwrap_or_default();
    let mut dst = ROOT_CLAIMABLE.get(st, new)?.unwrap_or_default();
    ROOT_CLAIMABLE.remove(st, old);
    for (n, bits) in src {
        let cur = substrate_fixed::types::I96F32::from_bits(dst.get(&n).copied().unwrap_or(0));
        let add = substrate_fixed::types::I96F32::from_bits(bits);
        dst.insert(n, cur.saturating_add(add).to_bits());
    }
    let subnets: Vec<NetUid> = dst.keys().copied().collect();
    ROOT_CLAIMABLE.insert(st, new, &dst);
    for n in subnets {
        for ((_, _, cold), _) in ROOT_CLAIMED.iter_prefix(st, &[n.encode(), old.encode()])? {
            transfer_root_claimed(st, n, (old, &cold), (new, &cold))?;
        }
    }
    Ok(())
}

/// A coldkey swap's root part, after the stake moved: for every (hotkey, subnet) where the new
/// coldkey now holds stake, the watermark of that subnet moves over (as subtensor keys it, by
/// the alpha stake on that subnet); the index gains the new coldkey if it holds root stake and
/// loses the old one.
pub fn swap_coldkey(
    st: &mut Overlay<'_>,
    hotkeys: &[AccountId],
    subnets: &[NetUid],
    old: &AccountId,
    new: &AccountId,
) -> Result<(), StorageError> {
    for &n in subnets {
        for hk in hotkeys {
            if stake::alpha_stake(st, hk, new, n)? == 0 {
                continue;
            }
            transfer_root_claimed(st, n, (hk, old), (hk, new))?;
            if n == NetUid::ROOT {
                auto::maybe_add_coldkey_index(st, new)?;
            }
        }
        if n == NetUid::ROOT {
            auto::maybe_remove_coldkey_index(st, old)?;
        }
    }
    Ok(())
}
