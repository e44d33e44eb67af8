//! Fast kernels for the two I32F32 operations of the hot loops, returning exactly what
//! `substrate-fixed` returns.
//!
//! The crate computes an I32F32 product as a 128 × 128-bit multiply with overflow detection and
//! a quotient as a 128-bit software division; in the epoch's inner loops those dominate the
//! run time. The functions below compute the same mathematical results with one 64 × 64-bit
//! multiply, or a multiply by a precomputed reciprocal, and fall back to the crate wherever
//! their preconditions do not hold:
//!
//! * [`mul`] = `saturating_mul`: `floor(a · b / 2^32)` clamped to the I64 range (the crate's
//!   overflow flag is exactly "the floored product leaves that range").
//! * [`Divisor::div`] = `safe_div`: for `0 ≤ a < 2^32` (values in [0, 1)) and `b > 0` the
//!   quotient `floor(a · 2^32 / b)` is the exact integer quotient `floor(n / b)`, `n = a · 2^32
//!   < 2^64`, computed by a [`U64Divisor`] (Granlund–Montgomery's 64-bit multiply-and-shift
//!   form, exact for every `n < 2^64`); quotients above `i64::MAX` give 0 like the crate's
//!   overflow. Everything else goes to
//!   the crate. Integer numerators over integer divisors (`a = A · 2^32`, `b = B · 2^32`,
//!   `A < 2^32`), as in the normalisation of stored weights and classic bonds, use
//!   `floor(A · 2^32 / B)`, the same value.
//!
//! The tests compare both against the crate on edge values and millions of random operands.

use super::fixed::{SafeDiv, I32F32};

/// `a.saturating_add(b)`: the saturating sum of the raw bits, as the crate computes it.
#[inline(always)]
pub fn add(a: I32F32, b: I32F32) -> I32F32 {
    I32F32::from_bits(a.to_bits().saturating_add(b.to_bits()))
}

/// `x > 0` on the raw bits. I32F32's order is the order of its bits; substrate-fixed's
/// comparison operators go through its generic cross-type comparison, several branches each.
#[inline(always)]
pub fn positive(x: I32F32) -> bool {
    x.to_bits() > 0
}

/// `a < b` on the raw bits (see [`positive`]).
#[inline(always)]
pub fn lt(a: I32F32, b: I32F32) -> bool {
    a.to_bits() < b.to_bits()
}

/// `a.saturating_mul(b)`, computed with one widening multiply.
#[inline(always)]
pub fn mul(a: I32F32, b: I32F32) -> I32F32 {
    // Cannot overflow (|a·b| ≤ 2^126); wrapping avoids the checked 128-bit multiply.
    let p = i128::from(a.to_bits()).wrapping_mul(i128::from(b.to_bits()));
    // q = p >> 32 fits i64 exactly when p >> 95 (the high word >> 31) is 0 or −1; otherwise
    // it is above the range when p > 0 and below it when p < 0.
    let hi = (p >> 64) as i64;
    if ((hi >> 31) as u64).wrapping_add(1) <= 1 {
        I32F32::from_bits((p >> 32) as i64)
    } else if hi > 0 {
        I32F32::max_value()
    } else {
        I32F32::min_value()
    }
}

/// `a.saturating_mul(b)` for operands in the unit interval, `0 ≤ a, b ≤ 1` (raw bits in
/// `[0, 2^32]`): the product's bits are `⌊a · b / 2^32⌋ ≤ 2^32`, so nothing can saturate and
/// one unsigned widening multiply gives the crate's floor.
#[inline(always)]
pub fn mul_unit(a: i64, b: i64) -> i64 {
    debug_assert!((0..=1 << 32).contains(&a) && (0..=1 << 32).contains(&b));
    ((u128::from(a as u64) * u128::from(b as u64)) >> 32) as i64
}

