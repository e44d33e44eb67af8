//! Typed storage items with Substrate's key layout: `twox128(pallet) ‖ twox128(item) ‖
//! hasher(key)…`, values SCALE-encoded, so state reads by btcli and the SDK resolve.

use super::{keys::KeyBuf, Overlay, StorageError, StorageRead};
use parity_scale_codec::{Decode, Encode, Output};
use std::marker::PhantomData;
use yuma_primitives::hashing::{storage_prefix, StorageHasher};

fn decode<T: Decode>(pallet: &str, item: &str, bytes: &[u8]) -> Result<T, StorageError> {
    T::decode(&mut &bytes[..]).map_err(|e| StorageError {
        item: format!("{pallet}.{item}"),
        reason: e.to_string(),
    })
}

/// The value at `key`, decoded from the store's bytes without copying them.
fn read<V: Decode>(
    s: &dyn StorageRead,
    key: &[u8],
    pallet: &str,
    item: &str,
) -> Result<Option<V>, StorageError> {
    let mut out = Ok(None);
    s.read_with(key, &mut |v| {
        if let Some(b) = v {
            out = decode(pallet, item, b).map(Some);
        }
    });
    out
}

/// Decodes a key part that a concat hasher appended, returning the rest of the key.
fn decode_key_part<'k, K: Decode>(
    h: StorageHasher,
    bytes: &'k [u8],
    name: (&str, &str),
) -> Result<(K, &'k [u8]), StorageError> {
    let mut rest = bytes.get(h.prefix_len()..).ok_or_else(|| StorageError {
        item: format!("{}.{}", name.0, name.1),
        reason: "key shorter than its hasher".into(),
    })?;
    let k = K::decode(&mut rest).map_err(|e| StorageError {
        item: format!("{}.{}", name.0, name.1),
        reason: format!("key: {e}"),
    })?;
    Ok((k, rest))
}

/// A single value.
pub struct StorageValue<V> {
    pallet: &'static str,
    item: &'static str,
    prefix: [u8; 32],
    _v: PhantomData<fn() -> V>,
}

impl<V: Encode + Decode> StorageValue<V> {
    /// The item `pallet.item`.
    pub const fn new(pallet: &'static str, item: &'static str) -> Self {
        Self {
            pallet,
            item,
            prefix: storage_prefix(pallet, item),
            _v: PhantomData,
        }
    }

    /// Its storage key.
    pub fn key(&self) -> Vec<u8> {
        self.prefix.to_vec()
    }

    /// The value, if set.
    pub fn get(&self, s: &dyn StorageRead) -> Result<Option<V>, StorageError> {
        read(s, &self.prefix, self.pallet, self.item)
    }

    /// Sets the value.
    pub fn put(&self, s: &mut Overlay<'_>, v: &V) {
        s.put(&self.prefix, v.encode());
    }

    /// Removes the value.
    pub fn kill(&self, s: &mut Overlay<'_>) {
        s.delete(&self.prefix);
    }
}

/// A map from one key.
pub struct StorageMap<K, V> {
    pallet: &'static str,
    item: &'static str,
    prefix: [u8; 32],
    hasher: StorageHasher,
    _kv: PhantomData<fn() -> (K, V)>,
}

impl<K: Encode + Decode, V: Encode + Decode> StorageMap<K, V> {
    /// The map `pallet.item` with its key hasher.
    pub const fn new(pallet: &'static str, item: &'static str, hasher: StorageHasher) -> Self {
        Self {
            pallet,
            item,
            prefix: storage_prefix(pallet, item),
            hasher,
            _kv: PhantomData,
        }
    }

    /// The prefix shared by all its keys.
    pub fn prefix(&self) -> Vec<u8> {
        self.prefix.to_vec()
    }

    fn key_buf(&self, k: &K) -> KeyBuf {
        let mut key = KeyBuf::new(&self.prefix);
        key.push(self.hasher, k);
        key
    }

    /// The storage key of `k`.
    pub fn key(&self, k: &K) -> Vec<u8> {
        self.key_buf(k).into_vec()
    }

