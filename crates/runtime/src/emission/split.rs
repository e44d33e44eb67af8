//! Splitting the block's TAO among subnets (spec-emission §5): which subnets are eligible
//! (§5.1), their shares — Taoflow (§5.6, the default) or price-EMA × (1 − MinerBurned)
//! (§5.2), chosen by the chain parameter `emission_split` — and the per-subnet amounts with
//! emission-disabled subnets' shares redistributed (§5.4).

use super::{price::moving_alpha_price, storage::*};
use crate::{
    hyperparams::items::{NETWORK_REGISTRATION_ALLOWED, SUBNET_EMISSION_ENABLED, SUBTOKEN_ENABLED},
    params::EmissionSplit,
    storage::{Overlay, StorageError, StorageRead},
    subtensor::storage::FIRST_EMISSION_BLOCK_NUMBER,
};
use substrate_fixed::{
    transcendental::{exp, ln},
    types::{I32F32, I64F64, U64F64, U96F32},
};
use yuma_primitives::NetUid;

/// `get_subnets_to_emit_to` (§5.1): non-root subnets that ran `start_call`, have the subtoken
/// enabled and allow registration, in the given order.
pub fn subnets_to_emit_to(
    s: &dyn StorageRead,
    subnets: &[NetUid],
) -> Result<Vec<NetUid>, StorageError> {
    let mut out = Vec::with_capacity(subnets.len());
    for &n in subnets {
        if n != NetUid::ROOT
            && FIRST_EMISSION_BLOCK_NUMBER.get(s, &n)?.is_some()
            && SUBTOKEN_ENABLED.get(s, n)?
            && NETWORK_REGISTRATION_ALLOWED.get(s, n)?
        {
            out.push(n);
        }
    }
    Ok(out)
}

/// The shares of `to_emit` (ascending netuids) under the chain's split rule. Taoflow advances
/// the flow EMAs of these subnets, so it needs the state mutably.
pub fn shares(
    st: &mut Overlay<'_>,
    to_emit: &[NetUid],
    split: EmissionSplit,
    now: u64,
) -> Result<Vec<(NetUid, U64F64)>, StorageError> {
    match split {
        EmissionSplit::PriceEma => price_ema_shares(st, to_emit),
        EmissionSplit::Taoflow => flow_shares(st, to_emit, now),
    }
}

/// §5.2: `m_i / Σ m` weighted by `1 − min(MinerBurned_i, 1)` and renormalised; the plain price
/// shares when every weight is zero.
pub fn price_ema_shares(
    s: &dyn StorageRead,
    to_emit: &[NetUid],
) -> Result<Vec<(NetUid, U64F64)>, StorageError> {
    let zero = U64F64::from_bits(0);
    let one = U64F64::saturating_from_num(1);
    let prices = to_emit
        .iter()
        .map(|&n| Ok((n, moving_alpha_price(s, n)?)))
        .collect::<Result<Vec<_>, StorageError>>()?;
    let total = prices.iter().fold(zero, |a, (_, p)| a.saturating_add(*p));
    let price_shares: Vec<(NetUid, U64F64)> = prices
        .into_iter()
        .map(|(n, p)| (n, p.checked_div(total).unwrap_or(zero)))
        .collect();
    let mut weighted = Vec::with_capacity(price_shares.len());
    for &(n, share) in &price_shares {
        let burned = U64F64::saturating_from_num(U96F32::from_bits(MINER_BURNED.get(s, n)?));
        weighted.push((n, share.saturating_mul(one.saturating_sub(burned.min(one)))));
    }
    let total_w = weighted.iter().fold(zero, |a, (_, w)| a.saturating_add(*w));
    if total_w > zero {
        Ok(weighted
            .into_iter()
            .map(|(n, w)| (n, w.checked_div(total_w).unwrap_or(zero)))
            .collect())
    } else {
        Ok(price_shares)
    }
}

