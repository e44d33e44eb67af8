//! A typed async JSON-RPC client of the yuma node, over HTTP (`http://…`) or WebSocket
//! (`ws://…`), used by the `yuma` CLI and the node's integration tests.
//!
//! Every method maps to one `yuma_*` RPC method (see the node's `docs/rpc.md`); runtime
//! queries go through [`Client::query`] (`yuma_query`), so a query added to the runtime's table
//! needs no client change. [`Client::send`] signs a call for the next block (nonce from state,
//! mortal from the finalized head) and submits it; [`Client::wait`] polls until it is
//! finalized and returns its receipt.
//!
//! No TLS: the client speaks to a local or trusted node (`https://`/`wss://` are refused with
//! a clear error) — this keeps rustls and its C toolchain out of the dependency tree.

mod error;
pub mod events;

pub use error::ClientError;

use jsonrpsee_core::{
    client::{ClientT, Error as RpcError},
    params::ArrayParams,
    rpc_params,
};
use jsonrpsee_http_client::{HttpClient, HttpClientBuilder};
use jsonrpsee_ws_client::{WsClient, WsClientBuilder};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use yuma_primitives::{
    rpc::{AccountInfo, BlockId, BlockInfo, DryRun, Status, TransactionInfo},
    AccountId, Pair, RuntimeCall, H256,
};

/// The local dev node's default URL.
pub const DEFAULT_URL: &str = "ws://127.0.0.1:9944";
/// Mortality of the transactions [`Client::send`] signs, blocks.
pub const ERA_PERIOD: u64 = 64;
/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

enum Transport {
    Http(HttpClient),
    Ws(WsClient),
}

/// A connection to a yuma node.
pub struct Client {
    url: String,
    transport: Transport,
}

/// Signs `call` as `pair` for the chain with `genesis`, mortal for `period` blocks from the
/// block `(birth_number, birth_hash)` (normally the finalized head); returns the extrinsic.
#[allow(clippy::too_many_arguments)]
pub fn sign(
    pair: &Pair,
    call: RuntimeCall,
    nonce: u32,
    tip: u64,
    genesis: H256,
    birth_number: u64,
    birth_hash: H256,
    period: u64,
) -> Vec<u8> {
    yuma_runtime::version::sign_mortal(
        pair,
        call,
        nonce,
        tip,
        genesis,
        birth_number,
        birth_hash,
        period,
    )
}