/// [`mul_unit`] in 64-bit lanes only, for loops the compiler vectorises (SIMD has a
/// 32 × 32 → 64-bit multiply, no 64 × 64 → 128): with `a = aₕ·2^32 + aₗ`, `b = bₕ·2^32 + bₗ`
/// (`aₕ, bₕ ∈ {0, 1}`, `aₗ, bₗ < 2^32`, so `aₗ = 0` when `aₕ = 1`), the floored product is
/// `aₕbₕ·2^32 + aₕbₗ + bₕaₗ + ⌊aₗbₗ / 2^32⌋`, every term exact in a u64.
#[inline(always)]
pub fn mul_unit_lanes(a: u64, b: u64) -> u64 {
    const LO: u64 = 0xffff_ffff;
    let (al, bl, ah, bh) = (a & LO, b & LO, a >> 32, b >> 32);
    (al.wrapping_mul(bl) >> 32)
        .wrapping_add(ah.wrapping_neg() & bl)
        .wrapping_add(bh.wrapping_neg() & al)
        .wrapping_add((ah & bh) << 32)
}

/// `substrate_fixed::transcendental::exp::<I32F32, I32F32>(x).ok()`, the same series evaluated on
/// raw bits: `1 + x + Σ_{i=2}^{31} term_i` with `term_i = floor(term_{i−1} · |x| / 2^32) / i`
/// (checked: an overflow is the crate's error), then the reciprocal (by the crate) for x < 0.
/// x = 1 returns the crate's constant e, computed by the crate.
pub fn exp(x: I32F32) -> Option<I32F32> {
    let bits = x.to_bits();
    if bits == 0 {
        return Some(I32F32::from_num(1));
    }
    if bits == 1 << 32 {
        return substrate_fixed::transcendental::exp::<I32F32, I32F32>(x).ok();
    }
    let neg = bits < 0;
    let op = if neg { bits.checked_neg()? } else { bits };
    let mut result = op.checked_add(1 << 32)?;
    let mut term = op;
    for i in 2..32i64 {
        // term, op ≥ 0: the product floors; it overflows when it leaves i64.
        let p = i128::from(term).wrapping_mul(i128::from(op)) >> 32;
        term = i64::try_from(p).ok()?;
        // (term · 2^32) / (i · 2^32) truncated = ⌊term / i⌋ for term ≥ 0
        term = SMALL_DIVISORS[i as usize].div(term as u64) as i64;
        if term == 0 {
            break; // every later term is 0 too and adds nothing
        }
        result = result.checked_add(term)?;
    }
    let result = I32F32::from_bits(result);
    if neg {
        I32F32::from_num(1).checked_div(result)
    } else {
        Some(result)
    }
}

/// Prepared divisors 0..32 for the terms of [`exp`] (index 0 unused).
const SMALL_DIVISORS: [U64Divisor; 32] = {
    let mut t = [U64Divisor {
        m: 0,
        sh1: 0,
        sh2: 0,
    }; 32];
    let mut i = 1;
    while i < 32 {
        t[i] = match U64Divisor::new(i as u64) {
            Some(d) => d,
            None => U64Divisor {
                m: 0,
                sh1: 0,
                sh2: 0,
            },
        };
        i += 1;
    }
    t
};

/// An integer divisor `d > 0` prepared for exact floor divisions of any `n < 2^64`.
///
/// Granlund–Montgomery, "Division by invariant integers using multiplication" (1994), fig. 4.1
/// with N = 64: `ℓ = ⌈log2 d⌉`, `m = ⌊2^64 · (2^ℓ − d) / d⌋ + 1` (< 2^64), `t = ⌊m · n / 2^64⌋`
/// and `⌊n / d⌋ = (t + ((n − t) >> min(ℓ, 1))) >> max(ℓ − 1, 0)`: one 64 × 64-bit multiply and
/// four 64-bit operations.
#[derive(Clone, Copy, Debug)]
pub struct U64Divisor {
    m: u64,
    sh1: u8,
    sh2: u8,
}

impl U64Divisor {
    /// `u64::MAX` prepared: the quotient of any `n < 2^64 − 1` is 0.
    pub const MAX: Self = match Self::new(u64::MAX) {
        Some(d) => d,
        None => panic!("u64::MAX is not 0"),
    };

