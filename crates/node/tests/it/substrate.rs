//! The Substrate JSON-RPC methods of a dev node, through jsonrpsee's WebSocket client, as
//! Bittensor clients use them: storage reads at a block hash decode to what the `yuma_*`
//! methods report, keys page in byte order, a watched transfer reports ready → inBlock →
//! finalized with its block and events readable, and bad transactions get Substrate's errors.

use commonware_runtime::{tokio as cw_tokio, Runner as _};
use jsonrpsee_core::{
    client::{ClientT as _, Error as RpcError, SubscriptionClientT as _},
    rpc_params,
};
use jsonrpsee_ws_client::{WsClient, WsClientBuilder};
use parity_scale_codec::Decode as _;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use yuma_node::dev::{start, NodeConfig};
use yuma_primitives::{
    call::BalancesCall, extrinsic::MultiAddress, hashing::blake2_256, Pair, RuntimeCall, H256,
};
use yuma_runtime::{storage::StorageValue, system};

/// Guard against a hung node (not a timing assertion).
const WAIT: Duration = Duration::from_secs(30);

async fn req(c: &WsClient, method: &str, params: jsonrpsee_core::params::ArrayParams) -> Value {
    match c.request::<Value, _>(method, params).await {
        Ok(v) => v,
        Err(e) => panic!("{method}: {e}"),
    }
}

/// The JSON-RPC error of a call that must fail: `(code, message, data)`.
async fn req_err(
    c: &WsClient,
    method: &str,
    params: jsonrpsee_core::params::ArrayParams,
) -> (i32, String, Option<String>) {
    match c.request::<Value, _>(method, params).await {
        Err(RpcError::Call(e)) => (
            e.code(),
            e.message().to_string(),
            e.data()
                .map(|d| serde_json::from_str::<String>(d.get()).unwrap_or_default()),
        ),
        other => panic!("{method}: expected an error, got {other:?}"),
    }
}

fn hex0x(b: &[u8]) -> String {
    format!("0x{}", hex::encode(b))
}

fn unhex(v: &Value) -> Vec<u8> {
    let s = v.as_str().expect("hex string");
    hex::decode(s.strip_prefix("0x").expect("0x")).expect("hex")
}

fn hash(v: &Value) -> H256 {
    H256::from_hex(v.as_str().expect("hash string")).expect("hash")
}

