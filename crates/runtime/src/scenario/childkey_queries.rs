//! Scenario calls and queries of delegation and child keys (`set_children`, `set_childkey_take`,
//! `increase_take`, `decrease_take`, the root setters; `children`, `parents`,
//! `pending_children`, `delegate_take`, `childkey_take`, `inherited_stake`), with subtensor's
//! argument names. `children` are written `[[proportion, account], …]`, proportions as u64
//! fractions of 2^64 − 1.

use super::{accounts::Accounts, calls::Args, invalid, ScenarioError};
use crate::{
    childkeys, delegation,
    storage::{StorageError, StorageRead},
};
use serde_json::{json, Value};
use yuma_primitives::{AccountId, NetUid, RuntimeCall, SubtensorCall as C};

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

/// A query of this module.
pub(super) enum Query {
    Children(AccountId, NetUid),
    Parents(AccountId, NetUid),
    PendingChildren(AccountId, NetUid),
    DelegateTake(AccountId),
    ChildkeyTake(AccountId, NetUid),
    InheritedStake(AccountId, NetUid),
}

impl Query {
    /// The query `name`, or `None` if it is not one of these.
    pub(super) fn parse(
        name: &str,
        args: Option<&Value>,
        at: &str,
        accounts: &mut Accounts,
    ) -> Result<Option<Self>, ScenarioError> {
        let hot_net = |accounts: &mut Accounts| -> Result<(AccountId, NetUid), ScenarioError> {
            let a = Args::new(args, at, &["hotkey", "netuid"])?;
            Ok((a.account("hotkey", accounts)?, a.netuid()?))
        };
        Ok(Some(match name {
            "children" => {
                let (h, n) = hot_net(accounts)?;
                Self::Children(h, n)
            }
            "parents" => {
                let (h, n) = hot_net(accounts)?;
                Self::Parents(h, n)
            }
            "pending_children" => {
                let (h, n) = hot_net(accounts)?;
                Self::PendingChildren(h, n)
            }
            "childkey_take" => {
                let (h, n) = hot_net(accounts)?;
                Self::ChildkeyTake(h, n)
            }
            "inherited_stake" => {
                let (h, n) = hot_net(accounts)?;
                Self::InheritedStake(h, n)
            }
            "delegate_take" => {
                Self::DelegateTake(Args::new(args, at, &["hotkey"])?.account("hotkey", accounts)?)
            }
            _ => return Ok(None),
        }))
    }

    pub(super) fn run(&self, s: &dyn StorageRead) -> Result<Value, StorageError> {
        Ok(match self {
            Self::Children(h, n) => json!(childkeys::children(s, h, *n)?),
            Self::Parents(h, n) => json!(childkeys::parents(s, h, *n)?),
            Self::PendingChildren(h, n) => match childkeys::pending(s, h, *n)? {
                Some((children, cooldown_block)) => {
                    json!({"children": children, "cooldown_block": cooldown_block})
                }
                None => Value::Null,
            },
            Self::DelegateTake(h) => delegation::take(s, h)?.into(),
            Self::ChildkeyTake(h, n) => childkeys::childkey_take(s, h, *n)?.into(),
            Self::InheritedStake(h, n) => json!({
                "alpha": childkeys::inherited_alpha(s, h, *n)?,
                "tao": childkeys::inherited_tao(s, h, *n)?,
            }),
        })
    }
}
