//! One coinbase block of `benches/coinbase.rs` (128 subnets × 256 uids), applied once, for
//! instruction counts under callgrind (repeatable on a loaded machine, unlike wall time):
//!
//! ```text
//! cargo build --release -p yuma-runtime --example coinbase_block
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='coinbase_block::measured' \
//!     target/release/examples/coinbase_block one_epoch
//! ```
//!
//! Argument: `no_epoch` (default) or `one_epoch`. Prints a digest of the block's writes, so two
//! builds can be checked to produce the same state.

#![allow(missing_docs)]

#[path = "../benches/common/coinbase_chain.rs"]
mod coinbase_chain;

use coinbase_chain::*;
use yuma_primitives::hashing::blake2_256;
use yuma_runtime::{storage::MemoryStore, Block};

fn main() {
    let due = match std::env::args().nth(1).as_deref() {
        Some("one_epoch") => 1,
        _ => 0,
    };
    let ch = chain(due, 2);
    let block = empty_block(&ch);
    let state: &MemoryStore = &ch.state;
    // A warm-up run first, so the measured one sees a steady heap as the bench does.
    drop(yuma_runtime::apply_block(state, &block).expect("applies"));
    let out = measured(state, &block);
    let digest = blake2_256(format!("{:?}", out.changes).as_bytes());
    println!(
        "due={due} writes digest {} ({} keys)",
        hex(&digest),
        out.changes.len()
    );
}

/// The counted run (callgrind `--toggle-collect='coinbase_block::measured'`).
#[inline(never)]
fn measured(state: &MemoryStore, block: &Block) -> yuma_runtime::executive::BlockOutput {
    yuma_runtime::apply_block(state, block).expect("applies")
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
