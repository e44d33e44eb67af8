//! The chain of the coinbase benchmarks (128 dynamic subnets × 256 uids, 64 validators
//! weighting every uid), shared by `benches/coinbase.rs` and `examples/coinbase_block.rs` so
//! the callgrind counts and the criterion times measure the same block.

use substrate_fixed::types::I96F32;
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::{
    emission::storage::*, genesis::GenesisConfig, hyperparams::items::*, params::EMISSION_SPLIT,
    stake, storage::Overlay, subnets::subnet_account, subtensor::storage::*, swap::storage as pool,
    Block, Header, MemoryChain,
};

pub(crate) const SUBNETS: u16 = 128;
pub(crate) const UIDS_PER: u16 = 256;
pub(crate) const VALIDATORS: u16 = 64;
pub(crate) const TAO: u64 = 1_000_000_000;

pub(crate) fn key(n: u16, uid: u16) -> AccountId {
    let mut a = [7u8; 32];
    a[..2].copy_from_slice(&n.to_le_bytes());
    a[2..4].copy_from_slice(&uid.to_le_bytes());
    AccountId(a)
}

/// The chain after genesis with the subnets written in; `due` subnets have their epoch due
/// at block 1.
pub(crate) fn chain(due: u16, cap: u8) -> MemoryChain {
    let mut g = GenesisConfig::preset("empty").expect("preset");
    g.set_balance(AccountId([9; 32]), 1_000_000 * TAO);
    let mut c = MemoryChain::new(&g).expect("genesis");
    let changes = {
        let mut st = Overlay::new(&c.state);
        write_subnets(&mut st, due, cap);
        st.into_changes()
    };
    c.state.commit(&changes);
    c
}

fn write_subnets(st: &mut Overlay<'_>, due: u16, cap: u8) {
    EMISSION_SPLIT.put(st, &1);
    MAX_EPOCHS_PER_BLOCK.set(st, cap);
    pool::SUBNET_TAO.insert(st, &NetUid::ROOT, &(1_000_000 * TAO));
    for i in 1..=SUBNETS {
        let n = NetUid(i);
        NETWORKS_ADDED.insert(st, &n, &true);
        SUBNET_MECHANISM.insert(st, &n, &1);
        let pool = 10_000 * TAO + u64::from(i) * TAO;
        pool::SUBNET_TAO.insert(st, &n, &pool);
        pool::SUBNET_ALPHA_IN.insert(st, &n, &(100_000 * TAO));
        pool::SUBNET_ALPHA_OUT.insert(st, &n, &(50_000 * TAO));
        // The subnet account holds its pool.
        let mut info = yuma_runtime::system::AccountInfo {
            providers: 1,
            ..Default::default()
        };
        info.data.free = pool;
        yuma_runtime::system::ACCOUNT.insert(st, &subnet_account(n), &info);
        FIRST_EMISSION_BLOCK_NUMBER.insert(st, &n, &1);
        SUBTOKEN_ENABLED.set(st, n, true);
        COMMIT_REVEAL_WEIGHTS_ENABLED.set(st, n, false);
        SUBNET_MOVING_PRICE.insert(st, &n, &I96F32::from_num(0.1).to_bits());
        TEMPO.set(st, n, 360);
        // Due at block 1 iff LastEpochBlock ≤ 1 − 360 (never): use PendingEpochAt instead.
        LAST_EPOCH_BLOCK.insert(st, &n, &0);
        if i <= due {
            PENDING_EPOCH_AT.insert(st, &n, &1);
        }
        PENDING_SERVER_EMISSION.set(st, n, 100 * TAO);
        PENDING_VALIDATOR_EMISSION.set(st, n, 100 * TAO);
        SUBNET_OWNER.insert(st, &n, &key(n.0, u16::MAX));
        SUBNETWORK_N.insert(st, &n, &UIDS_PER);
        let idx = storage_index(n, 0);
        LAST_UPDATE.insert(st, &idx, &vec![1u64; usize::from(UIDS_PER)]);
        let permits: Vec<bool> = (0..UIDS_PER).map(|u| u < VALIDATORS).collect();
        VALIDATOR_PERMIT.insert(st, &n, &permits);
        for uid in 0..UIDS_PER {
            let hk = key(i, uid);
            KEYS.insert(st, &n, &uid, &hk);
            UIDS.insert(st, &n, &hk, &uid);
            OWNER.insert(st, &hk, &key(i, uid.wrapping_add(1000)));
            BLOCK_AT_REGISTRATION.insert(st, &n, &uid, &0);
            let stake = if uid < VALIDATORS { 1_000 * TAO } else { TAO };
            stake::pool::TOTAL_HOTKEY_ALPHA.insert(st, &hk, &n, &(stake + u64::from(uid)));
            if uid < VALIDATORS {
                let row: Vec<(u16, u16)> = (0..UIDS_PER)
                    .map(|t| {
                        (
                            t,
                            1 + ((u32::from(t) * 7919 + u32::from(uid) * 31) % 1000) as u16,
                        )
                    })
                    .collect();
                WEIGHTS.insert(st, &idx, &uid, &row);
            }
        }
    }
}

pub(crate) fn empty_block(c: &MemoryChain) -> Block {
    Block {
        header: Header {
            parent_hash: c.best_hash(),
            number: c.best_number() + 1,
            state_root: Default::default(),
            extrinsics_root: yuma_runtime::executive::extrinsics_root(&[]),
            timestamp_ms: 0,
            author: None,
        },
        extrinsics: Vec::new(),
    }
}
