//! `executive::apply_block/transfers=N`: blocks of N signed transfers from N distinct funded
//! accounts, signature verification included; beside it `crypto::sr25519_verify` (one by one)
//! and `crypto::sr25519_verify_batch` (the physical limit the block path is measured against).
//! Throughput = N / time per block.

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use yuma_primitives::{
    call::BalancesCall, crypto, extrinsic::MultiAddress, Balance, Pair, RuntimeCall,
};
use yuma_runtime::{genesis::GenesisConfig, MemoryChain};

fn keys(n: usize) -> Vec<Pair> {
    (0..n)
        .map(|i| {
            let mut seed = [0u8; 32];
            seed[..8].copy_from_slice(&(i as u64).to_le_bytes());
            Pair::from_seed(&seed)
        })
        .collect()
}

fn setup(n: usize) -> (MemoryChain, Vec<Vec<u8>>) {
    let ks = keys(n);
    let mut g = GenesisConfig::preset("empty").expect("preset");
    for k in &ks {
        g.set_balance(k.public(), 1_000_000_000_000);
    }
    let chain = MemoryChain::new(&g).expect("genesis");
    let xts = ks
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let to = ks[(i + 1) % n].public();
            let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
                dest: MultiAddress::Id(to),
                value: Balance(1_000_000_000),
            });
            chain.sign(k, call, 0, 0)
        })
        .collect();
    (chain, xts)
}

fn apply_block(c: &mut Criterion) {
    let mut group = c.benchmark_group("executive::apply_block");
    group.sample_size(10);
    for n in [1_000usize, 10_000] {
        let (chain, xts) = setup(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("transfers={n}"), |b| {
            b.iter_batched(
                || xts.clone(),
                |xts| {
                    let block = yuma_runtime::Block {
                        header: yuma_runtime::Header {
                            parent_hash: chain.best_hash(),
                            number: 1,
                            state_root: Default::default(),
                            extrinsics_root: Default::default(),
                            timestamp_ms: 12_000,
                            author: None,
                        },
                        extrinsics: xts,
                    };
                    let out = yuma_runtime::apply_block(&chain.state, &block).expect("applies");
                    assert!(out
                        .receipts
                        .iter()
                        .all(|r| r.outcome == yuma_runtime::Outcome::Success));
                    out
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn verify(c: &mut Criterion) {
    let ks = keys(256);
    let msgs: Vec<Vec<u8>> = (0..256u32).map(|i| i.to_le_bytes().repeat(40)).collect();
    let sigs: Vec<[u8; 64]> = ks.iter().zip(&msgs).map(|(k, m)| k.sign(m)).collect();
    let pubs: Vec<_> = ks.iter().map(Pair::public).collect();
    let mut group = c.benchmark_group("crypto");
    group.throughput(Throughput::Elements(256));
    group.bench_function("sr25519_verify/n=256", |b| {
        b.iter(|| (0..256).all(|i| crypto::verify(&pubs[i], &msgs[i], &sigs[i])))
    });
    group.bench_function("sr25519_verify_batch/n=256 threads=1", |b| {
        let items: Vec<_> = (0..256)
            .map(|i| (&pubs[i], msgs[i].as_slice(), &sigs[i]))
            .collect();
        b.iter(|| crypto::verify_batch(&items))
    });
    group.bench_function("sr25519_verify_batch/n=256 threads=2", |b| {
        let items: Vec<_> = (0..256)
            .map(|i| (&pubs[i], msgs[i].as_slice(), &sigs[i]))
            .collect();
        b.iter(|| {
            std::thread::scope(|s| {
                let (a, z) = items.split_at(128);
                let h = s.spawn(|| crypto::verify_batch(a));
                let r = crypto::verify_batch(z);
                h.join().unwrap_or(false) && r
            })
        })
    });
    group.finish();
}

criterion_group!(benches, apply_block, verify);
criterion_main!(benches);
