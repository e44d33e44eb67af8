//! The subtensor pallet's `Error` enum with subtensor's variant indices (spec-subnets §8.3), all
//! variants, so every module of the pallet reports errors that clients resolve by index.
//!
//! Every variant is a recoverable call failure: the call is rolled back and only the fee and
//! nonce change. Corrupt state is reported separately as `DispatchError::Corruption`.

use crate::dispatch::{DispatchError, ModuleError};

/// The pallet index of `SubtensorModule`.
pub const PALLET_INDEX: u8 = 7;

/// `pallet_subtensor::Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, scale_info::TypeInfo)]
#[repr(u8)]
pub enum Error {
    /// Subtensor error 0.
    #[error("RootNetworkDoesNotExist")]
    RootNetworkDoesNotExist = 0,
    /// Subtensor error 1.
    #[error("InvalidIpType")]
    InvalidIpType = 1,
    /// Subtensor error 2.
    #[error("InvalidIpAddress")]
    InvalidIpAddress = 2,
    /// Subtensor error 3.
    #[error("InvalidPort")]
    InvalidPort = 3,
    /// Subtensor error 4.
    #[error("HotKeyNotRegisteredInSubNet")]
    HotKeyNotRegisteredInSubNet = 4,
    /// Subtensor error 5.
    #[error("HotKeyAccountNotExists")]
    HotKeyAccountNotExists = 5,
    /// Subtensor error 6.
    #[error("HotKeyNotRegisteredInNetwork")]
    HotKeyNotRegisteredInNetwork = 6,
    /// Subtensor error 7.
    #[error("NonAssociatedColdKey")]
    NonAssociatedColdKey = 7,
    /// Subtensor error 8.
    #[error("NotEnoughStake")]
    NotEnoughStake = 8,
    /// Subtensor error 9.
    #[error("NotEnoughStakeToWithdraw")]
    NotEnoughStakeToWithdraw = 9,
    /// Subtensor error 10.
    #[error("NotEnoughStakeToSetWeights")]
    NotEnoughStakeToSetWeights = 10,
    /// Subtensor error 11.
    #[error("NotEnoughStakeToSetChildkeys")]
    NotEnoughStakeToSetChildkeys = 11,
    /// Subtensor error 12.
    #[error("NotEnoughBalanceToStake")]
    NotEnoughBalanceToStake = 12,
    /// Subtensor error 13.
    #[error("BalanceWithdrawalError")]
    BalanceWithdrawalError = 13,
    /// Subtensor error 14.
    #[error("ZeroBalanceAfterWithdrawn")]
    ZeroBalanceAfterWithdrawn = 14,
    /// Subtensor error 15.
    #[error("NeuronNoValidatorPermit")]
    NeuronNoValidatorPermit = 15,
    /// Subtensor error 16.
    #[error("WeightVecNotEqualSize")]
    WeightVecNotEqualSize = 16,
    /// Subtensor error 17.
    #[error("DuplicateUids")]
    DuplicateUids = 17,
    /// Subtensor error 18.
    #[error("UidVecContainInvalidOne")]
    UidVecContainInvalidOne = 18,
    /// Subtensor error 19.
    #[error("WeightVecLengthIsLow")]
    WeightVecLengthIsLow = 19,
    /// Subtensor error 20.
    #[error("TooManyRegistrationsThisBlock")]
    TooManyRegistrationsThisBlock = 20,
    /// Subtensor error 21.
    #[error("HotKeyAlreadyRegisteredInSubNet")]
    HotKeyAlreadyRegisteredInSubNet = 21,
    /// Subtensor error 22.
    #[error("NewHotKeyIsSameWithOld")]
    NewHotKeyIsSameWithOld = 22,
    /// Subtensor error 23.
    #[error("NewHotKeyNotCleanForRootSwap")]
    NewHotKeyNotCleanForRootSwap = 23,
    /// Subtensor error 24.
    #[error("InvalidWorkBlock")]
    InvalidWorkBlock = 24,
    /// Subtensor error 25.
    #[error("InvalidDifficulty")]
    InvalidDifficulty = 25,
    /// Subtensor error 26.
    #[error("InvalidSeal")]
    InvalidSeal = 26,
    /// Subtensor error 27.
    #[error("MaxWeightExceeded")]
    MaxWeightExceeded = 27,
    /// Subtensor error 28.
    #[error("HotKeyAlreadyDelegate")]
    HotKeyAlreadyDelegate = 28,
    /// Subtensor error 29.
    #[error("SettingWeightsTooFast")]
    SettingWeightsTooFast = 29,
    /// Subtensor error 30.
    #[error("IncorrectWeightVersionKey")]
    IncorrectWeightVersionKey = 30,
    /// Subtensor error 31.
    #[error("ServingRateLimitExceeded")]
    ServingRateLimitExceeded = 31,
    /// Subtensor error 32.
    #[error("UidsLengthExceedUidsInSubNet")]
    UidsLengthExceedUidsInSubNet = 32,
    /// Subtensor error 33.
    #[error("NetworkTxRateLimitExceeded")]
    NetworkTxRateLimitExceeded = 33,
    /// Subtensor error 34.
    #[error("DelegateTxRateLimitExceeded")]
    DelegateTxRateLimitExceeded = 34,
    /// Subtensor error 35.
    #[error("HotKeySetTxRateLimitExceeded")]
    HotKeySetTxRateLimitExceeded = 35,
    /// Subtensor error 36.
    #[error("StakingRateLimitExceeded")]
    StakingRateLimitExceeded = 36,
    /// Subtensor error 37.
    #[error("SubNetRegistrationDisabled")]
    SubNetRegistrationDisabled = 37,
    /// Subtensor error 38.
    #[error("TooManyRegistrationsThisInterval")]
    TooManyRegistrationsThisInterval = 38,
    /// Subtensor error 39.
    #[error("TransactorAccountShouldBeHotKey")]
    TransactorAccountShouldBeHotKey = 39,
    /// Subtensor error 40.
    #[error("FaucetDisabled")]
    FaucetDisabled = 40,
    /// Subtensor error 41.
    #[error("NotSubnetOwner")]
    NotSubnetOwner = 41,
    /// Subtensor error 42.
    #[error("RegistrationNotPermittedOnRootSubnet")]
    RegistrationNotPermittedOnRootSubnet = 42,
    /// Subtensor error 43.
    #[error("StakeTooLowForRoot")]
    StakeTooLowForRoot = 43,
    /// Subtensor error 44.
    #[error("AllNetworksInImmunity")]
    AllNetworksInImmunity = 44,
    /// Subtensor error 45.
    #[error("NotEnoughBalanceToPaySwapHotKey")]
    NotEnoughBalanceToPaySwapHotKey = 45,
    /// Subtensor error 46.
    #[error("NotRootSubnet")]
    NotRootSubnet = 46,
    /// Subtensor error 47.
    #[error("CanNotSetRootNetworkWeights")]
    CanNotSetRootNetworkWeights = 47,
    /// Subtensor error 48.
    #[error("NoNeuronIdAvailable")]
    NoNeuronIdAvailable = 48,
    /// Subtensor error 49.
    #[error("DelegateTakeTooLow")]
    DelegateTakeTooLow = 49,
    /// Subtensor error 50.
    #[error("DelegateTakeTooHigh")]
    DelegateTakeTooHigh = 50,
    /// Subtensor error 51.
    #[error("NoWeightsCommitFound")]
    NoWeightsCommitFound = 51,
    /// Subtensor error 52.
    #[error("InvalidRevealCommitHashNotMatch")]
    InvalidRevealCommitHashNotMatch = 52,
    /// Subtensor error 53.
    #[error("CommitRevealEnabled")]
    CommitRevealEnabled = 53,
    /// Subtensor error 54.
    #[error("CommitRevealDisabled")]
    CommitRevealDisabled = 54,
    /// Subtensor error 55.
    #[error("LiquidAlphaDisabled")]
    LiquidAlphaDisabled = 55,
    /// Subtensor error 56.
    #[error("AlphaHighTooLow")]
    AlphaHighTooLow = 56,
    /// Subtensor error 57.
    #[error("AlphaLowOutOfRange")]
    AlphaLowOutOfRange = 57,
    /// Subtensor error 58.
    #[error("ColdKeyAlreadyAssociated")]
    ColdKeyAlreadyAssociated = 58,
    /// Subtensor error 59.
    #[error("NotEnoughBalanceToPaySwapColdKey")]
    NotEnoughBalanceToPaySwapColdKey = 59,
    /// Subtensor error 60.
    #[error("InvalidChild")]
    InvalidChild = 60,
    /// Subtensor error 61.
    #[error("DuplicateChild")]
    DuplicateChild = 61,
    /// Subtensor error 62.
    #[error("ProportionOverflow")]
    ProportionOverflow = 62,
    /// Subtensor error 63.
    #[error("TooManyChildren")]
    TooManyChildren = 63,
    /// Subtensor error 64.
    #[error("TxRateLimitExceeded")]
    TxRateLimitExceeded = 64,
    /// Subtensor error 65.
    #[error("ColdkeySwapAnnouncementNotFound")]
    ColdkeySwapAnnouncementNotFound = 65,
    /// Subtensor error 66.
    #[error("ColdkeySwapTooEarly")]
    ColdkeySwapTooEarly = 66,
    /// Subtensor error 67.
    #[error("ColdkeySwapReannouncedTooEarly")]
    ColdkeySwapReannouncedTooEarly = 67,
    /// Subtensor error 68.
    #[error("AnnouncedColdkeyHashDoesNotMatch")]
    AnnouncedColdkeyHashDoesNotMatch = 68,
    /// Subtensor error 69.
    #[error("ColdkeySwapAlreadyDisputed")]
    ColdkeySwapAlreadyDisputed = 69,
    /// Subtensor error 70.
    #[error("NewColdKeyIsHotkey")]
    NewColdKeyIsHotkey = 70,
    /// Subtensor error 71.
    #[error("InvalidChildkeyTake")]
    InvalidChildkeyTake = 71,
    /// Subtensor error 72.
    #[error("TxChildkeyTakeRateLimitExceeded")]
    TxChildkeyTakeRateLimitExceeded = 72,
    /// Subtensor error 73.
    #[error("InvalidIdentity")]
    InvalidIdentity = 73,
    /// Subtensor error 74.
    #[error("MechanismDoesNotExist")]
    MechanismDoesNotExist = 74,
    /// Subtensor error 75.
    #[error("StakeUnavailable")]
    StakeUnavailable = 75,
    /// Subtensor error 76.
    #[error("SubnetNotExists")]
    SubnetNotExists = 76,
    /// Subtensor error 77.
    #[error("TooManyUnrevealedCommits")]
    TooManyUnrevealedCommits = 77,
    /// Subtensor error 78.
    #[error("ExpiredWeightCommit")]
    ExpiredWeightCommit = 78,
    /// Subtensor error 79.
    #[error("RevealTooEarly")]
    RevealTooEarly = 79,
    /// Subtensor error 80.
    #[error("InputLengthsUnequal")]
    InputLengthsUnequal = 80,
    /// Subtensor error 81.
    #[error("CommittingWeightsTooFast")]
    CommittingWeightsTooFast = 81,
    /// Subtensor error 82.
    #[error("AmountTooLow")]
    AmountTooLow = 82,
    /// Subtensor error 83.
    #[error("InsufficientLiquidity")]
    InsufficientLiquidity = 83,
    /// Subtensor error 84.
    #[error("SlippageTooHigh")]
    SlippageTooHigh = 84,
    /// Subtensor error 85.
    #[error("TransferDisallowed")]
    TransferDisallowed = 85,
    /// Subtensor error 86.
    #[error("ActivityCutoffTooLow")]
    ActivityCutoffTooLow = 86,
    /// Subtensor error 87.
    #[error("CallDisabled")]
    CallDisabled = 87,
    /// Subtensor error 88.
    #[error("FirstEmissionBlockNumberAlreadySet")]
    FirstEmissionBlockNumberAlreadySet = 88,
    /// Subtensor error 89.
    #[error("NeedWaitingMoreBlocksToStarCall")]
    NeedWaitingMoreBlocksToStarCall = 89,
    /// Subtensor error 90.
    #[error("NotEnoughAlphaOutToRecycle")]
    NotEnoughAlphaOutToRecycle = 90,
    /// Subtensor error 91.
    #[error("CannotBurnOrRecycleOnRootSubnet")]
    CannotBurnOrRecycleOnRootSubnet = 91,
    /// Subtensor error 92.
    #[error("UnableToRecoverPublicKey")]
    UnableToRecoverPublicKey = 92,
    /// Subtensor error 93.
    #[error("InvalidRecoveredPublicKey")]
    InvalidRecoveredPublicKey = 93,
    /// Subtensor error 94.
    #[error("SubtokenDisabled")]
    SubtokenDisabled = 94,
    /// Subtensor error 95.
    #[error("HotKeySwapOnSubnetIntervalNotPassed")]
    HotKeySwapOnSubnetIntervalNotPassed = 95,
    /// Subtensor error 96.
    #[error("SameNetuid")]
    SameNetuid = 96,
    /// Subtensor error 97.
    #[error("InsufficientBalance")]
    InsufficientBalance = 97,
    /// Subtensor error 98.
    #[error("InvalidLeaseBeneficiary")]
    InvalidLeaseBeneficiary = 98,
    /// Subtensor error 99.
    #[error("LeaseCannotEndInThePast")]
    LeaseCannotEndInThePast = 99,
    /// Subtensor error 100.
    #[error("LeaseNetuidNotFound")]
    LeaseNetuidNotFound = 100,
    /// Subtensor error 101.
    #[error("LeaseDoesNotExist")]
    LeaseDoesNotExist = 101,
    /// Subtensor error 102.
    #[error("LeaseHasNoEndBlock")]
    LeaseHasNoEndBlock = 102,
    /// Subtensor error 103.
    #[error("LeaseHasNotEnded")]
    LeaseHasNotEnded = 103,
    /// Subtensor error 104.
    #[error("Overflow")]
    Overflow = 104,
    /// Subtensor error 105.
    #[error("BeneficiaryDoesNotOwnHotkey")]
    BeneficiaryDoesNotOwnHotkey = 105,
    /// Subtensor error 106.
    #[error("ExpectedBeneficiaryOrigin")]
    ExpectedBeneficiaryOrigin = 106,
    /// Subtensor error 107.
    #[error("AdminActionProhibitedDuringWeightsWindow")]
    AdminActionProhibitedDuringWeightsWindow = 107,
    /// Subtensor error 108.
    #[error("SymbolDoesNotExist")]
    SymbolDoesNotExist = 108,
    /// Subtensor error 109.
    #[error("SymbolAlreadyInUse")]
    SymbolAlreadyInUse = 109,
    /// Subtensor error 110.
    #[error("IncorrectCommitRevealVersion")]
    IncorrectCommitRevealVersion = 110,
    /// Subtensor error 111.
    #[error("InvalidRevealRound")]
    InvalidRevealRound = 111,
    /// Subtensor error 112.
    #[error("RevealPeriodTooLarge")]
    RevealPeriodTooLarge = 112,
    /// Subtensor error 113.
    #[error("RevealPeriodTooSmall")]
    RevealPeriodTooSmall = 113,
    /// Subtensor error 114.
    #[error("InvalidValue")]
    InvalidValue = 114,
    /// Subtensor error 115.
    #[error("SubnetLimitReached")]
    SubnetLimitReached = 115,
    /// Subtensor error 116.
    #[error("CannotAffordLockCost")]
    CannotAffordLockCost = 116,
    /// Subtensor error 117.
    #[error("EvmKeyAssociateRateLimitExceeded")]
    EvmKeyAssociateRateLimitExceeded = 117,
    /// Subtensor error 118.
    #[error("SameAutoStakeHotkeyAlreadySet")]
    SameAutoStakeHotkeyAlreadySet = 118,
    /// Subtensor error 119.
    #[error("UidMapCouldNotBeCleared")]
    UidMapCouldNotBeCleared = 119,
    /// Subtensor error 120.
    #[error("TrimmingWouldExceedMaxImmunePercentage")]
    TrimmingWouldExceedMaxImmunePercentage = 120,
    /// Subtensor error 121.
    #[error("ChildParentInconsistency")]
    ChildParentInconsistency = 121,
    /// Subtensor error 122.
    #[error("InvalidNumRootClaim")]
    InvalidNumRootClaim = 122,
    /// Subtensor error 123.
    #[error("InvalidRootClaimThreshold")]
    InvalidRootClaimThreshold = 123,
    /// Subtensor error 124.
    #[error("InvalidSubnetNumber")]
    InvalidSubnetNumber = 124,
    /// Subtensor error 125.
    #[error("TooManyUIDsPerMechanism")]
    TooManyUIDsPerMechanism = 125,
    /// Subtensor error 126.
    #[error("VotingPowerTrackingNotEnabled")]
    VotingPowerTrackingNotEnabled = 126,
    /// Subtensor error 127.
    #[error("InvalidVotingPowerEmaAlpha")]
    InvalidVotingPowerEmaAlpha = 127,
    /// Subtensor error 128.
    #[error("Deprecated")]
    Deprecated = 128,
    /// Subtensor error 129.
    #[error("AddStakeBurnRateLimitExceeded")]
    AddStakeBurnRateLimitExceeded = 129,
    /// Subtensor error 130.
    #[error("ColdkeySwapAnnounced")]
    ColdkeySwapAnnounced = 130,
    /// Subtensor error 131.
    #[error("ColdkeySwapDisputed")]
    ColdkeySwapDisputed = 131,
    /// Subtensor error 132.
    #[error("ColdkeySwapClearTooEarly")]
    ColdkeySwapClearTooEarly = 132,
    /// Subtensor error 133.
    #[error("DisabledTemporarily")]
    DisabledTemporarily = 133,
    /// Subtensor error 134.
    #[error("RegistrationPriceLimitExceeded")]
    RegistrationPriceLimitExceeded = 134,
    /// Subtensor error 135.
    #[error("LockHotkeyMismatch")]
    LockHotkeyMismatch = 135,
    /// Subtensor error 136.
    #[error("InsufficientStakeForLock")]
    InsufficientStakeForLock = 136,
    /// Subtensor error 137.
    #[error("NoExistingLock")]
    NoExistingLock = 137,
    /// Subtensor error 138.
    #[error("ActiveLockExists")]
    ActiveLockExists = 138,
    /// Subtensor error 139.
    #[error("CannotUseSystemAccount")]
    CannotUseSystemAccount = 139,
    /// Subtensor error 140.
    #[error("UnlockAmountTooHigh")]
    UnlockAmountTooHigh = 140,
    /// Subtensor error 141.
    #[error("TempoOutOfBounds")]
    TempoOutOfBounds = 141,
    /// Subtensor error 142.
    #[error("ActivityCutoffFactorMilliOutOfBounds")]
    ActivityCutoffFactorMilliOutOfBounds = 142,
    /// Subtensor error 143.
    #[error("EpochTriggerAlreadyPending")]
    EpochTriggerAlreadyPending = 143,
    /// Subtensor error 144.
    #[error("AutoEpochAlreadyImminent")]
    AutoEpochAlreadyImminent = 144,
    /// Subtensor error 145.
    #[error("DynamicTempoBlockedByCommitReveal")]
    DynamicTempoBlockedByCommitReveal = 145,
    /// Subtensor error 146.
    #[error("AccountRejectsLockedAlpha")]
    AccountRejectsLockedAlpha = 146,
}

