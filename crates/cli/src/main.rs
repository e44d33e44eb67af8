//! The yuma binary: node, scenarios, epoch conformance and btcli-style commands.

mod commands;

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
