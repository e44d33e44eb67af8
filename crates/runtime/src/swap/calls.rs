//! The swap pallet's extrinsics (spec-staking-swap §1.1): only `set_fee_rate` is live at
//! subtensor's HEAD; the user-liquidity calls 1–5 are deprecated and not decoded here.

use super::{storage::FEE_RATE, storage::MAX_FEE_RATE, SwapError};
use crate::{
    dispatch::{DispatchError, DispatchResult},
    event::SwapEvent,
    ext::Ext,
    storage::Overlay,
    subtensor::Origin,
};
use yuma_primitives::{call::SwapCall, NetUid};

/// Routes a swap-pallet call made with `origin`.
pub fn dispatch(ext: &mut Ext<'_>, origin: Origin, call: &SwapCall) -> DispatchResult {
    match call {
        SwapCall::SetFeeRate { netuid, rate } => {
            if !matches!(origin, Origin::Root) {
                return Err(DispatchError::BadOrigin);
            }
            set_fee_rate(&mut ext.state, *netuid, *rate)?;
            ext.deposit_event(SwapEvent::FeeRateSet {
                netuid: *netuid,
                rate: *rate,
            });
            Ok(())
        }
    }
}

/// `set_fee_rate(netuid, rate)` (call 0): `MechanismDoesNotExist` for an unknown subnet,
/// `FeeRateTooHigh` above `MaxFeeRate`; the new rate applies to the next swap.
pub fn set_fee_rate(st: &mut Overlay<'_>, n: NetUid, rate: u16) -> Result<(), DispatchError> {
    if !crate::subnets::exists(st, n)? {
        return Err(SwapError::MechanismDoesNotExist.into());
    }
    if rate > MAX_FEE_RATE {
        return Err(SwapError::FeeRateTooHigh.into());
    }
    FEE_RATE.insert(st, &n, &rate);
    Ok(())
}
