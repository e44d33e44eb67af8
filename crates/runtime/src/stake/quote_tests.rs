//! `swap_quote` reports what the chain would refuse (spec-staking-swap §2.5, §2.7), so a
//! client warns before sending.

use super::{
    fixture::{world, TAO},
    query::swap_quote,
};
use crate::{
    hyperparams::items::SUBTOKEN_ENABLED,
    storage::{MemoryStore, Overlay},
    swap::Order,
};
use yuma_primitives::NetUid;

const N1: NetUid = NetUid(1);

fn error(base: &MemoryStore, n: NetUid, order: Order, amount: u64) -> Option<&'static str> {
    swap_quote(&Overlay::new(base), n, order, amount)
        .unwrap()
        .error
}

#[test]
fn a_swap_the_chain_accepts_has_no_error() {
    let base = world(&[(10 * TAO, 5 * TAO)], 0, 0);
    let q = swap_quote(&Overlay::new(&base), N1, Order::Buy, TAO).unwrap();
    // Example A: 1 τ buys 454 337 367 α for a 503 547 rao fee.
    assert_eq!((q.amount_out, q.fee, q.error), (454_337_367, 503_547, None));
    assert_eq!(error(&base, N1, Order::Sell, TAO), None);
}

#[test]
fn stakes_below_the_minimum_are_amount_too_low() {
    // The minimum is 0.002 τ plus the fee on it: floor(2 000 000 × 33/65 535) = 1 007.
    let base = world(&[(10 * TAO, 5 * TAO)], 0, 0);
    assert_eq!(
        error(&base, N1, Order::Buy, 2_001_006),
        Some("AmountTooLow")
    );
    assert_eq!(error(&base, N1, Order::Buy, 2_001_007), None);
    assert_eq!(error(&base, N1, Order::Buy, 0), Some("AmountTooLow"));
}

#[test]
fn unstakes_paying_less_than_the_minimum_are_amount_too_low() {
    // At price 2 τ/α, 0.0005 α pays about 0.001 τ < 0.002 τ; 0.002 α pays about 0.004 τ.
    let base = world(&[(10 * TAO, 5 * TAO)], 0, 0);
    assert_eq!(error(&base, N1, Order::Sell, 500_000), Some("AmountTooLow"));
    assert_eq!(error(&base, N1, Order::Sell, 2_000_000), None);
    assert_eq!(error(&base, N1, Order::Sell, 0), Some("AmountTooLow"));
}

#[test]
fn inputs_above_1000_reserves_are_insufficient_liquidity() {
    let base = world(&[(10 * TAO, 5 * TAO)], 0, 0);
    assert_eq!(error(&base, N1, Order::Buy, 10_000 * TAO), None);
    assert_eq!(
        error(&base, N1, Order::Buy, 10_000 * TAO + 1),
        Some("InsufficientLiquidity")
    );
    assert_eq!(
        error(&base, N1, Order::Sell, 5_000 * TAO + 1),
        Some("InsufficientLiquidity")
    );
}

#[test]
fn missing_and_disabled_subnets_are_named() {
    let base = world(&[(10 * TAO, 5 * TAO)], 0, 0);
    assert_eq!(
        error(&base, NetUid(7), Order::Buy, TAO),
        Some("SubnetNotExists")
    );
    let mut st = Overlay::new(&base);
    SUBTOKEN_ENABLED.set(&mut st, N1, false);
    for order in [Order::Buy, Order::Sell] {
        let q = swap_quote(&st, N1, order, TAO).unwrap();
        assert_eq!(q.error, Some("SubtokenDisabled"));
    }
}
