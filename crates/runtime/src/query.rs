//! Read-only queries over state, with the names and JSON shapes of `shared/spec/scenario.md`.
//!
//! One generic path serves them: [`run`]`(state, name, args)` looks the name up in
//! [`table::QUERIES`] and returns the JSON result. The scenario runner (`"query": name`) and
//! the node's RPC (`yuma_<camelCase name>` and `yuma_query`) both call it, so a row added to the
//! table is served by both without other changes.

mod args;
pub mod table;

pub use args::QueryArgs;
pub use table::{QueryDef, QUERIES};

use crate::{
    balances,
    storage::{StorageError, StorageRead},
    system,
};
use serde::Serialize;
use serde_json::Value;
use yuma_primitives::AccountId;

/// Why a query could not answer.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// No query has this name.
    #[error("unknown query {0:?}")]
    Unknown(String),
    /// An argument is missing, unknown or of the wrong type.
    #[error("argument {arg:?}: {message}")]
    Args {
        /// The argument's name.
        arg: String,
        /// What is wrong with it.
        message: String,
    },
    /// The state could not be read.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The result could not be encoded as JSON.
    #[error("cannot encode the result: {0}")]
    Encode(String),
}

/// The query named `name` (or one of its aliases).
pub fn find(name: &str) -> Option<&'static QueryDef> {
    QUERIES.iter().find(|q| q.name == name)
}

/// Runs the query `name` on `s` with `args` (a JSON object of named arguments, or null when
/// it takes none).
pub fn run(s: &dyn StorageRead, name: &str, args: &Value) -> Result<Value, QueryError> {
    let def = find(name).ok_or_else(|| QueryError::Unknown(name.to_string()))?;
    let args = QueryArgs::new(args, def.args)?;
    (def.run)(s, &args)
}

/// `name` in camelCase (`subnet_hyperparams` → `subnetHyperparams`), as the RPC method
/// `yuma_<camelCase>` spells it.
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn to_json<T: Serialize>(v: T) -> Result<Value, QueryError> {
    serde_json::to_value(v).map_err(|e| QueryError::Encode(e.to_string()))
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{genesis::GenesisConfig, MemoryChain};
    use serde_json::json;
    use yuma_primitives::Pair;

    #[test]
    fn names_are_unique_and_camel_case_maps_them() {
        let mut names: Vec<&str> = QUERIES.iter().map(|q| q.name).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n, "a query name appears twice");
        assert_eq!(camel_case("subnet_hyperparams"), "subnetHyperparams");
        assert_eq!(camel_case("account"), "account");
    }

    #[test]
    fn run_reads_state_and_names_bad_arguments() {
        let chain =
            MemoryChain::new(&GenesisConfig::preset("dev").expect("preset")).expect("genesis");
        let alice = Pair::from_uri("//Alice").expect("uri").public();
        // Dev genesis: Alice holds 1,000,000 τ and has sent nothing.
        let v = run(
            &chain.state,
            "account",
            &json!({"account": alice.to_ss58()}),
        )
        .expect("account");
        assert_eq!(v, json!({"free": 1_000_000_000_000_000u64, "nonce": 0}));
        assert_eq!(
            run(&chain.state, "subnets", &Value::Null).expect("subnets"),
            json!([0])
        );
        assert!(matches!(
            run(&chain.state, "nope", &Value::Null),
            Err(QueryError::Unknown(_))
        ));
        assert!(matches!(
            run(&chain.state, "burn", &json!({})),
            Err(QueryError::Args { arg, .. }) if arg == "netuid"
        ));
        assert!(matches!(
            run(&chain.state, "burn", &json!({"netuid": 1, "uid": 2})),
            Err(QueryError::Args { arg, .. }) if arg == "uid"
        ));
        assert!(matches!(
            run(&chain.state, "neuron_info", &json!({"netuid": 70000, "uid": 0})),
            Err(QueryError::Args { arg, .. }) if arg == "netuid"
        ));
        assert!(matches!(
            run(&chain.state, "account", &json!({"account": "5Nope"})),
            Err(QueryError::Args { arg, .. }) if arg == "account"
        ));
    }
}
