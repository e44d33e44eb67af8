//! Root dividend claims (spec-emission §10.3–§10.5, subtensor `staking/claim_root.rs`).
//!
//! At each epoch a validator's root dividend (after its take) raises
//! `RootClaimable[hotkey][netuid]`, a rate of alpha per unit of root stake
//! ([`crate::emission::distribute`]). A root staker (hotkey k, coldkey c) is owed
//! `rate × root_stake(k, c) − RootClaimed[(netuid, k, c)]`; claiming pays that out as the
//! coldkey's [`RootClaimTypeEnum`] says (keep the alpha as stake, or swap it for TAO staked on
//! root) and raises the watermark. Root stake added later raises the watermark by
//! `rate × added` so it never claims the past, and removed stake lowers it likewise.
//!
//! * [`claim`] — owed amounts, `root_claim_on_subnet`, the watermark hooks of the stake
//!   primitives and the extrinsics (`claim_root` 121, `set_root_claim_type` 122,
//!   `sudo_set_num_root_claims` 123, `sudo_set_root_claim_threshold` 124);
//! * [`auto`] — the dense index of coldkeys holding root stake and the per-block auto-claim
//!   of `NumRootClaim` of them picked from the parent block hash (§10.5);
//! * [`keys`] — watermarks and rates following hotkey and coldkey swaps;
//! * [`storage`] — the items, with subtensor's names and defaults.

pub mod auto;
pub mod claim;
pub mod keys;
pub mod storage;

pub use auto::{auto_claim, block_hash_to_indices};
pub use claim::{owed, owed_float};
pub use storage::*;

#[cfg(test)]
mod tests;
