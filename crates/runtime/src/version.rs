//! Runtime versions. Transactions sign over both, so a change invalidates signatures made for
//! the old runtime, as on Substrate.

/// Bumped whenever the state machine's behaviour or its metadata changes.
///
/// Rule: clients cache the metadata per `(genesis, spec_version)`, so a metadata change under
/// an unchanged spec version leaves them decoding with stale types. When the metadata changes
/// (a call, event, error, storage item, constant or runtime API), bump this and append the new
/// metadata digest to [`METADATA_DIGESTS`]; `yuma-compat`'s test
/// `metadata_digest_is_recorded_for_spec_version` fails until both are done and prints the digest.
pub const SPEC_VERSION: u32 = 2;

/// `(spec_version, blake2b-256 of the V15 metadata blob as hex)`: the metadata each spec version
/// published. Version 1 published none.
pub const METADATA_DIGESTS: &[(u32, &str)] = &[(
    2,
    "fce1ef1710fbde6619c098685828661fbd9c19195b6be985300b5ba727cb5b76",
)];
/// Bumped whenever the transaction format or call indices change.
pub const TRANSACTION_VERSION: u32 = 1;
/// The runtime's name, as `state_getRuntimeVersion` reports it.
pub const SPEC_NAME: &str = "yuma";

/// Signs `call` as `pair` for the chain with `genesis`, mortal for `period` blocks from block
/// `birth_number` whose hash is `birth_hash`, over this runtime's versions; returns the
/// extrinsic bytes. The one signing path of the node, the client and [`crate::MemoryChain`].
#[allow(clippy::too_many_arguments)]
pub fn sign_mortal(
    pair: &yuma_primitives::Pair,
    call: yuma_primitives::RuntimeCall,
    nonce: u32,
    tip: u64,
    genesis: yuma_primitives::H256,
    birth_number: u64,
    birth_hash: yuma_primitives::H256,
    period: u64,
) -> Vec<u8> {
    use yuma_primitives::{extrinsic::Implicit, Era, SignedExtra, UncheckedExtrinsic};
    let implicit = Implicit {
        spec_version: SPEC_VERSION,
        transaction_version: TRANSACTION_VERSION,
        genesis_hash: genesis,
        birth_hash,
    };
    let extra = SignedExtra {
        era: Era::mortal(period, birth_number),
        nonce,
        tip,
        metadata_hash_mode: 0,
    };
    UncheckedExtrinsic::sign(call, pair, extra, &implicit).to_bytes()
}
