//! Child keys: validation, scheduling and cooldown, relation consistency, childkey take and
//! inherited stake, with expectations derived by hand from subtensor's rules.

use super::*;
use crate::{
    dispatch::DispatchError,
    ext::Ext,
    hyperparams::items::{STAKE_THRESHOLD, SUBTOKEN_ENABLED},
    stake::pool::TOTAL_HOTKEY_ALPHA,
    storage::MemoryStore,
    subtensor::{
        storage::{LAST_EPOCH_BLOCK, NETWORKS_ADDED, OWNER, SUBNET_OWNER_HOTKEY},
        Error, SubtensorEvent,
    },
};
use proptest::prelude::*;

const COLD: AccountId = AccountId([1; 32]);
const NET: NetUid = NetUid(1);
const HALF: u64 = u64::MAX / 2;

fn acc(i: u8) -> AccountId {
    AccountId([i + 10; 32])
}

/// Root and subnet 1 exist; hotkeys acc(0..8) belong to COLD.
fn setup(ext: &mut Ext<'_>) {
    NETWORKS_ADDED.insert(&mut ext.state, &NetUid::ROOT, &true);
    NETWORKS_ADDED.insert(&mut ext.state, &NET, &true);
    for i in 0..8 {
        OWNER.insert(&mut ext.state, &acc(i), &COLD);
    }
}

fn err(e: Error) -> Result<(), DispatchError> {
    Err(e.into())
}

fn set(ext: &mut Ext<'_>, hot: AccountId, children: &[Link]) -> Result<(), DispatchError> {
    set_children(ext, &COLD, &hot, NET, children)
}

#[test]
fn set_children_checks_in_subtensor_order() {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 1_000, None);
    setup(&mut ext);
    let (p, c) = (acc(0), acc(1));
    assert_eq!(
        set_children(&mut ext, &COLD, &p, NetUid::ROOT, &[(1, c)]),
        err(Error::RegistrationNotPermittedOnRootSubnet)
    );
    assert_eq!(
        set_children(&mut ext, &COLD, &p, NetUid(9), &[(1, c)]),
        err(Error::SubnetNotExists)
    );
    assert_eq!(
        set_children(&mut ext, &AccountId([7; 32]), &p, NET, &[(1, c)]),
        err(Error::NonAssociatedColdKey)
    );
    assert_eq!(
        set(&mut ext, p, &[(1, c), (2, c)]),
        err(Error::DuplicateChild)
    );
    assert_eq!(set(&mut ext, p, &[(1, p)]), err(Error::InvalidChild));
    let six: Vec<Link> = (1..7).map(|i| (1, acc(i))).collect();
    assert_eq!(set(&mut ext, p, &six), err(Error::TooManyChildren));
    assert_eq!(
        set(&mut ext, p, &[(u64::MAX, c), (1, acc(2))]),
        err(Error::ProportionOverflow)
    );
    // Stake threshold: the parent's own TAO value over all subnets must reach it.
    STAKE_THRESHOLD.set(&mut ext.state, 1_000);
    assert_eq!(
        set(&mut ext, p, &[(1, c)]),
        err(Error::NotEnoughStakeToSetChildkeys)
    );
    // An empty list needs no stake; the subnet's owner hotkey is exempt.
    set(&mut ext, p, &[]).unwrap();
    SUBNET_OWNER_HOTKEY.insert(&mut ext.state, &NET, &c);
    set(&mut ext, c, &[(1, acc(3))]).unwrap();
    // Root stake counts 1:1: 1 000 rao on root reaches the threshold.
    TOTAL_HOTKEY_ALPHA.insert(&mut ext.state, &acc(4), &NetUid::ROOT, &1_000);
    set(&mut ext, acc(4), &[(1, acc(5))]).unwrap();
}

#[test]
fn rate_limit_is_150_blocks_per_hotkey_and_subnet() {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 1_000, None);
    setup(&mut ext);
    set(&mut ext, acc(0), &[(HALF, acc(1))]).unwrap();
    ext.block = 1_149;
    assert_eq!(set(&mut ext, acc(0), &[]), err(Error::TxRateLimitExceeded));
    // Another hotkey is not limited.
    set(&mut ext, acc(2), &[(HALF, acc(3))]).unwrap();
    ext.block = 1_150;
    set(&mut ext, acc(0), &[]).unwrap();
}

