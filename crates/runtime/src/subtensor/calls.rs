//! Routing of subtensor calls (pallet 7) to the modules that implement them.

use super::{ownership, Origin, ParamValue, SubtensorEvent};
use crate::{
    childkeys, delegation,
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    neurons, root_claim, serving, stake, subnets,
    subtensor::storage::{AxonInfo, PrometheusInfo},
    swap_keys, weights,
};
use yuma_primitives::{NetUid, SubtensorCall as C};

/// `ensure_root`.
fn ensure_root(origin: Origin) -> DispatchResult {
    if origin.is_root() {
        Ok(())
    } else {
        Err(DispatchError::BadOrigin)
    }
}

/// Executes a subtensor call for `origin`.
pub fn dispatch(ext: &mut Ext<'_>, origin: Origin, call: &C) -> DispatchResult {
    match call {
        C::RootDissolveNetwork { netuid } | C::DissolveNetwork { netuid, .. } => {
            if !origin.is_root() {
                return Err(DispatchError::BadOrigin);
            }
            subnets::dissolve(ext, *netuid)
        }
        C::RootRegister { hotkey } => neurons::root_register(ext, origin, hotkey),
        C::StartCall { netuid } => subnets::start_call(ext, origin, *netuid),
        C::UpdateSymbol { netuid, symbol } => subnets::update_symbol(ext, origin, *netuid, symbol),
        C::SetWeights {
            netuid,
            dests,
            weights,
            version_key,
        } => weights::set_weights(
            ext,
            &origin.signed()?,
            *netuid,
            dests,
            weights,
            *version_key,
        ),
        C::CommitWeights {
            netuid,
            commit_hash,
        } => weights::commit_weights(ext, &origin.signed()?, *netuid, *commit_hash),
        C::RevealWeights {
            netuid,
            uids,
            values,
            salt,
            version_key,
        } => weights::reveal_weights(
            ext,
            &origin.signed()?,
            *netuid,
            uids,
            values,
            salt,
            *version_key,
        ),
        C::BatchRevealWeights {
            netuid,
            uids_list,
            values_list,
            salts_list,
            version_keys,
        } => {
            let k = uids_list.len();
            if values_list.len() != k || salts_list.len() != k || version_keys.len() != k {
                return Err(super::Error::InputLengthsUnequal.into());
            }
            let reveals: Vec<_> = (0..k)
                .map(|i| {
                    (
                        uids_list[i].clone(),
                        values_list[i].clone(),
                        salts_list[i].clone(),
                        version_keys[i],
                    )
                })
                .collect();
            weights::batch_reveal_weights(ext, &origin.signed()?, *netuid, &reveals)
        }
        C::SetTempo { netuid, tempo } => {
            subnets::tempo_control::set_tempo(ext, origin, *netuid, *tempo)
        }
        C::SetActivityCutoffFactor {
            netuid,
            factor_milli,
        } => {
            subnets::tempo_control::set_activity_cutoff_factor(ext, origin, *netuid, *factor_milli)
        }
        C::TriggerEpoch { netuid } => subnets::tempo_control::trigger_epoch(ext, origin, *netuid),
        C::CommitTimelockedWeights {
            netuid,
            commit,
            reveal_round,
            commit_reveal_version,
        } => weights::timelocked::commit_timelocked_weights(
            ext,
            &origin.signed()?,
            *netuid,
            0,
            &commit.0,
            *reveal_round,
            *commit_reveal_version,
        ),
        C::CommitTimelockedMechanismWeights {
            netuid,
            mecid,
            commit,
            reveal_round,
            commit_reveal_version,
        } => weights::timelocked::commit_timelocked_weights(
            ext,
            &origin.signed()?,
            *netuid,
            *mecid,
            &commit.0,
            *reveal_round,
            *commit_reveal_version,
        ),
        C::CommitCrv3MechanismWeights {
            netuid,
            mecid,
            commit,
            reveal_round,
        } => weights::timelocked::commit_timelocked_weights(
            ext,
            &origin.signed()?,
            *netuid,
            *mecid,
            &commit.0,
            *reveal_round,
            4,
        ),
        C::SetMechanismWeights {
            netuid,
            mecid,
            dests,
            weights,
            version_key,
        } => weights::set_mechanism_weights(
            ext,
            &origin.signed()?,
            *netuid,
            *mecid,
            dests,
            weights,
            *version_key,
        ),
        C::CommitMechanismWeights {
            netuid,
            mecid,
            commit_hash,
        } => {
            weights::commit_mechanism_weights(ext, &origin.signed()?, *netuid, *mecid, *commit_hash)
        }
        C::RevealMechanismWeights {
            netuid,
            mecid,
            uids,
            values,
            salt,
            version_key,
        } => weights::reveal_mechanism_weights(
            ext,
            &origin.signed()?,
            *netuid,
            *mecid,
            (uids, values, salt, *version_key),
        ),
        C::BatchSetWeights {
            netuids,
            weights: rows,
            version_keys,
        } => {
            let k = netuids.len();
            if rows.len() != k || version_keys.len() != k {
                return Err(super::Error::InputLengthsUnequal.into());
            }
            let items: Vec<weights::WeightsItem> = (0..k)
                .map(|i| {
                    let row = rows[i].iter().map(|(u, w)| (u.0, w.0)).collect();
                    (NetUid(netuids[i].0), row, version_keys[i].0)
                })
                .collect();
            weights::batch_set_weights(ext, &origin.signed()?, &items)
        }
        C::BatchCommitWeights {
            netuids,
            commit_hashes,
        } => {
            let netuids: Vec<NetUid> = netuids.iter().map(|n| NetUid(n.0)).collect();
            weights::batch_commit_weights(ext, &origin.signed()?, &netuids, commit_hashes)
        }
        C::ServeAxon {
            netuid,
            version,
            ip,
            port,
            ip_type,
            protocol,
            placeholder1,
            placeholder2,
        } => {
            let info = AxonInfo {
                block: 0,
                version: *version,
                ip: *ip,
                port: *port,
                ip_type: *ip_type,
                protocol: *protocol,
                placeholder1: *placeholder1,
                placeholder2: *placeholder2,
            };
            serving::serve_axon(ext, &origin.signed()?, *netuid, info)
        }
        C::ServeAxonTls {
            netuid,
            version,
            ip,
            port,
            ip_type,
            protocol,
            placeholder1,
            placeholder2,
            certificate,
        } => {
            let info = AxonInfo {
                block: 0,
                version: *version,
                ip: *ip,
                port: *port,
                ip_type: *ip_type,
                protocol: *protocol,
                placeholder1: *placeholder1,
                placeholder2: *placeholder2,
            };
            serving::serve_axon_tls(ext, &origin.signed()?, *netuid, info, certificate)
        }
        C::ServePrometheus {
            netuid,
            version,
            ip,
            port,
            ip_type,
        } => {
            let info = PrometheusInfo {
                block: 0,
                version: *version,
                ip: *ip,
                port: *port,
                ip_type: *ip_type,
            };
            serving::serve_prometheus(ext, &origin.signed()?, *netuid, info)
        }
        C::BurnedRegister { netuid, hotkey } | C::Register { netuid, hotkey, .. } => {
            neurons::burned_register(ext, &origin.signed()?, *netuid, hotkey, None)
        }
        C::RegisterLimit {
            netuid,
            hotkey,
            limit_price,
        } => neurons::burned_register(ext, &origin.signed()?, *netuid, hotkey, Some(*limit_price)),
        C::RegisterNetwork { hotkey } => subnets::register_network(ext, &origin.signed()?, hotkey),
        C::RegisterNetworkWithIdentity { hotkey, identity } => {
            subnets::register_network_with_identity(
                ext,
                &origin.signed()?,
                hotkey,
                identity.as_ref(),
            )
        }
        C::SetSubnetIdentity {
            netuid,
            subnet_name,
            github_repo,
            subnet_contact,
            subnet_url,
            discord,
            description,
            logo_url,
            additional,
        } => {
            let id = yuma_primitives::SubnetIdentityV3 {
                subnet_name: subnet_name.clone(),
                github_repo: github_repo.clone(),
                subnet_contact: subnet_contact.clone(),
                subnet_url: subnet_url.clone(),
                discord: discord.clone(),
                description: description.clone(),
                logo_url: logo_url.clone(),
                additional: additional.clone(),
            };
            subnets::set_subnet_identity(ext, &origin.signed()?, *netuid, &id)
        }
        C::AddStake { .. }
        | C::AddStakeLimit { .. }
        | C::RemoveStake { .. }
        | C::RemoveStakeLimit { .. }
        | C::RemoveStakeFullLimit { .. }
        | C::UnstakeAll { .. }
        | C::UnstakeAllAlpha { .. }
        | C::MoveStake { .. }
        | C::TransferStake { .. }
        | C::SwapStake { .. }
        | C::SwapStakeLimit { .. }
        | C::RecycleAlpha { .. }
        | C::BurnAlpha { .. }
        | C::AddStakeBurn { .. } => stake::dispatch(ext, &origin.signed()?, call),
        C::ClaimRoot { subnets } => root_claim::claim::claim_root(ext, &origin.signed()?, subnets),
        C::SetRootClaimType {
            new_root_claim_type,
        } => root_claim::claim::set_root_claim_type(ext, &origin.signed()?, new_root_claim_type),
        C::SudoSetNumRootClaims { new_value } => {
            root_claim::claim::sudo_set_num_root_claims(ext, origin, *new_value)
        }
        C::SudoSetRootClaimThreshold { netuid, new_value } => {
            root_claim::claim::sudo_set_root_claim_threshold(ext, origin, *netuid, *new_value)
        }
        C::TryAssociateHotkey { hotkey } => ownership::associate(ext, &origin.signed()?, hotkey),
        C::SwapHotkey {
            hotkey,
            new_hotkey,
            netuid,
        } => swap_keys::swap_hotkey(ext, &origin.signed()?, hotkey, new_hotkey, *netuid, false),
        C::SwapHotkeyV2 {
            hotkey,
            new_hotkey,
            netuid,
            keep_stake,
        } => swap_keys::swap_hotkey(
            ext,
            &origin.signed()?,
            hotkey,
            new_hotkey,
            *netuid,
            *keep_stake,
        ),
        C::DecreaseTake { hotkey, take } => {
            delegation::decrease_take(ext, &origin.signed()?, hotkey, *take)
        }
        C::IncreaseTake { hotkey, take } => {
            delegation::increase_take(ext, &origin.signed()?, hotkey, *take)
        }
        C::SetChildren {
            hotkey,
            netuid,
            children,
        } => childkeys::set_children(ext, &origin.signed()?, hotkey, *netuid, children),
        C::SetChildkeyTake {
            hotkey,
            netuid,
            take,
        } => childkeys::set_childkey_take(ext, &origin.signed()?, hotkey, *netuid, *take),
        C::SudoSetTxChildkeyTakeRateLimit { tx_rate_limit } => root_set(
            ext,
            origin,
            |st| childkeys::TX_CHILDKEY_TAKE_RATE_LIMIT.set(st, *tx_rate_limit),
            Some((
                42,
                "TxChildKeyTakeRateLimitSet",
                ParamValue::U64(*tx_rate_limit),
            )),
        ),
        C::SudoSetMinChildkeyTake { take } => root_set(
            ext,
            origin,
            |st| childkeys::MIN_CHILDKEY_TAKE.set(st, *take),
            Some((45, "MinChildKeyTakeSet", ParamValue::U16(*take))),
        ),
        C::SudoSetMaxChildkeyTake { take } => root_set(
            ext,
            origin,
            |st| childkeys::MAX_CHILDKEY_TAKE.set(st, *take),
            Some((47, "MaxChildKeyTakeSet", ParamValue::U16(*take))),
        ),
        C::SetPendingChildkeyCooldown { cooldown } => root_set(
            ext,
            origin,
            |st| childkeys::PENDING_CHILD_KEY_COOLDOWN.set(st, *cooldown),
            None,
        ),
        C::AnnounceColdkeySwap { new_coldkey_hash } => {
            swap_keys::announce_coldkey_swap(ext, &origin.signed()?, *new_coldkey_hash)
        }
        C::SwapColdkeyAnnounced { new_coldkey } => {
            swap_keys::swap_coldkey_announced(ext, &origin.signed()?, new_coldkey)
        }
        C::SwapColdkey {
            old_coldkey,
            new_coldkey,
            swap_cost,
        } => {
            ensure_root(origin)?;
            swap_keys::swap_coldkey(ext, old_coldkey, new_coldkey, *swap_cost)
        }
        C::ScheduleSwapColdkey { .. } => Err(super::Error::Deprecated.into()),
        C::DisputeColdkeySwap {} => swap_keys::dispute_coldkey_swap(ext, &origin.signed()?),
        C::ResetColdkeySwap { coldkey } => {
            ensure_root(origin)?;
            swap_keys::reset_coldkey_swap(ext, coldkey)
        }
        C::ClearColdkeySwapAnnouncement {} => {
            swap_keys::clear_coldkey_swap_announcement(ext, &origin.signed()?)
        }
    }
}

/// A Root-only setter of a global item, with its `<Name>Set` event if subtensor emits one.
fn root_set(
    ext: &mut Ext<'_>,
    origin: Origin,
    set: impl FnOnce(&mut crate::storage::Overlay<'_>),
    event: Option<(u8, &'static str, ParamValue)>,
) -> DispatchResult {
    if !origin.is_root() {
        return Err(DispatchError::BadOrigin);
    }
    set(&mut ext.state);
    if let Some((index, name, value)) = event {
        ext.deposit_event(SubtensorEvent::ParamSet {
            index,
            name,
            netuid: None,
            value,
        });
    }
    Ok(())
}
