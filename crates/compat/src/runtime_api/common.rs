//! Shapes several APIs share (subtensor's `AxonInfo`, `PrometheusInfo`, `SubnetIdentityV3`,
//! `ChainIdentityV2`) and the small readers behind more than one API.
//!
//! The mirrors are this crate's own types (converted from yuma's storage types) so that the
//! registry describes exactly the bytes we encode; field names and order are subtensor's.

use super::{ApiContext, ApiResult};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::TypeInfo;
use yuma_primitives::NetUid;
use yuma_runtime::{
    subnets::identity::SUBNET_IDENTITIES_V3,
    subtensor::storage::{self as st},
};

use super::subnet_names;

/// `pallet_subtensor::AxonInfo`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct AxonInfo {
    pub block: u64,
    pub version: u32,
    pub ip: u128,
    pub port: u16,
    pub ip_type: u8,
    pub protocol: u8,
    pub placeholder1: u8,
    pub placeholder2: u8,
}

impl From<st::AxonInfo> for AxonInfo {
    fn from(a: st::AxonInfo) -> Self {
        Self {
            block: a.block,
            version: a.version,
            ip: a.ip,
            port: a.port,
            ip_type: a.ip_type,
            protocol: a.protocol,
            placeholder1: a.placeholder1,
            placeholder2: a.placeholder2,
        }
    }
}

/// `pallet_subtensor::PrometheusInfo`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct PrometheusInfo {
    pub block: u64,
    pub version: u32,
    pub ip: u128,
    pub port: u16,
    pub ip_type: u8,
}

impl From<st::PrometheusInfo> for PrometheusInfo {
    fn from(p: st::PrometheusInfo) -> Self {
        Self {
            block: p.block,
            version: p.version,
            ip: p.ip,
            port: p.port,
            ip_type: p.ip_type,
        }
    }
}

/// `pallet_subtensor::SubnetIdentityV3`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct SubnetIdentityV3 {
    pub subnet_name: Vec<u8>,
    pub github_repo: Vec<u8>,
    pub subnet_contact: Vec<u8>,
    pub subnet_url: Vec<u8>,
    pub discord: Vec<u8>,
    pub description: Vec<u8>,
    pub logo_url: Vec<u8>,
    pub additional: Vec<u8>,
}

impl From<yuma_primitives::call::SubnetIdentityV3> for SubnetIdentityV3 {
    fn from(i: yuma_primitives::call::SubnetIdentityV3) -> Self {
        Self {
            subnet_name: i.subnet_name,
            github_repo: i.github_repo,
            subnet_contact: i.subnet_contact,
            subnet_url: i.subnet_url,
            discord: i.discord,
            description: i.description,
            logo_url: i.logo_url,
            additional: i.additional,
        }
    }
}

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
    Ok(SUBNET_IDENTITIES_V3.get(ctx.state, &n)?.map(Into::into))
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

/// `TokenSymbol` (empty when unset, as subtensor's `ValueQuery`).
pub(crate) fn token_symbol(ctx: &ApiContext<'_>, n: NetUid) -> ApiResult<Vec<u8>> {
    Ok(st::TOKEN_SYMBOL.get(ctx.state, &n)?.unwrap_or_default())
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
    }
}
