//! Scenario rows for the staking calls (spec-staking-swap §2.5) and the swap pallet's
//! `set_fee_rate` (§1.1; root only, so wrap it in `sudo`). The staking queries
//! (`stake`, `stakes`, `swap_quote`, `tao_flow`) are rows of `query::table`.

use super::{accounts::Accounts, calls::Args, ScenarioError};
use serde_json::Value;
use yuma_primitives::{call::SwapCall, NetUid, RuntimeCall, SubtensorCall as C};

/// The call `name`, or `None` if it is not a staking call.
pub(super) fn build(
    name: &str,
    args: Option<&Value>,
    at: &str,
    accounts: &mut Accounts,
) -> Result<Option<RuntimeCall>, ScenarioError> {
    let sub = |c: C| Ok(Some(RuntimeCall::SubtensorModule(c)));
    let net = |a: &Args<'_>, k: &str| -> Result<NetUid, ScenarioError> { Ok(NetUid(a.u16(k)?)) };
    match name {
        "add_stake" => {
            let a = Args::new(args, at, &["hotkey", "netuid", "amount_staked"])?;
            sub(C::AddStake {
                hotkey: a.account("hotkey", accounts)?,
                netuid: a.netuid()?,
                amount_staked: a.u64("amount_staked")?,
            })
        }
        "add_stake_limit" => {
            let a = Args::new(
                args,
                at,
                &[
                    "hotkey",
                    "netuid",
                    "amount_staked",
                    "limit_price",
                    "allow_partial",
                ],
            )?;
            sub(C::AddStakeLimit {
                hotkey: a.account("hotkey", accounts)?,
                netuid: a.netuid()?,
                amount_staked: a.u64("amount_staked")?,
                limit_price: a.u64("limit_price")?,
                allow_partial: a.bool("allow_partial")?,
            })
        }
        "remove_stake" => {
            let a = Args::new(args, at, &["hotkey", "netuid", "amount_unstaked"])?;
            sub(C::RemoveStake {
                hotkey: a.account("hotkey", accounts)?,
                netuid: a.netuid()?,
                amount_unstaked: a.u64("amount_unstaked")?,
            })
        }
        "remove_stake_limit" => {
            let a = Args::new(
                args,
                at,
                &[
                    "hotkey",
                    "netuid",
                    "amount_unstaked",
                    "limit_price",
                    "allow_partial",
                ],
            )?;
            sub(C::RemoveStakeLimit {
                hotkey: a.account("hotkey", accounts)?,
                netuid: a.netuid()?,
                amount_unstaked: a.u64("amount_unstaked")?,
                limit_price: a.u64("limit_price")?,
                allow_partial: a.bool("allow_partial")?,
            })
        }
        "remove_stake_full_limit" => {
            let a = Args::new(args, at, &["hotkey", "netuid", "limit_price"])?;
            let limit_price = match args.and_then(|v| v.get("limit_price")) {
                None | Some(Value::Null) => None,
                Some(_) => Some(a.u64("limit_price")?),
            };
            sub(C::RemoveStakeFullLimit {
                hotkey: a.account("hotkey", accounts)?,
                netuid: a.netuid()?,
                limit_price,
            })
        }
        "unstake_all" | "unstake_all_alpha" => {
            let a = Args::new(args, at, &["hotkey"])?;
            let hotkey = a.account("hotkey", accounts)?;
            sub(if name == "unstake_all" {
                C::UnstakeAll { hotkey }
            } else {
                C::UnstakeAllAlpha { hotkey }
            })
        }
        "move_stake" => {
            let a = Args::new(
                args,
                at,
                &[
                    "origin_hotkey",
                    "destination_hotkey",
                    "origin_netuid",
                    "destination_netuid",
                    "alpha_amount",
                ],
            )?;
            sub(C::MoveStake {
                origin_hotkey: a.account("origin_hotkey", accounts)?,
                destination_hotkey: a.account("destination_hotkey", accounts)?,
                origin_netuid: net(&a, "origin_netuid")?,
                destination_netuid: net(&a, "destination_netuid")?,
                alpha_amount: a.u64("alpha_amount")?,
            })
        }
        "transfer_stake" => {
            let a = Args::new(
                args,
                at,
                &[
                    "destination_coldkey",
                    "hotkey",
                    "origin_netuid",
                    "destination_netuid",
                    "alpha_amount",
                ],
            )?;
            sub(C::TransferStake {
                destination_coldkey: a.account("destination_coldkey", accounts)?,
                hotkey: a.account("hotkey", accounts)?,
                origin_netuid: net(&a, "origin_netuid")?,
                destination_netuid: net(&a, "destination_netuid")?,
                alpha_amount: a.u64("alpha_amount")?,
            })
        }
        "swap_stake" => {
            let a = Args::new(
                args,
                at,
                &[
                    "hotkey",
                    "origin_netuid",
                    "destination_netuid",
                    "alpha_amount",
                ],
            )?;
            sub(C::SwapStake {
                hotkey: a.account("hotkey", accounts)?,
                origin_netuid: net(&a, "origin_netuid")?,
                destination_netuid: net(&a, "destination_netuid")?,
                alpha_amount: a.u64("alpha_amount")?,
            })
        }
        "swap_stake_limit" => {
            let a = Args::new(
                args,
                at,
                &[
                    "hotkey",
                    "origin_netuid",
                    "destination_netuid",
                    "alpha_amount",
                    "limit_price",
                    "allow_partial",
                ],
            )?;
            sub(C::SwapStakeLimit {
                hotkey: a.account("hotkey", accounts)?,
                origin_netuid: net(&a, "origin_netuid")?,
                destination_netuid: net(&a, "destination_netuid")?,
                alpha_amount: a.u64("alpha_amount")?,
                limit_price: a.u64("limit_price")?,
                allow_partial: a.bool("allow_partial")?,
            })
        }
        "recycle_alpha" | "burn_alpha" => {
            let a = Args::new(args, at, &["hotkey", "amount", "netuid"])?;
            let (hotkey, amount, netuid) = (
                a.account("hotkey", accounts)?,
                a.u64("amount")?,
                a.netuid()?,
            );
            sub(if name == "recycle_alpha" {
                C::RecycleAlpha {
                    hotkey,
                    amount,
                    netuid,
                }
            } else {
                C::BurnAlpha {
                    hotkey,
                    amount,
                    netuid,
                }
            })
        }
        "add_stake_burn" => {
            let a = Args::new(args, at, &["hotkey", "netuid", "amount", "limit"])?;
            let limit = match args.and_then(|v| v.get("limit")) {
                None | Some(Value::Null) => None,
                Some(_) => Some(a.u64("limit")?),
            };
            sub(C::AddStakeBurn {
                hotkey: a.account("hotkey", accounts)?,
                netuid: a.netuid()?,
                amount: a.u64("amount")?,
                limit,
            })
        }
        "set_fee_rate" => {
            let a = Args::new(args, at, &["netuid", "rate"])?;
            Ok(Some(RuntimeCall::Swap(SwapCall::SetFeeRate {
                netuid: a.netuid()?,
                rate: a.u16("rate")?,
            })))
        }
        _ => Ok(None),
    }
}
