//! The real engine (tokio runtime, authenticated `lookup` p2p) with a static set of four
//! validators on loopback ports in one process: the path `yuma node --chain` takes, with
//! every validator's storage under its own partition prefix of one directory.

use commonware_cryptography::{ed25519, Signer as _};
use commonware_runtime::{tokio as cw_tokio, Clock as _, Runner as _, Supervisor as _};
use std::{
    net::{Ipv4Addr, SocketAddr, TcpListener},
    time::{Duration, Instant},
};
use yuma_node::{engine, mempool};
use yuma_runtime::genesis::GenesisConfig;

const VALIDATORS: usize = 4;
const WAIT: Duration = Duration::from_secs(60);

/// A loopback address with a port free right now.
fn free_addr() -> SocketAddr {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    l.local_addr().expect("addr")
}

#[test]
fn four_validators_on_loopback_agree() {
    let dir = tempfile::tempdir().expect("tempdir");
    let keys: Vec<ed25519::PrivateKey> = (0..VALIDATORS as u64)
        .map(|i| ed25519::PrivateKey::from_seed(100 + i))
        .collect();
    let addrs: Vec<SocketAddr> = (0..VALIDATORS).map(|_| free_addr()).collect();
    let validators: Vec<_> = keys
        .iter()
        .zip(&addrs)
        .map(|(k, a)| (k.public_key(), *a))
        .collect();
    let cfg = cw_tokio::Config::new().with_storage_directory(dir.path());
    cw_tokio::Runner::new(cfg).start(|context| async move {
        let t0 = Instant::now();
        let mut handles = Vec::new();
        for (i, key) in keys.into_iter().enumerate() {
            let config = engine::Config {
                signer: key,
                validators: validators.clone(),
                listen: addrs[i],
                genesis: GenesisConfig::preset("dev").expect("genesis"),
                block_time: Duration::from_millis(50),
                mempool: mempool::Config::default(),
                partition_prefix: format!("validator{i}"),
            };
            // Distinct metric labels per validator in the one process.
            let context = context.child("validator").with_attribute("index", i);
            handles.push(
                engine::start(context, config, false)
                    .await
                    .expect("validator starts"),
            );
        }
        let target = 5;
        let height = |h: &engine::Handle| h.chain.lock().head().block.header().number;
        while handles.iter().any(|h| height(h) < target) {
            assert!(t0.elapsed() < WAIT, "no finality on loopback");
            context.sleep(Duration::from_millis(20)).await;
        }
        eprintln!(
            "4 validators on loopback: {target} blocks after {:?}",
            t0.elapsed()
        );
        for n in 1..=target {
            let at = |h: &engine::Handle| {
                let c = h.chain.lock();
                let e = &c.finalized[&n];
                (e.hash, e.block.header().state_root)
            };
            let first = at(&handles[0]);
            for h in &handles[1..] {
                assert_eq!(at(h), first, "validators disagree at height {n}");
            }
        }
    });
}
