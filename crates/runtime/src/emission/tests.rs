//! The conformance figures of spec-emission §14 on hand-built state (subtensor's mock setup:
//! owner cut 0, TaoWeight 0 unless a test says otherwise, MaxEpochsPerBlock 32).

use super::{issuance::mint_tao, storage::*, *};
use crate::{
    balances,
    genesis::GenesisConfig,
    hyperparams::items::*,
    params::{EmissionSplit, EMISSION_SPLIT},
    stake,
    storage::{MemoryStore, StorageRead},
    subnets::subnet_account,
    subtensor::storage::*,
    swap,
    swap::storage::{self as pool, SUBNET_ALPHA_IN, SUBNET_ALPHA_OUT, SUBNET_TAO, TOTAL_STAKE},
};
use substrate_fixed::types::{I64F64, I96F32, U64F64};

const TAO: u64 = 1_000_000_000;

fn base() -> MemoryStore {
    let (changes, _) = GenesisConfig::preset("empty").unwrap().build().unwrap();
    changes.into_store()
}

/// The mock's defaults on top of genesis.
fn mock(ext: &mut Ext<'_>) {
    let st = &mut ext.state;
    SUBNET_OWNER_CUT.set(st, 0);
    TAO_WEIGHT.set(st, 0);
    MAX_EPOCHS_PER_BLOCK.set(st, 32);
    EMISSION_SPLIT.put(st, &1);
}

/// A started subnet with a pool of `tao` / `alpha`; `dynamic` = mechanism 1. Its account
/// holds the pool TAO (at least the existential deposit).
fn add_subnet(ext: &mut Ext<'_>, n: u16, dynamic: bool, tao: u64, alpha: u64) -> NetUid {
    let n = NetUid(n);
    let st = &mut ext.state;
    NETWORKS_ADDED.insert(st, &n, &true);
    SUBNET_MECHANISM.insert(st, &n, &u16::from(dynamic));
    SUBNET_TAO.insert(st, &n, &tao);
    SUBNET_ALPHA_IN.insert(st, &n, &alpha);
    FIRST_EMISSION_BLOCK_NUMBER.insert(st, &n, &1);
    SUBTOKEN_ENABLED.set(st, n, true);
    TEMPO.set(st, n, 360);
    LAST_EPOCH_BLOCK.insert(st, &n, &ext.block);
    SUBNET_MOVING_PRICE.insert(st, &n, &I96F32::from_num(1).to_bits());
    let acct = subnet_account(n);
    let free = tao.max(balances::EXISTENTIAL_DEPOSIT);
    let ti = balances::total_issuance(&ext.state).unwrap() + free;
    balances::TOTAL_ISSUANCE.put(&mut ext.state, &ti);
    balances::set_free(ext, &acct, free).unwrap();
    n
}

/// Root stake R with TaoWeight 1: root proportion ≈ 1 for small subnets.
fn full_root(ext: &mut Ext<'_>, root_tao: u64) {
    SUBNET_TAO.insert(&mut ext.state, &NetUid::ROOT, &root_tao);
    TAO_WEIGHT.set(&mut ext.state, u64::MAX);
}

fn tao(s: &dyn StorageRead, n: NetUid) -> u64 {
    pool::subnet_tao(s, n).unwrap()
}

/// Mints `amount` and runs the coinbase on it.
fn coinbase(ext: &mut Ext<'_>, amount: u64) {
    let credit = mint_tao(ext, amount).unwrap();
    let all = crate::subnets::all(&ext.state).unwrap();
    run_coinbase(ext, credit, &all).unwrap();
}

fn within(a: u64, b: u64, tol: u64) -> bool {
    a.abs_diff(b) <= tol
}

#[test]
fn zero_emission_coinbase_runs() {
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, false, 0, 0);
    coinbase(&mut ext, 0);
    assert_eq!(tao(&ext.state, n), 0);
}

#[test]
fn single_subnet_gets_the_whole_emission() {
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    full_root(&mut ext, 1_000_000_000 * TAO);
    let n = add_subnet(&mut ext, 1, false, 0, 0);
    let ti = balances::total_issuance(&ext.state).unwrap();
    let ts = pool::total_stake(&ext.state).unwrap();
    coinbase(&mut ext, 1_234_567);
    assert_eq!(tao(&ext.state, n), 1_234_567);
    assert_eq!(
        balances::total_issuance(&ext.state).unwrap(),
        ti + 1_234_567
    );
    assert_eq!(pool::total_stake(&ext.state).unwrap(), ts + 1_234_567);
    assert_eq!(
        SUBNET_TAO_IN_EMISSION.get(&ext.state, n).unwrap(),
        1_234_567
    );
}

