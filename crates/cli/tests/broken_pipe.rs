//! `yuma … | head -1`: a reader that goes away ends the command quietly (status 0, nothing on
//! stderr), where `std::println!` would panic with "failed printing to stdout".

use std::process::{Command, Stdio};

const YUMA: &str = env!("CARGO_BIN_EXE_yuma");

/// Runs `yuma ARGS` with its stdout a pipe whose read end is closed before it writes.
fn with_closed_stdout(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(YUMA)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("yuma runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("yuma ends")
}

#[test]
fn a_closed_stdout_ends_a_command_quietly() {
    let wallets = tempfile::tempdir().expect("tempdir");
    let path = wallets.path().to_str().expect("utf-8 path");
    // A println! of a wallet command, and the scenario runner's output lines.
    let scenario = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/balances-transfer.json"
    );
    for args in [
        &["wallet", "list", "--wallet-path", path][..],
        &["scenario", "run", scenario][..],
    ] {
        let out = with_closed_stdout(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "yuma {args:?}: {:?} {stderr}",
            out.status
        );
        assert!(stderr.is_empty(), "yuma {args:?} wrote to stderr: {stderr}");
    }
}