async fn finalized_at_least(c: &WsClient, n: u64) -> H256 {
    let t = Instant::now();
    loop {
        let head = req(c, "chain_getFinalizedHead", rpc_params![]).await;
        let header = req(c, "chain_getHeader", rpc_params![head.clone()]).await;
        let number = u64::from_str_radix(
            header["number"]
                .as_str()
                .expect("number")
                .trim_start_matches("0x"),
            16,
        )
        .expect("hex number");
        if number >= n {
            return hash(&head);
        }
        assert!(t.elapsed() < WAIT, "no finality");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[test]
fn substrate_rpc_serves_state_blocks_and_watched_transactions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = NodeConfig::dev(dir.path().to_path_buf(), 0);
    cfg.block_time = Duration::from_millis(50);
    cw_tokio::Runner::new(cw_tokio::Config::new().with_storage_directory(dir.path())).start(
        |context| async move {
            let (_h, addr, server) = start(context, &cfg).await.expect("node starts");
            let c = WsClientBuilder::default()
                .build(format!("ws://{addr}"))
                .await
                .expect("ws connects");
            let alice = Pair::from_uri("//Alice").expect("uri");
            let bob = Pair::from_uri("//Bob").expect("uri").public();

            // Chain basics: block 0 is the genesis hash transactions sign over.
            let status = req(&c, "yuma_status", rpc_params![]).await;
            let genesis = req(&c, "chain_getBlockHash", rpc_params![0]).await;
            assert_eq!(genesis, status["genesisHash"]);
            let g_header = req(&c, "chain_getHeader", rpc_params![genesis.clone()]).await;
            assert_eq!(g_header["number"], "0x0");
            assert_eq!(g_header["parentHash"], hex0x(&[0; 32]));
            assert_eq!(g_header["digest"], json!({"logs": []}));
            let head = finalized_at_least(&c, 2).await;
            let header = req(&c, "chain_getHeader", rpc_params![head]).await;
            let number = u64::from_str_radix(
                header["number"]
                    .as_str()
                    .expect("n")
                    .trim_start_matches("0x"),
                16,
            )
            .expect("hex");
            // The hash of block n is what chain_getBlockHash(n) says, and n-1's is the parent.
            assert_eq!(
                req(&c, "chain_getBlockHash", rpc_params![number]).await,
                json!(head)
            );
            assert_eq!(
                req(&c, "chain_getBlockHash", rpc_params![number - 1]).await,
                header["parentHash"]
            );
            assert_eq!(
                req(&c, "chain_getBlockHash", rpc_params![u64::MAX / 2]).await,
                Value::Null
            );
            let props = req(&c, "system_properties", rpc_params![]).await;
            assert_eq!(
                props,
                json!({"ss58Format": 42, "tokenDecimals": 9, "tokenSymbol": "TAO"})
            );
            assert_eq!(
                req(&c, "system_chainType", rpc_params![]).await,
                "Development"
            );
            let methods = req(&c, "rpc_methods", rpc_params![]).await;
            for m in [
                "account_nextIndex",
                "state_getStorageAt",
                "author_submitAndWatchExtrinsic",
                "chain_getFinalisedHead",
            ] {
                assert!(
                    methods["methods"]
                        .as_array()
                        .expect("list")
                        .contains(&json!(m)),
                    "{m} missing from rpc_methods"
                );
            }

            // System.Account of Alice at the head decodes to yuma_account's balance there.
            let key = system::ACCOUNT.key(&alice.public());
            let raw = req(&c, "state_getStorage", rpc_params![hex0x(&key), head]).await;
            let info = system::AccountInfo::decode(&mut unhex(&raw).as_slice()).expect("decodes");
            let yuma = req(
                &c,
                "yuma_account",
                rpc_params![alice.public().to_ss58(), head],
            )
            .await;
            assert_eq!(json!(info.data.free), yuma["free"]);
            assert_eq!(json!(info.nonce), yuma["nonce"]);
            assert!(info.data.free > 0);
            let q = req(
                &c,
                "state_queryStorageAt",
                rpc_params![vec![hex0x(&key), hex0x(b"no such key")], head],
            )
            .await;
            assert_eq!(q[0]["block"], json!(head));
            assert_eq!(
                q[0]["changes"],
                json!([[hex0x(&key), raw], [hex0x(b"no such key"), null]])
            );

            // Keys page in byte order, strictly after the start key, and add up to getKeys.
            let prefix = system::ACCOUNT.prefix();
            let all = req(&c, "state_getKeys", rpc_params![hex0x(&prefix), head]).await;
            let all: Vec<Vec<u8>> = all.as_array().expect("list").iter().map(unhex).collect();
            assert!(all.len() >= 3, "dev genesis funds several accounts");
            assert!(all.windows(2).all(|w| w[0] < w[1]), "byte order");
            assert!(all.iter().all(|k| k.starts_with(&prefix)));
            assert!(all.contains(&key));
            let mut paged = Vec::new();
            let mut start: Option<String> = None;
            loop {
                let page = req(
                    &c,
                    "state_getKeysPaged",
                    rpc_params![hex0x(&prefix), 2, start.clone(), head],
                )
                .await;
                let page: Vec<Vec<u8>> = page.as_array().expect("list").iter().map(unhex).collect();
                assert!(page.len() <= 2);
                if page.is_empty() {
                    break;
                }
                start = page.last().map(|k| hex0x(k));
                paged.extend(page);
            }
            assert_eq!(paged, all);
            let (code, msg, _) = req_err(
                &c,
                "state_getKeysPaged",
                rpc_params![hex0x(&prefix), 1001, Value::Null, head],
            )
            .await;
            assert_eq!(code, 4002, "{msg}");

            // Unknown block hash: Substrate's client error, for storage and state_call.
            let (code, msg, _) = req_err(
                &c,
                "state_getStorage",
                rpc_params![hex0x(&key), H256([9; 32])],
            )
            .await;
            assert_eq!(code, 4003);
            assert!(msg.contains("Header was not found"), "{msg}");
            let (code, msg, _) = req_err(
                &c,
                "state_call",
                rpc_params!["NoSuchApi_method", "0x", head],
            )
            .await;
            assert_eq!(code, 4003);
            assert!(
                msg.contains("Exported method NoSuchApi_method is not found"),
                "{msg}"
            );

            // A transfer signed as clients sign it, era born at the finalized head.
            let sign = |nonce: u32, birth: H256, birth_n: u64| {
                let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
                    dest: MultiAddress::Id(bob),
                    value: yuma_primitives::Balance(1_000_000_000),
                });
                yuma_node::sign(&alice, call, nonce, 0, hash(&genesis), birth_n, birth, 64)
            };
            let head = finalized_at_least(&c, 0).await;
            let head_header = req(&c, "chain_getHeader", rpc_params![head]).await;
            let head_n = u64::from_str_radix(
                head_header["number"]
                    .as_str()
                    .expect("n")
                    .trim_start_matches("0x"),
                16,
            )
            .expect("hex");

            // A bad signature: 1010 with Substrate's reason; nothing pooled.
            // (The last byte is the transfer amount's: the signature no longer covers the call.)
            let mut bad = sign(0, head, head_n);
            let last = bad.len() - 1;
            bad[last] ^= 1;
            let (code, msg, data) =
                req_err(&c, "author_submitExtrinsic", rpc_params![hex0x(&bad)]).await;
            assert_eq!((code, msg.as_str()), (1010, "Invalid Transaction"));
            assert_eq!(data.as_deref(), Some("Transaction has a bad signature"));
            // Garbage: a format error, not a crash.
            let (code, _, _) = req_err(&c, "author_submitExtrinsic", rpc_params!["0x0102"]).await;
            assert_eq!(code, 1001);
            assert_eq!(
                req(
                    &c,
                    "account_nextIndex",
                    rpc_params![alice.public().to_ss58()]
                )
                .await,
                0
            );

            let tx = sign(0, head, head_n);
            let tx_hash = H256(blake2_256(&tx));
            let mut sub = c
                .subscribe::<Value, _>(
                    "author_submitAndWatchExtrinsic",
                    rpc_params![hex0x(&tx)],
                    "author_unwatchExtrinsic",
                )
                .await
                .expect("watch");
            // The pooled transaction counts for the next nonce.
            assert_eq!(
                req(
                    &c,
                    "system_accountNextIndex",
                    rpc_params![alice.public().to_ss58()]
                )
                .await,
                1
            );
            let mut statuses = Vec::new();
            while statuses.len() < 3 {
                let next = tokio::time::timeout(WAIT, sub.next())
                    .await
                    .expect("status in time")
                    .expect("subscription open")
                    .expect("status decodes");
                statuses.push(next);
            }
            assert_eq!(statuses[0], "ready");
            let in_block = statuses[1]["inBlock"].clone();
            assert!(in_block.is_string(), "{statuses:?}");
            assert_eq!(statuses[2], json!({"finalized": in_block}));

            // The block holds the exact bytes (found by blake2-256), its events are readable.
            let block = req(&c, "chain_getBlock", rpc_params![in_block.clone()]).await;
            assert_eq!(block["justifications"], Value::Null);
            let exts: Vec<Vec<u8>> = block["block"]["extrinsics"]
                .as_array()
                .expect("list")
                .iter()
                .map(unhex)
                .collect();
            let index = exts
                .iter()
                .position(|x| H256(blake2_256(x)) == tx_hash)
                .expect("the block holds the transaction");
            let events_key =
                StorageValue::<()>::new(system::EVENTS_KEY.0, system::EVENTS_KEY.1).key();
            let events = req(
                &c,
                "state_getStorage",
                rpc_params![hex0x(&events_key), in_block.clone()],
            )
            .await;
            let events = unhex(&events);
            let tx_info = req(&c, "yuma_getTransaction", rpc_params![tx_hash]).await;
            assert_eq!(tx_info["success"], true, "{tx_info}");
            assert_eq!(tx_info["blockHash"], in_block);
            assert_eq!(tx_info["index"], json!(index));
            // Every event of the receipt is in System.Events at that block.
            let receipt_events = tx_info["events"].as_array().expect("events");
            assert!(!receipt_events.is_empty());
            for e in receipt_events {
                let e = unhex(e);
                assert!(
                    events.windows(e.len()).any(|w| w == e.as_slice()),
                    "event {} not in System.Events",
                    hex0x(&e)
                );
            }
            assert_eq!(
                req(
                    &c,
                    "account_nextIndex",
                    rpc_params![alice.public().to_ss58()]
                )
                .await,
                1
            );

            // Replaying it: the nonce is used.
            let (code, _, data) =
                req_err(&c, "author_submitExtrinsic", rpc_params![hex0x(&tx)]).await;
            assert_eq!(code, 1010);
            assert_eq!(data.as_deref(), Some("Transaction is outdated"));

            let _ = server.stop();
        },
    );
}