#[test]
fn before_start_call_children_apply_at_once_sorted_and_mirrored() {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 5, None);
    setup(&mut ext);
    let (p, c1, c2) = (acc(0), acc(2), acc(1));
    set(&mut ext, p, &[(7, c1), (9, c2)]).unwrap();
    // Stored by account order (acc(1) < acc(2)); the event keeps the caller's order.
    assert_eq!(
        children(&ext.state, &p, NET).unwrap(),
        vec![(9, c2), (7, c1)]
    );
    assert_eq!(parents(&ext.state, &c1, NET).unwrap(), vec![(7, p)]);
    assert_eq!(parents(&ext.state, &c2, NET).unwrap(), vec![(9, p)]);
    assert_eq!(
        ext.events.last().map(|e| e.event.clone()),
        Some(SubtensorEvent::SetChildren(p, NET, vec![(7, c1), (9, c2)]).into())
    );
    // Replacing: c2 stays with a new proportion, c1 is dropped, c3 added.
    ext.block = 200;
    let c3 = acc(3);
    set(&mut ext, p, &[(4, c3), (5, c2)]).unwrap();
    assert_eq!(
        children(&ext.state, &p, NET).unwrap(),
        vec![(5, c2), (4, c3)]
    );
    assert_eq!(parents(&ext.state, &c1, NET).unwrap(), vec![]);
    assert_eq!(
        CHILD_KEYS
            .get(&ext.state, &p, &NET)
            .unwrap()
            .map(|v| v.len()),
        Some(2)
    );
    assert_eq!(PARENT_KEYS.get(&ext.state, &c1, &NET).unwrap(), None);
    assert_eq!(parents(&ext.state, &c2, NET).unwrap(), vec![(5, p)]);
    // A child may not become its parent's parent (bipartite rule).
    assert_eq!(
        set(&mut ext, c2, &[(1, p)]),
        err(Error::ChildParentInconsistency)
    );
    // The empty list removes every link.
    ext.block = 400;
    set(&mut ext, p, &[]).unwrap();
    assert_eq!(CHILD_KEYS.get(&ext.state, &p, &NET).unwrap(), None);
    assert_eq!(PARENT_KEYS.get(&ext.state, &c3, &NET).unwrap(), None);
}

#[test]
fn after_start_call_lists_wait_for_cooldown_and_an_epoch() {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 10, None);
    setup(&mut ext);
    SUBTOKEN_ENABLED.set(&mut ext.state, NET, true);
    PENDING_CHILD_KEY_COOLDOWN.set(&mut ext.state, 5);
    let (p, c) = (acc(0), acc(1));
    set(&mut ext, p, &[(HALF, c)]).unwrap();
    assert_eq!(
        ext.events.last().map(|e| e.event.clone()),
        Some(SubtensorEvent::SetChildrenScheduled(p, NET, 15, vec![(HALF, c)]).into())
    );
    assert_eq!(
        pending(&ext.state, &p, NET).unwrap(),
        Some((vec![(HALF, c)], 15))
    );
    assert_eq!(children(&ext.state, &p, NET).unwrap(), vec![]);
    // Block 15: the epoch fires but the cooldown block is not yet past (15 < 15 is false).
    ext.block = 15;
    LAST_EPOCH_BLOCK.insert(&mut ext.state, &NET, &15);
    let all = crate::subnets::all(&ext.state).unwrap();
    on_initialize(&mut ext, &all).unwrap();
    assert_eq!(children(&ext.state, &p, NET).unwrap(), vec![]);
    // Block 16 without an epoch: nothing happens.
    ext.block = 16;
    let all = crate::subnets::all(&ext.state).unwrap();
    on_initialize(&mut ext, &all).unwrap();
    assert!(pending(&ext.state, &p, NET).unwrap().is_some());
    // Block 20, the next epoch: applied and the pending entry removed.
    ext.block = 20;
    LAST_EPOCH_BLOCK.insert(&mut ext.state, &NET, &20);
    let all = crate::subnets::all(&ext.state).unwrap();
    on_initialize(&mut ext, &all).unwrap();
    assert_eq!(children(&ext.state, &p, NET).unwrap(), vec![(HALF, c)]);
    assert_eq!(pending(&ext.state, &p, NET).unwrap(), None);
    assert_eq!(
        ext.events.last().map(|e| e.event.clone()),
        Some(SubtensorEvent::SetChildren(p, NET, vec![(HALF, c)]).into())
    );
}

