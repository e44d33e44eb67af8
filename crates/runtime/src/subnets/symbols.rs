//! Token symbols (§2.8): a new subnet takes `SYMBOLS[netuid]` if unused, else the first unused
//! symbol from index 1, else "Τ".

use super::SYMBOLS;
use crate::{
    storage::{StorageError, StorageRead},
    subtensor::storage::TOKEN_SYMBOL,
};
use yuma_primitives::NetUid;

/// The symbol a subnet registered as `netuid` gets.
pub fn next_available_symbol(s: &dyn StorageRead, netuid: NetUid) -> Result<Vec<u8>, StorageError> {
    let used: std::collections::BTreeSet<Vec<u8>> =
        TOKEN_SYMBOL.iter(s)?.into_iter().map(|(_, v)| v).collect();
    if let Some(sym) = SYMBOLS.get(usize::from(netuid.0)) {
        if !used.contains(*sym) {
            return Ok(sym.to_vec());
        }
    } else {
        return Ok(SYMBOLS[0].to_vec());
    }
    Ok(SYMBOLS[1..]
        .iter()
        .find(|s| !used.contains(**s))
        .map_or_else(|| SYMBOLS[0].to_vec(), |s| s.to_vec()))
}
