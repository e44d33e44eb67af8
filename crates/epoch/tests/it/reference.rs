//! A literal, slow transcription of spec-epoch §4–§6 using only `substrate-fixed` operations
//! (no fast kernels, no fused passes, the §5 partition loop, dense row scratch), and a
//! differential test running it against [`yuma_epoch::run`] on random inputs shaped like the
//! conformance generator's: unsorted rows, explicit zeros, owner, commit-reveal, thresholds,
//! liquid alpha, every bonds penalty kind, warmed-up bonds.

// The masks are written as the spec's "drop (i, j) where …" conditions.
#![allow(clippy::nonminimal_bool)]

use substrate_fixed::types::{I32F32, I64F64, I96F32, U96F32};
use yuma_epoch::{run, EpochInput, EpochOutput, Hyperparams, NeuronInput};

type Rows = Vec<Vec<(u16, I32F32)>>;

fn z() -> I32F32 {
    I32F32::from_num(0)
}
fn one() -> I32F32 {
    I32F32::from_num(1)
}
fn sd(a: I32F32, b: I32F32) -> I32F32 {
    a.checked_div(b).unwrap_or_default()
}
fn sum(v: &[I32F32]) -> I32F32 {
    v.iter().fold(z(), |a, x| a.saturating_add(*x))
}
fn normalize(v: &mut [I32F32]) {
    let s = sum(v);
    if s != z() {
        v.iter_mut().for_each(|x| *x = sd(*x, s));
    }
}
fn prop(x: I32F32) -> u16 {
    x.saturating_mul(I32F32::from_num(65535))
        .saturating_to_num::<u16>()
}
fn frac(v: u16) -> I32F32 {
    sd(I32F32::from_num(v), I32F32::from_num(65535))
}
fn col_normalize(m: &mut Rows, n: usize) {
    let mut s = vec![z(); n];
    m.iter()
        .flatten()
        .for_each(|&(j, v)| s[j as usize] = s[j as usize].saturating_add(v));
    m.iter_mut().flatten().for_each(|e| {
        if s[e.0 as usize] != z() {
            e.1 = sd(e.1, s[e.0 as usize]);
        }
    });
}

/// §5, the partition loop as written, over dense score vectors.
fn median(u: &[I32F32], s: &[I32F32], minority: I32F32, sigma: I32F32) -> I32F32 {
    let mut idx: Vec<usize> = (0..u.len()).collect();
    let (mut lo, mut hi) = (z(), sigma);
    let mut rounds = 0;
    loop {
        if idx.is_empty() {
            return z();
        }
        if idx.len() == 1 {
            return s[idx[0]];
        }
        let pivot = s[idx[idx.len() / 2]];
        let lower: Vec<usize> = idx.iter().copied().filter(|&k| s[k] < pivot).collect();
        let upper: Vec<usize> = idx.iter().copied().filter(|&k| s[k] > pivot).collect();
        let l = lower.iter().fold(z(), |a, &k| a.saturating_add(u[k]));
        let h = upper.iter().fold(z(), |a, &k| a.saturating_add(u[k]));
        if minority < lo.saturating_add(l) && !lower.is_empty() {
            idx = lower;
            hi = lo.saturating_add(l);
        } else if hi.saturating_sub(h) <= minority && !upper.is_empty() {
            idx = upper;
            lo = hi.saturating_sub(h);
        } else {
            return pivot;
        }
        rounds += 1;
        if rounds > u.len() {
            return z();
        }
    }
}

fn exp_safe(x: I32F32) -> I32F32 {
    let c = x.max(I32F32::from_num(-20)).min(I32F32::from_num(20));
    match substrate_fixed::transcendental::exp::<I32F32, I32F32>(c) {
        Ok(v) => v,
        Err(()) if c <= z() => z(),
        Err(()) => I32F32::max_value(),
    }
}

