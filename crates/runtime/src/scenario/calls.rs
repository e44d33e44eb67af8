//! Call and query names of scenario files, with subtensor's argument names, mapped to
//! runtime calls and query functions. Later modules add their rows.

use super::{accounts::Accounts, invalid, ScenarioError};
use crate::{
    query,
    storage::{StorageError, StorageRead},
    subnets::info,
};
use serde_json::{Map, Value};
use yuma_primitives::{
    call::{BalancesCall, SystemCall},
    extrinsic::MultiAddress,
    AccountId, Balance, NetUid, Pair, RuntimeCall, H256,
};

/// Typed access to a call's or query's `args`, rejecting unknown and missing fields.
pub(super) struct Args<'a> {
    map: Option<&'a Map<String, Value>>,
    at: String,
}

impl<'a> Args<'a> {
    pub(super) fn new(
        v: Option<&'a Value>,
        at: &str,
        allowed: &[&str],
    ) -> Result<Self, ScenarioError> {
        let at = format!("{at}.args");
        let map = match v {
            None => None,
            Some(Value::Object(m)) => Some(m),
            Some(_) => return Err(invalid(&at, "expected an object")),
        };
        if let Some(m) = map {
            for k in m.keys() {
                if !allowed.contains(&k.as_str()) {
                    return Err(invalid(
                        format!("{at}.{k}"),
                        format!("unknown argument (expected {allowed:?})"),
                    ));
                }
            }
        }
        Ok(Self { map, at })
    }

    fn get(&self, name: &str) -> Result<&'a Value, ScenarioError> {
        self.map
            .and_then(|m| m.get(name))
            .ok_or_else(|| invalid(format!("{}.{name}", self.at), "missing argument"))
    }

    pub(super) fn u64(&self, name: &str) -> Result<u64, ScenarioError> {
        self.get(name)?.as_u64().ok_or_else(|| {
            invalid(
                format!("{}.{name}", self.at),
                "expected an unsigned integer",
            )
        })
    }

    pub(super) fn bool(&self, name: &str) -> Result<bool, ScenarioError> {
        self.get(name)?
            .as_bool()
            .ok_or_else(|| invalid(format!("{}.{name}", self.at), "expected true or false"))
    }

    pub(super) fn account(
        &self,
        name: &str,
        accounts: &mut Accounts,
    ) -> Result<AccountId, ScenarioError> {
        accounts.account(self.get(name)?, &format!("{}.{name}", self.at))
    }

    pub(super) fn has(&self, name: &str) -> bool {
        self.map.is_some_and(|m| m.contains_key(name))
    }

    pub(super) fn u16(&self, name: &str) -> Result<u16, ScenarioError> {
        u16::try_from(self.u64(name)?)
            .map_err(|_| invalid(format!("{}.{name}", self.at), "expected a u16"))
    }

    pub(super) fn u8(&self, name: &str) -> Result<u8, ScenarioError> {
        u8::try_from(self.u64(name)?)
            .map_err(|_| invalid(format!("{}.{name}", self.at), "expected a u8"))
    }

    pub(super) fn netuid(&self) -> Result<NetUid, ScenarioError> {
        Ok(NetUid(self.u16("netuid")?))
    }

    pub(super) fn u16_list(&self, name: &str) -> Result<Vec<u16>, ScenarioError> {
        let at = format!("{}.{name}", self.at);
        self.get(name)?
            .as_array()
            .ok_or_else(|| invalid(&at, "expected an array of u16"))?
            .iter()
            .map(|v| {
                v.as_u64()
                    .and_then(|x| u16::try_from(x).ok())
                    .ok_or_else(|| invalid(&at, "expected an array of u16"))
            })
            .collect()
    }

    /// An IP: an integer, a dotted IPv4 string, or an IPv6 string.
    pub(super) fn ip(&self, name: &str) -> Result<u128, ScenarioError> {
        let at = format!("{}.{name}", self.at);
        let v = self.get(name)?;
        if let Some(n) = v.as_u64() {
            return Ok(u128::from(n));
        }
        let s = v
            .as_str()
            .ok_or_else(|| invalid(&at, "expected an integer or an IP string"))?;
        if let Ok(a) = s.parse::<std::net::Ipv4Addr>() {
            return Ok(u128::from(u32::from(a)));
        }
        if let Ok(a) = s.parse::<std::net::Ipv6Addr>() {
            return Ok(u128::from(a));
        }
        s.parse::<u128>()
            .map_err(|_| invalid(&at, "expected an integer or an IP string"))
    }

    pub(super) fn h256(&self, name: &str) -> Result<H256, ScenarioError> {
        let at = format!("{}.{name}", self.at);
        let s = self
            .get(name)?
            .as_str()
            .ok_or_else(|| invalid(&at, "expected 32-byte hex"))?;
        H256::from_hex(s).map_err(|e| invalid(&at, format!("bad 32-byte hex: {e}")))
    }

    pub(super) fn bytes(&self, name: &str) -> Result<Vec<u8>, ScenarioError> {
        let s = self
            .get(name)?
            .as_str()
            .ok_or_else(|| invalid(format!("{}.{name}", self.at), "expected a string"))?;
        match s.strip_prefix("0x") {
            Some(h) => hex::decode(h)
                .map_err(|e| invalid(format!("{}.{name}", self.at), format!("bad hex: {e}"))),
            None => Ok(s.as_bytes().to_vec()),
        }
    }
}

