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

    let keys = Keys {
        miner_hk: hotkey("miner"),
        validator_hk: hotkey("validator"),
        owner_ck: coldkey("owner"),
        validator_ck: coldkey("validator"),
    };
    epoch_pays_the_miner_and_the_validator(&env, &keys);
    moves_transfers_and_swaps(&env, &keys);
    children_and_takes(&env, &keys);
    subnet_costs_and_price(&env, lock);
}

struct Keys {
    miner_hk: String,
    validator_hk: String,
    owner_ck: String,
    validator_ck: String,
}

impl Env {
    /// A wallet-bound command expected to fail; its stderr.
    fn w_fails(&self, wallet: &str, args: &[&str]) -> String {
        let mut a: Vec<&str> = args.to_vec();
        a.extend([
            "--url",
            &self.url,
            "--wallet-path",
            &self.wallets,
            "--wallet-name",
            wallet,
            "--no-prompt",
        ]);
        yuma_fails(&a)
    }

    /// The α `coldkey` holds on `hotkey` on `netuid` (the `stake` query).
    fn position(&self, hotkey: &str, coldkey: &str, netuid: u16) -> u64 {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("rt");
        rt.block_on(async {
            yuma_client::Client::connect(&self.url)
                .await
                .expect("c")
                .query(
                    "stake",
                    json!({"hotkey": hotkey, "coldkey": coldkey, "netuid": netuid}),
                    None,
                )
                .await
                .expect("stake")
                .as_u64()
                .expect("u64")
        })
    }
}

/// The stake events of a `--json` receipt, as (event, hotkey, coldkey, netuid, tao, alpha,
/// fee).
#[allow(clippy::type_complexity)]
fn changes(receipt: &Value) -> Vec<(String, String, String, u64, u64, u64, u64)> {
    receipt["stake_changes"]
        .as_array()
        .expect("stake_changes")
        .iter()
        .map(|c| {
            (
                c["event"].as_str().expect("event").to_string(),
                c["hotkey"].as_str().expect("hotkey").to_string(),
                c["coldkey"].as_str().expect("coldkey").to_string(),
                c["netuid"].as_u64().expect("netuid"),
                c["tao"].as_u64().expect("tao"),
                c["alpha"].as_u64().expect("alpha"),
                c["fee"].as_u64().expect("fee"),
            )
        })
        .collect()
}

/// The validator (UID 2, staked) and the owner (UID 0) both weight only the miner (UID 1);
/// after the next epochs the metagraph shows what Yuma Consensus gives: the only weighted
/// miner has all the incentive, the staked validator that bonded to it has dividends, and
/// both are paid emission.
fn epoch_pays_the_miner_and_the_validator(env: &Env, k: &Keys) {
    let n = "1";
    // A permit comes with the first epoch after the validator holds stake.
    let e = env.epoch(n);
    env.wait_epoch_after(n, e);
    for w in ["validator", "owner"] {
        env.w(
            w,
            &[
                "weights",
                "set",
                "--netuid",
                n,
                "--uids",
                "1",
                "--weights",
                "1",
            ],
        );
    }
    let e = env.epoch(n);
    env.wait_epoch_after(n, e + 1);
    let m = env.q(&["metagraph", "--netuid", n]);
    assert_eq!(m["hotkeys"][1].as_str(), Some(k.miner_hk.as_str()));
    let at = |field: &str, uid: usize| m[field][uid].as_u64().unwrap_or(0);
    // Every weight of every validator goes to UID 1: it holds the whole incentive (u16 1.0).
    assert_eq!(at("incentives", 1), 65_535, "{m}");
    assert_eq!(at("incentives", 2), 0, "{m}");
    // The miner has no weights, so no bonds and no dividends; the staked validator has both.
    assert_eq!(at("dividends", 1), 0, "{m}");
    assert!(at("dividends", 2) > 0, "{m}");
    assert!(at("emission", 1) > 0, "{m}");
    assert!(at("emission", 2) > 0, "{m}");
    // The human table shows the same figures.
    let table = yuma(&["metagraph", "--netuid", n, "--url", &env.url]);
    let text = table.as_str().expect("a table");
    assert!(text.contains("65535"), "{text}");
}

