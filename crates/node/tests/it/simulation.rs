//! Deterministic simulation: four validators, each the real engine (simplex, marshal, the
//! application re-executing every block and checking its state root, the mempool), on
//! Commonware's deterministic runtime with its simulated network (links with latency and
//! jitter). Time is simulated, so a test of many simulated seconds takes little wall time, and
//! a seed fixes every scheduling and network decision: a failing seed replays exactly.
//!
//! Every scenario checks safety (all validators hold the same finalized block and state root
//! at every height) and liveness (finalization reaches a target height within a simulated
//! deadline), with signed transfers in the blocks.

use commonware_actor::{Feedback, Unreliable};
use commonware_codec::{DecodeExt as _, Encode as _};
use commonware_consensus::simplex::{
    scheme::ed25519 as scheme,
    types::{Finalize, Notarize, Proposal, Vote},
};
use commonware_cryptography::{ed25519, sha256, Hasher as _, Sha256, Signer as _};
use commonware_p2p::{
    simulated::{self, Link, Oracle},
    CheckedSender, LimitedSender, Recipients,
};
use commonware_runtime::{
    deterministic, Clock as _, IoBufs, Runner as _, Spawner as _, Supervisor as _,
};
use commonware_utils::{ordered::Set, probability, NZUsize};
use futures::channel::oneshot;
use std::{
    net::{Ipv4Addr, SocketAddr},
    sync::OnceLock,
    time::{Duration, Instant, SystemTime},
};
use yuma_node::{
    engine::{self, channel, Handle, Transport, CHANNEL_QUOTA, MAX_MESSAGE_SIZE, NAMESPACE},
    mempool,
};
use yuma_primitives::{call::BalancesCall, extrinsic::MultiAddress, Pair, RuntimeCall, H256};
use yuma_runtime::genesis::GenesisConfig;

/// Validators in every scenario (tolerates one fault: quorum 3).
const VALIDATORS: usize = 4;
/// Minimum time between blocks (the application's pacing rule).
const BLOCK_TIME: Duration = Duration::from_millis(200);
/// Simulated time after which a scenario that has not reached its target fails.
const DEADLINE: Duration = Duration::from_secs(120);
/// Transfers submitted per scenario, one every [`TX_INTERVAL`].
const TRANSFERS: u32 = 12;
/// Simulated time between two submitted transfers.
const TX_INTERVAL: Duration = Duration::from_millis(250);
/// Rao per transfer.
const AMOUNT: u64 = 1_000_000_000;

/// A link with some latency and jitter, delivering everything.
fn link() -> Link {
    Link {
        latency: Duration::from_millis(40),
        jitter: Duration::from_millis(10),
        success_rate: probability!(1.0),
    }
}

fn keys() -> Vec<ed25519::PrivateKey> {
    (0..VALIDATORS as u64)
        .map(ed25519::PrivateKey::from_seed)
        .collect()
}

fn genesis() -> GenesisConfig {
    GenesisConfig::preset("dev").expect("dev genesis")
}

/// Alice's transfers to Bob, nonces `0..TRANSFERS`, signed once per process: sr25519
/// signatures are randomized, and the same seed must see the same bytes.
fn transfers() -> &'static [Vec<u8>] {
    static TXS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    TXS.get_or_init(|| {
        let (_, genesis_hash) = genesis().build().expect("genesis builds");
        let alice = Pair::from_uri("//Alice").expect("uri");
        let bob = Pair::from_uri("//Bob").expect("uri").public();
        (0..TRANSFERS)
            .map(|nonce| {
                let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
                    dest: MultiAddress::Id(bob),
                    value: yuma_primitives::Balance(AMOUNT),
                });
                // Born at genesis, valid for the longest era.
                yuma_node::sign(
                    &alice,
                    call,
                    nonce,
                    0,
                    genesis_hash,
                    0,
                    genesis_hash,
                    1 << 16,
                )
            })
            .collect()
    })
}

/// A vote sender that, when given a signer, also sends for every notarize and finalize vote a
/// conflicting one over another digest in the same view: an equivocating (byzantine)
/// validator. Without a signer it only forwards.
#[derive(Clone)]
struct Equivocating<S> {
    inner: S,
    signer: Option<scheme::Scheme>,
}

