//! Calls of the admin-utils pallet (pallet 19) that set subnet hyperparameters and global
//! parameters, with subtensor's call indices and argument names (spec-subnets §6), and the
//! sudo pallet's `sudo` wrapper (pallet 12).

use crate::{AccountId, NetUid, RuntimeCall};
use parity_scale_codec::{Decode, Encode};

macro_rules! admin_calls {
    (
        subnet { $($sidx:literal $sname:literal $svar:ident($sarg:ident: $sty:ty);)* }
        global { $($gidx:literal $gname:literal $gvar:ident($garg:ident: $gty:ty);)* }
        account { $($aidx:literal $aname:literal $avar:ident;)* }
        custom { $($cidx:literal $cname:literal $cvar:ident { $($cf:ident: $cty:ty),* };)* }
    ) => {
        /// `pallet_admin_utils::Call` (the implemented subset).
        #[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
        pub enum AdminUtilsCall {
            $(
                #[doc = concat!("`", $sname, "(netuid, ", stringify!($sarg), ")`.")]
                #[codec(index = $sidx)]
                $svar {
                    /// Subnet.
                    netuid: NetUid,
                    /// New value.
                    $sarg: $sty,
                },
            )*
            $(
                #[doc = concat!("`", $gname, "(", stringify!($garg), ")`.")]
                #[codec(index = $gidx)]
                $gvar {
                    /// New value.
                    $garg: $gty,
                },
            )*
            $(
                #[doc = concat!("`", $aname, "(netuid, hotkey)`.")]
                #[codec(index = $aidx)]
                $avar {
                    /// Subnet.
                    netuid: NetUid,
                    /// The new owner hotkey.
                    hotkey: AccountId,
                },
            )*
            $(
                #[doc = concat!("`", $cname, "(netuid, ", $(stringify!($cf), ", ",)* ")`.")]
                #[codec(index = $cidx)]
                $cvar {
                    /// Subnet.
                    netuid: NetUid,
                    $(
                        #[doc = concat!("`", stringify!($cf), "`.")]
                        $cf: $cty,
                    )*
                },
            )*
        }

        impl AdminUtilsCall {
            /// The call's name, as in subtensor.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Self::$svar { .. } => $sname,)*
                    $(Self::$gvar { .. } => $gname,)*
                    $(Self::$avar { .. } => $aname,)*
                    $(Self::$cvar { .. } => $cname,)*
                }
            }

            /// The subnet a per-subnet setter targets.
            pub fn netuid(&self) -> Option<NetUid> {
                match self {
                    $(Self::$svar { netuid, .. } => Some(*netuid),)*
                    $(Self::$gvar { .. } => None,)*
                    $(Self::$avar { netuid, .. } => Some(*netuid),)*
                    $(Self::$cvar { netuid, .. } => Some(*netuid),)*
                }
            }

            /// The new value, widened to u64 (bools as 0/1; 0 for setters of other shapes).
            pub fn value(&self) -> u64 {
                match self {
                    $(Self::$svar { $sarg, .. } => AsU64::widen(*$sarg),)*
                    $(Self::$gvar { $garg } => AsU64::widen(*$garg),)*
                    $(Self::$avar { .. } => 0,)*
                    $(Self::$cvar { .. } => 0,)*
                }
            }

            /// Builds the setter `name` from its netuid (ignored by global setters) and value;
            /// `None` for an unknown name, a value out of the argument's type range, or a
            /// setter whose argument is an account.
            pub fn from_parts(name: &str, netuid: NetUid, value: u64) -> Option<Self> {
                match name {
                    $($sname => Some(Self::$svar { netuid, $sarg: AsU64::narrow(value)? }),)*
                    $($gname => Some(Self::$gvar { $garg: AsU64::narrow(value)? }),)*
                    _ => None,
                }
            }

            /// Every setter name, with whether it takes a netuid.
            pub const NAMES: &'static [(&'static str, bool)] = &[
                $(($sname, true),)*
                $(($gname, false),)*
            ];
        }
    };
}

/// Widening of setter values.
trait AsU64: Sized {
    fn widen(self) -> u64;
    fn narrow(v: u64) -> Option<Self>;
}

