//! Owner-side tempo control (subtensor's `tempo_control`): `set_tempo` resets the epoch cycle,
//! `set_activity_cutoff_factor` sets the per-mille activity cutoff, and `trigger_epoch`
//! schedules an extra epoch `AdminFreezeWindow` blocks ahead (the scheduler of
//! [`super::schedule`] fires it through `PendingEpochAt`).

use crate::{
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    hyperparams::{
        in_freeze_window,
        items::{
            ACTIVITY_CUTOFF_FACTOR_MILLI, ADMIN_FREEZE_WINDOW, COMMIT_REVEAL_WEIGHTS_ENABLED,
            OWNER_HYPERPARAM_RATE_LIMIT, TEMPO,
        },
    },
    subtensor::{storage::*, Error, Origin, ParamValue, SubtensorEvent},
};
use yuma_primitives::{AccountId, NetUid};

/// `MIN_TEMPO`: the shortest owner-set tempo, and the cooldown between `set_tempo` calls.
pub const MIN_TEMPO: u16 = 360;
/// `MAX_TEMPO`: the longest owner-set tempo.
pub const MAX_TEMPO: u16 = 50_400;
/// Bounds of `ActivityCutoffFactorMilli`.
pub const ACTIVITY_CUTOFF_FACTOR_MILLI_BOUNDS: (u32, u32) = (1_000, 50_000);
/// `TransactionType::TempoUpdate` code in `TransactionKeyLastBlock`.
const TEMPO_UPDATE: u16 = 11;
/// `Hyperparameter` codes of the owner rate limit.
const ACTIVITY_CUTOFF_FACTOR_HPARAM: u8 = 30;
const TRIGGER_EPOCH_HPARAM: u8 = 31;

/// `ensure_subnet_owner`: a signed origin that owns the subnet (Root is refused too).
fn ensure_owner(ext: &Ext<'_>, origin: Origin, n: NetUid) -> Result<AccountId, DispatchError> {
    let who = origin.signed()?;
    if SUBNET_OWNER.get(&ext.state, &n)? != Some(who) {
        return Err(DispatchError::BadOrigin);
    }
    Ok(who)
}

fn ensure_window_open(ext: &Ext<'_>, n: NetUid) -> DispatchResult {
    if in_freeze_window(ext, n, ext.block)? {
        return Err(Error::AdminActionProhibitedDuringWeightsWindow.into());
    }
    Ok(())
}

/// The owner's per-hyperparameter limit, `OwnerHyperparamRateLimit × Tempo` blocks.
fn owner_hparam_ok(ext: &Ext<'_>, n: NetUid, hparam: u8) -> Result<bool, DispatchError> {
    let last = LAST_RATE_LIMITED_BLOCK
        .get(&ext.state, &RateLimitKey::OwnerHyperparamUpdate(n, hparam))?
        .unwrap_or(0);
    let limit = u64::from(OWNER_HYPERPARAM_RATE_LIMIT.get(&ext.state)?)
        .saturating_mul(u64::from(TEMPO.get(&ext.state, n)?));
    Ok(last == 0 || ext.block.saturating_sub(last) >= limit)
}

fn record_hparam(ext: &mut Ext<'_>, n: NetUid, hparam: u8) {
    let now = ext.block;
    LAST_RATE_LIMITED_BLOCK.insert(
        &mut ext.state,
        &RateLimitKey::OwnerHyperparamUpdate(n, hparam),
        &now,
    );
}

