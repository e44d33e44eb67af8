//! `yuma scenario run`: a JSON file of blocks, time advances and queries run on a fresh
//! in-memory chain, printing one JSON object per step (`shared/spec/scenario.md`).
//!
//! The whole file is checked before anything runs; a malformed file is a [`ScenarioError`]
//! naming the step and field. A failed call is an outcome, not an error.
//!
//! yuma extensions (an implementation may add fields): a step may carry `"expect"`, a JSON
//! value that must match the step's output (`results` of a block, `result` of a query, the
//! block number of an advance) where every object key given must be present and equal, and
//! arrays must have the same length; a failed expectation is reported on the step's line as
//! `"expect_failed"` and makes the run fail. `"note"` is free text. A call may carry `tip`,
//! an explicit `nonce`, and `"tamper": true` (flip a signature bit) to exercise validity.
//! Without an explicit `nonce`, a call is signed with the nonce its signer's account will have
//! when it runs: transactions the pool rejects earlier in the block do not use one.

mod accounts;
mod calls;
mod childkey_calls;
mod expect;
mod stake_calls;
mod subnet_calls;

use crate::{
    executive::{Outcome, TxValidityError},
    genesis::GenesisConfig,
    params::ChainParams,
    query, MemoryChain,
};
use accounts::Accounts;
use serde_json::{json, Map, Value};
use yuma_primitives::{AccountId, Pair, RuntimeCall};

/// A scenario file that cannot run, or a run that broke an invariant of the chain itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    /// The file is malformed: `at` names the step and field.
    #[error("{at}: {message}")]
    Invalid {
        /// Where, e.g. `steps[3].args.dest`.
        at: String,
        /// What is wrong.
        message: String,
    },
    /// The chain failed (corrupt state or an unappliable block): a bug, not a bad file.
    #[error("chain error at step {step}: {message}")]
    Chain {
        /// Step index.
        step: usize,
        /// What failed.
        message: String,
    },
}

fn invalid(at: impl Into<String>, message: impl Into<String>) -> ScenarioError {
    ScenarioError::Invalid {
        at: at.into(),
        message: message.into(),
    }
}

/// One call of a block step, ready to sign.
struct PlannedCall {
    origin: Pair,
    call: RuntimeCall,
    tip: u64,
    nonce: Option<u32>,
    tamper: bool,
}

enum StepKind {
    Block(Vec<PlannedCall>),
    Advance(u64),
    Query(calls::Query),
}

struct Step {
    kind: StepKind,
    expect: Option<Value>,
}

/// A parsed scenario.
pub struct Scenario {
    genesis: GenesisConfig,
    steps: Vec<Step>,
}

/// The result of a run: one JSON line per step, and whether every expectation held.
pub struct Run {
    /// Output objects, in step order.
    pub lines: Vec<Value>,
    /// Number of steps whose `expect` failed.
    pub failed_expectations: usize,
}

fn obj<'a>(v: &'a Value, at: &str) -> Result<&'a Map<String, Value>, ScenarioError> {
    v.as_object()
        .ok_or_else(|| invalid(at, "expected a JSON object"))
}

fn check_keys(m: &Map<String, Value>, at: &str, allowed: &[&str]) -> Result<(), ScenarioError> {
    for k in m.keys() {
        if !allowed.contains(&k.as_str()) {
            return Err(invalid(
                format!("{at}.{k}"),
                format!("unknown field (expected one of {allowed:?})"),
            ));
        }
    }
    Ok(())
}

impl Scenario {
    /// Parses and checks a scenario from JSON text.
    pub fn parse(text: &str) -> Result<Self, ScenarioError> {
        let v: Value =
            serde_json::from_str(text).map_err(|e| invalid("file", format!("not JSON: {e}")))?;
        let top = obj(&v, "file")?;
        check_keys(top, "file", &["description", "genesis", "steps"])?;
        let mut accounts = Accounts::default();
        let genesis = parse_genesis(top.get("genesis"), &mut accounts)?;
        let steps_v = top
            .get("steps")
            .and_then(Value::as_array)
            .ok_or_else(|| invalid("steps", "missing or not an array"))?;
        let mut steps = Vec::with_capacity(steps_v.len());
        for (i, s) in steps_v.iter().enumerate() {
            steps.push(parse_step(i, s, &mut accounts)?);
        }
        Ok(Self { genesis, steps })
    }