    /// Prepares `d`; `None` for 0.
    #[inline]
    pub const fn new(d: u64) -> Option<Self> {
        if d == 0 {
            return None;
        }
        // ℓ = ⌈log2 d⌉ (0 for d = 1, 64 for d > 2^63); 2^ℓ − d < d, so m < 2^64.
        let l = 64 - (d - 1).leading_zeros();
        let m = ((((1u128 << l) - d as u128) << 64) / d as u128) as u64 + 1;
        Some(Self {
            m,
            sh1: if l < 1 { l as u8 } else { 1 },
            sh2: if l > 1 { (l - 1) as u8 } else { 0 },
        })
    }

    /// The multiplier and the two shifts, for loops that divide in vector lanes.
    pub fn parts(&self) -> (u64, u32, u32) {
        (self.m, u32::from(self.sh1), u32::from(self.sh2))
    }

    /// `floor(n / d)`.
    #[inline(always)]
    pub fn div(&self, n: u64) -> u64 {
        let t = ((u128::from(n) * u128::from(self.m)) >> 64) as u64;
        // t ≤ n, and t + (n − t) / 2 ≤ n: neither operation wraps.
        // sh1 ≤ 1 and sh2 ≤ 63 by construction: the shifts never exceed the width.
        t.wrapping_add(n.wrapping_sub(t).wrapping_shr(u32::from(self.sh1)))
            .wrapping_shr(u32::from(self.sh2))
    }
}

/// A weight row's integer sum `d`, `2^16 ≤ d < 2^31`, prepared for `⌊v · 2^32 / d⌋`, `v` a
/// u16 weight (the row normalisation), with two 32-bit multiplies and no 128-bit product.
///
/// With `ℓ = ⌈log2 d⌉`, `k = 16 + ℓ` and `m = ⌊2^(k+32) / d⌋ + 1 = 2^(k+32)/d + ε`, `0 < ε ≤ 1`:
/// `v·m / 2^k = v·2^32/d + v·ε/2^k`, and the added `v·ε/2^k < 2^16·d/2^k / d ≤ 1/d` never
/// reaches the next integer (`v·2^32/d` is at least `1/d` below it), so `⌊v·m / 2^k⌋` is the
/// quotient. `m < 2^49 + 1` is split as `mₕ·2^32 + mₗ`, and since `k ≥ 32`,
/// `⌊v·m / 2^k⌋ = ⌊(v·mₕ + ⌊v·mₗ / 2^32⌋) / 2^(k−32)⌋`, every term below 2^50.
#[derive(Clone, Copy, Debug)]
pub struct RowDivisor {
    mh: u64,
    ml: u64,
    sh: u32,
}

impl RowDivisor {
    /// Prepares `d`; `None` outside `[2^16, 2^31)`.
    #[inline]
    pub fn new(d: u64) -> Option<Self> {
        if !(1 << 16..1 << 31).contains(&d) {
            return None;
        }
        let l = 64 - (d - 1).leading_zeros(); // 16..=31
        let k = 16 + l;
        let m = ((1u128 << (k + 32)) / u128::from(d)) as u64 + 1;
        Some(Self {
            mh: m >> 32,
            ml: m & 0xffff_ffff,
            sh: k - 32,
        })
    }

    /// `(mₕ, mₗ, shift)`, for loops that divide in vector lanes.
    pub fn parts(&self) -> (u64, u64, u32) {
        (self.mh, self.ml, self.sh)
    }

    /// `⌊v · 2^32 / d⌋`.
    #[inline(always)]
    pub fn div(&self, v: u16) -> u64 {
        let v = u64::from(v);
        v.wrapping_mul(self.mh)
            .wrapping_add(v.wrapping_mul(self.ml) >> 32)
            >> self.sh
    }
}