/// `set_tempo(netuid, tempo)`: owner only, `MIN_TEMPO..=MAX_TEMPO`, outside the freeze window,
/// once per `MIN_TEMPO` blocks; the new cycle starts now (`LastEpochBlock := now`).
pub fn set_tempo(ext: &mut Ext<'_>, origin: Origin, n: NetUid, tempo: u16) -> DispatchResult {
    let who = ensure_owner(ext, origin, n)?;
    if !(MIN_TEMPO..=MAX_TEMPO).contains(&tempo) {
        return Err(Error::TempoOutOfBounds.into());
    }
    ensure_window_open(ext, n)?;
    let now = ext.block;
    let key = (who, n, TEMPO_UPDATE);
    let last = TRANSACTION_KEY_LAST_BLOCK
        .get(&ext.state, &key)?
        .unwrap_or(0);
    if last != 0 && now.saturating_sub(last) < u64::from(MIN_TEMPO) {
        return Err(Error::TxRateLimitExceeded.into());
    }
    TEMPO.set(&mut ext.state, n, tempo);
    ext.deposit_event(SubtensorEvent::ParamSet {
        index: 52,
        name: "TempoSet",
        netuid: Some(n),
        value: ParamValue::U16(tempo),
    });
    LAST_EPOCH_BLOCK.insert(&mut ext.state, &n, &now);
    TRANSACTION_KEY_LAST_BLOCK.insert(&mut ext.state, &key, &now);
    Ok(())
}

/// `set_activity_cutoff_factor(netuid, factor_milli)`: owner (freeze window and rate limit
/// apply) or Root (neither); the factor is in `1_000..=50_000` per mille of a tempo.
pub fn set_activity_cutoff_factor(
    ext: &mut Ext<'_>,
    origin: Origin,
    n: NetUid,
    factor_milli: u32,
) -> DispatchResult {
    let owner = match origin {
        Origin::Root => None,
        Origin::Signed(_) => Some(ensure_owner(ext, origin, n)?),
    };
    let (lo, hi) = ACTIVITY_CUTOFF_FACTOR_MILLI_BOUNDS;
    if !(lo..=hi).contains(&factor_milli) {
        return Err(Error::ActivityCutoffFactorMilliOutOfBounds.into());
    }
    if owner.is_some() {
        ensure_window_open(ext, n)?;
        if !owner_hparam_ok(ext, n, ACTIVITY_CUTOFF_FACTOR_HPARAM)? {
            return Err(Error::TxRateLimitExceeded.into());
        }
    }
    ACTIVITY_CUTOFF_FACTOR_MILLI.set(&mut ext.state, n, factor_milli);
    ext.deposit_event(SubtensorEvent::ActivityCutoffFactorMilliSet {
        netuid: n,
        factor_milli,
    });
    if owner.is_some() {
        record_hparam(ext, n, ACTIVITY_CUTOFF_FACTOR_HPARAM);
    }
    Ok(())
}

/// `trigger_epoch(netuid)`: the owner schedules an epoch at `now + AdminFreezeWindow`, unless
/// commit–reveal is on, one is already pending, or the automatic one comes sooner.
pub fn trigger_epoch(ext: &mut Ext<'_>, origin: Origin, n: NetUid) -> DispatchResult {
    let who = ensure_owner(ext, origin, n)?;
    if COMMIT_REVEAL_WEIGHTS_ENABLED.get(&ext.state, n)? {
        return Err(Error::DynamicTempoBlockedByCommitReveal.into());
    }
    if PENDING_EPOCH_AT.get(&ext.state, &n)?.unwrap_or(0) != 0 {
        return Err(Error::EpochTriggerAlreadyPending.into());
    }
    let now = ext.block;
    let window = u64::from(ADMIN_FREEZE_WINDOW.get(&ext.state)?);
    let tempo = TEMPO.get(&ext.state, n)?;
    let remaining = if tempo == 0 {
        u64::MAX
    } else {
        let last = LAST_EPOCH_BLOCK.get(&ext.state, &n)?.unwrap_or(0);
        last.saturating_add(u64::from(tempo)).saturating_sub(now)
    };
    if remaining < window {
        return Err(Error::AutoEpochAlreadyImminent.into());
    }
    if !owner_hparam_ok(ext, n, TRIGGER_EPOCH_HPARAM)? {
        return Err(Error::TxRateLimitExceeded.into());
    }
    let fires_at = now.saturating_add(window);
    PENDING_EPOCH_AT.insert(&mut ext.state, &n, &fires_at);
    record_hparam(ext, n, TRIGGER_EPOCH_HPARAM);
    ext.deposit_event(SubtensorEvent::EpochTriggered {
        netuid: n,
        by: who,
        fires_at,
    });
    Ok(())
}
