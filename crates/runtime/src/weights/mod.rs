//! Weights (spec-subnets §4): `set_weights` with its checks in subtensor's order, hash
//! commit–reveal (CR v2) and the max-upscale normalisation.
//!
//! The transaction-pool guards of §4.10 (stake threshold, reveal pre-checks, rate limits) live
//! in [`crate::guards`] and run before these calls, at validity and again at dispatch; an
//! expired-but-stored commit is therefore rejected as `RevealTooEarly` and a wrong reveal hash
//! as `NoWeightsCommitFound`, as in subtensor. The calls keep their own checks in subtensor's
//! order, so they stay correct when dispatched without the guards.

mod batch;
mod commit_reveal;
mod set;
pub mod timelocked;
mod upscale;

pub use batch::{batch_commit_weights, batch_set_weights, WeightsItem};
pub use commit_reveal::{
    batch_reveal_weights, commit_hash, commit_mechanism_weights, commit_weights,
    reveal_mechanism_weights, reveal_weights, Reveal,
};
pub use set::{passes_stake_threshold, rate_ok, set_mechanism_weights, set_weights};
pub use upscale::max_upscale;
