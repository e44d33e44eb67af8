//! Childkey take (`set_childkey_take`, call 75): the share a child keeps of the dividends it
//! passes to parents owned by other coldkeys (spec-emission §9.2). Per (hotkey, subnet),
//! within [max(`MinChildkeyTake`, `MinChildkeyTakePerSubnet`), `MaxChildkeyTake`]; an increase
//! needs `TxChildkeyTakeRateLimit` blocks since the last change (`now − last ≥ limit`), a
//! decrease does not, and both restart the window. The subnet is not checked, as upstream.

use super::{
    CHILDKEY_TAKE, MAX_CHILDKEY_TAKE, MIN_CHILDKEY_TAKE, MIN_CHILDKEY_TAKE_PER_SUBNET,
    TX_CHILDKEY_TAKE_RATE_LIMIT, TX_SET_CHILDKEY_TAKE,
};
use crate::{
    dispatch::DispatchResult,
    ext::Ext,
    storage::{StorageError, StorageRead},
    subtensor::{ownership, storage::TRANSACTION_KEY_LAST_BLOCK, Error, SubtensorEvent},
};
use yuma_primitives::{AccountId, NetUid};

/// `get_effective_min_childkey_take`: the global minimum or the subnet's, whichever is higher.
pub fn effective_min_childkey_take(
    s: &dyn StorageRead,
    netuid: NetUid,
) -> Result<u16, StorageError> {
    Ok(MIN_CHILDKEY_TAKE
        .get(s)?
        .max(MIN_CHILDKEY_TAKE_PER_SUBNET.get(s, netuid)?))
}

/// `get_childkey_take`: the stored take (0 if none), raised to the effective minimum.
pub fn childkey_take(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    netuid: NetUid,
) -> Result<u16, StorageError> {
    Ok(CHILDKEY_TAKE
        .get(s, hotkey, &netuid)?
        .unwrap_or(0)
        .max(effective_min_childkey_take(s, netuid)?))
}

/// `set_childkey_take(hotkey, netuid, take)` signed by `coldkey`.
pub fn set_childkey_take(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    netuid: NetUid,
    take: u16,
) -> DispatchResult {
    if !ownership::coldkey_owns_hotkey(&ext.state, coldkey, hotkey)? {
        return Err(Error::NonAssociatedColdKey.into());
    }
    let min = effective_min_childkey_take(&ext.state, netuid)?;
    if take < min || take > MAX_CHILDKEY_TAKE.get(&ext.state)? {
        return Err(Error::InvalidChildkeyTake.into());
    }
    let now = ext.block;
    let key = (*hotkey, netuid, TX_SET_CHILDKEY_TAKE);
    if take > childkey_take(&ext.state, hotkey, netuid)? {
        let last = TRANSACTION_KEY_LAST_BLOCK
            .get(&ext.state, &key)?
            .unwrap_or(0);
        let limit = TX_CHILDKEY_TAKE_RATE_LIMIT.get(&ext.state)?;
        if last != 0 && now.saturating_sub(last) < limit {
            return Err(Error::TxChildkeyTakeRateLimitExceeded.into());
        }
    }
    TRANSACTION_KEY_LAST_BLOCK.insert(&mut ext.state, &key, &now);
    CHILDKEY_TAKE.insert(&mut ext.state, hotkey, &netuid, &take);
    ext.deposit_event(SubtensorEvent::ChildKeyTakeSet(*hotkey, take));
    Ok(())
}