#[test]
fn one_rao_is_a_chain_buy_when_root_proportion_is_zero() {
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, false, 0, 0);
    coinbase(&mut ext, 1);
    assert_eq!(tao(&ext.state, n), 1);
    assert_eq!(pool::total_stake(&ext.state).unwrap(), 1);
    assert_eq!(SUBNET_EXCESS_TAO.get(&ext.state, n).unwrap(), 1);
    assert_eq!(SUBNET_PROTOCOL_ALPHA.get(&ext.state, n).unwrap(), 1);
}

#[test]
fn three_equal_subnets_share_equally_and_disabled_ones_get_no_tao() {
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    full_root(&mut ext, 1_000_000_000 * TAO);
    let ns: Vec<NetUid> = (1..=3)
        .map(|i| add_subnet(&mut ext, i, false, 0, 0))
        .collect();
    coinbase(&mut ext, 3_333_333);
    for &n in &ns {
        assert!(within(tao(&ext.state, n), 1_111_111, 1));
    }
    // #2 disabled: #1 and #3 get half each, #2 no TAO but alpha_out.
    SUBNET_EMISSION_ENABLED.set(&mut ext.state, ns[1], false);
    let before: Vec<u64> = ns.iter().map(|n| tao(&ext.state, *n)).collect();
    coinbase(&mut ext, 3_333_333);
    assert!(within(tao(&ext.state, ns[0]) - before[0], 3_333_333 / 2, 2));
    assert_eq!(tao(&ext.state, ns[1]), before[1]);
    assert!(within(tao(&ext.state, ns[2]) - before[2], 3_333_333 / 2, 2));
    assert_eq!(SUBNET_TAO_IN_EMISSION.get(&ext.state, ns[1]).unwrap(), 0);
    assert_eq!(SUBNET_ALPHA_IN_EMISSION.get(&ext.state, ns[1]).unwrap(), 0);
    assert_eq!(SUBNET_EXCESS_TAO.get(&ext.state, ns[1]).unwrap(), 0);
    assert!(SUBNET_ALPHA_OUT_EMISSION.get(&ext.state, ns[1]).unwrap() > 0);
}

#[test]
fn moving_prices_weight_the_price_ema_split() {
    // Pools of 1e5 TAO with 1e6 / 5e5 alpha (prices 0.1 / 0.2), moving prices 0.1 / 0.2.
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    full_root(&mut ext, 1_000_000_000 * TAO);
    let a = add_subnet(&mut ext, 1, true, 100_000 * TAO, 1_000_000 * TAO);
    let c = add_subnet(&mut ext, 2, true, 100_000 * TAO, 500_000 * TAO);
    SUBNET_MOVING_PRICE.insert(&mut ext.state, &a, &I96F32::from_num(0.1).to_bits());
    SUBNET_MOVING_PRICE.insert(&mut ext.state, &c, &I96F32::from_num(0.2).to_bits());
    let ti = balances::total_issuance(&ext.state).unwrap();
    coinbase(&mut ext, 100_000_000);
    assert!(within(
        tao(&ext.state, a) - 100_000 * TAO,
        100_000_000 / 3,
        10
    ));
    assert!(within(
        tao(&ext.state, c) - 100_000 * TAO,
        200_000_000 / 3,
        10
    ));
    // Shares 1/3 and 2/3 are each floored: at most a rao of dust per subnet is recycled.
    let grown = balances::total_issuance(&ext.state).unwrap() - ti;
    assert!((100_000_000 - 2..=100_000_000).contains(&grown), "{grown}");
}

#[test]
fn zero_moving_prices_inject_no_alpha() {
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    full_root(&mut ext, 1_000_000_000 * TAO);
    let a = add_subnet(&mut ext, 1, true, 1_000 * TAO, 1_000 * TAO);
    let c = add_subnet(&mut ext, 2, true, 1_000 * TAO, 1_000 * TAO);
    SUBNET_MOVING_PRICE.insert(&mut ext.state, &a, &0);
    SUBNET_MOVING_PRICE.insert(&mut ext.state, &c, &0);
    let ti = balances::total_issuance(&ext.state).unwrap();
    coinbase(&mut ext, TAO);
    assert_eq!(pool::subnet_alpha_in(&ext.state, a).unwrap(), 1_000 * TAO);
    assert_eq!(pool::subnet_alpha_in(&ext.state, c).unwrap(), 1_000 * TAO);
    // No share: the whole credit is recycled.
    assert_eq!(balances::total_issuance(&ext.state).unwrap(), ti);
}

