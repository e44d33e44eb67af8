//! The scenarios of subtensor's epoch tests (spec-epoch §11), rebuilt from their descriptions
//! and run through consecutive epochs, with the figures those tests assert.

use yuma_epoch::{run, EpochInput, EpochOutput, Hyperparams, NeuronInput};

/// The pallet mock's hyperparameters (§11): kappa 32767, bonds moving average 900 000, bonds
/// penalty 65535, tao weight 0, classic Yuma, commit-reveal off.
fn mock(tempo: u16, max_validators: u16) -> Hyperparams {
    Hyperparams {
        tempo,
        activity_cutoff_factor_milli: 13_889,
        kappa: 32_767,
        bonds_penalty: 65_535,
        bonds_moving_average: 900_000,
        liquid_alpha_enabled: false,
        alpha_low: 45_875,
        alpha_high: 58_982,
        alpha_sigmoid_steepness: 1000,
        yuma3_enabled: false,
        max_allowed_validators: max_validators,
        stake_threshold: 0,
        tao_weight: 0,
        commit_reveal_enabled: false,
    }
}

fn neuron(
    stake: u64,
    last_update: u64,
    registered_at: u64,
    permit: bool,
    weights: &[(u16, u16)],
) -> NeuronInput {
    NeuronInput {
        alpha_stake: stake,
        tao_stake: 0,
        last_update,
        registered_at,
        validator_permit: permit,
        commit_block: None,
        weights: weights.to_vec(),
        bonds: Vec::new(),
    }
}

fn subnet(hyperparams: Hyperparams, block: u64, neurons: Vec<NeuronInput>) -> EpochInput {
    EpochInput {
        hyperparams,
        block,
        last_mechanism_step_block: 0,
        owner_uid: None,
        emission: 1_000_000_000,
        neurons,
    }
}

/// Runs one epoch and carries bonds and permits into the input, as the chain stores them.
fn step(input: &mut EpochInput) -> EpochOutput {
    let out = run(input).expect("valid scenario");
    for (i, neuron) in input.neurons.iter_mut().enumerate() {
        neuron.bonds = out.new_bonds[i].clone();
        neuron.validator_permit = out.new_validator_permits[i];
    }
    out
}

fn bond(out: &EpochOutput, i: usize, j: u16) -> u16 {
    out.new_bonds[i]
        .iter()
        .find(|(c, _)| *c == j)
        .map_or(0, |(_, v)| *v)
}

fn column(out: &EpochOutput, j: u16, rows: usize) -> Vec<u16> {
    (0..rows).map(|i| bond(out, i, j)).collect()
}

/// Dividends within 1e-3 of `want`, given in units of 1e-4 (integer arithmetic: no floats).
fn assert_dividends(out: &EpochOutput, want: &[i64; 3]) {
    for (i, w) in want.iter().enumerate() {
        // |d / 65535 - w / 10^4| <= 10 / 10^4
        let diff = (i64::from(out.dividends[i]) * 10_000 - w * 65_535).abs();
        assert!(
            diff <= 10 * 65_535,
            "dividend {i}: {} vs {w}e-4 (all {:?})",
            out.dividends[i],
            out.dividends
        );
    }
}

#[test]
fn test_1_graph_self_weight_only() {
    // One neuron, 1 TAO, self-weight only: no consensus, incentive or dividends.
    let mut s = subnet(
        mock(65_534, 64),
        1,
        vec![neuron(1_000_000_000, 1, 0, true, &[(0, 65_535)])],
    );
    let out = step(&mut s);
    assert_eq!(
        (out.consensus[0], out.incentive[0], out.dividends[0]),
        (0, 0, 0)
    );
    assert_eq!(out.emission, vec![1_000_000_000]);
}

#[test]
fn test_10_graph_stake_fallback() {
    // Ten neurons with stake 1, self-weights, no permits: emission 99 999 999 each.
    let neurons = (0..10)
        .map(|i| neuron(1, 1, 0, false, &[(i, 65_535)]))
        .collect();
    let out = step(&mut subnet(mock(65_534, 64), 1, neurons));
    assert!(out
        .consensus
        .iter()
        .chain(&out.incentive)
        .chain(&out.dividends)
        .all(|x| *x == 0));
    assert_eq!(out.emission, vec![99_999_999; 10]);
}