/// The conflicting twin of an encoded vote, if it is a notarize or finalize.
fn conflicting(signer: &scheme::Scheme, message: &IoBufs) -> Option<IoBufs> {
    let bytes = message.clone().coalesce();
    let vote = Vote::<scheme::Scheme, sha256::Digest>::decode(bytes).ok()?;
    let other = |p: &Proposal<sha256::Digest>| {
        Proposal::new(p.round, p.parent, Sha256::hash(&[p.payload.as_ref()]))
    };
    let twin = match vote {
        Vote::Notarize(n) => Vote::Notarize(Notarize::sign(signer, other(&n.proposal))?),
        Vote::Finalize(f) => Vote::Finalize(Finalize::sign(signer, other(&f.proposal))?),
        Vote::Nullify(_) => return None,
    };
    Some(twin.encode().into())
}

impl<S: commonware_p2p::Sender<PublicKey = ed25519::PublicKey>> LimitedSender for Equivocating<S> {
    type PublicKey = ed25519::PublicKey;
    type Checked<'a>
        = EquivocatingChecked<'a, S>
    where
        Self: 'a;

    fn check(
        &mut self,
        recipients: Recipients<Self::PublicKey>,
    ) -> Result<Self::Checked<'_>, SystemTime> {
        let twin_sender = self.inner.clone();
        let signer = self.signer.clone();
        let checked = self.inner.check(recipients)?;
        Ok(EquivocatingChecked {
            checked,
            twin_sender,
            signer,
        })
    }
}

/// [`Equivocating`] after its rate-limit check.
struct EquivocatingChecked<'a, S: LimitedSender + 'a> {
    checked: S::Checked<'a>,
    twin_sender: S,
    signer: Option<scheme::Scheme>,
}

impl<'a, S: commonware_p2p::Sender<PublicKey = ed25519::PublicKey> + 'a> CheckedSender
    for EquivocatingChecked<'a, S>
{
    type PublicKey = ed25519::PublicKey;

    fn recipients(&self) -> Vec<Self::PublicKey> {
        self.checked.recipients()
    }

    fn send(mut self, message: impl Into<IoBufs> + Send, priority: bool) -> Unreliable<Feedback> {
        let message: IoBufs = message.into();
        if let Some(signer) = &self.signer {
            if let Some(twin) = conflicting(signer, &message) {
                let to = Recipients::Some(self.checked.recipients());
                self.twin_sender.send(to, twin, priority);
            }
        }
        self.checked.send(message, priority)
    }
}

type SimSender = Equivocating<simulated::Sender<ed25519::PublicKey, deterministic::Context>>;

/// A running validator.
struct Node {
    handle: Handle,
    task: commonware_runtime::Handle<()>,
}

/// Four validators on one simulated network.
struct Sim {
    context: deterministic::Context,
    oracle: Oracle<ed25519::PublicKey, deterministic::Context>,
    keys: Vec<ed25519::PrivateKey>,
    nodes: Vec<Option<Node>>,
}

impl Sim {
    /// The network with every pair of validators linked by `link()`; no validator started.
    async fn new(context: deterministic::Context) -> Self {
        let keys = keys();
        let (network, oracle) = simulated::Network::new_with_peers(
            context.child("network"),
            simulated::Config {
                max_size: MAX_MESSAGE_SIZE,
                max_peers_per_set: NZUsize!(VALIDATORS),
                disconnect_on_block: true,
                tracked_peer_sets: NZUsize!(1),
            },
            keys.iter().map(|k| k.public_key()),
        )
        .await;
        network.start();
        let sim = Self {
            context,
            oracle,
            keys,
            nodes: (0..VALIDATORS).map(|_| None).collect(),
        };
        for a in 0..VALIDATORS {
            for b in 0..VALIDATORS {
                if a != b {
                    sim.link(a, b).await;
                }
            }
        }
        sim
    }

    fn public(&self, i: usize) -> ed25519::PublicKey {
        self.keys[i].public_key()
    }

    async fn link(&self, a: usize, b: usize) {
        self.oracle
            .add_link(self.public(a), self.public(b), link())
            .await
            .expect("link");
    }

    async fn unlink(&self, a: usize, b: usize) {
        self.oracle
            .remove_link(self.public(a), self.public(b))
            .await
            .expect("unlink");
    }

