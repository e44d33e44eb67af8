//! The calls a transaction can carry, with subtensor's pallet and call indices and argument
//! order, so the SCALE bytes equal what btcli and the bittensor SDK compose.

use crate::{extrinsic::MultiAddress, Balance};
use parity_scale_codec::{Decode, Encode};

/// Every call of the runtime, indexed by pallet as in subtensor's `construct_runtime!`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum RuntimeCall {
    /// `frame_system` (pallet 0).
    #[codec(index = 0)]
    System(SystemCall),
    /// `pallet_balances` (pallet 5).
    #[codec(index = 5)]
    Balances(BalancesCall),
}

impl RuntimeCall {
    /// `(pallet, call)` names, as Substrate metadata and scenario files spell them.
    pub fn name(&self) -> (&'static str, &'static str) {
        match self {
            Self::System(c) => ("System", c.name()),
            Self::Balances(c) => ("Balances", c.name()),
        }
    }
}

/// Calls of `frame_system` that users may make.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
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
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
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
}

impl BalancesCall {
    fn name(&self) -> &'static str {
        match self {
            Self::TransferAllowDeath { .. } => "transfer_allow_death",
            Self::TransferKeepAlive { .. } => "transfer_keep_alive",
            Self::TransferAll { .. } => "transfer_all",
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
}