    /// The value under `k`, if set.
    pub fn get(&self, s: &dyn StorageRead, k: &K) -> Result<Option<V>, StorageError> {
        read(s, self.key_buf(k).as_slice(), self.pallet, self.item)
    }

    /// Sets the value under `k`.
    pub fn insert(&self, s: &mut Overlay<'_>, k: &K, v: &V) {
        s.put(self.key_buf(k).as_slice(), v.encode());
    }

    /// Removes the value under `k`.
    pub fn remove(&self, s: &mut Overlay<'_>, k: &K) {
        s.delete(self.key_buf(k).as_slice());
    }

    /// Every entry, in storage-key order.
    pub fn iter(&self, s: &dyn StorageRead) -> Result<Vec<(K, V)>, StorageError> {
        let prefix = self.prefix();
        s.iter_prefix(&prefix)
            .into_iter()
            .map(|(key, value)| {
                let (k, _) = decode_key_part::<K>(
                    self.hasher,
                    &key[prefix.len()..],
                    (self.pallet, self.item),
                )?;
                Ok((k, decode(self.pallet, self.item, &value)?))
            })
            .collect()
    }
}

/// A map from two keys.
pub struct StorageDoubleMap<K1, K2, V> {
    pallet: &'static str,
    item: &'static str,
    prefix: [u8; 32],
    hashers: (StorageHasher, StorageHasher),
    #[allow(clippy::type_complexity)]
    _kv: PhantomData<fn() -> (K1, K2, V)>,
}

impl<K1: Encode + Decode, K2: Encode + Decode, V: Encode + Decode> StorageDoubleMap<K1, K2, V> {
    /// The map `pallet.item` with its two key hashers.
    pub const fn new(
        pallet: &'static str,
        item: &'static str,
        h1: StorageHasher,
        h2: StorageHasher,
    ) -> Self {
        Self {
            pallet,
            item,
            prefix: storage_prefix(pallet, item),
            hashers: (h1, h2),
            _kv: PhantomData,
        }
    }

    fn key_buf(&self, k1: &K1, k2: &K2) -> KeyBuf {
        let mut key = KeyBuf::new(&self.prefix);
        key.push(self.hashers.0, k1);
        key.push(self.hashers.1, k2);
        key
    }

    /// The prefix of every key whose first part is `k1`.
    pub fn prefix1(&self, k1: &K1) -> Vec<u8> {
        let mut key = KeyBuf::new(&self.prefix);
        key.push(self.hashers.0, k1);
        key.into_vec()
    }

    /// The storage key of `(k1, k2)`.
    pub fn key(&self, k1: &K1, k2: &K2) -> Vec<u8> {
        self.key_buf(k1, k2).into_vec()
    }

    /// The value under `(k1, k2)`, if set.
    pub fn get(&self, s: &dyn StorageRead, k1: &K1, k2: &K2) -> Result<Option<V>, StorageError> {
        read(s, self.key_buf(k1, k2).as_slice(), self.pallet, self.item)
    }

    /// Sets the value under `(k1, k2)`.
    pub fn insert(&self, s: &mut Overlay<'_>, k1: &K1, k2: &K2, v: &V) {
        s.put(self.key_buf(k1, k2).as_slice(), v.encode());
    }

    /// Removes the value under `(k1, k2)`.
    pub fn remove(&self, s: &mut Overlay<'_>, k1: &K1, k2: &K2) {
        s.delete(self.key_buf(k1, k2).as_slice());
    }

    /// The value at `key`, a key this map computed ([`Self::key`]): read–modify–write paths
    /// hash the key once.
    pub fn get_at(&self, s: &dyn StorageRead, key: &[u8]) -> Result<Option<V>, StorageError> {
        read(s, key, self.pallet, self.item)
    }

    /// Sets the value at `key` (from [`Self::key`]).
    pub fn insert_at(&self, s: &mut Overlay<'_>, key: &[u8], v: &V) {
        s.put(key, v.encode());
    }

