//! `yuma bench …`: node benchmarks whose numbers go into reports (build with `--release`).
//!
//! - `cold-start`: spawns `yuma node --dev --tmp` (this binary) and times process start to the
//!   first finalized block, polling `yuma_status` over HTTP.
//! - `transfers`: an in-process node whose genesis funds many accounts; pre-signed
//!   `transfer_keep_alive`s go in through JSON-RPC (`yuma_submitTransaction` in batch requests,
//!   encoded before the clock starts, over several HTTP keep-alive connections with the
//!   node's default rate limits) and the rate is what got finalized per second of wall time.
//!   The same transfers applied by the runtime alone (`MemoryChain::apply`, blocks of the
//!   proposer's size, signatures verified) give the raw rate beside it, so the node's overhead
//!   is visible. The driver shares the machine's cores with the node.
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
use yuma_primitives::{call::SubtensorCall, AccountId, NetUid, Pair, RuntimeCall, H256};
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
    /// HTTP keep-alive connections submitting in parallel (each with one batch in flight).
    #[arg(long, default_value_t = 8)]
    connections: usize,
    /// Transactions per JSON-RPC batch request.
    #[arg(long, default_value_t = 256)]
    batch: usize,
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
    let txs = yuma_node::ring_transfers(&pairs, per, 1_000_000, genesis_hash);
    eprintln!("signed {total} in {:.2} s", t.elapsed().as_secs_f64());

    // The runtime alone: blocks of the proposer's size, nonce-major order, every signature
    // verified (none remembered from an earlier run in this process).
    let raw = {
        let mut chain = MemoryChain::new(&genesis).map_err(|e| CliError::Failed(e.to_string()))?;
        let flat: Vec<Vec<u8>> = txs.iter().flatten().cloned().collect();
        yuma_runtime::executive::forget_verified_signatures();
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
    yuma_runtime::executive::forget_verified_signatures();
    println!("runtime raw apply: {total} transfers, {raw:.0} transfers/s");

    // Batch requests, encoded now: nonce-major, dealt to the connections in turn.
    let per_batch = a
        .batch
        .clamp(1, yuma_node::rpc::limits::DEFAULT_MAX_BATCH as usize);
    let connections = a.connections.max(1);
    let flat: Vec<String> = txs
        .iter()
        .flatten()
        .map(|tx| format!("0x{}", hex::encode(tx)))
        .collect();
    let mut work: Vec<Vec<Vec<String>>> = vec![Vec::new(); connections];
    for (i, chunk) in flat.chunks(per_batch).enumerate() {
        work[i % connections].push(chunk.to_vec());
    }

    let dir = tempfile::tempdir()
        .map_err(|e| CliError::Io(format!("cannot create a temporary directory: {e}")))?;
    let config = bench_node(
        genesis,
        Duration::from_millis(a.block_time.max(1)),
        dir.path(),
    )?;
    let out = run_with(config, move |r| async move {
        let url = format!("ws://{}", r.rpc_addr);
        let c = Client::connect(&url).await.map_err(|e| e.to_string())?;
        let start_block = c
            .status()
            .await
            .map_err(|e| e.to_string())?
            .finalized_number;
        let addr = r.rpc_addr;
        let t0 = Instant::now();
        let submitters: Vec<_> = work
            .into_iter()
            .map(|batches| std::thread::spawn(move || submit_all(addr, batches)))
            .collect();
        let retries = tokio::task::spawn_blocking(move || {
            submitters
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err("a submitter panicked".into()))
                })
                .sum::<Result<usize, String>>()
        })
        .await
        .map_err(|e| e.to_string())??;
        let submitted = t0.elapsed();
        loop {
            let s = c.status().await.map_err(|e| e.to_string())?;
            if s.pending_transactions == 0 {
                let elapsed = t0.elapsed();
                let mut included = 0usize;
                let mut largest = 0usize;
                for n in start_block + 1..=s.finalized_number {
                    let b = c
                        .block(Some(yuma_primitives::rpc::BlockId::Number(n)))
                        .await
                        .map_err(|e| e.to_string())?;
                    let len = b.map_or(0, |b| b.extrinsics.len());
                    included += len;
                    largest = largest.max(len);
                }
                return Ok::<_, String>(TransferRun {
                    submitted,
                    elapsed,
                    included,
                    blocks: s.finalized_number - start_block,
                    largest,
                    retries,
                });
            }
            if t0.elapsed() > Duration::from_secs(600) {
                return Err("transfers not finalized within 600 s".to_string());
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .map_err(|e| CliError::Failed(e.to_string()))?;
    let run = out.map_err(CliError::Failed)?;
    println!(
        "node: {} of {total} transfers finalized in {:.2} s over {} blocks (largest {}); \
         all admitted after {:.2} s ({:.0}/s admission, {} resubmitted after \"mempool full\"): \
         {:.0} finalized transfers/s through RPC; runtime raw apply {raw:.0}/s",
        run.included,
        run.elapsed.as_secs_f64(),
        run.blocks,
        run.largest,
        run.submitted.as_secs_f64(),
        total as f64 / run.submitted.as_secs_f64(),
        run.retries,
        run.included as f64 / run.elapsed.as_secs_f64()
    );
    Ok(())
}

/// What one `transfers` run through the node measured.
struct TransferRun {
    submitted: Duration,
    elapsed: Duration,
    included: usize,
    blocks: u64,
    largest: usize,
    retries: usize,
}

/// Sends every batch of `yuma_submitTransaction` calls over one HTTP/1.1 keep-alive
/// connection, one request in flight; transactions refused because the mempool is full are
/// sent again once the rest went out. Any other refusal fails the run. Returns how many were
/// sent again.
fn submit_all(addr: SocketAddr, batches: Vec<Vec<String>>) -> Result<usize, String> {
    let mut conn =
        TcpStream::connect(addr).map_err(|e| format!("cannot connect to {addr}: {e}"))?;
    let _ = conn.set_nodelay(true);
    let bodies: Vec<(String, Vec<String>)> =
        batches.into_iter().map(|b| (batch_body(&b), b)).collect();
    let mut retried = 0usize;
    let mut pending: Vec<String> = Vec::new();
    let mut queue = bodies;
    loop {
        for (body, txs) in &queue {
            let reply = http_post(&mut conn, body)?;
            let entries: Vec<Value> = serde_json::from_slice(&reply)
                .map_err(|e| format!("a batch reply does not parse: {e}"))?;
            if entries.len() != txs.len() {
                return Err(format!(
                    "a batch of {} got {} answers: {}",
                    txs.len(),
                    entries.len(),
                    String::from_utf8_lossy(&reply)
                ));
            }
            for entry in entries {
                let Some(err) = entry.get("error") else {
                    continue;
                };
                let msg = err["message"].as_str().unwrap_or_default();
                let id = entry["id"].as_u64().unwrap_or(u64::MAX) as usize;
                match txs.get(id) {
                    Some(tx) if msg.contains("mempool full") => pending.push(tx.clone()),
                    _ => return Err(format!("a transfer was refused: {err}")),
                }
            }
        }
        if pending.is_empty() {
            return Ok(retried);
        }
        retried += pending.len();
        std::thread::sleep(Duration::from_millis(20));
        queue = pending
            .chunks(256)
            .map(|b| (batch_body(b), b.to_vec()))
            .collect();
        pending.clear();
    }
}

/// A JSON-RPC batch submitting each of `txs` (hex), ids their positions.
fn batch_body(txs: &[String]) -> String {
    let calls: Vec<String> = txs
        .iter()
        .enumerate()
        .map(|(i, tx)| {
            format!(
                r#"{{"jsonrpc":"2.0","id":{i},"method":"yuma_submitTransaction","params":["{tx}"]}}"#
            )
        })
        .collect();
    format!("[{}]", calls.join(","))
}

/// One POST on a keep-alive connection; the response body (the node answers with a length).
fn http_post(conn: &mut TcpStream, body: &str) -> Result<Vec<u8>, String> {
    let io = |e: std::io::Error| format!("RPC connection failed: {e}");
    let req = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    conn.write_all(req.as_bytes()).map_err(io)?;
    conn.write_all(body.as_bytes()).map_err(io)?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if conn.read(&mut byte).map_err(io)? == 0 {
            return Err("the node closed the RPC connection".into());
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("a reply without content-length: {head}"))?;
    let mut body = vec![0u8; len];
    conn.read_exact(&mut body).map_err(io)?;
    if !head.starts_with("http/1.1 200") {
        return Err(format!(
            "the node answered {}: {}",
            head.lines().next().unwrap_or_default(),
            String::from_utf8_lossy(&body)
        ));
    }
    Ok(body)
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
