//! Signature verification for a whole block: batched (schnorrkel batch verification is about
//! twice as fast as one by one) and split across the machine's cores. The result is the same
//! whatever the split: a chunk whose batch fails is re-checked signature by signature.

use yuma_primitives::{crypto, AccountId};

/// Below this many signatures a chunk is not worth a thread.
const MIN_CHUNK: usize = 64;

type Item<'a> = (&'a AccountId, &'a [u8], &'a [u8; 64]);

fn verify_chunk(items: &[Item<'_>]) -> Vec<bool> {
    if crypto::verify_batch(items) {
        vec![true; items.len()]
    } else {
        items
            .iter()
            .map(|(who, msg, sig)| crypto::verify(who, msg, sig))
            .collect()
    }
}

/// Whether each signature is valid, in order.
pub(crate) fn verify_all(items: &[Item<'_>]) -> Vec<bool> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let chunks = threads.min(items.len() / MIN_CHUNK).max(1);
    if chunks == 1 {
        return verify_chunk(items);
    }
    let size = items.len().div_ceil(chunks);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(size)
            .map(|c| (c.len(), s.spawn(move || verify_chunk(c))))
            .collect();
        // A verifier thread cannot panic on any input; if one did, its signatures count as bad.
        handles
            .into_iter()
            .flat_map(|(len, h)| h.join().unwrap_or_else(|_| vec![false; len]))
            .collect()
    })
}
