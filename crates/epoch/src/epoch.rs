//! One mechanism epoch, spec-epoch §4 (production = sparse path), with the quirks of §10.
//!
//! [`run`] validates the preconditions of §12.1 and then follows §4.1–§4.12 in order:
//! activity, registration masks, stake (tao weight, threshold, owner exemption), permits,
//! active stake, weight masking and normalisation, consensus and clipping, incentive, bonds
//! and dividends (classic or Yuma3), the emission split with its fall-backs, and the values
//! written back.
//!
//! Decisions where the spec leaves room:
//! * Bonds rows of uids that neither held nor gain a permit are returned unchanged (§4.12,
//!   §12.2 "input row otherwise"). subtensor's persistence writes an empty row there; the two
//!   agree on every reachable chain state, since only permit holders ever get bond rows.
//! * Inputs outside §12.1 are rejected with an [`EpochError`] instead of being filtered: a uid
//!   ≥ n or repeated in a row, an owner uid ≥ n, more than 65 535 neurons, or stakes whose
//!   I64F64 sum overflows (subtensor's plain sum would panic or wrap).

use crate::bonds::{self, BondsOutcome};
use crate::dense;
use crate::emission::{split, EmissionSplit};
use crate::error::EpochError;
use crate::liquid_alpha::AlphaParams;
use crate::math::fixed::{
    ema_rate, fixed64_to_u64, int_to_fixed, prop_to_u16, to_prop, total_stake, u16_fraction,
    u16_to_fixed, SafeDiv, I32F32, I64F64, U96F32, ZERO,
};
use crate::math::sparse::{interpolate, SparseMatrix};
use crate::math::vector::{is_topk_nonzero, mask, normalize, normalize_64_to_32};
use crate::median::weighted_median_col;
use crate::simd::simd_dispatch;
use crate::types::{EpochInput, EpochOutput};

/// Largest number of neurons a subnet can hold (uids are u16).
pub const MAX_NEURONS: usize = u16::MAX as usize;

/// Checks the preconditions of spec §12.1: every uid in a weights or bonds row is < n and
/// appears once in its row, the owner uid is < n, and n fits u16 uids.
pub fn validate(input: &EpochInput) -> Result<(), EpochError> {
    let n = input.neurons.len();
    if n > MAX_NEURONS {
        return Err(EpochError::TooManyNeurons {
            n,
            max: MAX_NEURONS,
        });
    }
    if let Some(owner) = input.owner_uid {
        if owner as usize >= n {
            return Err(EpochError::OwnerOutOfRange { owner, n });
        }
    }
    let mut seen = vec![usize::MAX; n];
    let mut stamp = 0usize;
    for (row, neuron) in input.neurons.iter().enumerate() {
        for (field, entries) in [("weights", &neuron.weights), ("bonds", &neuron.bonds)] {
            stamp += 1;
            // A strictly ascending row whose last uid is < n has no repeat and no uid ≥ n.
            if strictly_ascending(entries) && entries.last().is_none_or(|x| (x.0 as usize) < n) {
                continue;
            }
            for &(uid, _) in entries.iter() {
                let Some(mark) = seen.get_mut(uid as usize) else {
                    return Err(EpochError::UidOutOfRange { row, field, uid, n });
                };
                if *mark == stamp {
                    return Err(EpochError::DuplicateUid { row, field, uid });
                }
                *mark = stamp;
            }
        }
    }
    Ok(())
}

/// Whether a row's uids strictly increase. Long rows (dense weights, warm bonds) are folded
/// without branching, a loop that vectorises, after probing their first and last pairs so
/// that most unsorted rows, which are examined again anyway, are not scanned twice; short rows
/// stop at the first descent.
fn strictly_ascending(entries: &[(u16, u16)]) -> bool {
    let ascends = |x: &[(u16, u16)]| x[0].0 < x[1].0;
    if entries.len() < 128 {
        return entries.windows(2).all(ascends);
    }
    ascends(entries) && ascends(&entries[entries.len() - 2..]) && ascending_fold(entries)
}

