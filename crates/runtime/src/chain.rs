//! A chain held in memory: genesis, then blocks applied one after another, with a signing
//! helper. The scenario runner, tests and benchmarks use it; it runs the same
//! [`apply_block`] as the node, without consensus, networking or disk.

use crate::{
    executive::{apply_block, extrinsics_root, Block, BlockError, BlockOutput, Header},
    genesis::{GenesisConfig, GenesisError},
    storage::MemoryStore,
    system,
};
use yuma_primitives::{hashing::blake2_256, BlockNumber, Era, Pair, RuntimeCall, H256};

/// Milliseconds between blocks of an in-memory chain (Bittensor's 12 s).
pub const BLOCK_TIME_MS: u64 = 12_000;
/// Mortality of transactions [`MemoryChain::sign`] makes (btcli's period).
pub const ERA_PERIOD: u64 = 16;

/// State plus the head of the chain.
pub struct MemoryChain {
    /// Current state.
    pub state: MemoryStore,
    /// Head header.
    pub head: Header,
    head_hash: H256,
    genesis_hash: H256,
}

impl MemoryChain {
    /// Starts from `genesis`.
    pub fn new(genesis: &GenesisConfig) -> Result<Self, GenesisError> {
        let (changes, genesis_hash) = genesis.build()?;
        let head = Header {
            parent_hash: H256::ZERO,
            number: 0,
            state_root: changes.digest(),
            extrinsics_root: H256::ZERO,
            timestamp_ms: genesis.timestamp_ms,
            author: None,
        };
        Ok(Self {
            state: changes.into_store(),
            head,
            head_hash: genesis_hash,
            genesis_hash,
        })
    }

    /// The head's number.
    pub fn best_number(&self) -> BlockNumber {
        self.head.number
    }

    /// The head's hash.
    pub fn best_hash(&self) -> H256 {
        self.head_hash
    }

    /// The genesis hash.
    pub fn genesis_hash(&self) -> H256 {
        self.genesis_hash
    }

    /// Signs `call` for inclusion in the next block, mortal from the head.
    pub fn sign(&self, pair: &Pair, call: RuntimeCall, nonce: u32, tip: u64) -> Vec<u8> {
        let era = Era::mortal(ERA_PERIOD, self.head.number);
        let birth = era.birth(self.head.number);
        let birth_hash = if birth == self.head.number {
            self.head_hash
        } else {
            system::block_hash(&self.state, birth)
                .ok()
                .flatten()
                .unwrap_or_default()
        };
        crate::version::sign_mortal(
            pair,
            call,
            nonce,
            tip,
            self.genesis_hash,
            self.head.number,
            birth_hash,
            ERA_PERIOD,
        )
    }

    /// The next block on the head, holding `extrinsics`.
    fn next_block(&self, extrinsics: Vec<Vec<u8>>) -> Block {
        let header = Header {
            parent_hash: self.head_hash,
            number: self.head.number + 1,
            state_root: H256::ZERO,
            extrinsics_root: extrinsics_root(&extrinsics),
            timestamp_ms: self.head.timestamp_ms + BLOCK_TIME_MS,
            author: None,
        };
        Block { header, extrinsics }
    }

    /// What applying a block of `extrinsics` on the head would produce, leaving the chain as is.
    pub fn dry_run(&self, extrinsics: Vec<Vec<u8>>) -> Result<BlockOutput, BlockError> {
        apply_block(&self.state, &self.next_block(extrinsics))
    }

    /// Applies a block of `extrinsics` on the head and makes it the new head.
    pub fn apply(&mut self, extrinsics: Vec<Vec<u8>>) -> Result<BlockOutput, BlockError> {
        let block = self.next_block(extrinsics);
        let out = apply_block(&self.state, &block)?;
        self.state.commit(&out.changes);
        let mut header = block.header;
        // A hash chain over change sets commits to the whole state history.
        let mut root_input = self.head.state_root.0.to_vec();
        root_input.extend_from_slice(&out.changes.digest().0);
        header.state_root = H256(blake2_256(&root_input));
        self.head_hash = header.hash();
        self.head = header;
        Ok(out)
    }
}