impl AsU64 for u64 {
    fn widen(self) -> u64 {
        self
    }
    fn narrow(v: u64) -> Option<Self> {
        Some(v)
    }
}

impl AsU64 for u8 {
    fn widen(self) -> u64 {
        self.into()
    }
    fn narrow(v: u64) -> Option<Self> {
        v.try_into().ok()
    }
}

impl AsU64 for u16 {
    fn widen(self) -> u64 {
        self.into()
    }
    fn narrow(v: u64) -> Option<Self> {
        v.try_into().ok()
    }
}

impl AsU64 for bool {
    fn widen(self) -> u64 {
        self.into()
    }
    fn narrow(v: u64) -> Option<Self> {
        match v {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

admin_calls! {
    subnet {
        3 "sudo_set_serving_rate_limit" SudoSetServingRateLimit(serving_rate_limit: u64);
        4 "sudo_set_min_difficulty" SudoSetMinDifficulty(min_difficulty: u64);
        5 "sudo_set_max_difficulty" SudoSetMaxDifficulty(max_difficulty: u64);
        8 "sudo_set_adjustment_interval" SudoSetAdjustmentInterval(adjustment_interval: u16);
        9 "sudo_set_adjustment_alpha" SudoSetAdjustmentAlpha(adjustment_alpha: u64);
        18 "sudo_set_activity_cutoff" SudoSetActivityCutoff(activity_cutoff: u16);
        20 "sudo_set_network_pow_registration_allowed" SudoSetNetworkPowRegistrationAllowed(registration_allowed: bool);
        21 "sudo_set_target_registrations_per_interval" SudoSetTargetRegistrationsPerInterval(target_registrations_per_interval: u16);
        24 "sudo_set_difficulty" SudoSetDifficulty(difficulty: u64);
        27 "sudo_set_max_registrations_per_block" SudoSetMaxRegistrationsPerBlock(max_registrations_per_block: u16);
        50 "sudo_set_liquid_alpha_enabled" SudoSetLiquidAlphaEnabled(enabled: bool);
        60 "sudo_set_bonds_penalty" SudoSetBondsPenalty(bonds_penalty: u16);
        61 "sudo_set_toggle_transfer" SudoSetToggleTransfer(toggle: bool);
        65 "sudo_set_ema_price_halving_period" SudoSetEmaPriceHalvingPeriod(ema_halving: u64);
        66 "sudo_set_subtoken_enabled" SudoSetSubtokenEnabled(subtoken_enabled: bool);
        70 "sudo_set_bonds_reset_enabled" SudoSetBondsResetEnabled(enabled: bool);
        92 "sudo_set_owner_cut_enabled" SudoSetOwnerCutEnabled(enabled: bool);
        94 "sudo_set_subnet_emission_enabled" SudoSetSubnetEmissionEnabled(enabled: bool);
        6 "sudo_set_weights_version_key" SudoSetWeightsVersionKey(weights_version_key: u64);
        7 "sudo_set_weights_set_rate_limit" SudoSetWeightsSetRateLimit(weights_set_rate_limit: u64);
        13 "sudo_set_immunity_period" SudoSetImmunityPeriod(immunity_period: u16);
        14 "sudo_set_min_allowed_weights" SudoSetMinAllowedWeights(min_allowed_weights: u16);
        15 "sudo_set_max_allowed_uids" SudoSetMaxAllowedUids(max_allowed_uids: u16);
        16 "sudo_set_kappa" SudoSetKappa(kappa: u16);
        17 "sudo_set_rho" SudoSetRho(rho: u16);
        19 "sudo_set_network_registration_allowed" SudoSetNetworkRegistrationAllowed(registration_allowed: bool);
        22 "sudo_set_min_burn" SudoSetMinBurn(min_burn: u64);
        23 "sudo_set_max_burn" SudoSetMaxBurn(max_burn: u64);
        25 "sudo_set_max_allowed_validators" SudoSetMaxAllowedValidators(max_allowed_validators: u16);
        26 "sudo_set_bonds_moving_average" SudoSetBondsMovingAverage(bonds_moving_average: u64);
        30 "sudo_set_tempo" SudoSetTempo(tempo: u16);
        49 "sudo_set_commit_reveal_weights_enabled" SudoSetCommitRevealWeightsEnabled(enabled: bool);
        57 "sudo_set_commit_reveal_weights_interval" SudoSetCommitRevealWeightsInterval(interval: u64);
        69 "sudo_set_yuma3_enabled" SudoSetYuma3Enabled(enabled: bool);
        72 "sudo_set_owner_immune_neuron_limit" SudoSetOwnerImmuneNeuronLimit(immune_neurons: u16);
        79 "sudo_set_min_allowed_uids" SudoSetMinAllowedUids(min_allowed_uids: u16);
        84 "sudo_set_min_non_immune_uids" SudoSetMinNonImmuneUids(min: u16);
        89 "sudo_set_burn_half_life" SudoSetBurnHalfLife(burn_half_life: u16);
        93 "sudo_set_min_childkey_take_per_subnet" SudoSetMinChildkeyTakePerSubnet(take: u16);
    }
    global {
        29 "sudo_set_network_rate_limit" SudoSetNetworkRateLimit(rate_limit: u64);
        35 "sudo_set_network_immunity_period" SudoSetNetworkImmunityPeriod(immunity_period: u64);
        36 "sudo_set_network_min_lock_cost" SudoSetNetworkMinLockCost(lock_cost: u64);
        37 "sudo_set_subnet_limit" SudoSetSubnetLimit(max_subnets: u16);
        38 "sudo_set_lock_reduction_interval" SudoSetLockReductionInterval(interval: u64);
        42 "sudo_set_stake_threshold" SudoSetStakeThreshold(min_stake: u64);
        74 "sudo_set_admin_freeze_window" SudoSetAdminFreezeWindow(window: u16);
        85 "sudo_set_start_call_delay" SudoSetStartCallDelay(delay: u64);
        86 "sudo_set_coldkey_swap_announcement_delay" SudoSetColdkeySwapAnnouncementDelay(duration: u64);
        87 "sudo_set_coldkey_swap_reannouncement_delay" SudoSetColdkeySwapReannouncementDelay(duration: u64);
        1 "sudo_set_default_take" SudoSetDefaultTake(default_take: u16);
        45 "sudo_set_tx_delegate_take_rate_limit" SudoSetTxDelegateTakeRateLimit(tx_rate_limit: u64);
        46 "sudo_set_min_delegate_take" SudoSetMinDelegateTake(take: u16);
        88 "sudo_set_max_mechanism_count" SudoSetMaxMechanismCount(max_mechanism_count: u8);
    }
    account {
        64 "sudo_set_subnet_owner_hotkey" SudoSetSubnetOwnerHotkey;
        67 "sudo_set_sn_owner_hotkey" SudoSetSnOwnerHotkey;
    }
    custom {
        51 "sudo_set_alpha_values" SudoSetAlphaValues { alpha_low: u16, alpha_high: u16 };
        68 "sudo_set_alpha_sigmoid_steepness" SudoSetAlphaSigmoidSteepness { steepness: i16 };
        80 "sudo_set_recycle_or_burn" SudoSetRecycleOrBurn { recycle_or_burn: RecycleOrBurnEnum };
        95 "sudo_set_owner_cut_auto_lock_enabled" SudoSetOwnerCutAutoLockEnabled { enabled: bool };
        76 "sudo_set_mechanism_count" SudoSetMechanismCount { mechanism_count: u8 };
        77 "sudo_set_mechanism_emission_split" SudoSetMechanismEmissionSplit { maybe_split: Option<Vec<u16>> };
        78 "sudo_trim_to_max_allowed_uids" SudoTrimToMaxAllowedUids { max_n: u16 };
    }
}

/// `RecycleOrBurnEnum`: what happens to the miner emission sent to the owner's uids.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub enum RecycleOrBurnEnum {
    /// Burn it (the default).
    #[default]
    Burn,
    /// Recycle it.
    Recycle,
}

/// `pallet_sudo::Call` (only `sudo`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub enum SudoCall {
    /// Dispatch `call` with the Root origin; the signer must be `Sudo.Key`.
    #[codec(index = 0)]
    Sudo {
        /// The call to run as Root.
        call: Box<RuntimeCall>,
    },
}