#[test]
fn test_512_graph() {
    // 64 validators with 328 125 000 000 000 stake weight 448 servers equally.
    let servers: Vec<(u16, u16)> = (64..512).map(|j| (j, 65_535)).collect();
    let neurons = (0..512)
        .map(|i| {
            if i < 64 {
                neuron(328_125_000_000_000, 1, 0, true, &servers)
            } else {
                neuron(0, 1, 0, false, &[])
            }
        })
        .collect();
    let mut s = subnet(mock(65_534, 64), 1, neurons);
    for _ in 0..3 {
        let out = step(&mut s);
        for v in 0..64 {
            assert_eq!(
                (out.consensus[v], out.incentive[v], out.dividends[v]),
                (0, 0, 1023)
            );
            assert_eq!(out.emission[v], 7_812_500);
            assert_eq!(bond(&out, v, 64), 65_535);
            assert_eq!(bond(&out, v, 1), 0);
        }
        for j in 64..512 {
            assert_eq!(
                (out.consensus[j], out.incentive[j], out.dividends[j]),
                (146, 146, 0)
            );
            assert_eq!(out.emission[j], 1_116_071);
            assert!(out.new_bonds[j].is_empty());
        }
    }
}

#[test]
fn test_bonds_classic_sequence() {
    // Validators 0-3 (stake 1-4) weight servers 4-7 with 0.1/0.2/0.3/0.4, tempo 1.
    let w: Vec<(u16, u16)> = vec![(4, 16_383), (5, 32_767), (6, 49_149), (7, 65_535)];
    let neurons = (0..8)
        .map(|i| {
            if i < 4 {
                neuron(i as u64 + 1, 2, 1, true, &w)
            } else {
                neuron(0, 1, 1, false, &[])
            }
        })
        .collect();
    let mut s = subnet(mock(1, 8), 2, neurons);
    let mut col4 = Vec::new();
    // Epochs 1-3 at blocks 2-4; after each, one more validator switches to self-weight.
    for v in 0..3 {
        col4.push(column(&step(&mut s), 4, 4));
        s.neurons[v].weights = vec![(v as u16, 65_535)];
        s.neurons[v].last_update = s.block;
        s.block += 1;
    }
    assert_eq!(
        col4,
        vec![
            vec![16_383, 32_767, 49_151, 65_535],
            vec![14_582, 32_767, 49_151, 65_535],
            vec![12_603, 28_321, 49_151, 65_535]
        ]
    );
    // Epoch 4: three validators self-weight only; then validator 2 puts everything on server 7.
    let mut col7 = vec![column(&step(&mut s), 7, 4)];
    s.neurons[2].weights = vec![(7, 65_535)];
    s.neurons[2].last_update = s.block;
    for _ in 0..3 {
        s.block += 1;
        col7.push(column(&step(&mut s), 7, 4));
    }
    assert_eq!(
        col7,
        vec![
            vec![12_602, 28_320, 49_150, 65_535],
            vec![10_951, 24_609, 49_150, 65_535],
            vec![9_559, 21_482, 49_150, 65_535],
            vec![8_376, 18_824, 49_150, 65_535],
        ]
    );
}

#[test]
fn test_active_stake() {
    // 2 validators + 2 servers, stake 1 each, 50/50 weights, tempo 1 (cutoff 13 blocks).
    let w = [(2, 65_535), (3, 65_535)];
    let neurons = vec![
        neuron(1, 1, 0, true, &w),
        neuron(1, 1, 0, true, &w),
        neuron(1, 0, 0, true, &[]),
        neuron(1, 0, 0, true, &[]),
    ];
    let mut s = subnet(mock(1, 4), 1, neurons);
    let out = step(&mut s);
    assert_eq!(out.dividends[..2], [32_767, 32_767]);
    assert_eq!(out.emission[..2], [250_000_000, 250_000_000]);
    assert_eq!((bond(&out, 0, 2), bond(&out, 1, 3)), (65_535, 65_535));
    // Block 5002: only validator 0 refreshed its weights.
    s.block = 5002;
    s.neurons[0].last_update = 5002;
    let out = step(&mut s);
    assert_eq!((out.dividends[0], out.emission[0]), (36_044, 274_999_999));
    assert_eq!((out.dividends[1], out.emission[1]), (29_490, 224_999_999));
    assert_eq!(bond(&out, 1, 2), 53_619);
    // Block 5003: both active again.
    s.block = 5003;
    s.neurons[1].last_update = 5003;
    let out = step(&mut s);
    assert_eq!((out.dividends[0], out.emission[0]), (35_716, 272_501_132));
    assert_eq!((out.dividends[1], out.emission[1]), (29_818, 227_498_866));
    assert_eq!(bond(&out, 1, 3), 54_712);
}

