//! Epoch-time distribution (spec-emission §9): run the subnet's epoch on S + V + R, split each
//! hotkey's dividend into its alpha and root parts by its own stake, then pay the owner cut,
//! miners' incentives (owner hotkeys' withheld), validators' alpha dividends (take to the
//! validator, the rest to its nominators) and root dividends (take as alpha, the rest made
//! claimable by the hotkey's root stakers, §10.3).
//!
//! Per-coldkey share accounting comes with the staking branch (see [`super::credit`]).

use super::{credit, epochs::Pending, storage::*};
use crate::{
    epoch_adapter::{self, AdapterError},
    ext::Ext,
    hyperparams::items::TAO_WEIGHT,
    stake,
    storage::{StorageDoubleMap, StorageError, StorageMap, StorageRead},
    subtensor::{ownership, storage::*},
};
use std::collections::{BTreeMap, BTreeSet};
use substrate_fixed::types::{I96F32, U96F32};
use yuma_primitives::{hashing::StorageHasher, AccountId, NetUid};

const B2: StorageHasher = StorageHasher::Blake2_128Concat;
const ID: StorageHasher = StorageHasher::Identity;

/// `AutoStakeDestination`: (coldkey, netuid) → hotkey that receives the coldkey's incentive.
pub const AUTO_STAKE_DESTINATION: StorageDoubleMap<AccountId, NetUid, AccountId> =
    StorageDoubleMap::new(PALLET, "AutoStakeDestination", B2, ID);
/// `AlphaDividendsPerSubnet`: (netuid, hotkey) → the nominators' part of the last epoch.
pub const ALPHA_DIVIDENDS_PER_SUBNET: StorageDoubleMap<NetUid, AccountId, u64> =
    StorageDoubleMap::new(PALLET, "AlphaDividendsPerSubnet", ID, B2);
/// `RootAlphaDividendsPerSubnet`: (netuid, hotkey) → root stakers' part of the last epoch.
pub const ROOT_ALPHA_DIVIDENDS_PER_SUBNET: StorageDoubleMap<NetUid, AccountId, u64> =
    StorageDoubleMap::new(PALLET, "RootAlphaDividendsPerSubnet", ID, B2);
/// `RootClaimable`: hotkey → per subnet, claimable alpha per unit of root stake (I96F32 bits).
pub const ROOT_CLAIMABLE: StorageMap<AccountId, BTreeMap<NetUid, i128>> =
    StorageMap::new(PALLET, "RootClaimable", B2);

fn fx(v: u64) -> U96F32 {
    U96F32::saturating_from_num(v)
}

fn floor(v: U96F32) -> u64 {
    v.saturating_to_num()
}

/// Unfloored amounts per hotkey.
pub type Shares = Vec<(AccountId, U96F32)>;

/// Per hotkey: (incentive, dividend) summed over mechanisms and uids, in uid order of first
/// appearance.
type HotkeyEmission = Vec<(AccountId, u64, u64)>;

/// `hotkeys` are the uids' hotkeys the epoch read; a uid beyond them is looked up.
fn hotkey_emission(
    s: &dyn StorageRead,
    n: NetUid,
    out: &yuma_epoch::mechanism::MechanismsOutput,
    hotkeys: &[Option<AccountId>],
) -> Result<HotkeyEmission, StorageError> {
    let mut order: Vec<AccountId> = Vec::new();
    let mut sums: BTreeMap<AccountId, (u64, u64)> = BTreeMap::new();
    for mech in &out.mechanisms {
        let len = mech
            .emission_incentive
            .len()
            .max(mech.emission_dividends.len());
        for i in 0..len {
            let Ok(uid) = u16::try_from(i) else { break };
            let key = match hotkeys.get(i) {
                Some(&k) => k,
                None => KEYS.get(s, &n, &uid)?,
            };
            let Some(hk) = key else {
                continue;
            };
            let inc = mech.emission_incentive.get(i).copied().unwrap_or(0);
            let div = mech.emission_dividends.get(i).copied().unwrap_or(0);
            let e = sums.entry(hk).or_insert_with(|| {
                order.push(hk);
                (0, 0)
            });
            e.0 = e.0.saturating_add(inc);
            e.1 = e.1.saturating_add(div);
        }
    }
    Ok(order
        .into_iter()
        .map(|hk| {
            let (i, d) = sums.get(&hk).copied().unwrap_or_default();
            (hk, i, d)
        })
        .collect())
}

