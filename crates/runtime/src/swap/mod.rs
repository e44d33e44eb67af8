//! The subnet TAO/alpha pools (spec-staking-swap §1): balancer math, the swap engine and the
//! reserve bookkeeping around it.
//!
//! * [`pow`] — the exponentiation primitive, bit-exact with subtensor (§1.3.1);
//! * [`balancer`] — price, outputs, limit inputs and weight updates (§1.2, §1.3, §1.9);
//! * [`engine`] — `do_swap`, fees and limit prices, the pure [`engine::quote`] (§1.4, §1.5, §1.7);
//! * [`reserves`] — reserve updates, pool seeding, injection and clearing (§1.6, §1.8–§1.10);
//! * [`storage`] — the pool's storage items (§1.1);
//! * [`calls`] — the pallet's one live extrinsic, `set_fee_rate` (§1.1).
//!
//! Fees go to the block author; the staking code ([`crate::stake`]) moves them (§1.5).

pub mod balancer;
pub mod calls;
pub mod engine;
pub mod pow;
pub mod reserves;
pub mod storage;

pub use engine::{current_price, sim_swap, Order, SwapResult};
pub use reserves::{
    adjust_protocol_liquidity, clear_protocol_liquidity, init_pool, inject_reserves,
    swap_alpha_for_tao, swap_tao_for_alpha,
};

use crate::{
    dispatch::{DispatchError, ModuleError},
    storage::{StorageError, StorageRead},
};
use substrate_fixed::types::U64F64;
use yuma_primitives::NetUid;

/// The pallet index of `Swap` in subtensor's runtime.
pub const PALLET_INDEX: u8 = 28;

/// `pallet_subtensor_swap::Error` (the variants yuma produces), with subtensor's indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, scale_info::TypeInfo)]
#[repr(u8)]
pub enum SwapError {
    /// The fee rate is above `MaxFeeRate`.
    #[error("FeeRateTooHigh")]
    FeeRateTooHigh = 0,
    /// The pool cannot pay the output.
    #[error("InsufficientLiquidity")]
    InsufficientLiquidity = 2,
    /// The current price is not strictly better than the limit.
    #[error("PriceLimitExceeded")]
    PriceLimitExceeded = 3,
    /// The output reserve is below the minimum, or a non-zero input buys nothing.
    #[error("ReservesTooLow")]
    ReservesTooLow = 7,
    /// The subnet does not exist.
    #[error("MechanismDoesNotExist")]
    MechanismDoesNotExist = 8,
    /// Weights could not be solved for the reserves.
    #[error("ReservesOutOfBalance")]
    ReservesOutOfBalance = 10,
    /// The input exceeds 1000 × the input reserve.
    #[error("SwapInputTooLarge")]
    SwapInputTooLarge = 11,
    /// Stored state does not decode (not a pallet error; reported as `Corruption`).
    #[error("corrupt storage")]
    #[codec(skip)]
    Corruption = 255,
}

impl SwapError {
    /// The variant name clients show.
    pub fn name(self) -> &'static str {
        match self {
            Self::FeeRateTooHigh => "FeeRateTooHigh",
            Self::InsufficientLiquidity => "InsufficientLiquidity",
            Self::PriceLimitExceeded => "PriceLimitExceeded",
            Self::ReservesTooLow => "ReservesTooLow",
            Self::MechanismDoesNotExist => "MechanismDoesNotExist",
            Self::ReservesOutOfBalance => "ReservesOutOfBalance",
            Self::SwapInputTooLarge => "SwapInputTooLarge",
            Self::Corruption => "Corruption",
        }
    }
}

impl From<StorageError> for SwapError {
    fn from(_: StorageError) -> Self {
        Self::Corruption
    }
}

impl From<SwapError> for DispatchError {
    fn from(e: SwapError) -> Self {
        match e {
            SwapError::Corruption => DispatchError::Corruption,
            e => DispatchError::Module(ModuleError {
                index: PALLET_INDEX,
                error: e as u8,
                name: e.name(),
            }),
        }
    }
}

/// The spot price as `U64F64` (TAO per alpha); 1 on root and stable subnets (§1.2).
pub fn spot_price(s: &dyn StorageRead, n: NetUid) -> Result<U64F64, StorageError> {
    current_price(s, n)
}

#[cfg(test)]
mod tests;
