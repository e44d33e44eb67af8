//! Staking (spec-staking-swap §2): stake as per-(hotkey, netuid) share pools, the stake
//! primitives that move TAO through the subnet pools, the staking extrinsics with subtensor's
//! validation order, and the TAO flow counters.
//!
//! * [`safe_float`], [`pool`] — share pools (§2.2);
//! * [`primitives`] — `stake_into_subnet`, `unstake_from_subnet`,
//!   `transfer_stake_within_subnet` (§2.4);
//! * [`calls`] — the extrinsics (§2.5, §2.10);
//! * [`validate`] — validation and max-amount helpers (§2.6, §2.7);
//! * [`flow`] — `SubnetTaoFlow` / `SubnetProtocolFlow` (§2.11).
//!
//! Root stake changes adjust the root-claim watermarks and the auto-claim coldkey index
//! ([`crate::root_claim::claim`]). Not modelled: conviction locks (`StakeUnavailable` never arises),
//! transaction fees paid in alpha, the legacy U64F64 share maps. There is no staking rate
//! limit at subtensor's HEAD (§2.13); `LastColdkeyHotkeyStakeBlock` is written as there.

pub mod calls;
pub mod flow;
pub mod pool;
pub mod primitives;
pub mod query;
pub mod safe_float;
pub mod validate;

pub use calls::dispatch;
pub use pool::{
    alpha_stake, decrease_stake_for_hotkey_and_coldkey_on_subnet,
    decrease_stake_for_hotkey_on_subnet, hotkey_alpha,
    increase_stake_for_hotkey_and_coldkey_on_subnet, increase_stake_for_hotkey_on_subnet,
};
pub use primitives::{stake_into_subnet, unstake_from_subnet, DEFAULT_MIN_STAKE};

use crate::{
    storage::{StorageDoubleMap, StorageValue},
    subtensor::storage::PALLET,
};
use yuma_primitives::{hashing::StorageHasher, AccountId};

/// `LastColdkeyHotkeyStakeBlock`: (coldkey, hotkey) → last block it staked/unstaked.
pub const LAST_COLDKEY_HOTKEY_STAKE_BLOCK: StorageDoubleMap<AccountId, AccountId, u64> =
    StorageDoubleMap::new(
        PALLET,
        "LastColdkeyHotkeyStakeBlock",
        StorageHasher::Twox64Concat,
        StorageHasher::Twox64Concat,
    );
/// `NominatorMinRequiredStake`: the nominator minimum factor, per million of the min stake.
pub const NOMINATOR_MIN_REQUIRED_STAKE: StorageValue<u64> =
    StorageValue::new(PALLET, "NominatorMinRequiredStake");

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod quote_tests;
#[cfg(test)]
mod tests;
