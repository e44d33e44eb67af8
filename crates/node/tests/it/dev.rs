//! A dev node in-process: a transfer through RPC reaches finality, and a restart from the
//! same base path keeps the state.

use commonware_runtime::{tokio as cw_tokio, Runner as _};
use serde_json::{json, Value};
use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use yuma_node::dev::{start, NodeConfig};
use yuma_primitives::{call::BalancesCall, extrinsic::MultiAddress, Pair, RuntimeCall, H256};

const WAIT: Duration = Duration::from_secs(30);

/// One JSON-RPC call over plain HTTP/1.1.
async fn call(addr: SocketAddr, method: &str, params: Value) -> Value {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let req = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.expect("write");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.expect("read");
    let text = String::from_utf8(buf).expect("utf8");
    let (_, body) = text.split_once("\r\n\r\n").expect("http body");
    serde_json::from_str(body).expect("json body")
}

async fn result(addr: SocketAddr, method: &str, params: Value) -> Value {
    let v = call(addr, method, params).await;
    assert!(v.get("error").is_none(), "{method}: {v}");
    v["result"].clone()
}

async fn wait_finalized(addr: SocketAddr, at_least: u64) -> Value {
    let start = Instant::now();
    loop {
        let s = result(addr, "yuma_status", json!([])).await;
        if s["finalizedNumber"].as_u64().unwrap_or(0) >= at_least {
            return s;
        }
        assert!(start.elapsed() < WAIT, "no finality: {s}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn config(dir: &std::path::Path) -> NodeConfig {
    let mut c = NodeConfig::dev(dir.to_path_buf(), 0);
    c.block_time = Duration::from_millis(50);
    c
}

#[test]
fn dev_node_transfer_finalizes_and_survives_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bob = Pair::from_uri("//Bob").expect("uri").public();
    let amount = 5_000_000_000u64;

    // Run 1: produce blocks, submit a transfer, wait for its receipt.
    let cfg = config(dir.path());
    let (number, root, bob_free, hash, receipt) = cw_tokio::Runner::new(
        cw_tokio::Config::new().with_storage_directory(dir.path()),
    )
    .start(|context| async move {
        let t0 = Instant::now();
        let (_h, addr, server) = start(context, &cfg).await.expect("node starts");
        let status = wait_finalized(addr, 1).await;
        eprintln!("first finalized block after {:?}", t0.elapsed());
        let genesis: H256 = serde_json::from_value(status["genesisHash"].clone()).expect("hash");
        let head_hash: H256 =
            serde_json::from_value(status["finalizedHash"].clone()).expect("hash");
        let head = status["finalizedNumber"].as_u64().expect("number");
        let bob_before = result(addr, "yuma_account", json!([bob.to_ss58()])).await["free"]
            .as_u64()
            .expect("free");

        // Garbage and a bad signature are refused with codes, not crashes.
        let bad = call(addr, "yuma_submitTransaction", json!(["0x0102"])).await;
        assert_eq!(bad["error"]["code"], 1010, "{bad}");
        let bad = call(addr, "yuma_submitTransaction", json!(["zz"])).await;
        assert_eq!(bad["error"]["code"], -32602, "{bad}");

        let alice = Pair::from_uri("//Alice").expect("uri");
        let call_ = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
            dest: MultiAddress::Id(bob),
            value: yuma_primitives::Balance(amount),
        });
        // Born at the finalized head: the mempool knows the head's hash.
        let tx = yuma_node::sign(&alice, call_, 0, 0, genesis, head, head_hash, 64);
        let dry = result(
            addr,
            "yuma_dryRun",
            json!([format!("0x{}", hex::encode(&tx))]),
        )
        .await;
        assert_eq!(dry["success"], true, "{dry}");
        let hash = result(
            addr,
            "yuma_submitTransaction",
            json!([format!("0x{}", hex::encode(&tx))]),
        )
        .await;

        let t = Instant::now();
        let receipt = loop {
            let r = result(addr, "yuma_getTransaction", json!([hash.clone()])).await;
            if !r.is_null() {
                break r;
            }
            assert!(t.elapsed() < WAIT, "transfer never finalized");
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        assert_eq!(receipt["success"], true, "{receipt}");
        let bob_after = result(addr, "yuma_account", json!([bob.to_ss58()])).await["free"]
            .as_u64()
            .expect("free");
        assert_eq!(bob_after, bob_before + amount);
        let nonce = result(addr, "yuma_nonce", json!([alice.public().to_ss58()])).await;
        assert_eq!(nonce, 1);

        // Throughput while idle: blocks per second at a 50 ms block time.
        let s0 = wait_finalized(addr, 0).await["finalizedNumber"]
            .as_u64()
            .unwrap_or(0);
        let t = Instant::now();
        tokio::time::sleep(Duration::from_millis(500)).await;
        let s1 = wait_finalized(addr, 0).await["finalizedNumber"]
            .as_u64()
            .unwrap_or(0);
        eprintln!(
            "{:.1} blocks/s",
            (s1 - s0) as f64 / t.elapsed().as_secs_f64()
        );

        let s = wait_finalized(addr, 0).await;
        let n = s["finalizedNumber"].as_u64().expect("number");
        let block = result(addr, "yuma_getBlock", json!([n])).await;
        let root = block["header"]["stateRoot"]
            .as_str()
            .expect("root")
            .to_string();
        let _ = server.stop();
        (n, root, bob_after, hash, receipt)
    });

    // Run 2: same base path; the finalized chain and state are back.
    let cfg = config(dir.path());
    cw_tokio::Runner::new(cw_tokio::Config::new().with_storage_directory(dir.path())).start(
        |context| async move {
            let (_h, addr, server) = start(context, &cfg).await.expect("node restarts");
            wait_finalized(addr, number + 1).await;
            let block = result(addr, "yuma_getBlock", json!([number])).await;
            assert_eq!(block["header"]["stateRoot"].as_str(), Some(root.as_str()));
            // States before the restored head are not kept; no transfer followed, so Bob's
            // balance at the new head is the one recorded.
            let free = result(addr, "yuma_account", json!([bob.to_ss58()])).await["free"]
                .as_u64()
                .expect("free");
            assert_eq!(free, bob_free);
            // The transfer finalized before the restart: same receipt, events included (from
            // the persistent index: the in-memory view starts empty).
            assert!(!receipt["events"].as_array().expect("events").is_empty());
            let again = result(addr, "yuma_getTransaction", json!([hash])).await;
            assert_eq!(again, receipt);
            let _ = server.stop();
        },
    );
}