    /// Every `(k2, value)` under `k1`, in storage-key order.
    pub fn iter_prefix(&self, s: &dyn StorageRead, k1: &K1) -> Result<Vec<(K2, V)>, StorageError> {
        let prefix = self.prefix1(k1);
        s.iter_prefix(&prefix)
            .into_iter()
            .map(|(key, value)| {
                let (k2, _) = decode_key_part::<K2>(
                    self.hashers.1,
                    &key[prefix.len()..],
                    (self.pallet, self.item),
                )?;
                Ok((k2, decode(self.pallet, self.item, &value)?))
            })
            .collect()
    }
}

impl<K1: Encode + Decode, K2: Encode + Decode, V: Encode + Decode> StorageDoubleMap<K1, K2, V> {
    /// Every `((k1, k2), value)`, in storage-key order.
    #[allow(clippy::type_complexity)]
    pub fn iter_all(&self, s: &dyn StorageRead) -> Result<Vec<((K1, K2), V)>, StorageError> {
        let base = self.prefix.len();
        let name = (self.pallet, self.item);
        s.iter_prefix(&self.prefix)
            .into_iter()
            .map(|(key, value)| {
                let (k1, rest) = decode_key_part::<K1>(self.hashers.0, &key[base..], name)?;
                let (k2, _) = decode_key_part::<K2>(self.hashers.1, rest, name)?;
                Ok(((k1, k2), decode(self.pallet, self.item, &value)?))
            })
            .collect()
    }
}

/// The key of an n-map: a tuple whose parts are each encoded and hashed with their own hasher.
pub trait KeyTuple: Sized {
    /// Number of parts.
    const LEN: usize;
    /// Each part's SCALE encoding, in order.
    fn encode_parts(&self) -> Vec<Vec<u8>>;
    /// Writes part `i`'s SCALE encoding to `out` (nothing past the last part).
    fn encode_part_to(&self, i: usize, out: &mut dyn Output) {
        if let Some(p) = self.encode_parts().get(i) {
            out.write(p);
        }
    }
    /// Decodes the parts from a raw key suffix, given each part's hasher.
    fn decode_parts(
        hashers: &[StorageHasher],
        raw: &[u8],
        name: (&str, &str),
    ) -> Result<Self, StorageError>;
}

macro_rules! impl_key_tuple {
    ($len:expr; $($t:ident $i:tt),+) => {
        impl<$($t: Encode + Decode),+> KeyTuple for ($($t,)+) {
            const LEN: usize = $len;
            fn encode_parts(&self) -> Vec<Vec<u8>> {
                vec![$(self.$i.encode()),+]
            }
            fn encode_part_to(&self, i: usize, out: &mut dyn Output) {
                match i {
                    $($i => self.$i.encode_to(out),)+
                    _ => {}
                }
            }
            fn decode_parts(hashers: &[StorageHasher], raw: &[u8], name: (&str, &str)) -> Result<Self, StorageError> {
                let rest = raw;
                $(
                    let h = *hashers.get($i).ok_or_else(|| StorageError {
                        item: format!("{}.{}", name.0, name.1),
                        reason: "missing hasher".into(),
                    })?;
                    #[allow(non_snake_case)]
                    let ($t, rest) = decode_key_part::<$t>(h, rest, name)?;
                )+
                let _ = rest;
                Ok(($($t,)+))
            }
        }
    };
}

impl_key_tuple!(2; A 0, B 1);
impl_key_tuple!(3; A 0, B 1, C 2);
impl_key_tuple!(4; A 0, B 1, C 2, D 3);

/// A map from a tuple of keys, each with its own hasher (subtensor's `StorageNMap`).
pub struct StorageNMap<K, V> {
    pallet: &'static str,
    item: &'static str,
    prefix: [u8; 32],
    hashers: &'static [StorageHasher],
    _kv: PhantomData<fn() -> (K, V)>,
}

