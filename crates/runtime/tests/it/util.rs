//! Shared helpers: keys, calls and state diffs.

use std::{collections::BTreeMap, sync::OnceLock};
use yuma_primitives::{
    call::{BalancesCall, SystemCall},
    extrinsic::MultiAddress,
    AccountId, Balance, Pair, RuntimeCall,
};
use yuma_runtime::{genesis::GenesisConfig, storage::MemoryStore, MemoryChain};

/// `//user{i}`, derived once.
pub(crate) fn user(i: usize) -> &'static Pair {
    static USERS: OnceLock<Vec<Pair>> = OnceLock::new();
    &USERS.get_or_init(|| {
        (0..8)
            .map(|i| Pair::from_uri(&format!("//user{i}")).unwrap())
            .collect()
    })[i]
}

pub(crate) fn transfer(to: AccountId, value: u64, keep_alive: bool) -> RuntimeCall {
    let dest = MultiAddress::Id(to);
    let value = Balance(value);
    RuntimeCall::Balances(if keep_alive {
        BalancesCall::TransferKeepAlive { dest, value }
    } else {
        BalancesCall::TransferAllowDeath { dest, value }
    })
}

pub(crate) fn remark() -> RuntimeCall {
    RuntimeCall::System(SystemCall::Remark {
        remark: b"x".to_vec(),
    })
}

/// A chain on the `empty` preset with `//user0..n` funded.
pub(crate) fn chain_with(balances: &[u64]) -> MemoryChain {
    let mut g = GenesisConfig::preset("empty").unwrap();
    for (i, b) in balances.iter().enumerate() {
        g.set_balance(user(i).public(), *b);
    }
    MemoryChain::new(&g).unwrap()
}

/// Keys whose values differ between two states.
pub(crate) fn diff(a: &MemoryStore, b: &MemoryStore) -> Vec<Vec<u8>> {
    let am: BTreeMap<_, _> = a.iter().collect();
    let bm: BTreeMap<_, _> = b.iter().collect();
    let mut keys: Vec<Vec<u8>> = am.keys().chain(bm.keys()).map(|k| (*k).clone()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| am.get(k) != bm.get(k))
        .collect()
}
