//! `coinbase::*`: one empty block's `apply_block` (mint, coinbase over every subnet, the
//! scheduler and any epochs that fire) on a chain of 128 dynamic subnets × 256 uids, each with
//! 64 validators weighting all 256 uids:
//! * `128x256/no_epoch` — the coinbase alone (no epoch due);
//! * `128x256/one_epoch` — one full 256-uid epoch falls due (goal: < 5 ms);
//! * `128x256/ten_epochs` — ten epochs fall due (MaxEpochsPerBlock raised to 32 so all run);
//! * breakdown of one epoch: `epoch_adapter_256` (read input, Yuma, write back),
//!   `epoch_read_input_256`, `distribute_only_256` (epoch + payouts) and
//!   `share_pool_credit_pair` (one "add to one" + one "add to all").

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use substrate_fixed::types::I96F32;
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::{
    emission::storage::*,
    genesis::GenesisConfig,
    hyperparams::items::*,
    params::EMISSION_SPLIT,
    stake,
    storage::{MemoryStore, Overlay},
    subnets::subnet_account,
    subtensor::storage::*,
    swap::storage as pool,
    Block, Header, MemoryChain,
};

const SUBNETS: u16 = 128;
const UIDS_PER: u16 = 256;
const VALIDATORS: u16 = 64;
const TAO: u64 = 1_000_000_000;

fn key(n: u16, uid: u16) -> AccountId {
    let mut a = [7u8; 32];
    a[..2].copy_from_slice(&n.to_le_bytes());
    a[2..4].copy_from_slice(&uid.to_le_bytes());
    AccountId(a)
}

/// The chain after genesis with the subnets written in; `due` subnets have their epoch due
/// at block 1.
fn chain(due: u16, cap: u8) -> MemoryChain {
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

fn empty_block(c: &MemoryChain) -> Block {
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

fn bench(c: &mut Criterion, name: &str, due: u16, cap: u8) {
    let ch = chain(due, cap);
    let block = empty_block(&ch);
    let state: &MemoryStore = &ch.state;
    // Sanity: the expected number of epochs fires.
    let out = yuma_runtime::apply_block(state, &block).expect("applies");
    let mut after = state.clone();
    after.commit(&out.changes);
    let fired = (1..=SUBNETS)
        .filter(|i| {
            LAST_MECHANISM_STEP_BLOCK
                .get(&after, &NetUid(*i))
                .ok()
                .flatten()
                == Some(1)
        })
        .count();
    assert_eq!(fired, usize::from(due.min(u16::from(cap))), "{name}");
    c.bench_function(name, |b| {
        b.iter(|| yuma_runtime::apply_block(state, &block).expect("applies"))
    });
}

/// The epoch alone (`epoch_adapter::run_epoch`, read + Yuma + write-back) on one subnet.
fn epoch_only(c: &mut Criterion) {
    let ch = chain(0, 2);
    let state: &MemoryStore = &ch.state;
    c.bench_function("coinbase/epoch_adapter_256", |b| {
        b.iter(|| {
            let mut ext = yuma_runtime::ext::Ext::new(state, 1, None);
            yuma_runtime::epoch_adapter::run_epoch(&mut ext, NetUid(1), 400 * TAO).expect("epoch")
        })
    });
    let input =
        yuma_runtime::epoch_adapter::read_input(state, NetUid(1), 0, 1, 400 * TAO).expect("input");
    c.bench_function("coinbase/epoch_read_input_256", |b| {
        b.iter(|| {
            yuma_runtime::epoch_adapter::read_input(state, NetUid(1), 0, 1, 400 * TAO)
                .expect("input")
        })
    });
    drop(input);
    // One share-pool credit ("add to one") and one "add to all", as the payouts do per uid.
    c.bench_function("coinbase/share_pool_credit_pair", |b| {
        b.iter(|| {
            let mut st = Overlay::new(state);
            let hk = key(1, 3);
            stake::increase_stake_for_hotkey_and_coldkey_on_subnet(
                &mut st,
                &hk,
                &key(1, 1003),
                NetUid(1),
                12_345,
            )
            .expect("credit");
            stake::increase_stake_for_hotkey_on_subnet(&mut st, &hk, NetUid(1), 6_789)
                .expect("credit");
        })
    });
    c.bench_function("coinbase/distribute_only_256", |b| {
        b.iter(|| {
            let mut ext = yuma_runtime::ext::Ext::new(state, 1, None);
            let p = yuma_runtime::emission::epochs::Pending {
                server: 100 * TAO,
                validator: 100 * TAO,
                root: 0,
                owner_cut: 0,
            };
            yuma_runtime::emission::distribute::distribute(&mut ext, NetUid(1), p)
                .expect("distribute")
        })
    });
}

fn coinbase(c: &mut Criterion) {
    epoch_only(c);
    bench(c, "coinbase/128x256/no_epoch", 0, 2);
    bench(c, "coinbase/128x256/one_epoch", 1, 2);
    bench(c, "coinbase/128x256/ten_epochs", 10, 32);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = coinbase
}
criterion_main!(benches);
