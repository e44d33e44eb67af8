//! `yuma bench …`: node benchmarks whose numbers go into reports (build with `--release`).
//!
//! - `cold-start`: spawns `yuma node --dev --tmp` (this binary) and times process start to the
//!   first finalized block, polling `yuma_status` over HTTP.
//! - `transfers`: an in-process node whose genesis funds many accounts; pre-signed
//!   `transfer_keep_alive`s go in through JSON-RPC (`yuma_submitTransaction` over several
//!   WebSocket connections) and the rate is what got finalized per second of wall time. The
//!   same transfers applied by the runtime alone (`MemoryChain::apply`, blocks of the
//!   proposer's size) give the raw rate beside it, so the node's overhead is visible.
//! - `metagraph`: an in-process dev node where `//Alice` creates a subnet and registers 255
//!   more hotkeys (256 uids), then `yuma_metagraph` is called repeatedly; latency percentiles.
//!
//! Nothing here asserts a time: these print numbers.

use super::CliError;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use std::{
    io::{Read as _, Write as _},
    net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream},
    process::{Command, Stdio},
    time::{Duration, Instant},
};
use yuma_client::Client;
use yuma_node::dev::{run_with, Network, NodeConfig};
use yuma_primitives::{
    call::{BalancesCall, SubtensorCall},
    extrinsic::MultiAddress,
    AccountId, Balance, NetUid, Pair, RuntimeCall, H256,
};
use yuma_runtime::{genesis::GenesisConfig, MemoryChain};

/// `yuma bench …`.
#[derive(Debug, Subcommand)]
pub(crate) enum BenchCommand {
    /// Process start of `yuma node --dev --tmp` to its first finalized block.
    ColdStart(ColdStartArgs),
    /// Finalized signed transfers per second through RPC, and the runtime's raw apply rate.
    Transfers(TransfersArgs),
    /// `yuma_metagraph` latency on a 256-uid subnet.
    Metagraph(MetagraphArgs),
}

/// Arguments of `yuma bench cold-start`.
#[derive(Debug, Args)]
pub(crate) struct ColdStartArgs {
    /// Runs.
    #[arg(long, default_value_t = 5)]
    runs: usize,
}

/// Arguments of `yuma bench transfers`.
#[derive(Debug, Args)]
pub(crate) struct TransfersArgs {
    /// Sending accounts (each funded at genesis).
    #[arg(long, default_value_t = 2_000)]
    accounts: usize,
    /// Transfers in all.
    #[arg(long, default_value_t = 20_000)]
    txs: usize,
    /// WebSocket connections submitting in parallel.
    #[arg(long, default_value_t = 16)]
    connections: usize,
    /// Minimum time between blocks, milliseconds.
    #[arg(long, default_value_t = 100)]
    block_time: u64,
}

/// Arguments of `yuma bench metagraph`.
#[derive(Debug, Args)]
pub(crate) struct MetagraphArgs {
    /// Calls to time.
    #[arg(long, default_value_t = 200)]
    calls: usize,
}

pub(crate) fn run(cmd: BenchCommand) -> Result<(), CliError> {
    match cmd {
        BenchCommand::ColdStart(a) => cold_start(a),
        BenchCommand::Transfers(a) => transfers(a),
        BenchCommand::Metagraph(a) => metagraph(a),
    }
}

fn free_port() -> Result<u16, CliError> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| CliError::Io(format!("no free port: {e}")))
}