    /// Starts validator `i` (again, after a crash: it recovers from its storage); with
    /// `byzantine` its votes equivocate.
    async fn start(&mut self, i: usize, byzantine: bool) {
        let key = self.keys[i].clone();
        let control = self.oracle.control(key.public_key());
        let participants =
            Set::try_from(self.keys.iter().map(|k| k.public_key()).collect::<Vec<_>>())
                .expect("distinct keys");
        let signer = byzantine.then(|| {
            scheme::Scheme::signer(NAMESPACE, participants, key.clone()).expect("a validator")
        });
        let mut channels = Vec::new();
        for ch in [
            channel::VOTES,
            channel::CERTIFICATES,
            channel::RESOLVER,
            channel::BACKFILL,
            channel::BROADCAST,
        ] {
            let (sender, receiver) = control
                .register(ch, CHANNEL_QUOTA)
                .await
                .expect("register channel");
            let sender: SimSender = Equivocating {
                inner: sender,
                signer: if ch == channel::VOTES {
                    signer.clone()
                } else {
                    None
                },
            };
            channels.push((sender, receiver));
        }
        let mut channels = channels.into_iter();
        let mut next = || channels.next().expect("five channels");
        let transport = Transport {
            peers: self.oracle.manager(),
            blocker: control,
            votes: next(),
            certificates: next(),
            resolver: next(),
            backfill: next(),
            broadcast: next(),
        };
        // Addresses are not used on the simulated network.
        let unused = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        let config = engine::Config {
            signer: key,
            validators: self.keys.iter().map(|k| (k.public_key(), unused)).collect(),
            listen: unused,
            genesis: genesis(),
            block_time: BLOCK_TIME,
            mempool: mempool::Config::default(),
            partition_prefix: format!("validator{i}"),
        };
        let (started, handle) = oneshot::channel();
        let task = self
            .context
            .child("validator")
            .with_attribute("index", i)
            .spawn(move |context| async move {
                let handle = engine::start_with(context, config, transport, false)
                    .await
                    .expect("validator starts");
                let _ = started.send(handle);
                // The engine's actors are this task's children: they run until it is aborted.
                futures::future::pending::<()>().await;
            });
        let handle = handle.await.expect("validator started");
        self.nodes[i] = Some(Node { handle, task });
    }

    /// Stops validator `i` at once (a crash: no shutdown, unsynced writes may be lost).
    fn crash(&mut self, i: usize) {
        if let Some(node) = self.nodes[i].take() {
            node.task.abort();
        }
    }

    /// The finalized height of validator `i` (0 if it is not running).
    fn height(&self, i: usize) -> u64 {
        self.nodes[i]
            .as_ref()
            .map(|n| n.handle.chain.lock().head().block.header().number)
            .unwrap_or(0)
    }

    fn running(&self) -> Vec<usize> {
        (0..VALIDATORS)
            .filter(|i| self.nodes[*i].is_some())
            .collect()
    }

    /// Submits the transfers, one every [`TX_INTERVAL`], to every running validator's mempool
    /// (a client broadcasting them), from a background task.
    fn submit_transfers(&self) {
        let mempools: Vec<mempool::Mailbox> = self
            .nodes
            .iter()
            .flatten()
            .map(|n| n.handle.mempool.clone())
            .collect();
        self.context
            .child("client")
            .spawn(move |context| async move {
                for tx in transfers() {
                    for mempool in &mempools {
                        // A crashed validator's mempool is gone: that submission is lost.
                        let _ = mempool.clone().submit(tx.clone()).await;
                    }
                    context.sleep(TX_INTERVAL).await;
                }
            });
    }

    /// Waits (in simulated time) until every validator in `who` finalized `height`.
    async fn wait_height(&self, who: &[usize], height: u64) {
        let start = self.context.current();
        while who.iter().any(|i| self.height(*i) < height) {
            let waited = self
                .context
                .current()
                .duration_since(start)
                .unwrap_or_default();
            assert!(
                waited < DEADLINE,
                "validators {who:?} did not finalize height {height} within {DEADLINE:?}: heights {:?}",
                (0..VALIDATORS).map(|i| self.height(i)).collect::<Vec<_>>()
            );
            self.context.sleep(Duration::from_millis(50)).await;
        }
    }

    /// `(block hash, state root)` finalized by validator `i` at every height `1..=up_to`.
    fn finalized(&self, i: usize, up_to: u64) -> Vec<(H256, H256)> {
        let node = self.nodes[i].as_ref().expect("running");
        let chain = node.handle.chain.lock();
        (1..=up_to)
            .map(|h| {
                let e = chain.finalized.get(&h).expect("finalized block held");
                (e.hash, e.block.header().state_root)
            })
            .collect()
    }

    /// Asserts every validator in `who` finalized the same blocks with the same state roots up
    /// to `up_to`, and returns them.
    fn assert_agree(&self, who: &[usize], up_to: u64) -> Vec<(H256, H256)> {
        let first = self.finalized(who[0], up_to);
        for i in &who[1..] {
            let other = self.finalized(*i, up_to);
            for (h, (a, b)) in first.iter().zip(&other).enumerate() {
                assert_eq!(
                    a,
                    b,
                    "validators {} and {i} disagree at height {}",
                    who[0],
                    h + 1
                );
            }
        }
        first
    }