fn hex0x(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

impl Client {
    /// Connects to `url` (`ws://`, `http://`; a bare `host:port` means `ws://`). A WebSocket
    /// URL connects now, so an unreachable node fails here; HTTP connects on the first call.
    pub async fn connect(url: &str) -> Result<Self, ClientError> {
        let url = if url.contains("://") {
            url.to_string()
        } else {
            format!("ws://{url}")
        };
        let bad = |reason: &str| ClientError::Url {
            url: url.clone(),
            reason: reason.to_string(),
        };
        let transport = if url.starts_with("ws://") {
            let ws = WsClientBuilder::default()
                .request_timeout(REQUEST_TIMEOUT)
                .build(&url)
                .await
                .map_err(|e| ClientError::Unreachable {
                    url: url.clone(),
                    reason: e.to_string(),
                })?;
            Transport::Ws(ws)
        } else if url.starts_with("http://") {
            let http = HttpClientBuilder::default()
                .request_timeout(REQUEST_TIMEOUT)
                .build(&url)
                .map_err(|e| bad(&e.to_string()))?;
            Transport::Http(http)
        } else if url.starts_with("wss://") || url.starts_with("https://") {
            return Err(bad(
                "TLS is not supported; use ws:// or http:// to a local or trusted node",
            ));
        } else {
            return Err(bad("expected ws://host:port or http://host:port"));
        };
        Ok(Self { url, transport })
    }

    /// The URL this client talks to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Calls `method` with positional `params`.
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        params: ArrayParams,
    ) -> Result<T, ClientError> {
        let res: Result<T, RpcError> = match &self.transport {
            Transport::Http(c) => c.request(method, params).await,
            Transport::Ws(c) => c.request(method, params).await,
        };
        res.map_err(|e| ClientError::from_rpc(&self.url, method, e))
    }

    /// `yuma_status`.
    pub async fn status(&self) -> Result<Status, ClientError> {
        self.call("yuma_status", rpc_params![]).await
    }

    /// `yuma_getBlock` (finalized head when `at` is `None`).
    pub async fn block(&self, at: Option<BlockId>) -> Result<Option<BlockInfo>, ClientError> {
        self.call("yuma_getBlock", rpc_params![at]).await
    }

    /// `yuma_submitTransaction`.
    pub async fn submit(&self, extrinsic: &[u8]) -> Result<H256, ClientError> {
        self.call("yuma_submitTransaction", rpc_params![hex0x(extrinsic)])
            .await
    }

    /// `yuma_getTransaction`: the receipt once finalized.
    pub async fn transaction(&self, hash: H256) -> Result<Option<TransactionInfo>, ClientError> {
        self.call("yuma_getTransaction", rpc_params![hash]).await
    }

    /// `yuma_nonce`.
    pub async fn nonce(&self, who: &AccountId) -> Result<u32, ClientError> {
        self.call("yuma_nonce", rpc_params![who]).await
    }

    /// `yuma_dryRun`: what `extrinsic` would do on the best state.
    pub async fn dry_run(&self, extrinsic: &[u8]) -> Result<DryRun, ClientError> {
        self.call("yuma_dryRun", rpc_params![hex0x(extrinsic)])
            .await
    }

    /// `yuma_faucet` (dev chains only).
    pub async fn faucet(&self, who: &AccountId, amount: u64) -> Result<H256, ClientError> {
        self.call("yuma_faucet", rpc_params![who, amount]).await
    }

    /// `yuma_query`: the runtime query `name` with named `args` (JSON object) at `at`.
    pub async fn query(
        &self,
        name: &str,
        args: Value,
        at: Option<BlockId>,
    ) -> Result<Value, ClientError> {
        self.call("yuma_query", rpc_params![name, args, at]).await
    }

    /// [`Client::query`] at the finalized head, decoded as `T`.
    pub async fn query_as<T: DeserializeOwned>(
        &self,
        name: &str,
        args: Value,
    ) -> Result<T, ClientError> {
        let v = self.query(name, args, None).await?;
        serde_json::from_value(v).map_err(|e| ClientError::Decode {
            method: format!("yuma_query({name})"),
            reason: e.to_string(),
        })
    }

    /// Query `account`: free balance and nonce.
    pub async fn account(&self, who: &AccountId) -> Result<AccountInfo, ClientError> {
        self.query_as("account", json!({ "account": who })).await
    }

    /// Query `total_issuance`, rao.
    pub async fn total_issuance(&self) -> Result<u64, ClientError> {
        self.query_as("total_issuance", Value::Null).await
    }

    /// Query `subnets`: every netuid.
    pub async fn subnets(&self) -> Result<Vec<u16>, ClientError> {
        self.query_as("subnets", Value::Null).await
    }

    /// Query `subnet` (dynamic info), `null` when it does not exist.
    pub async fn subnet(&self, netuid: u16) -> Result<Value, ClientError> {
        self.query("subnet", json!({ "netuid": netuid }), None)
            .await
    }

    /// Query `hyperparams`, `null` when the subnet does not exist.
    pub async fn hyperparams(&self, netuid: u16) -> Result<Value, ClientError> {
        self.query("hyperparams", json!({ "netuid": netuid }), None)
            .await
    }

    /// Query `metagraph`, `null` when the subnet does not exist.
    pub async fn metagraph(&self, netuid: u16, mechid: u8) -> Result<Value, ClientError> {
        self.query(
            "metagraph",
            json!({ "netuid": netuid, "mechid": mechid }),
            None,
        )
        .await
    }

    /// Query `burn`: what the next `burned_register` on `netuid` costs, rao.
    pub async fn burn(&self, netuid: u16) -> Result<u64, ClientError> {
        self.query_as("burn", json!({ "netuid": netuid })).await
    }

    /// Query `network_lock_cost`, rao.
    pub async fn network_lock_cost(&self) -> Result<u64, ClientError> {
        self.query_as("network_lock_cost", Value::Null).await
    }

    /// Signs `call` as `pair` for the next block: nonce from the finalized state, mortal
    /// from the finalized head.
    pub async fn sign(
        &self,
        pair: &Pair,
        call: RuntimeCall,
        tip: u64,
    ) -> Result<Vec<u8>, ClientError> {
        let status = self.status().await?;
        let nonce = self.nonce(&pair.public()).await?;
        Ok(sign(
            pair,
            call,
            nonce,
            tip,
            status.genesis_hash,
            status.finalized_number,
            status.finalized_hash,
            ERA_PERIOD,
        ))
    }

    /// Signs (as [`Client::sign`]) and submits `call`; returns the transaction hash.
    pub async fn send(
        &self,
        pair: &Pair,
        call: RuntimeCall,
        tip: u64,
    ) -> Result<H256, ClientError> {
        let xt = self.sign(pair, call, tip).await?;
        self.submit(&xt).await
    }

    /// Waits until the transaction `hash` is finalized (polling every 100 ms) and returns its
    /// receipt; [`ClientError::Timeout`] after `timeout`.
    pub async fn wait(
        &self,
        hash: H256,
        timeout: Duration,
    ) -> Result<TransactionInfo, ClientError> {
        let start = Instant::now();
        loop {
            if let Some(r) = self.transaction(hash).await? {
                return Ok(r);
            }
            if start.elapsed() >= timeout {
                return Err(ClientError::Timeout {
                    hash,
                    secs: timeout.as_secs(),
                });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sends `call` and waits for its receipt; a failed call is [`ClientError::Failed`].
    pub async fn send_and_wait(
        &self,
        pair: &Pair,
        call: RuntimeCall,
        timeout: Duration,
    ) -> Result<TransactionInfo, ClientError> {
        let hash = self.send(pair, call, 0).await?;
        let r = self.wait(hash, timeout).await?;
        if r.success {
            Ok(r)
        } else {
            Err(ClientError::Failed {
                hash,
                block: r.block_number,
                error: r.error.unwrap_or_else(|| "unknown error".into()),
            })
        }
    }
}
