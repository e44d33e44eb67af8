//! Transaction fees: the one place that says what a call costs.
//!
//! As in subtensor's runtime (`pallet_transaction_payment` with `LinearWeightToFee` and
//! `IdentityFee` for length, fee multiplier fixed at 1):
//!
//! ```text
//! fee = weight_to_fee(BASE_WEIGHT + call weight) + encoded length in bytes + tip   (Pays::Yes)
//! fee = tip                                                                      (Pays::No)
//! weight_to_fee(w) = w.ref_time × 500_000 / 10^9     (Perbill 0.0005, rounded down)
//! ```
//!
//! Call weights are yuma's own benchmark-free estimates of the same order as subtensor's
//! benchmarked weights (a transfer costs about 0.000136 τ), not copies of them. Fees are
//! paid to the block author; with no author (scenarios) they are burned
//! ([`crate::balances::settle_fee`]).

use crate::event::{DispatchClass, DispatchInfo, Pays, Weight};
use yuma_primitives::{
    call::{BalancesCall, SubtensorCall, SystemCall},
    RuntimeCall,
};

/// Weight of any extrinsic before its call (Substrate's `ExtrinsicBaseWeight`, 125 µs).
pub const BASE_WEIGHT: u64 = 125_000_000;

/// Parts per billion of a weight unit charged in rao (`Perbill::from_parts(500_000)`).
pub const WEIGHT_FEE_PER_BILLION: u64 = 500_000;

/// The weight and fee class of a call.
pub fn dispatch_info(call: &RuntimeCall) -> DispatchInfo {
    let (ref_time, pays) = match call {
        RuntimeCall::System(SystemCall::Remark { remark })
        | RuntimeCall::System(SystemCall::RemarkWithEvent { remark }) => {
            (2_000_000 + 1_000 * remark.len() as u64, Pays::Yes)
        }
        RuntimeCall::Balances(BalancesCall::TransferAllowDeath { .. }) => (150_000_000, Pays::Yes),
        RuntimeCall::Balances(BalancesCall::TransferKeepAlive { .. }) => (145_000_000, Pays::Yes),
        RuntimeCall::Balances(BalancesCall::TransferAll { .. }) => (155_000_000, Pays::Yes),
        // Root only (inside `Sudo.sudo`, whose own weight is what is charged).
        RuntimeCall::Balances(BalancesCall::ForceSetBalance { .. }) => (40_000_000, Pays::Yes),
        RuntimeCall::SubtensorModule(c) => subtensor_weight(c),
        RuntimeCall::Sudo(_) => (50_000_000, Pays::Yes),
        RuntimeCall::AdminUtils(_) => (20_000_000, Pays::Yes),
        RuntimeCall::Swap(_) => (20_000_000, Pays::Yes),
    };
    DispatchInfo {
        weight: Weight {
            ref_time,
            proof_size: 3_593,
        },
        class: DispatchClass::Normal,
        pays_fee: pays,
    }
}