simd_dispatch! {
    /// Whether every uid of `entries` is below the next one, without an early exit.
    fn ascending_fold / ascending_fold_avx2 / ascending_fold_portable(
        entries: &[(u16, u16)],
    ) -> bool {
        let Some((first, rest)) = entries.split_first() else {
            return true;
        };
        // uids < 2^16: a step ≥ 1 leaves bit 16 clear of (next − prev − 1), a repeat or a
        // descent sets it (the difference wraps below 0 in 32 bits)
        let (mut prev, mut bad) = (u32::from(first.0), 0u32);
        for e in rest {
            let uid = u32::from(e.0);
            bad |= uid.wrapping_sub(prev).wrapping_sub(1);
            prev = uid;
        }
        bad >> 16 == 0
    }
}

/// Runs one mechanism epoch: a pure, bit-exact function of its input.
pub fn run(input: &EpochInput) -> Result<EpochOutput, EpochError> {
    run_with_emission(input, input.emission)
}

/// Runs one mechanism epoch handing it `emission` rao instead of `input.emission` (used by the
/// mechanism wrapper, whose inputs share one emission to split).
pub fn run_with_emission(input: &EpochInput, emission: u64) -> Result<EpochOutput, EpochError> {
    validate(input)?;
    let hp = &input.hyperparams;
    let neurons = &input.neurons;
    let n = neurons.len();
    let block = input.block;
    let tempo = u64::from(hp.tempo);
    let owner = input.owner_uid.map(usize::from);

    // §4.1 Activity.
    let cutoff = (u64::from(hp.activity_cutoff_factor_milli).saturating_mul(tempo) / 1000).max(1);
    let inactive: Vec<bool> = neurons
        .iter()
        .map(|x| x.last_update.saturating_add(cutoff) < block)
        .collect();
    let active: Vec<bool> = inactive.iter().map(|x| !x).collect();

    // §4.2 Registration / last tempo.
    let reg: Vec<u64> = neurons.iter().map(|x| x.registered_at).collect();
    let last_tempo = if input.last_mechanism_step_block == 0 {
        block.saturating_sub(tempo)
    } else {
        input.last_mechanism_step_block.saturating_add(1)
    };

    // §4.3 Stake: alpha + tao × tw, threshold (owner exempt), normalised, floored to I32F32.
    let tw =
        U96F32::saturating_from_num(hp.tao_weight).safe_div(U96F32::saturating_from_num(u64::MAX));
    let tw = I64F64::saturating_from_num(tw);
    let total: Vec<I64F64> = neurons
        .iter()
        .enumerate()
        .map(|(uid, x)| {
            let t = total_stake(x.alpha_stake, x.tao_stake, tw);
            if owner != Some(uid) && fixed64_to_u64(t) < hp.stake_threshold {
                I64F64::from_num(0)
            } else {
                t
            }
        })
        .collect();
    let stake = normalize_64_to_32(&total).ok_or(EpochError::StakeOverflow)?;

    // §4.4 Permits: old (owner forced) gates this epoch, new decides the bonds rows.
    let mut old_permit: Vec<bool> = neurons.iter().map(|x| x.validator_permit).collect();
    let mut new_permit = is_topk_nonzero(&stake, usize::from(hp.max_allowed_validators));
    if let Some(o) = owner {
        old_permit[o] = true;
        new_permit[o] = true;
    }

    // §4.5 Active stake.
    let mut active_stake = stake.clone();
    mask(&mut active_stake, &inactive);
    for (s, p) in active_stake.iter_mut().zip(old_permit.iter()) {
        if !p {
            *s = ZERO;
        }
    }
    normalize(&mut active_stake);

    // §4.6–§4.10: dense row-major matrices when the weight rows are dense and the bonds model
    // allows it (classic, or Yuma3 at the fixed rate), sparse rows otherwise; identical
    // results.
    let kappa = u16_fraction(hp.kappa);
    let penalty = u16_fraction(hp.bonds_penalty);
    let rate = ema_rate(hp.bonds_moving_average);
    let Core {
        consensus,
        validator_trust,
        incentive,
        dividends,
        mut bonds,
    } = if let Some(o) = (!hp.liquid_alpha_enabled && dense::applies(neurons, &old_permit, rate))
        .then(|| {
            let params = dense::Params {
                neurons,
                old_permit: &old_permit,
                new_permit: &new_permit,
                active_stake: &active_stake,
                reg: &reg,
                last_tempo,
                owner,
                commit_reveal: hp.commit_reveal_enabled,
                kappa,
                penalty,
                rate,
            };
            if hp.yuma3_enabled {
                Some(dense::run(&params))
            } else {
                dense::run_classic(&params)
            }
        })
        .flatten()
    {
        Core {
            consensus: o.consensus,
            validator_trust: o.validator_trust,
            incentive: o.incentive,
            dividends: o.dividends,
            bonds: CoreBonds::Rows(o.bond_rows),
        }
    } else {
        sparse_core(
            input,
            &old_permit,
            &active_stake,
            &reg,
            last_tempo,
            kappa,
            penalty,
            rate,
        )
    };

    // §4.11 Emission split.
    let EmissionSplit {
        incentive: emission_incentive,
        dividends: emission_dividends,
        combined,
    } = split(&incentive, &dividends, &active_stake, &stake, emission);

    // §4.12 Values written back.
    let new_bonds = (0..n)
        .map(|i| {
            if new_permit[i] {
                match &mut bonds {
                    CoreBonds::Sparse(m) => {
                        m.row(i).iter().map(|&(j, v)| (j, prop_to_u16(v))).collect()
                    }
                    CoreBonds::Rows(rows) => std::mem::take(&mut rows[i]),
                }
            } else if old_permit[i] {
                Vec::new()
            } else {
                neurons[i].bonds.clone()
            }
        })
        .collect();
    let to_u16 = |v: &[I32F32]| v.iter().map(|x| prop_to_u16(*x)).collect::<Vec<u16>>();
    Ok(EpochOutput {
        active,
        stake_weight: to_u16(&stake),
        consensus: to_u16(&consensus),
        validator_trust: to_u16(&validator_trust),
        incentive: to_u16(&incentive),
        dividends: to_u16(&dividends),
        emission: combined,
        emission_incentive,
        emission_dividends,
        new_validator_permits: new_permit,
        new_bonds,
    })
}

