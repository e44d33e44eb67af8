//! A local 4-validator network of `yuma node` processes (`yuma testnet init`): they finalize
//! blocks and agree on every state root; a stopped validator, restarted, catches up.

use serde_json::{json, Value};
use std::{
    io::{Read as _, Write as _},
    net::{TcpListener, TcpStream},
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

const YUMA: &str = env!("CARGO_BIN_EXE_yuma");
const WAIT: Duration = Duration::from_secs(120);

struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A port nothing listens on now (the OS picks it; there is a small window before use).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// One JSON-RPC call over HTTP/1.1; `None` while the node does not answer.
fn call(port: u16, method: &str, params: Value) -> Option<Value> {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let req = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).ok()?;
    let (_, body) = buf.split_once("\r\n\r\n")?;
    let v: Value = serde_json::from_str(body).ok()?;
    assert!(v.get("error").is_none(), "{method}: {v}");
    Some(v["result"].clone())
}

fn finalized(port: u16) -> Option<u64> {
    call(port, "yuma_status", json!([]))?["finalizedNumber"].as_u64()
}

fn wait_finalized(port: u16, at_least: u64) -> u64 {
    let t = Instant::now();
    loop {
        if let Some(n) = finalized(port).filter(|n| *n >= at_least) {
            return n;
        }
        assert!(
            t.elapsed() < WAIT,
            "validator on rpc port {port} never reached block {at_least}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `(hash, stateRoot)` of block `n` on the validator at `port`.
fn block(port: u16, n: u64) -> (String, String) {
    let b = call(port, "yuma_getBlock", json!([n])).expect("answers");
    (
        b["header"]["hash"].as_str().expect("hash").to_string(),
        b["header"]["stateRoot"].as_str().expect("root").to_string(),
    )
}

fn start(dir: &Path, i: usize) -> Node {
    let log = std::fs::File::create(dir.join(format!("validator-{i}.log"))).expect("log file");
    Node(
        Command::new(YUMA)
            .args([
                "node",
                "--chain",
                &dir.join("chain.json").display().to_string(),
                "--key",
                &dir.join(format!("validator-{i}.key")).display().to_string(),
                "--base-path",
                &dir.join(format!("data-{i}")).display().to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("yuma node starts"),
    )
}

#[test]
fn four_validators_agree_and_a_restarted_one_catches_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p2p: Vec<u16> = (0..4).map(|_| free_port()).collect();
    let rpc: Vec<u16> = (0..4).map(|_| free_port()).collect();
    // Consecutive ports are what `init` assigns; rewrite them with the free ones found.
    let out = Command::new(YUMA)
        .args([
            "testnet",
            "init",
            "--validators",
            "4",
            "--out",
            &dir.path().display().to_string(),
            "--block-time",
            "100",
        ])
        .output()
        .expect("yuma runs");
    assert!(out.status.success(), "{out:?}");
    let spec_path = dir.path().join("chain.json");
    let mut spec: Value =
        serde_json::from_str(&std::fs::read_to_string(&spec_path).expect("spec")).expect("json");
    for (i, v) in spec["validators"]
        .as_array_mut()
        .expect("validators")
        .iter_mut()
        .enumerate()
    {
        v["p2p"] = json!(format!("127.0.0.1:{}", p2p[i]));
        v["rpcPort"] = json!(rpc[i]);
    }
    std::fs::write(&spec_path, spec.to_string()).expect("write spec");
    // A second init into the same directory refuses to overwrite the keys.
    let again = Command::new(YUMA)
        .args([
            "testnet",
            "init",
            "--out",
            &dir.path().display().to_string(),
        ])
        .output()
        .expect("yuma runs");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("refusing to overwrite"));

    let mut nodes: Vec<Option<Node>> = (1..=4).map(|i| Some(start(dir.path(), i))).collect();

    // All four finalize, and agree on the hash and state root of each block.
    for port in &rpc {
        wait_finalized(*port, 5);
    }
    for n in 1..=5 {
        let first = block(rpc[0], n);
        for port in &rpc[1..] {
            assert_eq!(block(*port, n), first, "block {n} differs on port {port}");
        }
    }
    // Finality needs only a quorum of 3, so the last connection may come up a little later:
    // wait for every peer to be counted before checking.
    let mut status = call(rpc[0], "yuma_status", json!([])).expect("status");
    for _ in 0..100 {
        if status["peers"] == 3 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        status = call(rpc[0], "yuma_status", json!([])).expect("status");
    }
    assert_eq!(status["peers"], 3, "{status}");

    // Stop validator 4; the other three (a 2f+1 quorum for f = 1) keep finalizing.
    nodes[3] = None;
    let stopped_at = finalized(rpc[0]).expect("status");
    let target = stopped_at + 10;
    for port in &rpc[..3] {
        wait_finalized(*port, target);
    }

    // Restart it from its data: it catches up to where the others are, same roots.
    nodes[3] = Some(start(dir.path(), 4));
    wait_finalized(rpc[3], target);
    for n in [stopped_at, stopped_at + 1, target] {
        let theirs = block(rpc[0], n);
        assert_eq!(block(rpc[3], n), theirs, "block {n} after the restart");
    }
    drop(nodes);
}

#[test]
fn bad_chain_specs_keys_and_peers_are_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| {
        let out = Command::new(YUMA).args(args).output().expect("yuma runs");
        assert!(!out.status.success(), "yuma {args:?} should fail");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let d = dir.path().display().to_string();
    let e = run(&["node"]);
    assert!(e.contains("--dev") && e.contains("--chain"), "{e}");
    let e = run(&[
        "node",
        "--chain",
        &format!("{d}/none.json"),
        "--key",
        &format!("{d}/k"),
    ]);
    assert!(e.contains("none.json"), "{e}");
    let e = run(&["testnet", "init", "--validators", "0", "--out", &d]);
    assert!(e.contains("--validators"), "{e}");
    let out = Command::new(YUMA)
        .args(["testnet", "init", "--validators", "2", "--out", &d])
        .output()
        .expect("yuma runs");
    assert!(out.status.success(), "{out:?}");
    let chain = format!("{d}/chain.json");
    let e = run(&["node", "--chain", &chain, "--key", &chain, "--tmp"]);
    assert!(e.contains("not a hex validator key"), "{e}");
    let key = format!("{d}/validator-1.key");
    let e = run(&[
        "node", "--chain", &chain, "--key", &key, "--tmp", "--peers", "nonsense",
    ]);
    assert!(e.contains("PUBKEY@HOST:PORT"), "{e}");
    let e = run(&[
        "node",
        "--chain",
        &chain,
        "--key",
        &key,
        "--tmp",
        "--peers",
        "00@127.0.0.1:1",
    ]);
    assert!(e.contains("--peers"), "{e}");
    let e = run(&["node", "--chain", &chain, "--key", &key]);
    assert!(e.contains("--base-path"), "{e}");
    // A key of another network.
    std::fs::write(format!("{d}/other.key"), "11".repeat(32)).expect("write");
    let e = run(&[
        "node",
        "--chain",
        &chain,
        "--key",
        &format!("{d}/other.key"),
        "--tmp",
    ]);
    assert!(e.contains("not one of the chain spec's validators"), "{e}");
}
