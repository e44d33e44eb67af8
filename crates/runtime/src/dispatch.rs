//! Why a call failed: Substrate's `DispatchError`, with module errors carrying subtensor's
//! pallet and error indices so clients resolve them to names through the metadata.

use parity_scale_codec::{Decode, Encode};

/// A pallet error: its pallet index, error index and name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModuleError {
    /// Pallet index (Balances 5, SubtensorModule 7, …).
    pub index: u8,
    /// Variant index of the pallet's `Error` enum.
    pub error: u8,
    /// Variant name, e.g. `NotEnoughBalanceToStake`.
    pub name: &'static str,
}

/// `sp_runtime::TokenError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub enum TokenError {
    /// Not enough free funds.
    FundsUnavailable,
    /// The account is the only provider and cannot be reaped.
    OnlyProvider,
    /// The result would be below the existential deposit.
    BelowMinimum,
    /// The account cannot be created.
    CannotCreate,
    /// Unknown asset.
    UnknownAsset,
    /// Funds are frozen.
    Frozen,
    /// Unsupported operation.
    Unsupported,
    /// A hold cannot be created.
    CannotCreateHold,
    /// The operation would reap an account that must be kept alive.
    NotExpendable,
    /// The account is blocked.
    Blocked,
}

/// `sp_runtime::ArithmeticError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub enum ArithmeticError {
    /// Below zero.
    Underflow,
    /// Above the type's maximum.
    Overflow,
    /// Division by zero.
    DivisionByZero,
}

/// `sp_runtime::DispatchError` (the variants yuma produces keep Substrate's indices).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DispatchError {
    /// An unnamed failure.
    Other(&'static str),
    /// An address could not be resolved to an account.
    CannotLookup,
    /// Wrong origin for the call.
    BadOrigin,
    /// A pallet error.
    Module(ModuleError),
    /// A token (balance) error.
    Token(TokenError),
    /// An arithmetic error.
    Arithmetic(ArithmeticError),
    /// Stored state does not decode.
    Corruption,
}

impl DispatchError {
    /// The name clients show: the pallet error's variant name, or the Substrate variant.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Other(_) => "Other",
            Self::CannotLookup => "CannotLookup",
            Self::BadOrigin => "BadOrigin",
            Self::Module(m) => m.name,
            Self::Token(t) => match t {
                TokenError::FundsUnavailable => "FundsUnavailable",
                TokenError::OnlyProvider => "OnlyProvider",
                TokenError::BelowMinimum => "BelowMinimum",
                TokenError::CannotCreate => "CannotCreate",
                TokenError::UnknownAsset => "UnknownAsset",
                TokenError::Frozen => "Frozen",
                TokenError::Unsupported => "Unsupported",
                TokenError::CannotCreateHold => "CannotCreateHold",
                TokenError::NotExpendable => "NotExpendable",
                TokenError::Blocked => "Blocked",
            },
            Self::Arithmetic(a) => match a {
                ArithmeticError::Underflow => "Underflow",
                ArithmeticError::Overflow => "Overflow",
                ArithmeticError::DivisionByZero => "DivisionByZero",
            },
            Self::Corruption => "Corruption",
        }
    }
}

impl std::fmt::Display for DispatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Other(s) => write!(f, "{s}"),
            other => f.write_str(other.name()),
        }
    }
}

impl Encode for DispatchError {
    fn encode_to<T: parity_scale_codec::Output + ?Sized>(&self, dest: &mut T) {
        match self {
            Self::Other(_) => dest.push_byte(0),
            Self::CannotLookup => dest.push_byte(1),
            Self::BadOrigin => dest.push_byte(2),
            Self::Module(m) => {
                dest.push_byte(3);
                dest.push_byte(m.index);
                dest.write(&[m.error, 0, 0, 0]);
            }
            Self::Token(t) => {
                dest.push_byte(7);
                t.encode_to(dest);
            }
            Self::Arithmetic(a) => {
                dest.push_byte(8);
                a.encode_to(dest);
            }
            Self::Corruption => dest.push_byte(11),
        }
    }
}

impl From<crate::storage::StorageError> for DispatchError {
    fn from(_: crate::storage::StorageError) -> Self {
        Self::Corruption
    }
}

/// The result of dispatching a call.
pub type DispatchResult = Result<(), DispatchError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_error_encoding() {
        let e = DispatchError::Module(ModuleError {
            index: 7,
            error: 12,
            name: "X",
        });
        assert_eq!(e.encode(), vec![3, 7, 12, 0, 0, 0]);
        assert_eq!(
            DispatchError::Token(TokenError::NotExpendable).encode(),
            vec![7, 8]
        );
    }
}
