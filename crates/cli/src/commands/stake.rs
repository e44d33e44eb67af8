//! `yuma stake add | remove | list`: stake τ into a subnet's pool for a hotkey and back, with
//! the exact quote (the `swap_quote` query) shown first and a price limit by default. Moving
//! stake (`move | transfer | swap`) is in [`super::stake_move`], child hotkeys (`children`,
//! `childkey-take`) in [`super::children`].

use super::{
    children::{self, ChildrenCommand, TakeArgs},
    keys::KeyArgs,
    net::{cell, parse_tao, table, tao, units, NetArgs, RAO_PER_TAO},
    stake_move::{self, MoveArgs, SwapArgs, TransferArgs},
    CliError,
};
use serde_json::{json, Value};
use yuma_primitives::{call::SubtensorCall, AccountId, NetUid, RuntimeCall};

/// `yuma stake …`.
#[derive(Debug, clap::Args)]
pub(crate) struct StakeArgs {
    #[command(subcommand)]
    command: StakeCommand,
    #[command(flatten)]
    keys: KeyArgs,
    #[command(flatten)]
    net: NetArgs,
}

/// What to stake or unstake.
#[derive(Debug, clap::Args)]
struct Order {
    /// The subnet.
    #[arg(long)]
    netuid: u16,
    /// Amount: τ to stake, or α to unstake (decimal, nine places).
    #[arg(long)]
    amount: String,
    /// The hotkey to stake to (SS58); default the wallet's hotkey.
    #[arg(long)]
    hotkey_ss58: Option<String>,
    /// Slippage tolerance as a fraction (0.005 = 0.5 %): the price limit sent with the call.
    #[arg(long, default_value = "0.005")]
    tolerance: String,
    /// Send without a price limit (`add_stake` / `remove_stake`).
    #[arg(long = "unsafe")]
    no_limit: bool,
    /// With a limit, fill what the limit allows instead of failing.
    #[arg(long)]
    partial: bool,
}

#[derive(Debug, clap::Subcommand)]
enum StakeCommand {
    /// Stake τ to a hotkey on a subnet (buys α from the pool).
    Add(Order),
    /// Unstake α from a hotkey on a subnet (sells α to the pool).
    Remove(Order),
    /// The coldkey's stake positions.
    List,
    /// Move stake to another hotkey and/or subnet, same coldkey (`move_stake`).
    Move(MoveArgs),
    /// Give stake to another coldkey, optionally on another subnet (`transfer_stake`).
    Transfer(TransferArgs),
    /// Move a hotkey's stake between subnets (`swap_stake_limit`, or `swap_stake` with
    /// `--unsafe`).
    Swap(SwapArgs),
    /// Child hotkeys: get, set, revoke, take.
    #[command(subcommand, alias = "child")]
    Children(ChildrenCommand),
    /// Show or set a hotkey's childkey take on a subnet (`set_childkey_take`).
    ChildkeyTake(TakeArgs),
}

/// `price` (a decimal string of τ per α) in rao per α, the unit of `limit_price`.
pub(crate) fn price_rao(v: &Value) -> Result<u64, CliError> {
    let s = v.as_str().unwrap_or_default();
    parse_tao(s).map_err(|e| CliError::Failed(format!("unexpected price from the node: {e}")))
}

/// `price × (1 ± tolerance)`, exactly, in rao per α (`tolerance` in billionths).
pub(crate) fn limit(price: u64, tolerance: u64, up: bool) -> u64 {
    let f = if up {
        u128::from(RAO_PER_TAO) + u128::from(tolerance)
    } else {
        u128::from(RAO_PER_TAO).saturating_sub(u128::from(tolerance))
    };
    u64::try_from(u128::from(price) * f / u128::from(RAO_PER_TAO)).unwrap_or(u64::MAX)
}

/// `--tolerance` in billionths, below 1.
pub(crate) fn parse_tolerance(s: &str) -> Result<u64, CliError> {
    let t = parse_tao(s).map_err(|e| CliError::Input(format!("--tolerance: {e}")))?;
    if t >= RAO_PER_TAO {
        return Err(CliError::Input(
            "--tolerance must be below 1 (100 %)".into(),
        ));
    }
    Ok(t)
}

