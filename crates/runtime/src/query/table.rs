//! Every query by name: its argument names and how it runs. Add a row to serve a new query in
//! scenarios (`"query": name`) and over RPC (`yuma_<camelCase name>`) at once.

use super::{to_json, QueryArgs, QueryError};
use crate::{storage::StorageRead, subnets::info};
use serde_json::Value;

/// One query.
pub struct QueryDef {
    /// Its name (snake_case, as in scenario files).
    pub name: &'static str,
    /// Its argument names, in positional order (RPC positional parameters follow it).
    pub args: &'static [&'static str],
    /// Runs it.
    pub run: fn(&dyn StorageRead, &QueryArgs<'_>) -> Result<Value, QueryError>,
}

/// Every query; aliases are rows of their own. One row per line, so additions merge cleanly.
#[rustfmt::skip]
pub const QUERIES: &[QueryDef] = &[
    QueryDef { name: "block_number", args: &[], run: |s, _| Ok(super::block_number(s)?.into()) },
    QueryDef { name: "total_issuance", args: &[], run: |s, _| Ok(super::total_issuance(s)?.into()) },
    QueryDef { name: "account", args: &["account"], run: |s, a| to_json(super::account(s, &a.account("account")?)?) },
    QueryDef { name: "subnets", args: &[], run: |s, _| to_json(super::subnets(s)?) },
    QueryDef { name: "network_lock_cost", args: &[], run: |s, _| Ok(super::network_lock_cost(s)?.into()) },
    QueryDef { name: "total_stake", args: &[], run: |s, _| Ok(crate::swap::storage::total_stake(s)?.into()) },
    QueryDef { name: "burn", args: &["netuid"], run: |s, a| Ok(super::burn(s, a.netuid()?)?.into()) },
    QueryDef { name: "subnet", args: &["netuid"], run: subnet },
    QueryDef { name: "subnet_info", args: &["netuid"], run: subnet },
    QueryDef { name: "hyperparams", args: &["netuid"], run: hyperparams },
    QueryDef { name: "subnet_hyperparams", args: &["netuid"], run: hyperparams },
    QueryDef { name: "neuron_info", args: &["netuid", "uid"], run: |s, a| to_json(info::neuron_info(s, a.netuid()?, a.u16("uid")?)?) },
    QueryDef { name: "neurons_lite", args: &["netuid"], run: |s, a| to_json(info::neurons_lite(s, a.netuid()?)?) },
    QueryDef { name: "stake", args: &["hotkey", "coldkey", "netuid"], run: |s, a| Ok(crate::stake::alpha_stake(s, &a.account("hotkey")?, &a.account("coldkey")?, a.netuid()?)?.into()) },
    QueryDef { name: "stakes", args: &["coldkey"], run: |s, a| to_json(crate::stake::query::stakes(s, &a.account("coldkey")?)?) },
    QueryDef { name: "swap_quote", args: &["netuid", "direction", "amount"], run: swap_quote },
    QueryDef { name: "tao_flow", args: &["netuid"], run: |s, a| to_json(super::tao_flow(s, a.netuid()?)?) },
    QueryDef { name: "block_emission", args: &[], run: |s, _| Ok(super::block_emission(s)?.into()) },
    QueryDef { name: "children", args: &["hotkey", "netuid"], run: |s, a| to_json(crate::childkeys::children(s, &a.account("hotkey")?, a.netuid()?)?) },
    QueryDef { name: "parents", args: &["hotkey", "netuid"], run: |s, a| to_json(crate::childkeys::parents(s, &a.account("hotkey")?, a.netuid()?)?) },
    QueryDef { name: "pending_children", args: &["hotkey", "netuid"], run: pending_children },
    QueryDef { name: "delegate_take", args: &["hotkey"], run: |s, a| Ok(crate::delegation::take(s, &a.account("hotkey")?)?.into()) },
    QueryDef { name: "childkey_take", args: &["hotkey", "netuid"], run: |s, a| Ok(crate::childkeys::childkey_take(s, &a.account("hotkey")?, a.netuid()?)?.into()) },
    QueryDef { name: "inherited_stake", args: &["hotkey", "netuid"], run: inherited_stake },
    QueryDef { name: "root_claimable", args: &["hotkey"], run: root_claimable },
    QueryDef { name: "root_owed", args: &["hotkey", "coldkey", "netuid"], run: |s, a| Ok(crate::root_claim::owed(s, &a.account("hotkey")?, &a.account("coldkey")?, a.netuid()?)?.into()) },
    QueryDef { name: "root_claimed", args: &["hotkey", "coldkey", "netuid"], run: |s, a| to_json(crate::root_claim::ROOT_CLAIMED.get(s, &(a.netuid()?, a.account("hotkey")?, a.account("coldkey")?))?.unwrap_or(0)) },
    QueryDef { name: "root_claim_type", args: &["coldkey"], run: |s, a| Ok(crate::root_claim::claim_type_json(&crate::root_claim::claim_type(s, &a.account("coldkey")?)?)) },
    QueryDef { name: "metagraph", args: &["netuid", "mechid"], run: |s, a| to_json(super::metagraph(s, a.netuid()?, a.u8_or("mechid", 0)?)?) },
];