#[test]
fn a_pending_list_that_became_inconsistent_is_dropped_silently() {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 10, None);
    setup(&mut ext);
    let (a, b) = (acc(0), acc(1));
    SUBTOKEN_ENABLED.set(&mut ext.state, NET, true);
    PENDING_CHILD_KEY_COOLDOWN.set(&mut ext.state, 0);
    // a schedules b as child; b schedules a as child: both pass (nothing applied yet).
    set(&mut ext, a, &[(1, b)]).unwrap();
    set(&mut ext, b, &[(1, a)]).unwrap();
    ext.block = 11;
    let before = ext.events.len();
    apply_pending(&mut ext, NET).unwrap();
    // Exactly one applies (the first in storage-key order); the other now breaks the
    // bipartite rule and is dropped without an event.
    assert_eq!(ext.events.len(), before + 1);
    let applied = usize::from(!children(&ext.state, &a, NET).unwrap().is_empty())
        + usize::from(!children(&ext.state, &b, NET).unwrap().is_empty());
    assert_eq!(applied, 1);
    assert_eq!(pending(&ext.state, &a, NET).unwrap(), None);
    assert_eq!(pending(&ext.state, &b, NET).unwrap(), None);
}

#[test]
fn childkey_take_bounds_minimums_and_rate_limit() {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 100, None);
    setup(&mut ext);
    let h = acc(0);
    TX_CHILDKEY_TAKE_RATE_LIMIT.set(&mut ext.state, 10);
    assert_eq!(
        set_childkey_take(&mut ext, &AccountId([7; 32]), &h, NET, 1),
        err(Error::NonAssociatedColdKey)
    );
    assert_eq!(
        set_childkey_take(&mut ext, &COLD, &h, NET, 11_797),
        err(Error::InvalidChildkeyTake)
    );
    set_childkey_take(&mut ext, &COLD, &h, NET, 1_000).unwrap();
    assert_eq!(childkey_take(&ext.state, &h, NET).unwrap(), 1_000);
    // An increase within 10 blocks of the last change fails; a decrease does not.
    ext.block = 109;
    assert_eq!(
        set_childkey_take(&mut ext, &COLD, &h, NET, 2_000),
        err(Error::TxChildkeyTakeRateLimitExceeded)
    );
    set_childkey_take(&mut ext, &COLD, &h, NET, 500).unwrap();
    ext.block = 119;
    set_childkey_take(&mut ext, &COLD, &h, NET, 2_000).unwrap();
    // The subnet minimum raises the effective take and the lower bound.
    MIN_CHILDKEY_TAKE_PER_SUBNET.set(&mut ext.state, NET, 3_000);
    assert_eq!(childkey_take(&ext.state, &h, NET).unwrap(), 3_000);
    assert_eq!(
        set_childkey_take(&mut ext, &COLD, &h, NET, 2_999),
        err(Error::InvalidChildkeyTake)
    );
    assert_eq!(childkey_take(&ext.state, &acc(1), NetUid(2)).unwrap(), 0);
}

#[test]
fn inherited_stake_by_hand() {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 5, None);
    setup(&mut ext);
    let (p, c) = (acc(0), acc(1));
    TOTAL_HOTKEY_ALPHA.insert(&mut ext.state, &p, &NET, &1_000);
    TOTAL_HOTKEY_ALPHA.insert(&mut ext.state, &p, &NetUid::ROOT, &2_000);
    TOTAL_HOTKEY_ALPHA.insert(&mut ext.state, &c, &NET, &10);
    set(&mut ext, p, &[(HALF, c)]).unwrap();
    // HALF/(2^64−1) in U96F32 is (2^31 − 1)/2^32, so the child borrows
    // 1000·(2^31 − 1)/2^32 = 499.99999977: the parent keeps floor(500.00000023) = 500,
    // the child gets floor(10 + 499.99999977) = 509.
    assert_eq!(inherited_alpha(&ext.state, &p, NET).unwrap(), 500);
    assert_eq!(inherited_alpha(&ext.state, &c, NET).unwrap(), 509);
    // Root TAO goes the same way: 2000 → 1000 and floor(1999.9999995) = 999.
    assert_eq!(inherited_tao(&ext.state, &p, NET).unwrap(), 1_000);
    assert_eq!(inherited_tao(&ext.state, &c, NET).unwrap(), 999);
    // On root nothing is lent.
    assert_eq!(
        inherited_alpha(&ext.state, &p, NetUid::ROOT).unwrap(),
        2_000
    );
    // The full proportion is exactly 1.0: everything moves.
    ext.block = 200;
    set(&mut ext, p, &[(u64::MAX, c)]).unwrap();
    assert_eq!(inherited_alpha(&ext.state, &p, NET).unwrap(), 0);
    assert_eq!(inherited_alpha(&ext.state, &c, NET).unwrap(), 1_010);
}

