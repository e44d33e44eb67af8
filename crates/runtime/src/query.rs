//! Read-only queries over state, with the names and JSON shapes of `shared/spec/scenario.md`.
//! The scenario runner and the node's RPC (`yuma_<camelCase>`) serve these same functions.

use crate::{
    balances,
    storage::{StorageError, StorageRead},
    system,
};
use serde::Serialize;
use yuma_primitives::AccountId;

/// `account`: an account's free balance and next nonce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AccountQuery {
    /// Free balance, rao.
    pub free: u64,
    /// Next nonce.
    pub nonce: u32,
}

/// `block_number`.
pub fn block_number(s: &dyn StorageRead) -> Result<u64, StorageError> {
    system::block_number(s)
}

/// `total_issuance`: all TAO in existence, rao.
pub fn total_issuance(s: &dyn StorageRead) -> Result<u64, StorageError> {
    balances::total_issuance(s)
}

/// `account`.
pub fn account(s: &dyn StorageRead, who: &AccountId) -> Result<AccountQuery, StorageError> {
    let a = system::account(s, who)?;
    Ok(AccountQuery {
        free: a.data.free,
        nonce: a.nonce,
    })
}

/// `subnets`: every existing netuid, root included.
pub fn subnets(s: &dyn StorageRead) -> Result<Vec<u16>, StorageError> {
    Ok(crate::subnets::all(s)?.into_iter().map(|n| n.0).collect())
}

/// `network_lock_cost`: what the next `register_network` locks (in the next block).
pub fn network_lock_cost(s: &dyn StorageRead) -> Result<u64, StorageError> {
    crate::subnets::lock_cost(s, system::block_number(s)?.saturating_add(1))
}

/// `burn`: what the first `burned_register` of the next block costs (after its decay).
pub fn burn(s: &dyn StorageRead, netuid: yuma_primitives::NetUid) -> Result<u64, StorageError> {
    crate::neurons::next_block_burn(s, netuid)
}
