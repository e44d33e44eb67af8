//! Subnet hyperparameters and global parameters (spec-subnets §6): the storage items with
//! their defaults ([`items`]) and the admin-utils setters (pallet 19), authorised as §6.1
//! says — Root, or the subnet owner for owner-settable ones (rate limited per hyperparameter
//! to `OwnerHyperparamRateLimit × Tempo` blocks), most of them closed during the admin freeze
//! window before the subnet's next epoch.
//!
//! Root is the sudo key: through `Sudo.sudo(call)`, or (a yuma convenience, so scenario files
//! can write `sudo_set_tempo` with origin `//Alice`) by signing an admin-utils call directly.
//! Deviations: `sudo_set_yuma3_enabled` and `sudo_set_owner_immune_neuron_limit`
//! emit no event (their admin-utils events are not modelled).

mod error;
pub mod items;
mod shaped;

pub use error::AdminError;

use crate::{
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    subnets,
    subtensor::{
        storage::{
            RateLimitKey, LAST_EPOCH_BLOCK, LAST_RATE_LIMITED_BLOCK, PENDING_EPOCH_AT,
            SUBNETWORK_N, TRANSACTION_KEY_LAST_BLOCK,
        },
        Error, Origin, ParamValue, SubtensorEvent,
    },
};
use items::*;
use yuma_primitives::{AdminUtilsCall as C, NetUid, RAO_PER_TAO};

