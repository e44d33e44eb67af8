//! A wallet on disk: `<path>/<name>/{coldkey, coldkeypub.txt, hotkeys/<hotkey>[pub.txt]}`,
//! written with mode 0600 and never overwritten without `overwrite`.

use crate::{encryption, KeyfileData, KeyfileFormat, Password, WalletError};
use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};
use yuma_primitives::{AccountId, Pair};

/// `~/.bittensor/wallets`, or `$BT_WALLET_PATH` when set (as btcli).
pub fn default_wallet_path() -> PathBuf {
    if let Ok(p) = std::env::var("BT_WALLET_PATH") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    home.join(".bittensor").join("wallets")
}

/// One wallet, by name, with its selected hotkey.
#[derive(Clone, Debug)]
pub struct Wallet {
    /// Directory holding all wallets.
    pub path: PathBuf,
    /// Wallet (coldkey) name.
    pub name: String,
    /// Hotkey name.
    pub hotkey: String,
}

fn check_name(n: &str) -> Result<(), WalletError> {
    let ok = !n.is_empty()
        && n != "."
        && n != ".."
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(WalletError::BadName(n.to_string()))
    }
}

fn write_private(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WalletError> {
    if path.exists() && !overwrite {
        return Err(WalletError::Exists(path.to_path_buf()));
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| WalletError::io(dir, e))?;
    }
    // Write a sibling temp file with 0600 and rename, so a crash never leaves half a key.
    let tmp = path.with_extension("yuma-tmp");
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp).map_err(|e| WalletError::io(&tmp, e))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(|e| WalletError::io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| WalletError::io(path, e))
}

fn read(path: &Path) -> Result<Vec<u8>, WalletError> {
    match fs::read(path) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(WalletError::NotFound(path.to_path_buf()))
        }
        Err(e) => Err(WalletError::io(path, e)),
    }
}

