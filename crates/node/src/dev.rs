//! Running a node: `yuma node --dev` is a one-validator network with the dev genesis, on the
//! tokio runtime, RPC on a loopback port, data under a base path.

use crate::{
    engine, mempool, rpc,
    spec::{ChainSpec, SpecError},
};
use commonware_cryptography::{ed25519, Signer as _};
use commonware_runtime::{tokio as cw_tokio, Runner as _};
use std::{
    net::{Ipv4Addr, SocketAddr},
    path::PathBuf,
    time::Duration,
};
use yuma_runtime::genesis::GenesisConfig;

/// Default block time of a dev chain.
pub const DEV_BLOCK_TIME: Duration = Duration::from_millis(250);
/// Default RPC port.
pub const DEFAULT_RPC_PORT: u16 = 9944;
/// Seed of the dev validator's ed25519 key.
pub const DEV_VALIDATOR_SEED: u64 = 0;

/// How to run a node.
#[derive(Clone, Debug)]
pub struct NodeConfig {
    /// Where blocks, certificates and the consensus journal live.
    pub base_path: PathBuf,
    /// RPC listen address (loopback by default).
    pub rpc_addr: SocketAddr,
    /// p2p listen address.
    pub p2p_addr: SocketAddr,
    /// Minimum time between blocks.
    pub block_time: Duration,
    /// Genesis preset name.
    pub genesis: String,
    /// Whether this is a dev chain (enables `yuma_faucet`).
    pub dev: bool,
    /// Prometheus `GET /metrics` listen address (none: no metrics server).
    pub metrics_addr: Option<SocketAddr>,
    /// RPC abuse limits.
    pub rpc_limits: rpc::Limits,
    /// A validator of a multi-validator network; `None` for the one-validator dev chain.
    pub network: Option<Network>,
}

/// This validator's place in a multi-validator network (from a [`ChainSpec`]).
#[derive(Clone)]
pub struct Network {
    /// This validator's key.
    pub key: ed25519::PrivateKey,
    /// Every validator and its p2p address.
    pub validators: Vec<(ed25519::PublicKey, SocketAddr)>,
    /// The genesis.
    pub genesis: GenesisConfig,
    /// Where this validator listens for p2p.
    pub listen: SocketAddr,
}

impl Network {
    /// A one-validator network with `genesis`: the dev validator key, listening on `listen`
    /// (benchmarks and tools that need a genesis other than the presets).
    pub fn single(genesis: GenesisConfig, listen: SocketAddr) -> Self {
        let key = ed25519::PrivateKey::from_seed(DEV_VALIDATOR_SEED);
        Self {
            validators: vec![(key.public_key(), listen)],
            key,
            genesis,
            listen,
        }
    }
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key stays out of logs.
        f.debug_struct("Network")
            .field("public_key", &self.key.public_key())
            .field("validators", &self.validators.len())
            .field("listen", &self.listen)
            .finish()
    }
}

impl NodeConfig {
    /// A dev node storing under `base_path`, RPC on `127.0.0.1:rpc_port`.
    pub fn dev(base_path: PathBuf, rpc_port: u16) -> Self {
        Self {
            base_path,
            rpc_addr: SocketAddr::from((Ipv4Addr::LOCALHOST, rpc_port)),
            p2p_addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            block_time: DEV_BLOCK_TIME,
            genesis: "dev".into(),
            dev: true,
            metrics_addr: None,
            rpc_limits: rpc::Limits::default(),
            network: None,
        }
    }

    /// The validator with `key` of the network `spec` describes, storing under `base_path`;
    /// RPC on 127.0.0.1 at `rpc_port` or the port the spec gives it.
    pub fn validator(
        spec: &ChainSpec,
        key: ed25519::PrivateKey,
        base_path: PathBuf,
        rpc_port: Option<u16>,
    ) -> Result<Self, SpecError> {
        let validators = spec.validators()?;
        let me = spec.find(&key.public_key()).ok_or_else(|| {
            SpecError::Validators(format!(
                "this key ({}) is not one of the chain spec's validators",
                crate::spec::public_key_hex(&key.public_key())
            ))
        })?;
        let rpc_port = rpc_port.unwrap_or(me.rpc_port);
        let listen = me.p2p;
        Ok(Self {
            base_path,
            rpc_addr: SocketAddr::from((Ipv4Addr::LOCALHOST, rpc_port)),
            p2p_addr: listen,
            block_time: Duration::from_millis(spec.block_time_ms.max(1)),
            genesis: spec.genesis.chain_name.clone(),
            dev: false,
            metrics_addr: None,
            rpc_limits: rpc::Limits::default(),
            network: Some(Network {
                key,
                validators,
                genesis: spec.genesis.clone(),
                listen,
            }),
        })
    }
}

