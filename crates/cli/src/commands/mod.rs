//! Command groups of the `yuma` binary, one module each.

pub(crate) mod bench;
pub(crate) mod chain;
pub(crate) mod children;
pub(crate) mod delegate;
pub(crate) mod epoch;
pub(crate) mod keys;
pub(crate) mod net;
pub(crate) mod node;
pub(crate) mod scenario;
pub(crate) mod stake;
pub(crate) mod stake_move;
pub(crate) mod style;
pub(crate) mod subnet;
pub(crate) mod testnet;
pub(crate) mod wallet;
pub(crate) mod wallet_net;
pub(crate) mod weights;

use clap::{Parser, Subcommand};

/// yuma: the Bittensor network in one fast binary.
#[derive(Debug, Parser)]
#[command(name = "yuma", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
    /// No colour (also off when the output is not a terminal or `NO_COLOR` is set).
    #[arg(long, global = true, alias = "no-colour")]
    no_color: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run one Yuma Consensus epoch from a conformance case file (JSON, `-` for stdin).
    Epoch(epoch::EpochArgs),
    /// Run a node (`--dev`: a one-validator dev chain; `--chain --key`: a network validator).
    Node(node::NodeArgs),
    /// Node benchmarks: cold start, finalized transfers per second, metagraph latency.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// A local multi-validator network: `init` writes validator keys and a chain spec.
    #[command(subcommand)]
    Testnet(testnet::TestnetCommand),
    /// Run chain scenarios: blocks of calls, time and queries on an in-memory chain.
    #[command(subcommand)]
    Scenario(scenario::ScenarioCommand),
    /// Wallets (bittensor-wallet compatible): create, regenerate, list, sign, verify; on a
    /// node: balance, overview, transfer, faucet.
    #[command(alias = "w", alias = "wallets")]
    Wallet(wallet::WalletArgs),
    /// The chain's status: heads and total issuance.
    Chain(chain::ChainArgs),
    /// Subnets: list, show, price, burn-cost, lock-cost, create, start, register,
    /// hyperparameters.
    #[command(alias = "subnets", alias = "s")]
    Subnet(subnet::SubnetArgs),
    /// A subnet's metagraph: every neuron's keys, stake, incentive, dividends and emission.
    Metagraph(subnet::MetagraphArgs),
    /// A validator's weights: set, commit, reveal.
    #[command(alias = "wt", alias = "weight")]
    Weights(weights::WeightsArgs),
    /// Stake: add, remove, move, transfer, swap (quoted, with a price limit by default),
    /// list, child hotkeys.
    #[command(alias = "st")]
    Stake(stake::StakeArgs),
    /// A validator hotkey's delegate take: get-take, set-take.
    Delegate(delegate::DelegateArgs),
}

/// A failed command: its message and the process exit code.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// The command's input was malformed.
    #[error("{0}")]
    Input(String),
    /// Reading or writing a file failed.
    #[error("{0}")]
    Io(String),
    /// The command ran but its checks failed.
    #[error("{0}")]
    Failed(String),
}

impl CliError {
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Self::Input(_) => 2,
            Self::Io(_) | Self::Failed(_) => 1,
        }
    }
}

pub(crate) fn run(cli: Cli) -> Result<(), CliError> {
    style::init(cli.no_color);
    match cli.command {
        Command::Epoch(args) => epoch::run(args),
        Command::Node(args) => node::run(args),
        Command::Scenario(cmd) => scenario::run(cmd),
        Command::Testnet(cmd) => testnet::run(cmd),
        Command::Bench(cmd) => bench::run(cmd),
        Command::Wallet(args) => wallet::run(args),
        Command::Chain(args) => chain::run(args),
        Command::Subnet(args) => subnet::run(args),
        Command::Metagraph(args) => subnet::metagraph(args),
        Command::Weights(args) => weights::run(args),
        Command::Stake(args) => stake::run(args),
        Command::Delegate(args) => delegate::run(args),
    }
}

/// Reads a file, or standard input when the path is `-`.
pub(crate) fn read_input(path: &std::path::Path) -> Result<String, CliError> {
    use std::io::Read;
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| CliError::Io(format!("cannot read standard input: {e}")))?;
        Ok(s)
    } else {
        std::fs::read_to_string(path)
            .map_err(|e| CliError::Io(format!("cannot read {}: {e}", path.display())))
    }
}