impl<K: KeyTuple, V: Encode + Decode> StorageNMap<K, V> {
    /// The map `pallet.item`; `hashers` has one entry per key part.
    pub const fn new(
        pallet: &'static str,
        item: &'static str,
        hashers: &'static [StorageHasher],
    ) -> Self {
        Self {
            pallet,
            item,
            prefix: storage_prefix(pallet, item),
            hashers,
            _kv: PhantomData,
        }
    }

    fn key_buf(&self, k: &K) -> KeyBuf {
        let mut key = KeyBuf::new(&self.prefix);
        for (i, h) in self.hashers.iter().enumerate().take(K::LEN) {
            key.push_with(*h, |b| k.encode_part_to(i, b));
        }
        key
    }

    /// The storage key of `k`.
    pub fn key(&self, k: &K) -> Vec<u8> {
        self.key_buf(k).into_vec()
    }

    /// The prefix of every key whose first parts are `parts` (already SCALE-encoded).
    pub fn prefix(&self, parts: &[Vec<u8>]) -> Vec<u8> {
        let mut key = KeyBuf::new(&self.prefix);
        for (part, h) in parts.iter().zip(self.hashers) {
            key.push_with(*h, |b| b.write(part));
        }
        key.into_vec()
    }

    /// The value under `k`, if set.
    pub fn get(&self, s: &dyn StorageRead, k: &K) -> Result<Option<V>, StorageError> {
        read(s, self.key_buf(k).as_slice(), self.pallet, self.item)
    }

    /// Sets the value under `k`.
    pub fn insert(&self, s: &mut Overlay<'_>, k: &K, v: &V) {
        s.put(self.key_buf(k).as_slice(), v.encode());
    }

    /// Removes the value under `k`.
    pub fn remove(&self, s: &mut Overlay<'_>, k: &K) {
        s.delete(self.key_buf(k).as_slice());
    }

    /// The value at `key`, a key this map computed ([`Self::key`]).
    pub fn get_at(&self, s: &dyn StorageRead, key: &[u8]) -> Result<Option<V>, StorageError> {
        read(s, key, self.pallet, self.item)
    }

    /// Sets the value at `key` (from [`Self::key`]).
    pub fn insert_at(&self, s: &mut Overlay<'_>, key: &[u8], v: &V) {
        s.put(key, v.encode());
    }

    /// Every entry whose first key parts are `parts` (SCALE-encoded), in storage-key order.
    pub fn iter_prefix(
        &self,
        s: &dyn StorageRead,
        parts: &[Vec<u8>],
    ) -> Result<Vec<(K, V)>, StorageError> {
        let base = self.prefix.len();
        s.iter_prefix(&self.prefix(parts))
            .into_iter()
            .map(|(key, value)| {
                let k = K::decode_parts(self.hashers, &key[base..], (self.pallet, self.item))?;
                Ok((k, decode(self.pallet, self.item, &value)?))
            })
            .collect()
    }
}

/// The runtime's storage key of a SCALE-encoded key, `None` if it does not decode.
pub type KeyOf = Box<dyn Fn(&[u8]) -> Option<Vec<u8>> + Send + Sync>;

/// How a storage item appears in the runtime metadata: built by the item itself
/// (`meta`/`meta_or`), so its prefix, hashers and types cannot drift from the runtime's.
pub struct ItemMeta {
    /// Pallet prefix.
    pub pallet: &'static str,
    /// Item name.
    pub item: &'static str,
    /// One hasher per key part (empty for a plain value).
    pub hashers: Vec<StorageHasher>,
    /// The key type (a tuple for several key parts); `None` for a plain value.
    pub key: Option<scale_info::MetaType>,
    /// The value type.
    pub value: scale_info::MetaType,
    /// `Some(bytes)`: an absent entry reads as these bytes (`ValueQuery`); `None`: it reads as
    /// nothing (`OptionQuery`).
    pub default: Option<Vec<u8>>,
    /// The runtime's storage key for a SCALE-encoded key (the parts concatenated), or `None`
    /// if the bytes do not decode as the key type (for conformance tests).
    pub key_of: KeyOf,
    /// Whether bytes decode, entirely, as the value type.
    pub value_decodes: fn(&[u8]) -> bool,
}

