//! Weights (spec-subnets §4): `set_weights` with its checks in subtensor's order, hash
//! commit–reveal (CR v2) and the max-upscale normalisation.
//!
//! Deviation: the transaction-pool guards of §4.10 (stake threshold, reveal pre-checks, rate
//! limits before dispatch) are not run at validation time; the same checks run at dispatch,
//! so a failing call pays its (zero, `Pays::No`) fee instead of being rejected from the pool.
//! An expired-but-stored commit therefore reports `ExpiredWeightCommit` (the dispatch error)
//! where the real transaction path reports `RevealTooEarly`.

mod commit_reveal;
mod set;
mod upscale;

pub use commit_reveal::{
    batch_reveal_weights, commit_hash, commit_weights, reveal_weights, Reveal,
};
pub use set::{passes_stake_threshold, rate_ok, set_weights};
pub use upscale::max_upscale;
