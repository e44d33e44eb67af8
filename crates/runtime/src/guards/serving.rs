//! subtensor's `CheckServingEndpoints`: the serving calls' validation (§5.2–§5.5) before
//! dispatch.

use crate::{
    serving,
    storage::{StorageError, StorageRead},
    subtensor::Error,
};
use yuma_primitives::{AccountId, SubtensorCall as C};

/// `CheckServingEndpoints::check`.
pub(super) fn check(
    s: &dyn StorageRead,
    now: u64,
    who: &AccountId,
    call: &C,
) -> Result<Result<(), Error>, StorageError> {
    match call {
        C::ServeAxon {
            netuid,
            ip,
            port,
            ip_type,
            ..
        }
        | C::ServeAxonTls {
            netuid,
            ip,
            port,
            ip_type,
            ..
        } => serving::validate_axon(s, now, who, *netuid, *ip_type, *ip, *port),
        C::ServePrometheus {
            netuid,
            ip,
            port,
            ip_type,
            ..
        } => serving::validate_prometheus(s, now, who, *netuid, *ip_type, *ip, *port),
        _ => Ok(Ok(())),
    }
}
