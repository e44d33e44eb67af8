//! `yuma wallet …`: the wallet commands with btcli's flags (`--wallet-path`, `--wallet-name`,
//! `--hotkey`). Offline: create, regen, list, sign, verify; on a node (`--url`): balance,
//! overview, transfer, faucet (see [`super::wallet_net`]).

use super::{
    keys::{read_password, werr, KeyArgs},
    net::NetArgs,
    wallet_net, CliError,
};
use yuma_primitives::{crypto, AccountId, Pair};
use yuma_wallet::{generate_mnemonic, list_wallets, Password, Wallet, WalletError};

/// Flags shared by the wallet commands.
#[derive(Debug, clap::Args)]
pub(crate) struct WalletArgs {
    #[command(subcommand)]
    command: WalletCommand,
    #[command(flatten)]
    keys: KeyArgs,
    #[command(flatten)]
    net: NetArgs,
}

#[derive(Debug, clap::Args)]
struct NewKey {
    /// Words in the new mnemonic: 12, 15, 18, 21 or 24.
    #[arg(long, default_value_t = 12)]
    n_words: usize,
    /// Replace an existing key file.
    #[arg(long)]
    overwrite: bool,
    /// Store the coldkey unencrypted (not recommended).
    #[arg(long)]
    no_password: bool,
}

#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
struct Source {
    /// The BIP-39 mnemonic (quote it).
    #[arg(long)]
    mnemonic: Option<String>,
    /// A 32-byte secret seed, 0x-hex.
    #[arg(long)]
    seed: Option<String>,
    /// A secret URI such as `//Alice` (dev keys) or `PHRASE//hard/soft`.
    #[arg(long)]
    uri: Option<String>,
}

#[derive(Debug, clap::Args)]
struct Regen {
    #[command(flatten)]
    source: Source,
    /// Replace an existing key file.
    #[arg(long)]
    overwrite: bool,
    /// Store the coldkey unencrypted (not recommended).
    #[arg(long)]
    no_password: bool,
}

#[derive(Debug, clap::Subcommand)]
enum WalletCommand {
    /// Create a coldkey and a hotkey with new mnemonics.
    Create(NewKey),
    /// Create a coldkey with a new mnemonic.
    NewColdkey(NewKey),
    /// Create a hotkey with a new mnemonic.
    NewHotkey(NewKey),
    /// Restore a coldkey from its mnemonic, seed or URI.
    RegenColdkey(Regen),
    /// Restore a hotkey from its mnemonic, seed or URI.
    RegenHotkey(Regen),
    /// Every wallet under the path, with coldkey and hotkey addresses (no password needed).
    List,
    /// Sign a message with the coldkey (or `--use-hotkey`); prints the signature as 0x-hex.
    Sign {
        /// The message: 0x-hex bytes, or text.
        #[arg(long)]
        message: String,
        /// Sign with the hotkey instead of the coldkey.
        #[arg(long)]
        use_hotkey: bool,
    },
    /// The coldkey's free balance on the node (or `--ss58 ADDRESS`'s).
    Balance {
        /// Any address instead of the wallet's coldkey.
        #[arg(long)]
        ss58: Option<String>,
    },
    /// The coldkey's balance and, per hotkey, the subnets it is registered on with uid,
    /// stake, incentive, dividends and emission.
    Overview,
    /// Send τ from the coldkey to `--dest` (fee shown, then confirmed; receipt after finality).
    Transfer {
        /// The destination address (SS58).
        #[arg(long)]
        dest: String,
        /// Amount in τ (for example `1.5`).
        #[arg(long)]
        amount: String,
        /// Allow the coldkey to fall below the existential deposit and be reaped.
        #[arg(long)]
        allow_death: bool,
    },
    /// Dev chains only: receive test τ from the faucet.
    Faucet {
        /// Amount in τ.
        #[arg(long, default_value = "10000")]
        amount: String,
    },
    /// Verify an sr25519 signature.
    Verify {
        /// The message: 0x-hex bytes, or text.
        #[arg(long)]
        message: String,
        /// The signature, 0x-hex (64 bytes).
        #[arg(long)]
        signature: String,
        /// The signer's SS58 address.
        #[arg(long)]
        address: String,
    },
}

fn message_bytes(m: &str) -> Result<Vec<u8>, CliError> {
    match m.strip_prefix("0x") {
        Some(h) => {
            hex::decode(h).map_err(|e| CliError::Input(format!("--message is not hex: {e}")))
        }
        None => Ok(m.as_bytes().to_vec()),
    }
}

impl WalletArgs {
    fn wallet(&self) -> Result<Wallet, CliError> {
        self.keys.wallet()
    }

    /// A password from the file, the environment or the terminal.
    fn password(&self, confirm: bool) -> Result<Password, CliError> {
        read_password(self.keys.password_file.as_deref(), confirm)
    }

    fn report(
        &self,
        what: &str,
        account: &AccountId,
        mnemonic: Option<&str>,
        path: &std::path::Path,
    ) {
        if self.net.json {
            let v = serde_json::json!({"key": what, "ss58": account, "path": path, "mnemonic": mnemonic});
            println!("{v}");
        } else {
            println!("{what} {account} written to {}", path.display());
            if let Some(m) = mnemonic {
                println!(
                    "mnemonic (write it down; it is the only way to recover this key):\n  {m}"
                );
            }
        }
    }
}

