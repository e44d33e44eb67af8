//! The calls a transaction can carry, with subtensor's pallet and call indices and argument
//! order, so the SCALE bytes equal what btcli and the bittensor SDK compose.

mod admin;
mod subtensor;
mod swap;

pub use admin::{AdminUtilsCall, RecycleOrBurnEnum, SudoCall};
pub use subtensor::{
    RootClaimTypeEnum, SubnetIdentityV3, SubtensorCall, TimelockedCommit,
    MAX_CRV3_COMMIT_SIZE_BYTES,
};
pub use swap::SwapCall;

use crate::{extrinsic::MultiAddress, Balance};
use parity_scale_codec::{Decode, Encode};

/// Every call of the runtime, indexed by pallet as in subtensor's `construct_runtime!`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub enum RuntimeCall {
    /// `frame_system` (pallet 0).
    #[codec(index = 0)]
    System(SystemCall),
    /// `pallet_balances` (pallet 5).
    #[codec(index = 5)]
    Balances(BalancesCall),
    /// `pallet_subtensor` (pallet 7).
    #[codec(index = 7)]
    SubtensorModule(SubtensorCall),
    /// `pallet_sudo` (pallet 12).
    #[codec(index = 12)]
    Sudo(SudoCall),
    /// `pallet_admin_utils` (pallet 19).
    #[codec(index = 19)]
    AdminUtils(AdminUtilsCall),
    /// `pallet_subtensor_swap` (pallet 28).
    #[codec(index = 28)]
    Swap(SwapCall),
}

impl RuntimeCall {
    /// `(pallet, call)` names, as Substrate metadata and scenario files spell them.
    pub fn name(&self) -> (&'static str, &'static str) {
        match self {
            Self::System(c) => ("System", c.name()),
            Self::Balances(c) => ("Balances", c.name()),
            Self::SubtensorModule(c) => ("SubtensorModule", c.name()),
            Self::Sudo(_) => ("Sudo", "sudo"),
            Self::AdminUtils(c) => ("AdminUtils", c.name()),
            Self::Swap(c) => ("Swap", c.name()),
        }
    }
}

/// Calls of `frame_system` that users may make.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub enum SystemCall {
    /// Make some on-chain remark (does nothing but pay the fee).
    #[codec(index = 0)]
    Remark {
        /// Arbitrary bytes.
        remark: Vec<u8>,
    },
    /// Make an on-chain remark and emit `Remarked`.
    #[codec(index = 7)]
    RemarkWithEvent {
        /// Arbitrary bytes.
        remark: Vec<u8>,
    },
}

impl SystemCall {
    fn name(&self) -> &'static str {
        match self {
            Self::Remark { .. } => "remark",
            Self::RemarkWithEvent { .. } => "remark_with_event",
        }
    }
}

/// Calls of `pallet_balances` (call indices of polkadot-sdk's pallet, as subtensor runs it).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub enum BalancesCall {
    /// Transfer `value`; the sender may be reaped if left below the existential deposit.
    #[codec(index = 0)]
    TransferAllowDeath {
        /// Recipient.
        dest: MultiAddress,
        /// Amount in rao.
        #[codec(compact)]
        value: Balance,
    },
    /// Transfer `value`, failing rather than leaving the sender below the existential deposit.
    #[codec(index = 3)]
    TransferKeepAlive {
        /// Recipient.
        dest: MultiAddress,
        /// Amount in rao.
        #[codec(compact)]
        value: Balance,
    },
    /// Transfer the whole transferable balance (less the existential deposit if `keep_alive`).
    #[codec(index = 4)]
    TransferAll {
        /// Recipient.
        dest: MultiAddress,
        /// Keep the sender alive.
        keep_alive: bool,
    },
    /// Root only: set `who`'s free balance to `new_free`, minting or burning the difference
    /// (issuance follows); below the existential deposit the account is reaped.
    #[codec(index = 8)]
    ForceSetBalance {
        /// The account.
        who: MultiAddress,
        /// Its new free balance, rao.
        #[codec(compact)]
        new_free: Balance,
    },
}

