//! `TransactionPaymentApi`: the fee previewed is the fee charged, whatever the outcome.

use crate::util::*;
use parity_scale_codec::{Decode, Encode};
use yuma_compat::runtime_api::{
    self as api,
    samples::{chain, cold, TAO},
    FeeDetails, RuntimeDispatchInfo,
};
use yuma_primitives::{
    call::BalancesCall,
    extrinsic::{MultiAddress, MultiSignature, UncheckedExtrinsic},
    Balance, RuntimeCall,
};
use yuma_runtime::{query, Outcome};

#[test]
fn query_info_fee_is_the_fee_charged() {
    let mut c = chain();
    let from = cold(2);
    let to = cold(3).public();
    let transfer = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
        dest: MultiAddress::Id(to),
        value: Balance(7 * TAO),
    });
    let nonce = query::account(&c.state, &from.public()).unwrap().nonce;
    let signed = c.sign(&from, transfer, nonce, 0);
    // The client's preview: the same extrinsic with a zero signature, and its length.
    let (mut x, _) = UncheckedExtrinsic::from_bytes(&signed).unwrap();
    if let Some((_, sig, _)) = x.signature.as_mut() {
        *sig = MultiSignature::Sr25519([0; 64]);
    }
    let preview = x.to_bytes();
    assert_eq!(preview.len(), signed.len());
    let mut args = preview.clone();
    args.extend_from_slice(&(preview.len() as u32).encode());
    let info: RuntimeDispatchInfo = {
        let b = api::call(&ctx(&c), "TransactionPaymentApi_query_info", &args).unwrap();
        Decode::decode(&mut &b[..]).unwrap()
    };
    let details: FeeDetails = {
        let b = api::call(&ctx(&c), "TransactionPaymentApi_query_fee_details", &args).unwrap();
        Decode::decode(&mut &b[..]).unwrap()
    };
    let incl = details.inclusion_fee.expect("a transfer pays");
    assert_eq!(
        incl.base_fee + incl.len_fee + incl.adjusted_weight_fee,
        info.partial_fee
    );
    assert_eq!(incl.len_fee, signed.len() as u64);

    let before = query::account(&c.state, &from.public()).unwrap().free;
    let out = c.apply(vec![signed]).unwrap();
    let r = &out.receipts[0];
    assert_eq!(r.outcome, Outcome::Success);
    assert!(r.fee > 0);
    assert_eq!(info.partial_fee, r.fee);
    let after = query::account(&c.state, &from.public()).unwrap().free;
    assert_eq!(before - after, 7 * TAO + info.partial_fee);

    // The bare call priced at the same length: the same figures.
    let mut call_args = x.call.encode();
    call_args.extend_from_slice(&(preview.len() as u32).encode());
    let by_call: RuntimeDispatchInfo = {
        let b = api::call(
            &ctx(&c),
            "TransactionPaymentCallApi_query_call_info",
            &call_args,
        )
        .unwrap();
        Decode::decode(&mut &b[..]).unwrap()
    };
    assert_eq!(by_call, info);
    let nonce: u32 = call(&c, "AccountNonceApi_account_nonce", from.public());
    assert_eq!(
        nonce,
        query::account(&c.state, &from.public()).unwrap().nonce
    );

    // Unsigned: no fee; an inherent-shaped extrinsic still decodes.
    let unsigned = UncheckedExtrinsic {
        signature: None,
        call: x.call.clone(),
    }
    .to_bytes();
    let mut args = unsigned.clone();
    args.extend_from_slice(&(unsigned.len() as u32).encode());
    let info: RuntimeDispatchInfo = {
        let b = api::call(&ctx(&c), "TransactionPaymentApi_query_info", &args).unwrap();
        Decode::decode(&mut &b[..]).unwrap()
    };
    assert_eq!(info.partial_fee, 0);
}

#[test]
fn fee_previews_equal_the_fees_charged_whatever_the_outcome() {
    let mut c = chain();
    let (samples, events) = api::samples::outcome_block(&mut c);
    assert!(!events.is_empty());
    let errors: Vec<Option<&str>> = samples.iter().map(|s| s.error).collect();
    assert_eq!(errors[0], None, "the transfer succeeds");
    assert_eq!(errors[1], Some("SubnetNotExists"), "add_stake on netuid 99");
    assert!(errors[2].is_some(), "the sudo call's inner call fails");
    for s in &samples {
        assert!(s.charged_fee > 0);
        assert_eq!(s.preview_fee, s.charged_fee);
    }
}
