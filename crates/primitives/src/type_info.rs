//! Hand-written `scale_info::TypeInfo` for primitives whose registry shape clients special-case
//! by path (`substrate-compat.md` §6.3): `H256`, `MultiAddress`, `MultiSignature`, `Era`,
//! `UncheckedExtrinsic` and subtensor's transaction-extension list, plus the transparent
//! wrappers (`Balance`, `TimelockedCommit`) that Substrate describes as their inner type.
//!
//! Each description states exactly the bytes this crate's `Encode`/`Decode` produce; the golden
//! tests of `yuma-compat` decode our own encodings with the published metadata.

use crate::{
    extrinsic::{Era, MultiAddress, MultiSignature, SignedExtra, UncheckedExtrinsic},
    AccountId, Balance, RuntimeCall, TimelockedCommit, H256,
};
use scale_info::{
    build::{Fields, Variants},
    meta_type, Path, Type, TypeInfo, TypeParameter,
};

/// `primitive_types::H256`: a composite of 32 bytes.
impl TypeInfo for H256 {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("H256", "primitive_types"))
            .composite(Fields::unnamed().field(|f| f.ty::<[u8; 32]>().type_name("[u8; 32]")))
    }
}

/// Rao amounts are plain `u64` in subtensor's call arguments and events.
impl TypeInfo for Balance {
    type Identity = u64;
    fn type_info() -> Type {
        u64::type_info()
    }
}

/// `BoundedVec<u8, ConstU32<5000>>`, which Substrate describes as `Vec<u8>`.
impl TypeInfo for TimelockedCommit {
    type Identity = Vec<u8>;
    fn type_info() -> Type {
        <Vec<u8>>::type_info()
    }
}

/// `sp_runtime::multiaddress::MultiAddress<AccountId32, u32>`: the `Index` variant carries a
/// compact `u32` as this crate decodes it (no Indices pallet: such addresses resolve to nothing).
impl TypeInfo for MultiAddress {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("MultiAddress", "sp_runtime::multiaddress"))
            .type_params(vec![
                TypeParameter::new("AccountId", Some(meta_type::<AccountId>())),
                TypeParameter::new("AccountIndex", Some(meta_type::<u32>())),
            ])
            .variant(
                Variants::new()
                    .variant("Id", |v| {
                        v.index(0).fields(
                            Fields::unnamed().field(|f| f.ty::<AccountId>().type_name("AccountId")),
                        )
                    })
                    .variant("Index", |v| {
                        v.index(1).fields(
                            Fields::unnamed()
                                .field(|f| f.compact::<u32>().type_name("AccountIndex")),
                        )
                    })
                    .variant("Raw", |v| {
                        v.index(2).fields(
                            Fields::unnamed().field(|f| f.ty::<Vec<u8>>().type_name("Vec<u8>")),
                        )
                    })
                    .variant("Address32", |v| {
                        v.index(3).fields(
                            Fields::unnamed().field(|f| f.ty::<[u8; 32]>().type_name("[u8; 32]")),
                        )
                    })
                    .variant("Address20", |v| {
                        v.index(4).fields(
                            Fields::unnamed().field(|f| f.ty::<[u8; 20]>().type_name("[u8; 20]")),
                        )
                    }),
            )
    }
}

macro_rules! signature_type {
    ($name:ident, $module:literal, $len:literal) => {
        #[doc = concat!("`", $module, "::Signature` (registry description only).")]
        pub struct $name;
        impl TypeInfo for $name {
            type Identity = Self;
            fn type_info() -> Type {
                Type::builder()
                    .path(Path::new("Signature", $module))
                    .composite(Fields::unnamed().field(|f| {
                        f.ty::<[u8; $len]>()
                            .type_name(concat!("[u8; ", stringify!($len), "]"))
                    }))
            }
        }
    };
}

signature_type!(Ed25519Signature, "sp_core::ed25519", 64);
signature_type!(Sr25519Signature, "sp_core::sr25519", 64);
signature_type!(EcdsaSignature, "sp_core::ecdsa", 65);

