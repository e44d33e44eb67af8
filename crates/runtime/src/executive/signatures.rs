//! Signature verification for many transactions at once (a block's extrinsics, or a batch of
//! mempool submissions): batched (schnorrkel batch verification is about twice as fast as one
//! by one) and split across the machine's cores. The result is the same whatever the split: a
//! chunk whose batch fails is re-checked signature by signature.
//!
//! A signature that verified once is remembered ([`Verified`]) by the blake2b-256 of
//! `(signer, signature, message)`, so a block does not re-verify what the mempool (or an
//! earlier execution of the same block) already checked. This changes no result: the key
//! commits to every input of the verification, and verification is a pure function of them;
//! a key not remembered is verified. Nothing but a true verification inserts a key.

use std::{
    collections::HashSet,
    sync::{Mutex, OnceLock},
};
use yuma_primitives::{crypto, hashing::blake2_256, AccountId};

/// Below this many signatures a chunk is not worth a thread.
const MIN_CHUNK: usize = 64;
/// Keys per generation of the cache; at most twice this many are held (about 64 bytes each).
const CACHE_GENERATION: usize = 1 << 17;

type Item<'a> = (&'a AccountId, &'a [u8], &'a [u8; 64]);

/// Signatures known to be valid, in two generations: when the current one is full it becomes
/// the previous one and the oldest is dropped (bounded memory, no per-entry bookkeeping).
#[derive(Default)]
struct Verified {
    current: HashSet<[u8; 32]>,
    previous: HashSet<[u8; 32]>,
}

impl Verified {
    fn contains(&self, key: &[u8; 32]) -> bool {
        self.current.contains(key) || self.previous.contains(key)
    }

    fn insert(&mut self, key: [u8; 32]) {
        if self.current.len() >= CACHE_GENERATION {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current.insert(key);
    }
}

fn cache() -> &'static Mutex<Verified> {
    static CACHE: OnceLock<Mutex<Verified>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Forgets every remembered signature (benchmarks that must pay for verification again).
pub(crate) fn forget() {
    *cache().lock().unwrap_or_else(|p| p.into_inner()) = Verified::default();
}

fn key((who, msg, sig): &Item<'_>) -> [u8; 32] {
    let mut buf = Vec::with_capacity(32 + 64 + msg.len());
    buf.extend_from_slice(&who.0);
    buf.extend_from_slice(&sig[..]);
    buf.extend_from_slice(msg);
    blake2_256(&buf)
}

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

/// Whether each signature is valid, in order, verifying in batches on every core.
fn verify_uncached(items: &[Item<'_>]) -> Vec<bool> {
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

/// Whether each signature is valid, in order. Signatures verified before are not verified
/// again; the valid ones verified now are remembered.
pub(crate) fn verify_all(items: &[Item<'_>]) -> Vec<bool> {
    let keys: Vec<[u8; 32]> = items.iter().map(key).collect();
    let mut ok = vec![false; items.len()];
    let mut todo = Vec::new();
    {
        let cache = cache().lock().unwrap_or_else(|p| p.into_inner());
        for (i, k) in keys.iter().enumerate() {
            if cache.contains(k) {
                ok[i] = true;
            } else {
                todo.push(i);
            }
        }
    }
    if todo.is_empty() {
        return ok;
    }
    let pending: Vec<Item<'_>> = todo.iter().map(|&i| items[i]).collect();
    let verified = verify_uncached(&pending);
    let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
    for (&i, good) in todo.iter().zip(verified) {
        if good {
            ok[i] = true;
            cache.insert(keys[i]);
        }
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use yuma_primitives::Pair;

    fn signed(seed: u8, msg: &[u8]) -> (AccountId, Vec<u8>, [u8; 64]) {
        let pair = Pair::from_seed(&[seed; 32]);
        (pair.public(), msg.to_vec(), pair.sign(msg))
    }

    /// Good and bad signatures mixed, in batches big enough to be split across threads, give
    /// the one-by-one answers, and asking again (now partly from the cache) gives them too.
    #[test]
    fn mixed_batch_matches_one_by_one_and_cache_changes_nothing() {
        let mut all: Vec<(AccountId, Vec<u8>, [u8; 64])> = (0..200u32)
            .map(|i| signed((i % 7) as u8, &i.to_le_bytes()))
            .collect();
        // Every 13th: a signature over another message; every 29th: garbage bytes.
        for i in (0..all.len()).step_by(13) {
            all[i].1.push(0xff);
        }
        for i in (5..all.len()).step_by(29) {
            all[i].2 = [0x42; 64];
        }
        let items: Vec<Item<'_>> = all.iter().map(|(a, m, s)| (a, m.as_slice(), s)).collect();
        let expected: Vec<bool> = items
            .iter()
            .map(|(a, m, s)| crypto::verify(a, m, s))
            .collect();
        assert!(expected.iter().any(|b| !b) && expected.iter().any(|b| *b));
        assert_eq!(verify_all(&items), expected);
        assert_eq!(
            verify_all(&items),
            expected,
            "second pass, through the cache"
        );
        // A cached good signature does not vouch for the same signature on another message.
        let (a, m, s) = &all[1];
        let mut other = m.clone();
        other.push(1);
        assert_eq!(verify_all(&[(a, m.as_slice(), s)]), vec![true]);
        assert_eq!(verify_all(&[(a, other.as_slice(), s)]), vec![false]);
    }
}
