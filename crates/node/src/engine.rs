//! Wiring: authenticated p2p (`lookup`), buffered broadcast, marshal (with its archives and
//! resolver) and simplex, around yuma's [`Application`]. One function starts a validator;
//! dev mode is the same call with a one-validator set.
//!
//! [`start_with`] is generic over the Commonware runtime (tokio for nodes, deterministic in
//! the simulation tests) and over the p2p [`Transport`]; [`start`] is it over authenticated
//! `lookup` p2p to the static validator set of [`Config::validators`].

use crate::{
    application::{Application, Finalizer, Marshal},
    block::{Block, MAX_BLOCK_BYTES},
    chain::{Chain, Executed},
    index::{self, History},
    mempool, state,
};
use commonware_broadcast::buffered;
use commonware_consensus::{
    marshal::{
        self,
        core::Actor as MarshalActor,
        resolver::p2p as marshal_resolver,
        standard::{Deferred, Standard},
    },
    simplex::{
        self,
        config::{ForwardPolicy, SkipPolicy},
        elector::RoundRobin,
        scheme::ed25519 as scheme,
    },
    types::{Epoch, FixedEpocher, ViewDelta},
};
use commonware_cryptography::{
    certificate::ConstantProvider, ed25519, ChaCha20Poly1305, Digested, Digestible as _, Sha256,
    Signer as _,
};
use commonware_p2p::{
    authenticated::lookup, Address, AddressableManager as _, Blocker, Provider, Receiver, Sender,
};
use commonware_parallel::Sequential;
use commonware_runtime::{
    buffer::paged::CacheRef, Clock, Metrics, Network as RNetwork, Quota, Resolver, Spawner, Storage,
};
use commonware_storage::{archive::prunable, translator::TwoCap};
use commonware_stream::{
    cups::{self, Cups},
    sake::{self, Sake},
};
use commonware_utils::{
    ordered::{Map, Set},
    NZDuration, NZUsize, NZU16, NZU32, NZU64,
};
use rand_core::CryptoRng;
use std::{
    net::SocketAddr,
    num::{NonZeroU16, NonZeroU64, NonZeroUsize},
    sync::Arc,
    time::Duration,
};
use yuma_runtime::{executive::Header, genesis::GenesisConfig};

/// Namespace of every consensus and p2p signature of yuma.
pub const NAMESPACE: &[u8] = b"_YUMA";
/// Largest p2p message, bytes: a block plus its framing.
pub const MAX_MESSAGE_SIZE: u32 = (MAX_BLOCK_BYTES + 1024 * 1024) as u32;
/// Storage page size, bytes.
const PAGE_SIZE: NonZeroU16 = NZU16!(4096);
/// Pages held in the page cache.
const PAGE_CACHE_SIZE: NonZeroUsize = NZUsize!(1024);
/// Write and replay buffer, bytes.
const IO_BUFFER_SIZE: NonZeroUsize = NZUsize!(64 * 1024);
/// Items per archive section.
const ITEMS_PER_SECTION: NonZeroU64 = NZU64!(4096);
/// Blocks in one consensus epoch: one epoch for now (a static validator set).
const EPOCH_LENGTH: NonZeroU64 = NZU64!(u64::MAX);
/// Mailbox sizes of the engine's actors.
const MAILBOX_SIZE: NonZeroUsize = NZUsize!(1024);
/// Per-peer, per-channel message rate.
pub const CHANNEL_QUOTA: Quota = Quota::per_second(NZU32!(10_000));
/// Leader timeout before voting to skip a view.
const LEADER_TIMEOUT: Duration = Duration::from_secs(1);
/// Certification timeout.
const CERTIFICATION_TIMEOUT: Duration = Duration::from_secs(2);

/// Prefix of a node's storage partitions.
pub const DEFAULT_PARTITION_PREFIX: &str = "yuma";

/// p2p channel ids.
pub mod channel {
    /// Consensus votes.
    pub const VOTES: u64 = 0;
    /// Consensus certificates.
    pub const CERTIFICATES: u64 = 1;
    /// Simplex's certificate fetches.
    pub const RESOLVER: u64 = 2;
    /// Marshal's backfill.
    pub const BACKFILL: u64 = 3;
    /// Block dissemination.
    pub const BROADCAST: u64 = 4;
}

/// What a validator needs to start.
pub struct Config {
    /// This validator's consensus and p2p key.
    pub signer: ed25519::PrivateKey,
    /// Every validator and its address (including this one).
    pub validators: Vec<(ed25519::PublicKey, SocketAddr)>,
    /// Address to listen on for p2p.
    pub listen: SocketAddr,
    /// The chain's genesis.
    pub genesis: GenesisConfig,
    /// Minimum time between blocks.
    pub block_time: Duration,
    /// Mempool bounds.
    pub mempool: mempool::Config,
    /// Prefix of every storage partition of this validator ([`DEFAULT_PARTITION_PREFIX`] for a
    /// node; distinct per validator when several share one runtime's storage, as in the
    /// simulation tests).
    pub partition_prefix: String,
}