/// Builds the call `name` from its arguments; `origin` signs it (commit hashes are computed
/// for it when `commit_weights` is given the revealed data instead of `commit_hash`).
pub(super) fn build(
    name: &str,
    args: Option<&Value>,
    at: &str,
    accounts: &mut Accounts,
    origin: &Pair,
) -> Result<RuntimeCall, ScenarioError> {
    if let Some(call) = super::stake_calls::build(name, args, at, accounts)? {
        return Ok(call);
    }
    if let Some(call) = super::subnet_calls::build(name, args, at, accounts, origin)? {
        return Ok(call);
    }
    if let Some(call) = super::childkey_queries::build(name, args, at, accounts)? {
        return Ok(call);
    }
    let dest = |a: &Args<'_>, accounts: &mut Accounts| -> Result<MultiAddress, ScenarioError> {
        Ok(MultiAddress::Id(a.account("dest", accounts)?))
    };
    Ok(match name {
        "transfer_allow_death" | "transfer_keep_alive" => {
            let a = Args::new(args, at, &["dest", "value"])?;
            let (dest, value) = (dest(&a, accounts)?, Balance(a.u64("value")?));
            RuntimeCall::Balances(if name == "transfer_keep_alive" {
                BalancesCall::TransferKeepAlive { dest, value }
            } else {
                BalancesCall::TransferAllowDeath { dest, value }
            })
        }
        "transfer_all" => {
            let a = Args::new(args, at, &["dest", "keep_alive"])?;
            RuntimeCall::Balances(BalancesCall::TransferAll {
                dest: dest(&a, accounts)?,
                keep_alive: a.bool("keep_alive")?,
            })
        }
        "remark" | "remark_with_event" => {
            let a = Args::new(args, at, &["remark"])?;
            let remark = a.bytes("remark")?;
            RuntimeCall::System(if name == "remark" {
                SystemCall::Remark { remark }
            } else {
                SystemCall::RemarkWithEvent { remark }
            })
        }
        other => {
            return Err(invalid(
                format!("{at}.call"),
                format!("unknown call {other:?}"),
            ))
        }
    })
}

/// A query of a scenario step.
pub(super) enum Query {
    BlockNumber,
    TotalIssuance,
    Account(AccountId),
    Subnets,
    Subnet(NetUid),
    Hyperparams(NetUid),
    Metagraph(NetUid, u8),
    Neuron(NetUid, u16),
    NeuronsLite(NetUid),
    NetworkLockCost,
    Burn(NetUid),
    TotalStake,
    BlockEmission,
    Childkeys(super::childkey_queries::Query),
    Staking(super::stake_calls::StakeQuery),
}