/// Advances one flow EMA (§5.6) at block `now` from its accumulator, which is reset; returns
/// the EMA for this block (unchanged if already advanced this block).
fn advance_ema(
    st: &mut Overlay<'_>,
    n: NetUid,
    now: u64,
    acc: &crate::storage::StorageMap<NetUid, i64>,
    ema: &crate::storage::StorageMap<NetUid, (u64, i128)>,
) -> Result<I64F64, StorageError> {
    let (last_block, last) = ema.get(st, &n)?.unwrap_or((0, 0));
    let last = I64F64::from_bits(last);
    if last_block == now {
        return Ok(last);
    }
    let flow = I64F64::saturating_from_num(acc.get(st, &n)?.unwrap_or(0));
    let f = I64F64::saturating_from_num(FLOW_EMA_SMOOTHING_FACTOR.get(st)?)
        .checked_div(I64F64::saturating_from_num(i64::MAX))
        .unwrap_or(I64F64::from_bits(0));
    let one = I64F64::saturating_from_num(1);
    let new = one
        .saturating_sub(f)
        .saturating_mul(last)
        .saturating_add(f.saturating_mul(flow));
    ema.insert(st, &n, &(now, new.to_bits()));
    acc.remove(st, &n);
    Ok(new)
}

/// §5.6: shares by the EMA of net TAO flow. Both EMAs of every `to_emit` subnet advance; net
/// flow S_i = user − norm × protocol (norm = min(ΣU⁺/ΣP⁺, 1); a negative protocol EMA is
/// subtracted as is); z_i = S_i − L above the cutoff L = max(TaoFlowCutoff, min(0, min S));
/// shares = z^p / Σ z^p. With the default cutoff 0, a subnet with net outflow gets nothing.
pub fn flow_shares(
    st: &mut Overlay<'_>,
    to_emit: &[NetUid],
    now: u64,
) -> Result<Vec<(NetUid, U64F64)>, StorageError> {
    let zero = I64F64::from_bits(0);
    let mut emas = Vec::with_capacity(to_emit.len());
    for &n in to_emit {
        let user = advance_ema(st, n, now, &SUBNET_TAO_FLOW, &SUBNET_EMA_TAO_FLOW)?;
        let proto = advance_ema(st, n, now, &SUBNET_PROTOCOL_FLOW, &SUBNET_EMA_PROTOCOL_FLOW)?;
        emas.push((n, user, proto));
    }
    let net_enabled = NET_TAO_FLOW_ENABLED.get(st)?;
    let norm = if net_enabled {
        let (su, sp) = emas.iter().fold((zero, zero), |(su, sp), (_, u, p)| {
            (
                su.saturating_add((*u).max(zero)),
                sp.saturating_add((*p).max(zero)),
            )
        });
        if sp > zero {
            su.checked_div(sp)
                .unwrap_or(zero)
                .min(I64F64::saturating_from_num(1))
        } else {
            zero
        }
    } else {
        zero
    };
    let net: Vec<(NetUid, I64F64)> = emas
        .into_iter()
        .map(|(n, u, p)| {
            let s = if !net_enabled {
                u
            } else if p > zero {
                u.saturating_sub(norm.saturating_mul(p))
            } else {
                u.saturating_sub(p)
            };
            (n, s)
        })
        .collect();
    let min_flow = net
        .iter()
        .map(|(_, s)| (*s).min(zero))
        .min()
        .unwrap_or(zero);
    let lower = I64F64::from_bits(TAO_FLOW_CUTOFF.get(st)?).max(min_flow);
    let mut z: Vec<(NetUid, U64F64)> = net
        .into_iter()
        .map(|(n, s)| {
            let v = if s > lower {
                U64F64::saturating_from_num(s.saturating_sub(lower))
            } else {
                U64F64::from_bits(0)
            };
            (n, v)
        })
        .collect();
    pow_normalize(&mut z, U64F64::from_bits(FLOW_NORM_EXPONENT.get(st)?));
    Ok(z)
}

