//! Where a coldkey password comes from when nobody types it: an environment variable or a
//! file, for scripts and CI.

use crate::WalletError;
use std::path::Path;
use zeroize::Zeroize;

/// The variable holding a coldkey password for non-interactive use.
pub fn env_password_name() -> &'static str {
    "YUMA_WALLET_PASSWORD"
}

/// A password, wiped from memory when dropped.
pub struct Password(String);

impl Password {
    /// From a string.
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// From [`env_password_name`], if set.
    pub fn from_env() -> Option<Self> {
        std::env::var(env_password_name()).ok().map(Self)
    }

    /// The first line of a file (without its line ending).
    pub fn from_file(path: &Path) -> Result<Self, WalletError> {
        let text = std::fs::read_to_string(path).map_err(|e| WalletError::io(path, e))?;
        let line = text.lines().next().unwrap_or("").to_string();
        Ok(Self(line))
    }

    /// Rejects passwords too short to protect a coldkey (btwallet's minimum of 6).
    pub fn check_strength(&self) -> Result<(), WalletError> {
        if self.0.chars().count() < 6 {
            Err(WalletError::WeakPassword)
        } else {
            Ok(())
        }
    }
}

impl Drop for Password {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}