    /// Runs the scenario on a fresh chain.
    pub fn run(&self) -> Result<Run, ScenarioError> {
        let mut chain =
            MemoryChain::new(&self.genesis).map_err(|e| invalid("genesis", e.to_string()))?;
        let mut lines = Vec::with_capacity(self.steps.len());
        let mut failed_expectations = 0;
        for (i, step) in self.steps.iter().enumerate() {
            let chain_err = |message: String| ScenarioError::Chain { step: i, message };
            let (mut line, observed) = match &step.kind {
                StepKind::Block(calls) => {
                    let results = run_block(&mut chain, calls).map_err(chain_err)?;
                    let line = json!({"step": i, "block": chain.best_number(), "results": results});
                    (line, Value::Array(results))
                }
                StepKind::Advance(n) => {
                    for _ in 0..*n {
                        chain
                            .apply(Vec::new())
                            .map_err(|e| chain_err(e.to_string()))?;
                    }
                    (
                        json!({"step": i, "block": chain.best_number()}),
                        json!(chain.best_number()),
                    )
                }
                StepKind::Query(q) => {
                    let result = q.run(&chain.state).map_err(|e| chain_err(e.to_string()))?;
                    (json!({"step": i, "result": result}), result)
                }
            };
            if let Some(want) = &step.expect {
                if let Some(diff) = expect::mismatch(&observed, want, "$") {
                    failed_expectations += 1;
                    line["expect_failed"] = Value::String(diff);
                }
            }
            lines.push(line);
        }
        Ok(Run {
            lines,
            failed_expectations,
        })
    }
}

fn parse_genesis(
    v: Option<&Value>,
    accounts: &mut Accounts,
) -> Result<GenesisConfig, ScenarioError> {
    let Some(v) = v else {
        return GenesisConfig::preset("dev").map_err(|e| invalid("genesis", e.to_string()));
    };
    let g = obj(v, "genesis")?;
    check_keys(g, "genesis", &["preset", "balances", "params"])?;
    let preset = match g.get("preset") {
        None => "dev",
        Some(p) => p
            .as_str()
            .ok_or_else(|| invalid("genesis.preset", "expected a string"))?,
    };
    let mut cfg =
        GenesisConfig::preset(preset).map_err(|e| invalid("genesis.preset", e.to_string()))?;
    if let Some(b) = g.get("balances") {
        let list = b
            .as_array()
            .ok_or_else(|| invalid("genesis.balances", "expected [[account, rao], …]"))?;
        for (j, pair) in list.iter().enumerate() {
            let at = format!("genesis.balances[{j}]");
            let pair = pair
                .as_array()
                .filter(|p| p.len() == 2)
                .ok_or_else(|| invalid(&at, "expected [account, rao]"))?;
            let who = accounts.account(&pair[0], &format!("{at}[0]"))?;
            let amount = pair[1].as_u64().ok_or_else(|| {
                invalid(format!("{at}[1]"), "expected rao as an unsigned integer")
            })?;
            cfg.set_balance(who, amount);
        }
    }
    if let Some(p) = g.get("params") {
        cfg.params = serde_json::from_value::<ChainParams>(p.clone())
            .map_err(|e| invalid("genesis.params", e.to_string()))?;
    }
    Ok(cfg)
}

fn parse_step(i: usize, v: &Value, accounts: &mut Accounts) -> Result<Step, ScenarioError> {
    let at = format!("steps[{i}]");
    let m = obj(v, &at)?;
    let expect = m.get("expect").cloned();
    let kind = if let Some(b) = m.get("block") {
        check_keys(m, &at, &["block", "expect", "note"])?;
        let list = b
            .as_array()
            .ok_or_else(|| invalid(format!("{at}.block"), "expected an array of calls"))?;
        let mut planned = Vec::with_capacity(list.len());
        for (j, c) in list.iter().enumerate() {
            planned.push(parse_call(&format!("{at}.block[{j}]"), c, accounts)?);
        }
        StepKind::Block(planned)
    } else if let Some(n) = m.get("advance") {
        check_keys(m, &at, &["advance", "expect", "note"])?;
        let n = n
            .as_u64()
            .filter(|n| *n >= 1)
            .ok_or_else(|| invalid(format!("{at}.advance"), "expected a block count ≥ 1"))?;
        StepKind::Advance(n)
    } else if let Some(q) = m.get("query") {
        check_keys(m, &at, &["query", "args", "expect", "note"])?;
        let name = q
            .as_str()
            .ok_or_else(|| invalid(format!("{at}.query"), "expected a query name"))?;
        StepKind::Query(calls::Query::parse(name, m.get("args"), &at, accounts)?)
    } else {
        return Err(invalid(
            &at,
            "unknown step kind (expected \"block\", \"advance\" or \"query\")",
        ));
    };
    Ok(Step { kind, expect })
}

