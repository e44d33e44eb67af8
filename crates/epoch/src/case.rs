//! The conformance case format of spec-epoch §12: read a case's `input`, run the epoch, print
//! the §12.2 output object.
//!
//! Integers are parsed as integers (never through f64). A malformed case is reported with the
//! JSON path of the offending field, e.g. `input.neurons[3].weights[0][1]`.

use crate::epoch::run;
use crate::error::EpochError;
use crate::types::{EpochInput, EpochOutput};
use serde::Deserialize;

/// A case file that cannot be run.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// The JSON is malformed or a field is missing or has the wrong type.
    #[error("{path}: {message}")]
    Json {
        /// JSON path of the offending field (`.` for the whole document).
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// The input breaks a precondition of spec §12.1.
    #[error("input.{0}")]
    Epoch(#[from] EpochError),
    /// The output could not be encoded (not expected to happen).
    #[error("cannot encode the output: {0}")]
    Encode(String),
}

/// A case file: only `input` is read; `id`, `description` and `expected` are ignored.
#[derive(Debug, Deserialize)]
struct Case {
    input: EpochInput,
}

/// Parses a case document and returns its `input`.
pub fn parse_case(text: &str) -> Result<EpochInput, CaseError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let case: Case = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = strip_position(&inner.to_string());
        CaseError::Json { path, message }
    })?;
    Ok(case.input)
}

/// Removes serde_json's " at line L column C" suffix (the path already says where).
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Runs a case's `input` and returns the output object.
pub fn run_case(text: &str) -> Result<EpochOutput, CaseError> {
    let input = parse_case(text)?;
    Ok(run(&input)?)
}

/// Runs a case's `input` and returns the output object as one line of JSON.
pub fn run_case_json(text: &str) -> Result<String, CaseError> {
    let out = run_case(text)?;
    serde_json::to_string(&out).map_err(|e| CaseError::Encode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY: &str = r#"{"input": {"hyperparams": {"tempo": 360, "activity_cutoff_factor_milli": 13889,
        "kappa": 32767, "bonds_penalty": 65535, "bonds_moving_average": 900000,
        "liquid_alpha_enabled": false, "alpha_low": 45875, "alpha_high": 58982,
        "alpha_sigmoid_steepness": 1000, "yuma3_enabled": true, "max_allowed_validators": 64,
        "stake_threshold": 0, "tao_weight": 0, "commit_reveal_enabled": true},
        "block": 1, "last_mechanism_step_block": 0, "owner_uid": null, "emission": 0,
        "neurons": []}}"#;

    #[test]
    fn empty_subnet_gives_empty_arrays() {
        let out = run_case(EMPTY).expect("valid case");
        assert_eq!(out, EpochOutput::default());
    }

    #[test]
    fn missing_field_is_named() {
        let text = EMPTY.replace("\"kappa\": 32767,", "");
        let err = run_case_json(&text).expect_err("kappa missing");
        let msg = err.to_string();
        assert!(
            msg.contains("input.hyperparams") && msg.contains("kappa"),
            "{msg}"
        );
    }

    #[test]
    fn wrong_type_is_named_with_its_path() {
        let text = EMPTY.replace("\"block\": 1", "\"block\": 1.5");
        let msg = run_case_json(&text).expect_err("float block").to_string();
        assert!(msg.starts_with("input.block:"), "{msg}");
        let text = EMPTY.replace("\"emission\": 0", "\"emission\": 18446744073709551616");
        let msg = run_case_json(&text).expect_err("u64 overflow").to_string();
        assert!(msg.starts_with("input.emission:"), "{msg}");
    }

    #[test]
    fn large_u64_values_parse_exactly() {
        let text = EMPTY.replace("\"emission\": 0", "\"emission\": 18446744073709551615");
        assert_eq!(parse_case(&text).expect("valid").emission, u64::MAX);
    }

    #[test]
    fn precondition_errors_name_the_field() {
        let neuron = r#"{"alpha_stake": 1, "tao_stake": 0, "last_update": 1, "registered_at": 0,
            "validator_permit": true, "commit_block": null, "weights": [[5, 1]], "bonds": []}"#;
        let text = EMPTY.replace("\"neurons\": []", &format!("\"neurons\": [{neuron}]"));
        let msg = run_case_json(&text).expect_err("uid 5 of 1").to_string();
        assert_eq!(msg, "input.neurons[0].weights: uid 5 out of range (n = 1)");
        let dup = neuron.replace("[[5, 1]]", "[[0, 1], [0, 2]]");
        let text = EMPTY.replace("\"neurons\": []", &format!("\"neurons\": [{dup}]"));
        let msg = run_case_json(&text).expect_err("duplicate").to_string();
        assert_eq!(msg, "input.neurons[0].weights: duplicate uid 0");
        let ok = neuron.replace("[[5, 1]]", "[]");
        let text = EMPTY
            .replace("\"neurons\": []", &format!("\"neurons\": [{ok}]"))
            .replace("\"owner_uid\": null", "\"owner_uid\": 1");
        let msg = run_case_json(&text).expect_err("owner").to_string();
        assert_eq!(msg, "input.owner_uid: uid 1 out of range (n = 1)");
    }
}
