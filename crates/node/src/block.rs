//! The consensus block: the runtime's [`yuma_runtime::executive::Block`] (header + signed
//! extrinsics, SCALE) wrapped with the simplex context it was proposed in, its parent's
//! consensus digest and its height. Its digest (SHA-256 of the whole encoding) is what simplex
//! orders; the runtime's own block hash (blake2b-256 of the header) is what RPC shows.

use commonware_codec::Encode as _;
use commonware_codec::{Buf, EncodeSize, Error as CodecError, RangeCfg, Read, ReadExt as _, Write};
use commonware_consensus::{
    simplex::types::Context,
    types::{Epoch, Height, Round, View},
    Block as ConsensusBlock, BoundedBlock, CertifiableBlock, Heightable,
};
use commonware_cryptography::{
    ed25519, sha256, Digest as _, Digestible, Hasher as _, Sha256, Signer as _,
};
use commonware_runtime::BufMut;
use parity_scale_codec::{Decode, Encode};
use yuma_runtime::executive::{Block as RuntimeBlock, Header};

/// Largest SCALE encoding of a runtime block a node accepts, bytes.
pub const MAX_BLOCK_BYTES: usize = 4 * 1024 * 1024;

/// The consensus context of a block.
pub type BlockContext = Context<sha256::Digest, ed25519::PublicKey>;

/// A block as consensus and marshal see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The consensus round, leader and parent the block was proposed for.
    pub context: BlockContext,
    /// Consensus digest of the parent block.
    pub parent: sha256::Digest,
    /// Height (equal to `runtime.header.number`).
    pub height: Height,
    /// The runtime block: header and extrinsics.
    pub runtime: RuntimeBlock,
}

impl Block {
    /// The genesis block: height 0, the genesis header, no extrinsics.
    pub fn genesis(header: Header) -> Self {
        Self {
            context: Context {
                round: Round::new(Epoch::zero(), View::zero()),
                leader: ed25519::PrivateKey::from_seed(0).public_key(),
                parent: (View::zero(), sha256::Digest::EMPTY),
            },
            parent: sha256::Digest::EMPTY,
            height: Height::zero(),
            runtime: RuntimeBlock {
                header,
                extrinsics: Vec::new(),
            },
        }
    }

    /// The runtime header.
    pub fn header(&self) -> &Header {
        &self.runtime.header
    }
}

impl Write for Block {
    fn write(&self, buf: &mut impl BufMut) {
        self.context.write(buf);
        self.parent.write(buf);
        self.height.write(buf);
        self.runtime.encode().write(buf);
    }
}

impl EncodeSize for Block {
    fn encode_size(&self) -> usize {
        self.context.encode_size()
            + self.parent.encode_size()
            + self.height.encode_size()
            + self.runtime.encode().encode_size()
    }
}

impl Read for Block {
    type Cfg = ();

    fn read_cfg(buf: &mut impl Buf, _: &Self::Cfg) -> Result<Self, CodecError> {
        let context = BlockContext::read(buf)?;
        let parent = sha256::Digest::read(buf)?;
        let height = Height::read(buf)?;
        let bytes = Vec::<u8>::read_cfg(buf, &(RangeCfg::from(..=MAX_BLOCK_BYTES), ()))?;
        let runtime = RuntimeBlock::decode(&mut &bytes[..])
            .map_err(|_| CodecError::Invalid("yuma::Block", "runtime block does not decode"))?;
        // Canonical: the bytes must be exactly the re-encoding.
        if runtime.encode() != bytes {
            return Err(CodecError::Invalid(
                "yuma::Block",
                "non-canonical runtime block",
            ));
        }
        if runtime.header.number != height.get() {
            return Err(CodecError::Invalid(
                "yuma::Block",
                "height differs from header",
            ));
        }
        Ok(Self {
            context,
            parent,
            height,
            runtime,
        })
    }
}

impl Digestible for Block {
    type Digest = sha256::Digest;

    fn digest(&self) -> sha256::Digest {
        Sha256::hash(&[&self.encode()])
    }
}

impl Heightable for Block {
    fn height(&self) -> Height {
        self.height
    }
}

impl ConsensusBlock for Block {
    fn parent(&self) -> sha256::Digest {
        self.parent
    }
}

impl CertifiableBlock for Block {
    type Context = BlockContext;

    fn context(&self) -> Self::Context {
        self.context.clone()
    }
}

impl BoundedBlock for Block {
    fn max_encode_size(_: &Self::Cfg) -> usize {
        // Context, parent, height and a length-prefixed runtime block.
        1024 + MAX_BLOCK_BYTES + 16
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yuma_primitives::H256;

    #[test]
    fn roundtrip_and_digest() {
        // Encode a block, decode it back, the digest is stable.
        let header = Header {
            parent_hash: H256::ZERO,
            number: 0,
            state_root: H256::ZERO,
            extrinsics_root: H256::ZERO,
            timestamp_ms: 7,
            author: None,
        };
        let b = Block::genesis(header);
        let bytes = b.encode();
        let back =
            <Block as commonware_codec::Decode>::decode_cfg(bytes.clone(), &()).expect("decodes");
        assert_eq!(back, b);
        assert_eq!(back.digest(), b.digest());
    }

    #[test]
    fn truncated_is_rejected() {
        let header = Header {
            parent_hash: H256::ZERO,
            number: 0,
            state_root: H256::ZERO,
            extrinsics_root: H256::ZERO,
            timestamp_ms: 7,
            author: None,
        };
        let bytes = Block::genesis(header).encode();
        let cut = bytes.slice(..bytes.len() - 1);
        assert!(<Block as commonware_codec::Decode>::decode_cfg(cut, &()).is_err());
    }
}
