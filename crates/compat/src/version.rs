//! The runtime version `state_getRuntimeVersion` reports.
//!
//! Its `apis` list is derived from the metadata's runtime-API declarations
//! ([`crate::runtime_api::declarations`]): each API's id is blake2b-64 of its trait name, as
//! `sp_version` computes it. `spec_version` is `yuma_runtime::version::SPEC_VERSION`; clients
//! cache metadata per spec version (`substrate-compat.md` §6.4), so it must change whenever the
//! metadata does — the test `metadata_digest_is_recorded_for_spec_version` enforces it.

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

/// `sp_version`'s id of runtime API `name`: blake2b-64 of the trait name, `0x` hex.
pub fn api_id(name: &str) -> String {
    format!(
        "0x{}",
        hex::encode(yuma_primitives::hashing::blake2_64(name.as_bytes()))
    )
}

/// The version of this runtime.
pub fn runtime_version() -> RuntimeVersion {
    // Each API's version is declared beside it (`runtime_api::Api::version`: Substrate's own
    // traits at the versions its runtimes report, `SubnetInfoRuntimeApi` at subtensor's 2).
    let apis = crate::runtime_api::api_versions()
        .into_iter()
        .map(|(name, version)| (api_id(name), version))
        .collect();
    RuntimeVersion {
        spec_name: yuma_runtime::version::SPEC_NAME.into(),
        impl_name: yuma_runtime::version::SPEC_NAME.into(),
        authoring_version: 1,
        spec_version: yuma_runtime::version::SPEC_VERSION,
        impl_version: 1,
        apis,
        transaction_version: yuma_runtime::version::TRANSACTION_VERSION,
        system_version: 1,
        state_version: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_ids_are_sp_version_ids() {
        // Well-known ids every Substrate runtime reports (polkadot.js shows them).
        assert_eq!(api_id("Core"), "0xdf6acb689907609b");
        assert_eq!(api_id("Metadata"), "0x37e397fc7c91f5e4");
        assert_eq!(api_id("TransactionPaymentApi"), "0x37c8bb1350a9a2a8");
    }
}
