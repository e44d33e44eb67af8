//! What a dev node shows and refuses: Prometheus metrics, `yuma_subscribeEvents`, dry runs on
//! the best state, queries at a block by hash, the per-connection rate limit and the batch
//! bound.

use commonware_runtime::{tokio as cw_tokio, Runner as _};
use jsonrpsee_core::{client::SubscriptionClientT as _, rpc_params};
use jsonrpsee_ws_client::WsClientBuilder;
use serde_json::{json, Value};
use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use yuma_client::Client;
use yuma_node::{
    dev::{start_node, NodeConfig},
    rpc::Limits,
};
use yuma_primitives::{
    call::BalancesCall, extrinsic::MultiAddress, rpc::BlockId, Balance, Pair, RuntimeCall,
};

/// Sends raw HTTP `request` (method line, headers and body) and returns the response text.
async fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> String {
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.expect("write");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.expect("read");
    String::from_utf8(buf).expect("utf8")
}

fn body(resp: &str) -> Value {
    let (_, b) = resp.split_once("\r\n\r\n").expect("http body");
    serde_json::from_str(b).expect("json")
}

fn config(dir: &std::path::Path) -> NodeConfig {
    let mut c = NodeConfig::dev(dir.to_path_buf(), 0);
    c.block_time = Duration::from_millis(50);
    c.metrics_addr = Some(SocketAddr::from(([127, 0, 0, 1], 0)));
    // No rate limit here (the rate limiter has its own tests in rpc::limits), a small batch.
    c.rpc_limits = Limits {
        calls_per_second: 0,
        burst: 1,
        max_batch: 3,
    };
    c
}