/// Bisection square root to within `epsilon` of `x / m == m` (subtensor's `checked_sqrt`).
fn sqrt_bisect(x: U64F64, epsilon: U64F64) -> U64F64 {
    let zero = U64F64::from_bits(0);
    let one = U64F64::saturating_from_num(1);
    let two = U64F64::saturating_from_num(2);
    let (mut high, mut low) = if x > one { (x, zero) } else { (one, x) };
    let div = |a: U64F64, b: U64F64| a.checked_div(b).unwrap_or(zero);
    let mut mid = div(high.saturating_add(low), two);
    let mut check = div(x, mid);
    let mut it = 0;
    let dist = |a: U64F64, b: U64F64| if a > b { a - b } else { b - a };
    while dist(check, mid) > epsilon && it <= 128 {
        if check < mid {
            high = mid;
        } else {
            low = mid;
        }
        mid = div(high.saturating_add(low), two);
        check = div(x, mid);
        it += 1;
    }
    mid
}

/// `v^p` through `exp(p × ln v)` in I32F32: 0 when `ln` fails (v = 0), i32::MAX when `exp`
/// overflows.
fn safe_pow(v: U64F64, p: U64F64) -> U64F64 {
    match ln::<I32F32, I32F32>(I32F32::saturating_from_num(v)) {
        Ok(l) => {
            let e = exp::<I32F32, I32F32>(I32F32::saturating_from_num(p).saturating_mul(l))
                .unwrap_or(I32F32::saturating_from_num(i32::MAX));
            U64F64::saturating_from_num(e)
        }
        Err(()) => U64F64::from_bits(0),
    }
}

/// `inplace_pow_normalize` (§5.6): scale so the max is 1, then — unless every value is too
/// small to matter — scale by `sqrt(i32::MAX / (n × max²))` and replace each value by
/// `v^p / Σ v^p`.
pub fn pow_normalize(z: &mut [(NetUid, U64F64)], p: U64F64) {
    let zero = U64F64::from_bits(0);
    let max = z.iter().map(|(_, v)| *v).max().unwrap_or(zero);
    let f = U64F64::saturating_from_num(1)
        .checked_div(max)
        .unwrap_or(zero);
    for (_, v) in z.iter_mut() {
        *v = f.saturating_mul(*v);
    }
    let max = z.iter().map(|(_, v)| *v).max().unwrap_or(zero);
    let est = U64F64::saturating_from_num(z.len()).saturating_mul(max.saturating_mul(max));
    let i32_max = U64F64::saturating_from_num(i32::MAX);
    let precision_min = i32_max
        .checked_div(U64F64::saturating_from_num(u64::MAX))
        .unwrap_or(zero);
    if est < precision_min {
        return;
    }
    let eps = U64F64::saturating_from_num(1)
        .checked_div(U64F64::saturating_from_num(1000))
        .unwrap_or(zero);
    let factor = sqrt_bisect(i32_max.checked_div(est).unwrap_or(zero), eps);
    let sum = z.iter().fold(zero, |a, (_, v)| {
        a.saturating_add(safe_pow(factor.saturating_mul(*v), p))
    });
    for (_, v) in z.iter_mut() {
        *v = safe_pow(factor.saturating_mul(*v), p)
            .checked_div(sum)
            .unwrap_or(zero);
    }
}

