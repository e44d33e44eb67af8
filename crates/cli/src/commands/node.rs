//! `yuma node`: run a node (for now a dev chain: one validator, dev genesis).

use super::CliError;
use clap::Args;
use std::{path::PathBuf, time::Duration};
use yuma_node::dev::{NodeConfig, DEFAULT_RPC_PORT};

/// Arguments of `yuma node`.
#[derive(Debug, Args)]
pub(crate) struct NodeArgs {
    /// Run a one-validator dev chain with the dev genesis (funded dev accounts).
    #[arg(long)]
    dev: bool,
    /// Store data in a fresh temporary directory, removed on exit.
    #[arg(long, conflicts_with = "base_path")]
    tmp: bool,
    /// Where blocks, certificates and the consensus journal are stored.
    #[arg(long)]
    base_path: Option<PathBuf>,
    /// JSON-RPC port (HTTP and WebSocket) on 127.0.0.1.
    #[arg(long, default_value_t = DEFAULT_RPC_PORT)]
    rpc_port: u16,
    /// Minimum time between blocks, milliseconds.
    #[arg(long, default_value_t = 250)]
    block_time: u64,
}

pub(crate) fn run(args: NodeArgs) -> Result<(), CliError> {
    if !args.dev {
        return Err(CliError::Input(
            "only dev chains are supported for now: pass --dev".into(),
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
    let mut config = NodeConfig::dev(base, args.rpc_port);
    config.block_time = Duration::from_millis(args.block_time.max(1));
    yuma_node::dev::run(config).map_err(|e| CliError::Failed(e.to_string()))
}
