//! `TransactionPaymentApi`: the fee preview clients show before they sign (`query_info`) and
//! its breakdown (`query_fee_details`).
//!
//! Clients send the extrinsic they are about to submit, signed with a zero signature, and its
//! encoded length; the signature is not checked. The fee is [`yuma_runtime::fees`]' formula
//! on the given length with no tip, exactly what the runtime charges when the same extrinsic
//! (tip 0) is applied — `pallet_transaction_payment::query_info` leaves the tip out too.

use super::{method, Api, ApiContext, ApiResult};
use parity_scale_codec::{Compact, Decode, Encode, Input};
use scale_info::{build::Fields, Path, Type, TypeInfo};
use yuma_primitives::extrinsic::UncheckedExtrinsic;
use yuma_runtime::{event, fees};

/// `sp_weights::weight_v2::Weight`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct Weight {
    #[codec(compact)]
    pub ref_time: u64,
    #[codec(compact)]
    pub proof_size: u64,
}

/// `frame_support::dispatch::DispatchClass`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub enum DispatchClass {
    Normal,
    Operational,
    Mandatory,
}

/// `pallet_transaction_payment::RuntimeDispatchInfo<Balance, Weight>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct RuntimeDispatchInfo {
    /// The call's weight.
    pub weight: Weight,
    /// Its class.
    pub class: DispatchClass,
    /// The fee without tip, rao.
    pub partial_fee: u64,
}

/// `pallet_transaction_payment::InclusionFee<Balance>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct InclusionFee {
    /// Fee of the base extrinsic weight.
    pub base_fee: u64,
    /// Fee of the length.
    pub len_fee: u64,
    /// Fee of the call's weight (the rest of the weight fee).
    pub adjusted_weight_fee: u64,
}

/// `pallet_transaction_payment::FeeDetails<Balance>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct FeeDetails {
    /// `None` for fee-free calls and unsigned extrinsics.
    pub inclusion_fee: Option<InclusionFee>,
    /// Tip (always 0 in a query).
    pub tip: u64,
}

/// The extrinsic argument: SCALE `Vec<u8>` framing around yuma's v4 extrinsic.
///
/// TODO(h/meta): its `TypeInfo` should be the registry's
/// `sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic` with its Address, Call,
/// Signature and Extra parameters (cyscale looks it up by path, §6.3); once
/// `yuma_primitives::extrinsic::UncheckedExtrinsic` implements `TypeInfo`, delegate to it
/// (`type Identity = UncheckedExtrinsic`) so the registry holds one entry.
pub struct Uxt(pub UncheckedExtrinsic);

impl Decode for Uxt {
    fn decode<I: Input>(input: &mut I) -> Result<Self, parity_scale_codec::Error> {
        let body = Vec::<u8>::decode(input)?;
        let mut wire = Compact(body.len() as u32).encode();
        wire.extend_from_slice(&body);
        UncheckedExtrinsic::from_bytes(&wire)
            .map(|(x, _)| Self(x))
            .map_err(|_| {
                "invalid extrinsic (unsupported version, address, signature, extensions or call)"
                    .into()
            })
    }
}

impl TypeInfo for Uxt {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new(
                "UncheckedExtrinsic",
                "sp_runtime::generic::unchecked_extrinsic",
            ))
            .composite(Fields::unnamed().field(|f| f.ty::<Vec<u8>>()))
    }
}

fn weight(w: event::Weight) -> Weight {
    Weight {
        ref_time: w.ref_time,
        proof_size: w.proof_size,
    }
}

fn class(c: event::DispatchClass) -> DispatchClass {
    match c {
        event::DispatchClass::Normal => DispatchClass::Normal,
        event::DispatchClass::Operational => DispatchClass::Operational,
        event::DispatchClass::Mandatory => DispatchClass::Mandatory,
    }
}

fn query_info(_: &ApiContext<'_>, uxt: Uxt, len: u32) -> ApiResult<RuntimeDispatchInfo> {
    let info = fees::dispatch_info(&uxt.0.call);
    let partial_fee = if uxt.0.signature.is_some() {
        fees::compute_fee(len as usize, &info, 0)
    } else {
        0
    };
    Ok(RuntimeDispatchInfo {
        weight: weight(info.weight),
        class: class(info.class),
        partial_fee,
    })
}

fn query_fee_details(_: &ApiContext<'_>, uxt: Uxt, len: u32) -> ApiResult<FeeDetails> {
    let info = fees::dispatch_info(&uxt.0.call);
    let total = fees::compute_fee(len as usize, &info, 0);
    let inclusion_fee =
        (uxt.0.signature.is_some() && info.pays_fee == event::Pays::Yes).then(|| {
            let base_fee = fees::weight_to_fee(fees::BASE_WEIGHT);
            let len_fee = u64::from(len);
            InclusionFee {
                base_fee,
                len_fee,
                // The runtime rounds the whole weight fee once; the call's share is the rest, so
                // the three parts add up to the fee charged.
                adjusted_weight_fee: total.saturating_sub(base_fee).saturating_sub(len_fee),
            }
        });
    Ok(FeeDetails {
        inclusion_fee,
        tip: 0,
    })
}

fn query_weight_to_fee(_: &ApiContext<'_>, w: Weight) -> ApiResult<u64> {
    Ok(fees::weight_to_fee(w.ref_time))
}

fn query_length_to_fee(_: &ApiContext<'_>, length: u32) -> ApiResult<u64> {
    Ok(u64::from(length))
}

/// `TransactionPaymentApi`.
pub(super) const API: Api = Api {
    version: 4,
    name: "TransactionPaymentApi",
    docs: "Fee queries for extrinsics (pallet_transaction_payment).",
    methods: &[
        method!("query_info"(uxt: Uxt, len: u32) -> RuntimeDispatchInfo = query_info),
        method!("query_fee_details"(uxt: Uxt, len: u32) -> FeeDetails = query_fee_details),
        method!("query_weight_to_fee"(weight: Weight) -> u64 = query_weight_to_fee),
        method!("query_length_to_fee"(length: u32) -> u64 = query_length_to_fee),
    ],
};
