//! `SwapRuntimeApi`: spot prices and the quotes clients show before staking or unstaking,
//! from yuma's pool math ([`yuma_runtime::swap`]).
//!
//! bittensor 11.3.0 reads `tao_slippage` / `alpha_slippage`; subtensor @14bc6f9f already has
//! them, so `SimSwapResult` is subtensor's six-field struct.

use super::{common, method, Api, ApiContext, ApiResult};
use parity_scale_codec::{Decode, Encode};
use scale_info::TypeInfo;
use substrate_fixed::types::U64F64;
use yuma_primitives::NetUid;
use yuma_runtime::swap::{self, balancer::safe_div, Order};

/// `pallet_subtensor_swap_runtime_api::SimSwapResult` (amounts in rao, fixed-width).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct SimSwapResult {
    pub tao_amount: u64,
    pub alpha_amount: u64,
    pub tao_fee: u64,
    pub alpha_fee: u64,
    pub tao_slippage: u64,
    pub alpha_slippage: u64,
}

/// `pallet_subtensor_swap_runtime_api::SubnetPrice`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct SubnetPrice {
    /// Subnet.
    pub netuid: u16,
    /// Rao per alpha.
    pub price: u64,
}

/// The spot price in rao per alpha, truncated (`current_price × 10^9`).
pub(crate) fn price_rao(ctx: &ApiContext<'_>, n: NetUid) -> ApiResult<u64> {
    Ok(swap::current_price(ctx.state, n)?
        .saturating_mul(U64F64::from_num(1_000_000_000u64))
        .saturating_to_num::<u64>())
}

fn current_alpha_price(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<u64> {
    price_rao(ctx, NetUid(netuid))
}

fn current_alpha_price_all(ctx: &ApiContext<'_>) -> ApiResult<Vec<SubnetPrice>> {
    common::all_subnets(ctx)?
        .into_iter()
        .map(|n| {
            Ok(SubnetPrice {
                netuid: n.0,
                price: price_rao(ctx, n)?,
            })
        })
        .collect()
}

fn sim_swap_tao_for_alpha(ctx: &ApiContext<'_>, netuid: u16, tao: u64) -> ApiResult<SimSwapResult> {
    let n = NetUid(netuid);
    let price = swap::current_price(ctx.state, n)?;
    let no_slippage = safe_div(U64F64::saturating_from_num(tao), price).saturating_to_num::<u64>();
    Ok(match swap::sim_swap(ctx.state, n, Order::Buy, tao) {
        Ok(r) => SimSwapResult {
            tao_amount: r.paid_in,
            alpha_amount: r.paid_out,
            tao_fee: r.fee_paid,
            alpha_fee: 0,
            tao_slippage: 0,
            alpha_slippage: no_slippage.saturating_sub(r.paid_out),
        },
        Err(_) => SimSwapResult::default(),
    })
}

fn sim_swap_alpha_for_tao(
    ctx: &ApiContext<'_>,
    netuid: u16,
    alpha: u64,
) -> ApiResult<SimSwapResult> {
    let n = NetUid(netuid);
    let price = swap::current_price(ctx.state, n)?;
    let no_slippage = U64F64::saturating_from_num(alpha)
        .saturating_mul(price)
        .saturating_to_num::<u64>();
    Ok(match swap::sim_swap(ctx.state, n, Order::Sell, alpha) {
        Ok(r) => SimSwapResult {
            tao_amount: r.paid_out,
            alpha_amount: r.paid_in,
            tao_fee: 0,
            alpha_fee: r.fee_paid,
            tao_slippage: no_slippage.saturating_sub(r.paid_out),
            alpha_slippage: 0,
        },
        Err(_) => SimSwapResult::default(),
    })
}

/// `SwapRuntimeApi`.
pub(super) const API: Api = Api {
    version: 1,
    name: "SwapRuntimeApi",
    docs: "Subnet pool prices and swap simulations (pallet_subtensor_swap).",
    methods: &[
        method!("current_alpha_price"(netuid: u16) -> u64 = current_alpha_price),
        method!("current_alpha_price_all"() -> Vec<SubnetPrice> = current_alpha_price_all),
        method!("sim_swap_tao_for_alpha"(netuid: u16, tao: u64) -> SimSwapResult = sim_swap_tao_for_alpha),
        method!("sim_swap_alpha_for_tao"(netuid: u16, alpha: u64) -> SimSwapResult = sim_swap_alpha_for_tao),
    ],
};
