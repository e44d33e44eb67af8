//! `frame_system`'s state: accounts with nonces, the block number, recent block hashes (for
//! mortality checks), events and the timestamp. Storage names and layouts are Substrate's.

use crate::{
    event::{encode_events, SystemEvent},
    ext::Ext,
    storage::{StorageError, StorageMap, StorageRead, StorageValue},
};
use parity_scale_codec::{Decode, Encode};
use yuma_primitives::{hashing::StorageHasher, AccountId, BlockNumber, H256};

/// How many recent block hashes are kept (subtensor's `BlockHashCount`); transactions may be
/// signed against any of them.
pub const BLOCK_HASH_COUNT: BlockNumber = 2400;

/// `pallet_balances::AccountData`: the balance part of an account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub struct AccountData {
    /// Spendable rao.
    pub free: u64,
    /// Reserved rao (unused by yuma, kept for the layout).
    pub reserved: u64,
    /// Frozen rao (unused by yuma, kept for the layout).
    pub frozen: u64,
    /// `ExtraFlags` (bit 127 = new logic).
    pub flags: u128,
}

/// `frame_system::AccountInfo`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub struct AccountInfo {
    /// Transactions sent.
    pub nonce: u32,
    /// Consumer references.
    pub consumers: u32,
    /// Provider references: 1 while the account holds at least the existential deposit.
    pub providers: u32,
    /// Sufficient references.
    pub sufficients: u32,
    /// Balances.
    pub data: AccountData,
}

/// The `flags` value of accounts created under polkadot-sdk's current balances logic.
pub const NEW_LOGIC_FLAG: u128 = 1 << 127;

/// `System.Account`.
pub const ACCOUNT: StorageMap<AccountId, AccountInfo> =
    StorageMap::new("System", "Account", StorageHasher::Blake2_128Concat);
/// `System.Number`: the current block.
pub const NUMBER: StorageValue<BlockNumber> = StorageValue::new("System", "Number");
/// `System.ParentHash`.
pub const PARENT_HASH: StorageValue<H256> = StorageValue::new("System", "ParentHash");
/// `System.BlockHash`: number → hash, the last [`BLOCK_HASH_COUNT`] blocks and genesis.
pub const BLOCK_HASH: StorageMap<BlockNumber, H256> =
    StorageMap::new("System", "BlockHash", StorageHasher::Twox64Concat);
/// `System.Events` of the current block (raw, see [`encode_events`]).
pub const EVENTS_KEY: (&str, &str) = ("System", "Events");
/// `System.EventCount`.
pub const EVENT_COUNT: StorageValue<u32> = StorageValue::new("System", "EventCount");
/// `Timestamp.Now`, milliseconds.
pub const TIMESTAMP_NOW: StorageValue<u64> = StorageValue::new("Timestamp", "Now");

/// The account's info (default when it does not exist).
pub fn account(s: &dyn StorageRead, who: &AccountId) -> Result<AccountInfo, StorageError> {
    Ok(ACCOUNT.get(s, who)?.unwrap_or_default())
}

/// Whether the account exists.
pub fn exists(s: &dyn StorageRead, who: &AccountId) -> Result<bool, StorageError> {
    Ok(ACCOUNT.get(s, who)?.is_some())
}

/// The current block number (0 at genesis).
pub fn block_number(s: &dyn StorageRead) -> Result<BlockNumber, StorageError> {
    Ok(NUMBER.get(s)?.unwrap_or(0))
}

/// The hash of block `n`, if still known.
pub fn block_hash(s: &dyn StorageRead, n: BlockNumber) -> Result<Option<H256>, StorageError> {
    BLOCK_HASH.get(s, &n)
}

/// The genesis hash.
pub fn genesis_hash(s: &dyn StorageRead) -> Result<H256, StorageError> {
    Ok(BLOCK_HASH.get(s, &0)?.unwrap_or_default())
}

/// Start of a block: number, parent hash, timestamp; old block hashes and events cleared.
pub fn initialize(ext: &mut Ext<'_>, parent_hash: H256, timestamp_ms: u64) {
    let n = ext.block;
    NUMBER.put(&mut ext.state, &n);
    PARENT_HASH.put(&mut ext.state, &parent_hash);
    BLOCK_HASH.insert(&mut ext.state, &(n - 1), &parent_hash);
    TIMESTAMP_NOW.put(&mut ext.state, &timestamp_ms);
    if let Some(old) = n.checked_sub(BLOCK_HASH_COUNT + 1) {
        if old != 0 {
            BLOCK_HASH.remove(&mut ext.state, &old);
        }
    }
}

/// End of a block: the events become `System.Events`.
pub fn finalize(ext: &mut Ext<'_>) {
    let key = StorageValue::<()>::new(EVENTS_KEY.0, EVENTS_KEY.1).key();
    ext.state.put(&key, encode_events(&ext.events));
    EVENT_COUNT.put(&mut ext.state, &(ext.events.len() as u32));
}

/// Writes an account, creating it (with `NewAccount`) or reaping it (`KilledAccount`) as its
/// provider count demands; `was_alive` says whether it held a provider before.
pub fn set_account(ext: &mut Ext<'_>, who: &AccountId, info: &AccountInfo, was_alive: bool) {
    if info.providers == 0 && info.sufficients == 0 {
        if was_alive {
            ACCOUNT.remove(&mut ext.state, who);
            ext.deposit_event(SystemEvent::KilledAccount { account: *who });
        }
    } else {
        ACCOUNT.insert(&mut ext.state, who, info);
        if !was_alive {
            ext.deposit_event(SystemEvent::NewAccount { account: *who });
        }
    }
}