#[test]
fn metrics_events_dry_runs_and_limits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = config(dir.path());
    cw_tokio::Runner::new(cw_tokio::Config::new().with_storage_directory(dir.path())).start(
        |context| async move {
            let r = start_node(context, &cfg).await.expect("node starts");
            let (addr, metrics) = (r.rpc_addr, r.metrics_addr.expect("metrics on"));
            let c = || async { Client::connect(&format!("http://{addr}")).await.expect("http") };
            let t = Instant::now();
            while c().await.status().await.expect("status").finalized_number < 2 {
                assert!(t.elapsed() < Duration::from_secs(30), "no blocks");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }

            // A dev chain producing blocks: no peers, not syncing.
            let status = c().await.status().await.expect("status");
            assert_eq!(status.peers, 0);
            assert!(!status.syncing, "{status:?}");

            // Events: only Balances.Transfer, after a transfer.
            let ws = WsClientBuilder::default()
                .build(format!("ws://{addr}"))
                .await
                .expect("ws");
            let mut sub = ws
                .subscribe::<Value, _>(
                    "yuma_subscribeEvents",
                    rpc_params![json!({"pallet": "Balances", "name": "Transfer"})],
                    "yuma_unsubscribeEvents",
                )
                .await
                .expect("subscribes");
            let alice = Pair::from_uri("//Alice").expect("uri");
            let bob = Pair::from_uri("//Bob").expect("uri").public();
            let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
                dest: MultiAddress::Id(bob),
                value: Balance(1_234_567),
            });
            let tx = c().await.sign(&alice, call, 0).await.expect("signs");
            // Dry run on the best state: valid, succeeds, one Transfer among its events.
            let dry = c().await.dry_run(&tx).await.expect("dry run");
            assert!(dry.valid && dry.success, "{dry:?}");
            let hash = c().await.submit(&tx).await.expect("submits");
            let note = tokio::time::timeout(Duration::from_secs(30), sub.next())
                .await
                .expect("an events notification")
                .expect("open")
                .expect("json");
            let events = note["events"].as_array().expect("events");
            assert_eq!(events.len(), 1, "{note}");
            assert_eq!(events[0]["pallet"], "Balances");
            assert_eq!(events[0]["name"], "Transfer");
            assert_eq!(events[0]["amount"], 1_234_567);
            assert_eq!(events[0]["phase"], "ApplyExtrinsic");
            let receipt = c().await.wait(hash, Duration::from_secs(30)).await.expect("receipt");
            assert_eq!(note["blockNumber"], receipt.block_number);
            // The same block by hash: its state answers queries.
            let by_hash = c()
                .await
                .query(
                    "block_number",
                    Value::Null,
                    Some(BlockId::Hash(receipt.block_hash)),
                )
                .await
                .expect("query at hash");
            assert_eq!(by_hash, json!(receipt.block_number));
            // A bad filter is refused.
            let bad = ws
                .subscribe::<Value, _>(
                    "yuma_subscribeEvents",
                    rpc_params![json!({"palet": "Balances"})],
                    "yuma_unsubscribeEvents",
                )
                .await;
            assert!(bad.is_err());

            // A batch at the bound is served.
            let batch: Vec<Value> = (1..=3)
                .map(|i| json!({"jsonrpc": "2.0", "id": i, "method": "yuma_blockNumber", "params": []}))
                .collect();
            let resp = body(&http(addr, "POST", "/", &Value::from(batch.clone()).to_string()).await);
            let codes: Vec<Value> = resp
                .as_array()
                .expect("batch response")
                .iter()
                .map(|r| r["error"]["code"].clone())
                .collect();
            assert_eq!(codes, vec![Value::Null; 3], "{resp}");
            // A batch over the bound is refused whole.
            let mut four = batch;
            four.push(json!({"jsonrpc": "2.0", "id": 4, "method": "yuma_blockNumber"}));
            let resp = body(&http(addr, "POST", "/", &Value::from(four).to_string()).await);
            assert_eq!(resp["error"]["code"], -32010, "{resp}");

            // A batch of submissions is admitted together, each answered as if alone and in
            // order: the tampered one gets 1010 (BadProof), the valid ones their hashes.
            let st = c().await.status().await.expect("status");
            let bob_pair = Pair::from_uri("//Bob").expect("uri");
            let to_alice = |nonce: u32| {
                let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
                    dest: MultiAddress::Id(alice.public()),
                    value: Balance(1_000_000),
                });
                yuma_node::sign(
                    &bob_pair,
                    call,
                    nonce,
                    0,
                    st.genesis_hash,
                    st.finalized_number,
                    st.finalized_hash,
                    64,
                )
            };
            let (first, second) = (to_alice(0), to_alice(1));
            let mut tampered = second.clone();
            *tampered.last_mut().expect("bytes") ^= 1;
            let submits: Vec<Value> = [&first, &tampered, &second]
                .iter()
                .enumerate()
                .map(|(i, tx)| {
                    json!({"jsonrpc": "2.0", "id": i, "method": "yuma_submitTransaction",
                           "params": [format!("0x{}", hex::encode(tx))]})
                })
                .collect();
            let resp = body(&http(addr, "POST", "/", &Value::from(submits).to_string()).await);
            let answers = resp.as_array().expect("batch response");
            assert_eq!(answers.len(), 3, "{resp}");
            let by_id = |i: u64| {
                answers
                    .iter()
                    .find(|a| a["id"] == i)
                    .unwrap_or_else(|| panic!("no answer {i}: {resp}"))
            };
            let hash = |tx: &[u8]| json!(yuma_primitives::extrinsic::extrinsic_hash(tx));
            assert_eq!(by_id(0)["result"], hash(&first), "{resp}");
            assert_eq!(by_id(1)["error"]["code"], 1010, "{resp}");
            assert!(
                by_id(1)["error"]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("BadProof")),
                "{resp}"
            );
            assert_eq!(by_id(2)["result"], hash(&second), "{resp}");

            // Metrics: Commonware's registry and the node's own.
            let text = http(metrics, "GET", "/metrics", "").await;
            assert!(text.starts_with("HTTP/1.1 200"), "{text}");
            let value = |name: &str| -> f64 {
                text.lines()
                    .find_map(|l| l.strip_prefix(&format!("{name} ")))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or_else(|| panic!("{name} missing"))
            };
            assert!(value("yuma_finalized_height") >= 2.0);
            assert!(value("yuma_transactions_included_total") >= 1.0);
            assert!(value("yuma_rpc_requests_total") >= 10.0);
            assert!(value("yuma_block_execution_seconds_count") >= 2.0);
            assert!(
                text.lines()
                    .any(|l| !l.starts_with('#') && l.contains('_') && !l.starts_with("yuma_") && !l.starts_with("HTTP") && l.contains(' ')),
                "no Commonware metric in {text}"
            );
            assert!(http(metrics, "GET", "/nope", "").await.starts_with("HTTP/1.1 404"));
            assert!(http(metrics, "POST", "/metrics", "").await.starts_with("HTTP/1.1 405"));
            let _ = r.rpc.stop();
        },
    );
}
