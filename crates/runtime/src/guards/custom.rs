//! `CustomTransactionError`: the codes subtensor puts in `InvalidTransaction::Custom(u8)` when
//! a guard rejects a transaction, and the mapping from the pallet error to them.

use crate::subtensor::Error;

/// subtensor's `CustomTransactionError` (common/src/transaction_error.rs), with its codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CustomTransactionError {
    /// A coldkey with an announced swap made a call other than the swap calls.
    ColdkeyInSwapSchedule = 0,
    /// Stake below the threshold (also `NotEnoughStakeToSetWeights`).
    StakeAmountTooLow = 1,
    /// Balance too low to stake.
    BalanceTooLow = 2,
    /// No such subnet.
    SubnetNotExists = 3,
    /// The hotkey has no owner.
    HotkeyAccountDoesntExist = 4,
    /// Not enough stake to withdraw.
    NotEnoughStakeToWithdraw = 5,
    /// A weights or network-registration rate limit.
    RateLimitExceeded = 6,
    /// The pool lacks liquidity.
    InsufficientLiquidity = 7,
    /// The price moved past the limit.
    SlippageTooHigh = 8,
    /// Transfers disallowed on the subnet.
    TransferDisallowed = 9,
    /// The hotkey is not registered on the subnet (serving).
    HotKeyNotRegisteredInNetwork = 10,
    /// Invalid IP address.
    InvalidIpAddress = 11,
    /// Serving too often.
    ServingRateLimitExceeded = 12,
    /// Invalid port.
    InvalidPort = 13,
    /// A zero max amount.
    ZeroMaxAmount = 14,
    /// A timelocked commit's reveal round is already past.
    InvalidRevealRound = 15,
    /// No stored commit matches the reveal.
    CommitNotFound = 16,
    /// The commit is not in its reveal epoch.
    CommitBlockNotInRevealRange = 17,
    /// Batch lists of different lengths.
    InputLengthsUnequal = 18,
    /// The hotkey has no uid on the subnet.
    UidNotFound = 19,
    /// EVM key association too frequent.
    EvmKeyAssociateRateLimitExceeded = 20,
    /// The coldkey's swap is disputed: every call is refused.
    ColdkeySwapDisputed = 21,
    /// Invalid real account (proxy).
    InvalidRealAccount = 22,
    /// A shielded transaction that does not parse.
    FailedShieldedTxParsing = 23,
    /// A shielded transaction with an unknown key hash.
    InvalidShieldedTxPubKeyHash = 24,
    /// The hotkey is owned by another coldkey.
    NonAssociatedColdKey = 25,
    /// Delegate take below the minimum.
    DelegateTakeTooLow = 26,
    /// Delegate take above the maximum.
    DelegateTakeTooHigh = 27,
    /// Any other pallet error.
    BadRequest = 255,
}

impl CustomTransactionError {
    /// The code in `InvalidTransaction::Custom`.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The variant's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::ColdkeyInSwapSchedule => "ColdkeyInSwapSchedule",
            Self::StakeAmountTooLow => "StakeAmountTooLow",
            Self::BalanceTooLow => "BalanceTooLow",
            Self::SubnetNotExists => "SubnetNotExists",
            Self::HotkeyAccountDoesntExist => "HotkeyAccountDoesntExist",
            Self::NotEnoughStakeToWithdraw => "NotEnoughStakeToWithdraw",
            Self::RateLimitExceeded => "RateLimitExceeded",
            Self::InsufficientLiquidity => "InsufficientLiquidity",
            Self::SlippageTooHigh => "SlippageTooHigh",
            Self::TransferDisallowed => "TransferDisallowed",
            Self::HotKeyNotRegisteredInNetwork => "HotKeyNotRegisteredInNetwork",
            Self::InvalidIpAddress => "InvalidIpAddress",
            Self::ServingRateLimitExceeded => "ServingRateLimitExceeded",
            Self::InvalidPort => "InvalidPort",
            Self::ZeroMaxAmount => "ZeroMaxAmount",
            Self::InvalidRevealRound => "InvalidRevealRound",
            Self::CommitNotFound => "CommitNotFound",
            Self::CommitBlockNotInRevealRange => "CommitBlockNotInRevealRange",
            Self::InputLengthsUnequal => "InputLengthsUnequal",
            Self::UidNotFound => "UidNotFound",
            Self::EvmKeyAssociateRateLimitExceeded => "EvmKeyAssociateRateLimitExceeded",
            Self::ColdkeySwapDisputed => "ColdkeySwapDisputed",
            Self::InvalidRealAccount => "InvalidRealAccount",
            Self::FailedShieldedTxParsing => "FailedShieldedTxParsing",
            Self::InvalidShieldedTxPubKeyHash => "InvalidShieldedTxPubKeyHash",
            Self::NonAssociatedColdKey => "NonAssociatedColdKey",
            Self::DelegateTakeTooLow => "DelegateTakeTooLow",
            Self::DelegateTakeTooHigh => "DelegateTakeTooHigh",
            Self::BadRequest => "BadRequest",
        }
    }
}

