//! Neurons (spec-subnets §3): burned registration with the per-subnet price that rises with
//! each registration and decays each block, slot assignment, and which uid is replaced when a
//! subnet is full; `root_register` on the root subnet and trimming a subnet to fewer uids.

mod burn;
mod prune;
mod register;
mod root;
mod slots;
mod trim;

pub use burn::{bump, decay, decay_all, decay_factor_q32, decayed, next_block_burn};
pub use prune::neuron_to_prune;
pub use register::burned_register;
pub use root::root_register;
pub use slots::{append_neuron, replace_neuron};
pub use trim::trim_to_max_allowed_uids;

use crate::{
    storage::{StorageError, StorageRead},
    subtensor::storage::{KEYS, UIDS},
};
use yuma_primitives::{AccountId, NetUid};

/// The uid of `hotkey` on `netuid`.
pub fn uid_of(
    s: &dyn StorageRead,
    netuid: NetUid,
    hotkey: &AccountId,
) -> Result<Option<u16>, StorageError> {
    UIDS.get(s, &netuid, hotkey)
}

/// The hotkey at `uid` on `netuid`.
pub fn hotkey_of(
    s: &dyn StorageRead,
    netuid: NetUid,
    uid: u16,
) -> Result<Option<AccountId>, StorageError> {
    KEYS.get(s, &netuid, &uid)
}