/// Where a setter writes.
enum Target {
    U16(&'static Param<u16>),
    U64(&'static Param<u64>),
    Bool(&'static Param<bool>),
    GU16(&'static Global<u16>),
    GU64(&'static Global<u64>),
}

/// How a setter is authorised and reported.
struct Rule {
    target: Target,
    /// The subnet owner may call it (else Root only).
    owner: bool,
    /// Closed during the admin freeze window.
    freeze: bool,
    /// The subnet must exist.
    exists: bool,
    /// `Hyperparameter` index for the owner rate limit.
    hparam: Option<u8>,
    /// Event variant (index, name).
    event: Option<(u8, &'static str)>,
}

const fn rule(
    target: Target,
    owner: bool,
    freeze: bool,
    hparam: Option<u8>,
    event: Option<(u8, &'static str)>,
) -> Rule {
    Rule {
        target,
        owner,
        freeze,
        exists: true,
        hparam,
        event,
    }
}

fn rule_of(call: &C) -> Rule {
    use Target::*;
    match call {
        C::SudoSetServingRateLimit { .. } => rule(
            U64(&SERVING_RATE_LIMIT),
            true,
            true,
            Some(1),
            Some((35, "ServingRateLimitSet")),
        ),
        C::SudoSetMinDifficulty { .. } => rule(
            U64(&MIN_DIFFICULTY),
            false,
            true,
            None,
            Some((33, "MinDifficultySet")),
        ),
        C::SudoSetMaxDifficulty { .. } => rule(
            U64(&MAX_DIFFICULTY),
            true,
            true,
            Some(2),
            Some((34, "MaxDifficultySet")),
        ),
        C::SudoSetAdjustmentInterval { .. } => rule(
            U16(&ADJUSTMENT_INTERVAL),
            false,
            false,
            None,
            Some((12, "AdjustmentIntervalSet")),
        ),
        C::SudoSetAdjustmentAlpha { .. } => rule(
            U64(&ADJUSTMENT_ALPHA),
            true,
            true,
            Some(3),
            Some((55, "AdjustmentAlphaSet")),
        ),
        C::SudoSetActivityCutoff { .. } => rule(
            U16(&ACTIVITY_CUTOFF),
            true,
            true,
            Some(9),
            Some((15, "ActivityCutoffSet")),
        ),
        C::SudoSetNetworkPowRegistrationAllowed { .. } => rule(
            Bool(&NETWORK_POW_REGISTRATION_ALLOWED),
            false,
            false,
            None,
            None,
        ),
        C::SudoSetTargetRegistrationsPerInterval { .. } => rule(
            U16(&TARGET_REGISTRATIONS_PER_INTERVAL),
            false,
            true,
            None,
            Some((13, "RegistrationPerIntervalSet")),
        ),
        C::SudoSetDifficulty { .. } => rule(
            U64(&DIFFICULTY),
            false,
            true,
            None,
            Some((11, "DifficultySet")),
        ),
        C::SudoSetMaxRegistrationsPerBlock { .. } => rule(
            U16(&MAX_REGISTRATIONS_PER_BLOCK),
            false,
            true,
            None,
            Some((14, "MaxRegistrationsPerBlockSet")),
        ),
        C::SudoSetLiquidAlphaEnabled { .. } => {
            rule(Bool(&LIQUID_ALPHA_ON), true, true, Some(16), None)
        }
        C::SudoSetBondsPenalty { .. } => rule(
            U16(&BONDS_PENALTY),
            true,
            true,
            Some(14),
            Some((25, "BondsPenaltySet")),
        ),
        C::SudoSetToggleTransfer { .. } => rule(
            Bool(&TRANSFER_TOGGLE),
            true,
            true,
            Some(19),
            Some((93, "TransferToggle")),
        ),
        C::SudoSetEmaPriceHalvingPeriod { .. } => Rule {
            exists: false,
            ..rule(U64(&EMA_PRICE_HALVING_BLOCKS), false, false, None, None)
        },
        C::SudoSetSubtokenEnabled { .. } => rule(Bool(&SUBTOKEN_ENABLED), false, true, None, None),
        C::SudoSetBondsResetEnabled { .. } => rule(
            Bool(&BONDS_RESET_ON),
            true,
            true,
            Some(22),
            Some((26, "BondsResetOnSet")),
        ),
        C::SudoSetOwnerCutEnabled { .. } => rule(Bool(&OWNER_CUT_ENABLED), true, true, None, None),
        C::SudoSetSubnetEmissionEnabled { .. } => {
            rule(Bool(&SUBNET_EMISSION_ENABLED), false, false, None, None)
        }
        C::SudoSetWeightsVersionKey { .. } => rule(
            U64(&WEIGHTS_VERSION_KEY),
            true,
            true,
            None,
            Some((32, "WeightsVersionKeySet")),
        ),
        C::SudoSetWeightsSetRateLimit { .. } => rule(
            U64(&WEIGHTS_SET_RATE_LIMIT),
            false,
            false,
            None,
            Some((22, "WeightsSetRateLimitSet")),
        ),
        C::SudoSetImmunityPeriod { .. } => rule(
            U16(&IMMUNITY_PERIOD),
            true,
            true,
            Some(5),
            Some((23, "ImmunityPeriodSet")),
        ),
        C::SudoSetMinAllowedWeights { .. } => rule(
            U16(&MIN_ALLOWED_WEIGHTS),
            true,
            true,
            Some(6),
            Some((19, "MinAllowedWeightSet")),
        ),
        C::SudoSetMaxAllowedUids { .. } => rule(
            U16(&MAX_ALLOWED_UIDS),
            true,
            true,
            Some(25),
            Some((9, "MaxAllowedUidsSet")),
        ),
        C::SudoSetKappa { .. } => rule(U16(&KAPPA), false, false, None, Some((18, "KappaSet"))),
        C::SudoSetRho { .. } => rule(U16(&RHO), true, true, Some(8), Some((16, "RhoSet"))),
        C::SudoSetNetworkRegistrationAllowed { .. } => Rule {
            exists: false,
            ..rule(
                Bool(&NETWORK_REGISTRATION_ALLOWED),
                false,
                false,
                None,
                Some((50, "RegistrationAllowed")),
            )
        },
        C::SudoSetMinBurn { .. } => rule(
            U64(&MIN_BURN),
            true,
            true,
            Some(11),
            Some((38, "MinBurnSet")),
        ),
        C::SudoSetMaxBurn { .. } => rule(
            U64(&MAX_BURN),
            true,
            true,
            Some(12),
            Some((37, "MaxBurnSet")),
        ),
        C::SudoSetMaxAllowedValidators { .. } => rule(
            U16(&MAX_ALLOWED_VALIDATORS),
            false,
            true,
            None,
            Some((27, "MaxAllowedValidatorsSet")),
        ),
        C::SudoSetBondsMovingAverage { .. } => rule(
            U64(&BONDS_MOVING_AVERAGE),
            true,
            true,
            Some(13),
            Some((24, "BondsMovingAverageSet")),
        ),
        C::SudoSetTempo { .. } => rule(U16(&TEMPO), false, true, None, Some((52, "TempoSet"))),
        C::SudoSetCommitRevealWeightsEnabled { .. } => rule(
            Bool(&COMMIT_REVEAL_WEIGHTS_ENABLED),
            true,
            true,
            Some(15),
            Some((101, "CommitRevealEnabled")),
        ),
        C::SudoSetCommitRevealWeightsInterval { .. } => rule(
            U64(&REVEAL_PERIOD_EPOCHS),
            true,
            true,
            Some(18),
            Some((100, "CommitRevealPeriodsSet")),
        ),
        C::SudoSetYuma3Enabled { .. } => rule(Bool(&YUMA3_ON), true, true, Some(21), None),
        C::SudoSetOwnerImmuneNeuronLimit { .. } => {
            rule(U16(&IMMUNE_OWNER_UIDS_LIMIT), true, true, Some(23), None)
        }
        C::SudoSetMinAllowedUids { .. } => rule(
            U16(&MIN_ALLOWED_UIDS),
            false,
            true,
            None,
            Some((111, "MinAllowedUidsSet")),
        ),
        C::SudoSetMinNonImmuneUids { .. } => Rule {
            exists: false,
            ..rule(
                U16(&MIN_NON_IMMUNE_UIDS),
                false,
                false,
                None,
                Some((113, "MinNonImmuneUidsSet")),
            )
        },
        C::SudoSetBurnHalfLife { .. } => rule(
            U16(&BURN_HALF_LIFE),
            true,
            true,
            Some(26),
            Some((124, "BurnHalfLifeSet")),
        ),
        C::SudoSetNetworkRateLimit { .. } => rule(
            GU64(&NETWORK_RATE_LIMIT),
            false,
            false,
            None,
            Some((58, "NetworkRateLimitSet")),
        ),
        C::SudoSetNetworkImmunityPeriod { .. } => rule(
            GU64(&NETWORK_IMMUNITY_PERIOD),
            false,
            false,
            None,
            Some((59, "NetworkImmunityPeriodSet")),
        ),
        C::SudoSetNetworkMinLockCost { .. } => rule(
            GU64(&NETWORK_MIN_LOCK_COST),
            false,
            false,
            None,
            Some((61, "NetworkMinLockCostSet")),
        ),
        C::SudoSetSubnetLimit { .. } => rule(
            GU16(&SUBNET_LIMIT),
            false,
            false,
            None,
            Some((62, "SubnetLimitSet")),
        ),
        C::SudoSetLockReductionInterval { .. } => rule(
            GU64(&NETWORK_LOCK_REDUCTION_INTERVAL),
            false,
            false,
            None,
            Some((63, "NetworkLockCostReductionIntervalSet")),
        ),
        C::SudoSetStakeThreshold { .. } => rule(
            GU64(&STAKE_THRESHOLD),
            false,
            false,
            None,
            Some((54, "StakeThresholdSet")),
        ),
        C::SudoSetAdminFreezeWindow { .. } => rule(
            GU16(&ADMIN_FREEZE_WINDOW),
            false,
            false,
            None,
            Some((43, "AdminFreezeWindowSet")),
        ),
        C::SudoSetColdkeySwapAnnouncementDelay { .. } => rule(
            GU64(&COLDKEY_SWAP_ANNOUNCEMENT_DELAY),
            false,
            false,
            None,
            Some((81, "ColdkeySwapAnnouncementDelaySet")),
        ),
        C::SudoSetColdkeySwapReannouncementDelay { .. } => rule(
            GU64(&COLDKEY_SWAP_REANNOUNCEMENT_DELAY),
            false,
            false,
            None,
            Some((82, "ColdkeySwapReannouncementDelaySet")),
        ),
        // Dispatched by `set_owner_hotkey` or `shaped` before any rule is looked up.
        C::SudoSetSnOwnerHotkey { .. }
        | C::SudoSetSubnetOwnerHotkey { .. }
        | C::SudoSetAlphaValues { .. }
        | C::SudoSetAlphaSigmoidSteepness { .. }
        | C::SudoSetRecycleOrBurn { .. }
        | C::SudoSetOwnerCutAutoLockEnabled { .. }
        | C::SudoSetMechanismCount { .. }
        | C::SudoSetMechanismEmissionSplit { .. }
        | C::SudoTrimToMaxAllowedUids { .. }
        | C::SudoSetMaxMechanismCount { .. } => {
            rule(U64(&WEIGHTS_VERSION_KEY), false, false, None, None)
        }
        C::SudoSetDefaultTake { .. } => rule(
            GU16(&crate::delegation::MAX_DELEGATE_TAKE),
            false,
            false,
            None,
            Some((67, "MaxDelegateTakeSet")),
        ),
        C::SudoSetTxDelegateTakeRateLimit { .. } => rule(
            GU64(&crate::delegation::TX_DELEGATE_TAKE_RATE_LIMIT),
            false,
            false,
            None,
            Some((41, "TxDelegateTakeRateLimitSet")),
        ),
        C::SudoSetMinDelegateTake { .. } => rule(
            GU16(&crate::delegation::MIN_DELEGATE_TAKE),
            false,
            false,
            None,
            Some((68, "MinDelegateTakeSet")),
        ),
        C::SudoSetMinChildkeyTakePerSubnet { .. } => rule(
            U16(&crate::childkeys::MIN_CHILDKEY_TAKE_PER_SUBNET),
            true,
            true,
            Some(29),
            Some((46, "MinChildKeyTakePerSubnetSet")),
        ),
        C::SudoSetStartCallDelay { .. } => rule(
            GU64(&START_CALL_DELAY),
            false,
            false,
            None,
            Some((60, "StartCallDelaySet")),
        ),
    }
}

/// The `<Name>Set` event of every admin-utils setter that emits one (for the metadata).
pub fn param_set_events() -> Vec<crate::subtensor::ParamSetEvent> {
    C::NAMES
        .iter()
        .filter_map(|(name, per_subnet)| {
            let call = C::from_parts(name, NetUid(1), 0)?;
            let (index, name) = rule_of(&call).event?;
            let kind = match rule_of(&call).target {
                Target::U16(_) | Target::GU16(_) => ParamValue::U16(0),
                Target::U64(_) | Target::GU64(_) => ParamValue::U64(0),
                Target::Bool(_) => ParamValue::Bool(false),
            };
            Some(crate::subtensor::ParamSetEvent {
                index,
                name,
                per_subnet: *per_subnet,
                kind,
            })
        })
        .collect()
}

/// Whether `netuid` is inside its admin freeze window at `now`.
pub fn in_freeze_window(ext: &Ext<'_>, netuid: NetUid, now: u64) -> Result<bool, DispatchError> {
    let tempo = TEMPO.get(&ext.state, netuid)?;
    if tempo == 0 {
        return Ok(false);
    }
    let pending = PENDING_EPOCH_AT.get(&ext.state, &netuid)?.unwrap_or(0);
    if pending > now {
        return Ok(true);
    }
    let last = LAST_EPOCH_BLOCK.get(&ext.state, &netuid)?.unwrap_or(0);
    let remaining = last.saturating_add(u64::from(tempo)).saturating_sub(now);
    Ok(remaining < u64::from(ADMIN_FREEZE_WINDOW.get(&ext.state)?))
}

/// Value bounds of individual setters (§6.2).
#[allow(clippy::collapsible_match)]
fn check_bounds(ext: &Ext<'_>, call: &C, netuid: NetUid, owner: bool) -> DispatchResult {
    let s = &ext.state;
    match *call {
        C::SudoSetCommitRevealWeightsInterval { interval, .. } => {
            if interval == 0 {
                return Err(Error::RevealPeriodTooSmall.into());
            }
            if interval > 100 {
                return Err(Error::RevealPeriodTooLarge.into());
            }
        }
        C::SudoSetMaxAllowedUids {
            max_allowed_uids, ..
        } => {
            if max_allowed_uids < MIN_ALLOWED_UIDS.get(s, netuid)? {
                return Err(AdminError::MaxAllowedUidsLessThanMinAllowedUids.into());
            }
            if max_allowed_uids < SUBNETWORK_N.get(s, &netuid)?.unwrap_or(0) {
                return Err(AdminError::MaxAllowedUIdsLessThanCurrentUIds.into());
            }
            if max_allowed_uids > 256 {
                return Err(AdminError::MaxAllowedUidsGreaterThanDefaultMaxAllowedUids.into());
            }
            subnets::mechanisms::ensure_max_uids_over_all_mechanisms(
                max_allowed_uids,
                MECHANISM_COUNT_CURRENT.get(s, netuid)?,
            )?;
        }
        C::SudoSetMinAllowedUids {
            min_allowed_uids, ..
        } => {
            if min_allowed_uids >= MAX_ALLOWED_UIDS.get(s, netuid)? {
                return Err(AdminError::MinAllowedUidsGreaterThanMaxAllowedUids.into());
            }
            if min_allowed_uids >= SUBNETWORK_N.get(s, &netuid)?.unwrap_or(0) {
                return Err(AdminError::MinAllowedUidsGreaterThanCurrentUids.into());
            }
        }
        C::SudoSetMaxAllowedValidators {
            max_allowed_validators,
            ..
        } => {
            if max_allowed_validators > MAX_ALLOWED_UIDS.get(s, netuid)? {
                return Err(AdminError::MaxValidatorsLargerThanMaxUIds.into());
            }
        }
        C::SudoSetMinBurn { min_burn, .. } => {
            if min_burn >= RAO_PER_TAO || min_burn >= MAX_BURN.get(s, netuid)? {
                return Err(AdminError::ValueNotInBounds.into());
            }
        }
        C::SudoSetMaxBurn { max_burn, .. } => {
            if max_burn <= RAO_PER_TAO / 10 || max_burn <= MIN_BURN.get(s, netuid)? {
                return Err(AdminError::ValueNotInBounds.into());
            }
        }
        C::SudoSetBondsMovingAverage {
            bonds_moving_average,
            ..
        } => {
            if owner && bonds_moving_average > 975_000 {
                return Err(AdminError::BondsMovingAverageMaxReached.into());
            }
        }
        C::SudoSetNetworkPowRegistrationAllowed { .. } => {
            return Err(AdminError::POWRegistrationDisabled.into());
        }
        C::SudoSetActivityCutoff {
            activity_cutoff, ..
        } => {
            if activity_cutoff < MIN_ACTIVITY_CUTOFF {
                return Err(Error::ActivityCutoffTooLow.into());
            }
        }
        C::SudoSetOwnerCutEnabled { .. } | C::SudoSetSubnetEmissionEnabled { .. } => {
            if netuid == NetUid::ROOT {
                return Err(AdminError::NotPermittedOnRootSubnet.into());
            }
        }
        C::SudoSetBurnHalfLife { burn_half_life, .. } => {
            if netuid == NetUid::ROOT {
                return Err(AdminError::NotPermittedOnRootSubnet.into());
            }
            if burn_half_life == 0 || burn_half_life > 36_100 {
                return Err(AdminError::InvalidValue.into());
            }
        }
        C::SudoSetMinChildkeyTakePerSubnet { take, .. } => {
            let min = crate::childkeys::MIN_CHILDKEY_TAKE.get(s)?;
            if take < min || take > crate::childkeys::MAX_CHILDKEY_TAKE.get(s)? {
                return Err(AdminError::InvalidValue.into());
            }
        }
        C::SudoSetOwnerImmuneNeuronLimit { immune_neurons, .. } => {
            if !(1..=10).contains(&immune_neurons) {
                return Err(AdminError::InvalidValue.into());
            }
        }
        _ => {}
    }
    Ok(())
}

/// Blocks between owner-hotkey changes of one subnet (for Root too).
pub const OWNER_HOTKEY_RATE_LIMIT: u64 = 50_400;

/// `sudo_set_sn_owner_hotkey` / `sudo_set_subnet_owner_hotkey` (spec-subnets §2.10).
fn set_owner_hotkey(
    ext: &mut Ext<'_>,
    origin: Origin,
    n: NetUid,
    hotkey: &yuma_primitives::AccountId,
) -> DispatchResult {
    let now = ext.block;
    match origin {
        Origin::Root => {}
        Origin::Signed(who) if subnets::owner(&ext.state, n)? == Some(who) => {}
        Origin::Signed(_) => return Err(DispatchError::BadOrigin),
    }
    if !subnets::exists(&ext.state, n)? {
        return Err(AdminError::SubnetDoesNotExist.into());
    }
    let key = RateLimitKey::SetSNOwnerHotkey(n);
    let last = LAST_RATE_LIMITED_BLOCK.get(&ext.state, &key)?.unwrap_or(0);
    if last != 0 && now.saturating_sub(last) < OWNER_HOTKEY_RATE_LIMIT {
        return Err(Error::TxRateLimitExceeded.into());
    }
    if subnets::is_system_account(&ext.state, hotkey)? {
        return Err(Error::CannotUseSystemAccount.into());
    }
    LAST_RATE_LIMITED_BLOCK.insert(&mut ext.state, &key, &now);
    crate::subtensor::storage::SUBNET_OWNER_HOTKEY.insert(&mut ext.state, &n, hotkey);
    ext.deposit_event(SubtensorEvent::SubnetOwnerHotkeySet(n, *hotkey));
    Ok(())
}

/// `TransactionType::SetWeightsVersionKey` (code 4): an owner may change the version key once
/// per `WeightsVersionKeyRateLimit × Tempo` blocks; records the change. Root is not limited.
fn weights_version_key_rate_limit(
    ext: &mut Ext<'_>,
    origin: Origin,
    n: NetUid,
    now: u64,
) -> DispatchResult {
    let who = origin.signed()?;
    let key = (who, n, 4u16);
    let last = TRANSACTION_KEY_LAST_BLOCK
        .get(&ext.state, &key)?
        .unwrap_or(0);
    let limit = u64::from(TEMPO.get(&ext.state, n)?)
        .saturating_mul(WEIGHTS_VERSION_KEY_RATE_LIMIT.get(&ext.state)?);
    if last != 0 && now.saturating_sub(last) < limit {
        return Err(Error::TxRateLimitExceeded.into());
    }
    TRANSACTION_KEY_LAST_BLOCK.insert(&mut ext.state, &key, &now);
    Ok(())
}

/// Executes an admin-utils setter for `origin`.
pub fn dispatch(ext: &mut Ext<'_>, origin: Origin, call: &C) -> DispatchResult {
    if let C::SudoSetSnOwnerHotkey { netuid, hotkey }
    | C::SudoSetSubnetOwnerHotkey { netuid, hotkey } = call
    {
        return set_owner_hotkey(ext, origin, *netuid, hotkey);
    }
    if let Some(result) = shaped::dispatch(ext, origin, call) {
        return result;
    }
    let now = ext.block;
    let r = rule_of(call);
    let netuid = call.netuid();
    // Authorisation.
    let by_owner = match (origin, netuid) {
        (Origin::Root, _) => false,
        (Origin::Signed(who), Some(n))
            if r.owner && subnets::owner(&ext.state, n)? == Some(who) =>
        {
            true
        }
        _ => return Err(DispatchError::BadOrigin),
    };
    if let Some(n) = netuid {
        if r.exists && !subnets::exists(&ext.state, n)? {
            return Err(AdminError::SubnetDoesNotExist.into());
        }
        if by_owner {
            if let Some(h) = r.hparam {
                let key = RateLimitKey::OwnerHyperparamUpdate(n, h);
                let last = LAST_RATE_LIMITED_BLOCK.get(&ext.state, &key)?.unwrap_or(0);
                let limit = u64::from(OWNER_HYPERPARAM_RATE_LIMIT.get(&ext.state)?)
                    * u64::from(TEMPO.get(&ext.state, n)?);
                if last != 0 && now.saturating_sub(last) < limit {
                    return Err(Error::TxRateLimitExceeded.into());
                }
                LAST_RATE_LIMITED_BLOCK.insert(&mut ext.state, &key, &now);
            }
        }
        if by_owner && matches!(call, C::SudoSetWeightsVersionKey { .. }) {
            weights_version_key_rate_limit(ext, origin, n, now)?;
        }
        if r.freeze && in_freeze_window(ext, n, now)? {
            return Err(Error::AdminActionProhibitedDuringWeightsWindow.into());
        }
        check_bounds(ext, call, n, by_owner)?;
    }
    let v = call.value();
    let n = netuid.unwrap_or(NetUid::ROOT);
    let value = match r.target {
        Target::U16(p) => {
            let v = u16::try_from(v).map_err(|_| AdminError::InvalidValue)?;
            p.set(&mut ext.state, n, v);
            ParamValue::U16(v)
        }
        Target::U64(p) => {
            p.set(&mut ext.state, n, v);
            ParamValue::U64(v)
        }
        Target::Bool(p) => {
            p.set(&mut ext.state, n, v != 0);
            ParamValue::Bool(v != 0)
        }
        Target::GU16(g) => {
            let v = u16::try_from(v).map_err(|_| AdminError::InvalidValue)?;
            g.set(&mut ext.state, v);
            ParamValue::U16(v)
        }
        Target::GU64(g) => {
            g.set(&mut ext.state, v);
            ParamValue::U64(v)
        }
    };
    if matches!(call, C::SudoSetTempo { .. }) {
        LAST_EPOCH_BLOCK.insert(&mut ext.state, &n, &now);
    }
    if let Some((index, name)) = r.event {
        ext.deposit_event(SubtensorEvent::ParamSet {
            index,
            name,
            netuid,
            value,
        });
    }
    Ok(())
}
