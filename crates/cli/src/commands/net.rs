//! What every command that talks to a node shares: `--url`, `--json`, `--no-prompt`, the
//! async runtime, amounts in τ, the confirmation prompt, the spinner while a transaction
//! waits for finality and the receipt.

use super::{style, CliError};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Value};
use std::{
    io::{IsTerminal as _, Write as _},
    time::Duration,
};
use yuma_client::{events::stake_changes, Client, ClientError, DEFAULT_URL};
use yuma_primitives::{
    rpc::{DryRun, TransactionInfo},
    AccountId, Pair, RuntimeCall,
};

/// Rao per τ.
pub(crate) const RAO_PER_TAO: u64 = 1_000_000_000;
/// How long a command waits for its transaction to be finalized.
pub(crate) const FINALITY_WAIT: Duration = Duration::from_secs(60);

/// Flags of every command that talks to a node.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct NetArgs {
    /// The node's RPC URL (ws:// or http://).
    #[arg(long, global = true, alias = "network", alias = "subtensor.chain_endpoint", default_value = DEFAULT_URL)]
    pub(crate) url: String,
    /// Machine-readable output (one JSON document).
    #[arg(long, global = true)]
    pub(crate) json: bool,
    /// Do not ask for confirmation.
    #[arg(long, short = 'y', global = true, alias = "yes")]
    pub(crate) no_prompt: bool,
}

impl From<ClientError> for CliError {
    fn from(e: ClientError) -> Self {
        CliError::Failed(e.to_string())
    }
}

