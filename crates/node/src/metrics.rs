//! Prometheus metrics on `GET /metrics` (`yuma node --metrics-port`): Commonware's own
//! registry (p2p, consensus, marshal, runtime tasks and storage; `Metrics::encode` of the
//! runtime context) followed by the node's metrics, all in the Prometheus text format.
//!
//! Node metrics:
//! - `yuma_best_height`, `yuma_finalized_height` (gauges, read from the chain at scrape time);
//! - `yuma_mempool_transactions`, `yuma_mempool_bytes` (gauges, asked from the mempool);
//! - `yuma_transactions_included_total` (counter: extrinsics of finalized blocks);
//! - `yuma_block_execution_seconds` (histogram: every block execution, proposed, verified
//!   or replayed);
//! - `yuma_rpc_requests_total`, `yuma_rpc_rate_limited_total` (counters: JSON-RPC calls,
//!   batch entries included, and those refused by the per-connection rate limit).
//!
//! The counters are process-wide atomics ([`NODE`]): one node runs per process (tests that
//! start several nodes in one process see their sum).
//!
//! The HTTP side is a few lines on tokio: it reads one request head, answers `GET /metrics`
//! and closes the connection; anything else is a 404 or 405. No new dependency.

use crate::engine::Handle;
use std::{
    fmt::Write as _,
    net::SocketAddr,
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};
use tokio::{
    io::{AsyncReadExt as _, AsyncWriteExt as _},
    net::TcpListener,
};

/// Upper bounds of the execution-time histogram buckets, microseconds.
const EXEC_BUCKETS_US: [u64; 12] = [
    100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 1_000_000,
];

/// The node's counters.
pub struct Counters {
    /// Extrinsics in finalized blocks.
    pub txs_included: AtomicU64,
    /// Blocks executed.
    pub exec_count: AtomicU64,
    /// Total execution time, nanoseconds.
    pub exec_nanos: AtomicU64,
    /// Executions at most each bucket's bound (non-cumulative; summed when rendered).
    exec_buckets: [AtomicU64; EXEC_BUCKETS_US.len()],
    /// JSON-RPC calls served (batch entries counted one by one).
    pub rpc_requests: AtomicU64,
    /// JSON-RPC calls refused by the rate limit.
    pub rpc_rate_limited: AtomicU64,
}

/// The process's node counters.
pub static NODE: Counters = Counters {
    txs_included: AtomicU64::new(0),
    exec_count: AtomicU64::new(0),
    exec_nanos: AtomicU64::new(0),
    exec_buckets: [const { AtomicU64::new(0) }; EXEC_BUCKETS_US.len()],
    rpc_requests: AtomicU64::new(0),
    rpc_rate_limited: AtomicU64::new(0),
};

impl Counters {
    /// Records one block execution that took `d`.
    pub fn record_execution(&self, d: Duration) {
        let nanos = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        self.exec_count.fetch_add(1, Ordering::Relaxed);
        self.exec_nanos.fetch_add(nanos, Ordering::Relaxed);
        let us = nanos / 1_000;
        if let Some(i) = EXEC_BUCKETS_US.iter().position(|b| us <= *b) {
            self.exec_buckets[i].fetch_add(1, Ordering::Relaxed);
        }
    }
}

fn metric(out: &mut String, name: &str, kind: &str, help: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
    let _ = writeln!(out, "{name} {value}");
}

