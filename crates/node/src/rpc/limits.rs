//! What one RPC client can make the node do: a per-connection token bucket on JSON-RPC calls
//! (batch entries counted one by one) and a bound on batch length (set on the server). A call
//! over the rate gets error [`RATE_LIMITED`] with a message naming the limit; the connection
//! stays open. Every call is counted in `yuma_rpc_requests_total` (see [`crate::metrics`]).
//!
//! The defaults (10,000 calls/s sustained, bursts of 20,000, batches of at most 1,000 calls, at
//! most 256 connections) leave a benchmark client room for 20,000 submissions per second over
//! two connections, while one connection alone cannot hold the node's cores: a call is at
//! least a JSON parse and a mailbox round trip. A batch's calls run concurrently (at most
//! [`BATCH_CONCURRENCY`] at once) so that submissions sent together are verified together.
//!
//! Buckets are keyed by jsonrpsee's `ConnectionId` (one per TCP connection: an HTTP keep-alive
//! connection or a WebSocket), shared by every middleware instance of the server, since
//! jsonrpsee builds the middleware per HTTP request. Idle buckets are dropped once more than
//! [`MAX_TRACKED`] connections are tracked. A client opening a new connection per request is
//! bounded by the connection limit (and its handshake cost) instead.

use crate::metrics::NODE;
use futures::{
    future::{ready, Either},
    StreamExt as _,
};
use jsonrpsee::{
    server::{
        middleware::rpc::{Batch, BatchEntry, Notification, RpcServiceT},
        BatchResponseBuilder,
    },
    types::{ErrorObject, Request},
    ConnectionId, Extensions, MethodResponse,
};
use std::{
    collections::HashMap,
    sync::{atomic::Ordering, Arc, Mutex},
    time::{Duration, Instant},
};

/// Connections whose buckets are kept before idle ones are dropped.
pub const MAX_TRACKED: usize = 4096;
/// A bucket unused this long is idle.
const IDLE: Duration = Duration::from_secs(10);

/// Every connection's bucket.
pub type Buckets = Arc<Mutex<HashMap<usize, Bucket>>>;

/// JSON-RPC error code of a call refused by the rate limit.
pub const RATE_LIMITED: i32 = 1040;

/// RPC abuse limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Calls per second one connection may make, sustained (0: unlimited).
    pub calls_per_second: u32,
    /// Calls one connection may make at once above the sustained rate.
    pub burst: u32,
    /// Most calls in one batch.
    pub max_batch: u32,
}

/// Default sustained calls per second per connection.
pub const DEFAULT_CALLS_PER_SECOND: u32 = 10_000;
/// Default burst per connection.
pub const DEFAULT_BURST: u32 = 20_000;
/// Default batch bound.
pub const DEFAULT_MAX_BATCH: u32 = 1_000;
/// Calls of one batch run at once.
pub const BATCH_CONCURRENCY: usize = 256;

impl Default for Limits {
    fn default() -> Self {
        Self {
            calls_per_second: DEFAULT_CALLS_PER_SECOND,
            burst: DEFAULT_BURST,
            max_batch: DEFAULT_MAX_BATCH,
        }
    }
}

/// A token bucket: `burst` tokens, refilled at `rate` per second.
#[derive(Debug)]
pub struct Bucket {
    rate: u32,
    burst: u32,
    /// Tokens, in millionths (integer arithmetic, no drift).
    micro_tokens: u64,
    last: Instant,
}

impl Bucket {
    /// A full bucket.
    pub fn new(rate: u32, burst: u32, now: Instant) -> Self {
        let burst = burst.max(1);
        Self {
            rate,
            burst,
            micro_tokens: u64::from(burst) * 1_000_000,
            last: now,
        }
    }

    /// Takes one token at `now`; `false` when none is left. A rate of 0 never limits.
    pub fn take(&mut self, now: Instant) -> bool {
        if self.rate == 0 {
            return true;
        }
        let elapsed = now.saturating_duration_since(self.last);
        self.last = now;
        let refill = elapsed.as_micros().saturating_mul(u128::from(self.rate));
        let cap = u64::from(self.burst) * 1_000_000;
        self.micro_tokens = u64::try_from(u128::from(self.micro_tokens).saturating_add(refill))
            .unwrap_or(u64::MAX)
            .min(cap);
        if self.micro_tokens >= 1_000_000 {
            self.micro_tokens -= 1_000_000;
            true
        } else {
            false
        }
    }
}