/// The whole epoch, spec §4.
pub(crate) fn run_reference(input: &EpochInput) -> EpochOutput {
    let hp = &input.hyperparams;
    let nn = &input.neurons;
    let n = nn.len();
    let owner = input.owner_uid.map(usize::from);
    let tempo = u64::from(hp.tempo);
    let cutoff = (u64::from(hp.activity_cutoff_factor_milli).saturating_mul(tempo) / 1000).max(1);
    let inactive: Vec<bool> = nn
        .iter()
        .map(|x| x.last_update.saturating_add(cutoff) < input.block)
        .collect();
    let reg: Vec<u64> = nn.iter().map(|x| x.registered_at).collect();
    let last_tempo = if input.last_mechanism_step_block == 0 {
        input.block.saturating_sub(tempo)
    } else {
        input.last_mechanism_step_block.saturating_add(1)
    };
    // §4.3
    let tw = U96F32::saturating_from_num(hp.tao_weight)
        .checked_div(U96F32::saturating_from_num(u64::MAX))
        .unwrap_or_default();
    let tw = I64F64::saturating_from_num(tw);
    let mut total: Vec<I64F64> = nn
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let t = I64F64::saturating_from_num(x.alpha_stake)
                .saturating_add(I64F64::saturating_from_num(x.tao_stake).saturating_mul(tw));
            if owner != Some(i) && t.saturating_to_num::<u64>() < hp.stake_threshold {
                I64F64::from_num(0)
            } else {
                t
            }
        })
        .collect();
    let ts = total.iter().fold(I64F64::from_num(0), |a, x| a + *x);
    if ts != I64F64::from_num(0) {
        total
            .iter_mut()
            .for_each(|x| *x = x.checked_div(ts).unwrap_or_default());
    }
    let stake: Vec<I32F32> = total
        .iter()
        .map(|x| I32F32::saturating_from_num(*x))
        .collect();
    // §4.4
    let mut old_permit: Vec<bool> = nn.iter().map(|x| x.validator_permit).collect();
    let k = usize::from(hp.max_allowed_validators);
    let mut new_permit: Vec<bool> = stake.iter().map(|x| *x != z()).collect();
    if n >= k {
        let mut idx: Vec<usize> = (0..n).collect();
        idx.sort_by_key(|&i| stake[i]);
        idx.iter().take(n - k).for_each(|&i| new_permit[i] = false);
    }
    if let Some(o) = owner {
        old_permit[o] = true;
        new_permit[o] = true;
    }
    // §4.5
    let mut active: Vec<I32F32> = (0..n)
        .map(|i| {
            if inactive[i] || !old_permit[i] {
                z()
            } else {
                stake[i]
            }
        })
        .collect();
    normalize(&mut active);
    // §4.6
    let mut w: Rows = (0..n)
        .map(|i| {
            if !old_permit[i] {
                return vec![];
            }
            let c = if hp.commit_reveal_enabled {
                nn[i].commit_block.unwrap_or(u64::MAX)
            } else {
                u64::MAX
            };
            nn[i]
                .weights
                .iter()
                .filter(|(j, _)| (*j as usize) != i || owner == Some(i))
                .filter(|(j, _)| !(nn[i].last_update <= reg[*j as usize]))
                .filter(|(j, _)| !(c < reg[*j as usize]))
                .map(|&(j, v)| (j, I32F32::from_num(v)))
                .collect()
        })
        .collect();
    for row in w.iter_mut() {
        let s = row.iter().fold(z(), |a, e| a.saturating_add(e.1));
        if s > z() {
            row.iter_mut().for_each(|e| e.1 = sd(e.1, s));
        }
    }
    // §4.7 / §5
    let mut u: Vec<I32F32> = active.iter().copied().filter(|x| *x > z()).collect();
    normalize(&mut u);
    let sigma = sum(&u);
    let minority = sigma.saturating_sub(frac(hp.kappa));
    let pos: Vec<usize> = (0..n).filter(|&i| active[i] > z()).collect();
    let consensus: Vec<I32F32> = (0..n)
        .map(|j| {
            let s: Vec<I32F32> = pos
                .iter()
                .map(|&i| w[i].iter().find(|e| e.0 as usize == j).map_or(z(), |e| e.1))
                .collect();
            median(&u, &s, minority, sigma)
        })
        .collect();
    let clipped: Rows = w
        .iter()
        .map(|row| {
            row.iter()
                .filter_map(|&(j, v)| {
                    let c = consensus[j as usize];
                    if c < v {
                        (c > z()).then_some((j, c))
                    } else {
                        Some((j, v))
                    }
                })
                .collect()
        })
        .collect();
    let trust: Vec<I32F32> = clipped
        .iter()
        .map(|r| r.iter().fold(z(), |a, e| a.saturating_add(e.1)))
        .collect();
    // §4.8
    let mut incentive = vec![z(); n];
    for (i, row) in clipped.iter().enumerate() {
        for &(j, v) in row {
            incentive[j as usize] =
                incentive[j as usize].saturating_add(active[i].saturating_mul(v));
        }
    }
    normalize(&mut incentive);
    // §4.9
    let r = frac(hp.bonds_penalty);
    let wb: Rows = if r == z() {
        w.clone()
    } else if r == one() {
        clipped.clone()
    } else {
        (0..n)
            .map(|i| {
                let mut a = vec![z(); n];
                let mut b = vec![z(); n];
                w[i].iter().for_each(|e| a[e.0 as usize] = e.1);
                clipped[i].iter().for_each(|e| b[e.0 as usize] = e.1);
                (0..n)
                    .filter_map(|j| {
                        let x = a[j].saturating_add(r.saturating_mul(b[j].saturating_sub(a[j])));
                        (x > z()).then_some((j as u16, x))
                    })
                    .collect()
            })
            .collect()
    };
    // §4.10
    let bma = I64F64::saturating_from_num(hp.bonds_moving_average)
        .checked_div(I64F64::from_num(1_000_000))
        .unwrap_or_default();
    let rate = one().saturating_sub(I32F32::saturating_from_num(bma));
    let mut b: Rows = nn
        .iter()
        .map(|x| {
            x.bonds
                .iter()
                .filter(|(j, _)| !(last_tempo <= reg[*j as usize]))
                .map(|&(j, v)| {
                    (
                        j,
                        if hp.yuma3_enabled {
                            frac(v)
                        } else {
                            I32F32::from_num(v)
                        },
                    )
                })
                .collect()
        })
        .collect();
    let ema = |new: &Rows, old: &Rows, a: I32F32| -> Rows {
        (0..n)
            .map(|i| {
                let mut acc = vec![z(); n];
                new[i].iter().for_each(|e| {
                    acc[e.0 as usize] = acc[e.0 as usize].saturating_add(a.saturating_mul(e.1))
                });
                let oma = one().saturating_sub(a);
                old[i].iter().for_each(|e| {
                    acc[e.0 as usize] = acc[e.0 as usize].saturating_add(oma.saturating_mul(e.1))
                });
                (0..n)
                    .filter(|&j| acc[j] > z())
                    .map(|j| (j as u16, acc[j]))
                    .collect()
            })
            .collect()
    };
    let (bonds, dividends) = if hp.yuma3_enabled {
        let e = if hp.liquid_alpha_enabled && consensus.iter().any(|c| *c != z()) {
            let (lo, hi) = (frac(hp.alpha_low), frac(hp.alpha_high));
            let st = I32F32::from_num(hp.alpha_sigmoid_steepness);
            (0..n)
                .map(|i| {
                    // Q3 lookups: a walk assuming ascending columns.
                    let walk = |row: &[(u16, I32F32)], j: usize, it: &mut usize| -> I32F32 {
                        while *it < row.len() {
                            let c = row[*it].0 as usize;
                            if c < j {
                                *it += 1;
                            } else {
                                return if c == j { row[*it].1 } else { z() };
                            }
                        }
                        z()
                    };
                    let (mut wi, mut bi) = (0, 0);
                    let alpha: Vec<I32F32> = (0..n)
                        .map(|j| {
                            let wv = walk(&wb[i], j, &mut wi);
                            let bv = walk(&b[i], j, &mut bi);
                            let clamp = |v: I32F32| v.min(one()).max(z());
                            let x = if wv >= bv {
                                clamp(wv.saturating_sub(consensus[j]))
                            } else {
                                clamp(bv.saturating_sub(wv))
                            };
                            let zz = st
                                .saturating_div(I32F32::from_num(-100))
                                .saturating_mul(x.saturating_sub(sd(one(), I32F32::from_num(2))));
                            let sig = one().saturating_div(one().saturating_add(exp_safe(zz)));
                            lo.saturating_add(sig.saturating_mul(hi.saturating_sub(lo)))
                                .min(hi)
                                .max(lo)
                        })
                        .collect();
                    let mut dec = vec![z(); n];
                    b[i].iter().for_each(|e| {
                        dec[e.0 as usize] = one()
                            .saturating_sub(alpha[e.0 as usize])
                            .saturating_mul(e.1)
                    });
                    wb[i]
                        .iter()
                        .filter_map(|&(j, v)| {
                            let x = dec[j as usize]
                                .saturating_add(alpha[j as usize].saturating_mul(v).max(z()))
                                .min(one());
                            (x > z()).then_some((j, x))
                        })
                        .collect()
                })
                .collect()
        } else {
            ema(&wb, &b, rate)
        };
        let mut en = e.clone();
        col_normalize(&mut en, n);
        let t: Vec<I32F32> = en
            .iter()
            .map(|row| {
                row.iter().fold(z(), |a, e| {
                    a.saturating_add(e.1.saturating_mul(incentive[e.0 as usize]))
                })
            })
            .collect();
        let mut d: Vec<I32F32> = t
            .iter()
            .zip(&active)
            .map(|(x, y)| x.checked_mul(*y).unwrap_or_default())
            .collect();
        normalize(&mut d);
        (e, d)
    } else {
        col_normalize(&mut b, n);
        let mut delta: Rows = wb
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.iter()
                    .map(|e| (e.0, e.1.saturating_mul(active[i])))
                    .collect()
            })
            .collect();
        col_normalize(&mut delta, n);
        let mut e = ema(&delta, &b, rate);
        col_normalize(&mut e, n);
        let mut d: Vec<I32F32> = e
            .iter()
            .map(|row| {
                row.iter().fold(z(), |a, x| {
                    a.saturating_add(incentive[x.0 as usize].saturating_mul(x.1))
                })
            })
            .collect();
        normalize(&mut d);
        let mut mx = vec![z(); n];
        e.iter().flatten().for_each(|x| {
            if mx[x.0 as usize] < x.1 {
                mx[x.0 as usize] = x.1
            }
        });
        e.iter_mut().flatten().for_each(|x| {
            if mx[x.0 as usize] != z() {
                x.1 = sd(x.1, mx[x.0 as usize]);
            }
        });
        (e, d)
    };
    // §4.11
    let tot: Vec<I32F32> = incentive
        .iter()
        .zip(&dividends)
        .map(|(a, b)| a.saturating_add(*b))
        .collect();
    let s = sum(&tot);
    let by = |v: &[I32F32]| -> Vec<I32F32> {
        if s == z() {
            v.to_vec()
        } else {
            v.iter().map(|x| sd(*x, s)).collect()
        }
    };
    let se = by(&incentive);
    let mut ve = by(&dividends);
    let mut ce = tot.clone();
    normalize(&mut ce);
    if s == z() {
        let f = if sum(&active) == z() { &stake } else { &active };
        ve = f.clone();
        ce = f.clone();
    }
    let rao = |v: &[I32F32]| -> Vec<u64> {
        v.iter()
            .map(|x| {
                I96F32::saturating_from_num(*x)
                    .saturating_mul(I96F32::saturating_from_num(input.emission))
                    .saturating_to_num::<u64>()
            })
            .collect()
    };
    EpochOutput {
        active: inactive.iter().map(|x| !x).collect(),
        stake_weight: stake.iter().map(|x| prop(*x)).collect(),
        consensus: consensus.iter().map(|x| prop(*x)).collect(),
        validator_trust: trust.iter().map(|x| prop(*x)).collect(),
        incentive: incentive.iter().map(|x| prop(*x)).collect(),
        dividends: dividends.iter().map(|x| prop(*x)).collect(),
        emission: rao(&ce),
        emission_incentive: rao(&se),
        emission_dividends: rao(&ve),
        new_validator_permits: new_permit.clone(),
        new_bonds: (0..n)
            .map(|i| {
                if new_permit[i] {
                    bonds[i].iter().map(|e| (e.0, prop(e.1))).collect()
                } else if old_permit[i] {
                    vec![]
                } else {
                    nn[i].bonds.clone()
                }
            })
            .collect(),
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, per_8: u64) -> bool {
        self.below(8) < per_8
    }
}