#[test]
fn test_zero_weights() {
    // 1 validator (stake 1) + 1 server; no weights: everything to the validator.
    let mut s = subnet(
        mock(65_534, 64),
        1,
        vec![neuron(1, 0, 0, false, &[]), neuron(0, 0, 0, false, &[])],
    );
    assert_eq!(step(&mut s).emission, vec![1_000_000_000, 0]);
    // A weight to a uid re-registered in the same block is outdated.
    s.block = 2;
    s.neurons[0].weights = vec![(1, 65_535)];
    s.neurons[0].last_update = 2;
    s.neurons[1].registered_at = 2;
    assert_eq!(step(&mut s).emission, vec![1_000_000_000, 0]);
    // A fresh weight splits the emission.
    s.block = 3;
    s.neurons[0].last_update = 3;
    assert_eq!(step(&mut s).emission, vec![500_000_000, 500_000_000]);
}

#[test]
fn test_validators_weight_two_distinct_servers() {
    // 3 equal validators: two pick server 3, one server 4 (explicit zeros kept).
    let to3 = [(3, 65_535), (4, 0)];
    let to4 = [(3, 0), (4, 65_535)];
    let neurons = vec![
        neuron(1_000_000_000, 1, 0, true, &to3),
        neuron(1_000_000_000, 1, 0, true, &to4),
        neuron(1_000_000_000, 1, 0, true, &to3),
        neuron(0, 1, 0, false, &[]),
        neuron(0, 1, 0, false, &[]),
    ];
    let out = step(&mut subnet(mock(10, 100), 1, neurons));
    assert_eq!(out.consensus, vec![0, 0, 0, 65_535, 0]);
    assert_eq!(out.validator_trust, vec![65_535, 0, 65_535, 0, 0]);
    assert_eq!(out.dividends, vec![32_767, 0, 32_767, 0, 0]);
    assert_eq!(
        out.emission,
        vec![250_000_000, 0, 250_000_000, 500_000_000, 0]
    );
}

/// The Yuma3 scenarios: 3 validators, servers 3 and 4, tempo 1, bonds penalty 0, bonds moving
/// average 975 000, liquid alpha (0.1, 0.3) steepness 1000, max validators 3.
fn yuma3(stakes: [u64; 3], liquid: bool) -> EpochInput {
    let mut hp = mock(1, 3);
    hp.yuma3_enabled = true;
    hp.bonds_penalty = 0;
    hp.bonds_moving_average = 975_000;
    hp.liquid_alpha_enabled = liquid;
    hp.alpha_low = 6_553;
    hp.alpha_high = 19_660;
    let to3 = [(3, 65_535), (4, 0)];
    let mut neurons: Vec<NeuronInput> = stakes
        .iter()
        .map(|s| neuron(*s, 2, 1, true, &to3))
        .collect();
    neurons.extend((0..2).map(|_| neuron(0, 1, 1, false, &[])));
    subnet(hp, 3, neurons)
}

#[test]
fn test_yuma_3_kappa_moves_first() {
    // Validator 0 (stake 8) moves to server 4 at epoch 1, validator 1 at 2, validator 2 at 3.
    let want: [[i64; 3]; 6] = [
        [8000, 1000, 1000],
        [10_000, 0, 0],
        [9382, 618, 0],
        [8819, 773, 407],
        [8564, 844, 592],
        [8418, 884, 697],
    ];
    let mut s = yuma3([8, 1, 1], true);
    for (epoch, w) in want.iter().enumerate() {
        if (1..=3).contains(&epoch) {
            s.neurons[epoch - 1].weights = vec![(3, 0), (4, 65_535)];
        }
        for v in 0..3 {
            s.neurons[v].last_update = s.block - 1;
        }
        assert_dividends(&step(&mut s), w);
        s.block += 1;
    }
}