/// `sp_runtime::MultiSignature`.
impl TypeInfo for MultiSignature {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("MultiSignature", "sp_runtime"))
            .variant(
                Variants::new()
                    .variant("Ed25519", |v| {
                        v.index(0).fields(
                            Fields::unnamed().field(|f| {
                                f.ty::<Ed25519Signature>().type_name("ed25519::Signature")
                            }),
                        )
                    })
                    .variant("Sr25519", |v| {
                        v.index(1).fields(
                            Fields::unnamed().field(|f| {
                                f.ty::<Sr25519Signature>().type_name("sr25519::Signature")
                            }),
                        )
                    })
                    .variant("Ecdsa", |v| {
                        v.index(2).fields(
                            Fields::unnamed()
                                .field(|f| f.ty::<EcdsaSignature>().type_name("ecdsa::Signature")),
                        )
                    }),
            )
    }
}

/// Variant names `Mortal1` … `Mortal255`, built once.
fn mortal_names() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| (1..=255).map(|i| format!("Mortal{i}")).collect())
}

/// `sp_runtime::generic::era::Era`: `Immortal` is byte 0; a mortal era is two bytes, the first
/// of which (never 0) Substrate describes as the variant index `Mortal<first>` carrying the second.
impl TypeInfo for Era {
    type Identity = Self;
    fn type_info() -> Type {
        let mut variants = Variants::new().variant_unit("Immortal", 0);
        for (i, name) in (1..=255u8).zip(mortal_names()) {
            variants = variants.variant(name.as_str(), |v| {
                v.index(i)
                    .fields(Fields::unnamed().field(|f| f.ty::<u8>().type_name("u8")))
            });
        }
        Type::builder()
            .path(Path::new("Era", "sp_runtime::generic::era"))
            .variant(variants)
    }
}

/// `sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic`, opaque bytes with its four
/// type parameters (cyscale looks the type up by path to find the address and signature types).
impl TypeInfo for UncheckedExtrinsic {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new(
                "UncheckedExtrinsic",
                "sp_runtime::generic::unchecked_extrinsic",
            ))
            .type_params(vec![
                TypeParameter::new("Address", Some(meta_type::<MultiAddress>())),
                TypeParameter::new("Call", Some(meta_type::<RuntimeCall>())),
                TypeParameter::new("Signature", Some(meta_type::<MultiSignature>())),
                TypeParameter::new("Extra", Some(meta_type::<SignedExtra>())),
            ])
            .composite(Fields::unnamed().field(|f| f.ty::<Vec<u8>>().type_name("Vec<u8>")))
    }
}

/// The extension list as subtensor's `TxExtension` tuple: (system extensions, custom
/// extensions, `CheckMetadataHash`). Only era, nonce, tip and the metadata-hash mode carry bytes,
/// exactly [`SignedExtra`]'s encoding.
impl TypeInfo for SignedExtra {
    type Identity = Self;
    fn type_info() -> Type {
        use extensions::*;
        <(
            (
                CheckNonZeroSender,
                CheckSpecVersion,
                CheckTxVersion,
                CheckGenesis,
                CheckMortality,
                CheckNonce,
                CheckWeight,
            ),
            (
                ChargeTransactionPayment,
                SudoTransactionExtension,
                CheckShieldedTxValidity,
                SubtensorTransactionExtension,
                DrandPriority,
            ),
            CheckMetadataHash,
        )>::type_info()
    }
}

/// Subtensor's transaction extensions, in order, as registry descriptions: what each adds to the
/// extrinsic (explicit) and to the signed payload only (implicit).
pub mod extensions {
    use super::*;

    /// One transaction extension of the metadata's extrinsic section.
    pub struct Extension {
        /// Identifier clients match (`CheckMortality`, …).
        pub identifier: &'static str,
        /// The extension type (its bytes in the extrinsic).
        pub explicit: scale_info::MetaType,
        /// What it adds to the signing payload only.
        pub implicit: scale_info::MetaType,
    }

    macro_rules! zero_sized {
        ($($name:ident $module:literal;)*) => {$(
            #[doc = concat!("`", $module, "::", stringify!($name), "`: no bytes.")]
            pub struct $name;
            impl TypeInfo for $name {
                type Identity = Self;
                fn type_info() -> Type {
                    Type::builder()
                        .path(Path::new(stringify!($name), $module))
                        .composite(Fields::unit())
                }
            }
        )*};
    }

