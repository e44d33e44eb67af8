//! A small world for staking and swap tests: the root subnet plus dynamic subnets with given
//! reserves, funded coldkeys and owned hotkeys, with the subnet accounts holding their pools.

use crate::{
    balances::{self, TOTAL_ISSUANCE},
    ext::Ext,
    hyperparams::items::SUBTOKEN_ENABLED,
    storage::{MemoryStore, StorageRead},
    subnets,
    subtensor::storage::{NETWORKS_ADDED, OWNER, SUBNET_MECHANISM},
    swap::storage::{add_total_stake, SUBNET_ALPHA_IN, SUBNET_ALPHA_OUT, SUBNET_TAO},
};
use yuma_primitives::{AccountId, NetUid};

/// 1 TAO in rao.
pub(crate) const TAO: u64 = 1_000_000_000;

/// A deterministic test account.
pub(crate) fn acc(b: u8) -> AccountId {
    AccountId([b; 32])
}

/// The block author of fixture blocks.
pub(crate) fn author() -> AccountId {
    acc(200)
}

/// Builds a store: root (netuid 0), dynamic subnets `(tao, alpha)` as netuids 1.., coldkeys
/// `acc(10 + i)` funded with `balance`, hotkeys `acc(100 + i)` owned by `acc(1)`.
pub(crate) fn world(pools: &[(u64, u64)], coldkeys: usize, balance: u64) -> MemoryStore {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 1, None);
    NETWORKS_ADDED.insert(&mut ext.state, &NetUid::ROOT, &true);
    SUBNET_MECHANISM.insert(&mut ext.state, &NetUid::ROOT, &0);
    let mut issuance = 0u64;
    for (i, (tao, alpha)) in pools.iter().enumerate() {
        let n = NetUid(i as u16 + 1);
        NETWORKS_ADDED.insert(&mut ext.state, &n, &true);
        SUBNET_MECHANISM.insert(&mut ext.state, &n, &1);
        SUBTOKEN_ENABLED.set(&mut ext.state, n, true);
        SUBNET_TAO.insert(&mut ext.state, &n, tao);
        SUBNET_ALPHA_IN.insert(&mut ext.state, &n, alpha);
        SUBNET_ALPHA_OUT.insert(&mut ext.state, &n, &0);
        add_total_stake(&mut ext.state, *tao).unwrap();
        balances::set_free(&mut ext, &subnets::subnet_account(n), *tao).unwrap();
        issuance += tao;
    }
    for i in 0..coldkeys {
        balances::set_free(&mut ext, &acc(10 + i as u8), balance).unwrap();
        issuance += balance;
    }
    for i in 0..8u8 {
        OWNER.insert(&mut ext.state, &acc(100 + i), &acc(1));
    }
    TOTAL_ISSUANCE.put(&mut ext.state, &issuance);
    ext.state.into_changes().into_store()
}

/// Sum of every free balance.
pub(crate) fn total_balances(s: &dyn StorageRead) -> u64 {
    crate::system::ACCOUNT
        .iter(s)
        .unwrap()
        .iter()
        .map(|(_, i)| i.data.free)
        .sum()
}