impl Error {
    /// The variant's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::RootNetworkDoesNotExist => "RootNetworkDoesNotExist",
            Self::InvalidIpType => "InvalidIpType",
            Self::InvalidIpAddress => "InvalidIpAddress",
            Self::InvalidPort => "InvalidPort",
            Self::HotKeyNotRegisteredInSubNet => "HotKeyNotRegisteredInSubNet",
            Self::HotKeyAccountNotExists => "HotKeyAccountNotExists",
            Self::HotKeyNotRegisteredInNetwork => "HotKeyNotRegisteredInNetwork",
            Self::NonAssociatedColdKey => "NonAssociatedColdKey",
            Self::NotEnoughStake => "NotEnoughStake",
            Self::NotEnoughStakeToWithdraw => "NotEnoughStakeToWithdraw",
            Self::NotEnoughStakeToSetWeights => "NotEnoughStakeToSetWeights",
            Self::NotEnoughStakeToSetChildkeys => "NotEnoughStakeToSetChildkeys",
            Self::NotEnoughBalanceToStake => "NotEnoughBalanceToStake",
            Self::BalanceWithdrawalError => "BalanceWithdrawalError",
            Self::ZeroBalanceAfterWithdrawn => "ZeroBalanceAfterWithdrawn",
            Self::NeuronNoValidatorPermit => "NeuronNoValidatorPermit",
            Self::WeightVecNotEqualSize => "WeightVecNotEqualSize",
            Self::DuplicateUids => "DuplicateUids",
            Self::UidVecContainInvalidOne => "UidVecContainInvalidOne",
            Self::WeightVecLengthIsLow => "WeightVecLengthIsLow",
            Self::TooManyRegistrationsThisBlock => "TooManyRegistrationsThisBlock",
            Self::HotKeyAlreadyRegisteredInSubNet => "HotKeyAlreadyRegisteredInSubNet",
            Self::NewHotKeyIsSameWithOld => "NewHotKeyIsSameWithOld",
            Self::NewHotKeyNotCleanForRootSwap => "NewHotKeyNotCleanForRootSwap",
            Self::InvalidWorkBlock => "InvalidWorkBlock",
            Self::InvalidDifficulty => "InvalidDifficulty",
            Self::InvalidSeal => "InvalidSeal",
            Self::MaxWeightExceeded => "MaxWeightExceeded",
            Self::HotKeyAlreadyDelegate => "HotKeyAlreadyDelegate",
            Self::SettingWeightsTooFast => "SettingWeightsTooFast",
            Self::IncorrectWeightVersionKey => "IncorrectWeightVersionKey",
            Self::ServingRateLimitExceeded => "ServingRateLimitExceeded",
            Self::UidsLengthExceedUidsInSubNet => "UidsLengthExceedUidsInSubNet",
            Self::NetworkTxRateLimitExceeded => "NetworkTxRateLimitExceeded",
            Self::DelegateTxRateLimitExceeded => "DelegateTxRateLimitExceeded",
            Self::HotKeySetTxRateLimitExceeded => "HotKeySetTxRateLimitExceeded",
            Self::StakingRateLimitExceeded => "StakingRateLimitExceeded",
            Self::SubNetRegistrationDisabled => "SubNetRegistrationDisabled",
            Self::TooManyRegistrationsThisInterval => "TooManyRegistrationsThisInterval",
            Self::TransactorAccountShouldBeHotKey => "TransactorAccountShouldBeHotKey",
            Self::FaucetDisabled => "FaucetDisabled",
            Self::NotSubnetOwner => "NotSubnetOwner",
            Self::RegistrationNotPermittedOnRootSubnet => "RegistrationNotPermittedOnRootSubnet",
            Self::StakeTooLowForRoot => "StakeTooLowForRoot",
            Self::AllNetworksInImmunity => "AllNetworksInImmunity",
            Self::NotEnoughBalanceToPaySwapHotKey => "NotEnoughBalanceToPaySwapHotKey",
            Self::NotRootSubnet => "NotRootSubnet",
            Self::CanNotSetRootNetworkWeights => "CanNotSetRootNetworkWeights",
            Self::NoNeuronIdAvailable => "NoNeuronIdAvailable",
            Self::DelegateTakeTooLow => "DelegateTakeTooLow",
            Self::DelegateTakeTooHigh => "DelegateTakeTooHigh",
            Self::NoWeightsCommitFound => "NoWeightsCommitFound",
            Self::InvalidRevealCommitHashNotMatch => "InvalidRevealCommitHashNotMatch",
            Self::CommitRevealEnabled => "CommitRevealEnabled",
            Self::CommitRevealDisabled => "CommitRevealDisabled",
            Self::LiquidAlphaDisabled => "LiquidAlphaDisabled",
            Self::AlphaHighTooLow => "AlphaHighTooLow",
            Self::AlphaLowOutOfRange => "AlphaLowOutOfRange",
            Self::ColdKeyAlreadyAssociated => "ColdKeyAlreadyAssociated",
            Self::NotEnoughBalanceToPaySwapColdKey => "NotEnoughBalanceToPaySwapColdKey",
            Self::InvalidChild => "InvalidChild",
            Self::DuplicateChild => "DuplicateChild",
            Self::ProportionOverflow => "ProportionOverflow",
            Self::TooManyChildren => "TooManyChildren",
            Self::TxRateLimitExceeded => "TxRateLimitExceeded",
            Self::ColdkeySwapAnnouncementNotFound => "ColdkeySwapAnnouncementNotFound",
            Self::ColdkeySwapTooEarly => "ColdkeySwapTooEarly",
            Self::ColdkeySwapReannouncedTooEarly => "ColdkeySwapReannouncedTooEarly",
            Self::AnnouncedColdkeyHashDoesNotMatch => "AnnouncedColdkeyHashDoesNotMatch",
            Self::ColdkeySwapAlreadyDisputed => "ColdkeySwapAlreadyDisputed",
            Self::NewColdKeyIsHotkey => "NewColdKeyIsHotkey",
            Self::InvalidChildkeyTake => "InvalidChildkeyTake",
            Self::TxChildkeyTakeRateLimitExceeded => "TxChildkeyTakeRateLimitExceeded",
            Self::InvalidIdentity => "InvalidIdentity",
            Self::MechanismDoesNotExist => "MechanismDoesNotExist",
            Self::StakeUnavailable => "StakeUnavailable",
            Self::SubnetNotExists => "SubnetNotExists",
            Self::TooManyUnrevealedCommits => "TooManyUnrevealedCommits",
            Self::ExpiredWeightCommit => "ExpiredWeightCommit",
            Self::RevealTooEarly => "RevealTooEarly",
            Self::InputLengthsUnequal => "InputLengthsUnequal",
            Self::CommittingWeightsTooFast => "CommittingWeightsTooFast",
            Self::AmountTooLow => "AmountTooLow",
            Self::InsufficientLiquidity => "InsufficientLiquidity",
            Self::SlippageTooHigh => "SlippageTooHigh",
            Self::TransferDisallowed => "TransferDisallowed",
            Self::ActivityCutoffTooLow => "ActivityCutoffTooLow",
            Self::CallDisabled => "CallDisabled",
            Self::FirstEmissionBlockNumberAlreadySet => "FirstEmissionBlockNumberAlreadySet",
            Self::NeedWaitingMoreBlocksToStarCall => "NeedWaitingMoreBlocksToStarCall",
            Self::NotEnoughAlphaOutToRecycle => "NotEnoughAlphaOutToRecycle",
            Self::CannotBurnOrRecycleOnRootSubnet => "CannotBurnOrRecycleOnRootSubnet",
            Self::UnableToRecoverPublicKey => "UnableToRecoverPublicKey",
            Self::InvalidRecoveredPublicKey => "InvalidRecoveredPublicKey",
            Self::SubtokenDisabled => "SubtokenDisabled",
            Self::HotKeySwapOnSubnetIntervalNotPassed => "HotKeySwapOnSubnetIntervalNotPassed",
            Self::SameNetuid => "SameNetuid",
            Self::InsufficientBalance => "InsufficientBalance",
            Self::InvalidLeaseBeneficiary => "InvalidLeaseBeneficiary",
            Self::LeaseCannotEndInThePast => "LeaseCannotEndInThePast",
            Self::LeaseNetuidNotFound => "LeaseNetuidNotFound",
            Self::LeaseDoesNotExist => "LeaseDoesNotExist",
            Self::LeaseHasNoEndBlock => "LeaseHasNoEndBlock",
            Self::LeaseHasNotEnded => "LeaseHasNotEnded",
            Self::Overflow => "Overflow",
            Self::BeneficiaryDoesNotOwnHotkey => "BeneficiaryDoesNotOwnHotkey",
            Self::ExpectedBeneficiaryOrigin => "ExpectedBeneficiaryOrigin",
            Self::AdminActionProhibitedDuringWeightsWindow => {
                "AdminActionProhibitedDuringWeightsWindow"
            }
            Self::SymbolDoesNotExist => "SymbolDoesNotExist",
            Self::SymbolAlreadyInUse => "SymbolAlreadyInUse",
            Self::IncorrectCommitRevealVersion => "IncorrectCommitRevealVersion",
            Self::InvalidRevealRound => "InvalidRevealRound",
            Self::RevealPeriodTooLarge => "RevealPeriodTooLarge",
            Self::RevealPeriodTooSmall => "RevealPeriodTooSmall",
            Self::InvalidValue => "InvalidValue",
            Self::SubnetLimitReached => "SubnetLimitReached",
            Self::CannotAffordLockCost => "CannotAffordLockCost",
            Self::EvmKeyAssociateRateLimitExceeded => "EvmKeyAssociateRateLimitExceeded",
            Self::SameAutoStakeHotkeyAlreadySet => "SameAutoStakeHotkeyAlreadySet",
            Self::UidMapCouldNotBeCleared => "UidMapCouldNotBeCleared",
            Self::TrimmingWouldExceedMaxImmunePercentage => {
                "TrimmingWouldExceedMaxImmunePercentage"
            }
            Self::ChildParentInconsistency => "ChildParentInconsistency",
            Self::InvalidNumRootClaim => "InvalidNumRootClaim",
            Self::InvalidRootClaimThreshold => "InvalidRootClaimThreshold",
            Self::InvalidSubnetNumber => "InvalidSubnetNumber",
            Self::TooManyUIDsPerMechanism => "TooManyUIDsPerMechanism",
            Self::VotingPowerTrackingNotEnabled => "VotingPowerTrackingNotEnabled",
            Self::InvalidVotingPowerEmaAlpha => "InvalidVotingPowerEmaAlpha",
            Self::Deprecated => "Deprecated",
            Self::AddStakeBurnRateLimitExceeded => "AddStakeBurnRateLimitExceeded",
            Self::ColdkeySwapAnnounced => "ColdkeySwapAnnounced",
            Self::ColdkeySwapDisputed => "ColdkeySwapDisputed",
            Self::ColdkeySwapClearTooEarly => "ColdkeySwapClearTooEarly",
            Self::DisabledTemporarily => "DisabledTemporarily",
            Self::RegistrationPriceLimitExceeded => "RegistrationPriceLimitExceeded",
            Self::LockHotkeyMismatch => "LockHotkeyMismatch",
            Self::InsufficientStakeForLock => "InsufficientStakeForLock",
            Self::NoExistingLock => "NoExistingLock",
            Self::ActiveLockExists => "ActiveLockExists",
            Self::CannotUseSystemAccount => "CannotUseSystemAccount",
            Self::UnlockAmountTooHigh => "UnlockAmountTooHigh",
            Self::TempoOutOfBounds => "TempoOutOfBounds",
            Self::ActivityCutoffFactorMilliOutOfBounds => "ActivityCutoffFactorMilliOutOfBounds",
            Self::EpochTriggerAlreadyPending => "EpochTriggerAlreadyPending",
            Self::AutoEpochAlreadyImminent => "AutoEpochAlreadyImminent",
            Self::DynamicTempoBlockedByCommitReveal => "DynamicTempoBlockedByCommitReveal",
            Self::AccountRejectsLockedAlpha => "AccountRejectsLockedAlpha",
        }
    }
}

impl From<Error> for DispatchError {
    fn from(e: Error) -> Self {
        DispatchError::Module(ModuleError {
            index: PALLET_INDEX,
            error: e as u8,
            name: e.name(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_match_subtensor() {
        assert_eq!(Error::RootNetworkDoesNotExist as u8, 0);
        assert_eq!(Error::SubnetNotExists as u8, 76);
        assert_eq!(Error::CannotUseSystemAccount as u8, 139);
        assert_eq!(Error::AccountRejectsLockedAlpha as u8, 146);
        let d: DispatchError = Error::SubnetLimitReached.into();
        assert_eq!(d.name(), "SubnetLimitReached");
    }
}
