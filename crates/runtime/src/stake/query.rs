//! Read-only staking queries shared by scenarios and the RPC: a coldkey's positions and
//! the quote of a plain stake or unstake (`swap_quote`, the CLI's dry run before it sends).

use crate::{
    stake,
    storage::{StorageError, StorageRead},
    swap::{self, Order, SwapResult},
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
    /// Why the chain would refuse a plain `add_stake` / `remove_stake` of `amount`, as
    /// subtensor's error name (see [`refusal`]); absent when it would go through. With an
    /// error the other figures still describe the swap where it can be simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
}

/// The pool-level reasons the chain would refuse a plain stake (`Buy`) or unstake (`Sell`) of
/// `amount`, in the order `add_stake` / `remove_stake` check them (spec-staking-swap §2.5,
/// §2.7), given the simulated swap `sim`:
///
/// * `SubnetNotExists`, `SubtokenDisabled`;
/// * `InsufficientLiquidity` when the input exceeds 1000 × the input reserve, the swap cannot
///   be simulated, or a stake would buy nothing;
/// * `AmountTooLow` for a stake below the minimum (0.002 TAO plus the fee on it) or whose
///   net input is below the minimum, and for an unstake of 0 or one paying less than
///   0.002 TAO — the chain accepts the latter only when it empties the position, which a
///   quote without keys cannot know.
///
/// Key-dependent checks (balance, stake held, hotkey registered) are not the quote's.
pub fn refusal(
    s: &dyn StorageRead,
    n: NetUid,
    order: Order,
    amount: u64,
    sim: Option<&SwapResult>,
) -> Result<Option<&'static str>, StorageError> {
    use crate::{
        stake::{primitives::DEFAULT_MIN_STAKE, validate},
        subtensor::storage::SUBNET_MECHANISM,
    };
    if !crate::subnets::exists(s, n)? {
        return Ok(Some("SubnetNotExists"));
    }
    if validate::ensure_subtoken_enabled(s, n).is_err() {
        return Ok(Some("SubtokenDisabled"));
    }
    let dynamic = n != NetUid::ROOT && SUBNET_MECHANISM.get(s, &n)?.unwrap_or(0) == 1;
    let reserve = match order {
        Order::Buy => swap::storage::subnet_tao(s, n)?,
        Order::Sell => swap::storage::subnet_alpha_in(s, n)?,
    };
    if dynamic && amount > reserve.saturating_mul(1_000) {
        return Ok(Some("InsufficientLiquidity"));
    }
    Ok(match order {
        Order::Buy => {
            let min_fee = match swap::sim_swap(s, n, Order::Buy, DEFAULT_MIN_STAKE) {
                Ok(r) => r.fee_paid,
                Err(_) => {
                    swap::engine::fee_amount(s, n, DEFAULT_MIN_STAKE, false).map_err(|_| {
                        StorageError {
                            item: "Swap.FeeRate".into(),
                            reason: "does not decode".into(),
                        }
                    })?
                }
            };
            match sim {
                _ if amount < DEFAULT_MIN_STAKE.saturating_add(min_fee) => Some("AmountTooLow"),
                None => Some("InsufficientLiquidity"),
                Some(r) if r.paid_in < DEFAULT_MIN_STAKE => Some("AmountTooLow"),
                Some(r) if r.paid_out == 0 => Some("InsufficientLiquidity"),
                Some(_) => None,
            }
        }
        Order::Sell => match sim {
            _ if amount == 0 => Some("AmountTooLow"),
            None => Some("InsufficientLiquidity"),
            Some(r) if r.paid_out < DEFAULT_MIN_STAKE => Some("AmountTooLow"),
            Some(_) => None,
        },
    })
}

/// Computes [`SwapQuote`] with [`swap::sim_swap`] and [`refusal`]; never writes.
pub fn swap_quote(
    s: &dyn StorageRead,
    n: NetUid,
    order: Order,
    amount: u64,
) -> Result<SwapQuote, StorageError> {
    let before = swap::current_price(s, n)?;
    let fixed = crate::subnets::info::fixed_string;
    let sim = swap::sim_swap(s, n, order, amount);
    let error = refusal(s, n, order, amount, sim.as_ref().ok())?;
    Ok(match sim {
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
                error,
            }
        }
        Err(e) => SwapQuote {
            amount_out: 0,
            fee: 0,
            price_before: fixed(before.to_bits()),
            price_after: fixed(before.to_bits()),
            error: error.or(Some(e.name())),
        },
    })
}
