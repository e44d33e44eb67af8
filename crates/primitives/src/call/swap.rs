//! Calls of `pallet_subtensor_swap` (pallet 28, `Swap` in subtensor's runtime).

use crate::NetUid;
use parity_scale_codec::{Decode, Encode};

/// Calls of the swap pallet yuma serves. Calls 1–5 (user liquidity) are deprecated at
/// subtensor's HEAD and always fail there, so they are not offered.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub enum SwapCall {
    /// Set a subnet's swap fee, a fraction of 65 535 (root only).
    #[codec(index = 0)]
    SetFeeRate {
        /// Subnet.
        netuid: NetUid,
        /// Fee, parts of 65 535 (at most `MaxFeeRate` = 10 000).
        rate: u16,
    },
}

impl SwapCall {
    /// The call's name, snake_case as in subtensor.
    pub fn name(&self) -> &'static str {
        match self {
            Self::SetFeeRate { .. } => "set_fee_rate",
        }
    }
}
