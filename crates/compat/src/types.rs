//! Well-known Substrate types whose registry paths clients special-case
//! (`substrate-compat.md` §6.3).
//!
//! The types themselves are the runtime's own, with hand-written `TypeInfo` beside them:
//! `AccountId32`, `H256`, `MultiAddress`, `MultiSignature`, `Era`, `UncheckedExtrinsic` and the
//! extension list in `yuma_primitives::type_info`; `EventRecord`, `Phase`, `DispatchError`,
//! `Weight`, `DispatchClass`, `Pays` and the dispatch info in `yuma_runtime` (`type_info.rs`).
//! They are re-exported here for the runtime APIs (`RuntimeDispatchInfo` is built from
//! [`Weight`] and [`DispatchClass`]). This module adds only what the runtime has no type for:
//! the outer `RuntimeError` enum and `pallet_sudo`'s error.

use scale_info::{
    build::{Fields, Variants},
    Path, Type, TypeInfo,
};

pub use yuma_primitives::{
    extrinsic::{Era, MultiAddress, MultiSignature, SignedExtra, UncheckedExtrinsic},
    AccountId, H256,
};
pub use yuma_runtime::{
    dispatch::{DispatchError, ModuleError},
    event::{DispatchClass, DispatchInfo, EventRecord, Pays, Phase, RuntimeEvent, Weight},
    system::{AccountData, AccountInfo},
};

/// `pallet_sudo::pallet::Error`: the one error the runtime raises from the sudo pallet
/// (`RequireSudo`, index 0, raised in `yuma_runtime::executive`).
pub struct SudoError;

impl TypeInfo for SudoError {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("Error", "pallet_sudo::pallet"))
            .variant(Variants::new().variant_unit("RequireSudo", 0))
    }
}

/// The outer error enum (V15 `outer_enums.error_enum_ty`): one variant per pallet that raises
/// module errors, at the pallet's index, wrapping that pallet's `Error`.
pub struct RuntimeError;

impl TypeInfo for RuntimeError {
    type Identity = Self;
    fn type_info() -> Type {
        use yuma_runtime::{hyperparams::AdminError, subtensor::Error, swap::SwapError};
        Type::builder()
            .path(Path::new("RuntimeError", "node_subtensor_runtime"))
            .variant(
                Variants::new()
                    .variant("SubtensorModule", |v| {
                        v.index(7).fields(Fields::unnamed().field(|f| {
                            f.ty::<Error>()
                                .type_name("pallet_subtensor::Error<Runtime>")
                        }))
                    })
                    .variant("Sudo", |v| {
                        v.index(12).fields(Fields::unnamed().field(|f| {
                            f.ty::<SudoError>().type_name("pallet_sudo::Error<Runtime>")
                        }))
                    })
                    .variant("AdminUtils", |v| {
                        v.index(19).fields(Fields::unnamed().field(|f| {
                            f.ty::<AdminError>()
                                .type_name("pallet_admin_utils::Error<Runtime>")
                        }))
                    })
                    .variant("Swap", |v| {
                        v.index(28).fields(Fields::unnamed().field(|f| {
                            f.ty::<SwapError>()
                                .type_name("pallet_subtensor_swap::Error<Runtime>")
                        }))
                    }),
            )
    }
}