    /// Asserts every transfer is finalized at every validator in `who`: Alice's nonce is
    /// [`TRANSFERS`] and Bob holds his genesis balance plus all of them.
    fn assert_transfers(&self, who: &[usize]) {
        let alice = Pair::from_uri("//Alice").expect("uri").public();
        let bob = Pair::from_uri("//Bob").expect("uri").public();
        let bob_genesis = genesis()
            .balances
            .iter()
            .find(|(a, _)| *a == bob)
            .map(|(_, b)| *b)
            .expect("bob funded at genesis");
        for i in who {
            let state = self.nodes[*i]
                .as_ref()
                .expect("running")
                .handle
                .chain
                .finalized_state();
            let a = yuma_runtime::system::account(state.as_ref(), &alice).expect("read");
            let b = yuma_runtime::system::account(state.as_ref(), &bob).expect("read");
            assert_eq!(a.nonce, TRANSFERS, "validator {i}: alice's nonce");
            assert_eq!(
                b.data.free,
                bob_genesis + u64::from(TRANSFERS) * AMOUNT,
                "validator {i}: bob's balance"
            );
        }
    }

    /// Waits until all transfers are final at `who` (Alice's nonce reaches [`TRANSFERS`]).
    async fn wait_transfers(&self, who: &[usize]) {
        let alice = Pair::from_uri("//Alice").expect("uri").public();
        let start = self.context.current();
        loop {
            let done = who.iter().all(|i| {
                let state = self.nodes[*i]
                    .as_ref()
                    .expect("running")
                    .handle
                    .chain
                    .finalized_state();
                yuma_runtime::system::account(state.as_ref(), &alice)
                    .map(|a| a.nonce == TRANSFERS)
                    .unwrap_or(false)
            });
            if done {
                return;
            }
            let waited = self
                .context
                .current()
                .duration_since(start)
                .unwrap_or_default();
            assert!(
                waited < DEADLINE,
                "transfers not finalized within {DEADLINE:?}"
            );
            self.context.sleep(Duration::from_millis(50)).await;
        }
    }

    /// Simulated time since the runtime started.
    fn elapsed(&self) -> Duration {
        self.context
            .current()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default()
    }
}

/// Runs `scenario` on a deterministic runtime seeded with `seed`; returns its output and the
/// runtime's audit (a digest of every scheduling, network and storage event).
fn run<F, Fut, T>(seed: u64, scenario: F) -> (T, String)
where
    F: FnOnce(deterministic::Context) -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let wall = Instant::now();
    let runner = deterministic::Runner::new(
        deterministic::Config::new()
            .with_seed(seed)
            .with_timeout(Some(DEADLINE * 2)),
    );
    let (out, audit) = runner.start(|context| async move {
        let auditor = context.auditor();
        let out = scenario(context).await;
        (out, auditor.state())
    });
    eprintln!("seed {seed}: wall time {:?}", wall.elapsed());
    (out, audit)
}

/// Blocks per simulated second, two decimals, for the report (integers: the workspace
/// denies float arithmetic).
fn rate(blocks: u64, elapsed: Duration) -> String {
    let centi = u128::from(blocks) * 100_000 / elapsed.as_millis().max(1);
    format!("{}.{:02}", centi / 100, centi % 100)
}

/// (a) All four validators finalize `height` blocks with the transfers in them and agree on
/// every block and state root. Returns the finalized `(hash, root)` list.
async fn all_agree(context: deterministic::Context, height: u64) -> Vec<(H256, H256)> {
    let mut sim = Sim::new(context).await;
    for i in 0..VALIDATORS {
        sim.start(i, false).await;
    }
    sim.submit_transfers();
    let all = sim.running();
    sim.wait_height(&all, height).await;
    sim.wait_transfers(&all).await;
    let up_to = all.iter().map(|i| sim.height(*i)).min().unwrap_or(0);
    let blocks = sim.assert_agree(&all, up_to);
    sim.assert_transfers(&all);
    eprintln!(
        "4 validators: {up_to} blocks in {:?} simulated = {} blocks/s",
        sim.elapsed(),
        rate(up_to, sim.elapsed())
    );
    blocks
}

#[test]
fn four_validators_finalize_and_agree_on_every_state_root() {
    let (blocks, _) = run(1, |context| all_agree(context, 20));
    assert!(blocks.len() >= 20);
    // Every block's root differs from its parent's: the transfers and the block's own
    // bookkeeping changed the state, and the root commits to it.
    assert!(blocks.windows(2).all(|w| w[0].1 != w[1].1));
}

