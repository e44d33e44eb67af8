//! Stake as per-(hotkey, netuid) share pools (spec-staking-swap §2.2): `TotalHotkeyAlpha` is
//! the pool's value, `TotalHotkeySharesV2` its denominator and `AlphaV2` each coldkey's
//! shares, so `add_to_all` (dividends) raises every nominator pro rata.
//!
//! yuma starts with the V2 maps only: subtensor's legacy `Alpha`/`TotalHotkeyShares` (U64F64)
//! maps and their lazy migration are not needed on a new chain.

use super::safe_float::SafeFloat;
use crate::{
    storage::{Overlay, StorageDoubleMap, StorageError, StorageNMap, StorageRead},
    subtensor::storage::{PALLET, STAKING_HOTKEYS},
};
use yuma_primitives::{hashing::StorageHasher, AccountId, NetUid};

const B2: StorageHasher = StorageHasher::Blake2_128Concat;
const ID: StorageHasher = StorageHasher::Identity;

/// `TotalHotkeyAlpha`: (hotkey, netuid) → all alpha attributed to the hotkey.
pub const TOTAL_HOTKEY_ALPHA: StorageDoubleMap<AccountId, NetUid, u64> =
    StorageDoubleMap::new(PALLET, "TotalHotkeyAlpha", B2, ID);
/// `TotalHotkeySharesV2`: (hotkey, netuid) → the share denominator.
pub const TOTAL_HOTKEY_SHARES_V2: StorageDoubleMap<AccountId, NetUid, SafeFloat> =
    StorageDoubleMap::new(PALLET, "TotalHotkeySharesV2", B2, ID);
/// `AlphaV2`: (hotkey, coldkey, netuid) → that coldkey's shares.
pub const ALPHA_V2: StorageNMap<(AccountId, AccountId, NetUid), SafeFloat> =
    StorageNMap::new(PALLET, "AlphaV2", &[B2, B2, ID]);

/// The pool's value `S`.
pub fn hotkey_alpha(s: &dyn StorageRead, hot: &AccountId, n: NetUid) -> Result<u64, StorageError> {
    Ok(TOTAL_HOTKEY_ALPHA.get(s, hot, &n)?.unwrap_or(0))
}

fn denominator(s: &dyn StorageRead, hot: &AccountId, n: NetUid) -> Result<SafeFloat, StorageError> {
    Ok(TOTAL_HOTKEY_SHARES_V2.get(s, hot, &n)?.unwrap_or_default())
}

fn share(
    s: &dyn StorageRead,
    hot: &AccountId,
    cold: &AccountId,
    n: NetUid,
) -> Result<Option<SafeFloat>, StorageError> {
    ALPHA_V2.get(s, &(*hot, *cold, n))
}

/// `floor(S · shares / D)`, 0 when `D` is zero.
pub fn value_of_shares(
    s: &dyn StorageRead,
    hot: &AccountId,
    n: NetUid,
    shares: &SafeFloat,
) -> Result<u64, StorageError> {
    let sv = SafeFloat::from(hotkey_alpha(s, hot, n)?);
    let d = denominator(s, hot, n)?;
    Ok(sv.mul_div(shares, &d).unwrap_or_default().to_u64())
}

/// A coldkey's alpha through a hotkey on a subnet (`get_stake_for_hotkey_and_coldkey_on_subnet`).
pub fn alpha_stake(
    s: &dyn StorageRead,
    hot: &AccountId,
    cold: &AccountId,
    n: NetUid,
) -> Result<u64, StorageError> {
    match share(s, hot, cold, n)? {
        Some(sh) => value_of_shares(s, hot, n, &sh),
        None => Ok(0),
    }
}

fn set_value(st: &mut Overlay<'_>, hot: &AccountId, n: NetUid, v: u64) {
    if v != 0 {
        TOTAL_HOTKEY_ALPHA.insert(st, hot, &n, &v);
    } else {
        TOTAL_HOTKEY_ALPHA.remove(st, hot, &n);
    }
}

/// `add_to_all(±delta)`: changes the pool's value, so every share's value (§2.2.2).
pub fn update_value_for_all(
    st: &mut Overlay<'_>,
    hot: &AccountId,
    n: NetUid,
    delta: i128,
) -> Result<(), StorageError> {
    let sv = hotkey_alpha(st, hot, n)?;
    set_value(st, hot, n, moved(sv, delta));
    Ok(())
}

/// The pool's value `sv` moved by `delta` (saturating both ways).
fn moved(sv: u64, delta: i128) -> u64 {
    let mag = u64::try_from(delta.unsigned_abs()).unwrap_or(u64::MAX);
    if delta >= 0 {
        sv.saturating_add(mag)
    } else {
        sv.saturating_sub(mag)
    }
}

