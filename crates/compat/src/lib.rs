//! Substrate shapes for unmodified Bittensor clients: V15/V14 metadata, runtime APIs
//! (`state_call`) and the runtime version.
//!
//! `btcli` (bittensor-cli 9.x) and the `bittensor` SDK (11.x) are metadata-driven: storage
//! keys, call encodings, runtime-API arguments and results, events and errors are all found
//! through the V15 metadata the node serves (`shared/spec/substrate-compat.md`). This crate
//! owns every Substrate shape that is not already part of yuma's own wire and state formats
//! (extrinsics, storage keys and `System.Events` already are): it builds the metadata once from
//! the runtime's own calls, events, errors, storage items and constants, answers `state_call`
//! over a state snapshot, and reports the runtime version. It does no I/O: the node's JSON-RPC
//! layer (`yuma-node`, `rpc::substrate`) serves it.
//!
//! # Layout
//! - [`types`]: well-known Substrate types with their exact registry paths (§6.3).
//! - [`metadata`]: V15 and V14 metadata, assembled at first use.
//! - [`storage`]: every storage item as the metadata declares it (one registry list); items
//!   clients read that yuma does not store are declared with defaults in [`extra_storage`].
//! - [`runtime_api`]: the runtime APIs of §3, subtensor's result structs field for field.
//! - [`version`]: the runtime version (`state_getRuntimeVersion`).
//! - [`samples`]: runtime-written values for conformance checks (Rust tests here; the real
//!   Python clients through `examples/dump_compat.rs` and `scripts/compat/check_clients.py`).

pub mod extra_storage;
pub mod metadata;
pub mod runtime_api;
pub mod samples;
pub mod storage;
pub mod types;
pub mod version;

#[cfg(test)]
mod tests;
