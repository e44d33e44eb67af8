//! `yuma stake children get | set | revoke | take` (alias `child`, as btcli's `stake child`)
//! and `yuma stake childkey-take`: a parent hotkey lends shares of its stake weight to child
//! hotkeys on a subnet, and a child keeps its childkey take of what that earns.
//!
//! Proportions and takes are typed as fractions (`0.25`, `0.09`) and sent as subtensor stores
//! them: a proportion as a share of `u64::MAX`, a take as a share of 65 535, both rounded down
//! as btcli does.

use super::{
    keys::KeyArgs,
    net::{
        address, cell, fraction_u16, fraction_u64, parse_fraction, percent, table, take_percent,
        NetArgs,
    },
    CliError,
};
use serde_json::{json, Value};
use yuma_client::Client;
use yuma_primitives::{call::SubtensorCall, AccountId, NetUid, RuntimeCall};

/// Most children a hotkey may have on one subnet (subtensor's limit).
const MAX_CHILDREN: usize = 5;

/// The parent hotkey and subnet of a children command.
#[derive(Debug, clap::Args)]
pub(crate) struct Parent {
    /// The subnet.
    #[arg(long)]
    netuid: u16,
    /// The parent hotkey (SS58); default the wallet's hotkey.
    #[arg(long)]
    hotkey_ss58: Option<String>,
}

/// `yuma stake children …`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum ChildrenCommand {
    /// A hotkey's children (active and pending), parents and childkey take on a subnet.
    Get(Parent),
    /// Set a hotkey's children on a subnet (`set_children`); after the subnet has started
    /// they apply once the pending-childkey cooldown has passed.
    Set {
        #[command(flatten)]
        parent: Parent,
        /// Child hotkeys, comma-separated SS58.
        #[arg(long, short = 'c')]
        children: String,
        /// One fraction of the parent's stake weight per child, comma-separated (`0.5,0.25`);
        /// they add up to at most 1.
        #[arg(long, alias = "prop")]
        proportions: String,
    },
    /// Remove every child of a hotkey on a subnet (`set_children` with an empty list).
    Revoke(Parent),
    /// Show or set a hotkey's childkey take on a subnet.
    Take(TakeArgs),
}

/// `yuma stake childkey-take` / `yuma stake children take`.
#[derive(Debug, clap::Args)]
pub(crate) struct TakeArgs {
    #[command(flatten)]
    parent: Parent,
    /// The new take as a fraction (`0.09` = 9 %, at most 0.18); without it, show the take.
    #[arg(long)]
    take: Option<String>,
}

impl Parent {
    fn hotkey(&self, keys: &KeyArgs) -> Result<AccountId, CliError> {
        match &self.hotkey_ss58 {
            Some(s) => address(s, "--hotkey-ss58"),
            None => keys.hotkeypub(),
        }
    }
}

/// `--children` and `--proportions` as the call's `(proportion, child)` list.
fn links(children: &str, proportions: &str) -> Result<Vec<(u64, AccountId)>, CliError> {
    let split = |s: &str| -> Vec<String> {
        s.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect()
    };
    let (cs, ps) = (split(children), split(proportions));
    if cs.is_empty() {
        return Err(CliError::Input(
            "--children is empty; `yuma stake children revoke` removes every child".into(),
        ));
    }
    if cs.len() != ps.len() {
        return Err(CliError::Input(format!(
            "{} children but {} proportions: give one proportion per child",
            cs.len(),
            ps.len()
        )));
    }
    if cs.len() > MAX_CHILDREN {
        return Err(CliError::Input(format!(
            "{} children: a hotkey may have at most {MAX_CHILDREN} on a subnet",
            cs.len()
        )));
    }
    let mut total = 0u64;
    let mut out = Vec::with_capacity(cs.len());
    for (c, p) in cs.iter().zip(&ps) {
        let child = address(c, "--children")?;
        if out.iter().any(|(_, k)| *k == child) {
            return Err(CliError::Input(format!("child {c} is listed twice")));
        }
        let b = parse_fraction(p, "--proportions")?;
        total = total.saturating_add(b);
        out.push((fraction_u64(b), child));
    }
    if total > super::net::RAO_PER_TAO {
        return Err(CliError::Input(format!(
            "the proportions add up to {}, more than 1",
            super::net::units(total, "").trim_end()
        )));
    }
    Ok(out)
}

fn link_json(l: &Value) -> Value {
    let p = l[0].as_u64().unwrap_or(0);
    json!({
        "hotkey": l[1],
        "proportion": p,
        "share": percent(u128::from(p), u128::from(u64::MAX)),
    })
}

async fn view(c: &Client, hotkey: &AccountId, netuid: u16) -> Result<Value, CliError> {
    let args = json!({"hotkey": hotkey, "netuid": netuid});
    let list = |v: Value| -> Vec<Value> {
        v.as_array()
            .map(|a| a.iter().map(link_json).collect())
            .unwrap_or_default()
    };
    let children = list(c.query("children", args.clone(), None).await?);
    let parents = list(c.query("parents", args.clone(), None).await?);
    let pending = c.query("pending_children", args.clone(), None).await?;
    let pending = if pending.is_null() {
        Value::Null
    } else {
        json!({
            "children": list(pending["children"].clone()),
            "cooldown_block": pending["cooldown_block"],
        })
    };
    let take = c.query("childkey_take", args, None).await?;
    Ok(json!({
        "hotkey": hotkey,
        "netuid": netuid,
        "children": children,
        "pending": pending,
        "parents": parents,
        "childkey_take": take,
    }))
}

