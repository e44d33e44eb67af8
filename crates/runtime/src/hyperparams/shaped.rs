//! Admin-utils setters whose arguments are not one scalar (spec-subnets §6.2): alpha values,
//! the alpha sigmoid steepness, recycle-or-burn, the owner-cut auto-lock, the mechanism count
//! and emission split (§2.12), trimming (§3.7) and the global mechanism ceiling. Each follows
//! subtensor's order: owner-or-root (with the owner's per-hyperparameter or per-transaction
//! rate limit), the admin freeze window, then its own checks. None of them emits an event
//! (as in subtensor).

use super::{in_freeze_window, items::*, AdminError};
use crate::{
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    subnets,
    subtensor::{
        storage::{RateLimitKey, LAST_RATE_LIMITED_BLOCK, TRANSACTION_KEY_LAST_BLOCK},
        Error, Origin,
    },
};
use yuma_primitives::{AccountId, AdminUtilsCall as C, NetUid};

/// `Hyperparameter` codes of the owner rate limit.
const ALPHA_VALUES_HPARAM: u8 = 17;
const ALPHA_SIGMOID_STEEPNESS_HPARAM: u8 = 20;
const RECYCLE_OR_BURN_HPARAM: u8 = 24;

/// `TransactionType` (code in `TransactionKeyLastBlock`, owner rate limit in blocks) of the
/// mechanism and trimming setters (subtensor's production limits).
type TxType = (u16, u64);
const MECHANISM_COUNT_UPDATE: TxType = (7, 7_200);
const MECHANISM_EMISSION: TxType = (8, 7_200);
const MAX_UIDS_TRIMMING: TxType = (9, 30 * 7_200);

/// `ensure_sn_owner_or_root_with_limits` with a `TransactionType` limit (owner only).
fn owner_or_root_tx(
    ext: &Ext<'_>,
    origin: Origin,
    n: NetUid,
    (code, limit): TxType,
) -> Result<Option<AccountId>, DispatchError> {
    let owner = owner_or_root(ext, origin, n, None)?;
    if let Some(who) = owner {
        let last = TRANSACTION_KEY_LAST_BLOCK
            .get(&ext.state, &(who, n, code))?
            .unwrap_or(0);
        if last != 0 && ext.block.saturating_sub(last) < limit {
            return Err(Error::TxRateLimitExceeded.into());
        }
    }
    Ok(owner)
}

/// `record_owner_rl` for a `TransactionType`.
fn record_tx(ext: &mut Ext<'_>, owner: Option<AccountId>, n: NetUid, (code, _): TxType) {
    if let Some(who) = owner {
        let now = ext.block;
        TRANSACTION_KEY_LAST_BLOCK.insert(&mut ext.state, &(who, n, code), &now);
    }
}

