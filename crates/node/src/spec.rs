//! A multi-validator network's shared chain spec and validator key files
//! (`yuma testnet init`, `yuma node --chain … --key …`).
//!
//! `chain.json` holds the genesis, the block time and the static validator set: each
//! validator's ed25519 public key (hex), p2p address and suggested RPC port. Every validator
//! of a network reads the same file, so they derive the same genesis hash and participant set.
//! A key file holds one validator's ed25519 secret key as hex (32 bytes), nothing else; it is
//! written with mode 0600.

use commonware_codec::{DecodeExt as _, Encode as _};
use commonware_cryptography::{ed25519, Signer as _};
use serde::{Deserialize, Serialize};
use std::{io::Read as _, net::SocketAddr, path::Path};
use yuma_runtime::genesis::GenesisConfig;

/// The shared chain spec of a network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainSpec {
    /// Genesis (chain name, balances, sudo key, parameters).
    pub genesis: GenesisConfig,
    /// Minimum time between blocks, milliseconds.
    pub block_time_ms: u64,
    /// The validators, in any order.
    pub validators: Vec<ValidatorSpec>,
}

/// One validator of a [`ChainSpec`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidatorSpec {
    /// ed25519 public key, hex.
    pub public_key: String,
    /// Where it listens for p2p and where the others dial it.
    pub p2p: SocketAddr,
    /// Its RPC port (on 127.0.0.1) unless `--rpc-port` says otherwise.
    pub rpc_port: u16,
}