/// An I32F32 divisor prepared for repeated `safe_div`s.
#[derive(Clone, Copy, Debug)]
pub struct Divisor {
    b: I32F32,
    magic: Option<U64Divisor>,
    /// For an integer `b = B · 2^32`: B prepared, for integer numerators.
    int_magic: Option<U64Divisor>,
}

impl Divisor {
    /// Prepares `b`.
    #[inline]
    pub fn new(b: I32F32) -> Self {
        let bits = b.to_bits();
        let magic = if bits > 0 {
            U64Divisor::new(bits as u64)
        } else {
            None
        };
        let int_magic = if bits > 0 && bits & 0xffff_ffff == 0 {
            U64Divisor::new((bits >> 32) as u64)
        } else {
            None
        };
        Self {
            b,
            magic,
            int_magic,
        }
    }

    /// Whether the divisor is 0.
    #[inline]
    pub fn is_zero(&self) -> bool {
        self.b.to_bits() == 0
    }

    /// `a.safe_div(b)`.
    #[inline(always)]
    pub fn div(&self, a: I32F32) -> I32F32 {
        let bits = a.to_bits();
        match self.magic {
            Some(m) if (0..1i64 << 32).contains(&bits) => {
                let q = m.div((bits as u64) << 32);
                if q > i64::MAX as u64 {
                    I32F32::from_bits(0)
                } else {
                    I32F32::from_bits(q as i64)
                }
            }
            // Integer over integer: floor(A·2^64 / (B·2^32)) = floor(A·2^32 / B), ≤ 2^32 · A.
            _ if bits & 0xffff_ffff == 0 && bits >= 0 && self.int_magic.is_some() => {
                let int = (bits >> 32) as u64;
                match self.int_magic {
                    Some(m) if int < 1 << 32 => {
                        let q = m.div(int << 32);
                        if q > i64::MAX as u64 {
                            I32F32::from_bits(0)
                        } else {
                            I32F32::from_bits(q as i64)
                        }
                    }
                    _ => a.safe_div(self.b),
                }
            }
            _ => a.safe_div(self.b),
        }
    }
}

