//! `yuma testnet init`: keys and a shared chain spec for a local multi-validator network.

use super::CliError;
use clap::{Args, Subcommand};
use std::{net::IpAddr, path::PathBuf};
use yuma_node::spec;
use yuma_runtime::genesis::GenesisConfig;

/// `yuma testnet …`.
#[derive(Debug, Subcommand)]
pub(crate) enum TestnetCommand {
    /// Write `validator-1.key` … `validator-N.key` and `chain.json` into a directory.
    Init(InitArgs),
}

/// Arguments of `yuma testnet init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Number of validators.
    #[arg(long, default_value_t = 4)]
    validators: usize,
    /// Output directory (created if missing; existing key files are not overwritten).
    #[arg(long)]
    out: PathBuf,
    /// Host the validators listen on and dial each other at.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// p2p port of validator 1; the others take the next ports.
    #[arg(long, default_value_t = 30333)]
    p2p_port: u16,
    /// RPC port of validator 1; the others take the next ports.
    #[arg(long, default_value_t = 9944)]
    rpc_port: u16,
    /// Minimum time between blocks, milliseconds.
    #[arg(long, default_value_t = 250)]
    block_time: u64,
    /// Genesis preset (`dev`: funded dev accounts, `empty`).
    #[arg(long, default_value = "dev")]
    genesis: String,
    /// Chain name.
    #[arg(long, default_value = "yuma local testnet")]
    name: String,
}

pub(crate) fn run(cmd: TestnetCommand) -> Result<(), CliError> {
    match cmd {
        TestnetCommand::Init(a) => init(a),
    }
}

fn init(a: InitArgs) -> Result<(), CliError> {
    if a.validators == 0 || a.validators > 100 {
        return Err(CliError::Input(format!(
            "--validators {}: expected 1 to 100",
            a.validators
        )));
    }
    let mut genesis =
        GenesisConfig::preset(&a.genesis).map_err(|e| CliError::Input(e.to_string()))?;
    genesis.chain_name = a.name.clone();
    let (spec, keys) = spec::generate(
        a.validators,
        a.host,
        a.p2p_port,
        a.rpc_port,
        genesis,
        a.block_time.max(1),
    )
    .map_err(|e| CliError::Input(e.to_string()))?;
    std::fs::create_dir_all(&a.out)
        .map_err(|e| CliError::Io(format!("cannot create {}: {e}", a.out.display())))?;
    let key_paths: Vec<_> = (1..=a.validators)
        .map(|i| a.out.join(format!("validator-{i}.key")))
        .collect();
    if let Some(p) = key_paths.iter().find(|p| p.exists()) {
        return Err(CliError::Input(format!(
            "{} exists: refusing to overwrite validator keys (choose another --out)",
            p.display()
        )));
    }
    for (path, key) in key_paths.iter().zip(&keys) {
        spec::write_key(path, key).map_err(|e| CliError::Io(e.to_string()))?;
    }
    let chain = a.out.join("chain.json");
    spec.write(&chain)
        .map_err(|e| CliError::Io(e.to_string()))?;
    println!(
        "wrote {} and {} validator keys in {}",
        chain.display(),
        a.validators,
        a.out.display()
    );
    for (i, v) in spec.validators.iter().enumerate() {
        println!(
            "  validator-{}: p2p {}, rpc 127.0.0.1:{}, key {}",
            i + 1,
            v.p2p,
            v.rpc_port,
            v.public_key
        );
    }
    println!(
        "start one with: yuma node --chain {} --key {} --base-path DIR",
        chain.display(),
        key_paths[0].display()
    );
    Ok(())
}
