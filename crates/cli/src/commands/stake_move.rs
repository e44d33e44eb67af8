//! `yuma stake move | transfer | swap`: stake changes hotkey, coldkey or subnet.
//!
//! Across subnets the stake is sold on the origin pool and the τ bought into the destination
//! pool. The quote shown before signing is the dry run's own `StakeRemoved`/`StakeAdded`
//! events (the exact amounts, with the runtime's rule that only one of the two swaps pays a
//! fee). `swap` sends `swap_stake_limit` with the lowest origin/destination price ratio
//! allowed (the current ratio less `--tolerance`). `move_stake` and `transfer_stake` have no
//! limit variant on chain, so the CLI protects them as btcli does, on the client: after the
//! user agreed it dry-runs again and refuses to send if the α received fell by more than the
//! tolerance.

use super::{
    keys::KeyArgs,
    net::{address, parse_tao, tao, units, NetArgs, RAO_PER_TAO},
    stake::{limit, parse_tolerance, price_rao},
    CliError,
};
use serde_json::json;
use yuma_client::{
    events::{stake_changes, StakeChange},
    Client,
};
use yuma_primitives::{call::SubtensorCall, AccountId, NetUid, RuntimeCall};

/// How much of a position to move.
#[derive(Debug, clap::Args)]
pub(crate) struct Amount {
    /// α to move (decimal, nine places).
    #[arg(long, required_unless_present = "all")]
    amount: Option<String>,
    /// Move the whole position.
    #[arg(long, alias = "stake-all", conflicts_with = "amount")]
    all: bool,
    /// Slippage tolerance as a fraction (0.005 = 0.5 %).
    #[arg(long, alias = "rate-tolerance", default_value = "0.005")]
    tolerance: String,
    /// No slippage protection.
    #[arg(long = "unsafe")]
    no_limit: bool,
}

/// `yuma stake move`.
#[derive(Debug, clap::Args)]
pub(crate) struct MoveArgs {
    /// The subnet the stake is on.
    #[arg(long)]
    origin_netuid: u16,
    /// The subnet to move it to (default: the same subnet).
    #[arg(long)]
    dest_netuid: Option<u16>,
    /// The hotkey the stake is on (SS58); default the wallet's hotkey.
    #[arg(long)]
    origin_hotkey: Option<String>,
    /// The hotkey to move it to (SS58).
    #[arg(long, alias = "dest", alias = "dest-ss58")]
    dest_hotkey: String,
    #[command(flatten)]
    amount: Amount,
}

/// `yuma stake transfer`.
#[derive(Debug, clap::Args)]
pub(crate) struct TransferArgs {
    /// The coldkey receiving the stake (SS58).
    #[arg(long, alias = "dest-ss58")]
    dest: String,
    /// The subnet the stake is on.
    #[arg(long)]
    origin_netuid: u16,
    /// The subnet the receiver gets it on (default: the same subnet).
    #[arg(long)]
    dest_netuid: Option<u16>,
    /// The hotkey the stake is on (SS58); default the wallet's hotkey.
    #[arg(long)]
    hotkey_ss58: Option<String>,
    #[command(flatten)]
    amount: Amount,
}

/// `yuma stake swap`.
#[derive(Debug, clap::Args)]
pub(crate) struct SwapArgs {
    /// The subnet the stake is on.
    #[arg(long, alias = "origin")]
    origin_netuid: u16,
    /// The subnet to swap it to.
    #[arg(long)]
    dest_netuid: u16,
    /// The hotkey the stake is on (SS58); default the wallet's hotkey.
    #[arg(long)]
    hotkey_ss58: Option<String>,
    #[command(flatten)]
    amount: Amount,
    /// With a limit, fill what the limit allows instead of failing.
    #[arg(long, alias = "allow-partial-stake")]
    partial: bool,
}

/// Where stake comes from and goes to.
struct Route {
    coldkey: AccountId,
    origin_hotkey: AccountId,
    origin_netuid: u16,
    dest_coldkey: AccountId,
    dest_hotkey: AccountId,
    dest_netuid: u16,
}

impl Route {
    /// The α this route puts on the destination, as the events tell.
    fn received(&self, changes: &[StakeChange]) -> Option<u64> {
        changes
            .iter()
            .find(|c| {
                c.added
                    && c.netuid == self.dest_netuid
                    && c.hotkey == self.dest_hotkey
                    && c.coldkey == self.dest_coldkey
            })
            .map(|c| c.alpha)
    }

    /// One line per swap of the dry run, in words.
    fn describe(&self, changes: &[StakeChange]) -> String {
        let mut out = String::new();
        for c in changes {
            let line = match (c.added, self.origin_netuid == self.dest_netuid) {
                (false, false) => format!(
                    "  sell {} on subnet {} for {} (swap fee {})",
                    units(c.alpha, "α"),
                    c.netuid,
                    tao(c.tao),
                    units(c.fee, "α")
                ),
                (true, false) => format!(
                    "  buy {} on subnet {} with {} (swap fee {})",
                    units(c.alpha, "α"),
                    c.netuid,
                    tao(c.tao),
                    tao(c.fee)
                ),
                (false, true) => format!(
                    "  take {} from {} on subnet {} (worth {})",
                    units(c.alpha, "α"),
                    c.hotkey,
                    c.netuid,
                    tao(c.tao)
                ),
                (true, true) => format!(
                    "  give {} to {} (coldkey {}) on subnet {}",
                    units(c.alpha, "α"),
                    c.hotkey,
                    c.coldkey,
                    c.netuid
                ),
            };
            out.push('\n');
            out.push_str(&line);
        }
        out
    }
}