#[test]
fn alpha_issuance_by_price() {
    // Two price-1 pools of 1e6/1e6 rao, 1_000_000 rao: each gets 500_000 TAO and alpha.
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    full_root(&mut ext, 1_000_000_000 * TAO);
    let a = add_subnet(&mut ext, 1, true, 1_000_000, 1_000_000);
    let c = add_subnet(&mut ext, 2, true, 1_000_000, 1_000_000);
    coinbase(&mut ext, 1_000_000);
    assert_eq!(pool::subnet_alpha_in(&ext.state, a).unwrap(), 1_500_000);
    assert_eq!(pool::subnet_alpha_in(&ext.state, c).unwrap(), 1_500_000);
}

#[test]
fn pending_split_with_a_quarter_root_proportion() {
    // §7.2: root TAO 1e9, tao_weight 1, alpha issuance 3e9 after the block's mint ⇒ r = 1/4.
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    full_root(&mut ext, TAO);
    let n = add_subnet(&mut ext, 1, true, TAO, TAO);
    SUBNET_ALPHA_OUT.insert(&mut ext.state, &n, &TAO);
    SUBNET_MOVING_PRICE.insert(&mut ext.state, &n, &I96F32::from_num(2).to_bits());
    coinbase(&mut ext, 0);
    assert_eq!(
        PENDING_SERVER_EMISSION.get(&ext.state, n).unwrap(),
        500_000_000
    );
    assert_eq!(
        PENDING_ROOT_ALPHA_DIVS.get(&ext.state, n).unwrap(),
        125_000_000
    );
    assert_eq!(
        PENDING_VALIDATOR_EMISSION.get(&ext.state, n).unwrap(),
        375_000_000
    );
    assert_eq!(SUBNET_ALPHA_OUT.get(&ext.state, &n).unwrap(), Some(2 * TAO));
}

#[test]
fn root_alpha_is_recycled_without_root_sell() {
    // Σ moving prices = 0.5 ≤ 1: root's quarter of the validators' half leaves AlphaOut.
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    full_root(&mut ext, TAO);
    let n = add_subnet(&mut ext, 1, true, TAO, TAO);
    SUBNET_ALPHA_OUT.insert(&mut ext.state, &n, &TAO);
    SUBNET_MOVING_PRICE.insert(&mut ext.state, &n, &I96F32::from_num(0.5).to_bits());
    coinbase(&mut ext, 0);
    assert_eq!(PENDING_ROOT_ALPHA_DIVS.get(&ext.state, n).unwrap(), 0);
    assert_eq!(
        PENDING_VALIDATOR_EMISSION.get(&ext.state, n).unwrap(),
        375_000_000
    );
    assert_eq!(
        SUBNET_ALPHA_OUT.get(&ext.state, &n).unwrap(),
        Some(2 * TAO - 125_000_000)
    );
}

#[test]
fn owner_cut_full_and_none() {
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, true, TAO, TAO);
    coinbase(&mut ext, 0);
    assert_eq!(PENDING_OWNER_CUT.get(&ext.state, n).unwrap(), 0);
    SUBNET_OWNER_CUT.set(&mut ext.state, u16::MAX);
    PENDING_SERVER_EMISSION.set(&mut ext.state, n, 0);
    coinbase(&mut ext, 0);
    assert_eq!(PENDING_OWNER_CUT.get(&ext.state, n).unwrap(), TAO);
    assert_eq!(PENDING_SERVER_EMISSION.get(&ext.state, n).unwrap(), 0);
    // Owner cut disabled on the subnet: nothing for the owner.
    OWNER_CUT_ENABLED.set(&mut ext.state, n, false);
    PENDING_OWNER_CUT.set(&mut ext.state, n, 0);
    coinbase(&mut ext, 0);
    assert_eq!(PENDING_OWNER_CUT.get(&ext.state, n).unwrap(), 0);
}

#[test]
fn ineligible_subnets_get_nothing() {
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, true, TAO, TAO);
    let m = add_subnet(&mut ext, 2, true, TAO, TAO);
    NETWORK_REGISTRATION_ALLOWED.set(&mut ext.state, n, false);
    FIRST_EMISSION_BLOCK_NUMBER.remove(&mut ext.state, &m);
    let credit = mint_tao(&mut ext, TAO).unwrap();
    let all = crate::subnets::all(&ext.state).unwrap();
    let to_emit = run_coinbase(&mut ext, credit, &all).unwrap();
    assert!(to_emit.is_empty());
    for x in [n, m] {
        assert_eq!(PENDING_SERVER_EMISSION.get(&ext.state, x).unwrap(), 0);
        assert_eq!(SUBNET_ALPHA_OUT_EMISSION.get(&ext.state, x).unwrap(), 0);
    }
}

