//! Call and query names of scenario files, with subtensor's argument names, mapped to
//! runtime calls and query functions. Later modules add their rows.

use super::{accounts::Accounts, invalid, ScenarioError};
use crate::{query, storage::StorageRead};
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
    if let Some(call) = super::childkey_calls::build(name, args, at, accounts)? {
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
        "force_set_balance" => {
            let a = Args::new(args, at, &["who", "new_free"])?;
            RuntimeCall::Balances(BalancesCall::ForceSetBalance {
                who: MultiAddress::Id(a.account("who", accounts)?),
                new_free: Balance(a.u64("new_free")?),
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

/// A query of a scenario step: a name of [`query::QUERIES`] and its arguments, with dev URIs
/// (`"//Alice"`) already turned into SS58 addresses.
pub(super) struct Query {
    name: &'static str,
    args: Value,
}

impl Query {
    /// Checks the name and the arguments now (a malformed file fails before anything runs):
    /// the query is run once on an empty state, where only argument errors can occur.
    pub(super) fn parse(
        name: &str,
        args: Option<&Value>,
        at: &str,
        accounts: &mut Accounts,
    ) -> Result<Self, ScenarioError> {
        let def = query::find(name)
            .ok_or_else(|| invalid(format!("{at}.query"), format!("unknown query {name:?}")))?;
        let args = match args {
            None => Value::Null,
            Some(Value::Object(m)) => {
                let mut out = Map::new();
                for (k, v) in m {
                    let v = match v.as_str() {
                        Some(s) if s.starts_with("//") => {
                            Value::String(accounts.account(v, &format!("{at}.args.{k}"))?.to_ss58())
                        }
                        _ => v.clone(),
                    };
                    out.insert(k.clone(), v);
                }
                Value::Object(out)
            }
            Some(_) => return Err(invalid(format!("{at}.args"), "expected an object")),
        };
        let q = Self {
            name: def.name,
            args,
        };
        match q.run(&crate::storage::MemoryStore::default()) {
            Err(query::QueryError::Args { arg, message }) => {
                Err(invalid(format!("{at}.args.{arg}"), message))
            }
            _ => Ok(q),
        }
    }

    pub(super) fn run(&self, s: &dyn StorageRead) -> Result<Value, query::QueryError> {
        query::run(s, self.name, &self.args)
    }
}
