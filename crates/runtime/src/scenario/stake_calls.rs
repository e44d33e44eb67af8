//! Scenario rows for the staking calls (spec-staking-swap §2.5), the swap pallet's
//! `set_fee_rate` (§1.1; root only, so wrap it in `sudo`) and root claims (spec-emission §10.4:
//! `claim_root`, `set_root_claim_type`, the two root-claim setters). The staking queries
//! (`stake`, `stakes`, `swap_quote`, `tao_flow`) are rows of `query::table`.

use super::{accounts::Accounts, calls::Args, invalid, ScenarioError};
use serde_json::Value;
use yuma_primitives::{call::SwapCall, NetUid, RootClaimTypeEnum, RuntimeCall, SubtensorCall as C};

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
        "claim_root" => {
            let a = Args::new(args, at, &["subnets"])?;
            sub(C::ClaimRoot {
                subnets: a.u16_list("subnets")?.into_iter().map(NetUid).collect(),
            })
        }
        "set_root_claim_type" => {
            Args::new(args, at, &["new_root_claim_type"])?;
            let v = args.and_then(|v| v.get("new_root_claim_type"));
            sub(C::SetRootClaimType {
                new_root_claim_type: claim_type_arg(v, at)?,
            })
        }
        "sudo_set_num_root_claims" => {
            let a = Args::new(args, at, &["new_value"])?;
            sub(C::SudoSetNumRootClaims {
                new_value: a.u64("new_value")?,
            })
        }
        "sudo_set_root_claim_threshold" => {
            let a = Args::new(args, at, &["netuid", "new_value"])?;
            sub(C::SudoSetRootClaimThreshold {
                netuid: a.netuid()?,
                new_value: a.u64("new_value")?,
            })
        }
        _ => Ok(None),
    }
}

/// `"Swap"`, `"Keep"` or `{"KeepSubnets": [netuid, …]}`.
fn claim_type_arg(v: Option<&Value>, at: &str) -> Result<RootClaimTypeEnum, ScenarioError> {
    let at = format!("{at}.args.new_root_claim_type");
    let bad = || {
        invalid(
            &at,
            "expected \"Swap\", \"Keep\" or {\"KeepSubnets\": [netuid, …]}",
        )
    };
    match v {
        Some(Value::String(s)) if s == "Swap" => Ok(RootClaimTypeEnum::Swap),
        Some(Value::String(s)) if s == "Keep" => Ok(RootClaimTypeEnum::Keep),
        Some(Value::Object(m)) if m.len() == 1 => {
            let list = m
                .get("KeepSubnets")
                .and_then(Value::as_array)
                .ok_or_else(bad)?;
            let subnets = list
                .iter()
                .map(|x| x.as_u64().and_then(|x| u16::try_from(x).ok()).map(NetUid))
                .collect::<Option<_>>()
                .ok_or_else(bad)?;
            Ok(RootClaimTypeEnum::KeepSubnets { subnets })
        }
        _ => Err(bad()),
    }
}