/// `a.safe_div(b)` for a one-off division (no reciprocal): the crate's result, with the common
/// case `0 ≤ a < 1`, `b > 0` done as one 64-bit division.
#[inline]
pub fn div(a: I32F32, b: I32F32) -> I32F32 {
    let (x, y) = (a.to_bits(), b.to_bits());
    if y > 0 && (0..1i64 << 32).contains(&x) {
        let q = ((x as u64) << 32) / (y as u64);
        if q > i64::MAX as u64 {
            I32F32::from_bits(0)
        } else {
            I32F32::from_bits(q as i64)
        }
    } else {
        a.safe_div(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random operand pairs per test (fewer in unoptimised builds).
    const ITERATIONS: usize = if cfg!(debug_assertions) {
        200_000
    } else {
        2_000_000
    };

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        /// Random bits with a random magnitude, sign and occasional edge value.
        fn operand(&mut self) -> i64 {
            let r = self.next();
            match r % 16 {
                0 => [
                    0,
                    1,
                    -1,
                    i64::MAX,
                    i64::MIN,
                    1 << 32,
                    (1 << 32) - 1,
                    1 << 31,
                ][(r >> 8) as usize % 8],
                1..=3 => (self.next() >> (self.next() % 64)) as i64, // any sign
                _ => (self.next() >> (1 + self.next() % 63)) as i64, // non-negative
            }
        }
    }

    fn edges() -> Vec<i64> {
        let mut v = vec![
            0,
            1,
            2,
            3,
            -1,
            -2,
            i64::MAX,
            i64::MIN,
            i64::MAX - 1,
            i64::MIN + 1,
        ];
        for k in 0..63 {
            v.extend([1i64 << k, (1i64 << k) - 1, (1i64 << k) + 1, -(1i64 << k)]);
        }
        v.extend([65535i64 << 32, 65535, 4096 << 32, 1_000_000_007]);
        v
    }

    #[test]
    fn exp_matches_the_crate() {
        let crate_exp = |x: I32F32| substrate_fixed::transcendental::exp::<I32F32, I32F32>(x).ok();
        let mut rng = Rng(0x7f4a_7c15_9e37_79b9);
        let mut xs: Vec<i64> = vec![
            0,
            1,
            -1,
            1 << 32,
            -(1 << 32),
            1 << 31,
            -(1 << 31),
            i64::MAX,
            i64::MIN,
        ];
        xs.extend((-25..=25).map(|k: i64| k << 32));
        for _ in 0..ITERATIONS / 20 {
            // mostly the clamped range [-20, 20] the epoch uses, sometimes anything
            let r = rng.next();
            xs.push(if r & 7 == 0 {
                r as i64
            } else {
                (r % (40u64 << 32)) as i64 - (20i64 << 32)
            });
        }
        for &b in &xs {
            let x = I32F32::from_bits(b);
            assert_eq!(exp(x), crate_exp(x), "exp({b})");
        }
    }

    #[test]
    fn add_matches_the_crate() {
        let e = edges();
        for &a in &e {
            for &b in &e {
                let (x, y) = (I32F32::from_bits(a), I32F32::from_bits(b));
                assert_eq!(add(x, y), x.saturating_add(y), "{a} + {b}");
            }
        }
    }

    #[test]
    fn mul_matches_the_crate() {
        let e = edges();
        for &a in &e {
            for &b in &e {
                let (x, y) = (I32F32::from_bits(a), I32F32::from_bits(b));
                assert_eq!(mul(x, y), x.saturating_mul(y), "{a} * {b}");
            }
        }
        let mut rng = Rng(0x1234_5678_9abc_def1);
        for _ in 0..ITERATIONS {
            let (x, y) = (
                I32F32::from_bits(rng.operand()),
                I32F32::from_bits(rng.operand()),
            );
            assert_eq!(mul(x, y), x.saturating_mul(y), "{x:?} * {y:?}");
        }
    }

    #[test]
    fn unit_mul_matches_the_crate() {
        let mut rng = Rng(0x3c6e_f372_fe94_f82b);
        let mut xs: Vec<i64> = vec![0, 1, 2, (1 << 32) - 1, 1 << 32, 1 << 31, 65535];
        for _ in 0..ITERATIONS / 10 {
            xs.push((rng.next() % ((1 << 32) + 1)) as i64);
        }
        for w in xs.windows(2) {
            let (x, y) = (I32F32::from_bits(w[0]), I32F32::from_bits(w[1]));
            assert_eq!(mul_unit(w[0], w[1]), x.saturating_mul(y).to_bits());
        }
        let one = I32F32::from_bits(1 << 32);
        assert_eq!(
            mul_unit(1 << 32, 1 << 32),
            one.saturating_mul(one).to_bits()
        );
    }

    #[test]
    fn lane_mul_matches_the_unit_mul() {
        let mut rng = Rng(0x2f4a_7c15_9e37_79b1);
        let mut xs: Vec<u64> = vec![0, 1, 2, (1 << 32) - 1, 1 << 32, 1 << 31, 65535];
        for _ in 0..ITERATIONS / 10 {
            xs.push(rng.next() % ((1 << 32) + 1));
        }
        for &a in &xs[..7] {
            for &b in &xs[..7] {
                assert_eq!(mul_unit_lanes(a, b) as i64, mul_unit(a as i64, b as i64));
            }
        }
        for w in xs.windows(2) {
            assert_eq!(
                mul_unit_lanes(w[0], w[1]) as i64,
                mul_unit(w[0] as i64, w[1] as i64)
            );
        }
    }

    #[test]
    fn row_divisor_is_exact() {
        let mut rng = Rng(0x6a09_e667_f3bc_c908);
        let mut ds: Vec<u64> = vec![
            1 << 16,
            (1 << 16) + 1,
            (1 << 31) - 1,
            (1 << 30) + 1,
            1 << 30,
        ];
        ds.extend((16..31).flat_map(|k| [1u64 << k, (1u64 << k) + 1, (2u64 << k) - 1]));
        for _ in 0..ITERATIONS / 1000 {
            ds.push((1 << 16) + rng.next() % ((1 << 31) - (1 << 16)));
        }
        for &d in &ds {
            let rd = RowDivisor::new(d).expect("in range");
            let mut vs: Vec<u16> = vec![0, 1, 2, u16::MAX, u16::MAX - 1, 1 << 15];
            vs.extend((0..200).map(|_| rng.next() as u16));
            for v in vs {
                assert_eq!(rd.div(v), (u64::from(v) << 32) / d, "{v} / {d}");
            }
        }
        assert!(RowDivisor::new((1 << 16) - 1).is_none());
        assert!(RowDivisor::new(1 << 31).is_none());
    }

    #[test]
    fn div_matches_the_crate() {
        let e = edges();
        for &a in &e {
            for &b in &e {
                let (x, y) = (I32F32::from_bits(a), I32F32::from_bits(b));
                assert_eq!(Divisor::new(y).div(x), x.safe_div(y), "{a} / {b}");
                assert_eq!(div(x, y), x.safe_div(y), "{a} / {b}");
            }
        }
        let mut rng = Rng(0x0fed_cba9_8765_4321);
        for _ in 0..ITERATIONS {
            let (x, y) = (
                I32F32::from_bits(rng.operand()),
                I32F32::from_bits(rng.operand()),
            );
            assert_eq!(Divisor::new(y).div(x), x.safe_div(y), "{x:?} / {y:?}");
            assert_eq!(div(x, y), x.safe_div(y), "{x:?} / {y:?}");
        }
    }

    #[test]
    fn integer_divisions_match_the_crate() {
        let mut rng = Rng(0x5851_f42d_4c95_7f2d);
        for _ in 0..ITERATIONS / 4 {
            let a = I32F32::from_bits(((rng.next() % (1 << 33)) as i64) << 32);
            let b = I32F32::from_bits(((1 + rng.next() % (1 << 40)) as i64) << 32);
            assert_eq!(Divisor::new(b).div(a), a.safe_div(b), "{a:?} / {b:?}");
            let w = I32F32::from_num(rng.next() % 65536);
            let s = I32F32::from_num(1 + rng.next() % (65535 * 4096));
            assert_eq!(Divisor::new(s).div(w), w.safe_div(s), "{w:?} / {s:?}");
        }
    }

    #[test]
    fn u64_divisor_is_exact() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut ds: Vec<u64> = vec![
            1,
            2,
            3,
            7,
            65535,
            u64::MAX,
            u64::MAX - 1,
            1 << 63,
            (1 << 63) + 1,
            (1 << 63) - 1,
        ];
        ds.extend((0..64).map(|k| 1u64 << k));
        for _ in 0..ITERATIONS / 100 {
            ds.push(rng.next() >> (rng.next() % 64));
        }
        for &d in ds.iter().filter(|d| **d > 0) {
            let m = U64Divisor::new(d).expect("d > 0");
            for n in [
                0,
                1,
                d - 1,
                d,
                d.saturating_add(1),
                u64::MAX,
                u64::MAX - 1,
                rng.next(),
                rng.next() >> 20,
            ] {
                assert_eq!(m.div(n), n / d, "{n} / {d}");
            }
        }
        assert!(U64Divisor::new(0).is_none());
    }

    #[test]
    fn normalisation_shaped_divisions_match_the_crate() {
        // entries in [0, 1) over sums of a few such entries: the epoch's common case
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..ITERATIONS / 4 {
            let k = 1 + rng.next() % 8;
            let parts: Vec<i64> = (0..k).map(|_| (rng.next() % (1 << 32)) as i64).collect();
            let s = I32F32::from_bits(parts.iter().sum());
            let d = Divisor::new(s);
            for &p in &parts {
                let x = I32F32::from_bits(p);
                assert_eq!(d.div(x), x.safe_div(s));
            }
        }
    }
}
