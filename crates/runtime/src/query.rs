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
