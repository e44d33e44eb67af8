//! Genesis: the initial state from a config (balances, sudo key, parameters) and the two
//! presets of `shared/spec/scenario.md`: `empty` (subtensor's defaults, nothing funded) and
//! `dev` (the well-known dev accounts funded, Alice as sudo).
//!
//! The genesis hash is the hash of a header with number 0 whose state root is the digest of
//! the genesis state, so it depends on the genesis content alone, not on the storage backend.

use crate::{
    balances::{self, EXISTENTIAL_DEPOSIT, TOTAL_ISSUANCE},
    executive::Header,
    ext::Ext,
    params::ChainParams,
    storage::{ChangeSet, MemoryStore, StorageValue},
    system::{self, AccountData, AccountInfo, NEW_LOGIC_FLAG},
};
use serde::{Deserialize, Serialize};
use yuma_primitives::{crypto::Pair, AccountId, H256, RAO_PER_TAO};

/// `Sudo.Key`: the account allowed to make root calls.
pub const SUDO_KEY: StorageValue<AccountId> = StorageValue::new("Sudo", "Key");

/// The dev accounts, in Substrate's order.
pub const DEV_ACCOUNTS: [&str; 6] = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"];
/// What each dev account holds in the `dev` preset: 1,000,000 TAO, as a subtensor localnet
/// gives Alice.
pub const DEV_BALANCE: u64 = 1_000_000 * RAO_PER_TAO;

/// Everything the chain starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenesisConfig {
    /// Chain name (shown by `system_chain`).
    pub chain_name: String,
    /// Free balances, rao.
    #[serde(default)]
    pub balances: Vec<(AccountId, u64)>,
    /// The sudo (root) key.
    #[serde(default)]
    pub sudo: Option<AccountId>,
    /// Chain parameters.
    #[serde(default)]
    pub params: ChainParams,
    /// Genesis timestamp, ms.
    #[serde(default)]
    pub timestamp_ms: u64,
}

/// A genesis config that cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenesisError {
    /// An account appears twice in `balances`.
    #[error("genesis balances list account {0} twice")]
    DuplicateAccount(AccountId),
    /// A balance below the existential deposit would create a dead account.
    #[error("genesis balance of {0} is {1} rao, below the existential deposit of {EXISTENTIAL_DEPOSIT} rao")]
    BelowExistentialDeposit(AccountId, u64),
    /// The balances add up to more than u64 rao.
    #[error("genesis balances add up to more than {} rao", u64::MAX)]
    IssuanceOverflow,
    /// Unknown preset name.
    #[error("unknown genesis preset {0:?} (expected \"dev\" or \"empty\")")]
    UnknownPreset(String),
}

/// The dev account `//Name`.
pub fn dev_account(name: &str) -> AccountId {
    // The dev phrase with a plain name junction always derives.
    Pair::from_uri(&format!("//{name}"))
        .map(|p| p.public())
        .unwrap_or_else(|_| unreachable!("dev URIs are valid"))
}

impl GenesisConfig {
    /// A named preset.
    pub fn preset(name: &str) -> Result<Self, GenesisError> {
        match name {
            "empty" => Ok(Self {
                chain_name: "yuma empty".into(),
                balances: Vec::new(),
                sudo: Some(dev_account("Alice")),
                params: ChainParams::default(),
                timestamp_ms: 0,
            }),
            "dev" => Ok(Self {
                chain_name: "yuma dev".into(),
                balances: DEV_ACCOUNTS
                    .iter()
                    .map(|n| (dev_account(n), DEV_BALANCE))
                    .collect(),
                sudo: Some(dev_account("Alice")),
                params: ChainParams::default(),
                timestamp_ms: 0,
            }),
            other => Err(GenesisError::UnknownPreset(other.to_string())),
        }
    }

    /// Sets (or adds) an account's genesis balance.
    pub fn set_balance(&mut self, who: AccountId, amount: u64) {
        match self.balances.iter_mut().find(|(a, _)| *a == who) {
            Some(entry) => entry.1 = amount,
            None => self.balances.push((who, amount)),
        }
    }

    /// The genesis state and the genesis hash.
    pub fn build(&self) -> Result<(ChangeSet, H256), GenesisError> {
        let mut seen = std::collections::BTreeSet::new();
        let mut issuance: u64 = 0;
        for (who, amount) in &self.balances {
            if !seen.insert(*who) {
                return Err(GenesisError::DuplicateAccount(*who));
            }
            if *amount < EXISTENTIAL_DEPOSIT {
                return Err(GenesisError::BelowExistentialDeposit(*who, *amount));
            }
            issuance = issuance
                .checked_add(*amount)
                .ok_or(GenesisError::IssuanceOverflow)?;
        }
        let base = MemoryStore::default();
        let mut ext = Ext::new(&base, 0, None);
        for (who, amount) in &self.balances {
            let info = AccountInfo {
                providers: 1,
                data: AccountData {
                    free: *amount,
                    flags: NEW_LOGIC_FLAG,
                    ..Default::default()
                },
                ..Default::default()
            };
            system::ACCOUNT.insert(&mut ext.state, who, &info);
        }
        TOTAL_ISSUANCE.put(&mut ext.state, &issuance);
        balances::BURNED.put(&mut ext.state, &0);
        balances::MINTED.put(&mut ext.state, &0);
        system::NUMBER.put(&mut ext.state, &0);
        system::TIMESTAMP_NOW.put(&mut ext.state, &self.timestamp_ms);
        if let Some(sudo) = self.sudo {
            SUDO_KEY.put(&mut ext.state, &sudo);
        }
        self.params.store(&mut ext);
        // The root subnet exists from genesis (spec-subnets §2.2); a fresh store cannot fail.
        let _ = crate::subnets::init_root(&mut ext);
        let mut changes = ext.state.into_changes();
        let header = Header {
            parent_hash: H256::ZERO,
            number: 0,
            state_root: changes.digest(),
            extrinsics_root: H256::ZERO,
            timestamp_ms: self.timestamp_ms,
            author: None,
        };
        let hash = header.hash();
        changes.insert(
            system::BLOCK_HASH.key(&0),
            Some(parity_scale_codec::Encode::encode(&hash)),
        );
        Ok((changes, hash))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::StorageRead;

    #[test]
    fn dev_preset_funds_dev_accounts() {
        let (changes, hash) = GenesisConfig::preset("dev").unwrap().build().unwrap();
        let s = changes.into_store();
        assert_eq!(balances::total_issuance(&s).unwrap(), 6 * DEV_BALANCE);
        assert_eq!(
            balances::free(&s, &dev_account("Bob")).unwrap(),
            DEV_BALANCE
        );
        assert_eq!(system::genesis_hash(&s).unwrap(), hash);
        assert!(s.get(&SUDO_KEY.key()).is_some());
    }

    #[test]
    fn rejects_bad_configs() {
        let mut g = GenesisConfig::preset("empty").unwrap();
        g.balances = vec![(dev_account("Bob"), 1), (dev_account("Bob"), 1000)];
        assert!(matches!(
            g.build(),
            Err(GenesisError::BelowExistentialDeposit(..))
        ));
        g.balances = vec![(dev_account("Bob"), 1000), (dev_account("Bob"), 1000)];
        assert!(matches!(g.build(), Err(GenesisError::DuplicateAccount(_))));
        g.balances = vec![(dev_account("Bob"), u64::MAX), (dev_account("Eve"), 1000)];
        assert_eq!(g.build(), Err(GenesisError::IssuanceOverflow));
        assert!(GenesisConfig::preset("prod").is_err());
    }
}