fn render(v: &Value) -> String {
    let take = u16::try_from(v["childkey_take"].as_u64().unwrap_or(0)).unwrap_or(u16::MAX);
    let mut out = format!(
        "hotkey {} on subnet {} · childkey take {}\n",
        cell(&v["hotkey"]),
        cell(&v["netuid"]),
        take_percent(take)
    );
    let mut t = table(&["relation", "hotkey", "share of stake weight"]);
    let mut rows = 0;
    for (what, list) in [
        ("child", &v["children"]),
        ("pending child", &v["pending"]["children"]),
        ("parent", &v["parents"]),
    ] {
        for l in list.as_array().into_iter().flatten() {
            t.add_row(vec![
                what.to_string(),
                cell(&l["hotkey"]),
                cell(&l["share"]),
            ]);
            rows += 1;
        }
    }
    if rows == 0 {
        out.push_str("no children, pending children or parents");
    } else {
        out.push_str(&t.to_string());
    }
    if !v["pending"].is_null() {
        out.push_str(&format!(
            "\npending children apply after block {}",
            cell(&v["pending"]["cooldown_block"])
        ));
    }
    out
}

pub(crate) fn run(keys: &KeyArgs, net: &NetArgs, cmd: &ChildrenCommand) -> Result<(), CliError> {
    match cmd {
        ChildrenCommand::Get(p) => {
            let hotkey = p.hotkey(keys)?;
            net.run(|c| async move {
                let v = view(&c, &hotkey, p.netuid).await?;
                net.output(&v, || render(&v));
                Ok(())
            })
        }
        ChildrenCommand::Set {
            parent,
            children,
            proportions,
        } => set(keys, net, parent, links(children, proportions)?),
        ChildrenCommand::Revoke(p) => set(keys, net, p, Vec::new()),
        ChildrenCommand::Take(t) => take(keys, net, t),
    }
}

fn set(
    keys: &KeyArgs,
    net: &NetArgs,
    p: &Parent,
    children: Vec<(u64, AccountId)>,
) -> Result<(), CliError> {
    let hotkey = p.hotkey(keys)?;
    let pair = keys.coldkey()?;
    net.run(|c| async move {
        let mut summary = if children.is_empty() {
            format!(
                "Revoke every child of hotkey {hotkey} on subnet {}",
                p.netuid
            )
        } else {
            format!(
                "Set the children of hotkey {hotkey} on subnet {}:",
                p.netuid
            )
        };
        for (prop, child) in &children {
            summary.push_str(&format!(
                "\n  {child}  {}",
                percent(u128::from(*prop), u128::from(u64::MAX))
            ));
        }
        let call = RuntimeCall::SubtensorModule(SubtensorCall::SetChildren {
            hotkey,
            netuid: NetUid(p.netuid),
            children,
        });
        net.submit(&c, &pair, call, &summary).await?;
        if !net.json {
            let v = view(&c, &hotkey, p.netuid).await?;
            println!(
                "{}",
                super::style::colorize(&render(&v), super::style::stdout_enabled())
            );
        }
        Ok(())
    })
}

/// `yuma stake childkey-take`.
pub(crate) fn take(keys: &KeyArgs, net: &NetArgs, t: &TakeArgs) -> Result<(), CliError> {
    let hotkey = t.parent.hotkey(keys)?;
    let netuid = t.parent.netuid;
    let args = json!({"hotkey": hotkey, "netuid": netuid});
    let Some(new) = &t.take else {
        return net.run(|c| async move {
            let take = c.query("childkey_take", args, None).await?;
            let v = json!({"hotkey": hotkey, "netuid": netuid, "childkey_take": take});
            net.output(&v, || {
                let t = u16::try_from(take.as_u64().unwrap_or(0)).unwrap_or(u16::MAX);
                format!(
                    "childkey take of {hotkey} on subnet {netuid}: {} ({t}/65535)",
                    take_percent(t)
                )
            });
            Ok(())
        });
    };
    let value = fraction_u16(parse_fraction(new, "--take")?);
    let pair = keys.coldkey()?;
    net.run(|c| async move {
        let current = c.query("childkey_take", args, None).await?;
        let current = u16::try_from(current.as_u64().unwrap_or(0)).unwrap_or(u16::MAX);
        let summary = format!(
            "Set the childkey take of {hotkey} on subnet {netuid}: {} → {} ({value}/65535)",
            take_percent(current),
            take_percent(value)
        );
        let call = RuntimeCall::SubtensorModule(SubtensorCall::SetChildkeyTake {
            hotkey,
            netuid: NetUid(netuid),
            take: value,
        });
        net.submit(&c, &pair, call, &summary).await?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    const B: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

    #[test]
    fn children_and_proportions_become_the_calls_list() {
        let l = links(&format!("{A},{B}"), "0.5, 0.25").expect("valid");
        assert_eq!(l.len(), 2);
        assert_eq!(l[0], ((1 << 63) - 1, address(A, "").expect("A")));
        // 0.25 × (2^64 − 1) = 2^62 − 0.25 → 2^62 − 1.
        assert_eq!(l[1].0, (1 << 62) - 1);
    }

    #[test]
    fn bad_lists_are_refused_before_signing() {
        assert!(links(A, "0.5,0.5").is_err(), "count mismatch");
        assert!(links(&format!("{A},{A}"), "0.1,0.1").is_err(), "duplicate");
        assert!(links(&format!("{A},{B}"), "0.6,0.5").is_err(), "over 1");
        assert!(links("", "").is_err(), "empty");
        assert!(links("not-an-address", "0.1").is_err());
        let six = [A; 6].join(",");
        assert!(links(&six, "0.1,0.1,0.1,0.1,0.1,0.1").is_err(), "six");
    }
}
