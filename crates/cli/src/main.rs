//! The yuma binary: node, scenarios, epoch conformance and btcli-style commands.

/// `println!` for every command: standard output through [`out::line`], which ends the
/// process quietly when the reader has gone (`yuma … | head -1`) instead of panicking.
macro_rules! println {
    ($($arg:tt)*) => {
        $crate::out::line(format_args!($($arg)*))
    };
}

mod commands;
mod out;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let on = commands::style::stderr_enabled();
            eprintln!("{} {e}", commands::style::bad("error:", on));
            ExitCode::from(e.exit_code())
        }
    }
}
