//! Keyfiles written by the real `bittensor-wallet` 4.0.1 (`regenerate_coldkey` /
//! `regenerate_hotkey` from Substrate's public dev phrase, coldkey password `Yuma-pass-123`)
//! open in yuma with the same keys. The live two-way check against the PyPI package runs in
//! `scripts/wallet_interop.sh`.

use std::path::Path;
use yuma_primitives::crypto::{Pair, DEV_PHRASE};
use yuma_wallet::{open_keyfile, KeyfileData, Password, WalletError};

fn fixture(name: &str) -> std::path::PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/data")
        .join(name);
    // Copy into a 0600 file: git does not keep modes, and yuma refuses readable keys.
    let dir = tempfile::tempdir().unwrap().keep();
    let dst = dir.join(name);
    std::fs::copy(&src, &dst).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dst, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    dst
}

#[test]
fn btwallet_coldkey_decrypts() {
    let path = fixture("btwallet-coldkey");
    let want = Pair::from_phrase(DEV_PHRASE, None).unwrap();
    let pair = open_keyfile(&path, Some(&Password::new("Yuma-pass-123"))).unwrap();
    assert_eq!(pair.public(), want.public());
    assert_eq!(pair.secret_bytes(), want.secret_bytes());
    assert!(matches!(
        open_keyfile(&path, Some(&Password::new("Yuma-pass-124"))),
        Err(WalletError::WrongPassword(_))
    ));
    assert!(matches!(
        open_keyfile(&path, None),
        Err(WalletError::PasswordNeeded(_))
    ));
}

#[test]
fn btwallet_hotkey_and_pub_files_read() {
    let hot = fixture("btwallet-hotkey");
    let pair = open_keyfile(&hot, None).unwrap();
    assert_eq!(
        pair.public().to_ss58(),
        "5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV"
    );
    let pubf = fixture("btwallet-coldkeypub.txt");
    let data = KeyfileData::from_json(&std::fs::read(&pubf).unwrap(), &pubf).unwrap();
    assert_eq!(data.account().unwrap(), Some(pair.public()));
    // Our own serialisation of the same key is field-for-field btwallet's.
    let ours: serde_json::Value =
        serde_json::from_slice(&KeyfileData::private(&pair, Some(DEV_PHRASE)).to_json()).unwrap();
    let theirs: serde_json::Value = serde_json::from_slice(&std::fs::read(&hot).unwrap()).unwrap();
    assert_eq!(ours, theirs);
}
