//! Building storage keys without the heap: a key is written into a [`KeyBuf`] on the stack,
//! and the blake2-128 of a 32-byte key part (an account id: most hashed keys) is memoised
//! per thread, since a block hashes the same few hundred accounts over and over.

use parity_scale_codec::{Encode, Output};
use std::cell::RefCell;
use yuma_primitives::hashing::{blake2_128, twox_64, StorageHasher};

/// Bytes kept inline; longer keys (rare: n-maps of several accounts) move to the heap.
const INLINE: usize = 160;

/// A storage key under construction.
pub(crate) struct KeyBuf {
    inline: [u8; INLINE],
    len: usize,
    spill: Vec<u8>,
}

impl KeyBuf {
    /// A buffer holding `prefix`.
    #[inline]
    pub(crate) fn new(prefix: &[u8; 32]) -> Self {
        let mut b = Self {
            inline: [0; INLINE],
            len: 0,
            spill: Vec::new(),
        };
        b.write(prefix);
        b
    }

    /// The key so far.
    #[inline]
    pub(crate) fn as_slice(&self) -> &[u8] {
        if self.spill.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.spill
        }
    }

    fn as_mut_slice(&mut self) -> &mut [u8] {
        if self.spill.is_empty() {
            &mut self.inline[..self.len]
        } else {
            &mut self.spill
        }
    }

    /// Appends `part` hashed as `h` lays it out (`hash(enc) ‖ enc`, or `enc` for identity).
    #[inline]
    pub(crate) fn push<T: Encode + ?Sized>(&mut self, h: StorageHasher, part: &T) {
        self.push_with(h, |b| part.encode_to(b));
    }

    /// [`Self::push`] with the part's encoding written by `encode`.
    #[inline]
    pub(crate) fn push_with(&mut self, h: StorageHasher, encode: impl FnOnce(&mut Self)) {
        let start = self.as_slice().len();
        let pl = h.prefix_len();
        self.write(&[0u8; 16][..pl]);
        encode(self);
        let key = self.as_mut_slice();
        let (head, enc) = key[start..].split_at_mut(pl);
        match h {
            StorageHasher::Blake2_128Concat => head.copy_from_slice(&blake2_128_memo(enc)),
            StorageHasher::Twox64Concat => head.copy_from_slice(&twox_64(enc)),
            StorageHasher::Identity => {}
        }
    }

    /// The key as an owned vector.
    pub(crate) fn into_vec(self) -> Vec<u8> {
        if self.spill.is_empty() {
            self.inline[..self.len].to_vec()
        } else {
            self.spill
        }
    }
}

impl Output for KeyBuf {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if self.spill.is_empty() && end <= INLINE {
            self.inline[self.len..end].copy_from_slice(bytes);
            self.len = end;
        } else {
            if self.spill.is_empty() {
                self.spill.extend_from_slice(&self.inline[..self.len]);
            }
            self.spill.extend_from_slice(bytes);
        }
    }
}

/// Memo slots (direct-mapped; 48 bytes each).
const SLOTS: usize = 2048;

thread_local! {
    /// (input, blake2_128(input)) per slot; every slot starts as the zero account's entry.
    static MEMO: RefCell<Vec<([u8; 32], [u8; 16])>> =
        RefCell::new(vec![([0; 32], blake2_128(&[0; 32])); SLOTS]);
}

fn slot(a: &[u8; 32]) -> usize {
    let w = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&a[i..i + 8]);
        u64::from_le_bytes(b)
    };
    let h = (w(0) ^ w(8).rotate_left(16) ^ w(16).rotate_left(32) ^ w(24).rotate_left(48))
        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 40) as usize % SLOTS
}

/// `blake2_128(data)`, memoised for 32-byte inputs. A pure function's memo: the result is the
/// same with or without it.
pub(crate) fn blake2_128_memo(data: &[u8]) -> [u8; 16] {
    let Ok(a) = <&[u8; 32]>::try_from(data) else {
        return blake2_128(data);
    };
    let i = slot(a);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let e = &mut m[i];
        if e.0 != *a {
            *e = (*a, blake2_128(a));
        }
        e.1
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use yuma_primitives::AccountId;

    /// The layout written by hand: prefix, then per part hash ‖ encoding.
    fn by_hand(prefix: &[u8; 32], parts: &[(StorageHasher, Vec<u8>)]) -> Vec<u8> {
        let mut k = prefix.to_vec();
        for (h, enc) in parts {
            match h {
                StorageHasher::Blake2_128Concat => k.extend_from_slice(&blake2_128(enc)),
                StorageHasher::Twox64Concat => k.extend_from_slice(&twox_64(enc)),
                StorageHasher::Identity => {}
            }
            k.extend_from_slice(enc);
        }
        k
    }

    #[test]
    fn keys_short_and_spilled_match_the_layout() {
        let prefix = [3u8; 32];
        let accounts: Vec<AccountId> = (0..5u8).map(|i| AccountId([i; 32])).collect();
        let hashers = [
            StorageHasher::Blake2_128Concat,
            StorageHasher::Twox64Concat,
            StorageHasher::Identity,
        ];
        // 1..=5 accounts: 80 to 272 bytes, past the inline buffer from the third on.
        for n in 1..=accounts.len() {
            let mut buf = KeyBuf::new(&prefix);
            let mut parts = Vec::new();
            for (i, a) in accounts[..n].iter().enumerate() {
                let h = hashers[i % 3];
                buf.push(h, a);
                parts.push((h, a.encode()));
            }
            let want = by_hand(&prefix, &parts);
            assert_eq!(buf.as_slice(), want.as_slice());
            assert_eq!(buf.into_vec(), want);
        }
    }

    #[test]
    fn memo_returns_blake2_even_when_slots_collide() {
        // More distinct inputs than slots, twice over: every answer is the real hash.
        for round in 0..2u8 {
            for i in 0..(SLOTS as u32 + 500) {
                let mut a = [round; 32];
                a[..4].copy_from_slice(&i.to_le_bytes());
                assert_eq!(blake2_128_memo(&a), blake2_128(&a));
            }
        }
        assert_eq!(blake2_128_memo(b"short"), blake2_128(b"short"));
        assert_eq!(blake2_128_memo(&[0; 32]), blake2_128(&[0; 32]));
    }
}