fn moves_transfers_and_swaps(env: &Env, k: &Keys) {
    let n = "1";
    // Move 0.1 α from the validator's hotkey to the miner's on the same subnet: α moves one
    // for one, no swap.
    let r = env.w(
        "validator",
        &[
            "stake",
            "move",
            "--origin-netuid",
            n,
            "--dest-hotkey",
            &k.miner_hk,
            "--amount",
            "0.1",
        ],
    );
    let c = changes(&r);
    assert_eq!(c.len(), 2, "{r}");
    assert_eq!(
        (c[0].0.as_str(), c[0].1.as_str(), c[0].5),
        ("StakeRemoved", k.validator_hk.as_str(), 100_000_000)
    );
    assert_eq!(
        (c[1].0.as_str(), c[1].1.as_str(), c[1].2.as_str(), c[1].5),
        (
            "StakeAdded",
            k.miner_hk.as_str(),
            k.validator_ck.as_str(),
            100_000_000
        )
    );
    // The miner sets no weights, so nothing is added to its nominators: exactly 0.1 α.
    assert_eq!(env.position(&k.miner_hk, &k.validator_ck, 1), 100_000_000);

    // Transfer 0.04 α of that to the owner's coldkey: 0.06 α stays, 0.04 α arrives.
    env.w(
        "validator",
        &[
            "stake",
            "transfer",
            "--dest",
            &k.owner_ck,
            "--origin-netuid",
            n,
            "--hotkey-ss58",
            &k.miner_hk,
            "--amount",
            "0.04",
        ],
    );
    assert_eq!(env.position(&k.miner_hk, &k.validator_ck, 1), 60_000_000);
    assert_eq!(env.position(&k.miner_hk, &k.owner_ck, 1), 40_000_000);
    // More than the position: refused by the dry run, nothing sent.
    let err = env.w_fails(
        "validator",
        &[
            "stake",
            "transfer",
            "--dest",
            &k.owner_ck,
            "--origin-netuid",
            n,
            "--hotkey-ss58",
            &k.miner_hk,
            "--amount",
            "1",
        ],
    );
    assert!(
        err.contains("holds only 0.06 α") && err.contains("nothing was sent"),
        "{err}"
    );
    assert_eq!(env.position(&k.miner_hk, &k.validator_ck, 1), 60_000_000);

    // Swap all of it to root under the default ratio limit: subnet 1 sells 0.06 α for τ and
    // root (price 1, no second fee) credits exactly that τ as α.
    let r = env.w(
        "validator",
        &[
            "stake",
            "swap",
            "--origin-netuid",
            n,
            "--dest-netuid",
            "0",
            "--hotkey-ss58",
            &k.miner_hk,
            "--all",
        ],
    );
    let c = changes(&r);
    assert_eq!(c.len(), 2, "{r}");
    let (removed, added) = (&c[0], &c[1]);
    assert_eq!((removed.0.as_str(), removed.3), ("StakeRemoved", 1), "{r}");
    // StakeRemoved carries the α sold net of the swap fee (taken in α).
    assert_eq!(removed.5 + removed.6, 60_000_000, "{r}");
    assert_eq!((added.0.as_str(), added.3), ("StakeAdded", 0));
    assert!(removed.4 > 0, "{r}");
    assert_eq!(
        added.5, removed.4,
        "root is 1:1 and the fee is paid once: {r}"
    );
    assert_eq!(env.position(&k.miner_hk, &k.validator_ck, 1), 0);
    assert_eq!(env.position(&k.miner_hk, &k.validator_ck, 0), removed.4);
}

