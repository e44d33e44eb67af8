//! The weighted ("balancer") pool math of spec-staking-swap §1.2–§1.3 and the weight update
//! of §1.9, in subtensor's fixed-point types: prices are `U64F64`, weights Perquintill parts
//! (10^18 = 1.0), reserves `u64` rao. Only the TAO ("quote") weight `w2` is stored; the alpha
//! ("base") weight is `w1 = 1 − w2`, and both stay ≥ 0.01.

use super::pow::pow_ratio_scaled_u128;
use num_bigint::BigUint;
use num_traits::ToPrimitive;
use substrate_fixed::types::U64F64;

/// 1.0 in Perquintill parts.
pub const ACCURACY: u64 = 1_000_000_000_000_000_000;
/// The smallest weight either side may have (0.01).
pub const MIN_WEIGHT: u64 = ACCURACY / 100;

/// Division that yields 0 for a zero divisor or an overflowing quotient (`safe_div`).
pub fn safe_div(a: U64F64, b: U64F64) -> U64F64 {
    a.checked_div(b).unwrap_or(U64F64::from_bits(0))
}

/// `U64F64` from an integer.
pub fn fx(v: u64) -> U64F64 {
    U64F64::from_num(v)
}

/// `Perquintill::from_rational(p, q)`: `floor(p·10^18/q)` parts, 1.0 when `q = 0` or `p > q`.
pub fn perquintill_from_rational(p: u128, q: u128) -> u64 {
    if q == 0 || p > q {
        return ACCURACY;
    }
    let v = BigUint::from(p) * BigUint::from(ACCURACY) / BigUint::from(q);
    v.to_u64().unwrap_or(ACCURACY)
}

/// Why a weight was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BalancerError {
    /// A weight would fall below 0.01.
    #[error("balancer weight out of range [0.01, 0.99]")]
    InvalidValue,
}

/// A pool's weights, stored as the quote (TAO) weight `w2` in Perquintill parts.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    parity_scale_codec::Encode,
    parity_scale_codec::Decode,
    scale_info::TypeInfo,
)]
pub struct Balancer {
    /// `w2`, parts per 10^18.
    pub quote: u64,
}

impl Default for Balancer {
    fn default() -> Self {
        Self {
            quote: ACCURACY / 2,
        }
    }
}

impl Balancer {
    /// A balancer with quote weight `quote` (parts), if both weights are ≥ 0.01.
    pub fn new(quote: u64) -> Result<Self, BalancerError> {
        if Self::valid(quote) {
            Ok(Self { quote })
        } else {
            Err(BalancerError::InvalidValue)
        }
    }

    fn valid(quote: u64) -> bool {
        quote >= MIN_WEIGHT && ACCURACY.saturating_sub(quote) >= MIN_WEIGHT
    }

    /// `w1 = 1 − w2`, parts.
    pub fn base(&self) -> u64 {
        ACCURACY.saturating_sub(self.quote)
    }

    /// Spot price `(w1/w2)·(y/x)`, each ratio truncated (§1.2); `x = 0` gives 0.
    pub fn price(&self, x: u64, y: u64) -> U64F64 {
        safe_div(fx(self.base()), fx(self.quote)).saturating_mul(safe_div(fx(y), fx(x)))
    }

    /// `(r / (r + dr))^(w1/w2)` for a sell (`base_quote`) or `^(w2/w1)` for a buy, floored to
    /// 10^-18 and capped at 1 (§1.3.2).
    fn exp_scaled(&self, r: u64, dr: u64, base_quote: bool) -> U64F64 {
        let r_plus = r.saturating_add(dr);
        if r_plus == 0 {
            return U64F64::from_num(0);
        }
        let (w1, w2) = (u128::from(self.base()), u128::from(self.quote));
        let (en, ed) = if base_quote { (w1, w2) } else { (w2, w1) };
        let res = pow_ratio_scaled_u128(
            u128::from(r),
            u128::from(r_plus),
            en,
            ed,
            256,
            u128::from(ACCURACY),
        );
        match res.and_then(|v| v.to_u64()) {
            Some(v) => safe_div(fx(v), fx(ACCURACY)).min(U64F64::from_num(1)),
            None => U64F64::from_num(0),
        }
    }