/// The node's metrics in the Prometheus text format.
pub async fn render_node(node: &Handle) -> String {
    let (best, finalized) = {
        let g = node.chain.lock();
        (g.best.0, g.head().block.header().number)
    };
    let (pool_count, pool_bytes) = node.mempool.clone().status().await.unwrap_or((0, 0));
    let n = &NODE;
    let mut out = String::new();
    metric(
        &mut out,
        "yuma_best_height",
        "gauge",
        "Highest block this node executed.",
        best,
    );
    metric(
        &mut out,
        "yuma_finalized_height",
        "gauge",
        "Finalized head.",
        finalized,
    );
    metric(
        &mut out,
        "yuma_mempool_transactions",
        "gauge",
        "Transactions in the mempool.",
        pool_count,
    );
    metric(
        &mut out,
        "yuma_mempool_bytes",
        "gauge",
        "Bytes of the mempool's transactions.",
        pool_bytes,
    );
    metric(
        &mut out,
        "yuma_transactions_included_total",
        "counter",
        "Extrinsics in finalized blocks.",
        n.txs_included.load(Ordering::Relaxed),
    );
    let _ = writeln!(
        out,
        "# HELP yuma_block_execution_seconds Time to execute a block."
    );
    let _ = writeln!(out, "# TYPE yuma_block_execution_seconds histogram");
    let mut cumulative = 0;
    for (bound, count) in EXEC_BUCKETS_US.iter().zip(n.exec_buckets.iter()) {
        cumulative += count.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "yuma_block_execution_seconds_bucket{{le=\"{}\"}} {cumulative}",
            *bound as f64 / 1e6
        );
    }
    let count = n.exec_count.load(Ordering::Relaxed);
    let _ = writeln!(
        out,
        "yuma_block_execution_seconds_bucket{{le=\"+Inf\"}} {count}"
    );
    let _ = writeln!(
        out,
        "yuma_block_execution_seconds_sum {}",
        n.exec_nanos.load(Ordering::Relaxed) as f64 / 1e9
    );
    let _ = writeln!(out, "yuma_block_execution_seconds_count {count}");
    metric(
        &mut out,
        "yuma_rpc_requests_total",
        "counter",
        "JSON-RPC calls (batch entries one by one).",
        n.rpc_requests.load(Ordering::Relaxed),
    );
    metric(
        &mut out,
        "yuma_rpc_rate_limited_total",
        "counter",
        "JSON-RPC calls refused by the per-connection rate limit.",
        n.rpc_rate_limited.load(Ordering::Relaxed),
    );
    out
}

/// Commonware's registry followed by the node's metrics.
pub async fn render(node: &Handle) -> String {
    let mut out = (node.registry)();
    // The registry ends with an OpenMetrics `# EOF`; the node's lines go before it.
    if let Some(stripped) = out.trim_end().strip_suffix("# EOF") {
        out = stripped.to_string();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&render_node(node).await);
    out
}

/// Largest request head the metrics server reads, bytes.
const MAX_HEAD: usize = 8 * 1024;

/// Connected p2p peers, counted from the registry: the p2p tracker's directory keeps one
/// `…tracker_directory_connected{peer="…"}` sample per connected peer and removes it on
/// disconnect.
pub fn connected_peers(registry: &str) -> u32 {
    let n = registry
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('{').map(|(name, _)| name))
        .filter(|name| name.ends_with("tracker_directory_connected"))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Serves `GET /metrics` on `addr` until the process ends; returns the bound address.
pub async fn serve(addr: SocketAddr, node: Handle) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                // Out of descriptors or similar: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            };
            let node = node.clone();
            tokio::spawn(async move {
                let mut head = Vec::with_capacity(512);
                let mut buf = [0u8; 1024];
                // Read until the end of the head, a bound, or a timeout.
                let read = tokio::time::timeout(Duration::from_secs(5), async {
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_HEAD {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                })
                .await;
                if read.is_err() {
                    return;
                }
                let line = head.split(|b| *b == b'\n').next().unwrap_or_default();
                let line = String::from_utf8_lossy(line);
                let mut parts = line.split_whitespace();
                let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let (status, body) = match (method, path) {
                    ("GET", "/metrics") => ("200 OK", render(&node).await),
                    ("GET", _) => ("404 Not Found", "not found: try /metrics\n".to_string()),
                    _ => ("405 Method Not Allowed", "only GET /metrics\n".to_string()),
                };
                let response = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    Ok(local)
}

#[cfg(test)]
mod tests {
    #[test]
    fn peers_are_the_connected_samples() {
        let text = "# HELP network_tracker_directory_connected x\n\
                    network_tracker_directory_connected{peer=\"aa\"} 17\n\
                    network_tracker_directory_connected{peer=\"bb\"} 18\n\
                    network_tracker_directory_blocked{peer=\"cc\"} 1\n\
                    network_tracker_tracked 4\n";
        assert_eq!(super::connected_peers(text), 2);
        assert_eq!(super::connected_peers(""), 0);
    }
}