/// One JSON-RPC call over HTTP/1.1 with std only; `None` while nothing answers.
fn http_call(port: u16, method: &str) -> Option<Value> {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": []}).to_string();
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    let req = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).ok()?;
    let (_, body) = buf.split_once("\r\n\r\n")?;
    serde_json::from_str::<Value>(body)
        .ok()?
        .get("result")
        .cloned()
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[(sorted.len() - 1) * p / 100]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn cold_start(a: ColdStartArgs) -> Result<(), CliError> {
    let exe = std::env::current_exe()
        .map_err(|e| CliError::Io(format!("cannot find this binary: {e}")))?;
    let mut times = Vec::new();
    for run in 1..=a.runs.max(1) {
        let port = free_port()?;
        let t0 = Instant::now();
        let mut child = Command::new(&exe)
            .args(["node", "--dev", "--tmp", "--rpc-port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| CliError::Io(format!("cannot start {}: {e}", exe.display())))?;
        let reached = loop {
            let n = http_call(port, "yuma_status")
                .and_then(|s| s["finalizedNumber"].as_u64())
                .unwrap_or(0);
            if n >= 1 {
                break Some(t0.elapsed());
            }
            if t0.elapsed() > Duration::from_secs(60) {
                break None;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        let _ = child.kill();
        let _ = child.wait();
        let t = reached.ok_or_else(|| {
            CliError::Failed("the node did not finalize a block within 60 s".into())
        })?;
        println!("run {run}: first finalized block after {}", ms(t));
        times.push(t);
    }
    times.sort();
    println!(
        "cold start to first finalized block: min {}, median {}, max {} ({} runs)",
        ms(times[0]),
        ms(percentile(&times, 50)),
        ms(times[times.len() - 1]),
        times.len()
    );
    Ok(())
}

/// A one-validator network on loopback with `genesis`, storing in a fresh temporary directory.
fn bench_node(
    genesis: GenesisConfig,
    block_time: Duration,
    dir: &std::path::Path,
) -> Result<NodeConfig, CliError> {
    let listen = SocketAddr::from((Ipv4Addr::LOCALHOST, free_port()?));
    let mut c = NodeConfig::dev(dir.to_path_buf(), 0);
    c.block_time = block_time;
    c.p2p_addr = listen;
    c.rpc_limits.calls_per_second = 0;
    c.network = Some(Network::single(genesis, listen));
    Ok(c)
}

fn transfers(a: TransfersArgs) -> Result<(), CliError> {
    let accounts = a.accounts.max(2);
    let per = a.txs.max(1).div_ceil(accounts);
    let total = per * accounts;
    eprintln!("deriving {accounts} accounts and signing {total} transfers…");
    // Seeds hashed from the index: distinct, reproducible, and no BIP-39 stretching per key.
    let pairs: Vec<Pair> = (0..accounts)
        .map(|i| {
            Pair::from_seed(&yuma_primitives::hashing::blake2_256(
                format!("yuma bench account {i}").as_bytes(),
            ))
        })
        .collect();
    let mut genesis = GenesisConfig::preset("dev").map_err(|e| CliError::Failed(e.to_string()))?;
    genesis.chain_name = "yuma bench".into();
    for p in &pairs {
        genesis.set_balance(p.public(), 1_000_000_000_000);
    }
    let (_, genesis_hash) = genesis
        .build()
        .map_err(|e| CliError::Failed(e.to_string()))?;
    // txs[j][i]: account i's transfer with nonce j, to the next account.
    let t = Instant::now();
    let txs: Vec<Vec<Vec<u8>>> = (0..per)
        .map(|j| {
            (0..accounts)
                .map(|i| {
                    let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
                        dest: MultiAddress::Id(pairs[(i + 1) % accounts].public()),
                        value: Balance(1_000_000),
                    });
                    yuma_node::sign(
                        &pairs[i],
                        call,
                        j as u32,
                        0,
                        genesis_hash,
                        0,
                        genesis_hash,
                        4096,
                    )
                })
                .collect()
        })
        .collect();
    eprintln!("signed {total} in {:.2} s", t.elapsed().as_secs_f64());

    // The runtime alone: blocks of the proposer's size, nonce-major order.
    let raw = {
        let mut chain = MemoryChain::new(&genesis).map_err(|e| CliError::Failed(e.to_string()))?;
        let flat: Vec<Vec<u8>> = txs.iter().flatten().cloned().collect();
        let t = Instant::now();
        let mut ok = 0usize;
        for chunk in flat.chunks(yuma_node::mempool::MAX_BLOCK_TXS) {
            let out = chain
                .apply(chunk.to_vec())
                .map_err(|e| CliError::Failed(e.to_string()))?;
            ok += out
                .receipts
                .iter()
                .filter(|r| matches!(r.outcome, yuma_runtime::Outcome::Success))
                .count();
        }
        let secs = t.elapsed().as_secs_f64();
        if ok != total {
            return Err(CliError::Failed(format!(
                "the runtime applied {ok} of {total} transfers"
            )));
        }
        total as f64 / secs
    };
    println!("runtime raw apply: {total} transfers, {raw:.0} transfers/s");

    let dir = tempfile::tempdir()
        .map_err(|e| CliError::Io(format!("cannot create a temporary directory: {e}")))?;
    let config = bench_node(
        genesis,
        Duration::from_millis(a.block_time.max(1)),
        dir.path(),
    )?;
    let connections = a.connections.max(1);
    let out = run_with(config, move |r| async move {
        let url = format!("ws://{}", r.rpc_addr);
        let c = Client::connect(&url).await.map_err(|e| e.to_string())?;
        let start_block = c
            .status()
            .await
            .map_err(|e| e.to_string())?
            .finalized_number;
        let t0 = Instant::now();
        let txs = std::sync::Arc::new(txs);
        let mut tasks = Vec::new();
        for k in 0..connections {
            let txs = txs.clone();
            let url = url.clone();
            tasks.push(tokio::spawn(async move {
                let c = Client::connect(&url).await.map_err(|e| e.to_string())?;
                for round in txs.iter() {
                    for tx in round.iter().skip(k).step_by(connections) {
                        loop {
                            match c.submit(tx).await {
                                Ok(_) => break,
                                Err(e) if e.to_string().contains("mempool full") => {
                                    tokio::time::sleep(Duration::from_millis(2)).await
                                }
                                Err(e) => return Err(e.to_string()),
                            }
                        }
                    }
                }
                Ok::<(), String>(())
            }));
        }
        for t in tasks {
            t.await.map_err(|e| e.to_string())??;
        }
        let submitted = t0.elapsed();
        loop {
            let s = c.status().await.map_err(|e| e.to_string())?;
            if s.pending_transactions == 0 {
                let elapsed = t0.elapsed();
                let mut included = 0usize;
                for n in start_block + 1..=s.finalized_number {
                    let b = c
                        .block(Some(yuma_primitives::rpc::BlockId::Number(n)))
                        .await
                        .map_err(|e| e.to_string())?;
                    included += b.map_or(0, |b| b.extrinsics.len());
                }
                return Ok::<_, String>((
                    submitted,
                    elapsed,
                    included,
                    s.finalized_number - start_block,
                ));
            }
            if t0.elapsed() > Duration::from_secs(600) {
                return Err("transfers not finalized within 600 s".to_string());
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .map_err(|e| CliError::Failed(e.to_string()))?;
    let (submitted, elapsed, included, blocks) = out.map_err(CliError::Failed)?;
    println!(
        "node: {included} of {total} transfers finalized in {:.2} s over {blocks} blocks \
         (all submitted after {:.2} s): {:.0} finalized transfers/s through RPC; \
         runtime raw apply {raw:.0}/s",
        elapsed.as_secs_f64(),
        submitted.as_secs_f64(),
        included as f64 / elapsed.as_secs_f64()
    );
    Ok(())
}

fn metagraph(a: MetagraphArgs) -> Result<(), CliError> {
    let mut genesis = GenesisConfig::preset("dev").map_err(|e| CliError::Failed(e.to_string()))?;
    genesis.chain_name = "yuma bench".into();
    let dir = tempfile::tempdir()
        .map_err(|e| CliError::Io(format!("cannot create a temporary directory: {e}")))?;
    let config = bench_node(genesis, Duration::from_millis(50), dir.path())?;
    let calls = a.calls.max(1);
    let out = run_with(config, move |r| async move {
        let c = Client::connect(&format!("ws://{}", r.rpc_addr))
            .await
            .map_err(|e| e.to_string())?;
        let alice = Pair::from_uri("//Alice").map_err(|e| e.to_string())?;
        let hotkey = |i: u32| -> AccountId {
            let mut a = [0u8; 32];
            a[..4].copy_from_slice(&i.to_le_bytes());
            a[4] = 0xbe;
            AccountId(a)
        };
        eprintln!("creating a subnet and registering 256 uids…");
        let r = c
            .send_and_wait(
                &alice,
                RuntimeCall::SubtensorModule(SubtensorCall::RegisterNetwork { hotkey: hotkey(0) }),
                Duration::from_secs(60),
            )
            .await
            .map_err(|e| e.to_string())?;
        if !r.success {
            return Err(format!("register_network failed: {:?}", r.error));
        }
        let netuid = NetUid(1);
        let status = c.status().await.map_err(|e| e.to_string())?;
        let nonce = c.nonce(&alice.public()).await.map_err(|e| e.to_string())?;
        let genesis_hash = status.genesis_hash;
        let mut last = H256::ZERO;
        for i in 1..256u32 {
            let call = RuntimeCall::SubtensorModule(SubtensorCall::BurnedRegister {
                netuid,
                hotkey: hotkey(i),
            });
            let tx = yuma_node::sign(
                &alice,
                call,
                nonce + i - 1,
                0,
                genesis_hash,
                status.finalized_number,
                status.finalized_hash,
                256,
            );
            last = c.submit(&tx).await.map_err(|e| e.to_string())?;
        }
        let r = c
            .wait(last, Duration::from_secs(120))
            .await
            .map_err(|e| e.to_string())?;
        if !r.success {
            return Err(format!("the last burned_register failed: {:?}", r.error));
        }
        let m = c.metagraph(1, 0).await.map_err(|e| e.to_string())?;
        let uids = m["hotkeys"]
            .as_array()
            .map(Vec::len)
            .or_else(|| m["n"].as_u64().map(|n| n as usize))
            .unwrap_or(0);
        let bytes = m.to_string().len();
        let mut times = Vec::with_capacity(calls);
        for _ in 0..calls {
            let t = Instant::now();
            let _ = c.metagraph(1, 0).await.map_err(|e| e.to_string())?;
            times.push(t.elapsed());
        }
        Ok::<_, String>((uids, bytes, times))
    })
    .map_err(|e| CliError::Failed(e.to_string()))?;
    let (uids, bytes, mut times) = out.map_err(CliError::Failed)?;
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    println!(
        "yuma_metagraph on a {uids}-uid subnet ({bytes} bytes of JSON), {} calls over WebSocket: \
         mean {}, p50 {}, p99 {}, max {}",
        times.len(),
        ms(mean),
        ms(percentile(&times, 50)),
        ms(percentile(&times, 99)),
        ms(times[times.len() - 1])
    );
    Ok(())
}
