//! Yuma Consensus as a pure, bit-exact function from an epoch's input to its output.
//!
//! [`run`] takes an [`EpochInput`] (hyperparameters, blocks, owner, emission and every neuron's
//! stake, activity, registration, permit, weights and bonds) and returns the [`EpochOutput`]
//! subtensor would store: consensus, validator trust, incentive, dividends, emissions, permits
//! and bonds. It follows `shared/spec/spec-epoch.md` (sparse, on-chain semantics, quirks of
//! §10) with `substrate-fixed` 0.6.0 arithmetic, so every output bit matches the chain. It reads
//! no storage: the runtime builds the input. [`mechanism::run_mechanisms`] runs the epochs of a
//! subnet's mechanisms and merges them (§9); [`case`] reads and writes the conformance format
//! (§12) behind `yuma epoch`.
//!
//! Arithmetic is `substrate-fixed`'s. In the hot loops [`math::fast`] computes the same
//! products and quotients with native 64/128-bit integer operations (identical results, checked
//! against the crate on millions of operands), and [`median`] computes the weighted median's
//! closed form by a radix bucket pass and a quickselect, so an epoch costs O(nnz · log n).
//! When the permit holders' weight rows are dense (and liquid alpha is off), the private
//! `dense` module computes §4.6–§4.10 on row-major matrices with vectorised row loops, for
//! classic and Yuma3 bonds alike, with results identical to the sparse path (the tests compare
//! both with a literal reference).
//!
//! Module map: [`math`] (fixed point, vectors, sparse matrices, §1), [`median`] (consensus, §5),
//! [`liquid_alpha`] (§4.10b, §6), [`bonds`] (§4.10), [`emission`] (§4.11), [`epoch`] (§4),
//! [`mechanism`] (§9), [`case`] (§12), [`error`] (§12.1 preconditions).
//!
//! # Status
//!
//! ALPHA: the API may change. The conformance vectors of `shared/conformance/epoch` pass.
//!
//! ## Feature Flags
//!
//! None.

#![deny(clippy::float_arithmetic)]

pub mod bonds;
pub mod case;
mod dense;
pub mod emission;
pub mod epoch;
pub mod error;
pub mod liquid_alpha;
pub mod math;
pub mod mechanism;
pub mod median;
mod simd;
pub mod types;

pub use epoch::{run, run_with_emission, validate};
pub use error::EpochError;
pub use mechanism::{merge, run_mechanisms, split_emission, MechanismsOutput, MergedOutput};
pub use types::{EpochInput, EpochOutput, Hyperparams, NeuronInput};