/// The middleware: counts calls and applies the caller's connection's bucket.
#[derive(Clone)]
pub struct RateLimit<S> {
    service: S,
    buckets: Buckets,
    limits: Limits,
}

impl<S> RateLimit<S> {
    /// Wraps `service`, taking tokens from `buckets` (shared by the whole server).
    pub fn new(service: S, buckets: Buckets, limits: Limits) -> Self {
        Self {
            service,
            buckets,
            limits,
        }
    }

    fn admit(&self, ext: &Extensions) -> bool {
        NODE.rpc_requests.fetch_add(1, Ordering::Relaxed);
        if self.limits.calls_per_second == 0 {
            return true;
        }
        // Calls without a connection id (none in practice) share one bucket.
        let id = ext.get::<ConnectionId>().map_or(usize::MAX, |c| c.0);
        let now = Instant::now();
        let ok = {
            let mut map = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
            if map.len() >= MAX_TRACKED && !map.contains_key(&id) {
                map.retain(|_, b| now.saturating_duration_since(b.last) < IDLE);
            }
            map.entry(id)
                .or_insert_with(|| {
                    Bucket::new(self.limits.calls_per_second, self.limits.burst, now)
                })
                .take(now)
        };
        if !ok {
            NODE.rpc_rate_limited.fetch_add(1, Ordering::Relaxed);
        }
        ok
    }

    fn error(&self) -> ErrorObject<'static> {
        ErrorObject::owned(
            RATE_LIMITED,
            format!(
                "rate limit: at most {} calls per second per connection (burst {}); slow down or retry later",
                self.limits.calls_per_second, self.limits.burst
            ),
            None::<()>,
        )
    }
}