/// `distribute_emission` for one fired subnet.
pub fn distribute(ext: &mut Ext<'_>, n: NetUid, p: Pending) -> Result<(), StorageError> {
    let total = p.server.saturating_add(p.validator).saturating_add(p.root);
    let run = match epoch_adapter::run_epoch(ext, n, total) {
        Ok(run) => run,
        Err(AdapterError::Storage(e)) => return Err(e),
        // A rejected epoch input distributes nothing this time (errors never abort a block).
        Err(AdapterError::Epoch { .. }) => return Ok(()),
    };
    let emission = hotkey_emission(&ext.state, n, &run.out, &run.hotkeys)?;
    let incentive_sum = emission.iter().fold(0u64, |a, e| a.saturating_add(e.1));
    let validator_pool = if incentive_sum == 0 {
        p.validator.saturating_add(p.server)
    } else {
        p.validator
    };
    let mut dividends: BTreeMap<AccountId, U96F32> = BTreeMap::new();
    for (hk, _, d) in &emission {
        if *d == 0 {
            continue;
        }
        for (to, amount) in parent_child_split(&mut ext.state, hk, n, *d)? {
            let e = dividends.entry(to).or_insert(U96F32::from_bits(0));
            *e = e.saturating_add(fx(amount));
        }
    }
    let (alpha_divs, root_divs) =
        dividend_split(&ext.state, n, &dividends, validator_pool, p.root)?;
    pay_owner_cut(ext, n, p.owner_cut)?;
    pay_incentives(ext, n, &emission, incentive_sum)?;
    pay_alpha_dividends(ext, n, &alpha_divs)?;
    pay_root_dividends(ext, n, &root_divs)?;
    Ok(())
}

/// `TaoWeight / u64::MAX` (U96F32).
fn tao_weight(s: &dyn StorageRead) -> Result<U96F32, StorageError> {
    Ok(fx(TAO_WEIGHT.get(s)?)
        .checked_div(fx(u64::MAX))
        .unwrap_or(U96F32::from_bits(0)))
}

/// `(alpha + root × w) × fraction` of a hotkey's own stakes on `n` and root.
fn contribution(
    s: &dyn StorageRead,
    hk: &AccountId,
    n: NetUid,
    fraction: U96F32,
    w: U96F32,
) -> Result<U96F32, StorageError> {
    let alpha = fx(stake::hotkey_alpha(s, hk, n)?).saturating_mul(fraction);
    let root = fx(stake::hotkey_alpha(s, hk, NetUid::ROOT)?)
        .saturating_mul(fraction)
        .saturating_mul(w);
    Ok(alpha.saturating_add(root))
}

/// `get_parent_child_dividends_distribution` (§9.2): hotkey `hk`'s dividend `d` shared with
/// its parents by contribution — its own stake kept (1 − Σ lent proportions, floored) against
/// each parent's lent stake. A parent of another owner pays the childkey take to `hk` and the
/// `CKBurn` share is recycled. Returns (receiver, amount), parents first, `hk` last.
pub fn parent_child_split(
    st: &mut crate::storage::Overlay<'_>,
    hk: &AccountId,
    n: NetUid,
    d: u64,
) -> Result<Vec<(AccountId, u64)>, StorageError> {
    let zero = U96F32::from_bits(0);
    let one = U96F32::saturating_from_num(1);
    let parents = crate::childkeys::parents(st, hk, n)?;
    if parents.is_empty() {
        return Ok(vec![(*hk, d)]);
    }
    let fraction = |p: u64| fx(p).checked_div(fx(u64::MAX)).unwrap_or(zero);
    let w = tao_weight(st)?;
    let lent = crate::childkeys::children(st, hk, n)?
        .iter()
        .fold(one, |r, (p, _)| r.saturating_sub(fraction(*p)));
    let own = floor(contribution(st, hk, n, lent, w)?);
    let mut total = fx(own);
    let mut contribs = Vec::with_capacity(parents.len());
    for (p, parent) in &parents {
        let c = contribution(st, parent, n, fraction(*p), w)?;
        total = total.saturating_add(c);
        contribs.push((*parent, c));
    }
    let burn = fx(CK_BURN.get(st)?)
        .checked_div(fx(u64::MAX))
        .unwrap_or(zero);
    let take = fx(u64::from(crate::childkeys::childkey_take(st, hk, n)?))
        .checked_div(fx(u64::from(u16::MAX)))
        .unwrap_or(zero);
    let child_owner = ownership::owner(st, hk)?;
    let emission = fx(d);
    let mut remaining = emission;
    let mut takes = zero;
    let mut out = Vec::with_capacity(contribs.len() + 1);
    for (parent, c) in contribs {
        let mut e = emission.saturating_mul(c.checked_div(total).unwrap_or(zero));
        remaining = remaining.saturating_sub(e);
        if ownership::owner(st, &parent)? != child_owner {
            let b = burn.saturating_mul(e);
            let t = take.saturating_mul(e);
            e = e.saturating_sub(b).saturating_sub(t);
            takes = takes.saturating_add(t);
            super::inject::recycle_alpha(st, n, floor(b))?;
        }
        out.push((parent, floor(e)));
    }
    out.push((*hk, floor(remaining.saturating_add(takes))));
    Ok(out)
}

