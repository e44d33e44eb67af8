//! `yuma scenario run FILE`: run a chain scenario and print one JSON line per step.

use super::{read_input, CliError};
use std::path::PathBuf;
use yuma_runtime::scenario::{Scenario, ScenarioError};

/// Scenario subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum ScenarioCommand {
    /// Run a scenario file (`-` for stdin). Exits 2 on a malformed file, 1 when an `expect`
    /// of a step does not hold.
    Run {
        /// The scenario (JSON, `shared/spec/scenario.md`).
        file: PathBuf,
    },
}

pub(crate) fn run(cmd: ScenarioCommand) -> Result<(), CliError> {
    let ScenarioCommand::Run { file } = cmd;
    let text = read_input(&file)?;
    let scenario =
        Scenario::parse(&text).map_err(|e| CliError::Input(format!("{}: {e}", file.display())))?;
    let run = scenario.run().map_err(|e| match e {
        ScenarioError::Invalid { .. } => CliError::Input(format!("{}: {e}", file.display())),
        ScenarioError::Chain { .. } => CliError::Failed(format!("{}: {e}", file.display())),
    })?;
    for line in &run.lines {
        println!("{line}");
    }
    if run.failed_expectations > 0 {
        return Err(CliError::Failed(format!(
            "{}: {} step(s) did not meet their expectations (see \"expect_failed\")",
            file.display(),
            run.failed_expectations
        )));
    }
    Ok(())
}