/// Shares that `|delta|` alpha is worth now: `|delta| · D / S` (0 when `S` is 0).
fn shares_per_update(sv: u64, d: &SafeFloat, mag: u64) -> SafeFloat {
    SafeFloat::from(mag)
        .mul_div(d, &SafeFloat::from(sv))
        .unwrap_or_default()
}

/// `can_add`: whether staking `alpha` would create a non-zero number of shares.
pub fn can_add(
    s: &dyn StorageRead,
    hot: &AccountId,
    n: NetUid,
    alpha: u64,
) -> Result<bool, StorageError> {
    let d = denominator(s, hot, n)?;
    if d.is_zero() {
        return Ok(true);
    }
    Ok(!shares_per_update(hotkey_alpha(s, hot, n)?, &d, alpha).is_zero())
}

/// `update_one(cold, ±delta)`: stake or unstake exactly `|delta|` alpha (§2.2.2).
pub fn update_value_for_one(
    st: &mut Overlay<'_>,
    hot: &AccountId,
    cold: &AccountId,
    n: NetUid,
    delta: i128,
) -> Result<(), StorageError> {
    // Each key is hashed once for its read and its write (the credit is the payouts' hot
    // path). A zero denominator, share or value is removed rather than stored.
    let k_value = TOTAL_HOTKEY_ALPHA.key(hot, &n);
    let k_den = TOTAL_HOTKEY_SHARES_V2.key(hot, &n);
    let k_share = ALPHA_V2.key(&(*hot, *cold, n));
    let sv = TOTAL_HOTKEY_ALPHA.get_at(st, &k_value)?.unwrap_or(0);
    let cur = ALPHA_V2.get_at(st, &k_share)?.unwrap_or_default();
    let d = TOTAL_HOTKEY_SHARES_V2
        .get_at(st, &k_den)?
        .unwrap_or_default();
    let mag = u64::try_from(delta.unsigned_abs()).unwrap_or(u64::MAX);
    let (nd, ns) = if d.is_zero() {
        // The first staker gets everything, including value left without shares.
        let f = SafeFloat::from(mag);
        (f, f)
    } else {
        let spu = shares_per_update(sv, &d, mag);
        if delta > 0 {
            (d.add(&spu).unwrap_or(d), cur.add(&spu).unwrap_or(cur))
        } else {
            (d.sub(&spu).unwrap_or(d), cur.sub(&spu).unwrap_or(cur))
        }
    };
    if nd.is_zero() {
        st.delete(&k_den);
    } else {
        TOTAL_HOTKEY_SHARES_V2.insert_at(st, &k_den, &nd);
    }
    if ns.is_zero() {
        st.delete(&k_share);
    } else {
        ALPHA_V2.insert_at(st, &k_share, &ns);
    }
    let v = moved(sv, delta);
    if v != 0 {
        TOTAL_HOTKEY_ALPHA.insert_at(st, &k_value, &v);
    } else {
        st.delete(&k_value);
    }
    Ok(())
}

/// `increase_stake_for_hotkey_and_coldkey_on_subnet`: credits `alpha` to (hot, cold) and
/// records the hotkey in the coldkey's `StakingHotkeys`.
pub fn increase_stake_for_hotkey_and_coldkey_on_subnet(
    st: &mut Overlay<'_>,
    hot: &AccountId,
    cold: &AccountId,
    n: NetUid,
    alpha: u64,
) -> Result<(), StorageError> {
    if alpha > 0 {
        let mut list = STAKING_HOTKEYS.get(st, cold)?.unwrap_or_default();
        if !list.contains(hot) {
            list.push(*hot);
            STAKING_HOTKEYS.insert(st, cold, &list);
        }
    }
    update_value_for_one(st, hot, cold, n, i128::from(alpha))
}

/// `decrease_stake_for_hotkey_and_coldkey_on_subnet`: debits `alpha` if the position holds
/// at least that much, otherwise does nothing (callers validate first).
pub fn decrease_stake_for_hotkey_and_coldkey_on_subnet(
    st: &mut Overlay<'_>,
    hot: &AccountId,
    cold: &AccountId,
    n: NetUid,
    alpha: u64,
) -> Result<(), StorageError> {
    let Some(sh) = share(st, hot, cold, n)? else {
        return Ok(());
    };
    if value_of_shares(st, hot, n, &sh)? >= alpha {
        update_value_for_one(st, hot, cold, n, -i128::from(alpha))?;
    }
    Ok(())
}

/// `increase_stake_for_hotkey_on_subnet`: raises every nominator of `hot` pro rata.
pub fn increase_stake_for_hotkey_on_subnet(
    st: &mut Overlay<'_>,
    hot: &AccountId,
    n: NetUid,
    alpha: u64,
) -> Result<(), StorageError> {
    update_value_for_all(st, hot, n, i128::from(alpha))
}

