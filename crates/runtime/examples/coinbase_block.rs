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
//! builds can be checked to produce the same state. A second argument `cpu` also prints the
//! mean CPU time of 50 more runs (this thread's, from `/proc/thread-self/schedstat`, Linux):
//! steadier than wall time on a loaded machine.

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
    if std::env::args().nth(2).as_deref() == Some("cpu") {
        let runs = 50u32;
        let start = cpu_ns();
        for _ in 0..runs {
            drop(measured(state, &block));
        }
        let per = (cpu_ns() - start) / u64::from(runs);
        println!(
            "cpu time per block: {}.{:03} ms",
            per / 1_000_000,
            per / 1_000 % 1_000
        );
    }
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

/// This thread's CPU time in ns (first field of `/proc/thread-self/schedstat`).
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
