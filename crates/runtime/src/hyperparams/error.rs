//! The admin-utils pallet's own `Error` enum (pallet 19, spec-subnets §8.2, index order).

use crate::dispatch::{DispatchError, ModuleError};

/// `pallet_admin_utils::Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, scale_info::TypeInfo)]
#[repr(u8)]
pub enum AdminError {
    /// 0.
    #[error("SubnetDoesNotExist")]
    SubnetDoesNotExist = 0,
    /// 1.
    #[error("MaxValidatorsLargerThanMaxUIds")]
    MaxValidatorsLargerThanMaxUIds = 1,
    /// 2.
    #[error("MaxAllowedUIdsLessThanCurrentUIds")]
    MaxAllowedUIdsLessThanCurrentUIds = 2,
    /// 3.
    #[error("BondsMovingAverageMaxReached")]
    BondsMovingAverageMaxReached = 3,
    /// 4.
    #[error("NegativeSigmoidSteepness")]
    NegativeSigmoidSteepness = 4,
    /// 5.
    #[error("ValueNotInBounds")]
    ValueNotInBounds = 5,
    /// 6.
    #[error("MinAllowedUidsGreaterThanCurrentUids")]
    MinAllowedUidsGreaterThanCurrentUids = 6,
    /// 7.
    #[error("MinAllowedUidsGreaterThanMaxAllowedUids")]
    MinAllowedUidsGreaterThanMaxAllowedUids = 7,
    /// 8.
    #[error("MaxAllowedUidsLessThanMinAllowedUids")]
    MaxAllowedUidsLessThanMinAllowedUids = 8,
    /// 9.
    #[error("MaxAllowedUidsGreaterThanDefaultMaxAllowedUids")]
    MaxAllowedUidsGreaterThanDefaultMaxAllowedUids = 9,
    /// 10.
    #[error("InvalidValue")]
    InvalidValue = 10,
    /// 11.
    #[error("NotPermittedOnRootSubnet")]
    NotPermittedOnRootSubnet = 11,
    /// 12.
    #[error("POWRegistrationDisabled")]
    POWRegistrationDisabled = 12,
    /// 13.
    #[error("Deprecated")]
    Deprecated = 13,
}

impl From<AdminError> for DispatchError {
    fn from(e: AdminError) -> Self {
        let name = match e {
            AdminError::SubnetDoesNotExist => "SubnetDoesNotExist",
            AdminError::MaxValidatorsLargerThanMaxUIds => "MaxValidatorsLargerThanMaxUIds",
            AdminError::MaxAllowedUIdsLessThanCurrentUIds => "MaxAllowedUIdsLessThanCurrentUIds",
            AdminError::BondsMovingAverageMaxReached => "BondsMovingAverageMaxReached",
            AdminError::NegativeSigmoidSteepness => "NegativeSigmoidSteepness",
            AdminError::ValueNotInBounds => "ValueNotInBounds",
            AdminError::MinAllowedUidsGreaterThanCurrentUids => {
                "MinAllowedUidsGreaterThanCurrentUids"
            }
            AdminError::MinAllowedUidsGreaterThanMaxAllowedUids => {
                "MinAllowedUidsGreaterThanMaxAllowedUids"
            }
            AdminError::MaxAllowedUidsLessThanMinAllowedUids => {
                "MaxAllowedUidsLessThanMinAllowedUids"
            }
            AdminError::MaxAllowedUidsGreaterThanDefaultMaxAllowedUids => {
                "MaxAllowedUidsGreaterThanDefaultMaxAllowedUids"
            }
            AdminError::InvalidValue => "InvalidValue",
            AdminError::NotPermittedOnRootSubnet => "NotPermittedOnRootSubnet",
            AdminError::POWRegistrationDisabled => "POWRegistrationDisabled",
            AdminError::Deprecated => "Deprecated",
        };
        DispatchError::Module(ModuleError {
            index: 19,
            error: e as u8,
            name,
        })
    }
}