impl ItemMeta {
    /// Declares the value as `T`, a type with the same encoding as the stored one (e.g. a
    /// `substrate_fixed` number where the runtime stores its `i128` bits), so clients decode
    /// it as subtensor declares it; the conformance tests decode `T`'s bytes with the runtime's
    /// own type.
    pub fn value_as<T: scale_info::TypeInfo + 'static>(self) -> Self {
        Self {
            value: scale_info::meta_type::<T>(),
            ..self
        }
    }
}

fn decodes_all<V: Decode>(mut b: &[u8]) -> bool {
    V::decode(&mut b).is_ok() && b.is_empty()
}

fn decode_all<K: Decode>(mut b: &[u8]) -> Option<K> {
    let k = K::decode(&mut b).ok()?;
    b.is_empty().then_some(k)
}

impl<V: Encode + Decode + scale_info::TypeInfo + 'static> StorageValue<V> {
    /// Its metadata entry, absent reading as nothing.
    pub fn meta(&self) -> ItemMeta {
        let prefix = self.prefix;
        ItemMeta {
            pallet: self.pallet,
            item: self.item,
            hashers: Vec::new(),
            key: None,
            value: scale_info::meta_type::<V>(),
            default: None,
            key_of: Box::new(move |b| b.is_empty().then(|| prefix.to_vec())),
            value_decodes: decodes_all::<V>,
        }
    }

    /// Its metadata entry, absent reading as `default`.
    pub fn meta_or(&self, default: &V) -> ItemMeta {
        ItemMeta {
            default: Some(default.encode()),
            ..self.meta()
        }
    }
}

impl<K, V> StorageMap<K, V>
where
    K: Encode + Decode + scale_info::TypeInfo + 'static,
    V: Encode + Decode + scale_info::TypeInfo + 'static,
{
    /// Its metadata entry, absent reading as nothing.
    pub fn meta(&self) -> ItemMeta {
        let this = Self::new(self.pallet, self.item, self.hasher);
        ItemMeta {
            pallet: self.pallet,
            item: self.item,
            hashers: vec![self.hasher],
            key: Some(scale_info::meta_type::<K>()),
            value: scale_info::meta_type::<V>(),
            default: None,
            key_of: Box::new(move |b| decode_all::<K>(b).map(|k| this.key(&k))),
            value_decodes: decodes_all::<V>,
        }
    }

    /// Its metadata entry, absent reading as `default`.
    pub fn meta_or(&self, default: &V) -> ItemMeta {
        ItemMeta {
            default: Some(default.encode()),
            ..self.meta()
        }
    }
}

impl<K1, K2, V> StorageDoubleMap<K1, K2, V>
where
    K1: Encode + Decode + scale_info::TypeInfo + 'static,
    K2: Encode + Decode + scale_info::TypeInfo + 'static,
    V: Encode + Decode + scale_info::TypeInfo + 'static,
{
    /// Its metadata entry (key type `(K1, K2)`), absent reading as nothing.
    pub fn meta(&self) -> ItemMeta {
        let this = Self::new(self.pallet, self.item, self.hashers.0, self.hashers.1);
        ItemMeta {
            pallet: self.pallet,
            item: self.item,
            hashers: vec![self.hashers.0, self.hashers.1],
            key: Some(scale_info::meta_type::<(K1, K2)>()),
            value: scale_info::meta_type::<V>(),
            default: None,
            key_of: Box::new(move |b| decode_all::<(K1, K2)>(b).map(|(k1, k2)| this.key(&k1, &k2))),
            value_decodes: decodes_all::<V>,
        }
    }

    /// Its metadata entry, absent reading as `default`.
    pub fn meta_or(&self, default: &V) -> ItemMeta {
        ItemMeta {
            default: Some(default.encode()),
            ..self.meta()
        }
    }
}