/// A random case in the style of the conformance generator.
fn random_case(rng: &mut Rng) -> EpochInput {
    let n = 1 + rng.below(24) as usize;
    random_case_with(rng, n, None)
}

/// A random case of `n` neurons; `dense` forces every weights and bonds row to be full
/// (`Some(true)`) or sparse (`Some(false)`), `None` mixes both per row.
fn random_case_with(rng: &mut Rng, n: usize, dense: Option<bool>) -> EpochInput {
    let block = 1000 + rng.below(1000);
    let tempo = [0u16, 1, 10, 360][rng.below(4) as usize];
    let pick_u16 = |rng: &mut Rng, common: &[u16]| {
        if rng.chance(4) {
            common[rng.below(common.len() as u64) as usize]
        } else {
            rng.below(65536) as u16
        }
    };
    let hyperparams = Hyperparams {
        tempo,
        activity_cutoff_factor_milli: [1000u32, 13_889, 50_000][rng.below(3) as usize],
        kappa: pick_u16(rng, &[0, 1, 32_767, 32_768, 65_535]),
        bonds_penalty: pick_u16(rng, &[0, 65_535, 32_768]),
        bonds_moving_average: [900_000u64, 975_000, 0, 1_000_000, rng.below(1_000_001)]
            [rng.below(5) as usize],
        liquid_alpha_enabled: rng.chance(4),
        alpha_low: 6_553 + rng.below(20_000) as u16,
        alpha_high: 30_000 + rng.below(35_000) as u16,
        alpha_sigmoid_steepness: [1000i16, 100, -500, i16::MAX][rng.below(4) as usize],
        yuma3_enabled: rng.chance(5),
        max_allowed_validators: 1 + rng.below(n as u64 + 2) as u16,
        stake_threshold: if rng.chance(2) {
            rng.below(1_000_000)
        } else {
            0
        },
        tao_weight: if rng.chance(3) { rng.next() } else { 0 },
        commit_reveal_enabled: rng.chance(3),
    };
    let owner_uid = rng.chance(3).then(|| rng.below(n as u64) as u16);
    let row = |rng: &mut Rng, dense: bool| -> Vec<(u16, u16)> {
        let mut cols: Vec<u16> = (0..n as u16).filter(|_| dense || rng.chance(3)).collect();
        if rng.chance(3) {
            // unsorted
            for i in (1..cols.len()).rev() {
                cols.swap(i, rng.below(i as u64 + 1) as usize);
            }
        }
        cols.into_iter()
            .map(|j| {
                (
                    j,
                    if rng.chance(1) {
                        0
                    } else {
                        rng.below(65536) as u16
                    },
                )
            })
            .collect()
    };
    let neurons = (0..n)
        .map(|_| {
            let validator = rng.chance(5);
            let dense = dense.unwrap_or(rng.chance(4));
            NeuronInput {
                alpha_stake: if rng.chance(1) { 0 } else { rng.below(1 << 40) },
                tao_stake: if rng.chance(4) { rng.below(1 << 40) } else { 0 },
                last_update: {
                    let span = if rng.chance(6) { 10 } else { 20_000 };
                    block.saturating_sub(rng.below(span))
                },
                registered_at: if rng.chance(2) {
                    block.saturating_sub(rng.below(5))
                } else {
                    rng.below(block)
                },
                validator_permit: validator,
                commit_block: rng.chance(3).then(|| block.saturating_sub(rng.below(20))),
                weights: if validator || rng.chance(1) {
                    row(rng, dense)
                } else {
                    vec![]
                },
                bonds: if validator && rng.chance(5) {
                    row(rng, dense)
                } else {
                    vec![]
                },
            }
        })
        .collect();
    EpochInput {
        hyperparams,
        block,
        last_mechanism_step_block: if rng.chance(4) {
            block - 1 - rng.below(400).min(block - 2)
        } else {
            0
        },
        owner_uid,
        emission: [0u64, 1, 1_000_000_000, u64::MAX / 2, rng.next()][rng.below(5) as usize],
        neurons,
    }
}