/// An owner-or-root setter limited by `tx`: authorise, check the freeze window, run `f`,
/// record the owner's use.
fn with_tx_limit(
    ext: &mut Ext<'_>,
    origin: Origin,
    n: NetUid,
    tx: TxType,
    f: impl FnOnce(&mut Ext<'_>) -> DispatchResult,
) -> DispatchResult {
    let owner = owner_or_root_tx(ext, origin, n, tx)?;
    ensure_window_open(ext, n)?;
    f(ext)?;
    record_tx(ext, owner, n, tx);
    Ok(())
}

/// `ensure_sn_owner_or_root_with_limits`: `Some(owner)` for the subnet owner (rate limited per
/// `hparam` to `OwnerHyperparamRateLimit × Tempo` blocks), `None` for Root.
fn owner_or_root(
    ext: &Ext<'_>,
    origin: Origin,
    n: NetUid,
    hparam: Option<u8>,
) -> Result<Option<AccountId>, DispatchError> {
    let who = match origin {
        Origin::Root => return Ok(None),
        Origin::Signed(who) if subnets::owner(&ext.state, n)? == Some(who) => who,
        Origin::Signed(_) => return Err(DispatchError::BadOrigin),
    };
    if let Some(h) = hparam {
        let last = LAST_RATE_LIMITED_BLOCK
            .get(&ext.state, &RateLimitKey::OwnerHyperparamUpdate(n, h))?
            .unwrap_or(0);
        let limit = u64::from(OWNER_HYPERPARAM_RATE_LIMIT.get(&ext.state)?)
            .saturating_mul(u64::from(TEMPO.get(&ext.state, n)?));
        if last != 0 && ext.block.saturating_sub(last) < limit {
            return Err(Error::TxRateLimitExceeded.into());
        }
    }
    Ok(Some(who))
}

/// `record_owner_rl`.
fn record(ext: &mut Ext<'_>, owner: Option<AccountId>, n: NetUid, hparam: u8) {
    if owner.is_some() {
        let now = ext.block;
        LAST_RATE_LIMITED_BLOCK.insert(
            &mut ext.state,
            &RateLimitKey::OwnerHyperparamUpdate(n, hparam),
            &now,
        );
    }
}

fn ensure_window_open(ext: &Ext<'_>, n: NetUid) -> DispatchResult {
    if in_freeze_window(ext, n, ext.block)? {
        return Err(Error::AdminActionProhibitedDuringWeightsWindow.into());
    }
    Ok(())
}

/// Executes one of these setters; `None` if `call` is not one of them.
pub(super) fn dispatch(ext: &mut Ext<'_>, origin: Origin, call: &C) -> Option<DispatchResult> {
    Some(match *call {
        C::SudoSetMechanismCount {
            netuid,
            mechanism_count,
        } => with_tx_limit(ext, origin, netuid, MECHANISM_COUNT_UPDATE, |ext| {
            subnets::mechanisms::set_mechanism_count(ext, netuid, mechanism_count)
        }),
        C::SudoSetMechanismEmissionSplit {
            netuid,
            ref maybe_split,
        } => with_tx_limit(ext, origin, netuid, MECHANISM_EMISSION, |ext| {
            subnets::mechanisms::set_emission_split(ext, netuid, maybe_split.as_deref())
        }),
        C::SudoTrimToMaxAllowedUids { netuid, max_n } => {
            with_tx_limit(ext, origin, netuid, MAX_UIDS_TRIMMING, |ext| {
                crate::neurons::trim_to_max_allowed_uids(ext, netuid, max_n)
            })
        }
        C::SudoSetMaxMechanismCount {
            max_mechanism_count,
        } => match origin {
            Origin::Root => subnets::mechanisms::set_max_mechanism_count(ext, max_mechanism_count),
            Origin::Signed(_) => Err(DispatchError::BadOrigin),
        },
        C::SudoSetAlphaValues {
            netuid,
            alpha_low,
            alpha_high,
        } => alpha_values(ext, origin, netuid, alpha_low, alpha_high),
        C::SudoSetAlphaSigmoidSteepness { netuid, steepness } => {
            sigmoid_steepness(ext, origin, netuid, steepness)
        }
        C::SudoSetRecycleOrBurn {
            netuid,
            recycle_or_burn,
        } => (|| {
            let owner = owner_or_root(ext, origin, netuid, Some(RECYCLE_OR_BURN_HPARAM))?;
            ensure_window_open(ext, netuid)?;
            RECYCLE_OR_BURN.set(&mut ext.state, netuid, recycle_or_burn);
            record(ext, owner, netuid, RECYCLE_OR_BURN_HPARAM);
            Ok(())
        })(),
        C::SudoSetOwnerCutAutoLockEnabled { netuid, enabled } => (|| {
            owner_or_root(ext, origin, netuid, None)?;
            ensure_window_open(ext, netuid)?;
            if !subnets::exists(&ext.state, netuid)? {
                return Err(AdminError::SubnetDoesNotExist.into());
            }
            if netuid == NetUid::ROOT {
                return Err(AdminError::NotPermittedOnRootSubnet.into());
            }
            OWNER_CUT_AUTO_LOCK_ENABLED.set(&mut ext.state, netuid, enabled);
            Ok(())
        })(),
        _ => return None,
    })
}

/// `sudo_set_alpha_values` → `do_set_alpha_values`: liquid alpha must be on; both bounds at
/// least 65535 / 40 = 1638 and low ≤ high.
fn alpha_values(
    ext: &mut Ext<'_>,
    origin: Origin,
    n: NetUid,
    low: u16,
    high: u16,
) -> DispatchResult {
    let owner = owner_or_root(ext, origin, n, Some(ALPHA_VALUES_HPARAM))?;
    ensure_window_open(ext, n)?;
    if !LIQUID_ALPHA_ON.get(&ext.state, n)? {
        return Err(Error::LiquidAlphaDisabled.into());
    }
    let min = u16::MAX / 40;
    if high < min {
        return Err(Error::AlphaHighTooLow.into());
    }
    if low < min || low > high {
        return Err(Error::AlphaLowOutOfRange.into());
    }
    ALPHA_VALUES.set(&mut ext.state, n, (low, high));
    record(ext, owner, n, ALPHA_VALUES_HPARAM);
    Ok(())
}

/// `sudo_set_alpha_sigmoid_steepness`: only Root may set a negative steepness.
fn sigmoid_steepness(
    ext: &mut Ext<'_>,
    origin: Origin,
    n: NetUid,
    steepness: i16,
) -> DispatchResult {
    let owner = owner_or_root(ext, origin, n, Some(ALPHA_SIGMOID_STEEPNESS_HPARAM))?;
    ensure_window_open(ext, n)?;
    if !subnets::exists(&ext.state, n)? {
        return Err(AdminError::SubnetDoesNotExist.into());
    }
    if owner.is_some() && steepness < 0 {
        return Err(AdminError::NegativeSigmoidSteepness.into());
    }
    ALPHA_SIGMOID_STEEPNESS.set(&mut ext.state, n, steepness);
    record(ext, owner, n, ALPHA_SIGMOID_STEEPNESS_HPARAM);
    Ok(())
}