/// §9.3: each hotkey's dividend d is split by its own stake into a root part d·rp and an alpha
/// part, rp = w·root / (alpha + w·root); the validator pool and R are then shared in
/// proportion to those parts. Returns (alpha dividends, root dividends), unfloored.
pub fn dividend_split(
    s: &dyn StorageRead,
    n: NetUid,
    dividends: &BTreeMap<AccountId, U96F32>,
    validator_pool: u64,
    root: u64,
) -> Result<(Shares, Shares), StorageError> {
    let zero = U96F32::from_bits(0);
    let w = tao_weight(s)?;
    let mut parts = Vec::new();
    for (hk, d) in dividends {
        let d = *d;
        let alpha = fx(stake::hotkey_alpha(s, hk, n)?);
        let ra = fx(stake::hotkey_alpha(s, hk, NetUid::ROOT)?).saturating_mul(w);
        let rp = ra.checked_div(alpha.saturating_add(ra)).unwrap_or(zero);
        let root_div = d.saturating_mul(rp);
        parts.push((*hk, d.saturating_sub(root_div), root_div));
    }
    let alpha_sum = parts.iter().fold(zero, |a, p| a.saturating_add(p.1));
    let root_sum = parts.iter().fold(zero, |a, p| a.saturating_add(p.2));
    let share = |amount: u64, x: U96F32, sum: U96F32| {
        fx(amount)
            .saturating_mul(x)
            .checked_div(sum)
            .unwrap_or(zero)
    };
    let alpha = parts
        .iter()
        .map(|(hk, a, _)| (*hk, share(validator_pool, *a, alpha_sum)))
        .collect();
    let root_divs = parts
        .iter()
        .map(|(hk, _, r)| (*hk, share(root, *r, root_sum)))
        .collect();
    Ok((alpha, root_divs))
}

/// §9.4.1: the owner cut becomes stake of (owner hotkey, owner coldkey) when both exist.
fn pay_owner_cut(ext: &mut Ext<'_>, n: NetUid, cut: u64) -> Result<(), StorageError> {
    let owner = SUBNET_OWNER.get(&ext.state, &n)?;
    let hotkey = SUBNET_OWNER_HOTKEY.get(&ext.state, &n)?;
    if let (Some(c), Some(h)) = (owner, hotkey) {
        credit::stake_to(&mut ext.state, &h, &c, n, cut)?;
    }
    Ok(())
}

/// The owner's hotkeys that hold a uid on `n`: every hotkey of the owner coldkey, and the
/// subnet owner hotkey.
fn owner_hotkeys(s: &dyn StorageRead, n: NetUid) -> Result<BTreeSet<AccountId>, StorageError> {
    let mut set = BTreeSet::new();
    if let Some(c) = SUBNET_OWNER.get(s, &n)? {
        for h in OWNED_HOTKEYS.get(s, &c)?.unwrap_or_default() {
            if UIDS.get(s, &n, &h)?.is_some() {
                set.insert(h);
            }
        }
    }
    if let Some(h) = SUBNET_OWNER_HOTKEY.get(s, &n)? {
        if UIDS.get(s, &n, &h)?.is_some() {
            set.insert(h);
        }
    }
    Ok(set)
}

/// §9.4.2: miners' incentives as the epoch returned them; the owner's own hotkeys' share is
/// burned (`RecycleOrBurn` default: alpha stays counted in `SubnetAlphaOut`) and recorded in
/// `MinerBurned`; others go to the coldkey's `AutoStakeDestination` or the miner hotkey.
fn pay_incentives(
    ext: &mut Ext<'_>,
    n: NetUid,
    emission: &[(AccountId, u64, u64)],
    incentive_sum: u64,
) -> Result<(), StorageError> {
    let owners = owner_hotkeys(&ext.state, n)?;
    let mut withheld = 0u64;
    for (hk, inc, _) in emission {
        if *inc == 0 {
            continue;
        }
        if owners.contains(hk) {
            withheld = withheld.saturating_add(*inc);
            continue;
        }
        // A hotkey without an owner entry pays to subtensor's default account, as upstream.
        let coldkey = ownership::owner(&ext.state, hk)?.unwrap_or_default();
        let dest = AUTO_STAKE_DESTINATION
            .get(&ext.state, &coldkey, &n)?
            .unwrap_or(*hk);
        credit::stake_to(&mut ext.state, &dest, &coldkey, n, *inc)?;
    }
    let burned = fx(withheld)
        .checked_div(fx(incentive_sum))
        .unwrap_or(U96F32::from_bits(0));
    MINER_BURNED.set(&mut ext.state, n, burned.to_bits());
    Ok(())
}

