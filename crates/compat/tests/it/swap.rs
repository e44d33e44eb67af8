//! `SwapRuntimeApi` quotes against the swap quote query.

use crate::util::*;
use serde_json::json;
use yuma_compat::runtime_api::{
    samples::{chain, cold, hot, TAO},
    SimSwapResult,
};
use yuma_primitives::AccountId;

#[test]
fn sim_swap_matches_the_swap_quote() {
    let c = chain();
    for amount in [TAO, 37 * TAO, 5_000 * TAO] {
        let buy: SimSwapResult = call(&c, "SwapRuntimeApi_sim_swap_tao_for_alpha", (1u16, amount));
        let qb = q(
            &c,
            "swap_quote",
            json!({"netuid": 1, "direction": "stake", "amount": amount}),
        );
        assert_eq!(buy.alpha_amount, u(&qb["amount_out"]));
        assert_eq!(buy.tao_fee, u(&qb["fee"]));
        assert_eq!(buy.tao_amount + buy.tao_fee, amount);
        let price = nano(&qb["price_before"]);
        // Without slippage `amount / price` alpha; the shortfall is reported.
        // (The query's price has 9 digits, so the check allows a millionth of the ideal.)
        let ideal = (u128::from(amount) * 1_000_000_000 / u128::from(price)) as u64;
        assert!(
            buy.alpha_slippage.abs_diff(ideal - buy.alpha_amount) <= ideal / 1_000_000,
            "{buy:?}"
        );
        assert!(buy.alpha_slippage > 0);
        let sell: SimSwapResult = call(&c, "SwapRuntimeApi_sim_swap_alpha_for_tao", (1u16, amount));
        let qs = q(
            &c,
            "swap_quote",
            json!({"netuid": 1, "direction": "unstake", "amount": amount}),
        );
        assert_eq!(sell.tao_amount, u(&qs["amount_out"]));
        assert_eq!(sell.alpha_fee, u(&qs["fee"]));
        assert_eq!(sell.alpha_amount + sell.alpha_fee, amount);
        assert_eq!(sell.tao_fee, 0);
    }
    // `get_stake_fee`: nothing for a move to the same place, else the pool fee on the amount
    // at the destination (what a stake of that amount pays there).
    let (ck, hk) = (cold(1).public(), hot(1).public());
    let qb = q(
        &c,
        "swap_quote",
        json!({"netuid": 1, "direction": "stake", "amount": 37 * TAO}),
    );
    let fee: u64 = call(
        &c,
        "StakeInfoRuntimeApi_get_stake_fee",
        (Some((hk, 1u16)), ck, Some((hk, 1u16)), ck, 37 * TAO),
    );
    assert_eq!(fee, 0);
    let fee: u64 = call(
        &c,
        "StakeInfoRuntimeApi_get_stake_fee",
        (None::<(AccountId, u16)>, ck, Some((hk, 1u16)), ck, 37 * TAO),
    );
    assert_eq!(fee, u(&qb["fee"]));
    assert!(fee > 0);
    // Root is 1:1 without fee.
    let root: SimSwapResult = call(&c, "SwapRuntimeApi_sim_swap_tao_for_alpha", (0u16, 5 * TAO));
    assert_eq!(
        (
            root.tao_amount,
            root.alpha_amount,
            root.tao_fee,
            root.alpha_slippage
        ),
        (5 * TAO, 5 * TAO, 0, 0)
    );
}
