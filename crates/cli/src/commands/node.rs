//! `yuma node`: run a node — a one-validator dev chain (`--dev`) or one validator of a
//! network described by a chain spec (`--chain chain.json --key validator-N.key`).

use super::CliError;
use clap::Args;
use std::{
    net::{Ipv4Addr, SocketAddr},
    path::PathBuf,
    time::Duration,
};
use yuma_node::{
    dev::{NodeConfig, DEFAULT_RPC_PORT},
    rpc::{limits, Limits},
    spec::{self, ChainSpec},
};

/// Arguments of `yuma node`.
#[derive(Debug, Args)]
pub(crate) struct NodeArgs {
    /// Run a one-validator dev chain with the dev genesis (funded dev accounts, faucet).
    #[arg(long, conflicts_with_all = ["chain", "key"])]
    dev: bool,
    /// The network's chain spec (`yuma testnet init` writes one).
    #[arg(long, requires = "key")]
    chain: Option<PathBuf>,
    /// This validator's key file (with --chain).
    #[arg(long, requires = "chain")]
    key: Option<PathBuf>,
    /// Override validators' p2p addresses of the chain spec: `PUBKEY@HOST:PORT`, comma
    /// separated (PUBKEY as in chain.json).
    #[arg(long, value_delimiter = ',', requires = "chain")]
    peers: Vec<String>,
    /// Store data in a fresh temporary directory, removed on exit.
    #[arg(long, conflicts_with = "base_path")]
    tmp: bool,
    /// Where blocks, certificates and the consensus journal are stored.
    #[arg(long)]
    base_path: Option<PathBuf>,
    /// JSON-RPC port (HTTP and WebSocket) on 127.0.0.1 [default: 9944, or the chain spec's].
    #[arg(long)]
    rpc_port: Option<u16>,
    /// Serve Prometheus metrics on 127.0.0.1:PORT/metrics.
    #[arg(long)]
    metrics_port: Option<u16>,
    /// Minimum time between blocks, milliseconds (dev chains; a network uses its spec's).
    #[arg(long, default_value_t = 250, conflicts_with = "chain")]
    block_time: u64,
    /// JSON-RPC calls per second one connection may make (0: unlimited).
    #[arg(long, default_value_t = limits::DEFAULT_CALLS_PER_SECOND)]
    rpc_rate_limit: u32,
    /// JSON-RPC calls one connection may make at once above the rate.
    #[arg(long, default_value_t = limits::DEFAULT_BURST)]
    rpc_burst: u32,
    /// Most calls in one JSON-RPC batch.
    #[arg(long, default_value_t = limits::DEFAULT_MAX_BATCH)]
    rpc_max_batch: u32,
}

/// Applies `--peers` overrides to `spec`.
fn override_peers(spec: &mut ChainSpec, peers: &[String]) -> Result<(), CliError> {
    for p in peers {
        let (key, addr) = p
            .split_once('@')
            .ok_or_else(|| CliError::Input(format!("--peers {p:?}: expected PUBKEY@HOST:PORT")))?;
        let addr: SocketAddr = addr
            .parse()
            .map_err(|e| CliError::Input(format!("--peers {p:?}: bad address: {e}")))?;
        let k = spec::parse_public_key(key)
            .map_err(|e| CliError::Input(format!("--peers {p:?}: {e}")))?;
        let hex = spec::public_key_hex(&k);
        let entry = spec
            .validators
            .iter_mut()
            .find(|v| v.public_key == hex)
            .ok_or_else(|| {
                CliError::Input(format!(
                    "--peers {p:?}: that key is not a validator of the chain spec"
                ))
            })?;
        entry.p2p = addr;
    }
    Ok(())
}

pub(crate) fn run(args: NodeArgs) -> Result<(), CliError> {
    if !args.dev && args.chain.is_none() {
        return Err(CliError::Input(
            "pass --dev for a dev chain, or --chain chain.json --key validator.key for a network"
                .into(),
        ));
    }
    let tmp;
    let base = match (&args.base_path, args.tmp) {
        (Some(p), _) => p.clone(),
        (None, true) => {
            tmp = tempfile::tempdir()
                .map_err(|e| CliError::Io(format!("cannot create a temporary directory: {e}")))?;
            tmp.path().to_path_buf()
        }
        (None, false) => std::env::temp_dir().join("yuma-dev"),
    };
    let mut config = match (&args.chain, &args.key) {
        (Some(chain), Some(key)) => {
            let mut spec = ChainSpec::read(chain).map_err(|e| CliError::Input(e.to_string()))?;
            override_peers(&mut spec, &args.peers)?;
            let key = spec::read_key(key).map_err(|e| CliError::Input(e.to_string()))?;
            if args.base_path.is_none() && !args.tmp {
                return Err(CliError::Input(
                    "a network validator needs --base-path (or --tmp)".into(),
                ));
            }
            NodeConfig::validator(&spec, key, base, args.rpc_port)
                .map_err(|e| CliError::Input(e.to_string()))?
        }
        _ => {
            let mut c = NodeConfig::dev(base, args.rpc_port.unwrap_or(DEFAULT_RPC_PORT));
            c.block_time = Duration::from_millis(args.block_time.max(1));
            c
        }
    };
    config.metrics_addr = args
        .metrics_port
        .map(|p| SocketAddr::from((Ipv4Addr::LOCALHOST, p)));
    config.rpc_limits = Limits {
        calls_per_second: args.rpc_rate_limit,
        burst: args.rpc_burst.max(1),
        max_batch: args.rpc_max_batch.max(1),
    };
    yuma_node::dev::run(config).map_err(|e| CliError::Failed(e.to_string()))
}