#[test]
fn cap_at_alpha_issuance_limit_turns_emission_into_chain_buys() {
    // AlphaOut at 21e15: alpha emission 0, so the cap is 0 and every rao buys alpha.
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    full_root(&mut ext, 1_000_000_000 * TAO);
    let n = add_subnet(&mut ext, 1, true, 1_000 * TAO, 1_000 * TAO);
    SUBNET_ALPHA_OUT.insert(&mut ext.state, &n, &issuance::MAX_TAO_ISSUANCE);
    let price_before = swap::spot_price(&ext.state, n).unwrap().to_bits();
    coinbase(&mut ext, TAO);
    let protocol = SUBNET_PROTOCOL_ALPHA.get(&ext.state, n).unwrap();
    assert!(protocol > 0);
    assert_eq!(SUBNET_ALPHA_OUT_EMISSION.get(&ext.state, n).unwrap(), 0);
    assert_eq!(
        SUBNET_ALPHA_OUT.get(&ext.state, &n).unwrap(),
        Some(issuance::MAX_TAO_ISSUANCE + protocol)
    );
    assert!(pool::subnet_alpha_in(&ext.state, n).unwrap() < 1_000 * TAO);
    assert!(swap::spot_price(&ext.state, n).unwrap().to_bits() > price_before);
}

#[test]
fn cap_trigger_with_tiny_price_emits_exactly_one_alpha() {
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    full_root(&mut ext, 1_000_000_000 * TAO);
    let n = add_subnet(&mut ext, 1, true, 1_000, 1_000_000_000);
    coinbase(&mut ext, TAO);
    assert_eq!(SUBNET_ALPHA_OUT_EMISSION.get(&ext.state, n).unwrap(), TAO);
    assert!(pool::subnet_alpha_in(&ext.state, n).unwrap() < 1_000_000_000 + TAO);
}

#[test]
fn moving_price_updates() {
    let b = base();
    let mut ext = Ext::new(&b, 201_600, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, true, TAO, TAO);
    // Base α 1: one update reaches the (clipped) spot price 1.
    SUBNET_MOVING_ALPHA.set(&mut ext.state, I96F32::from_num(1).to_bits());
    SUBNET_MOVING_PRICE.insert(&mut ext.state, &n, &0);
    price::update_moving_price(&mut ext.state, n, 1_000_000_000).unwrap();
    let m = price::moving_alpha_price(&ext.state, n).unwrap();
    assert!((m.to_num::<f64>() - 1.0).abs() < 1e-3);
    // Base 0.1 at b = h ⇒ α = 0.05; 14 updates from 0: 1 − 0.95^14 = 0.512325.
    SUBNET_MOVING_ALPHA.set(&mut ext.state, I96F32::from_num(0.1).to_bits());
    SUBNET_MOVING_PRICE.insert(&mut ext.state, &n, &0);
    // start_call at block 0 ⇒ FirstEmissionBlockNumber 1 ⇒ b = now.
    for _ in 0..14 {
        price::update_moving_price(&mut ext.state, n, 201_600).unwrap();
    }
    let m = price::moving_alpha_price(&ext.state, n).unwrap();
    assert!((m.to_num::<f64>() - 0.512325).abs() < 1e-3, "{m}");
    // Warm-up: start call at 500, block 510, base 0.5 ⇒ tiny step; block 144_000_500 ⇒ ≈ 0.5.
    FIRST_EMISSION_BLOCK_NUMBER.insert(&mut ext.state, &n, &501);
    SUBNET_MOVING_ALPHA.set(&mut ext.state, I96F32::from_num(0.5).to_bits());
    SUBNET_MOVING_PRICE.insert(&mut ext.state, &n, &0);
    price::update_moving_price(&mut ext.state, n, 510).unwrap();
    assert!(price::moving_alpha_price(&ext.state, n).unwrap() < U64F64::from_num(0.001));
    SUBNET_MOVING_PRICE.insert(&mut ext.state, &n, &0);
    price::update_moving_price(&mut ext.state, n, 144_000_500).unwrap();
    let m = price::moving_alpha_price(&ext.state, n)
        .unwrap()
        .to_num::<f64>();
    assert!((m - 0.5).abs() < 0.01, "{m}");
}

#[test]
fn moving_price_saturates_at_one() {
    let b = base();
    let mut ext = Ext::new(&b, 10, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, true, 10 * TAO, TAO);
    SUBNET_MOVING_ALPHA.set(&mut ext.state, I96F32::from_num(1).to_bits());
    price::update_moving_price(&mut ext.state, n, 1_000_000_000).unwrap();
    assert!(price::moving_alpha_price(&ext.state, n).unwrap() <= U64F64::from_num(1));
}

