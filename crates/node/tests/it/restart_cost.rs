//! What a restart costs with a chain of N blocks: re-executing every block from genesis (how the
//! node restarted before the state was persisted) against reopening the QMDB state, and what a
//! block's state commit costs. Prints numbers; asserts only that both ways reach the same state.
//! Run with `cargo test -p yuma-node --test it restart_cost -- --ignored --nocapture`
//! (add `--release` for representative figures).

use commonware_consensus::types::Height;
use commonware_runtime::{tokio as cw_tokio, Runner as _};
use std::time::{Duration, Instant};
use yuma_node::{block::Block, state};
use yuma_primitives::{call::BalancesCall, extrinsic::MultiAddress, Pair, RuntimeCall};
use yuma_runtime::{genesis::GenesisConfig, MemoryChain};

const BLOCKS: u64 = 500;
const TRANSFERS_PER_BLOCK: u32 = 10;

#[test]
#[ignore = "measurement; run by hand"]
fn restart_cost() {
    let g = GenesisConfig::preset("dev").expect("preset");
    let alice = Pair::from_uri("//Alice").expect("uri");
    let bob = Pair::from_uri("//Bob").expect("uri").public();

    // A chain of BLOCKS blocks of transfers, kept as extrinsics and change sets.
    let mut chain = MemoryChain::new(&g).expect("genesis");
    let genesis_state = chain.state.clone();
    let mut blocks = Vec::new();
    let mut nonce = 0;
    for _ in 0..BLOCKS {
        let xts: Vec<_> = (0..TRANSFERS_PER_BLOCK)
            .map(|_| {
                let c = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
                    dest: MultiAddress::Id(bob),
                    value: yuma_primitives::Balance(1_000),
                });
                nonce += 1;
                chain.sign(&alice, c, nonce - 1, 0)
            })
            .collect();
        let out = chain.apply(xts.clone()).expect("applies");
        blocks.push((chain.head.clone(), xts, out.changes));
    }
    let final_state = chain.state.clone();

    // Before: a restart re-executed every finalized block from genesis.
    let t = Instant::now();
    let mut replay = MemoryChain::new(&g).expect("genesis");
    for (_, xts, _) in &blocks {
        replay.apply(xts.clone()).expect("replays");
    }
    let replay_time = t.elapsed();
    assert_eq!(replay.state, final_state);

    // After: commit each block's changes to QMDB on disk, then reopen.
    let dir = tempfile::tempdir().expect("tempdir");
    let (changes, _) = g.build().expect("genesis");
    assert_eq!(changes.clone().into_store(), genesis_state);
    let genesis_block = Block::genesis(yuma_runtime::executive::Header {
        parent_hash: yuma_primitives::H256::ZERO,
        number: 0,
        state_root: changes.digest(),
        extrinsics_root: yuma_primitives::H256::ZERO,
        timestamp_ms: g.timestamp_ms,
        author: None,
    });
    let cfg = || cw_tokio::Config::new().with_storage_directory(dir.path());
    let commit_time = cw_tokio::Runner::new(cfg()).start(|ctx| {
        let (genesis_block, changes, blocks) = (genesis_block.clone(), changes.clone(), &blocks);
        async move {
            let r = state::Store::open(ctx, "bench-state", &genesis_block, &changes)
                .await
                .expect("opens");
            let mut total = Duration::ZERO;
            for (header, xts, changes) in blocks {
                let mut b = genesis_block.clone();
                b.height = Height::new(header.number);
                b.runtime = yuma_runtime::executive::Block {
                    header: header.clone(),
                    extrinsics: xts.clone(),
                };
                let t = Instant::now();
                let batch = state::Persist::speculate(
                    r.store.as_ref(),
                    None,
                    header.number - 1,
                    changes,
                    state::metadata(&b),
                )
                .await
                .expect("speculates");
                state::Persist::commit(r.store.as_ref(), batch, header.number)
                    .await
                    .expect("commits");
                total += t.elapsed();
            }
            total
        }
    });
    let t = Instant::now();
    let reopened = cw_tokio::Runner::new(cfg()).start(|ctx| {
        let (genesis_block, changes) = (genesis_block.clone(), changes.clone());
        async move {
            let r = state::Store::open(ctx, "bench-state", &genesis_block, &changes)
                .await
                .expect("reopens");
            (r.height, r.state)
        }
    });
    let open_time = t.elapsed();
    assert_eq!(reopened.0, BLOCKS);
    assert_eq!(reopened.1, final_state);
    eprintln!(
        "restart with {BLOCKS} blocks x {TRANSFERS_PER_BLOCK} transfers ({} keys): replay {replay_time:?}, QMDB reopen {open_time:?}; state commit per block {:?} (merkleize + apply + durable commit, {} keys changed per block)",
        reopened.1.len(),
        commit_time / BLOCKS as u32,
        blocks.last().map(|(_, _, c)| c.len()).unwrap_or(0),
    );
}