/// Runs up to `warm` epochs carrying bonds and permits forward, as the generator does.
fn warm_up(input: &mut EpochInput, warm: u64) {
    for _ in 0..warm {
        let Ok(out) = run(input) else { break };
        for (i, nrn) in input.neurons.iter_mut().enumerate() {
            nrn.bonds = out.new_bonds[i].clone();
            nrn.validator_permit = out.new_validator_permits[i];
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Larger subnets than the loop below, with all-dense or all-sparse rows: columns long
    /// enough for the median's radix pass, full rows for the same-columns EMA path.
    #[test]
    fn fast_epoch_matches_the_reference_on_larger_subnets(
        seed in proptest::prelude::any::<u64>(),
        n in 24usize..112,
        dense in proptest::prelude::any::<bool>(),
        warm in 0u64..3,
    ) {
        let mut rng = Rng(seed | 1);
        let mut input = random_case_with(&mut rng, n, Some(dense));
        warm_up(&mut input, warm);
        let got = run(&input).expect("valid random case");
        proptest::prop_assert_eq!(got, run_reference(&input));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Yuma3 at the fixed rate with dense or mostly dense weight rows: the shape the dense
    /// column-major core serves (permit holders' rows fill at least half of the matrix), with
    /// every bonds penalty kind (0, 1, fractional) and warmed-up bonds, some rows with gaps,
    /// and subnets whose uids all registered long ago (no outdated or bonds mask).
    #[test]
    fn dense_core_matches_the_reference(
        seed in proptest::prelude::any::<u64>(),
        n in 2usize..90,
        all_dense in proptest::prelude::any::<bool>(),
        penalty in proptest::prelude::prop_oneof![
            proptest::prelude::Just(0u16),
            proptest::prelude::Just(65_535u16),
            proptest::prelude::any::<u16>(),
        ],
        warm in 0u64..3,
        settled in proptest::prelude::any::<bool>(),
    ) {
        let mut rng = Rng(seed | 1);
        let mut input = random_case_with(&mut rng, n, if all_dense { Some(true) } else { None });
        if settled {
            // no recent registrations: nothing but the diagonal is masked (the fast paths)
            for x in input.neurons.iter_mut() {
                x.registered_at = 0;
            }
        }
        input.hyperparams.yuma3_enabled = true;
        input.hyperparams.liquid_alpha_enabled = false;
        input.hyperparams.bonds_penalty = penalty;
        warm_up(&mut input, warm);
        let got = run(&input).expect("valid random case");
        proptest::prop_assert_eq!(got, run_reference(&input));
    }
}

#[test]
fn fast_epoch_matches_the_literal_reference() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for case in 0..1500 {
        let mut input = random_case(&mut rng);
        // Up to two preceding epochs warm the bonds and permits up, as the generator does.
        for _ in 0..rng.below(3) {
            let Ok(out) = run(&input) else { break };
            for (i, nrn) in input.neurons.iter_mut().enumerate() {
                nrn.bonds = out.new_bonds[i].clone();
                nrn.validator_permit = out.new_validator_permits[i];
            }
        }
        let got = run(&input).expect("valid random case");
        let want = run_reference(&input);
        assert_eq!(
            got,
            want,
            "case {case}: {}",
            serde_json::to_string(&input).unwrap_or_default()
        );
    }
}

#[test]
fn literal_reference_matches_the_conformance_vectors() {
    // The reference is only a trustworthy oracle if it reproduces the shipped vectors too.
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/conformance/epoch");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no conformance vectors at {}", dir.display());
        return;
    };
    let mut checked = 0;
    for path in entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
    {
        let text = std::fs::read_to_string(&path).expect("readable vector");
        let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let input: EpochInput = serde_json::from_value(doc["input"].clone()).expect("input");
        let expected: EpochOutput =
            serde_json::from_value(doc["expected"].clone()).expect("expected");
        assert_eq!(run_reference(&input), expected, "{}", path.display());
        checked += 1;
    }
    assert!(checked > 0);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Classic bonds (Yuma3 off, subtensor's default) and Yuma3 with liquid alpha, on dense,
    /// sparse or mixed rows with warmed-up bonds: the fused classic passes (column sums and
    /// maxima gathered in the producing pass), the unit-interval EMA and clipping paths, and
    /// the liquid-alpha memo, each against the literal reference.
    #[test]
    fn classic_and_liquid_bonds_match_the_reference(
        seed in proptest::prelude::any::<u64>(),
        n in 2usize..90,
        dense in proptest::prelude::prop_oneof![
            proptest::prelude::Just(Some(true)),
            proptest::prelude::Just(Some(false)),
            proptest::prelude::Just(None),
        ],
        liquid in proptest::prelude::any::<bool>(),
        warm in 0u64..4,
        settled in proptest::prelude::any::<bool>(),
    ) {
        let mut rng = Rng(seed | 1);
        let mut input = random_case_with(&mut rng, n, dense);
        if settled {
            for x in input.neurons.iter_mut() {
                x.registered_at = 0;
            }
        }
        input.hyperparams.yuma3_enabled = liquid;
        input.hyperparams.liquid_alpha_enabled = liquid;
        warm_up(&mut input, warm);
        let got = run(&input).expect("valid random case");
        proptest::prop_assert_eq!(got, run_reference(&input));
    }
}
