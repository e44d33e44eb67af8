//! `Core` (the runtime version) and `Metadata` (the encoded metadata blobs).
//!
//! Clients fetch metadata with `Metadata_metadata_at_version(15)`; polkadot.js and subxt also
//! call `Core_version` and `Metadata_metadata_versions`. Block execution methods of `Core` are
//! not served (yuma's node executes blocks natively).

use super::{method, Api, ApiContext, ApiResult};
use crate::metadata;
use parity_scale_codec::{Decode, Encode};
use scale_info::TypeInfo;

/// `sp_core::OpaqueMetadata`: the metadata blob as bytes.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct OpaqueMetadata(pub Vec<u8>);

/// `sp_version::RuntimeVersion` as SCALE (`Core_version`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct RuntimeVersion {
    pub spec_name: String,
    pub impl_name: String,
    pub authoring_version: u32,
    pub spec_version: u32,
    pub impl_version: u32,
    pub apis: Vec<([u8; 8], u32)>,
    pub transaction_version: u32,
    pub system_version: u8,
}

fn version(_: &ApiContext<'_>) -> ApiResult<RuntimeVersion> {
    let v = crate::version::runtime_version();
    let apis = v
        .apis
        .iter()
        .filter_map(|(id, ver)| {
            let bytes = hex_bytes(id)?;
            Some((<[u8; 8]>::try_from(bytes.as_slice()).ok()?, *ver))
        })
        .collect();
    Ok(RuntimeVersion {
        spec_name: v.spec_name,
        impl_name: v.impl_name,
        authoring_version: v.authoring_version,
        spec_version: v.spec_version,
        impl_version: v.impl_version,
        apis,
        transaction_version: v.transaction_version,
        system_version: v.system_version,
    })
}

/// `0x`-prefixed hex to bytes.
fn hex_bytes(s: &str) -> Option<Vec<u8>> {
    let s = s.strip_prefix("0x").unwrap_or(s);
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

fn metadata_blob(_: &ApiContext<'_>) -> ApiResult<OpaqueMetadata> {
    Ok(OpaqueMetadata(
        metadata::metadata_at_version(14)
            .map(<[u8]>::to_vec)
            .unwrap_or_default(),
    ))
}

fn metadata_at_version(_: &ApiContext<'_>, version: u32) -> ApiResult<Option<OpaqueMetadata>> {
    Ok(metadata::metadata_at_version(version).map(|b| OpaqueMetadata(b.to_vec())))
}

fn metadata_versions(_: &ApiContext<'_>) -> ApiResult<Vec<u32>> {
    Ok(metadata::SUPPORTED_VERSIONS.to_vec())
}

/// `Core`.
pub(super) const CORE: Api = Api {
    version: 5,
    name: "Core",
    docs: "The `Core` runtime api that every Substrate runtime needs to implement.",
    methods: &[method!("version"() -> RuntimeVersion = version)],
};

/// `Metadata`.
pub(super) const METADATA: Api = Api {
    version: 2,
    name: "Metadata",
    docs: "The `Metadata` api trait that returns metadata for the runtime.",
    methods: &[
        method!("metadata"() -> OpaqueMetadata = metadata_blob),
        method!("metadata_at_version"(version: u32) -> Option<OpaqueMetadata> = metadata_at_version),
        method!("metadata_versions"() -> Vec<u32> = metadata_versions),
    ],
};
