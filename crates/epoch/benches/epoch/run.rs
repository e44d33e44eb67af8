//! `epoch::run`: one mechanism epoch on deterministic synthetic subnets.
//!
//! Shapes: (n uids, v validators) = (256, 64) as on mainnet, (1024, 256) and (4096, 256);
//! `weights=dense` means every validator weights every uid, `weights=sparse` that each weights
//! 64 uids. The bonds are warmed up by three epochs, so the measured epoch has full bond rows.
//! Bonds models: `yuma3` (Yuma3 at the fixed rate, as new subnets) and `classic` (Yuma3 off,
//! subtensor's default) on every shape, `liquid` (Yuma3 with liquid alpha) on the smallest and
//! largest.

use criterion::{black_box, criterion_group, Criterion};
use yuma_epoch::{run, EpochInput, Hyperparams, NeuronInput};

/// Entries per validator row in the sparse shape.
const SPARSE_ROW: usize = 64;

/// xorshift64: deterministic inputs without a rand dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The bonds model of a benchmark case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Model {
    /// Yuma3 at the fixed EMA rate.
    Yuma3,
    /// Classic bonds (Yuma3 off).
    Classic,
    /// Yuma3 with liquid alpha.
    Liquid,
}

impl Model {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Model::Yuma3 => "yuma3",
            Model::Classic => "classic",
            Model::Liquid => "liquid",
        }
    }
}

/// A subnet of `n` uids whose first `v` are staked validators with permits.
pub(crate) fn subnet(n: usize, v: usize, dense: bool, model: Model, seed: u64) -> EpochInput {
    let mut rng = Rng(seed | 1);
    let block = 1_000_000;
    let neurons = (0..n)
        .map(|i| {
            let validator = i < v;
            let weights: Vec<(u16, u16)> = if !validator {
                Vec::new()
            } else if dense {
                (0..n as u16)
                    .map(|j| (j, (rng.next() % 65536) as u16))
                    .collect()
            } else {
                let mut cols: Vec<u16> = Vec::with_capacity(SPARSE_ROW);
                while cols.len() < SPARSE_ROW.min(n) {
                    let j = (rng.next() % n as u64) as u16;
                    if !cols.contains(&j) {
                        cols.push(j);
                    }
                }
                cols.into_iter()
                    .map(|j| (j, (rng.next() % 65536) as u16))
                    .collect()
            };
            NeuronInput {
                alpha_stake: if validator {
                    1_000_000_000_000 + rng.next() % 1_000_000_000_000
                } else {
                    rng.next() % 1_000_000
                },
                tao_stake: if validator {
                    rng.next() % 1_000_000_000_000
                } else {
                    0
                },
                last_update: block - 1 - (rng.next() % 100),
                registered_at: 1000 + (rng.next() % 1000),
                validator_permit: validator,
                commit_block: None,
                weights,
                bonds: Vec::new(),
            }
        })
        .collect();
    EpochInput {
        hyperparams: Hyperparams {
            tempo: 360,
            activity_cutoff_factor_milli: 13_889,
            kappa: 32_767,
            bonds_penalty: 65_535,
            bonds_moving_average: 975_000,
            liquid_alpha_enabled: model == Model::Liquid,
            alpha_low: 45_875,
            alpha_high: 58_982,
            alpha_sigmoid_steepness: 1000,
            yuma3_enabled: model != Model::Classic,
            max_allowed_validators: v as u16,
            stake_threshold: 0,
            tao_weight: 971_718_665_099_567_868,
            commit_reveal_enabled: true,
        },
        block,
        last_mechanism_step_block: block - 360,
        owner_uid: Some(0),
        emission: 360 * 1_000_000_000,
        neurons,
    }
}

/// Runs `epochs` epochs, carrying bonds and permits forward, and returns the next input.
pub(crate) fn warm_up(mut input: EpochInput, epochs: usize) -> EpochInput {
    for _ in 0..epochs {
        let Ok(out) = run(&input) else { break };
        for (i, neuron) in input.neurons.iter_mut().enumerate() {
            neuron.bonds = out.new_bonds[i].clone();
            neuron.validator_permit = out.new_validator_permits[i];
        }
        input.last_mechanism_step_block = input.block;
        input.block += 360;
        for neuron in input.neurons.iter_mut() {
            neuron.last_update += 360;
        }
    }
    input
}

/// The benchmark cases: (n, v, dense, model).
pub(crate) fn cases() -> Vec<(usize, usize, bool, Model)> {
    let mut out = Vec::new();
    for model in [Model::Yuma3, Model::Classic] {
        for (n, v) in [(256usize, 64usize), (1024, 256), (4096, 256)] {
            for dense in [true, false] {
                out.push((n, v, dense, model));
            }
        }
    }
    for (n, v) in [(256usize, 64usize), (4096, 256)] {
        for dense in [true, false] {
            out.push((n, v, dense, Model::Liquid));
        }
    }
    out
}

/// The warmed-up input of a case.
pub(crate) fn input(n: usize, v: usize, dense: bool, model: Model) -> EpochInput {
    warm_up(subnet(n, v, dense, model, 0x5eed ^ n as u64), 3)
}

/// A case's benchmark name.
pub(crate) fn name(n: usize, v: usize, dense: bool, model: Model) -> String {
    format!(
        "{} uids={n} validators={v} weights={}",
        model.name(),
        if dense { "dense" } else { "sparse" }
    )
}

fn bench_run(c: &mut Criterion) {
    let mut group = c.benchmark_group("epoch::run");
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_millis(500));
    group.measurement_time(std::time::Duration::from_secs(2));
    for (n, v, dense, model) in cases() {
        let input = input(n, v, dense, model);
        group.bench_function(name(n, v, dense, model), |b| {
            b.iter(|| run(black_box(&input)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_run);