/// `decrease_stake_for_hotkey_on_subnet`: lowers every nominator of `hot` pro rata.
pub fn decrease_stake_for_hotkey_on_subnet(
    st: &mut Overlay<'_>,
    hot: &AccountId,
    n: NetUid,
    alpha: u64,
) -> Result<(), StorageError> {
    update_value_for_all(st, hot, n, -i128::from(alpha))
}

/// A position's key: (hotkey, coldkey, netuid).
pub type PositionKey = (AccountId, AccountId, NetUid);

/// Every position `(hotkey, coldkey, netuid) → shares` (for dissolution and key swaps).
pub fn positions(s: &dyn StorageRead) -> Result<Vec<(PositionKey, SafeFloat)>, StorageError> {
    ALPHA_V2.iter_prefix(s, &[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStore;

    fn acc(b: u8) -> AccountId {
        AccountId([b; 32])
    }

    #[test]
    fn worked_example_2_2_3() {
        let base = MemoryStore::default();
        let mut st = Overlay::new(&base);
        let (h, a, b, o, c) = (acc(1), acc(2), acc(3), acc(4), acc(5));
        let n = NetUid(1);
        // A stakes 600, B stakes 400.
        increase_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &a, n, 600).unwrap();
        increase_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &b, n, 400).unwrap();
        assert_eq!(alpha_stake(&st, &h, &a, n).unwrap(), 600);
        assert_eq!(alpha_stake(&st, &h, &b, n).unwrap(), 400);
        // Scaled by 10^9 rao: the owner gets 17.9995 α as new shares, 82.0005 α to all.
        let e9 = 1_000_000_000u64;
        let mut st = Overlay::new(&base);
        increase_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &a, n, 600 * e9).unwrap();
        increase_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &b, n, 400 * e9).unwrap();
        increase_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &o, n, 17_999_500_000)
            .unwrap();
        increase_stake_for_hotkey_on_subnet(&mut st, &h, n, 82_000_500_000).unwrap();
        assert_eq!(hotkey_alpha(&st, &h, n).unwrap(), 1100 * e9);
        // A = 1100·600/1017.9995 = 648.3304…, B = 432.2202…, O = 19.4494…
        let va = alpha_stake(&st, &h, &a, n).unwrap();
        let vb = alpha_stake(&st, &h, &b, n).unwrap();
        let vo = alpha_stake(&st, &h, &o, n).unwrap();
        assert_eq!(va / 10_000_000, 64_833);
        assert_eq!(vb / 10_000_000, 43_222);
        assert_eq!(vo / 10_000_000, 1_944);
        assert!(va + vb + vo <= 1100 * e9 && va + vb + vo >= 1100 * e9 - 3);
        // C stakes 110 α and holds exactly 110 α (±1 rao).
        increase_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &c, n, 110 * e9).unwrap();
        let vc = alpha_stake(&st, &h, &c, n).unwrap();
        assert!(vc == 110 * e9 || vc == 110 * e9 - 1, "{vc}");
    }

    #[test]
    fn precision_cases_from_staking2() {
        let base = MemoryStore::default();
        let (h, a) = (acc(1), acc(2));
        let n = NetUid(1);
        let mut st = Overlay::new(&base);
        increase_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &a, n, 1000).unwrap();
        decrease_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &a, n, 999).unwrap();
        assert_eq!(alpha_stake(&st, &h, &a, n).unwrap(), 1);
        let mut st = Overlay::new(&base);
        increase_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &a, n, 1_000_000_000_000)
            .unwrap();
        decrease_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &a, n, 999_999_999_990)
            .unwrap();
        assert_eq!(alpha_stake(&st, &h, &a, n).unwrap(), 10);
        // Unstaking more than held is a silent no-op.
        decrease_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &a, n, 11).unwrap();
        assert_eq!(alpha_stake(&st, &h, &a, n).unwrap(), 10);
        // Unstaking everything removes the entries.
        decrease_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &a, n, 10).unwrap();
        assert_eq!(ALPHA_V2.get(&st, &(h, a, n)).unwrap(), None);
        assert_eq!(TOTAL_HOTKEY_ALPHA.get(&st, &h, &n).unwrap(), None);
    }

    #[test]
    fn injected_value_is_shared() {
        // Stake 1 rao, inject 2 α, second staker adds 0.5 α → first has 2 α + 1 rao.
        let base = MemoryStore::default();
        let (h, a, b) = (acc(1), acc(2), acc(3));
        let n = NetUid(1);
        let mut st = Overlay::new(&base);
        increase_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &a, n, 1).unwrap();
        increase_stake_for_hotkey_on_subnet(&mut st, &h, n, 2_000_000_000).unwrap();
        increase_stake_for_hotkey_and_coldkey_on_subnet(&mut st, &h, &b, n, 500_000_000).unwrap();
        assert_eq!(alpha_stake(&st, &h, &a, n).unwrap(), 2_000_000_001);
        let vb = alpha_stake(&st, &h, &b, n).unwrap();
        assert!((499_999_999..=500_000_001).contains(&vb), "{vb}");
    }
}
