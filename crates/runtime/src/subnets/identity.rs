//! Subnet identity (spec-subnets §2.9): set by the owner, or at registration through
//! `register_network_with_identity`; erased on dissolution.

use crate::{
    dispatch::DispatchResult,
    ext::Ext,
    storage::StorageMap,
    subtensor::{storage::PALLET, Error, SubtensorEvent},
};
use yuma_primitives::{call::SubnetIdentityV3, hashing::StorageHasher, AccountId, NetUid};

/// `SubnetIdentitiesV3`: netuid → identity.
pub const SUBNET_IDENTITIES_V3: StorageMap<NetUid, SubnetIdentityV3> = StorageMap::new(
    PALLET,
    "SubnetIdentitiesV3",
    StorageHasher::Blake2_128Concat,
);

/// Whether every field is within its length limit.
pub fn is_valid(id: &SubnetIdentityV3) -> bool {
    id.subnet_name.len() <= 256
        && id.github_repo.len() <= 1024
        && id.subnet_contact.len() <= 1024
        && id.subnet_url.len() <= 1024
        && id.discord.len() <= 256
        && id.description.len() <= 1024
        && id.logo_url.len() <= 1024
        && id.additional.len() <= 1024
}

/// Stores a validated identity and emits `SubnetIdentitySet`.
pub(crate) fn store(ext: &mut Ext<'_>, netuid: NetUid, id: &SubnetIdentityV3) -> DispatchResult {
    if !is_valid(id) {
        return Err(Error::InvalidIdentity.into());
    }
    SUBNET_IDENTITIES_V3.insert(&mut ext.state, &netuid, id);
    ext.deposit_event(SubtensorEvent::SubnetIdentitySet(netuid));
    Ok(())
}

/// `set_subnet_identity(netuid, …)` signed by the owner (a missing subnet is `NotSubnetOwner`).
pub fn set_subnet_identity(
    ext: &mut Ext<'_>,
    who: &AccountId,
    netuid: NetUid,
    id: &SubnetIdentityV3,
) -> DispatchResult {
    if super::owner(&ext.state, netuid)?.as_ref() != Some(who) {
        return Err(Error::NotSubnetOwner.into());
    }
    store(ext, netuid, id)
}

/// Removes the identity on dissolution, emitting `SubnetIdentityRemoved` if there was one.
pub(crate) fn remove(
    ext: &mut Ext<'_>,
    netuid: NetUid,
) -> Result<(), crate::storage::StorageError> {
    if SUBNET_IDENTITIES_V3.get(&ext.state, &netuid)?.is_some() {
        SUBNET_IDENTITIES_V3.remove(&mut ext.state, &netuid);
        ext.deposit_event(SubtensorEvent::SubnetIdentityRemoved(netuid));
    }
    Ok(())
}
