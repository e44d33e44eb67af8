//! TAO amounts in rao: 1 TAO = 10^9 rao, held as `u64` like subtensor's `TaoBalance`.

use parity_scale_codec::{Compact, CompactAs, Decode, Encode, MaxEncodedLen};
use std::{fmt, str::FromStr};

/// Rao per TAO.
pub const RAO_PER_TAO: u64 = 1_000_000_000;

/// An amount of TAO in rao. Arithmetic is checked: an overflow is an error, never a wrap.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Encode,
    Decode,
    MaxEncodedLen,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Balance(pub u64);

impl CompactAs for Balance {
    type As = u64;
    fn encode_as(&self) -> &u64 {
        &self.0
    }
    fn decode_from(v: u64) -> Result<Self, parity_scale_codec::Error> {
        Ok(Self(v))
    }
}

impl From<Compact<Balance>> for Balance {
    fn from(c: Compact<Balance>) -> Self {
        c.0
    }
}

/// A balance computation or parse that has no valid result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BalanceError {
    /// The sum exceeds `u64::MAX` rao.
    #[error("amount overflow: {0} + {1} rao exceeds the u64 range")]
    Overflow(u64, u64),
    /// The difference would be negative.
    #[error("amount underflow: {0} - {1} rao is negative")]
    Underflow(u64, u64),
    /// Not a decimal TAO amount.
    #[error("{0:?} is not a TAO amount (expected e.g. 1.5 or 0.000000001)")]
    Parse(String),
}

impl Balance {
    /// Zero rao.
    pub const ZERO: Self = Self(0);

    /// From rao.
    pub const fn from_rao(rao: u64) -> Self {
        Self(rao)
    }

    /// From whole TAO; `None` on overflow.
    pub const fn from_tao(tao: u64) -> Option<Self> {
        match tao.checked_mul(RAO_PER_TAO) {
            Some(v) => Some(Self(v)),
            None => None,
        }
    }

    /// The amount in rao.
    pub const fn rao(self) -> u64 {
        self.0
    }

    /// `self + rhs`, or an error naming both operands.
    pub fn checked_add(self, rhs: Self) -> Result<Self, BalanceError> {
        self.0
            .checked_add(rhs.0)
            .map(Self)
            .ok_or(BalanceError::Overflow(self.0, rhs.0))
    }

    /// `self - rhs`, or an error naming both operands.
    pub fn checked_sub(self, rhs: Self) -> Result<Self, BalanceError> {
        self.0
            .checked_sub(rhs.0)
            .map(Self)
            .ok_or(BalanceError::Underflow(self.0, rhs.0))
    }

    /// `self + rhs`, clamped at `u64::MAX`.
    pub fn saturating_add(self, rhs: Self) -> Self {
        Self(self.0.saturating_add(rhs.0))
    }

    /// `self - rhs`, clamped at zero.
    pub fn saturating_sub(self, rhs: Self) -> Self {
        Self(self.0.saturating_sub(rhs.0))
    }

    /// Whether the amount is zero.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }
}

/// Shows `τ1.500000000`: whole TAO and all nine decimals, so no rao is hidden.
impl fmt::Display for Balance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "τ{}.{:09}", self.0 / RAO_PER_TAO, self.0 % RAO_PER_TAO)
    }
}

/// Parses a decimal TAO amount (`1`, `1.5`, `0.000000001`, optionally with a leading `τ`).
impl FromStr for Balance {
    type Err = BalanceError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || BalanceError::Parse(s.to_string());
        let t = s.trim().trim_start_matches('τ');
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        if whole.is_empty() && frac.is_empty() {
            return Err(err());
        }
        let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || !digits(frac) || frac.len() > 9 {
            return Err(err());
        }
        let w: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| err())?
        };
        let f: u64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<9}").parse().map_err(|_| err())?
        };
        w.checked_mul(RAO_PER_TAO)
            .and_then(|v| v.checked_add(f))
            .map(Self)
            .ok_or_else(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse() {
        assert_eq!(Balance(1_500_000_000).to_string(), "τ1.500000000");
        assert_eq!(Balance(1).to_string(), "τ0.000000001");
        assert_eq!("1.5".parse::<Balance>().unwrap(), Balance(1_500_000_000));
        assert_eq!("τ0.000000001".parse::<Balance>().unwrap(), Balance(1));
        assert_eq!(".25".parse::<Balance>().unwrap(), Balance(250_000_000));
        assert!("1.0000000001".parse::<Balance>().is_err());
        assert!("-1".parse::<Balance>().is_err());
        assert!("".parse::<Balance>().is_err());
        assert!("99999999999".parse::<Balance>().is_err());
    }

    #[test]
    fn checked_arithmetic() {
        assert_eq!(
            Balance(2).checked_sub(Balance(3)),
            Err(BalanceError::Underflow(2, 3))
        );
        assert!(Balance(u64::MAX).checked_add(Balance(1)).is_err());
        assert_eq!(Balance(2).checked_add(Balance(3)), Ok(Balance(5)));
        assert_eq!(
            Balance::from_tao(21_000_000),
            Some(Balance(21_000_000_000_000_000))
        );
    }

    #[test]
    fn scale_is_u64_le() {
        assert_eq!(Balance(1).encode(), 1u64.encode());
        assert_eq!(Compact(Balance(1)).encode(), vec![4]);
    }
}