fn set_flows(ext: &mut Ext<'_>, flows: &[(NetUid, i64)]) {
    FLOW_EMA_SMOOTHING_FACTOR.set(&mut ext.state, i64::MAX as u64);
    for (n, f) in flows {
        SUBNET_TAO_FLOW.insert(&mut ext.state, n, f);
    }
}

fn flow_share_f64(ext: &mut Ext<'_>, ns: &[NetUid]) -> Vec<f64> {
    let now = ext.block;
    split::flow_shares(&mut ext.state, ns, now)
        .unwrap()
        .into_iter()
        .map(|(_, s)| s.to_num::<f64>())
        .collect()
}

#[test]
fn taoflow_shares() {
    let b = base();
    let mut ext = Ext::new(&b, 5, None);
    mock(&mut ext);
    let ns: Vec<NetUid> = (1..=3)
        .map(|i| add_subnet(&mut ext, i, true, TAO, TAO))
        .collect();
    // Negative vs positive flow → (0, 1).
    set_flows(&mut ext, &[(ns[0], -1_000), (ns[1], 1_000)]);
    let s = flow_share_f64(&mut ext, &ns[..2]);
    assert!(s[0] < 1e-9 && (s[1] - 1.0).abs() < 1e-6, "{s:?}");
    // The accumulators were consumed into the EMA (factor 1 ⇒ EMA = flow).
    assert_eq!(SUBNET_TAO_FLOW.get(&ext.state, &ns[0]).unwrap(), None);
    let (blk, ema) = SUBNET_EMA_TAO_FLOW
        .get(&ext.state, &ns[1])
        .unwrap()
        .unwrap();
    assert_eq!((blk, I64F64::from_bits(ema)), (5, I64F64::from_num(1_000)));
    // Both negative → both 0.
    ext.block = 6;
    set_flows(&mut ext, &[(ns[0], -1_000), (ns[1], -5)]);
    let s = flow_share_f64(&mut ext, &ns[..2]);
    assert!(s.iter().all(|x| *x == 0.0), "{s:?}");
    // Negatives above a −1000 cutoff: −100, −300, −400 → 0.75 / 0.25 / 0.
    ext.block = 7;
    TAO_FLOW_CUTOFF.set(&mut ext.state, I64F64::from_num(-1000).to_bits());
    set_flows(&mut ext, &[(ns[0], -100), (ns[1], -300), (ns[2], -400)]);
    let s = flow_share_f64(&mut ext, &ns);
    assert!(
        (s[0] - 0.75).abs() < 1e-3 && (s[1] - 0.25).abs() < 1e-3 && s[2] < 1e-9,
        "{s:?}"
    );
    // Both below a positive cutoff 2000 → 0; one above → ≈ 1.
    ext.block = 8;
    TAO_FLOW_CUTOFF.set(&mut ext.state, I64F64::from_num(2000).to_bits());
    set_flows(&mut ext, &[(ns[0], 1000), (ns[1], 1500)]);
    let s = flow_share_f64(&mut ext, &ns[..2]);
    assert!(s.iter().all(|x| *x == 0.0), "{s:?}");
    ext.block = 9;
    set_flows(&mut ext, &[(ns[0], 1000), (ns[1], 5000)]);
    let s = flow_share_f64(&mut ext, &ns[..2]);
    assert!(s[0] < 1e-9 && (s[1] - 1.0).abs() < 1e-6, "{s:?}");
}

#[test]
fn taoflow_net_flow_subtracts_normalised_protocol_cost() {
    // User EMA 100 on both, protocol 40 and 80: ΣU⁺ = 200 ≥ ΣP⁺ = 120 ⇒ norm 1;
    // net 60 / 20 ⇒ shares 0.75 / 0.25.
    let b = base();
    let mut ext = Ext::new(&b, 3, None);
    mock(&mut ext);
    let ns: Vec<NetUid> = (1..=2)
        .map(|i| add_subnet(&mut ext, i, true, TAO, TAO))
        .collect();
    set_flows(&mut ext, &[(ns[0], 100), (ns[1], 100)]);
    SUBNET_PROTOCOL_FLOW.insert(&mut ext.state, &ns[0], &40);
    SUBNET_PROTOCOL_FLOW.insert(&mut ext.state, &ns[1], &80);
    let s = flow_share_f64(&mut ext, &ns);
    assert!(
        (s[0] - 0.75).abs() < 1e-3 && (s[1] - 0.25).abs() < 1e-3,
        "{s:?}"
    );
    // Disabled net flow: protocol EMAs still advance, shares by user flow only.
    ext.block = 4;
    NET_TAO_FLOW_ENABLED.set(&mut ext.state, false);
    set_flows(&mut ext, &[(ns[0], 100), (ns[1], 300)]);
    SUBNET_PROTOCOL_FLOW.insert(&mut ext.state, &ns[0], &700);
    let s = flow_share_f64(&mut ext, &ns);
    assert!((s[0] - 0.25).abs() < 1e-3, "{s:?}");
    let (_, p) = SUBNET_EMA_PROTOCOL_FLOW
        .get(&ext.state, &ns[0])
        .unwrap()
        .unwrap();
    assert_eq!(I64F64::from_bits(p), I64F64::from_num(700));
}