fn children_and_takes(env: &Env, k: &Keys) {
    let n = "1";
    // The subnet owner's hotkey lends a quarter of its stake weight to the miner's hotkey.
    // The subnet has started, so the list waits out PendingChildKeyCooldown (7,200 blocks).
    let r = env.w(
        "owner",
        &[
            "stake",
            "children",
            "set",
            "--netuid",
            n,
            "--children",
            &k.miner_hk,
            "--proportions",
            "0.25",
        ],
    );
    let block = r["blockNumber"].as_u64().unwrap_or_else(|| panic!("{r}"));
    let g = env.w("owner", &["stake", "children", "get", "--netuid", n]);
    assert_eq!(g["children"], json!([]), "{g}");
    assert_eq!(
        g["pending"]["children"],
        json!([{"hotkey": k.miner_hk, "proportion": (1u64 << 62) - 1, "share": "25.00 %"}]),
        "{g}"
    );
    assert_eq!(g["pending"]["cooldown_block"].as_u64(), Some(block + 7_200));
    // set_children is limited to once per 150 blocks per hotkey and subnet: revoking now fails.
    let err = env.w_fails("owner", &["stake", "child", "revoke", "--netuid", n]);
    assert!(err.contains("TxRateLimitExceeded"), "{err}");

    // Childkey take: 0 by default (MinChildkeyTake), 0.09 → ⌊0.09 × 65,535⌋ = 5,898.
    let t = env.w("miner", &["stake", "childkey-take", "--netuid", n]);
    assert_eq!(t["childkey_take"], 0, "{t}");
    env.w(
        "miner",
        &["stake", "childkey-take", "--netuid", n, "--take", "0.09"],
    );
    let t = env.w("miner", &["stake", "children", "take", "--netuid", n]);
    assert_eq!(t["childkey_take"], 5_898, "{t}");

    // Delegate take: 18 % (11,796) by default; lowering to 0.1 is decrease_take → 6,553;
    // raising right after is refused by the rate limit (216,000 blocks since the last change).
    let t = env.w("validator", &["delegate", "get-take"]);
    assert_eq!(t["take"], 11_796, "{t}");
    assert_eq!(t["hotkey"].as_str(), Some(k.validator_hk.as_str()));
    env.w("validator", &["delegate", "set-take", "--take", "0.1"]);
    assert_eq!(env.w("validator", &["delegate", "get-take"])["take"], 6_553);
    let err = env.w_fails("validator", &["delegate", "set-take", "--take", "0.12"]);
    assert!(err.contains("DelegateTxRateLimitExceeded"), "{err}");
    assert_eq!(env.w("validator", &["delegate", "get-take"])["take"], 6_553);
}

fn subnet_costs_and_price(env: &Env, first_lock: u64) {
    // The lock cost doubles with each subnet and then decays slowly: above the first lock.
    let lock = env.q(&["subnet", "lock-cost"])["lock_cost"]
        .as_u64()
        .expect("lock_cost");
    assert!(lock > first_lock, "{lock} <= {first_lock}");
    assert!(lock <= 2 * first_lock, "{lock} > 2 × {first_lock}");
    // btcli's burn-cost without a subnet is the same figure.
    let b = env.q(&["subnet", "burn-cost"])["lock_cost"]
        .as_u64()
        .expect("lock_cost");
    assert!(b >= first_lock, "{b}");
    // With a subnet: the registration burn, as `subnet hyperparameters` reports it.
    let b = env.q(&["subnet", "burn-cost", "--netuid", "1"]);
    assert_eq!(b["netuid"], 1, "{b}");
    assert!(b["burn"].as_u64().expect("burn") > 0, "{b}");
    // The price of one subnet and of all of them.
    let p = env.q(&["subnet", "price", "--netuid", "1"]);
    assert_eq!(p["netuid"], 1, "{p}");
    assert!(
        p["price"].as_str().is_some() && p["moving_price"].as_str().is_some(),
        "{p}"
    );
    let all = env.q(&["subnet", "price"]);
    let netuids: Vec<u64> = all
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|r| r["netuid"].as_u64())
        .collect();
    assert_eq!(netuids, vec![0, 1], "{all}");
    // Root's price is 1 τ per α by definition.
    assert_eq!(all[0]["price"], "1.000000000", "{all}");
}