impl BalancesCall {
    fn name(&self) -> &'static str {
        match self {
            Self::TransferAllowDeath { .. } => "transfer_allow_death",
            Self::TransferKeepAlive { .. } => "transfer_keep_alive",
            Self::TransferAll { .. } => "transfer_all",
            Self::ForceSetBalance { .. } => "force_set_balance",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AccountId;

    #[test]
    fn transfer_keep_alive_bytes() {
        // pallet 5, call 3, MultiAddress::Id, 32-byte key, compact(10^9) = 0x02286bee.
        let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
            dest: MultiAddress::Id(AccountId([7; 32])),
            value: Balance(1_000_000_000),
        });
        let mut want = vec![5u8, 3, 0];
        want.extend_from_slice(&[7; 32]);
        want.extend_from_slice(&[0x02, 0x28, 0x6b, 0xee]);
        assert_eq!(call.encode(), want);
        assert_eq!(RuntimeCall::decode(&mut &want[..]).unwrap(), call);
    }

    #[test]
    fn childkey_and_take_call_bytes() {
        // pallet 7, call 67: hotkey, netuid u16 LE, compact(1) children, (u64 LE, child).
        let call = RuntimeCall::SubtensorModule(SubtensorCall::SetChildren {
            hotkey: AccountId([1; 32]),
            netuid: crate::NetUid(2),
            children: vec![(u64::MAX, AccountId([3; 32]))],
        });
        let mut want = vec![7u8, 67];
        want.extend_from_slice(&[1; 32]);
        want.extend_from_slice(&[2, 0, 4]);
        want.extend_from_slice(&[0xff; 8]);
        want.extend_from_slice(&[3; 32]);
        assert_eq!(call.encode(), want);
        assert_eq!(RuntimeCall::decode(&mut &want[..]).unwrap(), call);
        // call 66 increase_take: hotkey, take u16 LE (11796 = 0x2e14).
        let call = RuntimeCall::SubtensorModule(SubtensorCall::IncreaseTake {
            hotkey: AccountId([1; 32]),
            take: 11_796,
        });
        assert_eq!(&call.encode()[..2], &[7, 66]);
        assert_eq!(&call.encode()[34..], &[0x14, 0x2e]);
        // admin-utils call 46 sudo_set_min_delegate_take(take).
        let call = RuntimeCall::AdminUtils(AdminUtilsCall::SudoSetMinDelegateTake { take: 5 });
        assert_eq!(call.encode(), vec![19, 46, 5, 0]);
        // pallet 28 (Swap) call 0 set_fee_rate: netuid u16 LE, rate u16 LE (100 = 0x64).
        let call = RuntimeCall::Swap(SwapCall::SetFeeRate {
            netuid: crate::NetUid(1),
            rate: 100,
        });
        assert_eq!(call.encode(), vec![28, 0, 1, 0, 100, 0]);
        assert_eq!(RuntimeCall::decode(&mut &call.encode()[..]).unwrap(), call);
        assert_eq!(call.name(), ("Swap", "set_fee_rate"));
        // pallet 7 call 132 add_stake_burn: hotkey, netuid, amount u64, Option<u64>.
        let call = RuntimeCall::SubtensorModule(SubtensorCall::AddStakeBurn {
            hotkey: AccountId([1; 32]),
            netuid: crate::NetUid(2),
            amount: 5,
            limit: None,
        });
        let mut want = vec![7u8, 132];
        want.extend_from_slice(&[1; 32]);
        want.extend_from_slice(&[2, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(call.encode(), want);
    }

    #[test]
    fn subtensor_and_admin_call_bytes() {
        // pallet 7, call 92, netuid 3 as a plain u16.
        let call = RuntimeCall::SubtensorModule(SubtensorCall::StartCall {
            netuid: crate::NetUid(3),
        });
        assert_eq!(call.encode(), vec![7, 92, 3, 0]);
        // pallet 19, call 30 (sudo_set_tempo), netuid 1, tempo 100.
        let call = RuntimeCall::AdminUtils(AdminUtilsCall::SudoSetTempo {
            netuid: crate::NetUid(1),
            tempo: 100,
        });
        assert_eq!(call.encode(), vec![19, 30, 1, 0, 100, 0]);
        // pallet 12 call 0 wraps it.
        let sudo = RuntimeCall::Sudo(SudoCall::Sudo {
            call: Box::new(call.clone()),
        });
        assert_eq!(sudo.encode(), [vec![12, 0], call.encode()].concat());
        assert_eq!(RuntimeCall::decode(&mut &sudo.encode()[..]).unwrap(), sudo);
        assert_eq!(
            AdminUtilsCall::from_parts("sudo_set_tempo", crate::NetUid(1), 100),
            Some(AdminUtilsCall::SudoSetTempo {
                netuid: crate::NetUid(1),
                tempo: 100
            })
        );
    }
}
