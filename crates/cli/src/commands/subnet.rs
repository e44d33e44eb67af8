//! `yuma subnet list | show | price | burn-cost | lock-cost | create | start | register |
//! hyperparameters | set-hyperparameter` and `yuma metagraph --netuid N`.

use super::{
    keys::KeyArgs,
    net::{cell, table, tao, units, NetArgs},
    wallet_net::key_values,
    CliError,
};
use serde_json::Value;
use yuma_primitives::{
    call::{AdminUtilsCall, SubtensorCall, SudoCall},
    NetUid, RuntimeCall,
};

/// `yuma subnet …`.
#[derive(Debug, clap::Args)]
pub(crate) struct SubnetArgs {
    #[command(subcommand)]
    command: SubnetCommand,
    #[command(flatten)]
    keys: KeyArgs,
    #[command(flatten)]
    net: NetArgs,
}

#[derive(Debug, clap::Subcommand)]
enum SubnetCommand {
    /// Every subnet: owner, tempo, neurons, price, pool reserves, emission.
    List,
    /// A subnet's price: the pool's spot price and its moving average (every subnet
    /// without `--netuid`).
    Price {
        /// The subnet.
        #[arg(long)]
        netuid: Option<u16>,
    },
    /// What registering costs: the τ burned by `subnet register --netuid N`, or without
    /// `--netuid` the τ locked by `subnet create` (btcli's meaning of burn-cost).
    BurnCost {
        /// The subnet to register on.
        #[arg(long)]
        netuid: Option<u16>,
    },
    /// The τ `subnet create` locks now (the network lock cost).
    LockCost,
    /// One subnet's dynamic info.
    Show {
        /// The subnet.
        #[arg(long)]
        netuid: u16,
    },
    /// Create a subnet owned by the wallet's coldkey with its hotkey as UID 0
    /// (`register_network`); shows the lock cost first.
    Create,
    /// Start emission on a subnet the wallet owns (`start_call`).
    Start {
        /// The subnet.
        #[arg(long)]
        netuid: u16,
    },
    /// Register the wallet's hotkey on a subnet by burning τ (`burned_register`).
    Register {
        /// The subnet.
        #[arg(long)]
        netuid: u16,
    },
    /// Set a hyperparameter as the subnet owner (`sudo_set_<param>` of admin-utils), or as
    /// root with `--sudo` (the wallet's coldkey must be the sudo key, `//Alice` on dev).
    SetHyperparameter {
        /// The subnet (ignored for global parameters).
        #[arg(long, default_value_t = 0)]
        netuid: u16,
        /// The parameter, as admin-utils names it without `sudo_set_` (`tempo`,
        /// `commit_reveal_weights_enabled`, `weights_set_rate_limit`, ...).
        #[arg(long)]
        param: String,
        /// The value (integers; `true`/`false` for switches).
        #[arg(long)]
        value: String,
        /// Dispatch as root through `Sudo.sudo`.
        #[arg(long)]
        sudo: bool,
    },
    /// A subnet's hyperparameters.
    #[command(alias = "hyperparams")]
    Hyperparameters {
        /// The subnet.
        #[arg(long)]
        netuid: u16,
    },
}

/// `yuma metagraph`.
#[derive(Debug, clap::Args)]
pub(crate) struct MetagraphArgs {
    /// The subnet.
    #[arg(long)]
    netuid: u16,
    /// The mechanism.
    #[arg(long, default_value_t = 0)]
    mechid: u8,
    #[command(flatten)]
    net: NetArgs,
}

fn missing(netuid: u16) -> CliError {
    CliError::Failed(format!(
        "subnet {netuid} does not exist (see `yuma subnet list`)"
    ))
}

fn price(v: &Value) -> String {
    // Prices are fixed-point strings from the runtime; show them as they are.
    format!("{} τ/α", cell(v))
}

