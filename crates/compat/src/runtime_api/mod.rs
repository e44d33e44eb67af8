//! The runtime APIs served through `state_call` (`substrate-compat.md` §3).
//!
//! CONTRACT (used by `metadata` and the node's RPC; keep these signatures):
//! - [`call`]`(ctx, "Api_method", args)`: the SCALE-encoded result, or an [`ApiError`] whose
//!   message reads like Substrate's (clients match "Exported method … is not found").
//! - [`declarations`]: every API for the metadata's `apis` section.
//!
//! One table ([`APIS`]) drives both: each API is a list of [`Method`]s, and each method
//! carries its input names and types, its output type and the function that answers it, so
//! what the metadata declares is by construction what `call` decodes and encodes. Method and
//! input names, types and order mirror subtensor @14bc6f9f (`pallets/subtensor/runtime-api`,
//! `pallets/swap/runtime-api`, `runtime/src/lib.rs`); the result structs mirror its
//! `rpc_info` structs field for field (clients read fields by name).
//!
//! Values come from yuma's own state through the runtime's query and module functions; where
//! yuma lacks a concept (coldkey identities, commitments, stake locks) the answer is what
//! subtensor returns when the item is absent.

mod common;
mod core;
mod delegate_info;
mod neuron_info;
mod registration;
mod selective;
mod stake_info;
mod subnet_info;
mod subnet_names;
mod swap;
mod transaction_payment;

pub use self::core::{OpaqueMetadata, RuntimeVersion};
pub use common::{AxonInfo, ChainIdentityV2, PrometheusInfo, SubnetIdentityV3};
pub use delegate_info::DelegateInfo;
pub use neuron_info::{NeuronInfo, NeuronInfoLite};
pub use selective::SelectiveMetagraph;
pub use stake_info::{LockState, StakeAvailability, StakeInfo};
pub use subnet_info::{
    DynamicInfo, HyperparamEntry, HyperparamValue, Metagraph, SubnetHyperparams,
    SubnetHyperparamsV2, SubnetInfo, SubnetInfov2, SubnetState,
};
pub use swap::{SimSwapResult, SubnetPrice};
pub use transaction_payment::{
    DispatchClass, FeeDetails, InclusionFee, RuntimeDispatchInfo, Uxt, Weight,
};

use frame_metadata::v15::{
    RuntimeApiMetadata, RuntimeApiMethodMetadata, RuntimeApiMethodParamMetadata,
};
use scale_info::{form::MetaForm, MetaType};
use yuma_runtime::storage::{StorageError, StorageRead};

/// What a runtime API call sees: the state at the block it was asked at.
pub struct ApiContext<'a> {
    /// State after the block.
    pub state: &'a dyn StorageRead,
    /// That block's number.
    pub block_number: u64,
}

/// Why a `state_call` failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No such API method (Substrate's wording, which clients match).
    #[error("Execution failed: Other: Exported method {0} is not found")]
    NotFound(String),
    /// The arguments do not decode as the method's inputs.
    #[error("Execution failed: Other: bad arguments for {method}: {reason}")]
    BadArguments {
        /// `Api_method`.
        method: String,
        /// The decoder's message.
        reason: String,
    },
    /// The state is corrupt.
    #[error("Execution failed: Other: {0}")]
    State(String),
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        Self::State(e.to_string())
    }
}

/// The result type of every method body.
pub(crate) type ApiResult<T> = Result<T, ApiError>;

