//! Runtime versions. Transactions sign over both, so a change invalidates signatures made for
//! the old runtime, as on Substrate.

/// Bumped whenever the state machine's behaviour or its metadata changes.
pub const SPEC_VERSION: u32 = 1;
/// Bumped whenever the transaction format or call indices change.
pub const TRANSACTION_VERSION: u32 = 1;
/// The runtime's name, as `state_getRuntimeVersion` reports it.
pub const SPEC_NAME: &str = "yuma";