pub(crate) fn run(args: SubnetArgs) -> Result<(), CliError> {
    let net = &args.net;
    let keys = &args.keys;
    match args.command {
        SubnetCommand::List => net.run(|c| async move {
            let mut subnets = Vec::new();
            for n in c.subnets().await? {
                subnets.push(c.subnet(n).await?);
            }
            net.output(&Value::Array(subnets.clone()), || {
                let mut t = table(&[
                    "netuid",
                    "symbol",
                    "owner coldkey",
                    "tempo",
                    "neurons",
                    "price",
                    "τ in pool",
                    "α in pool",
                    "emission",
                ]);
                for s in &subnets {
                    t.add_row(vec![
                        cell(&s["netuid"]),
                        cell(&s["token_symbol"]),
                        cell(&s["owner_coldkey"]),
                        cell(&s["tempo"]),
                        cell(&s["subnetwork_n"]),
                        price(&s["price"]),
                        tao(s["tao_in"].as_u64().unwrap_or(0)),
                        units(s["alpha_in"].as_u64().unwrap_or(0), "α"),
                        tao(s["emission"].as_u64().unwrap_or(0)),
                    ]);
                }
                t.to_string()
            });
            Ok(())
        }),
        SubnetCommand::Price { netuid } => net.run(|c| async move {
            let netuids = match netuid {
                Some(n) => vec![n],
                None => c.subnets().await?,
            };
            let mut rows = Vec::new();
            for n in netuids {
                let s = c.subnet(n).await?;
                if s.is_null() {
                    return Err(missing(n));
                }
                rows.push(serde_json::json!({
                    "netuid": n,
                    "symbol": s["token_symbol"],
                    "price": s["price"],
                    "moving_price": s["moving_price"],
                    "tao_in": s["tao_in"],
                    "alpha_in": s["alpha_in"],
                }));
            }
            let v = match netuid {
                Some(_) => rows[0].clone(),
                None => Value::Array(rows.clone()),
            };
            net.output(&v, || {
                let mut t = table(&[
                    "netuid",
                    "symbol",
                    "price",
                    "moving price",
                    "τ in pool",
                    "α in pool",
                ]);
                for r in &rows {
                    t.add_row(vec![
                        cell(&r["netuid"]),
                        cell(&r["symbol"]),
                        price(&r["price"]),
                        price(&r["moving_price"]),
                        tao(r["tao_in"].as_u64().unwrap_or(0)),
                        units(r["alpha_in"].as_u64().unwrap_or(0), "α"),
                    ]);
                }
                t.to_string()
            });
            Ok(())
        }),
        SubnetCommand::BurnCost { netuid: Some(n) } => net.run(|c| async move {
            if c.subnet(n).await?.is_null() {
                return Err(missing(n));
            }
            let burn = c.burn(n).await?;
            let v = serde_json::json!({"netuid": n, "burn": burn});
            net.output(&v, || {
                format!("registering on subnet {n} burns {}", tao(burn))
            });
            Ok(())
        }),
        SubnetCommand::BurnCost { netuid: None } | SubnetCommand::LockCost => {
            net.run(|c| async move {
                let cost = c.network_lock_cost().await?;
                let v = serde_json::json!({"lock_cost": cost});
                net.output(&v, || format!("creating a subnet locks {}", tao(cost)));
                Ok(())
            })
        }
        SubnetCommand::Show { netuid } => net.run(|c| async move {
            let s = c.subnet(netuid).await?;
            if s.is_null() {
                return Err(missing(netuid));
            }
            net.output(&s, || key_values(&s));
            Ok(())
        }),
        SubnetCommand::Hyperparameters { netuid } => net.run(|c| async move {
            let h = c.hyperparams(netuid).await?;
            if h.is_null() {
                return Err(missing(netuid));
            }
            net.output(&h, || key_values(&h));
            Ok(())
        }),
        SubnetCommand::SetHyperparameter {
            netuid,
            param,
            value,
            sudo,
        } => {
            let name = if param.starts_with("sudo_set_") {
                param.clone()
            } else {
                format!("sudo_set_{param}")
            };
            let v = match value.as_str() {
                "true" => 1,
                "false" => 0,
                other => other.parse::<u64>().map_err(|_| {
                    CliError::Input(format!(
                        "--value {other:?}: expected an integer, true or false"
                    ))
                })?,
            };
            let admin = AdminUtilsCall::from_parts(&name, NetUid(netuid), v).ok_or_else(|| {
                let known: Vec<&str> = AdminUtilsCall::NAMES
                    .iter()
                    .map(|(n, _)| n.trim_start_matches("sudo_set_"))
                    .collect();
                CliError::Input(format!(
                    "unknown parameter {param:?} or value {value:?} out of its range; parameters: {}",
                    known.join(", ")
                ))
            })?;
            let mut call = RuntimeCall::AdminUtils(admin);
            if sudo {
                call = RuntimeCall::Sudo(SudoCall::Sudo {
                    call: Box::new(call),
                });
            }
            let pair = keys.coldkey()?;
            net.run(|c| async move {
                let summary = format!(
                    "Set {name} = {value} on subnet {netuid}{}",
                    if sudo { " (as root)" } else { "" }
                );
                net.submit(&c, &pair, call, &summary).await?;
                Ok(())
            })
        }
        SubnetCommand::Create => {
            let hotkey = keys.hotkeypub()?;
            let pair = keys.coldkey()?;
            net.run(|c| async move {
                let cost = c.network_lock_cost().await?;
                let summary = format!(
                    "Create a subnet owned by {} with hotkey {hotkey}: locks {}",
                    pair.public(),
                    tao(cost)
                );
                let call = RuntimeCall::SubtensorModule(SubtensorCall::RegisterNetwork { hotkey });
                let before = c.subnets().await?;
                net.submit(&c, &pair, call, &summary).await?;
                let after = c.subnets().await?;
                if let Some(n) = after.iter().find(|n| !before.contains(n)) {
                    if !net.json {
                        println!("created subnet {n}");
                    }
                }
                Ok(())
            })
        }
        SubnetCommand::Start { netuid } => {
            let pair = keys.coldkey()?;
            net.run(|c| async move {
                let call = RuntimeCall::SubtensorModule(SubtensorCall::StartCall {
                    netuid: NetUid(netuid),
                });
                net.submit(&c, &pair, call, &format!("Start subnet {netuid}"))
                    .await?;
                Ok(())
            })
        }
        SubnetCommand::Register { netuid } => {
            let hotkey = keys.hotkeypub()?;
            let pair = keys.coldkey()?;
            net.run(|c| async move {
                if c.subnet(netuid).await?.is_null() {
                    return Err(missing(netuid));
                }
                let burn = c.burn(netuid).await?;
                let summary = format!(
                    "Register hotkey {hotkey} on subnet {netuid}: burns {}",
                    tao(burn)
                );
                let call = RuntimeCall::SubtensorModule(SubtensorCall::BurnedRegister {
                    netuid: NetUid(netuid),
                    hotkey,
                });
                net.submit(&c, &pair, call, &summary).await?;
                Ok(())
            })
        }
    }
}