impl Query {
    pub(super) fn parse(
        name: &str,
        args: Option<&Value>,
        at: &str,
        accounts: &mut Accounts,
    ) -> Result<Self, ScenarioError> {
        if let Some(q) = super::stake_calls::StakeQuery::parse(name, args, at, accounts)? {
            return Ok(Self::Staking(q));
        }
        Ok(match name {
            "block_number" => {
                Args::new(args, at, &[])?;
                Self::BlockNumber
            }
            "total_issuance" => {
                Args::new(args, at, &[])?;
                Self::TotalIssuance
            }
            "account" => {
                Self::Account(Args::new(args, at, &["account"])?.account("account", accounts)?)
            }
            "subnets" => {
                Args::new(args, at, &[])?;
                Self::Subnets
            }
            "network_lock_cost" => {
                Args::new(args, at, &[])?;
                Self::NetworkLockCost
            }
            "total_stake" => {
                Args::new(args, at, &[])?;
                Self::TotalStake
            }
            "block_emission" => {
                Args::new(args, at, &[])?;
                Self::BlockEmission
            }
            "subnet" | "subnet_info" => Self::Subnet(Args::new(args, at, &["netuid"])?.netuid()?),
            "hyperparams" | "subnet_hyperparams" => {
                Self::Hyperparams(Args::new(args, at, &["netuid"])?.netuid()?)
            }
            "burn" => Self::Burn(Args::new(args, at, &["netuid"])?.netuid()?),
            "neurons_lite" => Self::NeuronsLite(Args::new(args, at, &["netuid"])?.netuid()?),
            "neuron_info" => {
                let a = Args::new(args, at, &["netuid", "uid"])?;
                Self::Neuron(a.netuid()?, a.u16("uid")?)
            }
            "metagraph" => {
                let a = Args::new(args, at, &["netuid", "mechid"])?;
                let mechid = if a.has("mechid") { a.u8("mechid")? } else { 0 };
                Self::Metagraph(a.netuid()?, mechid)
            }
            other => {
                if let Some(q) = super::childkey_queries::Query::parse(other, args, at, accounts)? {
                    return Ok(Self::Childkeys(q));
                }
                return Err(invalid(
                    format!("{at}.query"),
                    format!("unknown query {other:?}"),
                ));
            }
        })
    }

    pub(super) fn run(&self, s: &dyn StorageRead) -> Result<Value, StorageError> {
        Ok(match self {
            Self::BlockNumber => query::block_number(s)?.into(),
            Self::TotalIssuance => query::total_issuance(s)?.into(),
            Self::Account(who) => {
                serde_json::to_value(query::account(s, who)?).unwrap_or(Value::Null)
            }
            Self::Subnets => serde_json::to_value(query::subnets(s)?).unwrap_or(Value::Null),
            Self::NetworkLockCost => query::network_lock_cost(s)?.into(),
            Self::TotalStake => crate::swap::storage::total_stake(s)?.into(),
            Self::Staking(q) => q.run(s)?,
            Self::Burn(n) => query::burn(s, *n)?.into(),
            Self::BlockEmission => query::block_emission(s)?.into(),
            Self::Subnet(n) => serde_json::to_value(info::subnet(s, *n, query::block_number(s)?)?)
                .unwrap_or(Value::Null),
            Self::Hyperparams(n) => {
                serde_json::to_value(info::hyperparams(s, *n)?).unwrap_or(Value::Null)
            }
            Self::Neuron(n, uid) => {
                serde_json::to_value(info::neuron_info(s, *n, *uid)?).unwrap_or(Value::Null)
            }
            Self::NeuronsLite(n) => {
                serde_json::to_value(info::neurons_lite(s, *n)?).unwrap_or(Value::Null)
            }
            Self::Childkeys(q) => q.run(s)?,
            Self::Metagraph(n, m) => {
                serde_json::to_value(info::metagraph(s, *n, *m, query::block_number(s)?)?)
                    .unwrap_or(Value::Null)
            }
        })
    }
}
