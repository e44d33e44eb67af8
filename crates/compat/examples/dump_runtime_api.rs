//! Writes the V15 metadata and the runtime APIs' answers on the sample chain
//! ([`yuma_compat::runtime_api::samples`]) to a directory, for decoding them with the real Python
//! clients (`scripts/compat/check_runtime_api.py`).
//!
//! `cargo run -p yuma-compat --example dump_runtime_api -- <dir>`

use std::{fs, path::PathBuf};
use yuma_compat::runtime_api::{self, samples, ApiContext};

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/compat".into()),
    );
    fs::create_dir_all(&dir)?;
    let blob = yuma_compat::metadata::metadata_at_version(15).unwrap_or_default();
    fs::write(dir.join("metadata_v15.scale"), blob)?;
    let chain = samples::chain();
    let ctx = ApiContext {
        state: &chain.state,
        block_number: chain.best_number(),
    };
    let mut rows = Vec::new();
    for (method, args) in samples::calls(&chain) {
        let result =
            runtime_api::call(&ctx, method, &args).unwrap_or_else(|e| panic!("{method}: {e}"));
        rows.push(format!(
            "  {{\"method\": \"{method}\", \"args\": \"0x{}\", \"result\": \"0x{}\"}}",
            hex::encode(&args),
            hex::encode(&result)
        ));
    }
    // A block whose transactions succeed, fail, and fail inside sudo: clients resolve each
    // outcome from `System.Events` (substrate-compat §5.5).
    let mut chain = chain;
    let (outcomes, events) = samples::outcome_block(&mut chain);
    let outcomes: Vec<String> = outcomes
        .iter()
        .map(|o| {
            format!(
                "  {{\"extrinsic\": \"0x{}\", \"preview_fee\": {}, \"charged_fee\": {}, \"error\": {}}}",
                hex::encode(&o.extrinsic),
                o.preview_fee,
                o.charged_fee,
                o.error.map_or("null".to_string(), |e| format!("\"{e}\""))
            )
        })
        .collect();
    let keys = format!(
        "{{\"cold\": [{}], \"hot\": [{}]}}",
        (0..4)
            .map(|i| format!("\"{}\"", samples::cold(i).public().to_ss58()))
            .collect::<Vec<_>>()
            .join(", "),
        (0..4)
            .map(|i| format!("\"{}\"", samples::hot(i).public().to_ss58()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    fs::write(
        dir.join("runtime_api.json"),
        format!(
            "{{\n\"spec_version\": {},\n\"block\": {},\n\"keys\": {keys},\n\"calls\": [\n{}\n],\n\"events\": \"0x{}\",\n\"outcomes\": [\n{}\n]\n}}\n",
            yuma_runtime::version::SPEC_VERSION,
            chain.best_number() - 1,
            rows.join(",\n"),
            hex::encode(&events),
            outcomes.join(",\n")
        ),
    )?;
    println!("wrote {} calls to {}", rows.len(), dir.display());
    Ok(())
}