impl From<Error> for CustomTransactionError {
    /// subtensor's `From<Error<T>> for CustomTransactionError` (extensions/subtensor.rs).
    fn from(e: Error) -> Self {
        match e {
            Error::AmountTooLow | Error::NotEnoughStakeToSetWeights => Self::StakeAmountTooLow,
            Error::SubnetNotExists => Self::SubnetNotExists,
            Error::NotEnoughBalanceToStake => Self::BalanceTooLow,
            Error::HotKeyAccountNotExists => Self::HotkeyAccountDoesntExist,
            Error::NotEnoughStakeToWithdraw => Self::NotEnoughStakeToWithdraw,
            Error::InsufficientLiquidity => Self::InsufficientLiquidity,
            Error::SlippageTooHigh => Self::SlippageTooHigh,
            Error::TransferDisallowed => Self::TransferDisallowed,
            Error::HotKeyNotRegisteredInNetwork => Self::HotKeyNotRegisteredInNetwork,
            Error::InvalidIpAddress => Self::InvalidIpAddress,
            Error::ServingRateLimitExceeded => Self::ServingRateLimitExceeded,
            Error::InvalidPort => Self::InvalidPort,
            Error::NonAssociatedColdKey => Self::NonAssociatedColdKey,
            Error::DelegateTakeTooLow => Self::DelegateTakeTooLow,
            Error::DelegateTakeTooHigh => Self::DelegateTakeTooHigh,
            Error::InputLengthsUnequal => Self::InputLengthsUnequal,
            Error::NoWeightsCommitFound => Self::CommitNotFound,
            Error::RevealTooEarly => Self::CommitBlockNotInRevealRange,
            Error::InvalidRevealRound => Self::InvalidRevealRound,
            Error::CommittingWeightsTooFast
            | Error::SettingWeightsTooFast
            | Error::NetworkTxRateLimitExceeded => Self::RateLimitExceeded,
            Error::HotKeyNotRegisteredInSubNet => Self::UidNotFound,
            Error::EvmKeyAssociateRateLimitExceeded => Self::EvmKeyAssociateRateLimitExceeded,
            Error::ColdkeySwapAnnounced => Self::ColdkeyInSwapSchedule,
            Error::ColdkeySwapDisputed => Self::ColdkeySwapDisputed,
            _ => Self::BadRequest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_subtensor() {
        let code = |e: Error| CustomTransactionError::from(e).code();
        assert_eq!(code(Error::ColdkeySwapAnnounced), 0);
        assert_eq!(code(Error::NotEnoughStakeToSetWeights), 1);
        assert_eq!(code(Error::SettingWeightsTooFast), 6);
        assert_eq!(code(Error::NetworkTxRateLimitExceeded), 6);
        assert_eq!(code(Error::InvalidPort), 13);
        assert_eq!(code(Error::InvalidRevealRound), 15);
        assert_eq!(code(Error::NoWeightsCommitFound), 16);
        assert_eq!(code(Error::RevealTooEarly), 17);
        assert_eq!(code(Error::InputLengthsUnequal), 18);
        assert_eq!(code(Error::HotKeyNotRegisteredInSubNet), 19);
        assert_eq!(code(Error::ColdkeySwapDisputed), 21);
        assert_eq!(code(Error::DelegateTakeTooHigh), 27);
        // InvalidIpType has no code of its own.
        assert_eq!(code(Error::InvalidIpType), 255);
    }
}
