//! Accounts in scenario files: dev URIs (`//Alice`, `//Alice//hot`) or SS58 addresses.

use super::{invalid, ScenarioError};
use serde_json::Value;
use std::collections::BTreeMap;
use yuma_primitives::{AccountId, Pair};

/// Derived keys, cached by URI (derivation runs PBKDF2).
#[derive(Default)]
pub(super) struct Accounts {
    pairs: BTreeMap<String, Pair>,
}

impl Accounts {
    fn pair(&mut self, uri: &str, at: &str) -> Result<Pair, ScenarioError> {
        if let Some(p) = self.pairs.get(uri) {
            return Ok(p.clone());
        }
        let p = Pair::from_uri(uri).map_err(|e| invalid(at, e.to_string()))?;
        self.pairs.insert(uri.to_string(), p.clone());
        Ok(p)
    }

    /// An account given as a dev URI or an SS58 address.
    pub(super) fn account(&mut self, v: &Value, at: &str) -> Result<AccountId, ScenarioError> {
        let s = v
            .as_str()
            .ok_or_else(|| invalid(at, "expected an account (\"//Name\" or SS58)"))?;
        if s.starts_with("//") {
            Ok(self.pair(s, at)?.public())
        } else {
            AccountId::from_ss58(s).map_err(|e| invalid(at, e.to_string()))
        }
    }

    /// A signing account: it must be a dev URI, since a scenario holds no other secrets.
    pub(super) fn signer(&mut self, v: &Value, at: &str) -> Result<Pair, ScenarioError> {
        match v.as_str() {
            Some(s) if s.starts_with("//") => self.pair(s, at),
            _ => Err(invalid(
                at,
                "the origin must be a dev URI such as \"//Alice\" (it signs)",
            )),
        }
    }
}