/// The bonds of [`Core`]: the sparse path's matrix, or the dense path's finished rows.
enum CoreBonds {
    /// E before the u16 conversion.
    Sparse(SparseMatrix),
    /// Stored rows per uid (filled for new permit holders).
    Rows(Vec<Vec<(u16, u16)>>),
}

/// The results of §4.6–§4.10: consensus, trust, incentive, dividends and the bonds.
struct Core {
    consensus: Vec<I32F32>,
    validator_trust: Vec<I32F32>,
    incentive: Vec<I32F32>,
    dividends: Vec<I32F32>,
    bonds: CoreBonds,
}

/// §4.6–§4.10 on sparse rows, step by step as the spec writes them.
#[allow(clippy::too_many_arguments)] // the epoch's intermediate vectors, each distinct
fn sparse_core(
    input: &EpochInput,
    old_permit: &[bool],
    active_stake: &[I32F32],
    reg: &[u64],
    last_tempo: u64,
    kappa: I32F32,
    penalty: I32F32,
    rate: I32F32,
) -> Core {
    let hp = &input.hyperparams;
    let neurons = &input.neurons;
    let n = neurons.len();
    let owner = input.owner_uid.map(usize::from);

    // §4.6 Weights: permit rows, diagonal (owner keeps its own), outdated, commit-reveal.
    // Masks, then each row divided by its sum (row_normalize), row by row.
    let nnz: usize = neurons.iter().map(|x| x.weights.len()).sum();
    let mut w = SparseMatrix::with_capacity(n, nnz);
    // Rows updated after the latest registration lose no target to the outdated mask.
    let max_reg = reg.iter().copied().max().unwrap_or(0);
    for (i, x) in neurons.iter().enumerate() {
        if old_permit[i] {
            let commit = if hp.commit_reveal_enabled {
                x.commit_block.unwrap_or(u64::MAX)
            } else {
                u64::MAX
            };
            // A weight survives when neither the target's (re)registration nor a pending
            // commit's block says it predates the target: last_update > reg_j and commit >= reg_j.
            let newest_ok = x.last_update.min(commit.saturating_add(1));
            let own = if owner == Some(i) { usize::MAX } else { i };
            let mut int_sum = 0u64;
            if newest_ok > max_reg {
                for &(j, v) in &x.weights {
                    if j as usize != own {
                        w.push(j, u16_to_fixed(v));
                        int_sum += u64::from(v);
                    }
                }
            } else {
                for &(j, v) in &x.weights {
                    let ju = j as usize;
                    if ju != own && newest_ok > reg[ju] {
                        w.push(j, u16_to_fixed(v));
                        int_sum += u64::from(v);
                    }
                }
            }
            w.end_row();
            w.normalize_last_row_int(int_sum);
        } else {
            w.end_row();
        }
    }

    // §4.7 Consensus, clipping, validator trust.
    let consensus = weighted_median_col(active_stake, &w, kappa, n);
    let (clipped, validator_trust, mut incentive) = w.clip_trust_rank(&consensus, active_stake, n);

    // §4.8 Ranks and incentive.
    normalize(&mut incentive);

    // §4.9 Bonds-weights.
    let wb = interpolate(&w, &clipped, penalty, n);

    // §4.10 Bonds: stored rows, recent registrations (Q7) masked.
    // Classic bonds are column-normalised first: their integer column sums are gathered here
    // (u64, exact), then saturated into I32F32 as the saturating running sum of non-negative
    // values ends.
    let bnnz: usize = neurons.iter().map(|x| x.bonds.len()).sum();
    let mut b = SparseMatrix::with_capacity(n, bnnz);
    let mut int_col_sums = vec![0u64; if hp.yuma3_enabled { 0 } else { n }];
    for x in neurons.iter() {
        for &(j, v) in &x.bonds {
            if last_tempo > reg[j as usize] {
                if hp.yuma3_enabled {
                    b.push(j, to_prop(v));
                } else {
                    b.push(j, u16_to_fixed(v));
                    int_col_sums[j as usize] += u64::from(v);
                }
            }
        }
        b.end_row();
    }
    let BondsOutcome { bonds, dividends } = if hp.yuma3_enabled {
        let liquid = AlphaParams {
            low: u16_fraction(hp.alpha_low),
            high: u16_fraction(hp.alpha_high),
            steepness: I32F32::from_num(hp.alpha_sigmoid_steepness),
        };
        let liquid = hp.liquid_alpha_enabled.then_some(&liquid);
        bonds::yuma3(
            &wb,
            &b,
            active_stake,
            &incentive,
            &consensus,
            liquid,
            rate,
            n,
        )
    } else {
        let sums: Vec<I32F32> = int_col_sums.iter().map(|&x| int_to_fixed(x)).collect();
        bonds::classic_with_col_sums(&wb, b, &sums, active_stake, &incentive, rate, n)
    };
    Core {
        consensus,
        validator_trust,
        incentive,
        dividends,
        bonds: CoreBonds::Sparse(bonds),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Hyperparams, NeuronInput};

    fn hp() -> Hyperparams {
        Hyperparams {
            tempo: 10,
            activity_cutoff_factor_milli: 13_889,
            kappa: 32_767,
            bonds_penalty: 65_535,
            bonds_moving_average: 900_000,
            liquid_alpha_enabled: false,
            alpha_low: 45_875,
            alpha_high: 58_982,
            alpha_sigmoid_steepness: 1000,
            yuma3_enabled: false,
            max_allowed_validators: 64,
            stake_threshold: 0,
            tao_weight: 0,
            commit_reveal_enabled: false,
        }
    }

    /// uid 0: validator (stake 1) weighting `w`; uids 1, 2: servers registered at `reg`.
    fn case(w: &[(u16, u16)], last_update: u64, reg: [u64; 3]) -> EpochInput {
        let nrn = |stake: u64, lu: u64, reg: u64, permit: bool, w: &[(u16, u16)]| NeuronInput {
            alpha_stake: stake,
            tao_stake: 0,
            last_update: lu,
            registered_at: reg,
            validator_permit: permit,
            commit_block: None,
            weights: w.to_vec(),
            bonds: vec![],
        };
        EpochInput {
            hyperparams: hp(),
            block: 100,
            last_mechanism_step_block: 0,
            owner_uid: None,
            emission: 1000,
            neurons: vec![
                nrn(1, last_update, reg[0], true, w),
                nrn(0, 0, reg[1], false, &[]),
                nrn(0, 0, reg[2], false, &[]),
            ],
        }
    }

    #[test]
    fn validation_finds_repeats_and_out_of_range_uids_in_any_order() {
        let err = |w: &[(u16, u16)]| validate(&case(w, 99, [0; 3])).err();
        assert_eq!(err(&[(0, 1), (1, 1), (2, 1)]), None); // sorted: fast path
        assert_eq!(err(&[(2, 1), (0, 1)]), None); // unsorted, valid
        let dup = |uid| {
            Some(EpochError::DuplicateUid {
                row: 0,
                field: "weights",
                uid,
            })
        };
        assert_eq!(err(&[(1, 1), (1, 1)]), dup(1)); // adjacent repeat
        assert_eq!(err(&[(1, 1), (0, 1), (1, 1)]), dup(1));
        let out = |uid| {
            Some(EpochError::UidOutOfRange {
                row: 0,
                field: "weights",
                uid,
                n: 3,
            })
        };
        assert_eq!(err(&[(0, 1), (3, 1)]), out(3)); // sorted, last out of range
        assert_eq!(err(&[(5, 1), (0, 1), (0, 1)]), out(5)); // the first error is reported
        assert_eq!(err(&[(0, 1), (0, 1), (5, 1)]), dup(0));
    }

    #[test]
    fn long_rows_are_checked_as_thoroughly_as_short_ones() {
        // 200 uids, one full sorted row (fold path), then a repeat or a descent in the middle
        // with the first and last pairs still ascending
        let mut c = case(&[], 99, [0; 3]);
        c.neurons.resize(200, c.neurons[1].clone());
        let row: Vec<(u16, u16)> = (0..200u16).map(|j| (j, 1)).collect();
        c.neurons[0].weights = row.clone();
        assert_eq!(validate(&c), Ok(()));
        let mut repeat = row.clone();
        repeat[100].0 = 99;
        c.neurons[0].weights = repeat;
        assert_eq!(
            validate(&c),
            Err(EpochError::DuplicateUid {
                row: 0,
                field: "weights",
                uid: 99
            })
        );
        let mut descent = row;
        descent.swap(50, 150);
        c.neurons[0].weights = descent;
        assert_eq!(validate(&c), Ok(())); // unsorted but valid
        assert!(!strictly_ascending(&c.neurons[0].weights));
    }

    proptest::proptest! {
        #[test]
        fn ascending_fold_matches_the_windows(
            uids in proptest::collection::vec(0u16..300, 0..300),
            sorted in proptest::prelude::any::<bool>(),
        ) {
            let mut uids = uids;
            if sorted {
                uids.sort_unstable();
            }
            let row: Vec<(u16, u16)> = uids.iter().map(|&j| (j, 7)).collect();
            let want = row.windows(2).all(|x| x[0].0 < x[1].0);
            proptest::prop_assert_eq!(ascending_fold(&row), want);
            proptest::prop_assert_eq!(ascending_fold_portable(&row), want);
            proptest::prop_assert_eq!(strictly_ascending(&row), want);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 is present (checked just above).
                proptest::prop_assert_eq!(unsafe { ascending_fold_avx2(&row) }, want);
            }
        }
    }

    #[test]
    fn activity_cutoff_follows_tempo() {
        // tempo 10 -> cutoff 138 blocks: updated at 0 is inactive at 139, active at 138
        let mut c = case(&[], 0, [0; 3]);
        c.block = 138;
        assert_eq!(run(&c).expect("valid").active, vec![true, true, true]);
        c.block = 139;
        assert_eq!(run(&c).expect("valid").active, vec![false, false, false]);
    }

    #[test]
    fn self_weights_are_masked_except_the_owners() {
        // the validator weights itself and uid 1 equally: only uid 1 gets incentive
        let c = case(&[(0, 65_535), (1, 65_535)], 99, [0; 3]);
        assert_eq!(run(&c).expect("valid").incentive, vec![0, 65_535, 0]);
        // as the owner, its self-weight stays: both get half
        let mut c = c;
        c.owner_uid = Some(0);
        assert_eq!(run(&c).expect("valid").incentive, vec![32_767, 32_767, 0]);
    }

    #[test]
    fn weights_set_at_or_before_registration_are_outdated() {
        // uid 2 registered at 99 = the weights' block (Q6): its weight is dropped
        let out = run(&case(&[(1, 65_535), (2, 65_535)], 99, [0, 0, 99])).expect("valid");
        assert_eq!(out.incentive, vec![0, 65_535, 0]);
        // registered at 98: kept
        let out = run(&case(&[(1, 65_535), (2, 65_535)], 99, [0, 0, 98])).expect("valid");
        assert_eq!(out.incentive, vec![0, 32_767, 32_767]);
    }

    #[test]
    fn commit_reveal_masks_uids_registered_after_the_commit() {
        let mut c = case(&[(1, 65_535), (2, 65_535)], 99, [0, 50, 61]);
        c.neurons[0].commit_block = Some(60);
        // off: the commit block is ignored
        assert_eq!(run(&c).expect("valid").incentive, vec![0, 32_767, 32_767]);
        // on: uid 2 (registered at 61 > 60) loses the weight, uid 1 (50) keeps it
        c.hyperparams.commit_reveal_enabled = true;
        assert_eq!(run(&c).expect("valid").incentive, vec![0, 65_535, 0]);
    }

    #[test]
    fn rows_of_validators_without_permit_are_ignored() {
        let mut c = case(&[(1, 65_535)], 99, [0; 3]);
        c.neurons[0].validator_permit = false;
        let out = run(&c).expect("valid");
        assert_eq!(out.incentive, vec![0, 0, 0]);
        // the permit is granted for the next epoch (top-k by stake)
        assert_eq!(out.new_validator_permits, vec![true, false, false]);
    }

    #[test]
    fn stake_threshold_spares_only_the_owner() {
        let mut c = case(&[], 99, [0; 3]);
        c.neurons[1].alpha_stake = 5;
        c.hyperparams.stake_threshold = 3;
        // uid 0 (stake 1) is filtered out, uid 1 (stake 5) keeps all the weight
        assert_eq!(run(&c).expect("valid").stake_weight, vec![0, 65_535, 0]);
        c.owner_uid = Some(0);
        assert_eq!(run(&c).expect("valid").stake_weight[0], 10_922); // 1/6, floored twice
    }

    #[test]
    fn tao_stake_counts_with_tao_weight() {
        // tao weight 1/2 of 2^64-1: 4 TAO count as 2 alpha
        let mut c = case(&[], 99, [0; 3]);
        c.neurons[0].alpha_stake = 2;
        c.neurons[1].tao_stake = 4;
        c.hyperparams.tao_weight = u64::MAX / 2;
        let sw = run(&c).expect("valid").stake_weight;
        assert!(
            sw[0].abs_diff(32_767) <= 1 && sw[1].abs_diff(32_767) <= 1,
            "{sw:?}"
        );
    }
}
