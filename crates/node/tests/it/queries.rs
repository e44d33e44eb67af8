//! Runtime queries over RPC through the generic path, driven by `yuma-client` over WebSocket
//! and HTTP, and a transaction signed against the finalized head.

use commonware_runtime::{tokio as cw_tokio, Runner as _};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use yuma_client::{Client, ClientError};
use yuma_node::dev::{start, NodeConfig};
use yuma_primitives::{
    call::BalancesCall, extrinsic::MultiAddress, rpc::BlockId, Balance, Pair, RuntimeCall,
};

#[test]
fn queries_are_served_by_name_and_head_born_transactions_finalize() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = NodeConfig::dev(dir.path().to_path_buf(), 0);
    cfg.block_time = Duration::from_millis(50);
    cw_tokio::Runner::new(cw_tokio::Config::new().with_storage_directory(dir.path())).start(
        |context| async move {
            let (_h, addr, server) = start(context, &cfg).await.expect("node starts");
            let ws = Client::connect(&format!("ws://{addr}")).await.expect("ws");
            let http = Client::connect(&format!("http://{addr}"))
                .await
                .expect("http");

            // Wait for block 3 so that an older block can be named.
            let t = Instant::now();
            while ws.status().await.expect("status").finalized_number < 3 {
                assert!(t.elapsed() < Duration::from_secs(30), "no blocks");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }

            // The dev genesis has the root subnet only; six accounts of 1,000,000 τ.
            assert_eq!(ws.subnets().await.expect("subnets"), vec![0]);
            assert_eq!(http.subnets().await.expect("subnets"), vec![0]);
            assert_eq!(
                ws.total_issuance().await.expect("issuance"),
                6_000_000_000_000_000
            );
            // The state of block 2 says block 2, by the generic method and by yuma_query.
            let n: u64 = ws
                .call("yuma_blockNumber", jsonrpsee_params(json!([2])))
                .await
                .expect("blockNumber at 2");
            assert_eq!(n, 2);
            let n = ws
                .query("block_number", Value::Null, Some(BlockId::Number(2)))
                .await
                .expect("query at 2");
            assert_eq!(n, json!(2));
            // A subnet that does not exist is null; a bad argument is -32602 naming it.
            assert_eq!(ws.subnet(9).await.expect("subnet 9"), Value::Null);
            let e = ws
                .query("burn", json!({"netuid": "x"}), None)
                .await
                .expect_err("bad netuid");
            assert_eq!(e.code(), Some(-32602), "{e}");
            assert!(e.to_string().contains("netuid"), "{e}");
            let e = ws
                .query("no_such_query", Value::Null, None)
                .await
                .expect_err("unknown");
            assert_eq!(e.code(), Some(-32602), "{e}");

            // A transfer signed mortal from the finalized head is admitted and finalizes.
            let alice = Pair::from_uri("//Alice").expect("uri");
            let bob = Pair::from_uri("//Bob").expect("uri").public();
            let before = ws.account(&bob).await.expect("bob").free;
            let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
                dest: MultiAddress::Id(bob),
                value: Balance(7),
            });
            let r = ws
                .send_and_wait(&alice, call, Duration::from_secs(30))
                .await
                .expect("finalizes");
            assert!(r.success);
            assert_eq!(ws.account(&bob).await.expect("bob").free, before + 7);
            let _ = server.stop();
        },
    );
}

fn jsonrpsee_params(v: Value) -> jsonrpsee_core::params::ArrayParams {
    let mut p = jsonrpsee_core::params::ArrayParams::new();
    for x in v.as_array().cloned().unwrap_or_default() {
        p.insert(x).expect("serializable");
    }
    p
}

#[test]
fn an_unreachable_node_is_named() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        // Port 1 on loopback: nothing listens there.
        let e = match Client::connect("ws://127.0.0.1:1").await {
            Err(e) => e,
            Ok(_) => panic!("connected to nothing"),
        };
        assert!(matches!(e, ClientError::Unreachable { .. }), "{e}");
        assert!(e.to_string().contains("ws://127.0.0.1:1"), "{e}");
        let c = Client::connect("http://127.0.0.1:1")
            .await
            .expect("http is lazy");
        let e = c.status().await.expect_err("nothing there");
        assert!(e.to_string().contains("http://127.0.0.1:1"), "{e}");
        assert!(matches!(
            Client::connect("wss://example.invalid").await,
            Err(ClientError::Url { .. })
        ));
    });
}
