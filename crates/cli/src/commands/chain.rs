//! `yuma chain status`: the node's heads and the total issuance.

use super::{
    net::{table, tao, NetArgs},
    CliError,
};
use serde_json::json;

/// `yuma chain …`.
#[derive(Debug, clap::Args)]
pub(crate) struct ChainArgs {
    #[command(subcommand)]
    command: ChainCommand,
    #[command(flatten)]
    net: NetArgs,
}

#[derive(Debug, clap::Subcommand)]
enum ChainCommand {
    /// Chain name, best and finalized blocks, total issuance, pending transactions.
    Status,
}

pub(crate) fn run(args: ChainArgs) -> Result<(), CliError> {
    let net = &args.net;
    match args.command {
        ChainCommand::Status => net.run(|c| async move {
            let s = c.status().await?;
            let issuance = c.total_issuance().await?;
            let v = json!({"status": s, "totalIssuance": issuance, "url": c.url()});
            net.output(&v, || {
                let mut t = table(&["", ""]);
                t.add_row(vec!["node".to_string(), c.url().to_string()]);
                t.add_row(vec!["chain".to_string(), s.chain.clone()]);
                t.add_row(vec![
                    "best block".to_string(),
                    format!("{} ({})", s.best_number, s.best_hash),
                ]);
                t.add_row(vec![
                    "finalized block".to_string(),
                    format!("{} ({})", s.finalized_number, s.finalized_hash),
                ]);
                t.add_row(vec!["total issuance".to_string(), tao(issuance)]);
                t.add_row(vec![
                    "pending transactions".to_string(),
                    s.pending_transactions.to_string(),
                ]);
                t.add_row(vec!["genesis".to_string(), s.genesis_hash.to_string()]);
                t.to_string()
            });
            Ok(())
        }),
    }
}
