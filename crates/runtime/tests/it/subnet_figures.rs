//! The figures of spec-subnets §10 that are about pure rules: registration price dynamics
//! (scenarios 2–5), uid pruning (10–15), subnet pruning (19), symbols (24) and the lock cost
//! with a future last-lock block (18), each on crafted state.

use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::{
    ext::Ext, hyperparams::items::*, neurons, storage::MemoryStore, subnets, subtensor::storage::*,
};

const N: NetUid = NetUid(1);

fn ext(base: &MemoryStore, block: u64) -> Ext<'_> {
    Ext::new(base, block, None)
}

fn price(ext: &mut Ext<'_>, half_life: u16, mult_x100: u128, min: u64, max: u64, burn: u64) {
    BURN_HALF_LIFE.set(&mut ext.state, N, half_life);
    BURN_INCREASE_MULT.set(&mut ext.state, N, (mult_x100 << 64) / 100);
    MIN_BURN.set(&mut ext.state, N, min);
    MAX_BURN.set(&mut ext.state, N, max);
    BURN.set(&mut ext.state, N, burn);
}

fn burn(ext: &Ext<'_>) -> u64 {
    BURN.get(&ext.state, N).unwrap()
}

#[test]
fn burn_scenario_2_bump_then_decay() {
    let base = MemoryStore::default();
    let mut e = ext(&base, 2);
    price(&mut e, 1000, 200, 0, u64::MAX, 1000);
    neurons::bump(&mut e, N).unwrap();
    assert_eq!(burn(&e), 2000);
    neurons::decay(&mut e, N).unwrap();
    assert_eq!(burn(&e), 1998);
    BURN.set(&mut e.state, N, 1000);
    REGISTRATIONS_THIS_BLOCK.insert(&mut e.state, &N, &3);
    neurons::decay(&mut e, N).unwrap();
    assert_eq!(burn(&e), 999);
    assert_eq!(REGISTRATIONS_THIS_BLOCK.get(&e.state, &N).unwrap(), Some(0));
}

#[test]
fn burn_scenario_3_halving_with_q32_truncation() {
    let base = MemoryStore::default();
    let mut e = ext(&base, 2);
    price(&mut e, 2, 100, 0, u64::MAX, 1024);
    for _ in 0..2 {
        neurons::decay(&mut e, N).unwrap();
    }
    assert_eq!(burn(&e), 511);
    for _ in 0..2 {
        neurons::decay(&mut e, N).unwrap();
    }
    assert_eq!(burn(&e), 255);
}

#[test]
fn burn_scenario_4_clamps() {
    let base = MemoryStore::default();
    let mut e = ext(&base, 2);
    price(&mut e, 1, 200, 100_000, 150_000, 1);
    neurons::decay(&mut e, N).unwrap();
    assert_eq!(burn(&e), 100_000);
    neurons::bump(&mut e, N).unwrap();
    assert_eq!(burn(&e), 150_000);
    neurons::decay(&mut e, N).unwrap();
    assert_eq!(burn(&e), 100_000);
    neurons::decay(&mut e, N).unwrap();
    assert_eq!(burn(&e), 100_000);
}

#[test]
fn burn_scenario_5_multipliers() {
    let base = MemoryStore::default();
    let mut e = ext(&base, 2);
    price(&mut e, 360, 300, 0, u64::MAX, 1000);
    neurons::bump(&mut e, N).unwrap();
    assert_eq!(burn(&e), 3000);
    price(&mut e, 360, 50, 0, u64::MAX, 1000);
    neurons::bump(&mut e, N).unwrap();
    assert_eq!(burn(&e), 1000);
    // Block 1 never decays.
    let mut e1 = ext(&base, 1);
    price(&mut e1, 360, 126, 0, u64::MAX, 1000);
    neurons::decay(&mut e1, N).unwrap();
    assert_eq!(burn(&e1), 1000);
}

fn acct(i: u8) -> AccountId {
    AccountId([i; 32])
}

/// uids 0..regs.len() with hotkeys acct(10 + uid), registration blocks and emissions.
fn neurons_state(e: &mut Ext<'_>, regs: &[u64], emission: &[u64]) {
    let n = regs.len() as u16;
    SUBNETWORK_N.insert(&mut e.state, &N, &n);
    for (uid, reg) in regs.iter().enumerate() {
        let uid = uid as u16;
        let h = acct(10 + uid as u8);
        KEYS.insert(&mut e.state, &N, &uid, &h);
        UIDS.insert(&mut e.state, &N, &h, &uid);
        BLOCK_AT_REGISTRATION.insert(&mut e.state, &N, &uid, reg);
    }
    EMISSION.insert(&mut e.state, &N, &emission.to_vec());
}