fn source_pair(s: &Source) -> Result<(Pair, Option<String>), CliError> {
    if let Some(m) = &s.mnemonic {
        let m = m.split_whitespace().collect::<Vec<_>>().join(" ");
        return Ok((
            Pair::from_phrase(&m, None).map_err(|e| CliError::Input(e.to_string()))?,
            Some(m),
        ));
    }
    if let Some(seed) = &s.seed {
        let mut b = [0u8; 32];
        hex::decode_to_slice(seed.trim_start_matches("0x"), &mut b)
            .map_err(|_| CliError::Input(format!("--seed {seed:?} is not 32 bytes of 0x-hex")))?;
        return Ok((Pair::from_seed(&b), None));
    }
    let uri = s.uri.as_deref().unwrap_or_default();
    Ok((
        Pair::from_uri(uri).map_err(|e| CliError::Input(e.to_string()))?,
        None,
    ))
}

pub(crate) fn run(args: WalletArgs) -> Result<(), CliError> {
    let w = args.wallet()?;
    match &args.command {
        WalletCommand::Balance { ss58 } => {
            wallet_net::balance(&args.keys, &args.net, ss58.as_deref())?
        }
        WalletCommand::Overview => wallet_net::overview(&args.keys, &args.net)?,
        WalletCommand::Transfer {
            dest,
            amount,
            allow_death,
        } => wallet_net::transfer(&args.keys, &args.net, dest, amount, *allow_death)?,
        WalletCommand::Faucet { amount } => wallet_net::faucet(&args.keys, &args.net, amount)?,
        WalletCommand::Create(k) | WalletCommand::NewColdkey(k) | WalletCommand::NewHotkey(k) => {
            let cold = !matches!(args.command, WalletCommand::NewHotkey(_));
            let hot = !matches!(args.command, WalletCommand::NewColdkey(_));
            if cold {
                let m = generate_mnemonic(k.n_words).map_err(werr)?;
                let pair =
                    Pair::from_phrase(&m, None).map_err(|e| CliError::Input(e.to_string()))?;
                let pw = if k.no_password {
                    None
                } else {
                    Some(args.password(true)?)
                };
                w.write_coldkey(&pair, Some(&m), pw.as_ref(), k.overwrite)
                    .map_err(werr)?;
                args.report("coldkey", &pair.public(), Some(&m), &w.coldkey_path());
            }
            if hot {
                let m = generate_mnemonic(k.n_words).map_err(werr)?;
                let pair =
                    Pair::from_phrase(&m, None).map_err(|e| CliError::Input(e.to_string()))?;
                w.write_hotkey(&pair, Some(&m), k.overwrite).map_err(werr)?;
                args.report("hotkey", &pair.public(), Some(&m), &w.hotkey_path());
            }
        }
        WalletCommand::RegenColdkey(r) => {
            let (pair, phrase) = source_pair(&r.source)?;
            let pw = if r.no_password {
                None
            } else {
                Some(args.password(true)?)
            };
            w.write_coldkey(&pair, phrase.as_deref(), pw.as_ref(), r.overwrite)
                .map_err(werr)?;
            args.report("coldkey", &pair.public(), None, &w.coldkey_path());
        }
        WalletCommand::RegenHotkey(r) => {
            let (pair, phrase) = source_pair(&r.source)?;
            w.write_hotkey(&pair, phrase.as_deref(), r.overwrite)
                .map_err(werr)?;
            args.report("hotkey", &pair.public(), None, &w.hotkey_path());
        }
        WalletCommand::List => {
            let list = list_wallets(&w.path).map_err(werr)?;
            if args.net.json {
                println!("{}", serde_json::to_string(&list).unwrap_or_default());
            } else if list.is_empty() {
                println!("no wallets under {}", w.path.display());
            } else {
                for e in list {
                    let ck = e.coldkey.map(|a| a.to_ss58()).unwrap_or_else(|| "?".into());
                    println!("{}  coldkey {ck}", e.name);
                    for (h, a) in e.hotkeys {
                        let a = a
                            .map(|a| a.to_ss58())
                            .unwrap_or_else(|| "(encrypted)".into());
                        println!("  └─ {h}  {a}");
                    }
                }
            }
        }
        WalletCommand::Sign {
            message,
            use_hotkey,
        } => {
            let msg = message_bytes(message)?;
            let pair = if *use_hotkey {
                match w.hotkey_pair(None) {
                    Err(WalletError::PasswordNeeded(_)) => {
                        w.hotkey_pair(Some(&args.password(false)?))
                    }
                    other => other,
                }
            } else {
                match w.coldkey(None) {
                    Err(WalletError::PasswordNeeded(_)) => w.coldkey(Some(&args.password(false)?)),
                    other => other,
                }
            }
            .map_err(werr)?;
            let sig = pair.sign(&msg);
            if args.net.json {
                println!(
                    "{}",
                    serde_json::json!({"ss58": pair.public(), "signature": format!("0x{}", hex::encode(sig))})
                );
            } else {
                println!("0x{}", hex::encode(sig));
            }
        }
        WalletCommand::Verify {
            message,
            signature,
            address,
        } => {
            let msg = message_bytes(message)?;
            let who = AccountId::from_ss58(address).map_err(|e| CliError::Input(e.to_string()))?;
            let mut sig = [0u8; 64];
            hex::decode_to_slice(signature.trim_start_matches("0x"), &mut sig)
                .map_err(|_| CliError::Input("--signature is not 64 bytes of 0x-hex".into()))?;
            if crypto::verify(&who, &msg, &sig) {
                println!("valid");
            } else {
                return Err(CliError::Failed(format!(
                    "the signature is not valid for {who}"
                )));
            }
        }
    }
    Ok(())
}
