//! Running a node: `yuma node --dev` is a one-validator network with the dev genesis, on the
//! tokio runtime, RPC on a loopback port, data under a base path.

use crate::{engine, mempool, rpc};
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
        }
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
    /// The RPC server did not start.
    #[error("rpc server on {addr}: {source}")]
    Rpc {
        /// Address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// Starts the engine and RPC on `context`; returns the handle and the RPC address.
pub async fn start(
    context: cw_tokio::Context,
    config: &NodeConfig,
) -> Result<(engine::Handle, SocketAddr, jsonrpsee::server::ServerHandle), Error> {
    let genesis = GenesisConfig::preset(&config.genesis)?;
    let signer = ed25519::PrivateKey::from_seed(DEV_VALIDATOR_SEED);
    let engine_config = engine::Config {
        validators: vec![(signer.public_key(), config.p2p_addr)],
        signer,
        listen: config.p2p_addr,
        genesis,
        block_time: config.block_time,
        mempool: mempool::Config::default(),
        partition_prefix: engine::DEFAULT_PARTITION_PREFIX.into(),
    };
    let handle = engine::start(context, engine_config, config.dev).await?;
    let (addr, server) = rpc::start(config.rpc_addr, handle.clone())
        .await
        .map_err(|source| Error::Rpc {
            addr: config.rpc_addr,
            source,
        })?;
    Ok((handle, addr, server))
}

/// Runs a node until Ctrl-C.
pub fn run(config: NodeConfig) -> Result<(), Error> {
    let cfg = cw_tokio::Config::new().with_storage_directory(config.base_path.clone());
    let runner = cw_tokio::Runner::new(cfg);
    runner.start(|context| async move {
        let (_handle, addr, server) = start(context, &config).await?;
        eprintln!(
            "yuma node: chain {:?}, rpc on http://{addr} (and ws://{addr}), data in {}",
            config.genesis,
            config.base_path.display()
        );
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("yuma node: stopping");
        let _ = server.stop();
        Ok(())
    })
}