#[test]
fn prune_scenario_10_immune_and_mature() {
    let base = MemoryStore::default();
    let mut e = ext(&base, 2);
    neurons_state(&mut e, &[1, 1], &[100, 110]);
    IMMUNITY_PERIOD.set(&mut e.state, N, 2);
    MIN_NON_IMMUNE_UIDS.set(&mut e.state, N, 0);
    assert_eq!(neurons::neuron_to_prune(&e.state, N, 2).unwrap(), Some(0));
    assert_eq!(neurons::neuron_to_prune(&e.state, N, 10).unwrap(), Some(0));
}

fn owner_state(e: &mut Ext<'_>, limit: u16, regs: &[u64]) {
    // Owner coldkey acct(1) owns hotkeys of uid 0 (the owner hotkey) and uid 1.
    neurons_state(e, regs, &[0, 0, 1]);
    SUBNET_OWNER.insert(&mut e.state, &N, &acct(1));
    SUBNET_OWNER_HOTKEY.insert(&mut e.state, &N, &acct(10));
    OWNED_HOTKEYS.insert(&mut e.state, &acct(1), &vec![acct(10), acct(11)]);
    IMMUNE_OWNER_UIDS_LIMIT.set(&mut e.state, N, limit);
    MIN_NON_IMMUNE_UIDS.set(&mut e.state, N, 0);
}

#[test]
fn prune_scenario_11_and_12_owner_immortality() {
    let base = MemoryStore::default();
    let mut e = ext(&base, 10_000);
    owner_state(&mut e, 1, &[0, 1, 2]);
    assert_eq!(
        neurons::neuron_to_prune(&e.state, N, 10_000).unwrap(),
        Some(1)
    );
    owner_state(&mut e, 2, &[0, 1, 2]);
    assert_eq!(
        neurons::neuron_to_prune(&e.state, N, 10_000).unwrap(),
        Some(2)
    );
    // Scenario 12: all immune (reg 12/11/10, immunity 100), limit 2 → uid 2.
    owner_state(&mut e, 2, &[12, 11, 10]);
    IMMUNITY_PERIOD.set(&mut e.state, N, 100);
    assert_eq!(neurons::neuron_to_prune(&e.state, N, 20).unwrap(), Some(2));
}

#[test]
fn prune_scenario_13_floor_protects_non_immune() {
    let base = MemoryStore::default();
    let mut e = ext(&base, 1000);
    neurons_state(&mut e, &[0, 0, 0, 999], &[5, 5, 5, 9]);
    IMMUNITY_PERIOD.set(&mut e.state, N, 100);
    MIN_NON_IMMUNE_UIDS.set(&mut e.state, N, 3);
    assert_eq!(
        neurons::neuron_to_prune(&e.state, N, 1000).unwrap(),
        Some(3)
    );
}

#[test]
fn prune_scenario_14_and_15() {
    let base = MemoryStore::default();
    let mut e = ext(&base, 100);
    neurons_state(&mut e, &[0, 1, 2], &[10, 10, 10]);
    IMMUNITY_PERIOD.set(&mut e.state, N, 0);
    MIN_NON_IMMUNE_UIDS.set(&mut e.state, N, 0);
    assert_eq!(neurons::neuron_to_prune(&e.state, N, 100).unwrap(), Some(0));
    // Every uid belongs to the owner, limit 10: nothing can be pruned.
    SUBNET_OWNER.insert(&mut e.state, &N, &acct(1));
    OWNED_HOTKEYS.insert(&mut e.state, &acct(1), &vec![acct(10), acct(11), acct(12)]);
    IMMUNE_OWNER_UIDS_LIMIT.set(&mut e.state, N, 10);
    assert_eq!(neurons::neuron_to_prune(&e.state, N, 100).unwrap(), None);
}

