//! The keyfile JSON payload (`secretPhrase`, `secretSeed`, `privateKey`, `publicKey`,
//! `accountId`, `ss58Address`, hex with `0x`), and the key it holds.

use crate::WalletError;
use serde::{Deserialize, Serialize};
use std::path::Path;
use yuma_primitives::{AccountId, Pair};
use zeroize::Zeroize;

/// A keyfile's content. Public-only files (`coldkeypub.txt`) hold just the last three fields.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyfileData {
    /// BIP-39 mnemonic, when the key came from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_phrase: Option<String>,
    /// 32-byte mini secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_seed: Option<String>,
    /// 64-byte schnorrkel secret key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_key: Option<String>,
    /// 32-byte public key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// Same bytes as `public_key`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// SS58 address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ss58_address: Option<String>,
}

impl std::fmt::Debug for KeyfileData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyfileData({:?})", self.ss58_address)
    }
}

impl Drop for KeyfileData {
    fn drop(&mut self) {
        for s in [
            &mut self.secret_phrase,
            &mut self.secret_seed,
            &mut self.private_key,
        ]
        .into_iter()
        .flatten()
        {
            s.zeroize();
        }
    }
}

fn hex0x(b: &[u8]) -> String {
    format!("0x{}", hex::encode(b))
}

fn corrupt(path: &Path, reason: impl Into<String>) -> WalletError {
    WalletError::Corrupt {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

impl KeyfileData {
    /// The full payload of a private keyfile.
    pub fn private(pair: &Pair, phrase: Option<&str>) -> Self {
        let public = pair.public();
        Self {
            secret_phrase: phrase.map(str::to_string),
            secret_seed: pair.seed().map(|s| hex0x(&s)),
            private_key: Some(hex0x(&pair.secret_bytes())),
            public_key: Some(hex0x(&public.0)),
            account_id: Some(hex0x(&public.0)),
            ss58_address: Some(public.to_ss58()),
        }
    }

    /// The payload of a `*pub.txt` file.
    pub fn public(account: &AccountId) -> Self {
        Self {
            public_key: Some(hex0x(&account.0)),
            account_id: Some(hex0x(&account.0)),
            ss58_address: Some(account.to_ss58()),
            secret_phrase: None,
            secret_seed: None,
            private_key: None,
        }
    }

    /// Parses JSON bytes.
    pub fn from_json(bytes: &[u8], path: &Path) -> Result<Self, WalletError> {
        serde_json::from_slice(bytes)
            .map_err(|e| corrupt(path, format!("not a keyfile JSON object: {e}")))
    }

    /// Serialises to JSON.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// The key, from the first secret present in btwallet's order (phrase, seed, private key),
    /// checked against the stored public key.
    pub fn pair(&self, path: &Path) -> Result<Pair, WalletError> {
        let pair = if let Some(phrase) = &self.secret_phrase {
            Pair::from_phrase(phrase, None)?
        } else if let Some(seed) = &self.secret_seed {
            let mut b = [0u8; 32];
            hex::decode_to_slice(seed.trim_start_matches("0x"), &mut b)
                .map_err(|_| corrupt(path, "secretSeed is not 32 bytes of hex"))?;
            let p = Pair::from_seed(&b);
            b.zeroize();
            p
        } else if let Some(sk) = &self.private_key {
            let b = hex::decode(sk.trim_start_matches("0x"))
                .map_err(|_| corrupt(path, "privateKey is not hex"))?;
            Pair::from_secret_bytes(&b).map_err(|e| corrupt(path, e.to_string()))?
        } else {
            return Err(corrupt(path, "no secretPhrase, secretSeed or privateKey"));
        };
        if let Ok(Some(stored)) = self.account() {
            if stored != pair.public() {
                return Err(corrupt(
                    path,
                    "the secret does not match the stored public key",
                ));
            }
        }
        Ok(pair)
    }

    /// The account named by the file (public key first, then the SS58 address).
    pub fn account(&self) -> Result<Option<AccountId>, String> {
        if let Some(pk) = self.public_key.as_ref().or(self.account_id.as_ref()) {
            let mut b = [0u8; 32];
            hex::decode_to_slice(pk.trim_start_matches("0x"), &mut b)
                .map_err(|_| "publicKey is not 32 bytes of hex".to_string())?;
            return Ok(Some(AccountId(b)));
        }
        match &self.ss58_address {
            Some(a) => AccountId::from_ss58(a).map(Some).map_err(|e| e.to_string()),
            None => Ok(None),
        }
    }
}