#[test]
fn test_yuma_3_one_epoch_switch_and_liquid_alpha_disabled() {
    // Stakes 33/33/34; validator 2 switches to server 4 for epoch 2 only.
    let cases: [(bool, [[i64; 3]; 6]); 2] = [
        (
            true,
            [
                [3300, 3300, 3400],
                [3300, 3300, 3400],
                [3782, 3782, 2436],
                [3628, 3628, 2745],
                [3541, 3541, 2917],
                [3487, 3487, 3026],
            ],
        ),
        (
            false,
            [
                [3300, 3300, 3400],
                [3300, 3300, 3400],
                [3734, 3734, 2532],
                [3611, 3611, 2779],
                [3541, 3541, 2919],
                [3495, 3495, 3009],
            ],
        ),
    ];
    for (liquid, want) in cases {
        let mut s = yuma3([33, 33, 34], liquid);
        for (epoch, w) in want.iter().enumerate() {
            s.neurons[2].weights = if epoch == 2 {
                vec![(3, 0), (4, 65_535)]
            } else {
                vec![(3, 65_535), (4, 0)]
            };
            for v in 0..3 {
                s.neurons[v].last_update = s.block - 1;
            }
            assert_dividends(&step(&mut s), w);
            s.block += 1;
        }
    }
}

#[test]
fn mechanisms_use_their_own_weights_and_merge() {
    // tests/mechanism.rs: one validator weights two miners 4:1 in mechanism 0 and 1:4 in
    // mechanism 1; incentives ~52428 / ~13107 swap between the mechanisms.
    let base = |w: &[(u16, u16)]| {
        subnet(
            mock(1, 100),
            1,
            vec![
                neuron(1_000_000_000, 1, 0, true, w),
                neuron(0, 1, 0, false, &[]),
                neuron(0, 1, 0, false, &[]),
            ],
        )
    };
    let mechs = [
        base(&[(1, 65_535), (2, 16_384)]),
        base(&[(1, 16_384), (2, 65_535)]),
    ];
    let out = yuma_epoch::run_mechanisms(&mechs, 1_000_000_001, None).expect("valid mechanisms");
    // even split, the odd rao to mechanism 0
    assert_eq!(out.emissions, vec![500_000_001, 500_000_000]);
    let (i0, i1) = (&out.mechanisms[0].incentive, &out.mechanisms[1].incentive);
    assert!(
        i0[1].abs_diff(52_428) <= 1 && i0[2].abs_diff(13_107) <= 1,
        "{i0:?}"
    );
    assert_eq!((i0[1], i0[2]), (i1[2], i1[1]));
    // merged: emissions summed, u16 terms weighted by the emission share, booleans OR-ed
    let m = &out.merged;
    let sum = |k: usize| {
        out.mechanisms
            .iter()
            .map(|o| o.emission_incentive[k])
            .sum::<u64>()
    };
    assert_eq!(m.emission_incentive, vec![sum(0), sum(1), sum(2)]);
    assert_eq!(m.new_validator_permits, vec![true, false, false]);
    assert_eq!(m.active, vec![true, true, true]);
    assert_eq!(m.stake_weight[0], 65_534); // 65535 · w0 floored, plus 65535 · w1 floored
}

#[test]
fn mechanisms_must_share_their_neurons() {
    let one = subnet(mock(1, 100), 1, vec![neuron(1, 1, 0, true, &[])]);
    let two = subnet(
        mock(1, 100),
        1,
        vec![neuron(1, 1, 0, true, &[]), neuron(1, 1, 0, true, &[])],
    );
    assert!(yuma_epoch::run_mechanisms(&[one, two], 10, None).is_err());
    assert!(yuma_epoch::run_mechanisms(&[], 10, None).is_err());
}