fn parse_call(at: &str, v: &Value, accounts: &mut Accounts) -> Result<PlannedCall, ScenarioError> {
    let m = obj(v, at)?;
    check_keys(
        m,
        at,
        &["call", "origin", "args", "tip", "nonce", "tamper", "note"],
    )?;
    let name = m
        .get("call")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(format!("{at}.call"), "missing call name"))?;
    let origin = accounts.signer(
        m.get("origin")
            .ok_or_else(|| invalid(format!("{at}.origin"), "missing"))?,
        &format!("{at}.origin"),
    )?;
    let call = calls::build(name, m.get("args"), at, accounts, &origin)?;
    let tip = match m.get("tip") {
        None => 0,
        Some(t) => t
            .as_u64()
            .ok_or_else(|| invalid(format!("{at}.tip"), "expected rao"))?,
    };
    let nonce = match m.get("nonce") {
        None => None,
        Some(n) => Some(
            n.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| invalid(format!("{at}.nonce"), "expected a u32"))?,
        ),
    };
    let tamper = match m.get("tamper") {
        None => false,
        Some(t) => t
            .as_bool()
            .ok_or_else(|| invalid(format!("{at}.tamper"), "expected a bool"))?,
    };
    Ok(PlannedCall {
        origin,
        call,
        tip,
        nonce,
        tamper,
    })
}

/// Signs `calls`; a call without an explicit `nonce` gets its signer's account nonce plus the
/// number of that signer's earlier calls in the block that `consumed` says used a nonce.
fn sign_block(
    chain: &MemoryChain,
    calls: &[PlannedCall],
    consumed: &[bool],
) -> Result<Vec<Vec<u8>>, String> {
    let mut next: Vec<(AccountId, u32)> = Vec::new();
    let mut xts = Vec::with_capacity(calls.len());
    for (c, used) in calls.iter().zip(consumed) {
        let who = c.origin.public();
        let slot = match next.iter().position(|(a, _)| *a == who) {
            Some(i) => i,
            None => {
                let n = query::account(&chain.state, &who)
                    .map_err(|e| e.to_string())?
                    .nonce;
                next.push((who, n));
                next.len() - 1
            }
        };
        let nonce = next[slot].1;
        if *used {
            next[slot].1 += 1;
        }
        let nonce = c.nonce.unwrap_or(nonce);
        let mut bytes = chain.sign(&c.origin, c.call.clone(), nonce, c.tip);
        if c.tamper {
            bytes = tamper(&bytes)?;
        }
        xts.push(bytes);
    }
    Ok(xts)
}

/// Applies one block of `calls` with nonces a wallet watching the pool would pick: a
/// transaction the pool rejects (a guard, a bad signature, an unpayable fee) does not use its
/// nonce, so the signer's next automatic nonce stays the same. Each pass dry-runs the block and
/// stops assuming a nonce is used where the first such rejection shows otherwise; at most one
/// pass per call.
fn run_block(chain: &mut MemoryChain, calls: &[PlannedCall]) -> Result<Vec<Value>, String> {
    let mut consumed = vec![true; calls.len()];
    let xts = loop {
        let xts = sign_block(chain, calls, &consumed)?;
        let dry = chain.dry_run(xts.clone()).map_err(|e| e.to_string())?;
        let wrong = dry
            .receipts
            .iter()
            .zip(&consumed)
            .position(|(r, used)| *used && matches!(r.outcome, Outcome::Invalid(_)));
        match wrong {
            Some(i) => consumed[i] = false,
            None => break xts,
        }
    };
    let out = chain.apply(xts).map_err(|e| e.to_string())?;
    Ok(out
        .receipts
        .iter()
        .map(|r| {
            let events: Vec<Value> = out.events[r.events.clone()]
                .iter()
                .map(|e| e.event.to_json())
                .collect();
            match &r.outcome {
                Outcome::Success => json!({"ok": true, "fee": r.fee, "events": events}),
                Outcome::Failed(e) => {
                    json!({"ok": false, "fee": r.fee, "error": e.name(), "events": events})
                }
                Outcome::Invalid(e) => {
                    let mut v =
                        json!({"ok": false, "fee": 0, "error": e.name(), "message": e.to_string()});
                    // A guard's rejection (spec-subnets §4.10) also names its code and cause.
                    if let TxValidityError::Custom { code, error } = e {
                        v["code"] = json!(code.code());
                        v["pallet_error"] = json!(error.name());
                    }
                    v
                }
            }
        })
        .collect())
}

/// Flips one bit of the signature.
fn tamper(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use yuma_primitives::extrinsic::MultiSignature;
    let (mut xt, _) =
        yuma_primitives::UncheckedExtrinsic::from_bytes(bytes).map_err(|e| e.to_string())?;
    if let Some((_, MultiSignature::Sr25519(sig), _)) = &mut xt.signature {
        sig[0] ^= 1;
    }
    Ok(xt.to_bytes())
}
