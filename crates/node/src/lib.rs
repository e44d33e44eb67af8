//! The yuma node: Commonware BFT consensus, persistent authenticated state, mempool and JSON-RPC.
//!
//! # Status
//!
//! ALPHA: wire, storage and RPC formats may change without migration.
//!
//! ## Feature Flags
//!
//! None yet.
//!
//! # Design
//!
//! The node runs Commonware's simplex consensus over blocks through marshal
//! (`marshal::standard::Deferred`), with authenticated p2p (`p2p::authenticated::lookup`,
//! static validator set) on the tokio runtime. Dev mode (`yuma node --dev`) is the same code
//! path with a one-validator set listening on 127.0.0.1.
//!
//! The wiring ([`engine::start_with`]) is generic over the Commonware runtime and the p2p
//! transport ([`engine::Transport`]): [`engine::start`] builds `lookup` p2p for real nodes,
//! and the simulation tests (`tests/it/simulation.rs`) run several validators on the
//! deterministic runtime over `p2p::simulated` with the same code.
//!
//! ## A transaction's path
//!
//! ```text
//! yuma CLI / client ── hex extrinsic ──▶ JSON-RPC yuma_submitTransaction   rpc/server.rs
//!   ──▶ mempool: validate_transaction against the finalized state,
//!       ordered by tip and per-account nonce, future nonces held       mempool/{actor,pool}.rs
//!   ──▶ block: the leader's Application::propose takes the ready
//!       transactions, executes them, writes the state root              application.rs, block.rs
//!   ──▶ consensus: simplex notarizes and finalizes the block digest;
//!       peers' Application::verify re-executes and checks the root      engine.rs, application.rs
//!   ──▶ runtime: yuma_runtime::apply_block on the parent's state        chain.rs (execute)
//!   ──▶ state: marshal persists the finalized block and certificate,
//!       the Finalizer makes its state the finalized head, evicts the
//!       included transactions from the mempool, indexes receipts       application.rs, chain.rs
//! ```
//!
//! ## State root and persistence
//!
//! The finalized state lives in a QMDB database (`commonware_storage::qmdb::current::ordered::
//! variable`, see [`state`]); every header's state root is that database's root after the
//! block's change set, so a finalized header commits to the authenticated current state (QMDB
//! can prove any key's current value or absence against it). Blocks that are not final execute
//! speculatively: each gets a merkleized QMDB batch on top of its parent's, and only the
//! finalized branch is ever applied. The finalizer commits a finalized block's batch durably
//! (the commit's metadata names the block) before it acknowledges the block to marshal, whose
//! archives persist blocks and finalization certificates; simplex keeps its own vote journal.
//!
//! A multi-validator network is the same code path with the validator set of a shared chain
//! spec ([`spec`], `yuma testnet init`).
//!
//! After a crash or `kill -9` the node reopens QMDB at its last durable commit, loads that state
//! (no replay from genesis), checks its root against the block it names, and applies only the
//! finalized blocks marshal holds above it, checking each root. Commits are idempotent by
//! height, so a crash between marshal persisting a block and the state commit (or between the
//! commit and the acknowledgement) recovers to the same chain and roots. The runtime reads a
//! hot in-memory copy of the state (loaded from QMDB at start, advanced per block): fine for
//! dev and testnet sizes.
//!
//! After a restart, RPC serves states from the restored head on (older blocks' headers and
//! extrinsics come back from marshal; their states, events and receipts do not).
//!
//! What is not there yet (issue 8): state sync from peers (QMDB supports it), pruning of the
//! state's operation log, persistent receipt and transaction indexes.

pub mod application;
pub mod block;
pub mod chain;
pub mod dev;
pub mod engine;
pub mod index;
pub mod mempool;
pub mod metrics;
pub mod rpc;
pub mod spec;
pub mod state;
pub mod view;

use yuma_primitives::{
    call::BalancesCall, extrinsic::MultiAddress, Balance, Pair, RuntimeCall, H256,
};

/// Signs `call` as `pair` for a chain with `genesis`, mortal for `period` blocks from the
/// block `(birth_number, birth_hash)`; returns the extrinsic bytes.
/// The birth block is normally the finalized head (`yuma_status`'s `finalizedNumber` and
/// `finalizedHash`): the mempool validates with the head's hash known.
#[allow(clippy::too_many_arguments)]
pub fn sign(
    pair: &Pair,
    call: RuntimeCall,
    nonce: u32,
    tip: u64,
    genesis: H256,
    birth_number: u64,
    birth_hash: H256,
    period: u64,
) -> Vec<u8> {
    yuma_runtime::version::sign_mortal(
        pair,
        call,
        nonce,
        tip,
        genesis,
        birth_number,
        birth_hash,
        period,
    )
}

/// Pre-signed transfers for throughput measurements: `rounds[j][i]` is account `i`'s
/// `transfer_keep_alive` of `value` rao to account `i + 1` (the last pays the first) with
/// nonce `j`, born at genesis and mortal for 4096 blocks. Every round keeps each balance
/// unchanged but for fees, so any number of rounds applies from a funded genesis.
pub fn ring_transfers(
    pairs: &[Pair],
    rounds: usize,
    value: u64,
    genesis_hash: H256,
) -> Vec<Vec<Vec<u8>>> {
    (0..rounds)
        .map(|j| {
            (0..pairs.len())
                .map(|i| {
                    let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
                        dest: MultiAddress::Id(pairs[(i + 1) % pairs.len()].public()),
                        value: Balance(value),
                    });
                    sign(
                        &pairs[i],
                        call,
                        j as u32,
                        0,
                        genesis_hash,
                        0,
                        genesis_hash,
                        4096,
                    )
                })
                .collect()
        })
        .collect()
}
