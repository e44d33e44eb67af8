//! Which wallet signs: btcli's `--wallet-path`, `--wallet-name`, `--hotkey` and the password
//! sources, for the commands outside `yuma wallet`.

use super::CliError;
use std::path::{Path, PathBuf};
use yuma_primitives::{AccountId, Pair};
use yuma_wallet::{default_wallet_path, Password, Wallet, WalletError};

/// Wallet flags.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct KeyArgs {
    /// Directory holding wallets (default `~/.bittensor/wallets`, or `$BT_WALLET_PATH`).
    #[arg(long, global = true, alias = "wallet.path", alias = "wallet_path")]
    pub(crate) wallet_path: Option<PathBuf>,
    /// Wallet (coldkey) name.
    #[arg(
        long,
        global = true,
        default_value = "default",
        alias = "name",
        alias = "wallet.name",
        alias = "wallet_name"
    )]
    pub(crate) wallet_name: String,
    /// Hotkey name.
    #[arg(
        long,
        global = true,
        default_value = "default",
        alias = "wallet-hotkey",
        alias = "wallet.hotkey",
        alias = "wallet_hotkey"
    )]
    pub(crate) hotkey: String,
    /// Read the coldkey password from the first line of this file (else
    /// `$YUMA_WALLET_PASSWORD`, else a prompt).
    #[arg(long, global = true)]
    pub(crate) password_file: Option<PathBuf>,
}

pub(crate) fn werr(e: WalletError) -> CliError {
    match e {
        WalletError::Io { .. } => CliError::Io(e.to_string()),
        _ => CliError::Input(e.to_string()),
    }
}

/// A password from the file, the environment or the terminal.
pub(crate) fn read_password(file: Option<&Path>, confirm: bool) -> Result<Password, CliError> {
    if let Some(f) = file {
        return Password::from_file(f).map_err(werr);
    }
    if let Some(p) = Password::from_env() {
        return Ok(p);
    }
    let p = rpassword::prompt_password("Coldkey password: ").map_err(|e| {
        CliError::Input(format!(
            "a password is needed and none could be read ({e}); use --password-file or ${}",
            yuma_wallet::env_password_name()
        ))
    })?;
    if confirm {
        let again = rpassword::prompt_password("Retype password: ")
            .map_err(|e| CliError::Input(format!("cannot read the password: {e}")))?;
        if again != p {
            return Err(CliError::Input("the passwords do not match".into()));
        }
    }
    Ok(Password::new(p))
}

impl KeyArgs {
    /// The selected wallet.
    pub(crate) fn wallet(&self) -> Result<Wallet, CliError> {
        let path = self.wallet_path.clone().unwrap_or_else(default_wallet_path);
        Wallet::new(path, &self.wallet_name, &self.hotkey).map_err(werr)
    }

    /// The coldkey's address (public file, no password).
    pub(crate) fn coldkeypub(&self) -> Result<AccountId, CliError> {
        self.wallet()?.coldkeypub().map_err(werr)
    }

    /// The hotkey's address.
    pub(crate) fn hotkeypub(&self) -> Result<AccountId, CliError> {
        self.wallet()?.hotkeypub().map_err(werr)
    }

    /// The unlocked coldkey (asks for the password when it is encrypted).
    pub(crate) fn coldkey(&self) -> Result<Pair, CliError> {
        let w = self.wallet()?;
        match w.coldkey(None) {
            Err(WalletError::PasswordNeeded(_)) => w
                .coldkey(Some(&read_password(self.password_file.as_deref(), false)?))
                .map_err(werr),
            other => other.map_err(werr),
        }
    }

    /// The hotkey pair.
    pub(crate) fn hotkey_pair(&self) -> Result<Pair, CliError> {
        let w = self.wallet()?;
        match w.hotkey_pair(None) {
            Err(WalletError::PasswordNeeded(_)) => w
                .hotkey_pair(Some(&read_password(self.password_file.as_deref(), false)?))
                .map_err(werr),
            other => other.map_err(werr),
        }
    }
}
