//! The runtime version `state_getRuntimeVersion` reports.

use serde::Serialize;

/// `sp_version::RuntimeVersion` as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeVersion {
    /// The runtime's name.
    pub spec_name: String,
    /// The implementation's name.
    pub impl_name: String,
    /// Always 1.
    pub authoring_version: u32,
    /// Signed over by every transaction; bumped whenever behaviour or metadata changes.
    pub spec_version: u32,
    /// Implementation version.
    pub impl_version: u32,
    /// `(api id as hex, version)` of every runtime API.
    pub apis: Vec<(String, u32)>,
    /// Signed over by every transaction; bumped when call indices change.
    pub transaction_version: u32,
    /// Substrate's system version (1).
    pub system_version: u8,
    /// State version (1).
    pub state_version: u8,
}

/// The version of this runtime.
pub fn runtime_version() -> RuntimeVersion {
    RuntimeVersion {
        spec_name: yuma_runtime::version::SPEC_NAME.into(),
        impl_name: yuma_runtime::version::SPEC_NAME.into(),
        authoring_version: 1,
        spec_version: yuma_runtime::version::SPEC_VERSION,
        impl_version: 1,
        apis: Vec::new(),
        transaction_version: yuma_runtime::version::TRANSACTION_VERSION,
        system_version: 1,
        state_version: 1,
    }
}