impl NetArgs {
    /// Runs `f` with a connected client on a fresh single-threaded runtime.
    pub(crate) fn run<F, Fut, T>(&self, f: F) -> Result<T, CliError>
    where
        F: FnOnce(Client) -> Fut,
        Fut: std::future::Future<Output = Result<T, CliError>>,
    {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| CliError::Io(format!("cannot start the async runtime: {e}")))?;
        rt.block_on(async {
            let client = Client::connect(&self.url).await?;
            f(client).await
        })
    }

    /// Asks `question` unless `--no-prompt`; `false` means the user declined.
    pub(crate) fn confirm(&self, question: &str) -> Result<bool, CliError> {
        if self.no_prompt {
            return Ok(true);
        }
        if !std::io::stdin().is_terminal() {
            return Err(CliError::Input(format!(
                "{question} — no terminal to confirm on; pass --no-prompt (-y) to proceed"
            )));
        }
        eprint!("{question} [y/N] ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| CliError::Io(format!("cannot read the answer: {e}")))?;
        Ok(matches!(line.trim(), "y" | "Y" | "yes"))
    }

    /// Signs `call` as `signer`, shows the fee (from a dry run) with `summary`, asks, submits
    /// and waits for finality with a spinner; prints and returns the receipt.
    pub(crate) async fn submit(
        &self,
        client: &Client,
        signer: &Pair,
        call: RuntimeCall,
        summary: &str,
    ) -> Result<TransactionInfo, CliError> {
        let xt = self
            .prepare(client, signer, call, |_| Ok(summary.to_string()))
            .await?;
        self.send(client, &xt).await
    }

    /// The first half of [`NetArgs::submit`]: signs and dry-runs `call`, shows what
    /// `describe` makes of the dry run (the quote) with the fee, and asks; returns the signed
    /// extrinsic. Commands that re-check a quote after the user agreed do so between this and
    /// [`NetArgs::send`].
    pub(crate) async fn prepare(
        &self,
        client: &Client,
        signer: &Pair,
        call: RuntimeCall,
        describe: impl FnOnce(&DryRun) -> Result<String, CliError>,
    ) -> Result<Vec<u8>, CliError> {
        let xt = client.sign(signer, call, 0).await?;
        let dry = client.dry_run(&xt).await?;
        if !dry.valid {
            return Err(CliError::Failed(format!(
                "the node would refuse this transaction: {}",
                dry.error.unwrap_or_default()
            )));
        }
        let summary = describe(&dry)?;
        if !self.json {
            let on = style::stderr_enabled();
            eprintln!("{}", style::colorize(&summary, on));
            eprintln!(
                "{}",
                style::colorize(&format!("  fee: {}", tao(dry.fee)), on)
            );
            if !dry.success {
                let why = explain(dry.error.as_deref().unwrap_or_default());
                eprintln!(
                    "{}",
                    style::warn(&format!("  warning: the call would fail now: {why}"), on)
                );
            }
        }
        if !self.confirm("Send?")? {
            return Err(CliError::Failed("cancelled".into()));
        }
        Ok(xt)
    }

    /// The second half of [`NetArgs::submit`]: submits `xt`, waits for finality with a
    /// spinner, prints and returns the receipt (an error if the call failed).
    pub(crate) async fn send(
        &self,
        client: &Client,
        xt: &[u8],
    ) -> Result<TransactionInfo, CliError> {
        let hash = client.submit(xt).await?;
        let spinner = self.spinner(format!("waiting for {hash} to be finalized"));
        let receipt = client.wait(hash, FINALITY_WAIT).await;
        if let Some(s) = spinner {
            s.finish_and_clear();
        }
        let receipt = receipt?;
        self.print_receipt(&receipt);
        if receipt.success {
            Ok(receipt)
        } else {
            Err(CliError::Failed(format!(
                "the transaction was included in block {} but failed: {}",
                receipt.block_number,
                explain(receipt.error.as_deref().unwrap_or_default())
            )))
        }
    }

    /// A spinner on standard error when it is a terminal and the output is for humans.
    pub(crate) fn spinner(&self, message: String) -> Option<ProgressBar> {
        if self.json || !std::io::stderr().is_terminal() {
            return None;
        }
        let pb = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            pb.set_style(style);
        }
        pb.set_message(message);
        pb.enable_steady_tick(Duration::from_millis(100));
        Some(pb)
    }

    /// The receipt: JSON on stdout with `--json`, a table otherwise.
    pub(crate) fn print_receipt(&self, r: &TransactionInfo) {
        if self.json {
            let mut v = json!(r);
            let changes: Vec<Value> = stake_changes(&r.events)
                .iter()
                .map(|c| {
                    json!({
                        "event": if c.added { "StakeAdded" } else { "StakeRemoved" },
                        "coldkey": c.coldkey, "hotkey": c.hotkey, "netuid": c.netuid,
                        "tao": c.tao, "alpha": c.alpha, "fee": c.fee,
                    })
                })
                .collect();
            if !changes.is_empty() {
                v["stake_changes"] = Value::Array(changes);
            }
            println!("{v}");
            return;
        }
        let mut t = table(&["", ""]);
        t.add_row(vec!["transaction", &r.hash.to_string()]);
        t.add_row(vec![
            "block",
            &format!("{} ({})", r.block_number, r.block_hash),
        ]);
        t.add_row(vec!["result", if r.success { "success" } else { "failed" }]);
        if let Some(e) = &r.error {
            t.add_row(vec!["error", &explain(e)]);
        }
        t.add_row(vec!["fee", &tao(r.fee)]);
        t.add_row(vec!["events", &r.events.len().to_string()]);
        println!(
            "{}",
            style::colorize(&t.to_string(), style::stdout_enabled())
        );
    }

    /// Prints `v` as JSON, or `human` otherwise.
    pub(crate) fn output(&self, v: &Value, human: impl FnOnce() -> String) {
        if self.json {
            println!("{v}");
        } else {
            println!("{}", style::colorize(&human(), style::stdout_enabled()));
        }
    }
}

/// A table with `header` in the project's style.
pub(crate) fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    if header.iter().any(|h| !h.is_empty()) {
        t.set_header(header.to_vec());
    }
    t
}

/// `rao` as τ with nine decimals, trailing zeros trimmed (`1.5 τ`).
pub(crate) fn tao(rao: u64) -> String {
    units(rao, "τ")
}

/// An amount with nine decimals and a unit symbol.
pub(crate) fn units(raw: u64, symbol: &str) -> String {
    let whole = raw / RAO_PER_TAO;
    let frac = raw % RAO_PER_TAO;
    if frac == 0 {
        return format!("{whole} {symbol}");
    }
    let f = format!("{frac:09}");
    format!("{whole}.{} {symbol}", f.trim_end_matches('0'))
}

