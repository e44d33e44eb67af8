//! Read-only queries over state, with the names and JSON shapes of `shared/spec/scenario.md`.
//! The scenario runner and the node's RPC (`yuma_<camelCase>`) serve these same functions.

use crate::{
    balances,
    storage::{StorageError, StorageRead},
    system,
};
use serde::Serialize;
use yuma_primitives::AccountId;

/// `account`: an account's free balance and next nonce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AccountQuery {
    /// Free balance, rao.
    pub free: u64,
    /// Next nonce.
    pub nonce: u32,
}

/// `block_number`.
pub fn block_number(s: &dyn StorageRead) -> Result<u64, StorageError> {
    system::block_number(s)
}

/// `total_issuance`: all TAO in existence, rao.
pub fn total_issuance(s: &dyn StorageRead) -> Result<u64, StorageError> {
    balances::total_issuance(s)
}

/// `account`.
pub fn account(s: &dyn StorageRead, who: &AccountId) -> Result<AccountQuery, StorageError> {
    let a = system::account(s, who)?;
    Ok(AccountQuery {
        free: a.data.free,
        nonce: a.nonce,
    })
}

/// `subnets`: every existing netuid, root included.
pub fn subnets(s: &dyn StorageRead) -> Result<Vec<u16>, StorageError> {
    Ok(crate::subnets::all(s)?.into_iter().map(|n| n.0).collect())
}

/// `network_lock_cost`: what the next `register_network` locks (in the next block).
pub fn network_lock_cost(s: &dyn StorageRead) -> Result<u64, StorageError> {
    crate::subnets::lock_cost(s, system::block_number(s)?.saturating_add(1))
}

/// `burn`: what the first `burned_register` of the next block costs (after its decay).
pub fn burn(s: &dyn StorageRead, netuid: yuma_primitives::NetUid) -> Result<u64, StorageError> {
    crate::neurons::next_block_burn(s, netuid)
}

/// `subnet_info` (DynamicInfo fields, spec-subnets §9.5); `None` if the subnet does not exist.
pub fn subnet_info(
    s: &dyn StorageRead,
    netuid: yuma_primitives::NetUid,
) -> Result<Option<crate::subnets::info::SubnetView>, StorageError> {
    crate::subnets::info::subnet(s, netuid, system::block_number(s)?)
}

/// `subnet_hyperparams` (spec-subnets §6.2 / §9.4).
pub fn subnet_hyperparams(
    s: &dyn StorageRead,
    netuid: yuma_primitives::NetUid,
) -> Result<Option<crate::subnets::info::Hyperparams>, StorageError> {
    crate::subnets::info::hyperparams(s, netuid)
}

/// `neuron_info` (spec-subnets §9.2).
pub fn neuron_info(
    s: &dyn StorageRead,
    netuid: yuma_primitives::NetUid,
    uid: u16,
) -> Result<Option<crate::subnets::info::NeuronInfo>, StorageError> {
    crate::subnets::info::neuron_info(s, netuid, uid)
}

/// `neurons_lite` (spec-subnets §9.2).
pub fn neurons_lite(
    s: &dyn StorageRead,
    netuid: yuma_primitives::NetUid,
) -> Result<Vec<crate::subnets::info::NeuronInfo>, StorageError> {
    crate::subnets::info::neurons_lite(s, netuid)
}

/// `metagraph(netuid, mechid)` (spec-subnets §9.6).
pub fn metagraph(
    s: &dyn StorageRead,
    netuid: yuma_primitives::NetUid,
    mechid: u8,
) -> Result<Option<crate::subnets::info::Metagraph>, StorageError> {
    crate::subnets::info::metagraph(s, netuid, mechid, system::block_number(s)?)
}

/// `block_emission`: rao the coinbase mints in the next block.
pub fn block_emission(s: &dyn StorageRead) -> Result<u64, StorageError> {
    crate::emission::issuance::block_emission(s)
}

/// `tao_flow`: a subnet's net TAO flow — the accumulator since the last EMA step and the EMA
/// (spec-emission §5.6), the EMA as a signed decimal string with 9 fractional digits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TaoFlow {
    /// `SubnetTaoFlow`: user flow recorded since the last EMA step, rao.
    pub last_block_flow: i64,
    /// `SubnetEmaTaoFlow`, rao per block.
    pub ema: String,
    /// Block of the last EMA step (0 if never).
    pub ema_block: u64,
    /// `SubnetProtocolFlow`: protocol flow recorded since the last EMA step, rao.
    pub protocol_flow: i64,
    /// `SubnetEmaProtocolFlow`, rao per block.
    pub protocol_ema: String,
}

/// An I64F64 as a signed decimal string with 9 fractional digits (truncated toward zero).
pub fn signed_fixed_string(bits: i128) -> String {
    let neg = bits < 0;
    let abs = bits.unsigned_abs();
    let s = crate::subnets::info::fixed_string(abs);
    if neg && abs != 0 {
        format!("-{s}")
    } else {
        s
    }
}

/// `tao_flow(netuid)`.
pub fn tao_flow(s: &dyn StorageRead, n: yuma_primitives::NetUid) -> Result<TaoFlow, StorageError> {
    use crate::emission::storage::*;
    let (ema_block, ema) = SUBNET_EMA_TAO_FLOW.get(s, &n)?.unwrap_or((0, 0));
    let (_, pema) = SUBNET_EMA_PROTOCOL_FLOW.get(s, &n)?.unwrap_or((0, 0));
    Ok(TaoFlow {
        last_block_flow: SUBNET_TAO_FLOW.get(s, &n)?.unwrap_or(0),
        ema: signed_fixed_string(ema),
        ema_block,
        protocol_flow: SUBNET_PROTOCOL_FLOW.get(s, &n)?.unwrap_or(0),
        protocol_ema: signed_fixed_string(pema),
    })
}