fn take_of(s: &dyn StorageRead, hk: &AccountId) -> Result<U96F32, StorageError> {
    let take = crate::delegation::take(s, hk)?;
    Ok(fx(u64::from(take))
        .checked_div(fx(u64::from(u16::MAX)))
        .unwrap_or(U96F32::from_bits(0)))
}

/// §9.4.3: the validator's take is staked to (hotkey, its owner); the rest raises every
/// nominator of the hotkey pro rata and is recorded in `AlphaDividendsPerSubnet`.
fn pay_alpha_dividends(
    ext: &mut Ext<'_>,
    n: NetUid,
    divs: &[(AccountId, U96F32)],
) -> Result<(), StorageError> {
    for (hk, _) in ALPHA_DIVIDENDS_PER_SUBNET.iter_prefix(&ext.state, &n)? {
        ALPHA_DIVIDENDS_PER_SUBNET.remove(&mut ext.state, &n, &hk);
    }
    for (hk, d) in divs {
        let take = take_of(&ext.state, hk)?.saturating_mul(*d);
        let rest = floor(d.saturating_sub(take));
        let owner = ownership::owner(&ext.state, hk)?.unwrap_or_default();
        credit::stake_to(&mut ext.state, hk, &owner, n, floor(take))?;
        credit::stake_to_all(&mut ext.state, hk, n, rest)?;
        ALPHA_DIVIDENDS_PER_SUBNET.insert(&mut ext.state, &n, hk, &rest);
    }
    Ok(())
}

/// §9.4.4 and §10.3: the take is staked as alpha on `n` to (hotkey, owner); the rest raises
/// `RootClaimable[hotkey][n]` by rest / hotkey's root stake — or, when the rest exceeds that
/// stake, is staked as alpha to (hotkey, owner) instead.
fn pay_root_dividends(
    ext: &mut Ext<'_>,
    n: NetUid,
    divs: &[(AccountId, U96F32)],
) -> Result<(), StorageError> {
    for (hk, _) in ROOT_ALPHA_DIVIDENDS_PER_SUBNET.iter_prefix(&ext.state, &n)? {
        ROOT_ALPHA_DIVIDENDS_PER_SUBNET.remove(&mut ext.state, &n, &hk);
    }
    for (hk, d) in divs {
        let take = take_of(&ext.state, hk)?.saturating_mul(*d);
        let rest = floor(d.saturating_sub(take));
        let owner = ownership::owner(&ext.state, hk)?.unwrap_or_default();
        credit::stake_to(&mut ext.state, hk, &owner, n, floor(take))?;
        increase_root_claimable(ext, hk, owner, n, rest)?;
        ROOT_ALPHA_DIVIDENDS_PER_SUBNET.insert(&mut ext.state, &n, hk, &rest);
    }
    Ok(())
}

/// `increase_root_claimable` (§10.3).
fn increase_root_claimable(
    ext: &mut Ext<'_>,
    hk: &AccountId,
    owner: AccountId,
    n: NetUid,
    amount: u64,
) -> Result<(), StorageError> {
    if amount == 0 {
        return Ok(());
    }
    let root_stake = stake::hotkey_alpha(&ext.state, hk, NetUid::ROOT)?;
    if amount > root_stake {
        return credit::stake_to(&mut ext.state, hk, &owner, n, amount);
    }
    let rate = I96F32::saturating_from_num(amount)
        .checked_div(I96F32::saturating_from_num(root_stake))
        .unwrap_or(I96F32::from_bits(0));
    let mut map = ROOT_CLAIMABLE.get(&ext.state, hk)?.unwrap_or_default();
    let cur = I96F32::from_bits(map.get(&n).copied().unwrap_or(0));
    map.insert(n, cur.saturating_add(rate).to_bits());
    ROOT_CLAIMABLE.insert(&mut ext.state, hk, &map);
    Ok(())
}