/// Weights of subtensor calls; weight, commit, reveal and serve calls are fee-free
/// (spec-subnets §8.1).
fn subtensor_weight(c: &SubtensorCall) -> (u64, Pays) {
    match c {
        SubtensorCall::SetWeights { dests, .. } => {
            (20_000_000 + 100_000 * dests.len() as u64, Pays::No)
        }
        SubtensorCall::CommitWeights { .. } | SubtensorCall::CommitMechanismWeights { .. } => {
            (50_000_000, Pays::No)
        }
        SubtensorCall::CommitTimelockedWeights { .. }
        | SubtensorCall::CommitTimelockedMechanismWeights { .. }
        | SubtensorCall::CommitCrv3MechanismWeights { .. } => (80_000_000, Pays::No),
        SubtensorCall::SetMechanismWeights { dests, .. } => {
            (20_000_000 + 100_000 * dests.len() as u64, Pays::No)
        }
        SubtensorCall::RevealMechanismWeights { uids, .. } => {
            (80_000_000 + 100_000 * uids.len() as u64, Pays::No)
        }
        SubtensorCall::BatchSetWeights { netuids, .. } => {
            (20_000_000 + 20_000_000 * netuids.len() as u64, Pays::No)
        }
        SubtensorCall::BatchCommitWeights { netuids, .. } => {
            (50_000_000 + 50_000_000 * netuids.len() as u64, Pays::No)
        }
        SubtensorCall::BatchRevealWeights { uids_list, .. } => {
            (80_000_000 + 80_000_000 * uids_list.len() as u64, Pays::No)
        }
        SubtensorCall::RevealWeights { uids, .. } => {
            (80_000_000 + 100_000 * uids.len() as u64, Pays::No)
        }
        SubtensorCall::ServeAxon { .. }
        | SubtensorCall::ServeAxonTls { .. }
        | SubtensorCall::ServePrometheus { .. } => (25_000_000, Pays::No),
        SubtensorCall::BurnedRegister { .. }
        | SubtensorCall::RootRegister { .. }
        | SubtensorCall::Register { .. }
        | SubtensorCall::RegisterLimit { .. } => (350_000_000, Pays::Yes),
        SubtensorCall::RegisterNetwork { .. }
        | SubtensorCall::RegisterNetworkWithIdentity { .. } => (600_000_000, Pays::Yes),
        SubtensorCall::RootDissolveNetwork { .. } | SubtensorCall::DissolveNetwork { .. } => {
            (1_000_000_000, Pays::Yes)
        }
        SubtensorCall::SwapHotkey { .. }
        | SubtensorCall::SwapHotkeyV2 { .. }
        | SubtensorCall::AnnounceColdkeySwap { .. }
        | SubtensorCall::SwapColdkeyAnnounced { .. }
        | SubtensorCall::SwapColdkey { .. } => (200_000_000, Pays::Yes),
        SubtensorCall::SetTempo { .. }
        | SubtensorCall::SetActivityCutoffFactor { .. }
        | SubtensorCall::TriggerEpoch { .. } => (30_000_000, Pays::Yes),
        SubtensorCall::DisputeColdkeySwap {}
        | SubtensorCall::ScheduleSwapColdkey { .. }
        | SubtensorCall::ResetColdkeySwap { .. }
        | SubtensorCall::ClearColdkeySwapAnnouncement {} => (30_000_000, Pays::Yes),
        SubtensorCall::DecreaseTake { .. } | SubtensorCall::IncreaseTake { .. } => {
            (40_000_000, Pays::No)
        }
        SubtensorCall::SetChildren { children, .. } => {
            (200_000_000 + 50_000_000 * children.len() as u64, Pays::Yes)
        }
        SubtensorCall::SetChildkeyTake { .. } => (40_000_000, Pays::Yes),
        SubtensorCall::SudoSetTxChildkeyTakeRateLimit { .. }
        | SubtensorCall::SudoSetMinChildkeyTake { .. }
        | SubtensorCall::SudoSetMaxChildkeyTake { .. }
        | SubtensorCall::SetPendingChildkeyCooldown { .. } => (10_000_000, Pays::Yes),
        SubtensorCall::AddStake { .. }
        | SubtensorCall::AddStakeLimit { .. }
        | SubtensorCall::RemoveStake { .. }
        | SubtensorCall::RemoveStakeLimit { .. }
        | SubtensorCall::RemoveStakeFullLimit { .. }
        | SubtensorCall::RecycleAlpha { .. }
        | SubtensorCall::BurnAlpha { .. } => (250_000_000, Pays::Yes),
        SubtensorCall::AddStakeBurn { .. } => (300_000_000, Pays::Yes),
        SubtensorCall::UnstakeAll { .. }
        | SubtensorCall::UnstakeAllAlpha { .. }
        | SubtensorCall::MoveStake { .. }
        | SubtensorCall::TransferStake { .. }
        | SubtensorCall::SwapStake { .. }
        | SubtensorCall::SwapStakeLimit { .. } => (400_000_000, Pays::Yes),
        SubtensorCall::StartCall { .. }
        | SubtensorCall::TryAssociateHotkey { .. }
        | SubtensorCall::UpdateSymbol { .. }
        | SubtensorCall::SetSubnetIdentity { .. } => (30_000_000, Pays::Yes),
        SubtensorCall::ClaimRoot { subnets } => (150_000_000 * subnets.len() as u64, Pays::Yes),
        SubtensorCall::SetRootClaimType { .. } => (20_000_000, Pays::Yes),
        SubtensorCall::SudoSetNumRootClaims { .. }
        | SubtensorCall::SudoSetRootClaimThreshold { .. } => (10_000_000, Pays::Yes),
    }
}

/// Rao charged for `weight` (rounded down).
pub fn weight_to_fee(weight: u64) -> u64 {
    ((weight as u128 * WEIGHT_FEE_PER_BILLION as u128) / 1_000_000_000) as u64
}

/// The fee of a transaction of `len` encoded bytes carrying a call with `info`, plus `tip`.
pub fn compute_fee(len: usize, info: &DispatchInfo, tip: u64) -> u64 {
    match info.pays_fee {
        Pays::No => tip,
        Pays::Yes => weight_to_fee(BASE_WEIGHT.saturating_add(info.weight.ref_time))
            .saturating_add(len as u64)
            .saturating_add(tip),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yuma_primitives::{extrinsic::MultiAddress, AccountId, Balance};

    #[test]
    fn transfer_fee_by_hand() {
        let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
            dest: MultiAddress::Id(AccountId([0; 32])),
            value: Balance(1),
        });
        let info = dispatch_info(&call);
        // (125e6 + 145e6) × 0.0005 = 135_000 rao, + 140 bytes, + tip 7.
        assert_eq!(compute_fee(140, &info, 7), 135_000 + 140 + 7);
        assert_eq!(
            compute_fee(
                140,
                &DispatchInfo {
                    pays_fee: Pays::No,
                    ..info
                },
                7
            ),
            7
        );
    }
}
