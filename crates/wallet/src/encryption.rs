//! Keyfile encryption. `$NACL` is the current format: `$NACL ‖ 24-byte nonce ‖ MAC ‖
//! ciphertext` (NaCl secretbox, XSalsa20-Poly1305) under a key from libsodium's
//! `crypto_pwhash_argon2i` SENSITIVE parameters (Argon2i v1.3, t = 8, m = 512 MiB, p = 1) with
//! btwallet's fixed salt. Deriving takes seconds and half a gigabyte by design.

use crate::WalletError;
use crypto_secretbox::{aead::AeadInPlace, KeyInit, Nonce, Tag, XSalsa20Poly1305};
use rand::RngCore;
use std::path::Path;
use zeroize::Zeroize;

/// The salt every btwallet uses (libsodium needs one; it is not secret).
pub const NACL_SALT: [u8; 16] = [
    0x13, 0x71, 0x83, 0xdf, 0xf1, 0x5a, 0x09, 0xbc, 0x9c, 0x90, 0xb5, 0x51, 0x87, 0x39, 0xe9, 0xb1,
];
const NACL_PREFIX: &[u8] = b"$NACL";
const NONCE_LEN: usize = 24;
const MAC_LEN: usize = 16;
/// libsodium OPSLIMIT_SENSITIVE / MEMLIMIT_SENSITIVE for argon2i.
const ARGON_T: u32 = 8;
const ARGON_M_KIB: u32 = 524_288;

/// How a keyfile's bytes are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyfileFormat {
    /// Plain JSON.
    Plain,
    /// `$NACL` secretbox.
    Nacl,
    /// Ansible Vault (legacy).
    AnsibleVault,
    /// Fernet (oldest legacy).
    Fernet,
}

impl KeyfileFormat {
    /// Detects the format from the file's first bytes.
    pub fn detect(bytes: &[u8]) -> Self {
        if bytes.starts_with(NACL_PREFIX) {
            Self::Nacl
        } else if bytes.starts_with(b"$ANSIBLE_VAULT") {
            Self::AnsibleVault
        } else if bytes.starts_with(b"gAAAAA") {
            Self::Fernet
        } else {
            Self::Plain
        }
    }
}

fn derive_key(password: &str) -> Result<[u8; 32], String> {
    let params =
        argon2::Params::new(ARGON_M_KIB, ARGON_T, 1, Some(32)).map_err(|e| e.to_string())?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2i, argon2::Version::V0x13, params);
    let mut key = [0u8; 32];
    argon
        .hash_password_into(password.as_bytes(), &NACL_SALT, &mut key)
        .map_err(|e| e.to_string())?;
    Ok(key)
}

/// Encrypts `plaintext` in the `$NACL` format.
pub fn encrypt(plaintext: &[u8], password: &str) -> Result<Vec<u8>, String> {
    let mut key = derive_key(password)?;
    let cipher = XSalsa20Poly1305::new(&key.into());
    key.zeroize();
    let mut nonce = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let mut buf = plaintext.to_vec();
    let tag = cipher
        .encrypt_in_place_detached(Nonce::from_slice(&nonce), b"", &mut buf)
        .map_err(|_| "encryption failed".to_string())?;
    let mut out = Vec::with_capacity(NACL_PREFIX.len() + NONCE_LEN + MAC_LEN + buf.len());
    out.extend_from_slice(NACL_PREFIX);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&tag);
    out.extend_from_slice(&buf);
    buf.zeroize();
    Ok(out)
}

/// Decrypts a `$NACL` keyfile's bytes.
pub fn decrypt(bytes: &[u8], password: &str, path: &Path) -> Result<Vec<u8>, WalletError> {
    let body = bytes
        .strip_prefix(NACL_PREFIX)
        .ok_or_else(|| WalletError::Corrupt {
            path: path.to_path_buf(),
            reason: "not a $NACL keyfile".into(),
        })?;
    if body.len() < NONCE_LEN + MAC_LEN {
        return Err(WalletError::Corrupt {
            path: path.to_path_buf(),
            reason: format!(
                "truncated: {} bytes, a $NACL keyfile has at least {}",
                bytes.len(),
                5 + NONCE_LEN + MAC_LEN
            ),
        });
    }
    let (nonce, rest) = body.split_at(NONCE_LEN);
    let (tag, ct) = rest.split_at(MAC_LEN);
    let mut key = derive_key(password).map_err(|reason| WalletError::Corrupt {
        path: path.to_path_buf(),
        reason,
    })?;
    let cipher = XSalsa20Poly1305::new(&key.into());
    key.zeroize();
    let mut buf = ct.to_vec();
    cipher
        .decrypt_in_place_detached(
            Nonce::from_slice(nonce),
            b"",
            &mut buf,
            Tag::from_slice(tag),
        )
        .map_err(|_| WalletError::WrongPassword(path.to_path_buf()))?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        assert_eq!(KeyfileFormat::detect(b"$NACLxxxx"), KeyfileFormat::Nacl);
        assert_eq!(
            KeyfileFormat::detect(b"$ANSIBLE_VAULT;1.1"),
            KeyfileFormat::AnsibleVault
        );
        assert_eq!(KeyfileFormat::detect(b"gAAAAAB"), KeyfileFormat::Fernet);
        assert_eq!(KeyfileFormat::detect(b"{\"a\":1}"), KeyfileFormat::Plain);
    }

    #[test]
    fn round_trip_and_wrong_password() {
        let p = Path::new("k");
        let ct = encrypt(b"{\"x\":1}", "correct horse").unwrap();
        assert_eq!(ct.len(), 45 + 7);
        assert_eq!(decrypt(&ct, "correct horse", p).unwrap(), b"{\"x\":1}");
        assert!(matches!(
            decrypt(&ct, "wrong", p),
            Err(WalletError::WrongPassword(_))
        ));
        assert!(matches!(
            decrypt(&ct[..30], "correct horse", p),
            Err(WalletError::Corrupt { .. })
        ));
        let mut flipped = ct.clone();
        let n = flipped.len();
        flipped[n - 1] ^= 1;
        assert!(matches!(
            decrypt(&flipped, "correct horse", p),
            Err(WalletError::WrongPassword(_))
        ));
    }
}