/// A failure to start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The genesis does not build.
    #[error("genesis: {0}")]
    Genesis(#[from] yuma_runtime::genesis::GenesisError),
    /// The validator set is malformed.
    #[error("validator set: {0}")]
    Validators(String),
    /// This key is not in the validator set.
    #[error("this node's key is not in the validator set")]
    NotAValidator,
    /// Storage could not be opened.
    #[error("storage: {0}")]
    Storage(String),
}

/// A running validator.
#[derive(Clone)]
pub struct Handle {
    /// The chain view.
    pub chain: Chain,
    /// The mempool.
    pub mempool: mempool::Mailbox,
    /// Marshal (finalized blocks and certificates).
    pub marshal: Marshal,
    /// Whether dev-only methods are allowed.
    pub dev: bool,
    /// Minimum time between blocks.
    pub block_time: Duration,
    /// Encodes the runtime's metrics registry (Commonware's p2p, consensus, storage metrics).
    pub registry: Registry,
    /// The persistent index of finalized blocks' receipts and transactions.
    pub index: Arc<dyn History>,
    /// Becomes `Some(why)` when the finalizer stopped on a fatal error (the node must exit).
    pub fatal: tokio::sync::watch::Receiver<Option<String>>,
}

/// Encodes a metrics registry in the Prometheus text format.
pub type Registry = std::sync::Arc<dyn Fn() -> String + Send + Sync>;

/// The genesis block and the chain view at the last committed finalized block: the state is
/// opened from QMDB under `context`'s storage in partitions prefixed `partition` (`yuma-state`
/// for a node; created with the genesis state on a fresh base path).
pub async fn open_chain<E: commonware_storage::Context + Spawner>(
    context: E,
    genesis: &GenesisConfig,
    partition: &str,
) -> Result<(Block, Chain), Error> {
    let (changes, genesis_hash) = genesis.build()?;
    let header = Header {
        parent_hash: yuma_primitives::H256::ZERO,
        number: 0,
        state_root: changes.digest(),
        extrinsics_root: yuma_primitives::H256::ZERO,
        timestamp_ms: genesis.timestamp_ms,
        author: None,
    };
    let genesis_block = Block::genesis(header);
    let recovered = state::Store::open(context, partition, &genesis_block, &changes)
        .await
        .map_err(|e| Error::Storage(e.to_string()))?;
    // The genesis hash is the chain spec's, not its header's.
    let hash = if recovered.height == 0 {
        genesis_hash
    } else {
        recovered.block.runtime.header.hash()
    };
    let head = Executed {
        block: Arc::new(recovered.block),
        hash,
        state: Arc::new(
            crate::view::Finalized::new(recovered.state, recovered.height, hash).head(),
        ),
        events: Arc::new(Vec::new()),
        receipts: Arc::new(Vec::new()),
        batch: None,
    };
    let chain = Chain::new(
        genesis.chain_name.clone(),
        genesis_hash,
        head,
        recovered.store,
    );
    Ok((genesis_block, chain))
}

fn archive_config<C>(
    prefix: &str,
    name: &str,
    page_cache: CacheRef,
    codec_config: C,
) -> prunable::Config<TwoCap, C> {
    prunable::Config {
        translator: TwoCap,
        metadata_partition: format!("{prefix}-{name}-metadata"),
        key_partition: format!("{prefix}-{name}-key"),
        key_page_cache: page_cache,
        value_partition: format!("{prefix}-{name}-value"),
        compression: None,
        codec_config,
        items_per_section: ITEMS_PER_SECTION,
        key_write_buffer: IO_BUFFER_SIZE,
        value_write_buffer: IO_BUFFER_SIZE,
        replay_buffer: IO_BUFFER_SIZE,
    }
}

/// The p2p side of a validator: who its peers are, how it blocks a misbehaving one, and one
/// sender/receiver pair per channel. Built from authenticated `lookup` p2p by [`start`] (real
/// nodes, dev included) or from `commonware_p2p::simulated` in the simulation tests.
pub struct Transport<P, B, S, R> {
    /// The peer set (marshal's resolver and the broadcast buffer ask it).
    pub peers: P,
    /// Blocks a peer that sent something invalid.
    pub blocker: B,
    /// Consensus votes ([`channel::VOTES`]).
    pub votes: (S, R),
    /// Consensus certificates ([`channel::CERTIFICATES`]).
    pub certificates: (S, R),
    /// Simplex's certificate fetches ([`channel::RESOLVER`]).
    pub resolver: (S, R),
    /// Marshal's block and finalization backfill ([`channel::BACKFILL`]).
    pub backfill: (S, R),
    /// Block dissemination ([`channel::BROADCAST`]).
    pub broadcast: (S, R),
}