pub(crate) fn metagraph(args: MetagraphArgs) -> Result<(), CliError> {
    let net = &args.net;
    net.run(|c| async move {
        let m = c.metagraph(args.netuid, args.mechid).await?;
        if m.is_null() {
            return Err(missing(args.netuid));
        }
        net.output(&m, || {
            let mut out = format!(
                "subnet {} {} · block {} · tempo {} · {} of {} uids · price pool {} / {}\n",
                args.netuid,
                cell(&m["symbol"]),
                cell(&m["block"]),
                cell(&m["tempo"]),
                cell(&m["num_uids"]),
                cell(&m["max_uids"]),
                tao(m["tao_in"].as_u64().unwrap_or(0)),
                units(m["alpha_in"].as_u64().unwrap_or(0), "α"),
            );
            let mut t = table(&[
                "uid",
                "hotkey",
                "coldkey",
                "stake (α)",
                "incentive",
                "dividends",
                "consensus",
                "emission",
                "vpermit",
                "active",
                "updated",
            ]);
            let n = m["hotkeys"].as_array().map(Vec::len).unwrap_or(0);
            for uid in 0..n {
                t.add_row(vec![
                    uid.to_string(),
                    cell(&m["hotkeys"][uid]),
                    cell(&m["coldkeys"][uid]),
                    units(m["alpha_stake"][uid].as_u64().unwrap_or(0), "α"),
                    cell(&m["incentives"][uid]),
                    cell(&m["dividends"][uid]),
                    cell(&m["consensus"][uid]),
                    cell(&m["emission"][uid]),
                    cell(&m["validator_permit"][uid]),
                    cell(&m["active"][uid]),
                    cell(&m["last_update"][uid]),
                ]);
            }
            out.push_str(&t.to_string());
            out
        });
        Ok(())
    })
}
