//! Shapes several APIs share (subtensor's `AxonInfo`, `PrometheusInfo`, `SubnetIdentityV3`,
//! `ChainIdentityV2`) and the small readers behind more than one API.
//!
//! Stored types are reused as they are (their `TypeInfo` describes the stored bytes); the
//! one concept yuma lacks, coldkey identities, gets its own mirror.

use super::{ApiContext, ApiResult};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::TypeInfo;
use yuma_primitives::NetUid;
use yuma_runtime::{subnets::identity::SUBNET_IDENTITIES_V3, subtensor::storage as st};

use super::subnet_names;

/// `AxonInfo`, `PrometheusInfo` and `SubnetIdentityV3` are the runtime's own stored types
/// (same fields, order and registry entry as the storage items that hold them).
pub use yuma_primitives::call::SubnetIdentityV3;
pub use yuma_runtime::subtensor::storage::{AxonInfo, PrometheusInfo};

/// `pallet_subtensor::ChainIdentityV2` (coldkey identities). yuma has no `set_identity`, so
/// every coldkey's identity is `None`, as in subtensor for a coldkey that never set one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct ChainIdentityV2 {
    pub name: Vec<u8>,
    pub url: Vec<u8>,
    pub github_repo: Vec<u8>,
    pub image: Vec<u8>,
    pub discord: Vec<u8>,
    pub description: Vec<u8>,
    pub additional: Vec<u8>,
}

/// Bytes as subtensor ships names and symbols: each byte a `Compact<u8>`.
pub(crate) fn compact_bytes(b: &[u8]) -> Vec<Compact<u8>> {
    b.iter().copied().map(Compact).collect()
}

/// Numbers as `Vec<Compact<T>>`.
pub(crate) fn compacts<T: Copy>(v: &[T]) -> Vec<Compact<T>> {
    v.iter().copied().map(Compact).collect()
}

/// `SubnetIdentitiesV3`, as subtensor's mirror.
pub(crate) fn subnet_identity(
    ctx: &ApiContext<'_>,
    n: NetUid,
) -> ApiResult<Option<SubnetIdentityV3>> {
    Ok(SUBNET_IDENTITIES_V3.get(ctx.state, &n)?)
}

/// `get_name_for_subnet`: the identity's non-empty name, else the fallback table's.
pub(crate) fn subnet_name(ctx: &ApiContext<'_>, n: NetUid) -> ApiResult<Vec<u8>> {
    if let Some(id) = SUBNET_IDENTITIES_V3.get(ctx.state, &n)? {
        if !id.subnet_name.is_empty() {
            return Ok(id.subnet_name);
        }
    }
    Ok(subnet_names::SUBNET_NAMES
        .get(usize::from(n.0))
        .copied()
        .unwrap_or("unknown")
        .as_bytes()
        .to_vec())
}

/// What `TokenSymbol` reads as when unset: subtensor's `DefaultUnicodeVecU8`, "𝜏".
const DEFAULT_TOKEN_SYMBOL: &[u8] = "\u{1D70F}".as_bytes();

/// `TokenSymbol` (subtensor's default when unset; registration always sets one).
pub(crate) fn token_symbol(ctx: &ApiContext<'_>, n: NetUid) -> ApiResult<Vec<u8>> {
    Ok(st::TOKEN_SYMBOL
        .get(ctx.state, &n)?
        .unwrap_or_else(|| DEFAULT_TOKEN_SYMBOL.to_vec()))
}

/// Every existing netuid, ascending (`get_all_subnet_netuids`).
pub(crate) fn all_subnets(ctx: &ApiContext<'_>) -> ApiResult<Vec<NetUid>> {
    Ok(yuma_runtime::subnets::all(ctx.state)?)
}

/// Whether the subnet exists (`if_subnet_exist`).
pub(crate) fn exists(ctx: &ApiContext<'_>, n: NetUid) -> ApiResult<bool> {
    Ok(yuma_runtime::subnets::exists(ctx.state, n)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_names_follow_the_table() {
        let t = &subnet_names::SUBNET_NAMES;
        assert_eq!(
            (t[0], t[1], t[2], t[61]),
            ("root", "apex", "omron", "red team")
        );
        assert_eq!(t.len(), 439);
        assert_eq!(DEFAULT_TOKEN_SYMBOL, [0xF0, 0x9D, 0x9C, 0x8F]);
    }
}