/// Starts a validator on `context` with authenticated `lookup` p2p listening on
/// `config.listen` and dialing `config.validators`; returns once every actor runs. The node's
/// one code path: dev mode is this call with a one-validator set.
pub async fn start<E>(context: E, config: Config, dev: bool) -> Result<Handle, Error>
where
    E: Spawner + Clock + Storage + Metrics + CryptoRng + RNetwork + Resolver,
{
    // Refuse before opening a socket.
    let me = config.signer.public_key();
    if !config.validators.iter().any(|(k, _)| *k == me) {
        return Err(Error::NotAValidator);
    }

    // Network.
    let handshake = Cups::<_, ChaCha20Poly1305>::new(
        Sake {
            signer: config.signer.clone(),
            synchrony_bound: Duration::from_secs(5),
            max_handshake_age: Duration::from_secs(10),
            version: sake::Version::V1,
        },
        cups::Version::V1,
    );
    let p2p_cfg = lookup::Config::local(
        handshake,
        NAMESPACE,
        config.listen,
        NZUsize!(config.validators.len().max(1)),
        MAX_MESSAGE_SIZE,
        MAILBOX_SIZE,
    );
    let (mut network, mut oracle) = lookup::Network::new(context.child("network"), p2p_cfg);
    let peers: Map<ed25519::PublicKey, Address> = Map::try_from(
        config
            .validators
            .iter()
            .map(|(k, a)| (k.clone(), Address::from(*a)))
            .collect::<Vec<_>>(),
    )
    .map_err(|e| Error::Validators(format!("{e:?}")))?;
    oracle.track(0, peers);
    let transport = Transport {
        peers: oracle.clone(),
        blocker: oracle,
        votes: network.register(channel::VOTES, CHANNEL_QUOTA),
        certificates: network.register(channel::CERTIFICATES, CHANNEL_QUOTA),
        resolver: network.register(channel::RESOLVER, CHANNEL_QUOTA),
        backfill: network.register(channel::BACKFILL, CHANNEL_QUOTA),
        broadcast: network.register(channel::BROADCAST, CHANNEL_QUOTA),
    };
    network.start();
    start_with(context, config, transport, dev).await
}

