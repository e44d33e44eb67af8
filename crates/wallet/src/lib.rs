//! Wallets compatible with bittensor-wallet: keyfiles, NaCl-encrypted coldkeys, mnemonics and dev URIs.
//!
//! Layout and formats follow `bittensor-wallet` (`shared/spec/sdk-and-tools.md` §2): a wallet is
//! `<path>/<name>/coldkey` (encrypted `$NACL` JSON), `coldkeypub.txt`, and
//! `hotkeys/<hotkey>` (plain JSON) with `hotkeys/<hotkey>pub.txt`; every file mode 0600. A
//! wallet written here opens in btcli and one written by btcli opens here.
//!
//! # Status
//! ALPHA. Reads and writes `$NACL` and unencrypted keyfiles; the legacy Ansible-Vault and
//! Fernet formats are recognised and refused with a message saying how to migrate.

mod encryption;
mod error;
mod keyfile;
mod password;
mod wallet;

pub use encryption::{decrypt, encrypt, KeyfileFormat, NACL_SALT};
pub use error::WalletError;
pub use keyfile::KeyfileData;
pub use password::{env_password_name, Password};
pub use wallet::{
    default_wallet_path, generate_mnemonic, list_wallets, open_keyfile, Wallet, WalletEntry,
};
