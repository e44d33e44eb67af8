//! Runs every case of `shared/conformance/epoch` (spec-epoch §12) and compares the output with
//! `expected` exactly. Cases are reported per file; the suite is skipped when the folder is
//! absent (a checkout without `shared/` beside it).

use std::path::PathBuf;
use yuma_epoch::case::run_case;
use yuma_epoch::EpochOutput;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/epoch")
}

#[test]
fn every_vector_matches_expected() {
    let dir = vectors_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no conformance vectors at {}", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).expect("readable vector");
        let doc: serde_json::Value = serde_json::from_str(&text).expect("vector is JSON");
        let expected: EpochOutput = serde_json::from_value(doc["expected"].clone())
            .expect("expected has the output format");
        match run_case(&text) {
            Ok(got) if got == expected => {}
            Ok(_) => failures.push(format!("{name}: output differs")),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    println!(
        "{} passed, {} failed",
        files.len() - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "failing vectors:\n{}",
        failures.join("\n")
    );
}
