//! Call and query names of scenario files, with subtensor's argument names, mapped to
//! runtime calls and query functions. Later modules add their rows.

use super::{accounts::Accounts, invalid, ScenarioError};
use crate::{
    query,
    storage::{StorageError, StorageRead},
};
use serde_json::{Map, Value};
use yuma_primitives::{
    call::{BalancesCall, SystemCall},
    extrinsic::MultiAddress,
    AccountId, Balance, RuntimeCall,
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

/// Builds the call `name` from its arguments.
pub(super) fn build(
    name: &str,
    args: Option<&Value>,
    at: &str,
    accounts: &mut Accounts,
) -> Result<RuntimeCall, ScenarioError> {
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
}

impl Query {
    pub(super) fn parse(
        name: &str,
        args: Option<&Value>,
        at: &str,
        accounts: &mut Accounts,
    ) -> Result<Self, ScenarioError> {
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
            other => {
                return Err(invalid(
                    format!("{at}.query"),
                    format!("unknown query {other:?}"),
                ))
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
        })
    }
}
