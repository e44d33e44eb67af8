//! Scenario calls of delegation and child keys (`set_children`, `set_childkey_take`,
//! `increase_take`, `decrease_take`, the root setters), with subtensor's argument names; their
//! queries (`children`, `parents`, `pending_children`, `delegate_take`, `childkey_take`,
//! `inherited_stake`) are rows of `query::table`. `children` are written `[[proportion, account], …]`, proportions as u64
//! fractions of 2^64 − 1.

use super::{accounts::Accounts, calls::Args, invalid, ScenarioError};
use serde_json::Value;
use yuma_primitives::{AccountId, RuntimeCall, SubtensorCall as C};

fn children_arg(
    args: Option<&Value>,
    at: &str,
    accounts: &mut Accounts,
) -> Result<Vec<(u64, AccountId)>, ScenarioError> {
    let at = format!("{at}.args.children");
    let list = args
        .and_then(|v| v.get("children"))
        .and_then(Value::as_array)
        .ok_or_else(|| invalid(&at, "expected [[proportion, account], …]"))?;
    list.iter()
        .enumerate()
        .map(|(i, pair)| {
            let at = format!("{at}[{i}]");
            let pair = pair
                .as_array()
                .filter(|p| p.len() == 2)
                .ok_or_else(|| invalid(&at, "expected [proportion, account]"))?;
            let p = pair[0]
                .as_u64()
                .ok_or_else(|| invalid(format!("{at}[0]"), "expected a u64 proportion"))?;
            Ok((p, accounts.account(&pair[1], &format!("{at}[1]"))?))
        })
        .collect()
}

/// The call `name`, or `None` if it is not one of these.
pub(super) fn build(
    name: &str,
    args: Option<&Value>,
    at: &str,
    accounts: &mut Accounts,
) -> Result<Option<RuntimeCall>, ScenarioError> {
    let call = match name {
        "set_children" => {
            let a = Args::new(args, at, &["hotkey", "netuid", "children"])?;
            C::SetChildren {
                hotkey: a.account("hotkey", accounts)?,
                netuid: a.netuid()?,
                children: children_arg(args, at, accounts)?,
            }
        }
        "set_childkey_take" => {
            let a = Args::new(args, at, &["hotkey", "netuid", "take"])?;
            C::SetChildkeyTake {
                hotkey: a.account("hotkey", accounts)?,
                netuid: a.netuid()?,
                take: a.u16("take")?,
            }
        }
        "increase_take" | "decrease_take" => {
            let a = Args::new(args, at, &["hotkey", "take"])?;
            let (hotkey, take) = (a.account("hotkey", accounts)?, a.u16("take")?);
            if name == "increase_take" {
                C::IncreaseTake { hotkey, take }
            } else {
                C::DecreaseTake { hotkey, take }
            }
        }
        "sudo_set_tx_childkey_take_rate_limit" => C::SudoSetTxChildkeyTakeRateLimit {
            tx_rate_limit: Args::new(args, at, &["tx_rate_limit"])?.u64("tx_rate_limit")?,
        },
        "sudo_set_min_childkey_take" => C::SudoSetMinChildkeyTake {
            take: Args::new(args, at, &["take"])?.u16("take")?,
        },
        "sudo_set_max_childkey_take" => C::SudoSetMaxChildkeyTake {
            take: Args::new(args, at, &["take"])?.u16("take")?,
        },
        "set_pending_childkey_cooldown" => C::SetPendingChildkeyCooldown {
            cooldown: Args::new(args, at, &["cooldown"])?.u64("cooldown")?,
        },
        _ => return Ok(None),
    };
    Ok(Some(RuntimeCall::SubtensorModule(call)))
}