#[test]
fn taoflow_is_the_default_split_and_outflow_gets_nothing() {
    let b = base();
    let mut ext = Ext::new(&b, 2, None);
    mock(&mut ext);
    EMISSION_SPLIT.put(&mut ext.state, &0);
    assert_eq!(
        crate::params::emission_split(&ext.state).unwrap(),
        EmissionSplit::Taoflow
    );
    full_root(&mut ext, 1_000_000_000 * TAO);
    let a = add_subnet(&mut ext, 1, true, 1_000 * TAO, 1_000 * TAO);
    let c = add_subnet(&mut ext, 2, true, 1_000 * TAO, 1_000 * TAO);
    set_flows(&mut ext, &[(a, 5 * TAO as i64), (c, -(5 * TAO as i64))]);
    coinbase(&mut ext, TAO);
    assert_eq!(tao(&ext.state, c), 1_000 * TAO);
    // Capped injection plus chain buy: each part floored, so at most 1 rao short.
    assert!(within(tao(&ext.state, a), 1_001 * TAO, 1));
    // c still mints alpha_out for its miners and validators.
    assert_eq!(SUBNET_ALPHA_OUT_EMISSION.get(&ext.state, c).unwrap(), TAO);
}

#[test]
fn drain_pending_counts_and_takes() {
    let b = base();
    let mut ext = Ext::new(&b, 101, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, true, TAO, TAO);
    TEMPO.set(&mut ext.state, n, 100);
    LAST_EPOCH_BLOCK.insert(&mut ext.state, &n, &0);
    LAST_MECHANISM_STEP_BLOCK.insert(&mut ext.state, &n, &7);
    BLOCKS_SINCE_LAST_STEP.insert(&mut ext.state, &n, &5);
    PENDING_SERVER_EMISSION.set(&mut ext.state, n, 11);
    PENDING_VALIDATOR_EMISSION.set(&mut ext.state, n, 22);
    PENDING_ROOT_ALPHA_DIVS.set(&mut ext.state, n, 33);
    PENDING_OWNER_CUT.set(&mut ext.state, n, 44);
    // 101 − 0 ≥ 100: due.
    ext.block = 99;
    assert!(epochs::drain_pending(&mut ext, &[n]).unwrap().is_empty());
    assert_eq!(BLOCKS_SINCE_LAST_STEP.get(&ext.state, &n).unwrap(), Some(6));
    ext.block = 102;
    let fired = epochs::drain_pending(&mut ext, &[n]).unwrap();
    assert_eq!(
        fired,
        vec![(
            n,
            epochs::Pending {
                server: 11,
                validator: 22,
                root: 33,
                owner_cut: 44
            }
        )]
    );
    assert_eq!(BLOCKS_SINCE_LAST_STEP.get(&ext.state, &n).unwrap(), Some(0));
    assert_eq!(LAST_EPOCH_BLOCK.get(&ext.state, &n).unwrap(), Some(102));
    assert_eq!(
        LAST_MECHANISM_STEP_BLOCK.get(&ext.state, &n).unwrap(),
        Some(7)
    );
    assert_eq!(PENDING_SERVER_EMISSION.get(&ext.state, n).unwrap(), 0);
    assert_eq!(PENDING_OWNER_CUT.get(&ext.state, n).unwrap(), 0);
}

#[test]
fn epochs_beyond_the_cap_are_deferred_one_block() {
    let b = base();
    let mut ext = Ext::new(&b, 400, None);
    mock(&mut ext);
    MAX_EPOCHS_PER_BLOCK.set(&mut ext.state, 3);
    let ns: Vec<NetUid> = (1..=5)
        .map(|i| add_subnet(&mut ext, i, true, TAO, TAO))
        .collect();
    for n in &ns {
        LAST_EPOCH_BLOCK.insert(&mut ext.state, n, &0);
    }
    let deferred = epochs::deferred_this_block(&ext.state, &ns, 400).unwrap();
    assert_eq!(deferred.len(), 2);
    let fired = epochs::drain_pending(&mut ext, &ns).unwrap();
    assert_eq!(fired.len(), 3);
    let deferred_events = ext
        .events
        .iter()
        .filter(|e| {
            matches!(
                &e.event,
                crate::event::RuntimeEvent::SubtensorModule(
                    crate::subtensor::SubtensorEvent::EpochDeferred {
                        from_block: 400,
                        to_block: 401,
                        ..
                    }
                )
            )
        })
        .count();
    assert_eq!(deferred_events, 2);
    for n in &ns[3..] {
        assert!(deferred.contains(n));
        assert_eq!(PENDING_EPOCH_AT.get(&ext.state, n).unwrap(), Some(401));
    }
    ext.block = 401;
    let fired = epochs::drain_pending(&mut ext, &ns).unwrap();
    assert_eq!(
        fired.iter().map(|f| f.0).collect::<Vec<_>>(),
        ns[3..].to_vec()
    );
}