/// The α to move: `--amount`, or the whole position with `--all`. The runtime quietly caps
/// an amount above the position at the position; asking for more than there is is refused
/// here instead, so what moves is what the user typed.
async fn alpha_amount(c: &Client, a: &Amount, r: &Route) -> Result<u64, CliError> {
    let v = c
        .query(
            "stake",
            json!({"hotkey": r.origin_hotkey, "coldkey": r.coldkey, "netuid": r.origin_netuid}),
            None,
        )
        .await?;
    let held = v.as_u64().unwrap_or(0);
    if held == 0 {
        return Err(CliError::Failed(format!(
            "{} has no stake on hotkey {} on subnet {}",
            r.coldkey, r.origin_hotkey, r.origin_netuid
        )));
    }
    let Some(s) = &a.amount else {
        return Ok(held);
    };
    let want = parse_tao(s).map_err(|e| CliError::Input(format!("--amount: {e}")))?;
    if want > held {
        return Err(CliError::Failed(format!(
            "the position of {} on hotkey {} on subnet {} holds only {}, less than the {} asked (--all moves all of it); nothing was sent",
            r.coldkey,
            r.origin_hotkey,
            r.origin_netuid,
            units(held, "α"),
            units(want, "α")
        )));
    }
    Ok(want)
}

/// The lowest origin/destination price ratio `swap_stake_limit` may accept: the current ratio
/// less `tolerance` (billionths), in rao (10^9 = 1.0).
async fn ratio_limit(c: &Client, on: u16, dn: u16, tolerance: u64) -> Result<u64, CliError> {
    let price = |n: u16| async move {
        let s = c.subnet(n).await?;
        if s.is_null() {
            return Err(CliError::Failed(format!("subnet {n} does not exist")));
        }
        price_rao(&s["price"])
    };
    let (po, pd) = (price(on).await?, price(dn).await?);
    if pd == 0 {
        return Err(CliError::Failed(format!(
            "subnet {dn} has no price yet; use --unsafe to swap without a limit"
        )));
    }
    let ratio = u128::from(po) * u128::from(RAO_PER_TAO) / u128::from(pd);
    Ok(limit(
        u64::try_from(ratio).unwrap_or(u64::MAX),
        tolerance,
        false,
    ))
}

/// Dry-runs `call`, shows the quote, asks, re-checks the quote against `tolerance` when
/// `recheck`, sends and reports what moved.
async fn execute(
    net: &NetArgs,
    c: &Client,
    pair: &yuma_primitives::Pair,
    call: SubtensorCall,
    route: &Route,
    headline: String,
    recheck: Option<u64>,
) -> Result<(), CliError> {
    let mut quoted = None;
    let xt = net
        .prepare(c, pair, RuntimeCall::SubtensorModule(call), |dry| {
            if !dry.success {
                return Err(CliError::Failed(format!(
                    "the chain would refuse this: {}",
                    super::net::explain(dry.error.as_deref().unwrap_or("unknown error"))
                )));
            }
            let changes = stake_changes(&dry.events);
            quoted = route.received(&changes);
            let got = quoted
                .map(|a| format!(": receives {}", units(a, "α")))
                .unwrap_or_default();
            Ok(format!("{headline}{got}{}", route.describe(&changes)))
        })
        .await?;
    if let (Some(tolerance), Some(q)) = (recheck, quoted) {
        let again = c.dry_run(&xt).await?;
        let now = route.received(&stake_changes(&again.events)).unwrap_or(0);
        let floor = limit(q, tolerance, false);
        if !again.success || now < floor {
            return Err(CliError::Failed(format!(
                "the price moved since the quote: {} would now arrive instead of {} (more than the tolerance); nothing was sent",
                units(now, "α"),
                units(q, "α")
            )));
        }
    }
    let receipt = net.send(c, &xt).await?;
    if !net.json {
        if let Some(a) = route.received(&stake_changes(&receipt.events)) {
            println!(
                "received {} on subnet {} (hotkey {})",
                units(a, "α"),
                route.dest_netuid,
                route.dest_hotkey
            );
        }
    }
    Ok(())
}

fn hotkey(keys: &KeyArgs, ss58: Option<&str>, flag: &str) -> Result<AccountId, CliError> {
    match ss58 {
        Some(s) => address(s, flag),
        None => keys.hotkeypub(),
    }
}