/// `get_subnet_block_emissions` (§5.4): each subnet's TAO, `E × share` (U64F64, then U96F32).
/// If any subnet has `SubnetEmissionEnabled = false`, disabled subnets get 0 and enabled ones
/// `share / Σ enabled shares`. Disabled subnets stay in the list (their alpha_out still runs).
pub fn subnet_block_emissions(
    s: &dyn StorageRead,
    shares: &[(NetUid, U64F64)],
    emission: u64,
) -> Result<Vec<(NetUid, U96F32)>, StorageError> {
    let zero = U64F64::from_bits(0);
    let mut enabled = Vec::with_capacity(shares.len());
    let mut any_disabled = false;
    let mut enabled_sum = zero;
    for &(n, share) in shares {
        let on = SUBNET_EMISSION_ENABLED.get(s, n)?;
        if on {
            enabled_sum = enabled_sum.saturating_add(share);
        } else {
            any_disabled = true;
        }
        enabled.push((n, share, on));
    }
    let e = U64F64::saturating_from_num(emission);
    Ok(enabled
        .into_iter()
        .map(|(n, share, on)| {
            let share = if !any_disabled {
                share
            } else if on && enabled_sum > zero {
                share.checked_div(enabled_sum).unwrap_or(zero)
            } else {
                zero
            };
            (n, U96F32::saturating_from_num(e.saturating_mul(share)))
        })
        .collect())
}

#[cfg(test)]
#[allow(clippy::float_arithmetic)]
mod tests {
    use super::*;

    fn z(vals: &[f64]) -> Vec<(NetUid, U64F64)> {
        vals.iter()
            .enumerate()
            .map(|(i, v)| (NetUid(i as u16 + 1), U64F64::from_num(*v)))
            .collect()
    }

    fn close(a: U64F64, b: f64, tol: f64) -> bool {
        (a.to_num::<f64>() - b).abs() <= tol
    }

    #[test]
    fn pow_normalize_p1_is_proportional() {
        // §14.3: p = 1 on 2/3/5 → 0.2/0.3/0.5 (±0.001), sum 1 (±1e-12 there; our sum is of
        // three independently computed quotients).
        let mut v = z(&[2.0, 3.0, 5.0]);
        pow_normalize(&mut v, U64F64::from_num(1));
        assert!(close(v[0].1, 0.2, 0.001));
        assert!(close(v[1].1, 0.3, 0.001));
        assert!(close(v[2].1, 0.5, 0.001));
        let sum: f64 = v.iter().map(|(_, x)| x.to_num::<f64>()).sum();
        assert!((sum - 1.0).abs() < 1e-6);
    }

    #[test]
    fn pow_normalize_zeros_and_large_values() {
        let mut v = z(&[0.0, 0.0]);
        pow_normalize(&mut v, U64F64::from_num(2));
        assert!(v.iter().all(|(_, x)| *x == U64F64::from_num(0)));
        // Large values, p = 2: sum to 1 (1e-9) and z^2 / Σ z^2.
        let mut v = z(&[1e9, 5e9, 1e10]);
        pow_normalize(&mut v, U64F64::from_num(2));
        let sum: f64 = v.iter().map(|(_, x)| x.to_num::<f64>()).sum();
        assert!((sum - 1.0).abs() < 1e-6, "{sum}");
        let total = 1.0 + 25.0 + 100.0;
        assert!(close(v[2].1, 100.0 / total, 0.01 * 100.0 / total));
        assert!(close(v[0].1, 1.0 / total, 0.01 * 1.0 / total + 1e-4));
    }

    #[test]
    fn pow_normalize_fractional_exponents_within_one_percent() {
        for p in [1.0, 1.25, 1.5, 1.75, 2.0] {
            let vals = [3.0, 7.0, 11.0, 20.0];
            let mut v = z(&vals);
            pow_normalize(&mut v, U64F64::from_num(p));
            let total: f64 = vals.iter().map(|x: &f64| x.powf(p)).sum();
            for (i, x) in vals.iter().enumerate() {
                let want = x.powf(p) / total;
                assert!(close(v[i].1, want, want * 0.01), "p {p} i {i}");
            }
        }
    }

    #[test]
    fn sqrt_bisect_is_close() {
        let r = sqrt_bisect(U64F64::from_num(2), U64F64::from_num(0.001));
        assert!(close(r, std::f64::consts::SQRT_2, 0.001));
        let r = sqrt_bisect(U64F64::from_num(0.25), U64F64::from_num(0.001));
        assert!(close(r, 0.5, 0.001));
    }
}
