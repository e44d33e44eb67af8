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
#[path = "common/coinbase_chain.rs"]
mod coinbase_chain;

use coinbase_chain::*;
use yuma_primitives::NetUid;
use yuma_runtime::{
    stake,
    storage::{MemoryStore, Overlay},
    subtensor::storage::LAST_MECHANISM_STEP_BLOCK,
};

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