    /// Alpha paid out for `dy` TAO entering the pool: `floor(x·(1 − E(y, dy)))`.
    pub fn alpha_out_for_tao(&self, x: u64, y: u64, dy: u64) -> u64 {
        let e = self.exp_scaled(y, dy, false);
        fx(x)
            .saturating_mul(U64F64::from_num(1).saturating_sub(e))
            .saturating_to_num::<u64>()
    }

    /// TAO paid out for `dx` alpha entering the pool: `floor(y·(1 − E(x, dx)))`.
    pub fn tao_out_for_alpha(&self, x: u64, y: u64, dx: u64) -> u64 {
        let e = self.exp_scaled(x, dx, true);
        fx(y)
            .saturating_mul(U64F64::from_num(1).saturating_sub(e))
            .saturating_to_num::<u64>()
    }

    /// `reserve·((num/den)^(w/10^18) − 1)`, the input that moves the price to a limit (§1.3.3),
    /// with the factor clamped at u64::MAX/10^18 as subtensor does.
    fn delta_in(num: U64F64, den: U64F64, w: u64, reserve: u64) -> u64 {
        let scale = u128::from(ACCURACY);
        let Some(res) = pow_ratio_scaled_u128(
            num.to_bits(),
            den.to_bits(),
            u128::from(w),
            scale,
            1024,
            scale,
        ) else {
            return 0;
        };
        let f = match res.to_u64() {
            Some(v) => fx(v),
            None => fx(u64::MAX),
        };
        fx(reserve)
            .saturating_mul(safe_div(f, fx(ACCURACY)).saturating_sub(U64F64::from_num(1)))
            .saturating_to_num::<u64>()
    }

    /// TAO needed to raise the price from `p` to `target`: `y·((target/p)^w1 − 1)`.
    pub fn quote_delta_in(&self, p: U64F64, target: U64F64, y: u64) -> u64 {
        Self::delta_in(target, p, self.base(), y)
    }

    /// Alpha needed to lower the price from `p` to `target`: `x·((p/target)^w2 − 1)`.
    pub fn base_delta_in(&self, p: U64F64, target: U64F64, x: u64) -> u64 {
        Self::delta_in(p, target, self.quote, x)
    }

    /// `value · parts / 10^18`, rounded half up.
    fn mul_round(parts: u64, value: u128) -> u128 {
        let num = BigUint::from(value) * BigUint::from(parts) + BigUint::from(ACCURACY / 2);
        (num / BigUint::from(ACCURACY))
            .to_u128()
            .unwrap_or(u128::MAX)
    }

