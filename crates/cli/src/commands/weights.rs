//! `yuma weights set | commit | reveal`: a validator's weights, signed by the hotkey.

use super::{
    keys::KeyArgs,
    net::{parse_u16_list, NetArgs},
    CliError,
};
use yuma_primitives::{call::SubtensorCall, NetUid, RuntimeCall};

/// `yuma weights …`.
#[derive(Debug, clap::Args)]
pub(crate) struct WeightsArgs {
    #[command(subcommand)]
    command: WeightsCommand,
    #[command(flatten)]
    keys: KeyArgs,
    #[command(flatten)]
    net: NetArgs,
}

/// The weights to set, commit or reveal.
#[derive(Debug, clap::Args)]
struct Vector {
    /// The subnet.
    #[arg(long)]
    netuid: u16,
    /// Target uids, comma-separated (`0,1,2`).
    #[arg(long)]
    uids: String,
    /// Weights, comma-separated, one per uid (the chain max-upscales them).
    #[arg(long)]
    weights: String,
    /// The weights version key the subnet expects.
    #[arg(long, default_value_t = 0)]
    version_key: u64,
}

#[derive(Debug, clap::Subcommand)]
enum WeightsCommand {
    /// Set weights directly (`set_weights`; refused while commit-reveal is on).
    Set(Vector),
    /// Commit the hash of weights to reveal later (`commit_weights`).
    Commit {
        #[command(flatten)]
        v: Vector,
        /// Salt, comma-separated u16 (keep it: the reveal needs it).
        #[arg(long)]
        salt: String,
    },
    /// Reveal weights committed earlier (`reveal_weights`).
    Reveal {
        #[command(flatten)]
        v: Vector,
        /// The salt given to the commit.
        #[arg(long)]
        salt: String,
    },
}

fn list(s: &str, flag: &str) -> Result<Vec<u16>, CliError> {
    parse_u16_list(s).map_err(|e| CliError::Input(format!("{flag}: {e}")))
}

impl Vector {
    fn parse(&self) -> Result<(NetUid, Vec<u16>, Vec<u16>), CliError> {
        let uids = list(&self.uids, "--uids")?;
        let weights = list(&self.weights, "--weights")?;
        if uids.len() != weights.len() {
            return Err(CliError::Input(format!(
                "{} uids but {} weights: give one weight per uid",
                uids.len(),
                weights.len()
            )));
        }
        Ok((NetUid(self.netuid), uids, weights))
    }
}

pub(crate) fn run(args: WeightsArgs) -> Result<(), CliError> {
    let net = &args.net;
    let pair = args.keys.hotkey_pair()?;
    let (call, summary) = match &args.command {
        WeightsCommand::Set(v) => {
            let (netuid, dests, weights) = v.parse()?;
            let summary = format!(
                "Set weights on subnet {}: uids {dests:?} weights {weights:?}",
                netuid.0
            );
            (
                SubtensorCall::SetWeights {
                    netuid,
                    dests,
                    weights,
                    version_key: v.version_key,
                },
                summary,
            )
        }
        WeightsCommand::Commit { v, salt } => {
            let (netuid, uids, values) = v.parse()?;
            let salt = list(salt, "--salt")?;
            let commit_hash = yuma_runtime::weights::commit_hash(
                &pair.public(),
                netuid.0,
                &uids,
                &values,
                &salt,
                v.version_key,
            );
            let summary = format!("Commit weights on subnet {} (hash {commit_hash}); reveal later with the same --uids, --weights and --salt", netuid.0);
            (
                SubtensorCall::CommitWeights {
                    netuid,
                    commit_hash,
                },
                summary,
            )
        }
        WeightsCommand::Reveal { v, salt } => {
            let (netuid, uids, values) = v.parse()?;
            let salt = list(salt, "--salt")?;
            let summary = format!(
                "Reveal weights on subnet {}: uids {uids:?} weights {values:?}",
                netuid.0
            );
            (
                SubtensorCall::RevealWeights {
                    netuid,
                    uids,
                    values,
                    salt,
                    version_key: v.version_key,
                },
                summary,
            )
        }
    };
    net.run(|c| async move {
        net.submit(&c, &pair, RuntimeCall::SubtensorModule(call), &summary)
            .await?;
        Ok(())
    })
}