/// Starts a validator on `context` over `transport` (any Commonware runtime and p2p); returns
/// once every actor runs. `config.listen` and the validators' addresses are not used here:
/// the transport is already connected.
pub async fn start_with<E, P, B, S, R>(
    context: E,
    config: Config,
    transport: Transport<P, B, S, R>,
    dev: bool,
) -> Result<Handle, Error>
where
    E: Spawner + Clock + Storage + Metrics + CryptoRng,
    P: Provider<PublicKey = ed25519::PublicKey>,
    B: Blocker<PublicKey = ed25519::PublicKey>,
    S: Sender<PublicKey = ed25519::PublicKey>,
    R: Receiver<PublicKey = ed25519::PublicKey>,
{
    let (genesis_block, chain) = open_chain(
        context.child("state"),
        &config.genesis,
        &format!("{}-state", config.partition_prefix),
    )
    .await?;
    let index: Arc<dyn History> = Arc::new(
        index::Index::open(context.child("index"), &config.partition_prefix)
            .await
            .map_err(|e| Error::Storage(e.to_string()))?,
    );
    let public_key = config.signer.public_key();
    // A mutex makes the context shareable across RPC tasks whatever its own Sync-ness.
    let registry_context = std::sync::Mutex::new(context.child("registry"));
    let registry: Registry = std::sync::Arc::new(move || {
        registry_context
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .encode()
    });
    let participants: Set<ed25519::PublicKey> = Set::try_from(
        config
            .validators
            .iter()
            .map(|(k, _)| k.clone())
            .collect::<Vec<_>>(),
    )
    .map_err(|e| Error::Validators(format!("{e:?}")))?;
    let scheme = scheme::Scheme::signer(NAMESPACE, participants.clone(), config.signer.clone())
        .ok_or(Error::NotAValidator)?;
    let prefix = &config.partition_prefix;
    let Transport {
        peers,
        blocker,
        votes,
        certificates,
        resolver: resolver_net,
        backfill,
        broadcast: broadcast_net,
    } = transport;

    // Mempool.
    let (mempool_actor, mempool) = mempool::Actor::new(config.mempool, chain.clone());
    context.child("mempool").spawn(|_| mempool_actor.run());

    // Marshal resolver and broadcast buffer.
    let resolver = marshal_resolver::init(
        context.child("marshal_resolver"),
        marshal_resolver::Config {
            public_key: public_key.clone(),
            peer_provider: peers.clone(),
            blocker: blocker.clone(),
            mailbox_size: MAILBOX_SIZE,
            fetch_timeout: NZDuration!(Duration::from_secs(2)),
            fetch_retry_delay: Duration::from_millis(100),
            priority_requests: false,
            priority_responses: false,
        },
        backfill,
    );
    let (broadcast_engine, buffer) = buffered::Engine::new(
        context.child("broadcast"),
        buffered::Config {
            public_key: public_key.clone(),
            mailbox_size: MAILBOX_SIZE,
            deque_size: 10,
            priority: false,
            codec_config: (),
            peer_provider: peers,
            strategy: Sequential,
        },
    );
    broadcast_engine.start(broadcast_net);

    // Archives and marshal.
    let page_cache = CacheRef::new(PAGE_SIZE, PAGE_CACHE_SIZE);
    let finalizations = prunable::Archive::init(
        context.child("finalizations_by_height"),
        archive_config(
            prefix,
            "finalizations",
            page_cache.clone(),
            participants.len(),
        ),
    )
    .await
    .map_err(|e| Error::Storage(e.to_string()))?;
    let blocks = prunable::Archive::init(
        context.child("finalized_blocks"),
        archive_config(prefix, "blocks", page_cache.clone(), ()),
    )
    .await
    .map_err(|e| Error::Storage(e.to_string()))?;
    let provider = ConstantProvider::new(scheme.clone());
    let (marshal_actor, marshal, _floor) = MarshalActor::<_, Standard<Block>, _, _, _, _, _>::init(
        context.child("marshal"),
        finalizations,
        blocks,
        marshal::Config {
            provider,
            epocher: FixedEpocher::new(EPOCH_LENGTH),
            start: marshal::Start::Genesis(Digested::precomputed(
                genesis_block.clone(),
                genesis_block.digest(),
            )),
            partition_prefix: format!("{prefix}-marshal"),
            mailbox_size: MAILBOX_SIZE,
            view_retention: ViewDelta::new(10),
            prunable_items_per_section: ITEMS_PER_SECTION,
            page_cache: page_cache.clone(),
            replay_buffer: IO_BUFFER_SIZE,
            key_write_buffer: IO_BUFFER_SIZE,
            value_write_buffer: IO_BUFFER_SIZE,
            block_codec_config: (),
            max_repair: NZUsize!(10),
            max_pending_acks: NZUsize!(1),
            strategy: Sequential,
        },
    )
    .await;

    // Application and finalizer.
    let application = Application::new(chain.clone(), mempool.clone(), config.block_time);
    let (finalizer, reports) = Finalizer::new(chain.clone(), mempool.clone(), index.clone());
    let (fatal_tx, fatal) = tokio::sync::watch::channel(None);
    let deferred = Deferred::new(
        context.child("deferred"),
        application,
        marshal.clone(),
        FixedEpocher::new(EPOCH_LENGTH),
    );
    marshal_actor.start(reports, buffer, resolver);
    let fin_marshal = marshal.clone();
    context.child("finalizer").spawn(move |_| async move {
        if let Err(e) = finalizer.run(fin_marshal).await {
            tracing::error!(%e, "finalizer stopped: the node cannot continue");
            let _ = fatal_tx.send(Some(e.to_string()));
        }
    });

    // Simplex.
    let engine = simplex::Engine::new(
        context.child("simplex"),
        simplex::Config {
            scheme,
            elector: RoundRobin::<Sha256>::default(),
            blocker,
            automaton: deferred.clone(),
            relay: deferred.clone(),
            reporter: deferred,
            strategy: Sequential,
            partition: format!("{prefix}-simplex"),
            mailbox_size: MAILBOX_SIZE,
            epoch: Epoch::zero(),
            floor: simplex::config::Floor::Genesis(genesis_block.digest()),
            replay_buffer: IO_BUFFER_SIZE,
            write_buffer: IO_BUFFER_SIZE,
            page_cache,
            leader_timeout: LEADER_TIMEOUT,
            certification_timeout: CERTIFICATION_TIMEOUT,
            timeout_retry: Duration::from_millis(500),
            view_retention: ViewDelta::new(10),
            skip: SkipPolicy::Enabled {
                timeout: Duration::from_secs(5),
                budget: simplex::SkipBudget::Participants,
            },
            fetch_timeout: NZDuration!(Duration::from_secs(2)),
            fetch_retry_delay: Duration::from_secs(1),
            forward: ForwardPolicy::Disabled,
            track_historical_votes: false,
        },
    );
    engine.start(votes, certificates, resolver_net);

    Ok(Handle {
        chain,
        mempool,
        marshal,
        dev,
        block_time: config.block_time,
        registry,
        index,
        fatal,
    })
}
