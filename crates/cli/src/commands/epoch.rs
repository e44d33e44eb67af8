//! `yuma epoch CASE`: run one epoch of a conformance case and print its output object.

use super::{read_input, CliError};
use std::path::PathBuf;

/// Arguments of `yuma epoch`.
#[derive(Debug, clap::Args)]
pub(crate) struct EpochArgs {
    /// Case file in the format of spec-epoch §12, or `-` for standard input.
    case: PathBuf,
}

pub(crate) fn run(args: EpochArgs) -> Result<(), CliError> {
    let text = read_input(&args.case)?;
    let json =
        yuma_epoch::case::run_case_json(&text).map_err(|e| CliError::Input(e.to_string()))?;
    println!("{json}");
    Ok(())
}