#[test]
fn dissolution_clears_the_subnet_only() {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 5, None);
    setup(&mut ext);
    NETWORKS_ADDED.insert(&mut ext.state, &NetUid(2), &true);
    set(&mut ext, acc(0), &[(1, acc(1))]).unwrap();
    set_children(&mut ext, &COLD, &acc(0), NetUid(2), &[(1, acc(1))]).unwrap();
    CHILDKEY_TAKE.insert(&mut ext.state, &acc(1), &NET, &5);
    PENDING_CHILD_KEYS.insert(&mut ext.state, &NET, &acc(2), &(vec![], 9));
    clear_subnet(&mut ext.state, NET).unwrap();
    assert_eq!(children(&ext.state, &acc(0), NET).unwrap(), vec![]);
    assert_eq!(parents(&ext.state, &acc(1), NET).unwrap(), vec![]);
    assert_eq!(CHILDKEY_TAKE.get(&ext.state, &acc(1), &NET).unwrap(), None);
    assert_eq!(pending(&ext.state, &acc(2), NET).unwrap(), None);
    assert_eq!(
        children(&ext.state, &acc(0), NetUid(2)).unwrap(),
        vec![(1, acc(1))]
    );
}

/// The inheritance formula in plain integers: fraction bits `floor(p·2^32 / (2^64−1))`,
/// amounts in units of 2^−32.
fn model(own: u64, props: &[u64]) -> (u64, Vec<u64>) {
    let m = u128::from(u64::MAX);
    let fb: Vec<u128> = props.iter().map(|p| (u128::from(*p) << 32) / m).collect();
    let lent: u128 = fb.iter().map(|f| u128::from(own) * f).sum();
    let parent = ((u128::from(own) << 32).saturating_sub(lent)) >> 32;
    let kids = fb
        .iter()
        .map(|f| ((u128::from(own) * f) >> 32) as u64)
        .collect();
    (parent as u64, kids)
}

fn proportions() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(any::<u64>(), 0..=5).prop_map(|v| {
        // Scale into a budget so the sum stays within u64::MAX.
        let n = v.len().max(1) as u64;
        v.into_iter().map(|x| x / n).collect()
    })
}

proptest! {
    #[test]
    fn lent_stake_matches_the_integer_model_and_loses_at_most_a_rao_per_child(
        own in any::<u64>(),
        props in proportions(),
    ) {
        let kids: Vec<Link> = props.iter().enumerate().map(|(i, p)| (*p, acc(i as u8))).collect();
        let parent = inherit::inherit(own, &kids, &[]);
        let each: Vec<u64> = props.iter().map(|p| inherit::inherit(0, &[], &[(own, *p)])).collect();
        let (want_parent, want_kids) = model(own, &props);
        prop_assert_eq!(parent, want_parent);
        prop_assert_eq!(&each, &want_kids);
        let total: u128 = u128::from(parent) + each.iter().map(|x| u128::from(*x)).sum::<u128>();
        prop_assert!(total <= u128::from(own));
        prop_assert!(total + props.len() as u128 >= u128::from(own));
    }

    #[test]
    fn relations_stay_mirrored_and_bipartite(
        ops in prop::collection::vec((0u8..6, prop::collection::vec((0u8..6, 1u64..1_000), 0..4)), 1..25),
    ) {
        let base = MemoryStore::default();
        let mut ext = Ext::new(&base, 1, None);
        setup(&mut ext);
        for (i, (p, kids)) in ops.iter().enumerate() {
            ext.block = 1 + 200 * i as u64;
            let kids: Vec<Link> = kids.iter().map(|(c, q)| (*q, acc(*c))).collect();
            // As dispatch does, a failed call is rolled back.
            let _ = ext.transactional(|ext| set(ext, acc(*p), &kids));
        }
        for i in 0..6 {
            let h = acc(i);
            let ch = children(&ext.state, &h, NET).unwrap();
            let pa = parents(&ext.state, &h, NET).unwrap();
            prop_assert!(ch.len() <= MAX_CHILDREN);
            for (q, c) in &ch {
                prop_assert!(parents(&ext.state, c, NET).unwrap().contains(&(*q, h)));
                prop_assert!(!pa.iter().any(|(_, x)| x == c));
                prop_assert!(*c != h);
            }
            for (q, x) in &pa {
                prop_assert!(children(&ext.state, x, NET).unwrap().contains(&(*q, h)));
            }
        }
    }
}

