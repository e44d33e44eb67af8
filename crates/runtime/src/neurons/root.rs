//! `root_register(hotkey)` (spec-subnets §2.2): a coldkey registers a hotkey on the root
//! subnet (netuid 0). Subtensor still ships it (call 62, `do_root_register`).
//!
//! Admission is by counters, not by a burn: at most `MaxRegistrationsPerBlock[0]` per block and
//! `3 × TargetRegistrationsPerInterval[0]` per interval (the interval counter is reset when the
//! root epoch is due, [`super::decay`]). While root has room the hotkey is appended; when full
//! it replaces the uid whose hotkey has the least alpha on root (`TotalHotkeyAlpha`, first uid on
//! ties) and must hold strictly more than it (`StakeTooLowForRoot`). The hotkey becomes a
//! delegate with take 11 796 (≈ 18 %) if it is not one. No burn, no fee beyond the transaction's.
//! As in subtensor, ownership is recorded if the hotkey has none but not re-checked: another
//! coldkey's hotkey may be registered.

use super::{append_neuron, replace_neuron};
use crate::{
    delegation,
    dispatch::DispatchResult,
    ext::Ext,
    hyperparams::items::{
        MAX_ALLOWED_UIDS, MAX_REGISTRATIONS_PER_BLOCK, TARGET_REGISTRATIONS_PER_INTERVAL,
    },
    stake, subnets,
    subtensor::{ownership, storage::*, Error, Origin, SubtensorEvent},
};
use yuma_primitives::{AccountId, NetUid};

/// The take a hotkey gets when root registration makes it a delegate.
const ROOT_DELEGATE_TAKE: u16 = 11_796;

/// `do_root_register(origin, hotkey)`, checks in subtensor's order.
pub fn root_register(ext: &mut Ext<'_>, origin: Origin, hotkey: &AccountId) -> DispatchResult {
    let root = NetUid::ROOT;
    if !subnets::exists(&ext.state, root)? {
        return Err(Error::RootNetworkDoesNotExist.into());
    }
    let coldkey = origin.signed()?;
    let this_block = REGISTRATIONS_THIS_BLOCK
        .get(&ext.state, &root)?
        .unwrap_or(0);
    if this_block >= MAX_REGISTRATIONS_PER_BLOCK.get(&ext.state, root)? {
        return Err(Error::TooManyRegistrationsThisBlock.into());
    }
    let this_interval = REGISTRATIONS_THIS_INTERVAL
        .get(&ext.state, &root)?
        .unwrap_or(0);
    let target = TARGET_REGISTRATIONS_PER_INTERVAL.get(&ext.state, root)?;
    if this_interval >= target.saturating_mul(3) {
        return Err(Error::TooManyRegistrationsThisInterval.into());
    }
    if UIDS.get(&ext.state, &root, hotkey)?.is_some() {
        return Err(Error::HotKeyAlreadyRegisteredInSubNet.into());
    }
    ownership::associate(ext, &coldkey, hotkey)?;
    let n = SUBNETWORK_N.get(&ext.state, &root)?.unwrap_or(0);
    let uid = if n < MAX_ALLOWED_UIDS.get(&ext.state, root)? {
        append_neuron(ext, root, hotkey)?
    } else {
        // Root uids are below 256, so uid order is subtensor's `Keys` iteration order.
        let (mut lowest_stake, mut uid) = (u64::MAX, 0u16);
        for (u, h) in KEYS.iter_prefix(&ext.state, &root)? {
            let stake = stake::hotkey_alpha(&ext.state, &h, root)?;
            if stake < lowest_stake {
                (lowest_stake, uid) = (stake, u);
            }
        }
        if KEYS.get(&ext.state, &root, &uid)?.is_none() {
            return Err(Error::HotKeyNotRegisteredInSubNet.into());
        }
        if lowest_stake >= stake::hotkey_alpha(&ext.state, hotkey, root)? {
            return Err(Error::StakeTooLowForRoot.into());
        }
        replace_neuron(ext, root, uid, hotkey)?;
        uid
    };
    if !delegation::is_delegate(&ext.state, hotkey)? {
        delegation::delegate_hotkey(&mut ext.state, hotkey, ROOT_DELEGATE_TAKE);
    }
    REGISTRATIONS_THIS_INTERVAL.insert(&mut ext.state, &root, &this_interval.saturating_add(1));
    REGISTRATIONS_THIS_BLOCK.insert(&mut ext.state, &root, &this_block.saturating_add(1));
    ext.deposit_event(SubtensorEvent::NeuronRegistered(root, uid, *hotkey));
    Ok(())
}
