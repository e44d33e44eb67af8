//! V15 and V14 metadata, built once from the runtime's calls, events, errors, storage items,
//! constants and runtime APIs.
//!
//! CONTRACT (used by `runtime_api` and the node's RPC; keep these signatures):
//! - [`metadata_at_version`]`(v)`: the `RuntimeMetadataPrefixed` bytes ("meta" ‖ version ‖
//!   metadata) for `v` in [`SUPPORTED_VERSIONS`], else `None`.

/// Metadata versions served (`Metadata_metadata_versions`).
pub const SUPPORTED_VERSIONS: [u32; 2] = [14, 15];

/// The encoded `RuntimeMetadataPrefixed` of version `version`, or `None` if not served.
pub fn metadata_at_version(version: u32) -> Option<&'static [u8]> {
    let _ = version;
    None
}
