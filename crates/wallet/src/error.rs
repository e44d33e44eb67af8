//! Wallet errors, each naming the file and what is wrong with it.

use std::path::PathBuf;

/// Why a wallet operation failed.
#[derive(Debug, thiserror::Error)]
pub enum WalletError {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The keyfile does not exist.
    #[error("no keyfile at {0} (create it with `yuma wallet create` or regenerate it)")]
    NotFound(PathBuf),
    /// Refused to replace an existing key.
    #[error("{0} already exists; pass --overwrite to replace it (the old key is lost unless you have its mnemonic)")]
    Exists(PathBuf),
    /// The password did not decrypt the keyfile.
    #[error("wrong password for {0}")]
    WrongPassword(PathBuf),
    /// The keyfile is encrypted but no password was given.
    #[error("{0} is encrypted: a password is needed (prompt, --password-file or the environment)")]
    PasswordNeeded(PathBuf),
    /// The keyfile is damaged.
    #[error("{path} is corrupt: {reason}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Legacy encryption that yuma does not decrypt.
    #[error("{path} uses the legacy {format} encryption; open it once with btcli (`btcli wallet update`) to convert it to $NACL")]
    Legacy {
        /// The file.
        path: PathBuf,
        /// The format name.
        format: &'static str,
    },
    /// A private keyfile others can read.
    #[error("{path} has permissions {mode:o}; a private key file must be readable by its owner only (chmod 600)")]
    Permissions {
        /// The file.
        path: PathBuf,
        /// Its mode.
        mode: u32,
    },
    /// A password that is too weak to protect a coldkey.
    #[error("password too short: at least 6 characters are required")]
    WeakPassword,
    /// A key could not be derived.
    #[error(transparent)]
    Key(#[from] yuma_primitives::KeyError),
    /// Bad wallet or hotkey name.
    #[error("invalid name {0:?}: use letters, digits, '-', '_' and '.', not a path")]
    BadName(String),
    /// Unsupported mnemonic length.
    #[error("a mnemonic has 12, 15, 18, 21 or 24 words, not {0}")]
    BadWordCount(usize),
}

impl WalletError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
