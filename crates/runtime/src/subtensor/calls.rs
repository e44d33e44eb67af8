//! Routing of subtensor calls (pallet 7) to the modules that implement them.

use super::{ownership, Origin};
use crate::{
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    neurons, serving, stake, subnets,
    subtensor::storage::{AxonInfo, PrometheusInfo},
    swap_keys, weights,
};
use yuma_primitives::SubtensorCall as C;

/// Executes a subtensor call for `origin`.
pub fn dispatch(ext: &mut Ext<'_>, origin: Origin, call: &C) -> DispatchResult {
    match call {
        C::RootDissolveNetwork { netuid } | C::DissolveNetwork { netuid, .. } => {
            if !origin.is_root() {
                return Err(DispatchError::BadOrigin);
            }
            subnets::dissolve(ext, *netuid)
        }
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
        | C::BurnAlpha { .. } => stake::dispatch(ext, &origin.signed()?, call),
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
        C::AnnounceColdkeySwap { new_coldkey_hash } => {
            swap_keys::announce_coldkey_swap(ext, &origin.signed()?, *new_coldkey_hash)
        }
        C::SwapColdkeyAnnounced { new_coldkey } => {
            swap_keys::swap_coldkey_announced(ext, &origin.signed()?, new_coldkey)
        }
    }
}
