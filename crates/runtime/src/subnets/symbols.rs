//! Token symbols (§2.8): a new subnet takes `SYMBOLS[netuid]` if unused, else the first unused
//! symbol from index 1, else "Τ".

use super::SYMBOLS;
use crate::{
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    storage::{StorageError, StorageRead},
    subtensor::{storage::TOKEN_SYMBOL, Error, Origin, SubtensorEvent},
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

/// `update_symbol(netuid, symbol)`: owner or root; the symbol must be one of `SYMBOLS[1..]`
/// and unused by any subnet.
pub fn update_symbol(
    ext: &mut Ext<'_>,
    origin: Origin,
    netuid: NetUid,
    symbol: &[u8],
) -> DispatchResult {
    match origin {
        Origin::Root => {}
        Origin::Signed(who) if super::owner(&ext.state, netuid)? == Some(who) => {}
        Origin::Signed(_) => return Err(DispatchError::BadOrigin),
    }
    if !super::exists(&ext.state, netuid)? {
        return Err(Error::SubnetNotExists.into());
    }
    if !SYMBOLS[1..].contains(&symbol) {
        return Err(Error::SymbolDoesNotExist.into());
    }
    if TOKEN_SYMBOL
        .iter(&ext.state)?
        .iter()
        .any(|(_, s)| s.as_slice() == symbol)
    {
        return Err(Error::SymbolAlreadyInUse.into());
    }
    TOKEN_SYMBOL.insert(&mut ext.state, &netuid, &symbol.to_vec());
    ext.deposit_event(SubtensorEvent::SymbolUpdated {
        netuid,
        symbol: symbol.to_vec(),
    });
    Ok(())
}