#[test]
fn hotkey_swap_moves_links_take_and_pending_lists() {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 5, None);
    setup(&mut ext);
    let (g, p, c, n, x) = (acc(0), acc(1), acc(2), acc(3), acc(4));
    set(&mut ext, g, &[(7, p)]).unwrap();
    set(&mut ext, p, &[(HALF, c)]).unwrap();
    CHILDKEY_TAKE.insert(&mut ext.state, &p, &NET, &300);
    PENDING_CHILD_KEYS.insert(&mut ext.state, &NET, &p, &(vec![(9, c)], 50));
    PENDING_CHILD_KEYS.insert(&mut ext.state, &NET, &x, &(vec![(1, p), (2, g)], 60));
    // The new hotkey may not already be linked to the old one.
    let mut probe = Ext::new(&base, 5, None);
    setup(&mut probe);
    set(&mut probe, p, &[(1, c)]).unwrap();
    assert_eq!(
        swap_hotkey_on_subnet(&mut probe.state, NET, &p, &c).map_err(DispatchError::from),
        err(Error::InvalidChild)
    );

    swap_hotkey_on_subnet(&mut ext.state, NET, &p, &n).unwrap();
    assert_eq!(children(&ext.state, &g, NET).unwrap(), vec![(7, n)]);
    assert_eq!(parents(&ext.state, &n, NET).unwrap(), vec![(7, g)]);
    assert_eq!(children(&ext.state, &n, NET).unwrap(), vec![(HALF, c)]);
    assert_eq!(parents(&ext.state, &c, NET).unwrap(), vec![(HALF, n)]);
    // As upstream, the old hotkey keeps an empty children entry.
    assert_eq!(CHILD_KEYS.get(&ext.state, &p, &NET).unwrap(), Some(vec![]));
    assert_eq!(PARENT_KEYS.get(&ext.state, &p, &NET).unwrap(), None);
    assert_eq!(CHILDKEY_TAKE.get(&ext.state, &n, &NET).unwrap(), Some(300));
    assert_eq!(CHILDKEY_TAKE.get(&ext.state, &p, &NET).unwrap(), None);
    assert_eq!(
        pending(&ext.state, &n, NET).unwrap(),
        Some((vec![(9, c)], 50))
    );
    assert_eq!(pending(&ext.state, &p, NET).unwrap(), None);
    // Another hotkey's pending list names the new key, moved to the end.
    assert_eq!(
        pending(&ext.state, &x, NET).unwrap(),
        Some((vec![(2, g), (1, n)], 60))
    );
}

#[test]
fn stake_weight_adds_weighted_root_tao_for_the_threshold() {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 5, None);
    setup(&mut ext);
    let h = acc(0);
    TOTAL_HOTKEY_ALPHA.insert(&mut ext.state, &h, &NET, &100);
    TOTAL_HOTKEY_ALPHA.insert(&mut ext.state, &h, &NetUid::ROOT, &1_000);
    // TaoWeight = u64::MAX/4: U96F32 keeps floor(2^32 · (2^62−1)/(2^64−1)) = 2^30 − 1
    // fractional units, so 1000 TAO weigh 1000·(2^30 − 1)/2^32 = 249.99999977 and the total
    // is 349.99999977: below a threshold of 350, at one of 349.
    crate::hyperparams::items::TAO_WEIGHT.set(&mut ext.state, u64::MAX / 4);
    let w = stake_weight(&ext.state, &h, NET).unwrap();
    assert_eq!(w.to_bits() >> 64, 349);
    STAKE_THRESHOLD.set(&mut ext.state, 350);
    assert!(!crate::weights::passes_stake_threshold(&ext.state, &h, NET).unwrap());
    STAKE_THRESHOLD.set(&mut ext.state, 349);
    assert!(crate::weights::passes_stake_threshold(&ext.state, &h, NET).unwrap());
}

#[test]
fn only_direct_cycles_are_refused_as_at_head() {
    let base = MemoryStore::default();
    let mut ext = Ext::new(&base, 5, None);
    setup(&mut ext);
    let (a, b, c) = (acc(0), acc(1), acc(2));
    set(&mut ext, a, &[(1, b)]).unwrap();
    set(&mut ext, b, &[(1, c)]).unwrap();
    // b → a would make a both child and parent of b: refused.
    ext.block = 200;
    assert_eq!(
        set(&mut ext, b, &[(1, a)]),
        err(Error::ChildParentInconsistency)
    );
    // c → a closes a three-cycle; subtensor HEAD checks only the pivot's own parents.
    set(&mut ext, c, &[(1, a)]).unwrap();
    assert_eq!(parents(&ext.state, &a, NET).unwrap(), vec![(1, c)]);
}