#[cfg(unix)]
fn check_private_mode(path: &Path) -> Result<(), WalletError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path)
        .map_err(|e| WalletError::io(path, e))?
        .permissions()
        .mode()
        & 0o777;
    if mode & 0o077 != 0 {
        return Err(WalletError::Permissions {
            path: path.to_path_buf(),
            mode,
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private_mode(_: &Path) -> Result<(), WalletError> {
    Ok(())
}

impl Wallet {
    /// A wallet handle (nothing is read or written yet).
    pub fn new(path: impl Into<PathBuf>, name: &str, hotkey: &str) -> Result<Self, WalletError> {
        check_name(name)?;
        check_name(hotkey)?;
        Ok(Self {
            path: path.into(),
            name: name.to_string(),
            hotkey: hotkey.to_string(),
        })
    }

    /// `<path>/<name>`.
    pub fn dir(&self) -> PathBuf {
        self.path.join(&self.name)
    }
    /// The coldkey file.
    pub fn coldkey_path(&self) -> PathBuf {
        self.dir().join("coldkey")
    }
    /// The coldkey's public file.
    pub fn coldkeypub_path(&self) -> PathBuf {
        self.dir().join("coldkeypub.txt")
    }
    /// The selected hotkey's file.
    pub fn hotkey_path(&self) -> PathBuf {
        self.dir().join("hotkeys").join(&self.hotkey)
    }
    /// The selected hotkey's public file.
    pub fn hotkeypub_path(&self) -> PathBuf {
        self.dir()
            .join("hotkeys")
            .join(format!("{}pub.txt", self.hotkey))
    }

    /// Writes the coldkey (encrypted when a password is given) and its public file.
    pub fn write_coldkey(
        &self,
        pair: &Pair,
        phrase: Option<&str>,
        password: Option<&Password>,
        overwrite: bool,
    ) -> Result<(), WalletError> {
        let path = self.coldkey_path();
        if path.exists() && !overwrite {
            return Err(WalletError::Exists(path));
        }
        let data = KeyfileData::private(pair, phrase).to_json();
        let bytes = match password {
            Some(pw) => {
                pw.check_strength()?;
                encryption::encrypt(&data, pw.as_str()).map_err(|reason| WalletError::Corrupt {
                    path: path.clone(),
                    reason,
                })?
            }
            None => data,
        };
        write_private(&path, &bytes, overwrite)?;
        write_private(
            &self.coldkeypub_path(),
            &KeyfileData::public(&pair.public()).to_json(),
            true,
        )
    }

    /// Writes the selected hotkey (plain, as btwallet does by default) and its public file.
    pub fn write_hotkey(
        &self,
        pair: &Pair,
        phrase: Option<&str>,
        overwrite: bool,
    ) -> Result<(), WalletError> {
        write_private(
            &self.hotkey_path(),
            &KeyfileData::private(pair, phrase).to_json(),
            overwrite,
        )?;
        write_private(
            &self.hotkeypub_path(),
            &KeyfileData::public(&pair.public()).to_json(),
            true,
        )
    }

    /// The coldkey's account, from `coldkeypub.txt` (no password needed).
    pub fn coldkeypub(&self) -> Result<AccountId, WalletError> {
        public_account(&self.coldkeypub_path())
    }

    /// The selected hotkey's account, from its public file or, failing that, its keyfile.
    pub fn hotkeypub(&self) -> Result<AccountId, WalletError> {
        match public_account(&self.hotkeypub_path()) {
            Err(WalletError::NotFound(_)) => {
                let path = self.hotkey_path();
                let bytes = read(&path)?;
                match KeyfileFormat::detect(&bytes) {
                    KeyfileFormat::Plain => KeyfileData::from_json(&bytes, &path)?
                        .account()
                        .map_err(|reason| WalletError::Corrupt {
                            path: path.clone(),
                            reason,
                        })?
                        .ok_or(WalletError::Corrupt {
                            path,
                            reason: "no public key".into(),
                        }),
                    _ => Err(WalletError::PasswordNeeded(path)),
                }
            }
            other => other,
        }
    }

    /// Unlocks the coldkey.
    pub fn coldkey(&self, password: Option<&Password>) -> Result<Pair, WalletError> {
        open_keyfile(&self.coldkey_path(), password)
    }

    /// Loads the selected hotkey.
    pub fn hotkey_pair(&self, password: Option<&Password>) -> Result<Pair, WalletError> {
        open_keyfile(&self.hotkey_path(), password)
    }

    /// Names of this wallet's hotkeys (files under `hotkeys/` that are not `*pub.txt`).
    pub fn hotkey_names(&self) -> Result<Vec<String>, WalletError> {
        let dir = self.dir().join("hotkeys");
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(WalletError::io(&dir, e)),
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| !n.ends_with("pub.txt") && !n.ends_with(".yuma-tmp"))
            .collect();
        names.sort();
        Ok(names)
    }
}

fn public_account(path: &Path) -> Result<AccountId, WalletError> {
    let bytes = read(path)?;
    KeyfileData::from_json(&bytes, path)?
        .account()
        .map_err(|reason| WalletError::Corrupt {
            path: path.to_path_buf(),
            reason,
        })?
        .ok_or(WalletError::Corrupt {
            path: path.to_path_buf(),
            reason: "no public key or address".into(),
        })
}

/// Reads a private keyfile in any supported format.
pub fn open_keyfile(path: &Path, password: Option<&Password>) -> Result<Pair, WalletError> {
    let bytes = read(path)?;
    check_private_mode(path)?;
    let json = match KeyfileFormat::detect(&bytes) {
        KeyfileFormat::Plain => bytes,
        KeyfileFormat::Nacl => {
            let pw = password.ok_or_else(|| WalletError::PasswordNeeded(path.to_path_buf()))?;
            encryption::decrypt(&bytes, pw.as_str(), path)?
        }
        KeyfileFormat::AnsibleVault => {
            return Err(WalletError::Legacy {
                path: path.to_path_buf(),
                format: "Ansible Vault",
            })
        }
        KeyfileFormat::Fernet => {
            return Err(WalletError::Legacy {
                path: path.to_path_buf(),
                format: "Fernet",
            })
        }
    };
    KeyfileData::from_json(&json, path)?.pair(path)
}

/// A wallet as `yuma wallet list` shows it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct WalletEntry {
    /// Wallet name.
    pub name: String,
    /// Coldkey SS58, if readable.
    pub coldkey: Option<AccountId>,
    /// `(hotkey name, SS58)` pairs; `None` when unreadable without a password.
    pub hotkeys: Vec<(String, Option<AccountId>)>,
}

/// Every wallet under `path`, sorted by name, read from public files only.
pub fn list_wallets(path: &Path) -> Result<Vec<WalletEntry>, WalletError> {
    let entries = match fs::read_dir(path) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(WalletError::io(path, e)),
    };
    let mut out = Vec::new();
    for e in entries.filter_map(|e| e.ok()) {
        let Ok(name) = e.file_name().into_string() else {
            continue;
        };
        if !e.path().is_dir() || check_name(&name).is_err() {
            continue;
        }
        let w = Wallet {
            path: path.to_path_buf(),
            name: name.clone(),
            hotkey: "default".into(),
        };
        let coldkey = w.coldkeypub().ok();
        let hotkeys = w
            .hotkey_names()?
            .into_iter()
            .map(|h| {
                let hw = Wallet {
                    hotkey: h.clone(),
                    ..w.clone()
                };
                (h, hw.hotkeypub().ok())
            })
            .collect();
        out.push(WalletEntry {
            name,
            coldkey,
            hotkeys,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// A new BIP-39 mnemonic of `words` words (12, 15, 18, 21 or 24).
pub fn generate_mnemonic(words: usize) -> Result<String, WalletError> {
    use rand::RngCore;
    let bytes = match words {
        12 => 16,
        15 => 20,
        18 => 24,
        21 => 28,
        24 => 32,
        n => return Err(WalletError::BadWordCount(n)),
    };
    let mut entropy = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut entropy[..bytes]);
    let m = bip39::Mnemonic::from_entropy(&entropy[..bytes])
        .map_err(|e| WalletError::Key(yuma_primitives::KeyError::BadMnemonic(e.to_string())))?;
    Ok(m.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use yuma_primitives::crypto::DEV_PHRASE;

    #[test]
    fn create_read_and_refuse_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let w = Wallet::new(dir.path(), "owner", "default").unwrap();
        let pair = Pair::from_phrase(DEV_PHRASE, None).unwrap();
        w.write_coldkey(&pair, Some(DEV_PHRASE), None, false)
            .unwrap();
        w.write_hotkey(&pair, Some(DEV_PHRASE), false).unwrap();
        assert!(matches!(
            w.write_hotkey(&pair, None, false),
            Err(WalletError::Exists(_))
        ));
        assert_eq!(w.coldkeypub().unwrap(), pair.public());
        assert_eq!(w.hotkey_pair(None).unwrap().public(), pair.public());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(w.hotkey_path()).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            fs::set_permissions(w.hotkey_path(), fs::Permissions::from_mode(0o644)).unwrap();
            assert!(matches!(
                w.hotkey_pair(None),
                Err(WalletError::Permissions { .. })
            ));
        }
        let list = list_wallets(dir.path()).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(
            list[0].hotkeys,
            vec![("default".to_string(), Some(pair.public()))]
        );
    }

    #[test]
    fn corrupt_and_truncated_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let w = Wallet::new(dir.path(), "w", "h").unwrap();
        write_private(&w.hotkey_path(), b"{\"secretSeed\": \"0x12\"", false).unwrap();
        assert!(matches!(
            w.hotkey_pair(None),
            Err(WalletError::Corrupt { .. })
        ));
        write_private(&w.hotkey_path(), b"{\"secretSeed\": \"0x12\"}", true).unwrap();
        assert!(matches!(
            w.hotkey_pair(None),
            Err(WalletError::Corrupt { .. })
        ));
        write_private(&w.hotkey_path(), b"$NACL123", true).unwrap();
        assert!(matches!(
            w.hotkey_pair(None),
            Err(WalletError::PasswordNeeded(_))
        ));
        assert!(matches!(
            w.hotkey_pair(Some(&Password::new("abcdef"))),
            Err(WalletError::Corrupt { .. })
        ));
        write_private(&w.hotkey_path(), b"$ANSIBLE_VAULT;1.1;AES256", true).unwrap();
        assert!(matches!(
            w.hotkey_pair(None),
            Err(WalletError::Legacy { .. })
        ));
        assert!(matches!(
            Wallet::new(dir.path(), "../x", "h"),
            Err(WalletError::BadName(_))
        ));
        assert!(matches!(
            Wallet::new(dir.path(), "w", "a/b"),
            Err(WalletError::BadName(_))
        ));
    }

    #[test]
    fn mnemonics_have_the_asked_length_and_derive() {
        for n in [12, 15, 18, 21, 24] {
            let m = generate_mnemonic(n).unwrap();
            assert_eq!(m.split_whitespace().count(), n);
            Pair::from_phrase(&m, None).unwrap();
        }
        assert!(matches!(
            generate_mnemonic(13),
            Err(WalletError::BadWordCount(13))
        ));
    }
}
