//! `state_*`: raw storage reads, key listings, runtime APIs, metadata and the runtime version,
//! each at a block hash (the finalized head when absent).

use super::{errors, Bytes, Substrate};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use serde::Serialize;
use yuma_compat::{
    runtime_api::{self, ApiContext},
    version::RuntimeVersion,
};
use yuma_primitives::{hashing::blake2_256, H256};
use yuma_runtime::storage::StorageRead;

/// Most keys one `state_getKeysPaged` call returns (Substrate's limit).
pub const MAX_KEYS_PAGE: u32 = 1000;

/// The metadata version `state_getMetadata` serves (V15 is only served through `state_call`).
pub const STATE_METADATA_VERSION: u32 = 14;

/// One entry of `state_queryStorageAt`.
#[derive(Clone, Debug, Serialize)]
pub struct StorageChangeSet {
    /// The block read.
    pub block: H256,
    /// `(key, value or null)` per requested key.
    pub changes: Vec<(Bytes, Option<Bytes>)>,
}

/// The `state` namespace.
#[rpc(server)]
pub trait StateApi {
    /// The runtime version.
    #[method(name = "state_getRuntimeVersion", aliases = ["chain_getRuntimeVersion"])]
    fn runtime_version(&self, hash: Option<H256>) -> RpcResult<RuntimeVersion>;

    /// Calls runtime API `method` (`Api_method`) with SCALE `data`; the SCALE result.
    #[method(name = "state_call", aliases = ["state_callAt"], blocking)]
    fn call(&self, method: String, data: Bytes, hash: Option<H256>) -> RpcResult<Bytes>;

    /// The V14 metadata.
    #[method(name = "state_getMetadata")]
    fn metadata(&self, hash: Option<H256>) -> RpcResult<Bytes>;

    /// The value under `key`, or `null`.
    #[method(name = "state_getStorage", aliases = ["state_getStorageAt"])]
    fn storage(&self, key: Bytes, hash: Option<H256>) -> RpcResult<Option<Bytes>>;

    /// blake2b-256 of the value under `key`, or `null`.
    #[method(name = "state_getStorageHash", aliases = ["state_getStorageHashAt"])]
    fn storage_hash(&self, key: Bytes, hash: Option<H256>) -> RpcResult<Option<H256>>;

    /// Size of the value under `key`, or `null`.
    #[method(name = "state_getStorageSize", aliases = ["state_getStorageSizeAt"])]
    fn storage_size(&self, key: Bytes, hash: Option<H256>) -> RpcResult<Option<u64>>;

    /// The values under `keys`, in one block.
    #[method(name = "state_queryStorageAt")]
    fn query_storage_at(
        &self,
        keys: Vec<Bytes>,
        hash: Option<H256>,
    ) -> RpcResult<Vec<StorageChangeSet>>;

    /// Every key starting with `prefix`, in byte order.
    #[method(name = "state_getKeys", blocking)]
    fn keys(&self, prefix: Bytes, hash: Option<H256>) -> RpcResult<Vec<Bytes>>;

    /// At most `count` keys starting with `prefix` and strictly after `start_key`, in byte
    /// order.
    #[method(name = "state_getKeysPaged", aliases = ["state_getKeysPagedAt"], blocking)]
    fn keys_paged(
        &self,
        prefix: Option<Bytes>,
        count: u32,
        start_key: Option<Bytes>,
        hash: Option<H256>,
    ) -> RpcResult<Vec<Bytes>>;
}

/// Keys of `state` under `prefix` strictly after `start_key`, at most `count`, in byte order.
pub fn keys_page(
    state: &dyn StorageRead,
    prefix: &[u8],
    start_key: Option<&[u8]>,
    count: usize,
) -> Vec<Vec<u8>> {
    state
        .iter_prefix(prefix)
        .into_iter()
        .map(|(k, _)| k)
        .filter(|k| start_key.is_none_or(|s| k.as_slice() > s))
        .take(count)
        .collect()
}

impl StateApiServer for Substrate {
    fn runtime_version(&self, hash: Option<H256>) -> RpcResult<RuntimeVersion> {
        if let Some(h) = hash {
            if self.find_block(Some(h)).is_none() {
                return Err(errors::unknown_block(h));
            }
        }
        Ok(yuma_compat::version::runtime_version())
    }