fn list(keys: &KeyArgs, net: &NetArgs) -> Result<(), CliError> {
    let coldkey = keys.coldkeypub()?;
    net.run(|c| async move {
        let v = c
            .query("stakes", json!({ "coldkey": coldkey }), None)
            .await?;
        net.output(&v, || {
            let mut t = table(&["hotkey", "netuid", "stake"]);
            for e in v.as_array().into_iter().flatten() {
                t.add_row(vec![
                    cell(&e["hotkey"]),
                    cell(&e["netuid"]),
                    units(e["stake"].as_u64().unwrap_or(0), "α"),
                ]);
            }
            t.to_string()
        });
        Ok(())
    })
}

fn order(keys: &KeyArgs, net: &NetArgs, o: &Order, add: bool) -> Result<(), CliError> {
    let amount = parse_tao(&o.amount).map_err(|e| CliError::Input(format!("--amount: {e}")))?;
    let tolerance = parse_tolerance(&o.tolerance)?;
    let hotkey = match &o.hotkey_ss58 {
        Some(s) => AccountId::from_ss58(s)
            .map_err(|e| CliError::Input(format!("--hotkey-ss58 {s:?}: {e}")))?,
        None => keys.hotkeypub()?,
    };
    let pair = keys.coldkey()?;
    let netuid = NetUid(o.netuid);
    net.run(|c| async move {
        let direction = if add { "stake" } else { "unstake" };
        let q = c
            .query(
                "swap_quote",
                json!({"netuid": o.netuid, "direction": direction, "amount": amount}),
                None,
            )
            .await?;
        if let Some(e) = q.get("error").and_then(Value::as_str) {
            return Err(CliError::Failed(format!(
                "the pool of subnet {} refuses this {direction}: {e}",
                o.netuid
            )));
        }
        let limit_price = limit(price_rao(&q["price_before"])?, tolerance, add);
        let out = q["amount_out"].as_u64().unwrap_or(0);
        let fee = q["fee"].as_u64().unwrap_or(0);
        let (given, got, fee) = if add {
            (tao(amount), units(out, "α"), tao(fee))
        } else {
            (units(amount, "α"), tao(out), units(fee, "α"))
        };
        let limit_note = if o.no_limit {
            ", no price limit (--unsafe)".to_string()
        } else {
            format!(", limit {} τ/α", units(limit_price, "").trim_end())
        };
        let summary = format!(
            "{} {given} {} {hotkey} on subnet {}: receive {got} (swap fee {fee}), price {} → {} τ/α{limit_note}",
            if add { "Stake" } else { "Unstake" },
            if add { "to" } else { "from" },
            o.netuid,
            cell(&q["price_before"]),
            cell(&q["price_after"]),
        );
        let call = match (add, o.no_limit) {
            (true, true) => SubtensorCall::AddStake {
                hotkey,
                netuid,
                amount_staked: amount,
            },
            (true, false) => SubtensorCall::AddStakeLimit {
                hotkey,
                netuid,
                amount_staked: amount,
                limit_price,
                allow_partial: o.partial,
            },
            (false, true) => SubtensorCall::RemoveStake {
                hotkey,
                netuid,
                amount_unstaked: amount,
            },
            (false, false) => SubtensorCall::RemoveStakeLimit {
                hotkey,
                netuid,
                amount_unstaked: amount,
                limit_price,
                allow_partial: o.partial,
            },
        };
        net.submit(&c, &pair, RuntimeCall::SubtensorModule(call), &summary)
            .await?;
        Ok(())
    })
}

pub(crate) fn run(args: StakeArgs) -> Result<(), CliError> {
    match &args.command {
        StakeCommand::List => list(&args.keys, &args.net),
        StakeCommand::Add(o) => order(&args.keys, &args.net, o, true),
        StakeCommand::Remove(o) => order(&args.keys, &args.net, o, false),
        StakeCommand::Move(m) => stake_move::move_stake(&args.keys, &args.net, m),
        StakeCommand::Transfer(t) => stake_move::transfer_stake(&args.keys, &args.net, t),
        StakeCommand::Swap(w) => stake_move::swap_stake(&args.keys, &args.net, w),
        StakeCommand::Children(c) => children::run(&args.keys, &args.net, c),
        StakeCommand::ChildkeyTake(t) => children::take(&args.keys, &args.net, t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_the_price_times_one_plus_or_minus_the_tolerance() {
        // 1.2 τ/α with 0.5 %: 1.206 up, 1.194 down.
        assert_eq!(limit(1_200_000_000, 5_000_000, true), 1_206_000_000);
        assert_eq!(limit(1_200_000_000, 5_000_000, false), 1_194_000_000);
        assert_eq!(limit(u64::MAX, 5_000_000, true), u64::MAX);
    }
}
