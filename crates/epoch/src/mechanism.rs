//! Mechanisms (sub-subnets), spec-epoch §9: split a subnet's emission, run one epoch per
//! mechanism, merge the results into the netuid-level values.
//!
//! Mechanisms share neurons, stake, registration blocks, permits and hyperparameters; each has
//! its own weights, bonds, last-update blocks and commits, so each is given as its own
//! [`EpochInput`] (with the same `neurons.len()`). `Incentive` and `Bonds` stay per mechanism;
//! the rest is merged per uid with weight `w_k = E_k / E` in U64F64.

use crate::epoch::run_with_emission;
use crate::error::EpochError;
use crate::math::fixed::U64F64;
use crate::types::{EpochInput, EpochOutput};

/// Netuid-level values merged over the mechanisms (spec §9 step 3), indexed by uid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergedOutput {
    /// OR over mechanisms -> `Active`.
    pub active: Vec<bool>,
    /// Weighted -> `StakeWeight`.
    pub stake_weight: Vec<u16>,
    /// Weighted -> `Consensus`.
    pub consensus: Vec<u16>,
    /// Weighted -> `ValidatorTrust`.
    pub validator_trust: Vec<u16>,
    /// Weighted -> `Dividends`.
    pub dividends: Vec<u16>,
    /// Weighted combined rao -> `Emission`.
    pub emission: Vec<u64>,
    /// Summed server rao, returned to the coinbase.
    pub emission_incentive: Vec<u64>,
    /// Summed validator rao, returned to the coinbase.
    pub emission_dividends: Vec<u64>,
    /// OR over mechanisms -> `ValidatorPermit`.
    pub new_validator_permits: Vec<bool>,
}

/// Every mechanism's own output (for `Incentive[k]`, `Bonds[k]`) and the merged values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MechanismsOutput {
    /// Per mechanism, in mechanism order.
    pub mechanisms: Vec<EpochOutput>,
    /// The emission each mechanism was given.
    pub emissions: Vec<u64>,
    /// The merged netuid-level values.
    pub merged: MergedOutput,
}

/// Splits `total` rao over `count` mechanisms: by `split_k / 65535` (u128 math, missing entries
/// 0, extra entries ignored) when a split is set, evenly otherwise; the rounding remainder goes to
/// mechanism 0.
pub fn split_emission(total: u64, count: usize, split: Option<&[u16]>) -> Vec<u64> {
    let mut out: Vec<u64> = match split {
        Some(s) => s
            .iter()
            .map(|&k| (u128::from(total) * u128::from(k) / u128::from(u16::MAX)) as u64)
            .collect(),
        None => vec![total.checked_div(count as u64).unwrap_or(0); count],
    };
    out.resize(count, 0);
    let assigned = out.iter().fold(0u64, |a, x| a.saturating_add(*x));
    let remainder = total.saturating_sub(assigned);
    if let Some(first) = out.first_mut() {
        *first = first.saturating_add(remainder);
    }
    out
}

/// `floor(U64F64(acc) + U64F64(value) × w)` saturated into u16.
fn acc_u16(acc: u16, value: u16, w: U64F64) -> u16 {
    U64F64::from_num(acc)
        .saturating_add(U64F64::from_num(value).saturating_mul(w))
        .saturating_to_num::<u16>()
}

/// `floor(U64F64(acc) + U64F64(value) × w)` saturated into u64.
fn acc_u64(acc: u64, value: u64, w: U64F64) -> u64 {
    U64F64::from_num(acc)
        .saturating_add(U64F64::from_num(value).saturating_mul(w))
        .saturating_to_num::<u64>()
}

