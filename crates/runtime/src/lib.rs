//! The deterministic state machine of the yuma chain: storage, balances, transactions, blocks and scenarios.
//!
//! `apply_block(state, block) -> (changes, events, receipts)` is the whole interface
//! ([`executive::apply_block`]). Consensus code here uses integers only, no clock, no I/O
//! and no hash-map iteration; state lives behind [`storage::StorageRead`] in Substrate's key
//! layout so Substrate clients can read it.
//!
//! # Status
//! ALPHA. Modules: [`system`], [`balances`], [`fees`], [`executive`], [`genesis`],
//! [`scenario`], and the subtensor pallet's [`subtensor`] (errors, events, storage,
//! ownership), [`subnets`], [`neurons`], [`weights`], [`serving`], [`hyperparams`],
//! [`swap_keys`], [`delegation`] (validator take), [`childkeys`], [`epoch_adapter`], the
//! subnet pools [`swap`] and [`stake`], [`emission`] (block emission, coinbase, epoch
//! scheduler), [`root_claim`] (root dividends), the pool [`guards`] of subtensor's transaction
//! extension, and [`query`], the one table of read-only queries that scenarios and the node's
//! RPC share.

pub mod balances;
pub mod chain;
pub mod childkeys;
pub mod delegation;
pub mod dispatch;
pub mod emission;
pub mod epoch_adapter;
pub mod event;
pub mod executive;
pub mod ext;
pub mod fees;
pub mod genesis;
pub mod guards;
pub mod hyperparams;
pub mod neurons;
pub mod params;
pub mod query;
pub mod root_claim;
pub mod scenario;
pub mod serving;
pub mod stake;
pub mod storage;
pub mod subnets;
pub mod subtensor;
pub mod swap;
pub mod swap_keys;
pub mod system;
mod type_info;
pub mod version;
pub mod weights;

pub use chain::MemoryChain;
pub use executive::{apply_block, Block, BlockOutput, Header, Outcome, Receipt};
pub use genesis::GenesisConfig;

/// Every event of the runtime, by pallet.
///
/// Defined here, at the crate root, so its metadata path is `yuma_runtime::RuntimeEvent`: two
/// segments, like subtensor's `node_subtensor_runtime::RuntimeEvent`. cyscale (btcli's decoder)
/// recognises the outer event enum by the pattern `*::RuntimeEvent` (one segment, then the
/// name); under a three-segment path it decodes events as a plain enum and btcli fails on every
/// `System.Events` read ("KeyError: 'module_id'").
#[derive(Clone, Debug, PartialEq, Eq, parity_scale_codec::Encode, scale_info::TypeInfo)]
pub enum RuntimeEvent {
    /// `frame_system` (pallet 0).
    #[codec(index = 0)]
    System(event::SystemEvent),
    /// `pallet_balances` (pallet 5).
    #[codec(index = 5)]
    Balances(event::BalancesEvent),
    /// `pallet_transaction_payment` (pallet 6).
    #[codec(index = 6)]
    TransactionPayment(event::TransactionPaymentEvent),
    /// `pallet_subtensor` (pallet 7).
    #[codec(index = 7)]
    SubtensorModule(subtensor::SubtensorEvent),
    /// `pallet_sudo` (pallet 12).
    #[codec(index = 12)]
    Sudo(event::SudoEvent),
    /// `pallet_subtensor_swap` (pallet 28).
    #[codec(index = 28)]
    Swap(event::SwapEvent),
}
