//! `batch_set_weights` and `batch_commit_weights` (§4.3, §4.9): one `set_weights` or
//! `commit_weights` per subnet, each atomic on its own. A failed item does not fail the call:
//! it is reported by `BatchWeightItemFailed(netuid, error)` (after one
//! `BatchCompletedWithErrors`), and `BatchWeightsCompleted(netuids, hotkey)` closes the batch.

use super::{commit_weights, set_weights};
use crate::{
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    subtensor::{Error, SubtensorEvent},
};
use yuma_primitives::{AccountId, NetUid, H256};

/// One item of `batch_set_weights`: (netuid, (uid, weight) row, version key).
pub type WeightsItem = (NetUid, Vec<(u16, u16)>, u64);

fn report(ext: &mut Ext<'_>, hotkey: &AccountId, results: Vec<(NetUid, DispatchResult)>) {
    let netuids = results.iter().map(|(n, _)| *n).collect();
    let mut errors = results
        .into_iter()
        .filter_map(|(n, r)| r.err().map(|e| (n, e)))
        .peekable();
    if errors.peek().is_some() {
        ext.deposit_event(SubtensorEvent::BatchCompletedWithErrors());
    }
    for (n, e) in errors {
        ext.deposit_event(SubtensorEvent::BatchWeightItemFailed(n, e));
    }
    ext.deposit_event(SubtensorEvent::BatchWeightsCompleted(netuids, *hotkey));
}

fn run_items<T>(
    ext: &mut Ext<'_>,
    items: &[T],
    netuid: impl Fn(&T) -> NetUid,
    item: impl Fn(&mut Ext<'_>, &T) -> DispatchResult,
) -> Result<Vec<(NetUid, DispatchResult)>, DispatchError> {
    let mut results = Vec::with_capacity(items.len());
    for it in items {
        let r = ext.transactional(|ext| item(ext, it));
        // Corrupt state is not an item failure: it aborts the call.
        if r == Err(DispatchError::Corruption) {
            return Err(DispatchError::Corruption);
        }
        results.push((netuid(it), r));
    }
    Ok(results)
}

/// `batch_set_weights(netuids, weights, version_keys)` signed by `hotkey`; the caller has
/// checked that the three lists have one entry per subnet.
pub fn batch_set_weights(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    items: &[WeightsItem],
) -> DispatchResult {
    let results = run_items(
        ext,
        items,
        |it| it.0,
        |ext, (netuid, row, version_key)| {
            let (uids, values): (Vec<u16>, Vec<u16>) = row.iter().copied().unzip();
            set_weights(ext, hotkey, *netuid, &uids, &values, *version_key)
        },
    )?;
    report(ext, hotkey, results);
    Ok(())
}

/// `batch_commit_weights(netuids, commit_hashes)` signed by `hotkey`.
pub fn batch_commit_weights(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuids: &[NetUid],
    hashes: &[H256],
) -> DispatchResult {
    if netuids.len() != hashes.len() {
        return Err(Error::InputLengthsUnequal.into());
    }
    let items: Vec<(NetUid, H256)> = netuids
        .iter()
        .copied()
        .zip(hashes.iter().copied())
        .collect();
    let results = run_items(
        ext,
        &items,
        |it| it.0,
        |ext, (netuid, hash)| commit_weights(ext, hotkey, *netuid, *hash),
    )?;
    report(ext, hotkey, results);
    Ok(())
}