/// `root_claimable(hotkey)`: per netuid, the claimable alpha per unit of root stake (decimal
/// string of the I96F32 rate).
fn root_claimable(s: &dyn StorageRead, a: &QueryArgs<'_>) -> Result<Value, QueryError> {
    let rates = crate::root_claim::claimable_rates(s, &a.account("hotkey")?)?;
    Ok(Value::Object(
        rates
            .into_iter()
            .map(|(n, r)| (n.0.to_string(), Value::String(r.to_string())))
            .collect(),
    ))
}

fn subnet(s: &dyn StorageRead, a: &QueryArgs<'_>) -> Result<Value, QueryError> {
    to_json(super::subnet_info(s, a.netuid()?)?)
}

fn hyperparams(s: &dyn StorageRead, a: &QueryArgs<'_>) -> Result<Value, QueryError> {
    to_json(super::subnet_hyperparams(s, a.netuid()?)?)
}

/// `swap_quote(netuid, direction: "stake" | "unstake", amount)`.
fn swap_quote(s: &dyn StorageRead, a: &QueryArgs<'_>) -> Result<Value, QueryError> {
    let order = match a.str("direction")? {
        "stake" => crate::swap::Order::Buy,
        "unstake" => crate::swap::Order::Sell,
        _ => {
            return Err(QueryError::Args {
                arg: "direction".into(),
                message: "expected \"stake\" or \"unstake\"".into(),
            })
        }
    };
    to_json(crate::stake::query::swap_quote(
        s,
        a.netuid()?,
        order,
        a.u64("amount")?,
    )?)
}

/// `pending_children(hotkey, netuid)`: the scheduled list and the block its cooldown ends, or
/// null.
fn pending_children(s: &dyn StorageRead, a: &QueryArgs<'_>) -> Result<Value, QueryError> {
    Ok(
        match crate::childkeys::pending(s, &a.account("hotkey")?, a.netuid()?)? {
            Some((children, cooldown_block)) => {
                serde_json::json!({"children": children, "cooldown_block": cooldown_block})
            }
            None => Value::Null,
        },
    )
}

/// `inherited_stake(hotkey, netuid)`: alpha and root TAO after parent/child inheritance.
fn inherited_stake(s: &dyn StorageRead, a: &QueryArgs<'_>) -> Result<Value, QueryError> {
    let (h, n) = (a.account("hotkey")?, a.netuid()?);
    Ok(serde_json::json!({
        "alpha": crate::childkeys::inherited_alpha(s, &h, n)?,
        "tao": crate::childkeys::inherited_tao(s, &h, n)?,
    }))
}