#[test]
fn blocks_until_next_epoch_table() {
    // §14.2 through `is_due`: due exactly when LastEpochBlock + tempo ≤ block.
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, true, TAO, TAO);
    LAST_EPOCH_BLOCK.insert(&mut ext.state, &n, &0);
    for (tempo, block, until) in [(10u16, 5u64, 5u64), (20, 15, 5), (10, 9, 1), (20, 21, 0)] {
        TEMPO.set(&mut ext.state, n, tempo);
        let due_at = block + until;
        assert_eq!(
            crate::subnets::schedule::is_due(&ext.state, n, block).unwrap(),
            until == 0
        );
        assert!(crate::subnets::schedule::is_due(&ext.state, n, due_at).unwrap());
        if until > 0 {
            assert!(!crate::subnets::schedule::is_due(&ext.state, n, due_at - 1).unwrap());
        }
    }
    TEMPO.set(&mut ext.state, n, 0);
    assert!(!crate::subnets::schedule::is_due(&ext.state, n, u64::MAX).unwrap());
}

#[test]
fn halving_happens_at_the_issuance_threshold() {
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    balances::TOTAL_ISSUANCE.put(&mut ext.state, &(10_500_000 * TAO - TAO));
    let c = issuance::mint_block_emission(&mut ext).unwrap();
    assert_eq!(c.peek(), TAO);
    c.recycle(&mut ext).unwrap();
    // Recycling postponed the halving: still one TAO.
    assert_eq!(issuance::block_emission(&ext.state).unwrap(), TAO);
    let c = issuance::mint_block_emission(&mut ext).unwrap();
    assert_eq!(c.peek(), TAO);
    drop(c);
    assert_eq!(
        balances::total_issuance(&ext.state).unwrap(),
        10_500_000 * TAO
    );
    assert_eq!(issuance::block_emission(&ext.state).unwrap(), TAO / 2);
    // Near the cap: only the remainder is minted.
    balances::TOTAL_ISSUANCE.put(&mut ext.state, &(issuance::MAX_TAO_ISSUANCE - 3));
    let c = mint_tao(&mut ext, 1_000).unwrap();
    assert_eq!(c.peek(), 3);
    assert_eq!(
        balances::total_issuance(&ext.state).unwrap(),
        issuance::MAX_TAO_ISSUANCE
    );
    drop(c);
}

#[test]
fn total_stake_tracks_injections() {
    let b = base();
    let mut ext = Ext::new(&b, 1, None);
    mock(&mut ext);
    full_root(&mut ext, 1_000_000_000 * TAO);
    let n = add_subnet(&mut ext, 1, true, 1_000 * TAO, 1_000 * TAO);
    TOTAL_STAKE.put(&mut ext.state, &(1_000 * TAO));
    coinbase(&mut ext, TAO);
    assert_eq!(pool::total_stake(&ext.state).unwrap(), tao(&ext.state, n));
    // The subnet account holds the pool TAO.
    assert_eq!(
        balances::free(&ext.state, &subnet_account(n)).unwrap(),
        tao(&ext.state, n)
    );
}

// ---- Distribution (§9, §14.1 drain tests) ----

fn acct(i: u8) -> yuma_primitives::AccountId {
    yuma_primitives::AccountId([i; 32])
}

/// Registers `hotkey` (owned by `coldkey`) at `uid` with `stake` alpha, active now.
fn add_neuron(ext: &mut Ext<'_>, n: NetUid, uid: u16, hotkey: u8, coldkey: u8, stake: u64) {
    let now = ext.block;
    let st = &mut ext.state;
    let hk = acct(hotkey);
    KEYS.insert(st, &n, &uid, &hk);
    UIDS.insert(st, &n, &hk, &uid);
    SUBNETWORK_N.insert(st, &n, &(uid + 1));
    BLOCK_AT_REGISTRATION.insert(st, &n, &uid, &0);
    OWNER.insert(st, &hk, &acct(coldkey));
    stake::pool::TOTAL_HOTKEY_ALPHA.insert(st, &hk, &n, &stake);
    let mut lu = LAST_UPDATE.get(st, &n.0).unwrap().unwrap_or_default();
    lu.resize(usize::from(uid) + 1, 0);
    lu[usize::from(uid)] = now;
    LAST_UPDATE.insert(st, &n.0, &lu);
}

