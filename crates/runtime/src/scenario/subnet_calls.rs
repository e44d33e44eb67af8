//! Scenario rows for the calls of the subtensor pallet and the admin-utils setters, with
//! subtensor's argument names (`shared/spec/scenario.md`).
//!
//! yuma extensions: `commit_weights` (and `commit_mechanism_weights`) also accepts `{netuid, uids, values, salt, version_key}`
//! and commits the hash of that reveal for the signing hotkey; admin setters accept the
//! subtensor argument name or `value`; `sudo {call, args}` wraps any call in `Sudo.sudo`;
//! IPs may be written as strings ("8.8.8.8").

use super::{accounts::Accounts, calls::Args, invalid, ScenarioError};
use crate::weights::commit_hash;
use parity_scale_codec::Compact;
use serde_json::Value;
use yuma_primitives::{
    AdminUtilsCall, NetUid, Pair, RecycleOrBurnEnum, RuntimeCall, SubtensorCall as C, SudoCall,
};

/// The call `name`, or `None` if it is not one of these.
pub(super) fn build(
    name: &str,
    args: Option<&Value>,
    at: &str,
    accounts: &mut Accounts,
    origin: &Pair,
) -> Result<Option<RuntimeCall>, ScenarioError> {
    let sub = |c: C| Ok(Some(RuntimeCall::SubtensorModule(c)));
    let admin = |c: AdminUtilsCall| Ok(Some(RuntimeCall::AdminUtils(c)));
    match name {
        "register_network" => {
            let a = Args::new(args, at, &["hotkey"])?;
            sub(C::RegisterNetwork {
                hotkey: a.account("hotkey", accounts)?,
            })
        }
        "set_subnet_identity" => {
            let a = Args::new(
                args,
                at,
                &[
                    "netuid",
                    "subnet_name",
                    "github_repo",
                    "subnet_contact",
                    "subnet_url",
                    "discord",
                    "description",
                    "logo_url",
                    "additional",
                ],
            )?;
            let f = |n: &str| if a.has(n) { a.bytes(n) } else { Ok(Vec::new()) };
            sub(C::SetSubnetIdentity {
                netuid: a.netuid()?,
                subnet_name: f("subnet_name")?,
                github_repo: f("github_repo")?,
                subnet_contact: f("subnet_contact")?,
                subnet_url: f("subnet_url")?,
                discord: f("discord")?,
                description: f("description")?,
                logo_url: f("logo_url")?,
                additional: f("additional")?,
            })
        }
        "register_network_with_identity" => {
            let a = Args::new(args, at, &["hotkey", "identity"])?;
            let hotkey = a.account("hotkey", accounts)?;
            let identity = match args.and_then(|v| v.get("identity")) {
                None | Some(Value::Null) => None,
                Some(v) => {
                    let ia = Args::new(
                        Some(v),
                        &format!("{at}.args.identity"),
                        &[
                            "subnet_name",
                            "github_repo",
                            "subnet_contact",
                            "subnet_url",
                            "discord",
                            "description",
                            "logo_url",
                            "additional",
                        ],
                    )?;
                    let f = |n: &str| {
                        if ia.has(n) {
                            ia.bytes(n)
                        } else {
                            Ok(Vec::new())
                        }
                    };
                    Some(yuma_primitives::SubnetIdentityV3 {
                        subnet_name: f("subnet_name")?,
                        github_repo: f("github_repo")?,
                        subnet_contact: f("subnet_contact")?,
                        subnet_url: f("subnet_url")?,
                        discord: f("discord")?,
                        description: f("description")?,
                        logo_url: f("logo_url")?,
                        additional: f("additional")?,
                    })
                }
            };
            sub(C::RegisterNetworkWithIdentity { hotkey, identity })
        }
        "try_associate_hotkey" => {
            let a = Args::new(args, at, &["hotkey"])?;
            sub(C::TryAssociateHotkey {
                hotkey: a.account("hotkey", accounts)?,
            })
        }
        "burned_register" => {
            let a = Args::new(args, at, &["netuid", "hotkey"])?;
            sub(C::BurnedRegister {
                netuid: a.netuid()?,
                hotkey: a.account("hotkey", accounts)?,
            })
        }
        "root_register" => {
            let a = Args::new(args, at, &["hotkey"])?;
            sub(C::RootRegister {
                hotkey: a.account("hotkey", accounts)?,
            })
        }
        "sudo_set_mechanism_count" => {
            let a = Args::new(args, at, &["netuid", "mechanism_count"])?;
            let mechanism_count = u8::try_from(a.u64("mechanism_count")?)
                .map_err(|_| invalid(format!("{at}.args.mechanism_count"), "expected a u8"))?;
            admin(AdminUtilsCall::SudoSetMechanismCount {
                netuid: a.netuid()?,
                mechanism_count,
            })
        }
        "sudo_set_mechanism_emission_split" => {
            let a = Args::new(args, at, &["netuid", "maybe_split"])?;
            let maybe_split = match args.and_then(|v| v.get("maybe_split")) {
                None | Some(Value::Null) => None,
                Some(Value::Array(parts)) => Some(
                    parts
                        .iter()
                        .map(|p| p.as_u64().and_then(|p| u16::try_from(p).ok()))
                        .collect::<Option<Vec<u16>>>()
                        .ok_or_else(|| {
                            invalid(format!("{at}.args.maybe_split"), "expected u16 parts")
                        })?,
                ),
                Some(_) => {
                    return Err(invalid(
                        format!("{at}.args.maybe_split"),
                        "expected an array of u16 parts or null",
                    ))
                }
            };
            admin(AdminUtilsCall::SudoSetMechanismEmissionSplit {
                netuid: a.netuid()?,
                maybe_split,
            })
        }
        "sudo_trim_to_max_allowed_uids" => {
            let a = Args::new(args, at, &["netuid", "max_n"])?;
            admin(AdminUtilsCall::SudoTrimToMaxAllowedUids {
                netuid: a.netuid()?,
                max_n: a.u16("max_n")?,
            })
        }
        "register" => {
            let a = Args::new(
                args,
                at,
                &[
                    "netuid",
                    "block_number",
                    "nonce",
                    "work",
                    "hotkey",
                    "coldkey",
                ],
            )?;
            let opt = |n: &str| if a.has(n) { a.u64(n) } else { Ok(0) };
            let hotkey = a.account("hotkey", accounts)?;
            let coldkey = if a.has("coldkey") {
                a.account("coldkey", accounts)?
            } else {
                origin.public()
            };
            sub(C::Register {
                netuid: a.netuid()?,
                block_number: opt("block_number")?,
                nonce: opt("nonce")?,
                work: if a.has("work") {
                    a.bytes("work")?
                } else {
                    Vec::new()
                },
                hotkey,
                coldkey,
            })
        }
        "dissolve_network" => {
            let a = Args::new(args, at, &["coldkey", "netuid"])?;
            let coldkey = if a.has("coldkey") {
                a.account("coldkey", accounts)?
            } else {
                origin.public()
            };
            sub(C::DissolveNetwork {
                coldkey,
                netuid: a.netuid()?,
            })
        }
        "register_limit" => {
            let a = Args::new(args, at, &["netuid", "hotkey", "limit_price"])?;
            sub(C::RegisterLimit {
                netuid: a.netuid()?,
                hotkey: a.account("hotkey", accounts)?,
                limit_price: a.u64("limit_price")?,
            })
        }
        "update_symbol" => {
            let a = Args::new(args, at, &["netuid", "symbol"])?;
            sub(C::UpdateSymbol {
                netuid: a.netuid()?,
                symbol: a.bytes("symbol")?,
            })
        }
        "start_call" => sub(C::StartCall {
            netuid: Args::new(args, at, &["netuid"])?.netuid()?,
        }),
        "root_dissolve_network" => sub(C::RootDissolveNetwork {
            netuid: Args::new(args, at, &["netuid"])?.netuid()?,
        }),
        "set_weights" => {
            let a = Args::new(args, at, &["netuid", "dests", "weights", "version_key"])?;
            sub(C::SetWeights {
                netuid: a.netuid()?,
                dests: a.u16_list("dests")?,
                weights: a.u16_list("weights")?,
                version_key: a.u64("version_key")?,
            })
        }
        "commit_weights" => {
            let a = Args::new(
                args,
                at,
                &[
                    "netuid",
                    "commit_hash",
                    "uids",
                    "values",
                    "salt",
                    "version_key",
                ],
            )?;
            let netuid = a.netuid()?;
            let commit_hash = if a.has("commit_hash") {
                a.h256("commit_hash")?
            } else {
                commit_hash(
                    &origin.public(),
                    netuid.0,
                    &a.u16_list("uids")?,
                    &a.u16_list("values")?,
                    &a.u16_list("salt")?,
                    a.u64("version_key")?,
                )
            };
            sub(C::CommitWeights {
                netuid,
                commit_hash,
            })
        }
        "reveal_weights" => {
            let a = Args::new(
                args,
                at,
                &["netuid", "uids", "values", "salt", "version_key"],
            )?;
            sub(C::RevealWeights {
                netuid: a.netuid()?,
                uids: a.u16_list("uids")?,
                values: a.u16_list("values")?,
                salt: a.u16_list("salt")?,
                version_key: a.u64("version_key")?,
            })
        }
        "set_mechanism_weights" => {
            let a = Args::new(
                args,
                at,
                &["netuid", "mecid", "dests", "weights", "version_key"],
            )?;
            sub(C::SetMechanismWeights {
                netuid: a.netuid()?,
                mecid: a.u8("mecid")?,
                dests: a.u16_list("dests")?,
                weights: a.u16_list("weights")?,
                version_key: a.u64("version_key")?,
            })
        }
        "commit_mechanism_weights" => {
            let a = Args::new(
                args,
                at,
                &[
                    "netuid",
                    "mecid",
                    "commit_hash",
                    "uids",
                    "values",
                    "salt",
                    "version_key",
                ],
            )?;
            let (netuid, mecid) = (a.netuid()?, a.u8("mecid")?);
            let commit_hash = if a.has("commit_hash") {
                a.h256("commit_hash")?
            } else {
                commit_hash(
                    &origin.public(),
                    crate::subtensor::storage::storage_index(netuid, mecid),
                    &a.u16_list("uids")?,
                    &a.u16_list("values")?,
                    &a.u16_list("salt")?,
                    a.u64("version_key")?,
                )
            };
            sub(C::CommitMechanismWeights {
                netuid,
                mecid,
                commit_hash,
            })
        }
        "reveal_mechanism_weights" => {
            let a = Args::new(
                args,
                at,
                &["netuid", "mecid", "uids", "values", "salt", "version_key"],
            )?;
            sub(C::RevealMechanismWeights {
                netuid: a.netuid()?,
                mecid: a.u8("mecid")?,
                uids: a.u16_list("uids")?,
                values: a.u16_list("values")?,
                salt: a.u16_list("salt")?,
                version_key: a.u64("version_key")?,
            })
        }
        "batch_reveal_weights" => {
            let a = Args::new(
                args,
                at,
                &[
                    "netuid",
                    "uids_list",
                    "values_list",
                    "salts_list",
                    "version_keys",
                ],
            )?;
            let lists = |name: &str| -> Result<Vec<Vec<u16>>, ScenarioError> {
                serde_json::from_value(args.and_then(|v| v.get(name)).cloned().unwrap_or_default())
                    .map_err(|e| {
                        invalid(
                            format!("{at}.args.{name}"),
                            format!("expected [[u16]]: {e}"),
                        )
                    })
            };
            let version_keys: Vec<u64> = serde_json::from_value(
                args.and_then(|v| v.get("version_keys"))
                    .cloned()
                    .unwrap_or_default(),
            )
            .map_err(|e| {
                invalid(
                    format!("{at}.args.version_keys"),
                    format!("expected [u64]: {e}"),
                )
            })?;
            sub(C::BatchRevealWeights {
                netuid: a.netuid()?,
                uids_list: lists("uids_list")?,
                values_list: lists("values_list")?,
                salts_list: lists("salts_list")?,
                version_keys,
            })
        }
        "serve_axon" => {
            let a = Args::new(
                args,
                at,
                &[
                    "netuid",
                    "version",
                    "ip",
                    "port",
                    "ip_type",
                    "protocol",
                    "placeholder1",
                    "placeholder2",
                ],
            )?;
            let opt8 = |n: &str| if a.has(n) { a.u8(n) } else { Ok(0) };
            sub(C::ServeAxon {
                netuid: a.netuid()?,
                version: u32::try_from(a.u64("version")?)
                    .map_err(|_| invalid(format!("{at}.args.version"), "expected a u32"))?,
                ip: a.ip("ip")?,
                port: a.u16("port")?,
                ip_type: a.u8("ip_type")?,
                protocol: opt8("protocol")?,
                placeholder1: opt8("placeholder1")?,
                placeholder2: opt8("placeholder2")?,
            })
        }
        "serve_axon_tls" => {
            let a = Args::new(
                args,
                at,
                &[
                    "netuid",
                    "version",
                    "ip",
                    "port",
                    "ip_type",
                    "protocol",
                    "placeholder1",
                    "placeholder2",
                    "certificate",
                ],
            )?;
            let opt8 = |n: &str| if a.has(n) { a.u8(n) } else { Ok(0) };
            sub(C::ServeAxonTls {
                netuid: a.netuid()?,
                version: u32::try_from(a.u64("version")?)
                    .map_err(|_| invalid(format!("{at}.args.version"), "expected a u32"))?,
                ip: a.ip("ip")?,
                port: a.u16("port")?,
                ip_type: a.u8("ip_type")?,
                protocol: opt8("protocol")?,
                placeholder1: opt8("placeholder1")?,
                placeholder2: opt8("placeholder2")?,
                certificate: a.bytes("certificate")?,
            })
        }
        "serve_prometheus" => {
            let a = Args::new(args, at, &["netuid", "version", "ip", "port", "ip_type"])?;
            sub(C::ServePrometheus {
                netuid: a.netuid()?,
                version: u32::try_from(a.u64("version")?)
                    .map_err(|_| invalid(format!("{at}.args.version"), "expected a u32"))?,
                ip: a.ip("ip")?,
                port: a.u16("port")?,
                ip_type: a.u8("ip_type")?,
            })
        }
        "swap_hotkey" | "swap_hotkey_v2" => {
            let v2 = name == "swap_hotkey_v2";
            let allowed: &[&str] = if v2 {
                &["hotkey", "new_hotkey", "netuid", "keep_stake"]
            } else {
                &["hotkey", "new_hotkey", "netuid"]
            };
            let a = Args::new(args, at, allowed)?;
            let hotkey = a.account("hotkey", accounts)?;
            let new_hotkey = a.account("new_hotkey", accounts)?;
            let netuid = if a.has("netuid") {
                Some(a.netuid()?)
            } else {
                None
            };
            sub(if v2 {
                C::SwapHotkeyV2 {
                    hotkey,
                    new_hotkey,
                    netuid,
                    keep_stake: a.has("keep_stake") && a.bool("keep_stake")?,
                }
            } else {
                C::SwapHotkey {
                    hotkey,
                    new_hotkey,
                    netuid,
                }
            })
        }
        "announce_coldkey_swap" => {
            let a = Args::new(args, at, &["new_coldkey_hash", "new_coldkey"])?;
            let new_coldkey_hash = if a.has("new_coldkey_hash") {
                a.h256("new_coldkey_hash")?
            } else {
                let c = a.account("new_coldkey", accounts)?;
                yuma_primitives::H256(yuma_primitives::hashing::blake2_256(
                    &parity_scale_codec::Encode::encode(&c),
                ))
            };
            sub(C::AnnounceColdkeySwap { new_coldkey_hash })
        }
        "swap_coldkey_announced" => {
            let a = Args::new(args, at, &["new_coldkey"])?;
            sub(C::SwapColdkeyAnnounced {
                new_coldkey: a.account("new_coldkey", accounts)?,
            })
        }
        "sudo_set_alpha_values" => {
            let a = Args::new(args, at, &["netuid", "alpha_low", "alpha_high"])?;
            admin(AdminUtilsCall::SudoSetAlphaValues {
                netuid: a.netuid()?,
                alpha_low: a.u16("alpha_low")?,
                alpha_high: a.u16("alpha_high")?,
            })
        }
        "sudo_set_alpha_sigmoid_steepness" => {
            let a = Args::new(args, at, &["netuid", "steepness"])?;
            let steepness = args
                .and_then(|v| v.get("steepness"))
                .and_then(Value::as_i64)
                .and_then(|x| i16::try_from(x).ok())
                .ok_or_else(|| invalid(format!("{at}.args.steepness"), "expected an i16"))?;
            admin(AdminUtilsCall::SudoSetAlphaSigmoidSteepness {
                netuid: a.netuid()?,
                steepness,
            })
        }
        "sudo_set_recycle_or_burn" => {
            let a = Args::new(args, at, &["netuid", "recycle_or_burn"])?;
            let recycle_or_burn = match args
                .and_then(|v| v.get("recycle_or_burn"))
                .and_then(Value::as_str)
            {
                Some("Burn") => RecycleOrBurnEnum::Burn,
                Some("Recycle") => RecycleOrBurnEnum::Recycle,
                _ => {
                    return Err(invalid(
                        format!("{at}.args.recycle_or_burn"),
                        "expected \"Burn\" or \"Recycle\"",
                    ))
                }
            };
            admin(AdminUtilsCall::SudoSetRecycleOrBurn {
                netuid: a.netuid()?,
                recycle_or_burn,
            })
        }
        "sudo_set_owner_cut_auto_lock_enabled" => {
            let a = Args::new(args, at, &["netuid", "enabled"])?;
            admin(AdminUtilsCall::SudoSetOwnerCutAutoLockEnabled {
                netuid: a.netuid()?,
                enabled: a.bool("enabled")?,
            })
        }
        "batch_set_weights" => {
            let a = Args::new(args, at, &["netuids", "weights", "version_keys"])?;
            let bad = || {
                invalid(
                    format!("{at}.args.weights"),
                    "expected [[[uid, weight], …], …]",
                )
            };
            let rows = args
                .and_then(|v| v.get("weights"))
                .and_then(Value::as_array)
                .ok_or_else(bad)?
                .iter()
                .map(|row| {
                    row.as_array()
                        .ok_or_else(bad)?
                        .iter()
                        .map(|pair| {
                            let p = pair.as_array().filter(|p| p.len() == 2).ok_or_else(bad)?;
                            let x = |i: usize| {
                                p[i].as_u64()
                                    .and_then(|x| u16::try_from(x).ok())
                                    .ok_or_else(bad)
                            };
                            Ok((Compact(x(0)?), Compact(x(1)?)))
                        })
                        .collect::<Result<Vec<_>, _>>()
                })
                .collect::<Result<Vec<_>, _>>()?;
            let version_keys = args
                .and_then(|v| v.get("version_keys"))
                .and_then(Value::as_array)
                .and_then(|l| {
                    l.iter()
                        .map(|v| v.as_u64().map(Compact))
                        .collect::<Option<Vec<_>>>()
                })
                .ok_or_else(|| {
                    invalid(
                        format!("{at}.args.version_keys"),
                        "expected an array of u64",
                    )
                })?;
            sub(C::BatchSetWeights {
                netuids: a.u16_list("netuids")?.into_iter().map(Compact).collect(),
                weights: rows,
                version_keys,
            })
        }
        "batch_commit_weights" => {
            let a = Args::new(args, at, &["netuids", "commit_hashes"])?;
            let bad = || {
                invalid(
                    format!("{at}.args.commit_hashes"),
                    "expected an array of 32-byte hex",
                )
            };
            let commit_hashes = args
                .and_then(|v| v.get("commit_hashes"))
                .and_then(Value::as_array)
                .ok_or_else(bad)?
                .iter()
                .map(|h| {
                    h.as_str()
                        .and_then(|h| yuma_primitives::H256::from_hex(h).ok())
                        .ok_or_else(bad)
                })
                .collect::<Result<Vec<_>, _>>()?;
            sub(C::BatchCommitWeights {
                netuids: a.u16_list("netuids")?.into_iter().map(Compact).collect(),
                commit_hashes,
            })
        }
        "commit_timelocked_weights"
        | "commit_timelocked_mechanism_weights"
        | "commit_crv3_mechanism_weights" => {
            let a = Args::new(
                args,
                at,
                &[
                    "netuid",
                    "mecid",
                    "commit",
                    "reveal_round",
                    "commit_reveal_version",
                ],
            )?;
            let netuid = a.netuid()?;
            let commit = a.bytes("commit")?;
            if commit.len() > yuma_primitives::MAX_CRV3_COMMIT_SIZE_BYTES {
                return Err(invalid(
                    format!("{at}.args.commit"),
                    "longer than 5000 bytes",
                ));
            }
            let commit = yuma_primitives::TimelockedCommit(commit);
            let reveal_round = a.u64("reveal_round")?;
            sub(match name {
                "commit_timelocked_weights" => C::CommitTimelockedWeights {
                    netuid,
                    commit,
                    reveal_round,
                    commit_reveal_version: a.u16("commit_reveal_version")?,
                },
                "commit_timelocked_mechanism_weights" => C::CommitTimelockedMechanismWeights {
                    netuid,
                    mecid: a.u8("mecid")?,
                    commit,
                    reveal_round,
                    commit_reveal_version: a.u16("commit_reveal_version")?,
                },
                _ => C::CommitCrv3MechanismWeights {
                    netuid,
                    mecid: a.u8("mecid")?,
                    commit,
                    reveal_round,
                },
            })
        }
        "set_tempo" => {
            let a = Args::new(args, at, &["netuid", "tempo"])?;
            sub(C::SetTempo {
                netuid: a.netuid()?,
                tempo: a.u16("tempo")?,
            })
        }
        "set_activity_cutoff_factor" => {
            let a = Args::new(args, at, &["netuid", "factor_milli"])?;
            let factor_milli = u32::try_from(a.u64("factor_milli")?)
                .map_err(|_| invalid(format!("{at}.args.factor_milli"), "expected a u32"))?;
            sub(C::SetActivityCutoffFactor {
                netuid: a.netuid()?,
                factor_milli,
            })
        }
        "trigger_epoch" => {
            let a = Args::new(args, at, &["netuid"])?;
            sub(C::TriggerEpoch {
                netuid: a.netuid()?,
            })
        }
        "swap_coldkey" => {
            let a = Args::new(args, at, &["old_coldkey", "new_coldkey", "swap_cost"])?;
            sub(C::SwapColdkey {
                old_coldkey: a.account("old_coldkey", accounts)?,
                new_coldkey: a.account("new_coldkey", accounts)?,
                swap_cost: if a.has("swap_cost") {
                    a.u64("swap_cost")?
                } else {
                    0
                },
            })
        }
        "schedule_swap_coldkey" => {
            let a = Args::new(args, at, &["new_coldkey"])?;
            sub(C::ScheduleSwapColdkey {
                new_coldkey: a.account("new_coldkey", accounts)?,
            })
        }
        "dispute_coldkey_swap" => {
            Args::new(args, at, &[])?;
            sub(C::DisputeColdkeySwap {})
        }
        "clear_coldkey_swap_announcement" => {
            Args::new(args, at, &[])?;
            sub(C::ClearColdkeySwapAnnouncement {})
        }
        "reset_coldkey_swap" => {
            let a = Args::new(args, at, &["coldkey"])?;
            sub(C::ResetColdkeySwap {
                coldkey: a.account("coldkey", accounts)?,
            })
        }
        "sudo_set_sn_owner_hotkey" | "sudo_set_subnet_owner_hotkey" => {
            let a = Args::new(args, at, &["netuid", "hotkey"])?;
            let (netuid, hotkey) = (a.netuid()?, a.account("hotkey", accounts)?);
            Ok(Some(RuntimeCall::AdminUtils(
                if name == "sudo_set_sn_owner_hotkey" {
                    AdminUtilsCall::SudoSetSnOwnerHotkey { netuid, hotkey }
                } else {
                    AdminUtilsCall::SudoSetSubnetOwnerHotkey { netuid, hotkey }
                },
            )))
        }
        "sudo" => {
            let m = match args {
                Some(Value::Object(m)) => m,
                _ => {
                    return Err(invalid(
                        format!("{at}.args"),
                        "expected {\"call\": name, \"args\": {…}}",
                    ))
                }
            };
            let inner = m
                .get("call")
                .and_then(Value::as_str)
                .ok_or_else(|| invalid(format!("{at}.args.call"), "missing call name"))?;
            let call = super::calls::build(
                inner,
                m.get("args"),
                &format!("{at}.args"),
                accounts,
                origin,
            )?;
            Ok(Some(RuntimeCall::Sudo(SudoCall::Sudo {
                call: Box::new(call),
            })))
        }
        other => {
            let Some((_, per_subnet)) = AdminUtilsCall::NAMES.iter().find(|(n, _)| *n == other)
            else {
                return Ok(None);
            };
            let allowed: Vec<&str> = match args {
                Some(Value::Object(m)) => m.keys().map(String::as_str).collect(),
                _ => Vec::new(),
            };
            let value_key = allowed
                .iter()
                .copied()
                .find(|k| *k != "netuid")
                .ok_or_else(|| invalid(format!("{at}.args"), "missing the value"))?;
            let mut names = vec![value_key];
            if *per_subnet {
                names.push("netuid");
            }
            let a = Args::new(args, at, &names)?;
            let netuid = if *per_subnet {
                a.netuid()?
            } else {
                NetUid::ROOT
            };
            let value = match args.and_then(|v| v.get(value_key)) {
                Some(Value::Bool(b)) => u64::from(*b),
                _ => a.u64(value_key)?,
            };
            let call = AdminUtilsCall::from_parts(other, netuid, value).ok_or_else(|| {
                invalid(
                    format!("{at}.args.{value_key}"),
                    "value out of the argument's range",
                )
            })?;
            Ok(Some(RuntimeCall::AdminUtils(call)))
        }
    }
}
