//! Read-only staking queries shared by scenarios and the RPC: a coldkey's positions and
//! the quote of a plain stake or unstake (`swap_quote`, the CLI's dry run before it sends).

use crate::{
    stake,
    storage::{StorageError, StorageRead},
    swap::{self, Order},
};
use serde::Serialize;
use yuma_primitives::{AccountId, NetUid};

/// One position of `stakes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StakeEntry {
    /// Hotkey (SS58).
    pub hotkey: AccountId,
    /// Subnet.
    pub netuid: u16,
    /// Alpha.
    pub stake: u64,
}

/// Every non-zero position of `coldkey`, by hotkey in `StakingHotkeys` order then netuid.
pub fn stakes(s: &dyn StorageRead, coldkey: &AccountId) -> Result<Vec<StakeEntry>, StorageError> {
    let mut out = Vec::new();
    let hotkeys = crate::subtensor::storage::STAKING_HOTKEYS
        .get(s, coldkey)?
        .unwrap_or_default();
    for h in hotkeys {
        for n in crate::subnets::all(s)? {
            let v = stake::alpha_stake(s, &h, coldkey, n)?;
            if v > 0 {
                out.push(StakeEntry {
                    hotkey: h,
                    netuid: n.0,
                    stake: v,
                });
            }
        }
    }
    Ok(out)
}

/// `swap_quote`: what a plain stake or unstake of `amount` would give now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SwapQuote {
    /// Alpha (stake) or TAO (unstake) received.
    pub amount_out: u64,
    /// Fee, in the input token.
    pub fee: u64,
    /// Spot price before, 9 decimals.
    pub price_before: String,
    /// Spot price after, 9 decimals.
    pub price_after: String,
    /// Why the swap would fail, if it would (the swap pallet's error name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
}

/// Computes [`SwapQuote`] with [`swap::sim_swap`]; never writes.
pub fn swap_quote(
    s: &dyn StorageRead,
    n: NetUid,
    order: Order,
    amount: u64,
) -> Result<SwapQuote, StorageError> {
    let before = swap::current_price(s, n)?;
    let fixed = crate::subnets::info::fixed_string;
    Ok(match swap::sim_swap(s, n, order, amount) {
        Ok(r) => {
            let dynamic = crate::subtensor::storage::SUBNET_MECHANISM
                .get(s, &n)?
                .unwrap_or(0)
                == 1;
            let after = if dynamic {
                let (x, y) = (
                    swap::storage::subnet_alpha_in(s, n)?,
                    swap::storage::subnet_tao(s, n)?,
                );
                let (x, y) = match order {
                    Order::Buy => (x.saturating_sub(r.paid_out), y.saturating_add(r.paid_in)),
                    Order::Sell => (x.saturating_add(r.paid_in), y.saturating_sub(r.paid_out)),
                };
                let initialised = swap::storage::PAL_SWAP_INITIALIZED
                    .get(s, &n)?
                    .unwrap_or(false);
                let b = if initialised {
                    swap::storage::balancer(s, n)?
                } else {
                    swap::balancer::Balancer::default()
                };
                if x == 0 {
                    substrate_fixed::types::U64F64::from_num(0)
                } else {
                    b.price(x, y)
                }
            } else {
                before
            };
            SwapQuote {
                amount_out: r.paid_out,
                fee: r.fee_paid,
                price_before: fixed(before.to_bits()),
                price_after: fixed(after.to_bits()),
                error: None,
            }
        }
        Err(e) => SwapQuote {
            amount_out: 0,
            fee: 0,
            price_before: fixed(before.to_bits()),
            price_after: fixed(before.to_bits()),
            error: Some(e.name()),
        },
    })
}