impl<K, V> StorageNMap<K, V>
where
    K: KeyTuple + Encode + Decode + scale_info::TypeInfo + 'static,
    V: Encode + Decode + scale_info::TypeInfo + 'static,
{
    /// Its metadata entry (key type the tuple `K`), absent reading as nothing.
    pub fn meta(&self) -> ItemMeta {
        let this = Self::new(self.pallet, self.item, self.hashers);
        ItemMeta {
            pallet: self.pallet,
            item: self.item,
            hashers: self.hashers.to_vec(),
            key: Some(scale_info::meta_type::<K>()),
            value: scale_info::meta_type::<V>(),
            default: None,
            key_of: Box::new(move |b| decode_all::<K>(b).map(|k| this.key(&k))),
            value_decodes: decodes_all::<V>,
        }
    }

    /// Its metadata entry, absent reading as `default`.
    pub fn meta_or(&self, default: &V) -> ItemMeta {
        ItemMeta {
            default: Some(default.encode()),
            ..self.meta()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStore;
    use yuma_primitives::{crypto::Pair, AccountId};

    #[test]
    fn system_account_key_of_alice() {
        // The well-known key polkadot.js shows for System.Account(//Alice).
        let m: StorageMap<AccountId, u32> =
            StorageMap::new("System", "Account", StorageHasher::Blake2_128Concat);
        let alice = Pair::from_uri("//Alice").unwrap().public();
        assert_eq!(
            hex::encode(m.key(&alice)),
            "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9\
             de1e86a9a8c739864cf3cc5ec2bea59fd43593c715fdd31c61141abd04a99fd6\
             822c8558854ccde39a5684e7a56da27d"
        );
    }

    #[test]
    fn maps_iterate_and_recover_keys() {
        let base = MemoryStore::default();
        let mut o = Overlay::new(&base);
        let m: StorageMap<u16, u64> = StorageMap::new("P", "M", StorageHasher::Identity);
        let d: StorageDoubleMap<u16, AccountId, u64> = StorageDoubleMap::new(
            "P",
            "D",
            StorageHasher::Identity,
            StorageHasher::Blake2_128Concat,
        );
        m.insert(&mut o, &3, &30);
        m.insert(&mut o, &1, &10);
        d.insert(&mut o, &1, &AccountId([9; 32]), &5);
        d.insert(&mut o, &2, &AccountId([8; 32]), &6);
        assert_eq!(m.iter(&o).unwrap(), vec![(1, 10), (3, 30)]);
        assert_eq!(
            d.iter_prefix(&o, &1).unwrap(),
            vec![(AccountId([9; 32]), 5)]
        );
        m.remove(&mut o, &1);
        assert_eq!(m.get(&o, &1).unwrap(), None);
        // A value that does not decode is reported, not mistaken for absent.
        o.put(&m.key(&7), vec![1, 2]);
        assert!(m.get(&o, &7).is_err());
    }

    #[test]
    fn n_map_keys_and_prefix_iteration() {
        const H: &[StorageHasher] = &[
            StorageHasher::Blake2_128Concat,
            StorageHasher::Blake2_128Concat,
            StorageHasher::Identity,
        ];
        let base = MemoryStore::default();
        let mut o = Overlay::new(&base);
        let alpha: StorageNMap<(AccountId, AccountId, u16), u64> =
            StorageNMap::new("SubtensorModule", "Alpha", H);
        let (h, c1, c2) = (AccountId([1; 32]), AccountId([2; 32]), AccountId([3; 32]));
        alpha.insert(&mut o, &(h, c1, 1), &10);
        alpha.insert(&mut o, &(h, c2, 2), &20);
        alpha.insert(&mut o, &(c1, c1, 1), &30);
        assert_eq!(alpha.get(&o, &(h, c2, 2)).unwrap(), Some(20));
        let mut under_h = alpha.iter_prefix(&o, &[h.encode()]).unwrap();
        under_h.sort_by_key(|(k, _)| k.2);
        assert_eq!(under_h, vec![((h, c1, 1), 10), ((h, c2, 2), 20)]);
        assert_eq!(
            alpha
                .iter_prefix(&o, &[h.encode(), c1.encode()])
                .unwrap()
                .len(),
            1
        );
    }
}