    zero_sized! {
        CheckNonZeroSender "frame_system::extensions::check_non_zero_sender";
        CheckSpecVersion "frame_system::extensions::check_spec_version";
        CheckTxVersion "frame_system::extensions::check_tx_version";
        CheckGenesis "frame_system::extensions::check_genesis";
        CheckWeight "frame_system::extensions::check_weight";
        SudoTransactionExtension "node_subtensor_runtime::sudo_wrapper";
        CheckShieldedTxValidity "pallet_shield";
        SubtensorTransactionExtension "pallet_subtensor::transaction_extension";
        DrandPriority "pallet_drand::drand_priority";
    }

    /// `CheckMortality(Era)`.
    pub struct CheckMortality;
    impl TypeInfo for CheckMortality {
        type Identity = Self;
        fn type_info() -> Type {
            Type::builder()
                .path(Path::new(
                    "CheckMortality",
                    "node_subtensor_runtime::check_mortality",
                ))
                .composite(Fields::unnamed().field(|f| f.ty::<Era>().type_name("Era")))
        }
    }

    /// `CheckNonce(#[compact] u32)`.
    pub struct CheckNonce;
    impl TypeInfo for CheckNonce {
        type Identity = Self;
        fn type_info() -> Type {
            Type::builder()
                .path(Path::new(
                    "CheckNonce",
                    "node_subtensor_runtime::check_nonce",
                ))
                .composite(Fields::unnamed().field(|f| f.compact::<u32>().type_name("T::Nonce")))
        }
    }

    /// `ChargeTransactionPayment(#[compact] tip)`.
    pub struct ChargeTransactionPayment;
    impl TypeInfo for ChargeTransactionPayment {
        type Identity = Self;
        fn type_info() -> Type {
            Type::builder()
                .path(Path::new(
                    "ChargeTransactionPayment",
                    "pallet_transaction_payment",
                ))
                .composite(
                    Fields::unnamed().field(|f| f.compact::<u64>().type_name("BalanceOf<T>")),
                )
        }
    }

    /// `frame_metadata_hash_extension::Mode`.
    pub struct Mode;
    impl TypeInfo for Mode {
        type Identity = Self;
        fn type_info() -> Type {
            Type::builder()
                .path(Path::new("Mode", "frame_metadata_hash_extension"))
                .variant(
                    Variants::new()
                        .variant_unit("Disabled", 0)
                        .variant_unit("Enabled", 1),
                )
        }
    }

    /// `CheckMetadataHash { mode }`.
    pub struct CheckMetadataHash;
    impl TypeInfo for CheckMetadataHash {
        type Identity = Self;
        fn type_info() -> Type {
            Type::builder()
                .path(Path::new(
                    "CheckMetadataHash",
                    "frame_metadata_hash_extension",
                ))
                .composite(Fields::named().field(|f| f.ty::<Mode>().name("mode").type_name("Mode")))
        }
    }

    /// Subtensor's extension list in its order (`substrate-compat.md` §5.3).
    pub fn list() -> Vec<Extension> {
        fn ext<E: TypeInfo + 'static, I: TypeInfo + 'static>(
            identifier: &'static str,
        ) -> Extension {
            Extension {
                identifier,
                explicit: meta_type::<E>(),
                implicit: meta_type::<I>(),
            }
        }
        vec![
            ext::<CheckNonZeroSender, ()>("CheckNonZeroSender"),
            ext::<CheckSpecVersion, u32>("CheckSpecVersion"),
            ext::<CheckTxVersion, u32>("CheckTxVersion"),
            ext::<CheckGenesis, H256>("CheckGenesis"),
            ext::<CheckMortality, H256>("CheckMortality"),
            ext::<CheckNonce, ()>("CheckNonce"),
            ext::<CheckWeight, ()>("CheckWeight"),
            ext::<ChargeTransactionPayment, ()>("ChargeTransactionPayment"),
            ext::<SudoTransactionExtension, ()>("SudoTransactionExtension"),
            ext::<CheckShieldedTxValidity, ()>("CheckShieldedTxValidity"),
            ext::<SubtensorTransactionExtension, ()>("SubtensorTransactionExtension"),
            ext::<DrandPriority, ()>("DrandPriority"),
            ext::<CheckMetadataHash, Option<[u8; 32]>>("CheckMetadataHash"),
        ]
    }
}