    fn call(&self, method: String, data: Bytes, hash: Option<H256>) -> RpcResult<Bytes> {
        let (state, block) = self.state(hash)?;
        let ctx = ApiContext {
            state: state.as_ref(),
            block_number: block.block.header().number,
        };
        runtime_api::call(&ctx, &method, &data.0)
            .map(Bytes)
            .map_err(errors::execution)
    }

    fn metadata(&self, hash: Option<H256>) -> RpcResult<Bytes> {
        self.state(hash)?;
        match yuma_compat::metadata::metadata_at_version(STATE_METADATA_VERSION) {
            Some(m) => Ok(Bytes(m.to_vec())),
            None => Err(errors::execution(format!(
                "Execution failed: Other: metadata V{STATE_METADATA_VERSION} is not available"
            ))),
        }
    }

    fn storage(&self, key: Bytes, hash: Option<H256>) -> RpcResult<Option<Bytes>> {
        let (state, _) = self.state(hash)?;
        Ok(state.get(&key.0).map(Bytes))
    }

    fn storage_hash(&self, key: Bytes, hash: Option<H256>) -> RpcResult<Option<H256>> {
        let (state, _) = self.state(hash)?;
        Ok(state.get(&key.0).map(|v| H256(blake2_256(&v))))
    }

    fn storage_size(&self, key: Bytes, hash: Option<H256>) -> RpcResult<Option<u64>> {
        let (state, _) = self.state(hash)?;
        Ok(state.get(&key.0).map(|v| v.len() as u64))
    }

    fn query_storage_at(
        &self,
        keys: Vec<Bytes>,
        hash: Option<H256>,
    ) -> RpcResult<Vec<StorageChangeSet>> {
        let (state, block) = self.state(hash)?;
        let changes = keys
            .into_iter()
            .map(|k| {
                let v = state.get(&k.0).map(Bytes);
                (k, v)
            })
            .collect();
        Ok(vec![StorageChangeSet {
            block: block.hash,
            changes,
        }])
    }

    fn keys(&self, prefix: Bytes, hash: Option<H256>) -> RpcResult<Vec<Bytes>> {
        let (state, _) = self.state(hash)?;
        Ok(keys_page(state.as_ref(), &prefix.0, None, usize::MAX)
            .into_iter()
            .map(Bytes)
            .collect())
    }

    fn keys_paged(
        &self,
        prefix: Option<Bytes>,
        count: u32,
        start_key: Option<Bytes>,
        hash: Option<H256>,
    ) -> RpcResult<Vec<Bytes>> {
        if count > MAX_KEYS_PAGE {
            return Err(errors::invalid_count(count, MAX_KEYS_PAGE));
        }
        let (state, _) = self.state(hash)?;
        let prefix = prefix.unwrap_or_default();
        Ok(keys_page(
            state.as_ref(),
            &prefix.0,
            start_key.as_ref().map(|k| k.0.as_slice()),
            count as usize,
        )
        .into_iter()
        .map(Bytes)
        .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yuma_runtime::storage::{MemoryStore, StorageWrite as _};

    #[test]
    fn pages_are_ordered_by_key_bytes_and_start_after_the_start_key() {
        let mut s = MemoryStore::default();
        for k in [&[1u8, 9][..], &[1, 2], &[1, 0x10], &[2, 0], &[1], &[0, 5]] {
            s.put(k, vec![0]);
        }
        // Prefix [1]: [1], [1,2], [1,9], [1,0x10] in byte order.
        assert_eq!(
            keys_page(&s, &[1], None, 10),
            vec![vec![1], vec![1, 2], vec![1, 9], vec![1, 0x10]]
        );
        assert_eq!(keys_page(&s, &[1], None, 2), vec![vec![1], vec![1, 2]]);
        // Strictly after the start key, even when the start key itself is absent.
        assert_eq!(
            keys_page(&s, &[1], Some(&[1, 2]), 2),
            vec![vec![1, 9], vec![1, 0x10]]
        );
        assert_eq!(
            keys_page(&s, &[1], Some(&[1, 3]), 10),
            vec![vec![1, 9], vec![1, 0x10]]
        );
        // A start key before the prefix starts at the prefix; after it, nothing.
        assert_eq!(keys_page(&s, &[1], Some(&[0, 9]), 1), vec![vec![1]]);
        assert!(keys_page(&s, &[1], Some(&[1, 0x10]), 10).is_empty());
        // Empty prefix: everything.
        assert_eq!(keys_page(&s, &[], None, 100).len(), 6);
    }
}
