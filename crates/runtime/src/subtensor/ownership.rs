//! Hotkey ownership (spec-subnets §1.2–§1.4): a hotkey belongs to the first coldkey that
//! associates it, until a key swap; subnet system accounts can never be hotkeys.

use super::{
    storage::{OWNED_HOTKEYS, OWNER, STAKING_HOTKEYS},
    Error,
};
use crate::{
    dispatch::DispatchError,
    ext::Ext,
    storage::{StorageError, StorageRead},
    subnets,
};
use yuma_primitives::AccountId;

/// The coldkey owning `hotkey`, if any.
pub fn owner(s: &dyn StorageRead, hotkey: &AccountId) -> Result<Option<AccountId>, StorageError> {
    OWNER.get(s, hotkey)
}

/// Whether `coldkey` owns `hotkey`.
pub fn coldkey_owns_hotkey(
    s: &dyn StorageRead,
    coldkey: &AccountId,
    hotkey: &AccountId,
) -> Result<bool, StorageError> {
    Ok(OWNER.get(s, hotkey)?.as_ref() == Some(coldkey))
}

/// Hotkeys owned by `coldkey`.
pub fn owned_hotkeys(
    s: &dyn StorageRead,
    coldkey: &AccountId,
) -> Result<Vec<AccountId>, StorageError> {
    Ok(OWNED_HOTKEYS.get(s, coldkey)?.unwrap_or_default())
}

fn push_unique(
    ext: &mut Ext<'_>,
    map: &crate::storage::StorageMap<AccountId, Vec<AccountId>>,
    coldkey: &AccountId,
    hotkey: &AccountId,
) -> Result<(), StorageError> {
    let mut v = map.get(&ext.state, coldkey)?.unwrap_or_default();
    if !v.contains(hotkey) {
        v.push(*hotkey);
        map.insert(&mut ext.state, coldkey, &v);
    }
    Ok(())
}

/// `associate(coldkey, hotkey)` (§1.3): records ownership if the hotkey has none.
pub fn associate(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
) -> Result<(), DispatchError> {
    if subnets::is_system_account(&ext.state, hotkey)? {
        return Err(Error::CannotUseSystemAccount.into());
    }
    if OWNER.get(&ext.state, hotkey)?.is_none() {
        OWNER.insert(&mut ext.state, hotkey, coldkey);
        push_unique(ext, &OWNED_HOTKEYS, coldkey, hotkey)?;
        push_unique(ext, &STAKING_HOTKEYS, coldkey, hotkey)?;
    }
    Ok(())
}