#[test]
fn three_validators_keep_finalizing_after_one_crashes() {
    run(2, |context| async move {
        let mut sim = Sim::new(context).await;
        for i in 0..VALIDATORS {
            sim.start(i, false).await;
        }
        sim.wait_height(&[0, 1, 2, 3], 5).await;
        // Validator 3 crashes; the transfers go to the others.
        sim.crash(3);
        let at_crash = (0..3).map(|i| sim.height(i)).max().unwrap_or(0);
        sim.submit_transfers();
        let live = sim.running();
        assert_eq!(live, vec![0, 1, 2]);
        sim.wait_height(&live, at_crash + 15).await;
        sim.wait_transfers(&live).await;
        let up_to = live.iter().map(|i| sim.height(*i)).min().unwrap_or(0);
        sim.assert_agree(&live, up_to);
        sim.assert_transfers(&live);

        // Restarted, it recovers from its storage and catches up to the same chain.
        sim.start(3, false).await;
        let target = (0..3).map(|i| sim.height(i)).max().unwrap_or(0) + 3;
        sim.wait_height(&[0, 1, 2, 3], target).await;
        sim.assert_agree(&[0, 1, 2, 3], target);
        sim.assert_transfers(&[0, 1, 2, 3]);
    });
}

#[test]
fn honest_validators_finalize_despite_an_equivocating_one() {
    run(3, |context| async move {
        let mut sim = Sim::new(context).await;
        for i in 0..VALIDATORS {
            // Validator 0 signs two different digests in every view it votes in.
            sim.start(i, i == 0).await;
        }
        sim.submit_transfers();
        let honest = [1, 2, 3];
        sim.wait_height(&honest, 15).await;
        sim.wait_transfers(&honest).await;
        let up_to = honest.iter().map(|i| sim.height(*i)).min().unwrap_or(0);
        sim.assert_agree(&honest, up_to);
        sim.assert_transfers(&honest);
        // The honest validators caught it and blocked it.
        let blocked = sim.oracle.blocked().await.expect("network runs");
        let byzantine = sim.public(0);
        for i in honest {
            assert!(
                blocked.contains(&(sim.public(i), byzantine.clone())),
                "validator {i} did not block the equivocator: {blocked:?}"
            );
        }
    });
}

#[test]
fn finalization_stops_during_a_partition_and_resumes_when_it_heals() {
    run(4, |context| async move {
        let mut sim = Sim::new(context).await;
        for i in 0..VALIDATORS {
            sim.start(i, false).await;
        }
        let all = [0, 1, 2, 3];
        sim.wait_height(&all, 5).await;

        // Split {0, 1} from {2, 3}: neither side has a quorum of 3.
        for a in [0, 1] {
            for b in [2, 3] {
                sim.unlink(a, b).await;
                sim.unlink(b, a).await;
            }
        }
        // Let what was in flight settle, then nothing may finalize for 10 simulated seconds.
        sim.context.sleep(Duration::from_secs(2)).await;
        let frozen: Vec<u64> = all.iter().map(|i| sim.height(*i)).collect();
        sim.context.sleep(Duration::from_secs(10)).await;
        let after: Vec<u64> = all.iter().map(|i| sim.height(*i)).collect();
        assert_eq!(frozen, after, "a minority finalized during the partition");

        // Heal: finalization resumes, with transfers, and everyone agrees.
        for a in [0, 1] {
            for b in [2, 3] {
                sim.link(a, b).await;
                sim.link(b, a).await;
            }
        }
        sim.submit_transfers();
        let top = after.iter().max().copied().unwrap_or(0);
        sim.wait_height(&all, top + 10).await;
        sim.wait_transfers(&all).await;
        let up_to = all.iter().map(|i| sim.height(*i)).min().unwrap_or(0);
        sim.assert_agree(&all, up_to);
        sim.assert_transfers(&all);
    });
}

#[test]
fn same_seed_same_chain_other_seed_still_consistent() {
    let (a, audit_a) = run(7, |context| all_agree(context, 10));
    let (b, audit_b) = run(7, |context| all_agree(context, 10));
    assert_eq!(a, b, "same seed, different finalized chains");
    assert_eq!(audit_a, audit_b, "same seed, different executions");
    // Another seed schedules differently; its chain is still agreed on by all four (checked
    // inside).
    let (c, _) = run(8, |context| all_agree(context, 10));
    assert!(c.len() >= 10);
}