#[test]
fn subnet_prune_scenario_19() {
    let base = MemoryStore::default();
    let mut e = ext(&base, 1000);
    NETWORK_IMMUNITY_PERIOD.set(&mut e.state, 100);
    assert_eq!(subnets::network_to_prune(&e.state, 1000).unwrap(), None);
    let add = |e: &mut Ext<'_>, n: u16, reg: u64, price: i128| {
        NETWORKS_ADDED.insert(&mut e.state, &NetUid(n), &true);
        NETWORK_REGISTERED_AT.insert(&mut e.state, &NetUid(n), &reg);
        SUBNET_MOVING_PRICE.insert(&mut e.state, &NetUid(n), &(price << 32));
    };
    add(&mut e, 1, 10, 10);
    add(&mut e, 2, 20, 1);
    assert_eq!(
        subnets::network_to_prune(&e.state, 1000).unwrap(),
        Some(NetUid(2))
    );
    // An immune subnet with a lower price is skipped.
    add(&mut e, 3, 950, 0);
    assert_eq!(
        subnets::network_to_prune(&e.state, 1000).unwrap(),
        Some(NetUid(2))
    );
    // Equal prices: the earlier registration.
    add(&mut e, 1, 10, 1);
    assert_eq!(
        subnets::network_to_prune(&e.state, 1000).unwrap(),
        Some(NetUid(1))
    );
    // All immune: none.
    assert_eq!(subnets::network_to_prune(&e.state, 50).unwrap(), None);
}

#[test]
fn symbols_scenario_24() {
    let base = MemoryStore::default();
    let mut e = ext(&base, 1);
    assert_eq!(
        subnets::next_available_symbol(&e.state, NetUid(25)).unwrap(),
        subnets::SYMBOLS[25]
    );
    // Subnet 7 took symbol 25: netuid 25 gets the first unused from index 1.
    TOKEN_SYMBOL.insert(&mut e.state, &NetUid(7), &subnets::SYMBOLS[25].to_vec());
    TOKEN_SYMBOL.insert(&mut e.state, &NetUid(1), &subnets::SYMBOLS[1].to_vec());
    assert_eq!(
        subnets::next_available_symbol(&e.state, NetUid(25)).unwrap(),
        subnets::SYMBOLS[2]
    );
    // All used: "Τ".
    for (i, s) in subnets::SYMBOLS.iter().enumerate().skip(1) {
        TOKEN_SYMBOL.insert(&mut e.state, &NetUid(1000 + i as u16), &s.to_vec());
    }
    assert_eq!(
        subnets::next_available_symbol(&e.state, NetUid(5)).unwrap(),
        subnets::SYMBOLS[0]
    );
}

#[test]
fn lock_cost_scenario_18_future_last_block() {
    // Last lock 1000 TAO recorded one week in the future: elapsed time saturates at 0, so
    // the price is 2 × 1000 TAO.
    let base = MemoryStore::default();
    let mut e = ext(&base, 100);
    NETWORK_LAST_LOCK_COST.set(&mut e.state, 1_000_000_000_000);
    LAST_RATE_LIMITED_BLOCK.insert(&mut e.state, &RateLimitKey::NetworkLastRegistered, &50_500);
    assert_eq!(
        subnets::lock_cost(&e.state, 100).unwrap(),
        2_000_000_000_000
    );
}

#[test]
fn pool_seeding_scenario_22_median_price() {
    // Existing prices {5, 2}: the median is 3.5 and SubnetAlphaIn = floor(lock / 3.5).
    let mut g = yuma_runtime::genesis::GenesisConfig::preset("empty").unwrap();
    let cold = acct(1);
    g.set_balance(cold, 10_000_000_000_000);
    let chain = yuma_runtime::MemoryChain::new(&g).unwrap();
    let mut e = ext(&chain.state, 1);
    for (n, tao) in [(1u16, 5_000_000_000u64), (2, 2_000_000_000)] {
        let n = NetUid(n);
        NETWORKS_ADDED.insert(&mut e.state, &n, &true);
        SUBNET_MECHANISM.insert(&mut e.state, &n, &1);
        yuma_runtime::swap::storage::SUBNET_TAO.insert(&mut e.state, &n, &tao);
        yuma_runtime::swap::storage::SUBNET_ALPHA_IN.insert(&mut e.state, &n, &1_000_000_000);
    }
    subnets::register_network(&mut e, &cold, &acct(2)).unwrap();
    let n3 = NetUid(3);
    assert_eq!(
        yuma_runtime::swap::storage::subnet_tao(&e.state, n3).unwrap(),
        1_000_000_000_000
    );
    assert_eq!(
        yuma_runtime::swap::storage::subnet_alpha_in(&e.state, n3).unwrap(),
        285_714_285_714
    );
    assert_eq!(
        yuma_runtime::swap::storage::subnet_alpha_out(&e.state, n3).unwrap(),
        0
    );
    assert!(!SUBNET_EMISSION_ENABLED.get(&e.state, n3).unwrap());
    assert_eq!(
        SUBNET_OWNER_HOTKEY.get(&e.state, &n3).unwrap(),
        Some(acct(2))
    );
    assert_eq!(KEYS.get(&e.state, &n3, &0).unwrap(), Some(acct(2)));
}
