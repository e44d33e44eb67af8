//! Typed access to a query's named JSON arguments.

use super::QueryError;
use serde_json::{Map, Value};
use yuma_primitives::{AccountId, NetUid};

/// A query's arguments: a JSON object whose keys are checked against the query's names.
pub struct QueryArgs<'a> {
    map: Option<&'a Map<String, Value>>,
}

fn bad(arg: &str, message: impl Into<String>) -> QueryError {
    QueryError::Args {
        arg: arg.to_string(),
        message: message.into(),
    }
}

impl<'a> QueryArgs<'a> {
    /// `v` must be an object (or null / absent for no arguments) with keys from `allowed`.
    pub fn new(v: &'a Value, allowed: &[&str]) -> Result<Self, QueryError> {
        let map = match v {
            Value::Null => None,
            Value::Object(m) => Some(m),
            _ => return Err(bad("args", "expected an object of named arguments")),
        };
        for k in map.into_iter().flat_map(|m| m.keys()) {
            if !allowed.contains(&k.as_str()) {
                return Err(bad(
                    k,
                    format!("unknown argument (expected one of {allowed:?})"),
                ));
            }
        }
        Ok(Self { map })
    }

    fn get(&self, name: &str) -> Result<&'a Value, QueryError> {
        self.map
            .and_then(|m| m.get(name))
            .filter(|v| !v.is_null())
            .ok_or_else(|| bad(name, "missing argument"))
    }

    /// Whether `name` is given (and not null).
    pub fn has(&self, name: &str) -> bool {
        self.map
            .and_then(|m| m.get(name))
            .is_some_and(|v| !v.is_null())
    }

    /// An unsigned integer.
    pub fn u64(&self, name: &str) -> Result<u64, QueryError> {
        self.get(name)?
            .as_u64()
            .ok_or_else(|| bad(name, "expected an unsigned integer"))
    }

    /// A u16.
    pub fn u16(&self, name: &str) -> Result<u16, QueryError> {
        u16::try_from(self.u64(name)?).map_err(|_| bad(name, "expected a u16"))
    }

    /// A u8.
    pub fn u8(&self, name: &str) -> Result<u8, QueryError> {
        u8::try_from(self.u64(name)?).map_err(|_| bad(name, "expected a u8"))
    }

    /// A u8 that defaults to `default` when absent.
    pub fn u8_or(&self, name: &str, default: u8) -> Result<u8, QueryError> {
        if self.has(name) {
            self.u8(name)
        } else {
            Ok(default)
        }
    }

    /// A string.
    pub fn str(&self, name: &str) -> Result<&'a str, QueryError> {
        self.get(name)?
            .as_str()
            .ok_or_else(|| bad(name, "expected a string"))
    }

    /// The `netuid` argument.
    pub fn netuid(&self) -> Result<NetUid, QueryError> {
        Ok(NetUid(self.u16("netuid")?))
    }

    /// An account as an SS58 address.
    pub fn account(&self, name: &str) -> Result<AccountId, QueryError> {
        let s = self
            .get(name)?
            .as_str()
            .ok_or_else(|| bad(name, "expected an SS58 address"))?;
        AccountId::from_ss58(s).map_err(|e| bad(name, e.to_string()))
    }
}