fn stake_of(s: &dyn StorageRead, hotkey: u8, n: NetUid) -> u64 {
    stake::hotkey_alpha(s, &acct(hotkey), n).unwrap()
}

fn half_and_half() -> epochs::Pending {
    epochs::Pending {
        server: 500_000_000,
        validator: 500_000_000,
        root: 0,
        owner_cut: 0,
    }
}

#[test]
fn drain_to_a_single_staker() {
    let b = base();
    let mut ext = Ext::new(&b, 1000, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, true, TAO, TAO);
    add_neuron(&mut ext, n, 0, 10, 20, TAO);
    // Unregistered staker: unchanged.
    stake::pool::TOTAL_HOTKEY_ALPHA.insert(&mut ext.state, &acct(11), &n, &TAO);
    distribute::distribute(&mut ext, n, half_and_half()).unwrap();
    assert!(within(stake_of(&ext.state, 10, n), 2 * TAO, 10));
    assert_eq!(stake_of(&ext.state, 11, n), TAO);
}

#[test]
fn drain_to_two_equal_stakers() {
    let b = base();
    let mut ext = Ext::new(&b, 1000, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, true, TAO, TAO);
    add_neuron(&mut ext, n, 0, 10, 20, TAO);
    add_neuron(&mut ext, n, 1, 11, 21, TAO);
    distribute::distribute(&mut ext, n, half_and_half()).unwrap();
    assert!(within(stake_of(&ext.state, 10, n), TAO + 500_000_000, 10));
    assert!(within(stake_of(&ext.state, 11, n), TAO + 500_000_000, 10));
}

#[test]
fn dividends_through_a_parent_with_childkey_take() {
    // Parent 30 (1e9 alpha, never registered: no owner ⇒ owners differ) lends 100 % to child
    // 10 (registered, owner 20, own stake 0), childkey take 10 %: parent ≈ 9e8, child ≈ 1e8.
    let b = base();
    let mut ext = Ext::new(&b, 1000, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, true, TAO, TAO);
    add_neuron(&mut ext, n, 0, 10, 20, 0);
    let (parent, child) = (acct(30), acct(10));
    stake::pool::TOTAL_HOTKEY_ALPHA.insert(&mut ext.state, &parent, &n, &TAO);
    crate::childkeys::CHILD_KEYS.insert(&mut ext.state, &parent, &n, &vec![(u64::MAX, child)]);
    crate::childkeys::PARENT_KEYS.insert(&mut ext.state, &child, &n, &vec![(u64::MAX, parent)]);
    crate::childkeys::CHILDKEY_TAKE.insert(&mut ext.state, &child, &n, &(u16::MAX / 10));
    let split = distribute::parent_child_split(&mut ext.state, &child, n, TAO).unwrap();
    assert_eq!(split.len(), 2);
    assert!(within(split[0].1, 900_000_000, 10_000), "{split:?}");
    assert!(within(split[1].1, 100_000_000, 10_000), "{split:?}");
    distribute::distribute(&mut ext, n, half_and_half()).unwrap();
    assert!(within(
        stake_of(&ext.state, 30, n),
        TAO + 900_000_000,
        10_000
    ));
    assert!(within(stake_of(&ext.state, 10, n), 100_000_000, 10_000));
}

#[test]
fn owner_hotkey_incentive_is_burned_and_owner_cut_paid() {
    // One neuron: the owner's hotkey. Weights on itself give it incentive, which is burned
    // (MinerBurned = 1); the owner cut goes to its stake.
    let b = base();
    let mut ext = Ext::new(&b, 1000, None);
    mock(&mut ext);
    let n = add_subnet(&mut ext, 1, true, TAO, TAO);
    add_neuron(&mut ext, n, 0, 10, 20, TAO);
    SUBNET_OWNER.insert(&mut ext.state, &n, &acct(20));
    SUBNET_OWNER_HOTKEY.insert(&mut ext.state, &n, &acct(10));
    let p = epochs::Pending {
        server: 0,
        validator: 0,
        root: 0,
        owner_cut: 12_345,
    };
    distribute::distribute(&mut ext, n, p).unwrap();
    assert_eq!(stake_of(&ext.state, 10, n), TAO + 12_345);
}
