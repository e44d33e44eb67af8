//! Standard output of the commands (every `println!` of this crate comes here, see `main.rs`).
//!
//! Rust ignores `SIGPIPE`, so writing to a pipe whose reader has exited (`yuma wallet list |
//! head -1`) fails with `BrokenPipe`, and `std::println!` panics on it. The reader got what it
//! wanted, so the command stops quietly with status 0, as `ripgrep` and `git` do; dying by the
//! signal (status 141) would need `SIGPIPE` restored, which would also let a closed RPC socket
//! kill a running node, and would make `set -o pipefail` scripts fail on a normal `head`.

use std::io::{ErrorKind, Write as _};

/// Writes one line to standard output; ends the process (status 0) if the reader is gone, or
/// (status 1) if standard output cannot be written for another reason.
pub(crate) fn line(args: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    let written = out
        .write_fmt(args)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    if let Err(e) = written {
        exit_on(&e);
    }
}

/// Ends the process after a failed write to standard output: quietly when the reader is gone.
pub(crate) fn exit_on(e: &std::io::Error) -> ! {
    if e.kind() == ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("error: cannot write to standard output: {e}");
    std::process::exit(1);
}