impl<S> RpcServiceT for RateLimit<S>
where
    S: RpcServiceT<
            MethodResponse = MethodResponse,
            BatchResponse = MethodResponse,
            NotificationResponse = MethodResponse,
        > + Send
        + Sync
        + Clone
        + 'static,
{
    type MethodResponse = MethodResponse;
    type NotificationResponse = MethodResponse;
    type BatchResponse = MethodResponse;

    fn call<'a>(
        &self,
        req: Request<'a>,
    ) -> impl std::future::Future<Output = Self::MethodResponse> + Send + 'a {
        if self.admit(req.extensions()) {
            Either::Left(self.service.call(req))
        } else {
            Either::Right(ready(MethodResponse::error(req.id, self.error())))
        }
    }

    /// Runs a batch's calls concurrently (at most [`BATCH_CONCURRENCY`] at once; jsonrpsee
    /// runs them one after the other), answering in the batch's order, so a batch of
    /// submissions reaches the mempool together and is verified as one batch there.
    fn batch<'a>(
        &self,
        batch: Batch<'a>,
    ) -> impl std::future::Future<Output = Self::BatchResponse> + Send + 'a {
        let mut got_notification = false;
        let mut calls = Vec::new();
        let mut notifications = Vec::new();
        for entry in batch.into_iter() {
            match entry {
                Ok(BatchEntry::Call(req)) => {
                    if self.admit(req.extensions()) {
                        calls.push(Either::Left(self.service.call(req)));
                    } else {
                        calls.push(Either::Right(ready(MethodResponse::error(
                            req.id,
                            self.error(),
                        ))));
                    }
                }
                Ok(BatchEntry::Notification(n)) => {
                    got_notification = true;
                    if self.admit(n.extensions()) {
                        notifications.push(self.service.notification(n));
                    }
                }
                Err(err) => {
                    let (err, id) = err.into_parts();
                    calls.push(Either::Right(ready(MethodResponse::error(id, err))));
                }
            }
        }
        async move {
            for n in notifications {
                n.await;
            }
            let responses: Vec<MethodResponse> = futures::stream::iter(calls)
                .buffered(BATCH_CONCURRENCY)
                .collect()
                .await;
            let mut out = BatchResponseBuilder::new_with_limit(super::MAX_RESPONSE_BYTES as usize);
            for rp in responses {
                if let Err(too_big) = out.append(rp) {
                    return too_big;
                }
            }
            if out.is_empty() && got_notification {
                MethodResponse::notification()
            } else {
                // An empty batch is an invalid request (jsonrpsee answers it before this).
                MethodResponse::from_batch(out.finish())
            }
        }
    }

    fn notification<'a>(
        &self,
        n: Notification<'a>,
    ) -> impl std::future::Future<Output = Self::NotificationResponse> + Send + 'a {
        if self.admit(n.extensions()) {
            Either::Left(self.service.notification(n))
        } else {
            Either::Right(ready(MethodResponse::notification()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn bucket_allows_the_burst_then_the_rate() {
        let t0 = Instant::now();
        let mut b = Bucket::new(10, 3, t0);
        // Three at once (the burst), the fourth refused.
        assert!(b.take(t0) && b.take(t0) && b.take(t0));
        assert!(!b.take(t0));
        // 10 per second: one more after 100 ms, not before.
        assert!(!b.take(t0 + Duration::from_millis(99)));
        assert!(b.take(t0 + Duration::from_millis(100)));
        assert!(!b.take(t0 + Duration::from_millis(100)));
        // A long pause refills to the burst, not beyond.
        let later = t0 + Duration::from_secs(60);
        assert!(b.take(later) && b.take(later) && b.take(later));
        assert!(!b.take(later));
    }

    /// Reads one HTTP response (head and `Content-Length` body) from `s`.
    async fn read_response(s: &mut tokio::net::TcpStream) -> serde_json::Value {
        use tokio::io::AsyncReadExt as _;
        let mut buf = Vec::new();
        let mut byte = [0u8; 1];
        while !buf.ends_with(b"\r\n\r\n") {
            s.read_exact(&mut byte).await.expect("head");
            buf.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&buf).to_lowercase();
        let len: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .expect("content-length");
        let mut body = vec![0u8; len];
        s.read_exact(&mut body).await.expect("body");
        serde_json::from_slice(&body).expect("json")
    }

    #[tokio::test]
    async fn a_connection_over_its_rate_is_refused_with_1040_and_others_are_not() {
        use jsonrpsee::server::{middleware::rpc::RpcServiceBuilder, Server};
        use tokio::io::AsyncWriteExt as _;
        let limits = Limits {
            calls_per_second: 1,
            burst: 2,
            max_batch: 10,
        };
        let buckets = Buckets::default();
        let server = Server::builder()
            .set_rpc_middleware(
                RpcServiceBuilder::new()
                    .layer_fn(move |s| RateLimit::new(s, buckets.clone(), limits)),
            )
            .build("127.0.0.1:0")
            .await
            .expect("binds");
        let addr = server.local_addr().expect("addr");
        let mut module = jsonrpsee::RpcModule::new(());
        module
            .register_method("ping", |_, _, _| "pong")
            .expect("registers");
        let handle = server.start(module);
        let request = |body: &str| {
            format!(
                "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
        };
        let ping = |id: u32| format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"ping"}}"#);
        // One keep-alive connection: a batch of three takes the burst of two, the third is
        // refused; the next request on the same connection is refused too.
        let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
        let batch = format!("[{},{},{}]", ping(1), ping(2), ping(3));
        s.write_all(request(&batch).as_bytes())
            .await
            .expect("write");
        let r = read_response(&mut s).await;
        let codes: Vec<_> = r
            .as_array()
            .expect("batch")
            .iter()
            .map(|x| x["error"]["code"].as_i64())
            .collect();
        assert_eq!(
            codes,
            vec![None, None, Some(i64::from(RATE_LIMITED))],
            "{r}"
        );
        assert!(r[2]["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("at most 1 calls per second"));
        s.write_all(request(&ping(4)).as_bytes())
            .await
            .expect("write");
        let r = read_response(&mut s).await;
        assert_eq!(r["error"]["code"], RATE_LIMITED, "{r}");
        // Another connection has its own bucket.
        let mut s2 = tokio::net::TcpStream::connect(addr).await.expect("connect");
        s2.write_all(request(&ping(5)).as_bytes())
            .await
            .expect("write");
        let r = read_response(&mut s2).await;
        assert_eq!(r["result"], "pong", "{r}");
        let _ = handle.stop();
    }

    #[test]
    fn rate_zero_never_limits() {
        let t0 = Instant::now();
        let mut b = Bucket::new(0, 1, t0);
        assert!((0..10_000).all(|_| b.take(t0)));
    }
}
