//! The walkthrough of `examples/walkthrough.sh`, asserted: a spawned `yuma node --dev` and the
//! `yuma` commands a user types, with figures checked through `--json` and the client.

use serde_json::{json, Value};
use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

const YUMA: &str = env!("CARGO_BIN_EXE_yuma");
const RAO: u64 = 1_000_000_000;

struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Runs `yuma ARGS`, expecting success, and parses its stdout as JSON.
fn yuma(args: &[&str]) -> Value {
    let out = Command::new(YUMA).args(args).output().expect("yuma runs");
    assert!(
        out.status.success(),
        "yuma {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).unwrap_or(Value::String(text.into_owned()))
}

/// Runs `yuma ARGS` expecting failure; returns stderr.
fn yuma_fails(args: &[&str]) -> String {
    let out = Command::new(YUMA).args(args).output().expect("yuma runs");
    assert!(!out.status.success(), "yuma {args:?} should have failed");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

struct Env {
    url: String,
    wallets: String,
}

impl Env {
    /// A wallet-bound command with `--json --no-prompt`.
    fn w(&self, wallet: &str, args: &[&str]) -> Value {
        let mut a: Vec<&str> = args.to_vec();
        a.extend([
            "--url",
            &self.url,
            "--wallet-path",
            &self.wallets,
            "--wallet-name",
            wallet,
            "--json",
            "--no-prompt",
        ]);
        yuma(&a)
    }

    fn q(&self, args: &[&str]) -> Value {
        let mut a: Vec<&str> = args.to_vec();
        a.extend(["--url", &self.url, "--json"]);
        yuma(&a)
    }

    fn free(&self, wallet: &str) -> u64 {
        self.w(wallet, &["wallet", "balance"])["free"]
            .as_u64()
            .expect("free")
    }

    fn epoch(&self, netuid: &str) -> u64 {
        self.q(&["subnet", "show", "--netuid", netuid])["epoch_index"]
            .as_u64()
            .expect("epoch_index")
    }

    fn wait_epoch_after(&self, netuid: &str, e: u64) {
        let t = Instant::now();
        while self.epoch(netuid) <= e {
            assert!(t.elapsed() < Duration::from_secs(60), "no epoch");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn neuron_weights(url: &str, netuid: u16, uid: u16) -> Value {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let c = yuma_client::Client::connect(url).await.expect("connects");
        c.query("neuron_info", json!({"netuid": netuid, "uid": uid}), None)
            .await
            .expect("neuron_info")["weights"]
            .clone()
    })
}

#[test]
fn walkthrough_on_a_spawned_dev_node() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wallets = dir.path().join("wallets");
    let port = free_port();
    let env = Env {
        url: format!("ws://127.0.0.1:{port}"),
        wallets: wallets.display().to_string(),
    };

    // Before the node runs: a clear error naming the URL.
    let err = yuma_fails(&["chain", "status", "--url", &env.url]);
    assert!(
        err.contains(&env.url) && err.contains("cannot reach"),
        "{err}"
    );

    let _node = Node(
        Command::new(YUMA)
            .args([
                "node",
                "--dev",
                "--tmp",
                "--rpc-port",
                &port.to_string(),
                "--block-time",
                "50",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("node starts"),
    );
    let t = Instant::now();
    loop {
        let ok = Command::new(YUMA)
            .args(["chain", "status", "--json", "--url", &env.url])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if ok {
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(60), "node never answered");
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = env.q(&["chain", "status"]);
    let issuance = status["totalIssuance"].as_u64().expect("issuance");
    // The dev genesis: six accounts with 1,000,000 τ each.
    assert_eq!(issuance, 6_000_000 * RAO, "{status}");

    for w in ["owner", "miner", "validator"] {
        yuma(&[
            "wallet",
            "--wallet-path",
            &env.wallets,
            "--wallet-name",
            w,
            "create",
            "--no-password",
            "--json",
        ]);
    }
    yuma(&[
        "wallet",
        "--wallet-path",
        &env.wallets,
        "--wallet-name",
        "alice",
        "regen-coldkey",
        "--uri",
        "//Alice",
        "--no-password",
        "--json",
    ]);
    let list = yuma(&["wallet", "--wallet-path", &env.wallets, "list", "--json"]);
    let coldkey = |name: &str| -> String {
        list.as_array()
            .and_then(|l| l.iter().find(|w| w["name"] == name))
            .and_then(|w| w["coldkey"].as_str())
            .expect("coldkey")
            .to_string()
    };
    let hotkey = |name: &str| -> String {
        list.as_array()
            .and_then(|l| l.iter().find(|w| w["name"] == name))
            .and_then(|w| w["hotkeys"][0][1].as_str())
            .expect("hotkey")
            .to_string()
    };

    // Faucet: exactly the amount arrives.
    let r = env.w("owner", &["wallet", "faucet", "--amount", "5000"]);
    assert_eq!(r["success"], true, "{r}");
    assert_eq!(env.free("owner"), 5000 * RAO);
    env.w("miner", &["wallet", "faucet", "--amount", "100"]);
    env.w("validator", &["wallet", "faucet", "--amount", "100"]);

    // Transfer 1.5 τ: the miner gains 1.5 τ, the owner loses 1.5 τ and the fee of the receipt.
    let r = env.w(
        "owner",
        &[
            "wallet",
            "transfer",
            "--dest",
            &coldkey("miner"),
            "--amount",
            "1.5",
        ],
    );
    let fee = r["fee"].as_u64().expect("fee");
    assert!(fee > 0, "{r}");
    assert_eq!(env.free("miner"), 101_500_000_000);
    assert_eq!(env.free("owner"), 5000 * RAO - 1_500_000_000 - fee);
    // Too much: refused before anything is sent.
    let err = yuma_fails(&[
        "wallet",
        "transfer",
        "--dest",
        &coldkey("owner"),
        "--amount",
        "1000",
        "--url",
        &env.url,
        "--wallet-path",
        &env.wallets,
        "--wallet-name",
        "validator",
        "--no-prompt",
    ]);
    assert!(err.contains("less than"), "{err}");

    // Subnet: the lock cost leaves the owner's balance.
    let before = env.free("owner");
    let lock: u64 = {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("rt");
        rt.block_on(async {
            yuma_client::Client::connect(&env.url)
                .await
                .expect("c")
                .network_lock_cost()
                .await
                .expect("lock")
        })
    };
    let r = env.w("owner", &["subnet", "create"]);
    let fee = r["fee"].as_u64().expect("fee");
    assert_eq!(env.free("owner"), before - lock - fee);
    let subnets = env.q(&["subnet", "list"]);
    let netuid = subnets
        .as_array()
        .and_then(|l| l.iter().filter_map(|s| s["netuid"].as_u64()).max())
        .expect("a subnet");
    assert_eq!(netuid, 1, "{subnets}");
    let n = "1";
    let subnet = env.q(&["subnet", "show", "--netuid", n]);
    assert_eq!(
        subnet["owner_coldkey"].as_str(),
        Some(coldkey("owner").as_str())
    );
    env.w("owner", &["subnet", "start", "--netuid", n]);

    env.w(
        "alice",
        &[
            "subnet",
            "set-hyperparameter",
            "--sudo",
            "--param",
            "admin_freeze_window",
            "--value",
            "0",
        ],
    );
    env.w(
        "alice",
        &[
            "subnet",
            "set-hyperparameter",
            "--sudo",
            "--netuid",
            n,
            "--param",
            "tempo",
            "--value",
            "20",
        ],
    );
    env.w(
        "alice",
        &[
            "subnet",
            "set-hyperparameter",
            "--sudo",
            "--netuid",
            n,
            "--param",
            "weights_set_rate_limit",
            "--value",
            "0",
        ],
    );
    let h = env.q(&["subnet", "hyperparameters", "--netuid", n]);
    assert_eq!(h["tempo"], 20, "{h}");

    env.w("miner", &["subnet", "register", "--netuid", n]);
    env.w("validator", &["subnet", "register", "--netuid", n]);
    let m = env.q(&["metagraph", "--netuid", n]);
    assert_eq!(m["num_uids"], 3, "{m}");
    assert_eq!(m["hotkeys"][0].as_str(), Some(hotkey("owner").as_str()));
    assert_eq!(m["hotkeys"][1].as_str(), Some(hotkey("miner").as_str()));
    assert_eq!(m["hotkeys"][2].as_str(), Some(hotkey("validator").as_str()));

    // Commit–reveal (on by default for a new subnet): commit, wait one epoch, reveal.
    env.w(
        "owner",
        &[
            "weights",
            "commit",
            "--netuid",
            n,
            "--uids",
            "1,2",
            "--weights",
            "3,1",
            "--salt",
            "7,7",
        ],
    );
    let e = env.epoch(n);
    env.wait_epoch_after(n, e);
    env.w(
        "owner",
        &[
            "weights",
            "reveal",
            "--netuid",
            n,
            "--uids",
            "1,2",
            "--weights",
            "3,1",
            "--salt",
            "7,7",
        ],
    );
    // Max-upscaled: 3 → 65535, 1 → 65535 / 3 = 21845.
    assert_eq!(
        neuron_weights(&env.url, 1, 0),
        json!([[1, 65535], [2, 21845]])
    );

    // Directly, once commit–reveal is off (the owner may switch it).
    env.w(
        "owner",
        &[
            "subnet",
            "set-hyperparameter",
            "--netuid",
            n,
            "--param",
            "commit_reveal_weights_enabled",
            "--value",
            "false",
        ],
    );
    env.w(
        "owner",
        &[
            "weights",
            "set",
            "--netuid",
            n,
            "--uids",
            "1,2",
            "--weights",
            "1,1",
        ],
    );
    assert_eq!(
        neuron_weights(&env.url, 1, 0),
        json!([[1, 65535], [2, 65535]])
    );

    // 10 τ into a pool of about 1,000 τ moves the price by about 2 %: over the default 0.5 %
    // limit, so the chain refuses it (fee paid, nothing staked).
    let err = yuma_fails(&[
        "stake",
        "add",
        "--netuid",
        n,
        "--amount",
        "10",
        "--url",
        &env.url,
        "--wallet-path",
        &env.wallets,
        "--wallet-name",
        "validator",
        "--no-prompt",
    ]);
    assert!(err.contains("SlippageTooHigh"), "{err}");
    // Stake 1 τ to the validator's hotkey, quoted first: the position is the quote's α.
    let quote = {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("rt");
        rt.block_on(async {
            yuma_client::Client::connect(&env.url)
                .await
                .expect("c")
                .query(
                    "swap_quote",
                    json!({"netuid": 1, "direction": "stake", "amount": RAO}),
                    None,
                )
                .await
                .expect("quote")
        })
    };
    let alpha = quote["amount_out"].as_u64().expect("amount_out");
    assert!(alpha > 0, "{quote}");
    env.w(
        "validator",
        &["stake", "add", "--netuid", n, "--amount", "1"],
    );
    let stakes = env.w("validator", &["stake", "list"]);
    assert_eq!(
        stakes,
        json!([{"hotkey": hotkey("validator"), "netuid": 1, "stake": alpha}])
    );
    // Unstake 0.5 α under the default 0.5 % limit: exactly that leaves the position.
    env.w(
        "validator",
        &["stake", "remove", "--netuid", n, "--amount", "0.5"],
    );
    let stakes = env.w("validator", &["stake", "list"]);
    assert_eq!(
        stakes[0]["stake"].as_u64(),
        Some(alpha - 500_000_000),
        "{stakes}"
    );

    let o = env.w("owner", &["wallet", "overview"]);
    assert_eq!(o["neurons"][0]["netuid"], 1, "{o}");
    assert_eq!(o["neurons"][0]["uid"], 0, "{o}");
}