    /// Re-solves the weights so adding `dy` TAO and `dx` alpha to reserves `(y, x)` leaves the
    /// price unchanged (§1.9); refuses weights outside [0.01, 0.99].
    pub fn update_weights_for_added_liquidity(
        &mut self,
        y: u64,
        x: u64,
        dy: u64,
        dx: u64,
    ) -> Result<(), BalancerError> {
        let (y, x) = (u128::from(y), u128::from(x));
        let ny = y.saturating_add(u128::from(dy));
        let nx = x.saturating_add(u128::from(dx));
        let q1 = Self::mul_round(self.base(), y.saturating_mul(nx));
        let q2 = Self::mul_round(self.quote, x.saturating_mul(ny));
        let sum = q1.saturating_add(q2);
        let w2 = if sum != 0 {
            perquintill_from_rational(q2, sum)
        } else {
            ACCURACY / 2
        };
        *self = Self::new(w2)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const E9: u64 = 1_000_000_000;

    #[test]
    fn equal_weights_price_is_reserve_ratio() {
        let b = Balancer::default();
        assert_eq!(b.price(4 * E9, E9), U64F64::from_num(0.25));
        assert_eq!(b.price(0, E9), U64F64::from_num(0));
    }

    #[test]
    fn constant_product_outputs_with_equal_weights() {
        // §1.12 A: x = 5 α, y = 10 τ, net 999 496 453 → 454 337 367.
        let b = Balancer::default();
        assert_eq!(
            b.alpha_out_for_tao(5 * E9, 10 * E9, 999_496_453),
            454_337_367
        );
        // §1.12 B: sell 999 496 453 α → 1 665 967 237 τ.
        assert_eq!(
            b.tao_out_for_alpha(5 * E9, 10 * E9, 999_496_453),
            1_665_967_237
        );
    }

    #[test]
    fn unequal_weights_example_c() {
        // §1.12 C: w2 = 0.4, x = y = 1000 τ.
        let b = Balancer::new(4 * ACCURACY / 10).unwrap();
        assert_eq!(b.price(1000 * E9, 1000 * E9), U64F64::from_num(1.5));
        assert_eq!(
            b.alpha_out_for_tao(1000 * E9, 1000 * E9, 9_994_964_523),
            6_608_298_667
        );
        assert_eq!(
            b.tao_out_for_alpha(1000 * E9, 1000 * E9, 9_994_964_523),
            14_807_295_471
        );
    }

    #[test]
    fn quote_delta_in_matches_spec_vector() {
        // calculate_quote_delta_in(0.1 → 0.2, w1 = 0.75, y = 10^9) = floor(10^9·(2^0.75 − 1)).
        let b = Balancer::new(ACCURACY / 4).unwrap();
        let d = b.quote_delta_in(U64F64::from_num(0.1), U64F64::from_num(0.2), E9);
        // 2^0.75 − 1 = 0.681792830507…; the two prices are not exact binary fractions, so the
        // ratio is a hair off 2: allow the last rao.
        assert!((681_792_829..=681_792_831).contains(&d), "{d}");
        // The impossible direction gives 0.
        assert_eq!(
            b.quote_delta_in(U64F64::from_num(0.2), U64F64::from_num(0.1), E9),
            0
        );
    }

    #[test]
    fn weight_update_examples_f() {
        // w2 = 0.5, y = 1000 τ, x = 4000 α, inject 1000 α → w2' = 2/4.5.
        let mut b = Balancer::default();
        b.update_weights_for_added_liquidity(1000 * E9, 4000 * E9, 0, 1000 * E9)
            .unwrap();
        assert_eq!(b.quote, 444_444_444_444_444_444);
        // The price stays 0.25 up to the floored weight (≈ 4·10^-19).
        let p = b.price(5000 * E9, 1000 * E9);
        assert!(
            p >= U64F64::from_num(0.25) && p - U64F64::from_num(0.25) < U64F64::from_bits(1 << 12)
        );
        // w2 = 0.4, x = y = 1000, inject 1.5 τ and 1 α.
        let mut b = Balancer::new(4 * ACCURACY / 10).unwrap();
        b.update_weights_for_added_liquidity(1000 * E9, 1000 * E9, 1_500_000_000, E9)
            .unwrap();
        assert_eq!(b.quote, 400_119_856_172_592_888);
    }

    #[test]
    fn weights_outside_range_are_refused() {
        assert!(Balancer::new(MIN_WEIGHT - 1).is_err());
        assert!(Balancer::new(ACCURACY - MIN_WEIGHT + 1).is_err());
        assert!(Balancer::new(MIN_WEIGHT).is_ok());
        let mut b = Balancer::default();
        assert!(b
            .update_weights_for_added_liquidity(E9, E9, 0, 1_000_000 * E9)
            .is_err());
        assert_eq!(b, Balancer::default());
    }

    #[test]
    fn perquintill_rounds_down() {
        assert_eq!(perquintill_from_rational(1, 3), 333_333_333_333_333_333);
        assert_eq!(perquintill_from_rational(1, 0), ACCURACY);
    }
}