async fn wait_receipt(addr: SocketAddr, hash: &Value) -> Value {
    let t = Instant::now();
    loop {
        let r = result(addr, "yuma_getTransaction", json!([hash])).await;
        if !r.is_null() {
            return r;
        }
        assert!(t.elapsed() < WAIT, "{hash} never finalized");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[test]
fn faucet_mints_counted_in_issuance_and_only_on_dev_chains() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = config(dir.path());
    cw_tokio::Runner::new(cw_tokio::Config::new().with_storage_directory(dir.path())).start(
        |context| async move {
            let (_h, addr, server) = start(context, &cfg).await.expect("node starts");
            wait_finalized(addr, 1).await;
            // A fresh account: nothing before.
            let who = Pair::from_uri("//FaucetTest").expect("uri").public();
            let issuance0 = result(addr, "yuma_totalIssuance", json!([])).await;
            let issuance0 = issuance0.as_u64().expect("u64");
            // Two requests before either is finalized: the second builds on the first.
            let h1 = result(
                addr,
                "yuma_faucet",
                json!([who.to_ss58(), 3_000_000_000u64]),
            )
            .await;
            let h2 = result(
                addr,
                "yuma_faucet",
                json!([who.to_ss58(), 2_000_000_000u64]),
            )
            .await;
            let r1 = wait_receipt(addr, &h1).await;
            let r2 = wait_receipt(addr, &h2).await;
            assert_eq!(r1["success"], true, "{r1}");
            assert_eq!(r2["success"], true, "{r2}");
            let free = result(addr, "yuma_account", json!([who.to_ss58()])).await["free"]
                .as_u64()
                .expect("free");
            assert_eq!(free, 5_000_000_000);
            // Issuance grew by what was minted; the sudo key's fees (no block author on a dev
            // chain) were burned.
            let fees = r1["fee"].as_u64().expect("fee") + r2["fee"].as_u64().expect("fee");
            assert!(fees > 0);
            let issuance1 = result(addr, "yuma_totalIssuance", json!([])).await;
            assert_eq!(
                issuance1.as_u64().expect("u64"),
                issuance0 + 5_000_000_000 - fees
            );
            // Bad amounts are refused with a parameter error.
            let e = call(addr, "yuma_faucet", json!([who.to_ss58(), 0])).await;
            assert_eq!(e["error"]["code"], -32602, "{e}");
            let e = call(addr, "yuma_faucet", json!([who.to_ss58(), u64::MAX])).await;
            assert_eq!(e["error"]["code"], -32602, "{e}");
            let e = call(addr, "yuma_faucet", json!(["not-an-address", 5])).await;
            assert_eq!(e["error"]["code"], -32602, "{e}");
            let _ = server.stop();
        },
    );

    // The same genesis run as a non-dev chain: the faucet is refused, nothing is signed.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = config(dir.path());
    cfg.dev = false;
    cw_tokio::Runner::new(cw_tokio::Config::new().with_storage_directory(dir.path())).start(
        |context| async move {
            let (_h, addr, server) = start(context, &cfg).await.expect("node starts");
            let bob = Pair::from_uri("//Bob").expect("uri").public();
            let e = call(addr, "yuma_faucet", json!([bob.to_ss58(), 5])).await;
            assert_eq!(e["error"]["code"], 1030, "{e}");
            assert!(
                e["error"]["message"]
                    .as_str()
                    .unwrap_or("")
                    .contains("only available on a dev chain"),
                "{e}"
            );
            let s = result(addr, "yuma_status", json!([])).await;
            assert_eq!(s["pendingTransactions"], 0, "{s}");
            let _ = server.stop();
        },
    );
}
