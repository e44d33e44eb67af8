//! `yuma wallet balance | overview | transfer | faucet`: the wallet commands that talk to a
//! node.

use super::{
    keys::KeyArgs,
    net::{address, cell, parse_tao, table, tao, units, NetArgs, FINALITY_WAIT},
    CliError,
};
use serde_json::{json, Value};
use yuma_primitives::{call::BalancesCall, extrinsic::MultiAddress, Balance, RuntimeCall};

/// `yuma wallet balance`.
pub(crate) fn balance(keys: &KeyArgs, net: &NetArgs, ss58: Option<&str>) -> Result<(), CliError> {
    let who = match ss58 {
        Some(s) => address(s, "--ss58")?,
        None => keys.coldkeypub()?,
    };
    net.run(|c| async move {
        let a = c.account(&who).await?;
        let name = if ss58.is_some() {
            "-".to_string()
        } else {
            keys.wallet_name.clone()
        };
        net.output(
            &json!({"wallet": name, "coldkey": who, "free": a.free}),
            || {
                let mut t = table(&["wallet", "coldkey", "free"]);
                t.add_row(vec![name.clone(), who.to_ss58(), tao(a.free)]);
                t.to_string()
            },
        );
        Ok(())
    })
}

/// `yuma wallet overview`.
pub(crate) fn overview(keys: &KeyArgs, net: &NetArgs) -> Result<(), CliError> {
    let w = keys.wallet()?;
    let coldkey = keys.coldkeypub()?;
    let mut hotkeys = Vec::new();
    for name in w.hotkey_names().map_err(super::keys::werr)? {
        let hk = KeyArgs {
            hotkey: name.clone(),
            ..keys.clone()
        };
        if let Ok(a) = hk.hotkeypub() {
            hotkeys.push((name, a));
        }
    }
    net.run(|c| async move {
        let free = c.account(&coldkey).await?.free;
        let mut rows = Vec::new();
        for netuid in c.subnets().await? {
            let m = c.metagraph(netuid, 0).await?;
            let Some(list) = m["hotkeys"].as_array() else {
                continue;
            };
            for (uid, hk) in list.iter().enumerate() {
                let Some(hk) = hk.as_str() else { continue };
                if let Some((name, _)) = hotkeys.iter().find(|(_, a)| a.to_ss58() == hk) {
                    rows.push(json!({
                        "hotkey_name": name,
                        "hotkey": hk,
                        "netuid": netuid,
                        "uid": uid,
                        "stake": m["alpha_stake"][uid],
                        "incentive": m["incentives"][uid],
                        "dividends": m["dividends"][uid],
                        "emission": m["emission"][uid],
                        "validator_permit": m["validator_permit"][uid],
                    }));
                }
            }
        }
        let v =
            json!({"wallet": keys.wallet_name, "coldkey": coldkey, "free": free, "neurons": rows});
        net.output(&v, || {
            let mut out = format!(
                "wallet {} · coldkey {} · free {}\n",
                keys.wallet_name,
                coldkey,
                tao(free)
            );
            if rows.is_empty() {
                out.push_str("no hotkey of this wallet is registered on any subnet");
                return out;
            }
            let mut t = table(&[
                "hotkey",
                "netuid",
                "uid",
                "stake (α)",
                "incentive",
                "dividends",
                "emission",
                "vpermit",
            ]);
            for r in &rows {
                t.add_row(vec![
                    format!("{} {}", cell(&r["hotkey_name"]), cell(&r["hotkey"])),
                    cell(&r["netuid"]),
                    cell(&r["uid"]),
                    units(r["stake"].as_u64().unwrap_or(0), "α"),
                    cell(&r["incentive"]),
                    cell(&r["dividends"]),
                    cell(&r["emission"]),
                    cell(&r["validator_permit"]),
                ]);
            }
            out.push_str(&t.to_string());
            out
        });
        Ok(())
    })
}

/// `yuma wallet transfer`.
pub(crate) fn transfer(
    keys: &KeyArgs,
    net: &NetArgs,
    dest: &str,
    amount: &str,
    allow_death: bool,
) -> Result<(), CliError> {
    let dest = address(dest, "--dest")?;
    let value = parse_tao(amount).map_err(|e| CliError::Input(format!("--amount: {e}")))?;
    let pair = keys.coldkey()?;
    let call = RuntimeCall::Balances(if allow_death {
        BalancesCall::TransferAllowDeath {
            dest: MultiAddress::Id(dest),
            value: Balance(value),
        }
    } else {
        BalancesCall::TransferKeepAlive {
            dest: MultiAddress::Id(dest),
            value: Balance(value),
        }
    });
    net.run(|c| async move {
        let free = c.account(&pair.public()).await?.free;
        if free < value {
            return Err(CliError::Failed(format!(
                "balance {} of {} is less than the {} to send",
                tao(free),
                pair.public(),
                tao(value)
            )));
        }
        let summary = format!("Transfer {} from {} to {}", tao(value), pair.public(), dest);
        net.submit(&c, &pair, call, &summary).await?;
        Ok(())
    })
}

/// `yuma wallet faucet`.
pub(crate) fn faucet(keys: &KeyArgs, net: &NetArgs, amount: &str) -> Result<(), CliError> {
    let who = keys.coldkeypub()?;
    let value = parse_tao(amount).map_err(|e| CliError::Input(format!("--amount: {e}")))?;
    net.run(|c| async move {
        let hash = c.faucet(&who, value).await?;
        let spinner = net.spinner(format!("faucet: {} to {who}", tao(value)));
        let r = c.wait(hash, FINALITY_WAIT).await;
        if let Some(s) = spinner {
            s.finish_and_clear();
        }
        let r = r?;
        net.print_receipt(&r);
        if !r.success {
            return Err(CliError::Failed(format!(
                "faucet transfer failed: {}",
                r.error.unwrap_or_default()
            )));
        }
        Ok(())
    })
}

/// Every field of a JSON object as a two-column table.
pub(crate) fn key_values(v: &Value) -> String {
    let mut t = table(&["", ""]);
    if let Some(m) = v.as_object() {
        for (k, v) in m {
            t.add_row(vec![k.clone(), cell(v)]);
        }
    }
    t.to_string()
}