/// Merges mechanism outputs (spec §9 step 3): `emissions[k]` is what mechanism k was given out
/// of `total`. Uids missing from a mechanism's output count as absent there.
pub fn merge(outputs: &[EpochOutput], emissions: &[u64], total: u64) -> MergedOutput {
    let n = outputs.iter().map(|o| o.active.len()).max().unwrap_or(0);
    let mut m = MergedOutput {
        active: vec![false; n],
        stake_weight: vec![0; n],
        consensus: vec![0; n],
        validator_trust: vec![0; n],
        dividends: vec![0; n],
        emission: vec![0; n],
        emission_incentive: vec![0; n],
        emission_dividends: vec![0; n],
        new_validator_permits: vec![false; n],
    };
    for (k, out) in outputs.iter().enumerate() {
        let e_k = emissions.get(k).copied().unwrap_or(0);
        let fallback = if k == 0 {
            U64F64::from_num(1)
        } else {
            U64F64::from_num(0)
        };
        let w = U64F64::from_num(e_k)
            .checked_div(U64F64::from_num(total))
            .unwrap_or(fallback);
        for uid in 0..out.active.len().min(n) {
            m.active[uid] |= out.active[uid];
            m.new_validator_permits[uid] |= out.new_validator_permits[uid];
            m.emission_incentive[uid] =
                m.emission_incentive[uid].saturating_add(out.emission_incentive[uid]);
            m.emission_dividends[uid] =
                m.emission_dividends[uid].saturating_add(out.emission_dividends[uid]);
            m.dividends[uid] = acc_u16(m.dividends[uid], out.dividends[uid], w);
            m.stake_weight[uid] = acc_u16(m.stake_weight[uid], out.stake_weight[uid], w);
            m.consensus[uid] = acc_u16(m.consensus[uid], out.consensus[uid], w);
            m.validator_trust[uid] = acc_u16(m.validator_trust[uid], out.validator_trust[uid], w);
            m.emission[uid] = acc_u64(m.emission[uid], out.emission[uid], w);
        }
    }
    m
}

/// `epoch_with_mechanisms`: splits `total` over `mechanisms.len()` mechanisms, runs each
/// mechanism's epoch on its share (ignoring each input's own `emission`) and merges.
pub fn run_mechanisms(
    mechanisms: &[EpochInput],
    total: u64,
    split: Option<&[u16]>,
) -> Result<MechanismsOutput, EpochError> {
    let first = mechanisms.first().ok_or(EpochError::NoMechanism)?;
    let expected = first.neurons.len();
    for (k, mech) in mechanisms.iter().enumerate() {
        if mech.neurons.len() != expected {
            return Err(EpochError::MechanismSizeMismatch {
                mechanism: k,
                got: mech.neurons.len(),
                expected,
            });
        }
    }
    let emissions = split_emission(total, mechanisms.len(), split);
    let outputs = mechanisms
        .iter()
        .zip(emissions.iter())
        .map(|(mech, e)| run_with_emission(mech, *e))
        .collect::<Result<Vec<_>, _>>()?;
    let merged = merge(&outputs, &emissions, total);
    Ok(MechanismsOutput {
        mechanisms: outputs,
        emissions,
        merged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn even_split_gives_remainder_to_first() {
        assert_eq!(split_emission(10, 3, None), vec![4, 3, 3]);
        assert_eq!(split_emission(0, 2, None), vec![0, 0]);
    }

    #[test]
    fn custom_split_pads_and_rounds() {
        // 1/4 of 65535 rounds down; the rest to mechanism 0
        assert_eq!(
            split_emission(1000, 2, Some(&[49151, 16384])),
            vec![750, 250]
        );
        // missing entries are 0
        assert_eq!(split_emission(1000, 3, Some(&[65535])), vec![1000, 0, 0]);
    }

    fn out(dividend: u16, emission: u64, active: bool) -> EpochOutput {
        EpochOutput {
            active: vec![active],
            stake_weight: vec![65535],
            consensus: vec![0],
            validator_trust: vec![0],
            incentive: vec![0],
            dividends: vec![dividend],
            emission: vec![emission],
            emission_incentive: vec![1],
            emission_dividends: vec![emission],
            new_validator_permits: vec![false],
            new_bonds: vec![vec![]],
        }
    }

    #[test]
    fn merge_weights_by_emission_share() {
        // two mechanisms with 3/4 and 1/4 of 1000 rao
        let m = merge(
            &[out(40000, 750, false), out(20000, 250, true)],
            &[750, 250],
            1000,
        );
        assert_eq!(m.dividends, vec![35000]);
        // 49151.25 floors to 49151, + 16383.75 floors to 65534
        assert_eq!(m.stake_weight, vec![65534]);
        assert_eq!(m.emission, vec![1000 * 3 / 4 * 3 / 4 + 250 / 4]);
        assert_eq!(m.emission_incentive, vec![2]);
        assert_eq!(m.emission_dividends, vec![1000]);
        assert_eq!(m.active, vec![true]);
    }

    #[test]
    fn zero_emission_gives_mechanism_zero_full_weight() {
        let m = merge(&[out(40000, 0, false), out(20000, 0, false)], &[0, 0], 0);
        assert_eq!(m.dividends, vec![40000]);
    }
}