/// A failure to run a node.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Genesis.
    #[error("genesis: {0}")]
    Genesis(#[from] yuma_runtime::genesis::GenesisError),
    /// The engine did not start.
    #[error(transparent)]
    Engine(#[from] engine::Error),
    /// The metrics server did not start.
    #[error("metrics server on {addr}: {source}")]
    Metrics {
        /// Address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The node stopped following the finalized chain (see [`crate::application::Fatal`]).
    #[error("node stopped: {0}")]
    Fatal(String),
    /// The RPC server did not start.
    #[error("rpc server on {addr}: {source}")]
    Rpc {
        /// Address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// A started node.
pub struct Running {
    /// The engine.
    pub handle: engine::Handle,
    /// Where RPC listens.
    pub rpc_addr: SocketAddr,
    /// The RPC server.
    pub rpc: jsonrpsee::server::ServerHandle,
    /// Where metrics are served, if asked for.
    pub metrics_addr: Option<SocketAddr>,
}

/// Starts the engine and RPC on `context`; returns the handle and the RPC address.
pub async fn start(
    context: cw_tokio::Context,
    config: &NodeConfig,
) -> Result<(engine::Handle, SocketAddr, jsonrpsee::server::ServerHandle), Error> {
    let r = start_node(context, config).await?;
    Ok((r.handle, r.rpc_addr, r.rpc))
}

/// Starts the engine, RPC and (if configured) the metrics server on `context`.
pub async fn start_node(context: cw_tokio::Context, config: &NodeConfig) -> Result<Running, Error> {
    let (signer, validators, listen, genesis) = match &config.network {
        Some(n) => (
            n.key.clone(),
            n.validators.clone(),
            n.listen,
            n.genesis.clone(),
        ),
        None => {
            let signer = ed25519::PrivateKey::from_seed(DEV_VALIDATOR_SEED);
            let validators = vec![(signer.public_key(), config.p2p_addr)];
            let genesis = GenesisConfig::preset(&config.genesis)?;
            (signer, validators, config.p2p_addr, genesis)
        }
    };
    let engine_config = engine::Config {
        validators,
        signer,
        listen,
        genesis,
        block_time: config.block_time,
        mempool: mempool::Config::default(),
        partition_prefix: engine::DEFAULT_PARTITION_PREFIX.into(),
    };
    let handle = engine::start(context, engine_config, config.dev).await?;
    let (rpc_addr, rpc) = rpc::start_with(config.rpc_addr, handle.clone(), config.rpc_limits)
        .await
        .map_err(|source| Error::Rpc {
            addr: config.rpc_addr,
            source,
        })?;
    let metrics_addr = match config.metrics_addr {
        Some(addr) => Some(
            crate::metrics::serve(addr, handle.clone())
                .await
                .map_err(|source| Error::Metrics { addr, source })?,
        ),
        None => None,
    };
    Ok(Running {
        handle,
        rpc_addr,
        rpc,
        metrics_addr,
    })
}

/// Runs a node on a fresh tokio runtime and `f` beside it (benchmarks, tools); returns what
/// `f` returns once it is done, stopping the node.
pub fn run_with<F, Fut, T>(config: NodeConfig, f: F) -> Result<T, Error>
where
    F: FnOnce(Running) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let cfg = cw_tokio::Config::new().with_storage_directory(config.base_path.clone());
    cw_tokio::Runner::new(cfg).start(|context| async move {
        let r = start_node(context, &config).await?;
        let rpc = r.rpc.clone();
        let out = f(r).await;
        let _ = rpc.stop();
        Ok(out)
    })
}

/// Runs a node until Ctrl-C.
pub fn run(config: NodeConfig) -> Result<(), Error> {
    let cfg = cw_tokio::Config::new().with_storage_directory(config.base_path.clone());
    let runner = cw_tokio::Runner::new(cfg);
    runner.start(|context| async move {
        let r = start_node(context, &config).await?;
        let (addr, server) = (r.rpc_addr, r.rpc);
        eprintln!(
            "yuma node: chain {:?}, rpc on http://{addr} (and ws://{addr}), data in {}",
            config.genesis,
            config.base_path.display()
        );
        if let Some(m) = r.metrics_addr {
            eprintln!("yuma node: metrics on http://{m}/metrics");
        }
        let mut fatal = r.handle.fatal.clone();
        let stopped = tokio::select! {
            _ = tokio::signal::ctrl_c() => None,
            // A fatal finalizer error (or the finalizer gone): exit non-zero instead of
            // running on without finalizing.
            why = fatal.wait_for(|f| f.is_some()) => Some(match why {
                Ok(f) => f.clone().unwrap_or_default(),
                Err(_) => "the finalizer stopped".to_string(),
            }),
        };
        eprintln!("yuma node: stopping");
        let _ = server.stop();
        match stopped {
            None => Ok(()),
            Some(why) => Err(Error::Fatal(why)),
        }
    })
}