/// One runtime API method: its declaration and its implementation.
pub struct Method {
    /// Method name (`get_dynamic_info`).
    pub name: &'static str,
    /// Input names and types, in order.
    pub inputs: fn() -> Vec<(&'static str, MetaType)>,
    /// Output type.
    pub output: fn() -> MetaType,
    /// Decodes the SCALE inputs, answers, encodes the output. The `&str` is `Api_method`, for
    /// error messages.
    pub run: fn(&ApiContext<'_>, &str, &mut &[u8]) -> Result<Vec<u8>, ApiError>,
}

/// One runtime API (trait): its name and methods.
pub struct Api {
    /// Trait name (`SubnetInfoRuntimeApi`), the part of `Api_method` before the first `_`.
    pub name: &'static str,
    /// Its methods.
    pub methods: &'static [Method],
    /// Docs for the metadata.
    pub docs: &'static str,
    /// The trait's `api_version` (for `Core_version`'s `apis`; ids are blake2b-64 of `name`).
    pub version: u32,
}

/// Builds a [`Method`] from `name(arg: Type, ...) -> Output` and the function answering it,
/// `f(ctx, arg, ...) -> ApiResult<Output>`. Inputs are decoded in order as Substrate does
/// (trailing bytes are ignored, as `sp_api` ignores them).
macro_rules! method {
    ($name:literal ( $($arg:ident : $ty:ty),* ) -> $out:ty = $f:path) => {
        $crate::runtime_api::Method {
            name: $name,
            inputs: || vec![$((stringify!($arg), ::scale_info::MetaType::new::<$ty>())),*],
            output: || ::scale_info::MetaType::new::<$out>(),
            run: |ctx, method, input| {
                let _ = (&method, &input);
                $(
                    let $arg = <$ty as ::parity_scale_codec::Decode>::decode(input).map_err(|e| {
                        $crate::runtime_api::ApiError::BadArguments {
                            method: method.to_string(),
                            reason: format!("{}: {}", stringify!($arg), e),
                        }
                    })?;
                )*
                let out: $out = $f(ctx $(, $arg)*)?;
                Ok(::parity_scale_codec::Encode::encode(&out))
            },
        }
    };
}
pub(crate) use method;

/// Every API, in the order the metadata lists them.
pub static APIS: &[Api] = &[
    core::CORE,
    core::METADATA,
    transaction_payment::API,
    subnet_info::API,
    neuron_info::API,
    stake_info::API,
    delegate_info::API,
    registration::API,
    swap::API,
];

/// `(api name, api version)` of every API, for the runtime version's `apis` list.
pub fn api_versions() -> Vec<(&'static str, u32)> {
    APIS.iter().map(|a| (a.name, a.version)).collect()
}

/// The method `Api_method`, if declared.
pub fn find(method: &str) -> Option<&'static Method> {
    let (api, name) = method.split_once('_')?;
    APIS.iter()
        .find(|a| a.name == api)?
        .methods
        .iter()
        .find(|m| m.name == name)
}

/// Calls runtime API `method` (`Api_method`, as in `state_call`) with SCALE `args`.
pub fn call(ctx: &ApiContext<'_>, method: &str, args: &[u8]) -> Result<Vec<u8>, ApiError> {
    let m = find(method).ok_or_else(|| ApiError::NotFound(method.into()))?;
    let mut input = args;
    (m.run)(ctx, method, &mut input)
}

/// Every runtime API, for the metadata (V15 `apis`).
pub fn declarations() -> Vec<RuntimeApiMetadata<MetaForm>> {
    APIS.iter()
        .map(|api| RuntimeApiMetadata {
            name: api.name,
            methods: api
                .methods
                .iter()
                .map(|m| RuntimeApiMethodMetadata {
                    name: m.name,
                    inputs: (m.inputs)()
                        .into_iter()
                        .map(|(name, ty)| RuntimeApiMethodParamMetadata { name, ty })
                        .collect(),
                    output: (m.output)(),
                    docs: Vec::new(),
                })
                .collect(),
            docs: vec![api.docs],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_are_unique_per_api_and_found() {
        for api in APIS {
            assert!(!api.name.contains('_'), "{}", api.name);
            let mut names: Vec<_> = api.methods.iter().map(|m| m.name).collect();
            names.sort_unstable();
            let n = names.len();
            names.dedup();
            assert_eq!(names.len(), n, "duplicate method in {}", api.name);
            for m in api.methods {
                let full = format!("{}_{}", api.name, m.name);
                assert!(std::ptr::eq(find(&full).expect("found"), m));
            }
        }
        assert!(find("SubnetInfoRuntimeApi_nope").is_none());
        assert!(find("Nope_get_metagraph").is_none());
        assert!(find("nounderscore").is_none());
    }
}
