//! Subnets (spec-subnets §2): existence, the system account, the lock cost, `register_network`
//! with pruning, `start_call`, token symbols, the root subnet, the epoch counter and
//! dissolution.

mod dissolve;
pub mod identity;
pub mod info;
mod lock_cost;
pub mod mechanisms;
mod register;
pub mod schedule;
mod start_call;
mod symbols;
mod symbols_table;
pub mod tempo_control;

pub use dissolve::{dissolve, network_to_prune};
pub use identity::set_subnet_identity;
pub use lock_cost::{block_emission, lock_cost};
pub use register::{init_root, network_rate_ok, register_network, register_network_with_identity};
pub use start_call::start_call;
pub use symbols::{next_available_symbol, update_symbol};
pub use symbols_table::SYMBOLS;

use crate::{
    storage::{StorageError, StorageRead},
    subtensor::storage::{NETWORKS_ADDED, SUBNET_OWNER},
};
use yuma_primitives::{AccountId, NetUid};

/// The system account of a subnet (§1.4): `"modl" ‖ "subtensr" ‖ SCALE(netuid)`, zero-padded.
pub fn subnet_account(netuid: NetUid) -> AccountId {
    let mut a = [0u8; 32];
    a[..4].copy_from_slice(b"modl");
    a[4..12].copy_from_slice(b"subtensr");
    a[12..14].copy_from_slice(&netuid.0.to_le_bytes());
    AccountId(a)
}

/// Whether `who` is the system account of an existing subnet (or of root).
pub fn is_system_account(s: &dyn StorageRead, who: &AccountId) -> Result<bool, StorageError> {
    let b = who.0;
    if &b[..12] != b"modlsubtensr" || b[14..].iter().any(|x| *x != 0) {
        return Ok(false);
    }
    let n = NetUid(u16::from_le_bytes([b[12], b[13]]));
    Ok(n == NetUid::ROOT || exists(s, n)?)
}

/// Whether the subnet exists.
pub fn exists(s: &dyn StorageRead, netuid: NetUid) -> Result<bool, StorageError> {
    Ok(NETWORKS_ADDED.get(s, &netuid)?.unwrap_or(false))
}

/// Every existing netuid, root included, ascending.
pub fn all(s: &dyn StorageRead) -> Result<Vec<NetUid>, StorageError> {
    let mut v: Vec<NetUid> = NETWORKS_ADDED
        .iter(s)?
        .into_iter()
        .filter(|(_, added)| *added)
        .map(|(n, _)| n)
        .collect();
    v.sort();
    Ok(v)
}

/// The owner coldkey.
pub fn owner(s: &dyn StorageRead, netuid: NetUid) -> Result<Option<AccountId>, StorageError> {
    SUBNET_OWNER.get(s, &netuid)
}