/// `yuma stake move`.
pub(crate) fn move_stake(keys: &KeyArgs, net: &NetArgs, a: &MoveArgs) -> Result<(), CliError> {
    let tolerance = parse_tolerance(&a.amount.tolerance)?;
    let pair = keys.coldkey()?;
    let route = Route {
        coldkey: pair.public(),
        origin_hotkey: hotkey(keys, a.origin_hotkey.as_deref(), "--origin-hotkey")?,
        origin_netuid: a.origin_netuid,
        dest_coldkey: pair.public(),
        dest_hotkey: address(&a.dest_hotkey, "--dest-hotkey")?,
        dest_netuid: a.dest_netuid.unwrap_or(a.origin_netuid),
    };
    net.run(|c| async move {
        let alpha = alpha_amount(&c, &a.amount, &route).await?;
        let call = SubtensorCall::MoveStake {
            origin_hotkey: route.origin_hotkey,
            destination_hotkey: route.dest_hotkey,
            origin_netuid: NetUid(route.origin_netuid),
            destination_netuid: NetUid(route.dest_netuid),
            alpha_amount: alpha,
        };
        let headline = format!(
            "Move {} from hotkey {} on subnet {} to hotkey {} on subnet {}",
            units(alpha, "α"),
            route.origin_hotkey,
            route.origin_netuid,
            route.dest_hotkey,
            route.dest_netuid
        );
        let recheck =
            (!a.amount.no_limit && route.origin_netuid != route.dest_netuid).then_some(tolerance);
        execute(net, &c, &pair, call, &route, headline, recheck).await
    })
}

/// `yuma stake transfer`.
pub(crate) fn transfer_stake(
    keys: &KeyArgs,
    net: &NetArgs,
    a: &TransferArgs,
) -> Result<(), CliError> {
    let tolerance = parse_tolerance(&a.amount.tolerance)?;
    let pair = keys.coldkey()?;
    let hk = hotkey(keys, a.hotkey_ss58.as_deref(), "--hotkey-ss58")?;
    let route = Route {
        coldkey: pair.public(),
        origin_hotkey: hk,
        origin_netuid: a.origin_netuid,
        dest_coldkey: address(&a.dest, "--dest")?,
        dest_hotkey: hk,
        dest_netuid: a.dest_netuid.unwrap_or(a.origin_netuid),
    };
    net.run(|c| async move {
        let alpha = alpha_amount(&c, &a.amount, &route).await?;
        let call = SubtensorCall::TransferStake {
            destination_coldkey: route.dest_coldkey,
            hotkey: hk,
            origin_netuid: NetUid(route.origin_netuid),
            destination_netuid: NetUid(route.dest_netuid),
            alpha_amount: alpha,
        };
        let headline = format!(
            "Transfer {} of hotkey {} on subnet {} to coldkey {} on subnet {}",
            units(alpha, "α"),
            hk,
            route.origin_netuid,
            route.dest_coldkey,
            route.dest_netuid
        );
        let recheck =
            (!a.amount.no_limit && route.origin_netuid != route.dest_netuid).then_some(tolerance);
        execute(net, &c, &pair, call, &route, headline, recheck).await
    })
}

/// `yuma stake swap`.
pub(crate) fn swap_stake(keys: &KeyArgs, net: &NetArgs, a: &SwapArgs) -> Result<(), CliError> {
    if a.origin_netuid == a.dest_netuid {
        return Err(CliError::Input(
            "--origin-netuid and --dest-netuid are the same subnet; `yuma stake move` changes hotkeys"
                .into(),
        ));
    }
    let tolerance = parse_tolerance(&a.amount.tolerance)?;
    let pair = keys.coldkey()?;
    let hk = hotkey(keys, a.hotkey_ss58.as_deref(), "--hotkey-ss58")?;
    let route = Route {
        coldkey: pair.public(),
        origin_hotkey: hk,
        origin_netuid: a.origin_netuid,
        dest_coldkey: pair.public(),
        dest_hotkey: hk,
        dest_netuid: a.dest_netuid,
    };
    net.run(|c| async move {
        let alpha = alpha_amount(&c, &a.amount, &route).await?;
        let (on, dn) = (NetUid(a.origin_netuid), NetUid(a.dest_netuid));
        let (call, note) = if a.amount.no_limit {
            (
                SubtensorCall::SwapStake {
                    hotkey: hk,
                    origin_netuid: on,
                    destination_netuid: dn,
                    alpha_amount: alpha,
                },
                ", no price limit (--unsafe)".to_string(),
            )
        } else {
            let limit_price = ratio_limit(&c, a.origin_netuid, a.dest_netuid, tolerance).await?;
            (
                SubtensorCall::SwapStakeLimit {
                    hotkey: hk,
                    origin_netuid: on,
                    destination_netuid: dn,
                    alpha_amount: alpha,
                    limit_price,
                    allow_partial: a.partial,
                },
                format!(", lowest price ratio {}", units(limit_price, "").trim_end()),
            )
        };
        let headline = format!(
            "Swap {} of hotkey {hk} from subnet {} to subnet {}{note}",
            units(alpha, "α"),
            a.origin_netuid,
            a.dest_netuid
        );
        execute(net, &c, &pair, call, &route, headline, None).await
    })
}
