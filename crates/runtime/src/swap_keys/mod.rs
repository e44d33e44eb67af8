//! Hotkey and coldkey swaps (spec-subnets §7).
//!
//! The hotkey swap moves uids, serving records, weight commits, owner-hotkey status, alpha
//! positions, child/parent links, childkey and delegate takes, pending child lists and
//! root-claim watermarks; `keep_stake` leaves alpha positions on the old hotkey. Stake locks
//! do not exist in yuma, so there are none to move. The coldkey-swap freeze (§7.2) is a guard
//! ([`crate::guards`]): a frozen coldkey's other calls are rejected from the pool.

mod coldkey;
mod hotkey;

pub use coldkey::{
    announce_coldkey_swap, clear_coldkey_swap_announcement, dispute_coldkey_swap, is_disputed,
    reset_coldkey_swap, swap_coldkey, swap_coldkey_announced, ANNOUNCEMENTS, DISPUTES,
};
pub use hotkey::{swap_hotkey, LAST_HOTKEY_SWAP_ON_NETUID};

/// What a key swap costs, rao (0.1 TAO, recycled).
pub const KEY_SWAP_COST: u64 = 100_000_000;
/// What a single-subnet hotkey swap costs, rao (0.001 TAO, recycled).
pub const SUBNET_HOTKEY_SWAP_COST: u64 = 1_000_000;
/// Blocks between hotkey swaps of one coldkey on one subnet.
pub const HOTKEY_SWAP_ON_SUBNET_INTERVAL: u64 = 7_200;
/// `TxRateLimit` default: blocks between a coldkey's hotkey swaps.
pub const TX_RATE_LIMIT: u64 = 1_000;