/// Parses a τ amount (`1`, `0.5`, `1_000.25`, at most nine decimals) into rao, without floats.
pub(crate) fn parse_tao(s: &str) -> Result<u64, String> {
    let clean: String = s.trim().chars().filter(|c| *c != '_').collect();
    let (whole, frac) = clean.split_once('.').unwrap_or((&clean, ""));
    if whole.is_empty() && frac.is_empty() {
        return Err(format!("{s:?} is not an amount of τ"));
    }
    if frac.len() > 9 {
        return Err(format!(
            "{s:?} has more than nine decimals (1 rao = 0.000000001 τ)"
        ));
    }
    let digits = |d: &str| d.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(frac) {
        return Err(format!("{s:?} is not an amount of τ"));
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| format!("{s:?} is too large"))?
    };
    let frac: u64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<9}")
            .parse()
            .map_err(|_| format!("{s:?} is not an amount of τ"))?
    };
    whole
        .checked_mul(RAO_PER_TAO)
        .and_then(|w| w.checked_add(frac))
        .ok_or_else(|| format!("{s:?} is too large"))
}

/// A chain error name followed by what it means, for the errors the staking, child-key and
/// take commands meet (`SlippageTooHigh — the price would move past your limit ...`).
pub(crate) fn explain(error: &str) -> String {
    // The node reports a module error as its name or as `Module(ModuleError { .., name: "…" })`.
    let name = error
        .split('"')
        .nth(1)
        .filter(|_| error.starts_with("Module("))
        .unwrap_or(error);
    let words = match name {
        "SlippageTooHigh" => {
            "the price would move past your limit; try a smaller amount, a larger --tolerance or --partial"
        }
        "NotEnoughStakeToWithdraw" => "the position holds less than that",
        "AmountTooLow" => "the amount is below the minimum stake of 0.002 τ",
        "InsufficientLiquidity" => "the pool is too small for this amount",
        "HotKeyAccountNotExists" => "the hotkey is not registered anywhere",
        "SubnetNotExists" => "there is no such subnet",
        "SubtokenDisabled" => "the subnet has not been started (`yuma subnet start`)",
        "TransferDisallowed" => "the subnet does not allow stake transfers",
        "SameNetuid" => "origin and destination are the same",
        "NonAssociatedColdKey" => "this coldkey does not own the hotkey",
        "TxRateLimitExceeded" => "children can be set once per 150 blocks; wait",
        "NotEnoughStakeToSetChildkeys" => "the hotkey needs more stake to have children",
        "DuplicateChild" => "a child is listed twice",
        "InvalidChild" => "a hotkey cannot be its own child, or the child is already its parent",
        "TooManyChildren" => "at most five children",
        "ProportionOverflow" => "the proportions add up to more than 1",
        "InvalidChildkeyTake" => "the childkey take is outside the allowed range (0 to 18 %)",
        "TxChildkeyTakeRateLimitExceeded" => "the childkey take was changed too recently",
        "DelegateTakeTooLow" => {
            "the take must be above the current one to increase it, below it to decrease it, and not below the minimum"
        }
        "DelegateTakeTooHigh" => "the take is above the maximum (18 %)",
        "DelegateTxRateLimitExceeded" => "the take was raised too recently; wait",
        "NeuronNoValidatorPermit" => {
            "the hotkey has no validator permit yet; the epoch after it holds stake gives one"
        }
        "NotEnoughBalanceToStake" | "BalanceWithdrawalError" => "not enough free τ",
        _ => return error.to_string(),
    };
    format!("{name} — {words}")
}

/// An SS58 address given with `flag`.
pub(crate) fn address(s: &str, flag: &str) -> Result<AccountId, CliError> {
    AccountId::from_ss58(s).map_err(|e| CliError::Input(format!("{flag} {s:?}: {e}")))
}

/// A fraction from 0 to 1 (`0.18`, at most nine decimals) in billionths.
pub(crate) fn parse_fraction(s: &str, flag: &str) -> Result<u64, CliError> {
    let b = parse_tao(s).map_err(|_| {
        CliError::Input(format!(
            "{flag} {s:?}: expected a fraction from 0 to 1 such as 0.18"
        ))
    })?;
    if b > RAO_PER_TAO {
        return Err(CliError::Input(format!(
            "{flag} {s:?}: a fraction is at most 1 (0.18 means 18 %)"
        )));
    }
    Ok(b)
}

