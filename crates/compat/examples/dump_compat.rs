//! Writes the metadata blobs and runtime-produced sample values to a directory, for checking
//! them with the real Python clients (`scripts/compat/check_clients.py`).
//!
//! `cargo run -p yuma-compat --example dump_compat -- <dir>`

use std::{fs, path::PathBuf};

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/compat".into()),
    );
    fs::create_dir_all(&dir)?;
    for v in yuma_compat::metadata::SUPPORTED_VERSIONS {
        let blob = yuma_compat::metadata::metadata_at_version(v).unwrap_or_default();
        fs::write(dir.join(format!("metadata_v{v}.scale")), blob)?;
        println!("metadata v{v}: {} bytes", blob.len());
    }
    let s = yuma_compat::samples::samples();
    let extrinsics: Vec<String> = s
        .extrinsics
        .iter()
        .map(|x| format!("\"0x{}\"", hex::encode(x)))
        .collect();
    let state: Vec<String> = s
        .state
        .iter()
        .map(|(k, v)| format!("[\"0x{}\", \"0x{}\"]", hex::encode(k), hex::encode(v)))
        .collect();
    let json = format!(
        "{{\n  \"spec_version\": {},\n  \"transfer_call\": \"0x{}\",\n  \"alice_account_key\": \"0x{}\",\n  \"alice_account\": \"0x{}\",\n  \"events\": \"0x{}\",\n  \"extrinsics\": [{}],\n  \"state\": [\n    {}\n  ]\n}}\n",
        yuma_runtime::version::SPEC_VERSION,
        hex::encode(&s.transfer_call),
        hex::encode(&s.alice_account_key),
        hex::encode(&s.alice_account),
        hex::encode(&s.events),
        extrinsics.join(", "),
        state.join(",\n    ")
    );
    fs::write(dir.join("samples.json"), json)?;
    println!("wrote {}", dir.display());
    Ok(())
}
