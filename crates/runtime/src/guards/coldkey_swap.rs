//! subtensor's `CheckColdkeySwap` (§7.2): a coldkey with an announced swap may only make the
//! swap calls; once the swap is disputed it may make none.

use crate::{
    storage::{StorageError, StorageRead},
    subtensor::Error,
    swap_keys,
};
use yuma_primitives::{AccountId, RuntimeCall, SubtensorCall as C};

/// `CheckColdkeySwap::check`.
pub(super) fn check(
    s: &dyn StorageRead,
    who: &AccountId,
    call: &RuntimeCall,
) -> Result<Result<(), Error>, StorageError> {
    if swap_keys::ANNOUNCEMENTS.get(s, who)?.is_none() {
        return Ok(Ok(()));
    }
    if swap_keys::is_disputed(s, who)? {
        return Ok(Err(Error::ColdkeySwapDisputed));
    }
    Ok(if allowed_during_swap(call) {
        Ok(())
    } else {
        Err(Error::ColdkeySwapAnnounced)
    })
}

fn allowed_during_swap(call: &RuntimeCall) -> bool {
    matches!(
        call,
        RuntimeCall::SubtensorModule(
            C::AnnounceColdkeySwap { .. }
                | C::SwapColdkeyAnnounced { .. }
                | C::DisputeColdkeySwap {}
                | C::ClearColdkeySwapAnnouncement {}
        )
    )
}
