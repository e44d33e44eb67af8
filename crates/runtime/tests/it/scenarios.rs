//! Every scenario file under `scenarios/` runs and meets its expectations.

use yuma_runtime::scenario::{Scenario, ScenarioError};

#[test]
fn scenario_files_pass() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("scenarios/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let run = Scenario::parse(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()))
            .run()
            .unwrap();
        let failed: Vec<_> = run
            .lines
            .iter()
            .filter(|l| l.get("expect_failed").is_some())
            .collect();
        if !failed.is_empty() {
            failures.push(format!("{}: {failed:?}", f.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn malformed_files_name_the_step_and_field() {
    let cases = [
        (r#"{"steps": [{"jump": 1}]}"#, "steps[0]"),
        (
            r#"{"steps": [{"block": [{"call": "fly", "origin": "//Alice"}]}]}"#,
            "steps[0].block[0].call",
        ),
        (
            r#"{"steps": [{"block": [{"call": "transfer_keep_alive", "origin": "//Alice", "args": {"dest": "//Bob"}}]}]}"#,
            "steps[0].block[0].args.value",
        ),
        (
            r#"{"steps": [{"block": [{"call": "transfer_keep_alive", "origin": "//Alice", "args": {"dest": "5Grw", "value": 1}}]}]}"#,
            "steps[0].block[0].args.dest",
        ),
        (
            r#"{"steps": [{"query": "account", "args": {}}]}"#,
            "steps[0].args.account",
        ),
        (r#"{"steps": [{"advance": 0}]}"#, "steps[0].advance"),
        (
            r#"{"genesis": {"preset": "main"}, "steps": []}"#,
            "genesis.preset",
        ),
        (
            r#"{"genesis": {"params": {"tempo": "x"}}, "steps": []}"#,
            "genesis.params",
        ),
        (
            r#"{"genesis": {"params": {"warp": 1}}, "steps": []}"#,
            "genesis.params",
        ),
        (
            r#"{"steps": [{"block": [{"call": "remark", "origin": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "args": {"remark": "x"}}]}]}"#,
            "steps[0].block[0].origin",
        ),
        ("[", "file"),
    ];
    for (text, at_want) in cases {
        match Scenario::parse(text) {
            Err(ScenarioError::Invalid { at, .. }) => assert_eq!(at, at_want, "{text}"),
            Err(e) => panic!("{text}: unexpected {e}"),
            Ok(_) => panic!("{text}: accepted"),
        }
    }
}

#[test]
fn genesis_params_and_balances_apply() {
    let text = r#"{"genesis": {"preset": "empty", "balances": [["//Alice", 5000]], "params": {"tempo": 10, "emission_split": "price_ema"}},
                  "steps": [{"query": "total_issuance", "expect": 5000}]}"#;
    let run = Scenario::parse(text).unwrap().run().unwrap();
    assert_eq!(run.failed_expectations, 0);
    // A wrong expectation is caught.
    let text = text.replace("\"expect\": 5000", "\"expect\": 5001");
    assert_eq!(
        Scenario::parse(&text)
            .unwrap()
            .run()
            .unwrap()
            .failed_expectations,
        1
    );
}
