//! The subtensor pallet (pallet 7): its storage, error and event enums, hotkey ownership and
//! the routing of its calls to the modules that implement them ([`crate::subnets`],
//! [`crate::neurons`], [`crate::weights`], [`crate::serving`]).

mod calls;
mod error;
mod event;
pub mod ownership;
pub mod storage;

pub use calls::dispatch;
pub use error::{Error, PALLET_INDEX};
pub use event::{param_set_events, ParamSetEvent, ParamValue, SubtensorEvent};

use crate::{dispatch::DispatchError, genesis::SUDO_KEY, storage::StorageRead};
use yuma_primitives::AccountId;

/// Who made a call: a signed account, or Root (the sudo key through `Sudo.sudo`, or signing
/// an admin call directly — see [`crate::hyperparams`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Root.
    Root,
    /// A signed account.
    Signed(AccountId),
}

impl Origin {
    /// The signer, or `BadOrigin` for Root.
    pub fn signed(&self) -> Result<AccountId, DispatchError> {
        match self {
            Self::Signed(a) => Ok(*a),
            Self::Root => Err(DispatchError::BadOrigin),
        }
    }

    /// Whether this is Root.
    pub fn is_root(&self) -> bool {
        matches!(self, Self::Root)
    }
}

/// Whether `who` holds the sudo key.
pub fn is_sudo(s: &dyn StorageRead, who: &AccountId) -> Result<bool, crate::storage::StorageError> {
    Ok(SUDO_KEY.get(s)?.as_ref() == Some(who))
}
