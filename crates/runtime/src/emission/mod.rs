//! Emission and the coinbase (spec-emission): where new TAO and alpha come from each block and
//! who receives them, run from `on_initialize` before any transaction (§3).
//!
//! One block ([`block_step`]), in subtensor's order:
//! 1. mint the block's TAO at the current issuance ([`issuance`], §4);
//! 2. [`run_coinbase`]: eligible subnets and their shares ([`split`], §5), pool injection and
//!    chain buys ([`inject`], §6), alpha_out minted and split into the pending accumulators
//!    (§7), the epoch scheduler ([`epochs`], §8) and, for each subnet whose epoch fires, the
//!    distribution ([`distribute`], §9);
//! 3. moving prices (§5.3) and `RootProp` of the eligible subnets ([`price`]).
//!
//! Invariant: `genesis + Yuma.Minted == TotalIssuance + Yuma.Burned`; every rao minted sits
//! in a subnet account (as its pool's `SubnetTAO`) or was recycled (counted as burned).

pub mod credit;
pub mod distribute;
pub mod epochs;
pub mod inject;
pub mod issuance;
pub mod price;
pub mod split;
pub mod storage;

use crate::{ext::Ext, storage::StorageError, subtensor::storage::LAST_MECHANISM_STEP_BLOCK};
use issuance::Credit;
use yuma_primitives::NetUid;

/// Everything the coinbase does in one block's `on_initialize` (§3 steps 2 and 4–6);
/// `subnets` is [`crate::subnets::all`].
pub fn block_step(ext: &mut Ext<'_>, subnets: &[NetUid]) -> Result<(), StorageError> {
    let credit = issuance::mint_block_emission(ext)?;
    let to_emit = run_coinbase(ext, credit, subnets)?;
    let now = ext.block;
    for &n in &to_emit {
        price::update_moving_price(&mut ext.state, n, now)?;
    }
    // Distribution may have changed alpha issuances since the split: re-read those.
    let root = price::weighted_root_tao(&ext.state)?;
    for &n in &to_emit {
        let r = price::root_proportion_of(root, price::alpha_issuance(&ext.state, n)?);
        storage::ROOT_PROP.set(&mut ext.state, n, r.to_bits());
    }
    Ok(())
}

/// Every subnet of `all` except root.
pub fn non_root_subnets(all: &[NetUid]) -> Vec<NetUid> {
    all.iter().copied().filter(|n| *n != NetUid::ROOT).collect()
}

/// `run_coinbase(credit)` (§3 step 4) over `all` = [`crate::subnets::all`]; returns the
/// eligible subnets.
pub fn run_coinbase(
    ext: &mut Ext<'_>,
    mut credit: Credit,
    all: &[NetUid],
) -> Result<Vec<NetUid>, StorageError> {
    let now = ext.block;
    crate::root_claim::clear_root_sell_tao(&mut ext.state)?;
    let subnets = non_root_subnets(all);
    let to_emit = split::subnets_to_emit_to(&ext.state, &subnets)?;
    let rule = crate::params::emission_split(&ext.state)?;
    let shares = split::shares(&mut ext.state, &to_emit, rule, now)?;
    let emissions = split::subnet_block_emissions(&ext.state, &shares, credit.peek())?;
    let root_sell = price::root_sell_flag(&ext.state, &to_emit)?;
    let root = price::weighted_root_tao(&ext.state)?;
    let terms = inject::subnet_terms(&mut ext.state, &emissions, root)?;
    inject::inject(ext, &terms, &mut credit)?;
    credit.recycle(ext)?;
    inject::split_alpha_out(&mut ext.state, &terms, root_sell, root)?;
    for (n, pending) in epochs::drain_pending(ext, &subnets)? {
        distribute::distribute(ext, n, pending)?;
        LAST_MECHANISM_STEP_BLOCK.insert(&mut ext.state, &n, &now);
    }
    Ok(to_emit)
}

#[cfg(test)]
mod tests;