/// A spec or key file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The chain spec does not parse.
    #[error("{path}: not a chain spec: {reason}")]
    Spec {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// A key (in a key file or the spec) is malformed.
    #[error("{0}")]
    Key(String),
    /// The validator set is unusable.
    #[error("validator set: {0}")]
    Validators(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SpecError + '_ {
    move |source| SpecError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Parses a hex ed25519 public key.
pub fn parse_public_key(s: &str) -> Result<ed25519::PublicKey, SpecError> {
    let bytes = hex::decode(s.trim().trim_start_matches("0x"))
        .map_err(|e| SpecError::Key(format!("public key {s:?} is not hex: {e}")))?;
    ed25519::PublicKey::decode(bytes)
        .map_err(|e| SpecError::Key(format!("public key {s:?} is not an ed25519 key: {e}")))
}

/// Hex of a public key.
pub fn public_key_hex(k: &ed25519::PublicKey) -> String {
    hex::encode(k.encode())
}

impl ChainSpec {
    /// Reads and checks a chain spec.
    pub fn read(path: &Path) -> Result<Self, SpecError> {
        let text = std::fs::read_to_string(path).map_err(io(path))?;
        let spec: Self = serde_json::from_str(&text).map_err(|e| SpecError::Spec {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        spec.validators()?;
        Ok(spec)
    }

    /// Writes the spec as pretty JSON.
    pub fn write(&self, path: &Path) -> Result<(), SpecError> {
        let text = serde_json::to_string_pretty(self).map_err(|e| SpecError::Spec {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        std::fs::write(path, text + "\n").map_err(io(path))
    }

    /// The validator set: keys and addresses; at least one, no key or address twice.
    pub fn validators(&self) -> Result<Vec<(ed25519::PublicKey, SocketAddr)>, SpecError> {
        if self.validators.is_empty() {
            return Err(SpecError::Validators("no validators".into()));
        }
        let mut out = Vec::with_capacity(self.validators.len());
        for v in &self.validators {
            let k = parse_public_key(&v.public_key)?;
            if out.iter().any(|(o, _)| *o == k) {
                return Err(SpecError::Validators(format!(
                    "{} appears twice",
                    v.public_key
                )));
            }
            if out.iter().any(|(_, a)| *a == v.p2p) {
                return Err(SpecError::Validators(format!(
                    "address {} appears twice",
                    v.p2p
                )));
            }
            out.push((k, v.p2p));
        }
        Ok(out)
    }

    /// The entry of the validator with key `k`.
    pub fn find(&self, k: &ed25519::PublicKey) -> Option<&ValidatorSpec> {
        let hex = public_key_hex(k);
        self.validators.iter().find(|v| v.public_key == hex)
    }
}

/// Reads a validator key file.
pub fn read_key(path: &Path) -> Result<ed25519::PrivateKey, SpecError> {
    let text = std::fs::read_to_string(path).map_err(io(path))?;
    let bytes = hex::decode(text.trim().trim_start_matches("0x"))
        .map_err(|e| SpecError::Key(format!("{}: not a hex validator key: {e}", path.display())))?;
    if bytes.len() != 32 {
        return Err(SpecError::Key(format!(
            "{}: a validator key is 32 bytes, this is {}",
            path.display(),
            bytes.len()
        )));
    }
    ed25519::PrivateKey::decode(bytes)
        .map_err(|e| SpecError::Key(format!("{}: {e}", path.display())))
}

/// Writes a validator key file (mode 0600 on Unix).
pub fn write_key(path: &Path, key: &ed25519::PrivateKey) -> Result<(), SpecError> {
    let text = format!("{}\n", hex::encode(key.encode()));
    #[cfg(unix)]
    {
        use std::io::Write as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(path)
            .map_err(io(path))?;
        f.write_all(text.as_bytes()).map_err(io(path))
    }
    #[cfg(not(unix))]
    {
        std::fs::write(path, text).map_err(io(path))
    }
}

/// A fresh validator key from the operating system's randomness.
pub fn random_key() -> Result<ed25519::PrivateKey, SpecError> {
    let path = Path::new("/dev/urandom");
    let mut seed = [0u8; 32];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut seed))
        .map_err(io(path))?;
    ed25519::PrivateKey::decode(seed.to_vec()).map_err(|e| SpecError::Key(e.to_string()))
}

/// A spec for `n` validators on `host`, p2p ports from `p2p_port`, RPC ports from `rpc_port`,
/// with `genesis`; returns it with the validators' keys (in the spec's order).
pub fn generate(
    n: usize,
    host: std::net::IpAddr,
    p2p_port: u16,
    rpc_port: u16,
    genesis: GenesisConfig,
    block_time_ms: u64,
) -> Result<(ChainSpec, Vec<ed25519::PrivateKey>), SpecError> {
    if n == 0 {
        return Err(SpecError::Validators("at least one validator".into()));
    }
    let port = |base: u16, i: usize, what: &str| {
        u16::try_from(usize::from(base) + i)
            .map_err(|_| SpecError::Validators(format!("{what} port {base} + {i} is above 65535")))
    };
    let mut keys = Vec::with_capacity(n);
    let mut validators = Vec::with_capacity(n);
    for i in 0..n {
        let key = random_key()?;
        validators.push(ValidatorSpec {
            public_key: public_key_hex(&key.public_key()),
            p2p: SocketAddr::new(host, port(p2p_port, i, "p2p")?),
            rpc_port: port(rpc_port, i, "rpc")?,
        });
        keys.push(key);
    }
    Ok((
        ChainSpec {
            genesis,
            block_time_ms,
            validators,
        },
        keys,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr};

    #[test]
    fn spec_and_keys_roundtrip_through_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let genesis = GenesisConfig::preset("dev").expect("dev");
        let (spec, keys) = generate(
            4,
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            30333,
            9944,
            genesis,
            250,
        )
        .expect("generates");
        assert_eq!(spec.validators.len(), 4);
        assert_eq!(spec.validators[3].p2p.port(), 30336);
        assert_eq!(spec.validators[3].rpc_port, 9947);
        let path = dir.path().join("chain.json");
        spec.write(&path).expect("writes");
        assert_eq!(ChainSpec::read(&path).expect("reads"), spec);
        let kp = dir.path().join("validator-2.key");
        write_key(&kp, &keys[1]).expect("writes");
        let back = read_key(&kp).expect("reads");
        assert_eq!(back.public_key(), keys[1].public_key());
        assert!(spec.find(&back.public_key()).is_some());
        // Distinct keys.
        assert_ne!(keys[0].public_key(), keys[1].public_key());
    }

    #[test]
    fn bad_specs_and_keys_are_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("k");
        std::fs::write(&p, "zz").expect("write");
        assert!(read_key(&p).unwrap_err().to_string().contains("not a hex"));
        std::fs::write(&p, "00ff").expect("write");
        assert!(read_key(&p).unwrap_err().to_string().contains("32 bytes"));
        assert!(read_key(&dir.path().join("missing")).is_err());
        std::fs::write(&p, "{}").expect("write");
        assert!(ChainSpec::read(&p)
            .unwrap_err()
            .to_string()
            .contains("not a chain spec"));
        let genesis = GenesisConfig::preset("dev").expect("dev");
        let (mut spec, _) =
            generate(2, IpAddr::V4(Ipv4Addr::LOCALHOST), 1, 1, genesis, 250).expect("generates");
        spec.validators[1].public_key = spec.validators[0].public_key.clone();
        assert!(spec.validators().unwrap_err().to_string().contains("twice"));
        spec.validators[1].public_key = "beef".into();
        assert!(spec.validators().is_err());
        assert!(generate(
            2,
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            65535,
            1,
            GenesisConfig::preset("dev").expect("dev"),
            250
        )
        .is_err());
    }
}
