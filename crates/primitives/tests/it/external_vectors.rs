//! Golden vectors made by the real `bittensor-wallet` (sp-core's sr25519 underneath), see
//! `scripts/gen_external_vectors.py`: its signatures verify here and its extrinsic decodes to
//! the call we would have built, with identical bytes.

use parity_scale_codec::Encode;
use yuma_primitives::{
    call::BalancesCall,
    crypto::{verify, Pair},
    extrinsic::{signing_payload, Implicit, MultiAddress, MultiSignature},
    AccountId, Balance, Era, RuntimeCall, SignedExtra, UncheckedExtrinsic, H256,
};

fn vectors() -> serde_json::Value {
    let text = include_str!("../data/external_vectors.json");
    serde_json::from_str(text).expect("vector file is JSON")
}

fn hex_field(v: &serde_json::Value, key: &str) -> Vec<u8> {
    let s = v[key].as_str().unwrap_or_else(|| panic!("{key} missing"));
    hex::decode(s.trim_start_matches("0x")).expect("hex")
}

#[test]
fn bittensor_wallet_signature_verifies() {
    let v = vectors();
    let s = &v["signature"];
    let public: [u8; 32] = hex_field(s, "public").try_into().unwrap();
    let signer = AccountId(public);
    assert_eq!(signer.to_ss58(), s["ss58"].as_str().unwrap());
    assert_eq!(signer, Pair::from_uri("//Alice").unwrap().public());
    let sig: [u8; 64] = hex_field(s, "signature").try_into().unwrap();
    let msg = hex_field(s, "message");
    assert!(verify(&signer, &msg, &sig));
    let mut other = msg.clone();
    other.push(0);
    assert!(!verify(&signer, &other, &sig));
}

#[test]
fn bittensor_wallet_extrinsic_decodes_and_verifies() {
    let v = vectors();
    let x = &v["extrinsic"];
    let bytes = hex_field(x, "bytes");
    let (xt, call_at) = UncheckedExtrinsic::from_bytes(&bytes).expect("decodes");

    // The call is what we would compose ourselves, byte for byte.
    let bob = Pair::from_uri("//Bob").unwrap().public();
    let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
        dest: MultiAddress::Id(bob),
        value: Balance(1_000_000_000),
    });
    assert_eq!(xt.call, call);
    assert_eq!(&bytes[call_at..], call.encode().as_slice());
    // Re-encoding reproduces the wire bytes exactly.
    assert_eq!(xt.to_bytes(), bytes);

    let (addr, sig, extra) = xt.signature.clone().expect("signed");
    assert_eq!(
        extra,
        SignedExtra {
            era: Era::mortal(16, 5),
            nonce: 7,
            tip: 0,
            metadata_hash_mode: 0
        }
    );
    let MultiSignature::Sr25519(sig) = sig else {
        panic!("sr25519 expected")
    };
    let signer = addr.account().expect("Id address");
    let implicit = Implicit {
        spec_version: x["spec_version"].as_u64().unwrap() as u32,
        transaction_version: x["transaction_version"].as_u64().unwrap() as u32,
        genesis_hash: H256::from_hex(x["genesis_hash"].as_str().unwrap()).unwrap(),
        birth_hash: H256::from_hex(x["birth_hash"].as_str().unwrap()).unwrap(),
    };
    let payload = signing_payload(&bytes[call_at..], &extra, &implicit);
    assert!(verify(&signer, &payload, &sig));
    // Signed for another genesis, it does not verify.
    let wrong = Implicit {
        genesis_hash: H256::ZERO,
        ..implicit
    };
    assert!(!verify(
        &signer,
        &signing_payload(&bytes[call_at..], &extra, &wrong),
        &sig
    ));
}
