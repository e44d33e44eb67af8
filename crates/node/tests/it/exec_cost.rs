//! What a block of transfers costs in the node, stage by stage: the runtime's apply alone on
//! the parent's state, the node's execution (apply, QMDB merkleization, the state view), the
//! durable commit and the finalization of the in-memory state. Blocks go straight to
//! `chain::execute` (no consensus, no RPC, no mempool). Prints numbers, asserts nothing timed.
//! Run with `cargo test -p yuma-node --test it exec_cost -- --ignored --nocapture`
//! (add `--release` for representative figures; `YUMA_EXEC_ACCOUNTS`, `YUMA_EXEC_BLOCKS`).

use commonware_consensus::types::Height;
use commonware_cryptography::Digestible as _;
use commonware_runtime::{tokio as cw_tokio, Runner as _};
use std::time::{Duration, Instant};
use yuma_node::{block::Block, chain::execute, engine::open_chain};
use yuma_primitives::Pair;
use yuma_runtime::{
    executive::{apply_block, extrinsics_root, Block as RuntimeBlock, Header, Outcome},
    genesis::GenesisConfig,
};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
#[ignore = "measurement; run by hand"]
fn exec_cost() {
    let accounts = env("YUMA_EXEC_ACCOUNTS", 2048);
    let blocks = env("YUMA_EXEC_BLOCKS", 10);
    let pairs: Vec<Pair> = (0..accounts)
        .map(|i| Pair::from_seed(&yuma_primitives::hashing::blake2_256(&i.to_le_bytes())))
        .collect();
    let mut genesis = GenesisConfig::preset("dev").expect("preset");
    for p in &pairs {
        genesis.set_balance(p.public(), 1_000_000_000_000);
    }
    let (_, genesis_hash) = genesis.build().expect("genesis");
    // Block j: every account's transfer with nonce j to the next account.
    let txs = yuma_node::ring_transfers(&pairs, blocks, 1_000_000, genesis_hash);
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = cw_tokio::Config::new().with_storage_directory(dir.path());
    cw_tokio::Runner::new(cfg).start(|ctx| async move {
        let (genesis_block, chain) = open_chain(ctx, &genesis, "exec-cost-state")
            .await
            .expect("opens");
        let (mut raw, mut exec_t, mut commit_t, mut fin_t) = (
            Duration::ZERO,
            Duration::ZERO,
            Duration::ZERO,
            Duration::ZERO,
        );
        for exts in txs {
            let parent = chain.lock().head().clone();
            let ph = parent.block.header().clone();
            let header = Header {
                parent_hash: parent.hash,
                number: ph.number + 1,
                state_root: Default::default(),
                extrinsics_root: extrinsics_root(&exts),
                timestamp_ms: ph.timestamp_ms + 250,
                author: None,
            };
            let block = Block {
                context: genesis_block.context.clone(),
                parent: parent.block.digest(),
                height: Height::new(ph.number + 1),
                runtime: RuntimeBlock {
                    header,
                    extrinsics: exts,
                },
            };
            let t = Instant::now();
            let out = apply_block(parent.state.as_ref(), &block.runtime).expect("applies");
            raw += t.elapsed();
            assert!(out
                .receipts
                .iter()
                .all(|r| matches!(r.outcome, Outcome::Success)));
            let t = Instant::now();
            let exec = execute(chain.store(), &parent, block, false)
                .await
                .expect("executes");
            exec_t += t.elapsed();
            let number = exec.block.header().number;
            let t = Instant::now();
            chain
                .store()
                .commit(exec.batch.clone().expect("batch"), number)
                .await
                .expect("commits");
            commit_t += t.elapsed();
            let t = Instant::now();
            let digest = exec.block.digest();
            #[allow(clippy::let_unit_value)]
            let _ = chain.finalize(digest, exec);
            fin_t += t.elapsed();
        }
        let per = |d: Duration| d.as_secs_f64() * 1e3 / blocks as f64;
        let rate = |d: Duration| (accounts * blocks) as f64 / d.as_secs_f64();
        println!(
            "{blocks} blocks of {accounts} transfers, per block: runtime apply {:.1} ms \
             ({:.0}/s); node execute {:.1} ms ({:.0}/s); commit {:.1} ms; finalize {:.1} ms; \
             node total {:.0} transfers/s",
            per(raw),
            rate(raw),
            per(exec_t),
            rate(exec_t),
            per(commit_t),
            per(fin_t),
            rate(exec_t + commit_t + fin_t),
        );
    });
}
