//! `yuma delegate get-take | set-take` (btcli's `sudo get-take | set-take`): the share of
//! its nominators' dividends a validator hotkey keeps. Raising it is `increase_take` (rate
//! limited), lowering it `decrease_take`; the command picks the call from the current take.

use super::{
    keys::KeyArgs,
    net::{address, fraction_u16, parse_fraction, take_percent, NetArgs},
    CliError,
};
use serde_json::json;
use yuma_primitives::{call::SubtensorCall, AccountId, RuntimeCall};

/// `yuma delegate …`.
#[derive(Debug, clap::Args)]
pub(crate) struct DelegateArgs {
    #[command(subcommand)]
    command: DelegateCommand,
    #[command(flatten)]
    keys: KeyArgs,
    #[command(flatten)]
    net: NetArgs,
}

#[derive(Debug, clap::Subcommand)]
enum DelegateCommand {
    /// A hotkey's delegate take.
    #[command(alias = "take")]
    GetTake {
        /// The hotkey (SS58); default the wallet's hotkey.
        #[arg(long)]
        hotkey_ss58: Option<String>,
    },
    /// Set the wallet hotkey's delegate take (`increase_take` or `decrease_take`).
    SetTake {
        /// The new take as a fraction (`0.1` = 10 %, at most 0.18).
        #[arg(long)]
        take: String,
        /// The hotkey (SS58); default the wallet's hotkey.
        #[arg(long)]
        hotkey_ss58: Option<String>,
    },
}

fn hotkey(keys: &KeyArgs, ss58: Option<&str>) -> Result<AccountId, CliError> {
    match ss58 {
        Some(s) => address(s, "--hotkey-ss58"),
        None => keys.hotkeypub(),
    }
}

/// Which call moves the take from `current` to `new`, or why none does.
fn call_for(hotkey: AccountId, current: u16, new: u16) -> Result<SubtensorCall, CliError> {
    match new.cmp(&current) {
        std::cmp::Ordering::Greater => Ok(SubtensorCall::IncreaseTake { hotkey, take: new }),
        std::cmp::Ordering::Less => Ok(SubtensorCall::DecreaseTake { hotkey, take: new }),
        std::cmp::Ordering::Equal => Err(CliError::Input(format!(
            "the take of {hotkey} is already {} ({current}/65535)",
            take_percent(current)
        ))),
    }
}

pub(crate) fn run(args: DelegateArgs) -> Result<(), CliError> {
    let (keys, net) = (&args.keys, &args.net);
    match &args.command {
        DelegateCommand::GetTake { hotkey_ss58 } => {
            let hk = hotkey(keys, hotkey_ss58.as_deref())?;
            net.run(|c| async move {
                let take = c
                    .query("delegate_take", json!({"hotkey": hk}), None)
                    .await?;
                let v = json!({"hotkey": hk, "take": take});
                net.output(&v, || {
                    let t = u16::try_from(take.as_u64().unwrap_or(0)).unwrap_or(u16::MAX);
                    format!("delegate take of {hk}: {} ({t}/65535)", take_percent(t))
                });
                Ok(())
            })
        }
        DelegateCommand::SetTake { take, hotkey_ss58 } => {
            let hk = hotkey(keys, hotkey_ss58.as_deref())?;
            let new = fraction_u16(parse_fraction(take, "--take")?);
            let pair = keys.coldkey()?;
            net.run(|c| async move {
                let current = c
                    .query("delegate_take", json!({"hotkey": hk}), None)
                    .await?;
                let current = u16::try_from(current.as_u64().unwrap_or(0)).unwrap_or(u16::MAX);
                let call = call_for(hk, current, new)?;
                let summary = format!(
                    "{} the delegate take of {hk}: {} → {} ({new}/65535)",
                    if new > current { "Raise" } else { "Lower" },
                    take_percent(current),
                    take_percent(new)
                );
                net.submit(&c, &pair, RuntimeCall::SubtensorModule(call), &summary)
                    .await?;
                Ok(())
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_direction_picks_the_call() {
        let h = AccountId([9; 32]);
        assert!(matches!(
            call_for(h, 11_796, 6_553),
            Ok(SubtensorCall::DecreaseTake { take: 6_553, .. })
        ));
        assert!(matches!(
            call_for(h, 6_553, 7_864),
            Ok(SubtensorCall::IncreaseTake { take: 7_864, .. })
        ));
        assert!(call_for(h, 6_553, 6_553).is_err());
    }
}