/// Billionths as a take in u16/65 535, rounded down (btcli's `int(x * 65535)`).
pub(crate) fn fraction_u16(billionths: u64) -> u16 {
    u16::try_from(u128::from(billionths) * 65_535 / u128::from(RAO_PER_TAO)).unwrap_or(u16::MAX)
}

/// Billionths as a proportion of `u64::MAX`, rounded down (btcli's `float_to_u64`).
pub(crate) fn fraction_u64(billionths: u64) -> u64 {
    u64::try_from(u128::from(billionths) * u128::from(u64::MAX) / u128::from(RAO_PER_TAO))
        .unwrap_or(u64::MAX)
}

/// `part / whole` as a percentage with two decimals, rounded half up (`18.00 %`).
pub(crate) fn percent(part: u128, whole: u128) -> String {
    if whole == 0 {
        return "0.00 %".into();
    }
    let hundredths = (part * 20_000 + whole) / (2 * whole);
    format!("{}.{:02} %", hundredths / 100, hundredths % 100)
}

/// A u16/65 535 take as a percentage.
pub(crate) fn take_percent(take: u16) -> String {
    percent(u128::from(take), 65_535)
}

/// A comma-separated list of u16 (`0,1,2`).
pub(crate) fn parse_u16_list(s: &str) -> Result<Vec<u16>, String> {
    s.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            p.trim()
                .parse::<u16>()
                .map_err(|_| format!("{p:?} is not a number from 0 to 65535"))
        })
        .collect()
}

/// A JSON value as a table cell.
pub(crate) fn cell(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tao_amounts_parse_and_print_exactly() {
        assert_eq!(parse_tao("1"), Ok(RAO_PER_TAO));
        assert_eq!(parse_tao("0.5"), Ok(500_000_000));
        assert_eq!(parse_tao(".000000001"), Ok(1));
        assert_eq!(parse_tao("1_000.25"), Ok(1_000_250_000_000));
        assert!(parse_tao("0.0000000001").is_err());
        assert!(parse_tao("-1").is_err());
        assert!(parse_tao("1e3").is_err());
        assert!(parse_tao("").is_err());
        assert!(parse_tao("18446744074").is_err());
        assert_eq!(tao(1_500_000_000), "1.5 τ");
        assert_eq!(tao(2_000_000_000), "2 τ");
        assert_eq!(tao(1), "0.000000001 τ");
    }

    #[test]
    fn fractions_become_takes_and_proportions() {
        assert_eq!(parse_fraction("0.18", "--take").ok(), Some(180_000_000));
        assert!(parse_fraction("1.5", "--take").is_err());
        assert!(parse_fraction("18%", "--take").is_err());
        // 0.18 × 65 535 = 11 796.3 → 11 796, subtensor's MaxDelegateTake.
        assert_eq!(fraction_u16(180_000_000), 11_796);
        assert_eq!(fraction_u16(RAO_PER_TAO), 65_535);
        // 0.5 × (2^64 − 1) = 2^63 − 0.5 → 2^63 − 1.
        assert_eq!(fraction_u64(500_000_000), (1 << 63) - 1);
        assert_eq!(fraction_u64(RAO_PER_TAO), u64::MAX);
        assert_eq!(take_percent(11_796), "18.00 %");
        assert_eq!(take_percent(65_535), "100.00 %");
        assert_eq!(take_percent(0), "0.00 %");
        assert_eq!(percent(1, 3), "33.33 %");
        assert_eq!(percent(2, 3), "66.67 %");
    }

    #[test]
    fn chain_errors_are_named_and_explained() {
        let debug =
            r#"Module(ModuleError { index: 7, error: 15, name: "NeuronNoValidatorPermit" })"#;
        assert!(explain(debug).starts_with("NeuronNoValidatorPermit — the hotkey has no"));
        assert!(explain("SlippageTooHigh").starts_with("SlippageTooHigh — the price"));
        assert_eq!(explain("Something else"), "Something else");
    }

    #[test]
    fn u16_lists() {
        assert_eq!(parse_u16_list("0, 1,2"), Ok(vec![0, 1, 2]));
        assert!(parse_u16_list("1,x").is_err());
        assert!(parse_u16_list("70000").is_err());
    }
}
