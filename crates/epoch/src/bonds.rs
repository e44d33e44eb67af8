//! Bonds and dividends: classic Yuma (spec-epoch §4.10a) and Yuma3 (§4.10b).
//!
//! Both take the bonds-weights `Wb` (after the bonds penalty, §4.9), the stored bonds already
//! masked for recent registrations (Q7), the active stake and the incentive, and return the
//! bonds to store (before the u16 conversion) with the normalised dividends.

use crate::liquid_alpha::{mat_ema_liquid, AlphaParams};
use crate::math::fixed::{I32F32, ZERO};
use crate::math::sparse::{mat_ema_with_col_sums, SparseMatrix};
use crate::math::vector::{normalize, vec_mul};

/// The bonds to store and the dividends of one epoch.
#[derive(Clone, Debug)]
pub struct BondsOutcome {
    /// Bonds in stored form: column max-upscaled (classic) or as computed (Yuma3).
    pub bonds: SparseMatrix,
    /// Dividends, normalised.
    pub dividends: Vec<I32F32>,
}

/// Classic Yuma bonds (§4.10a): `b` holds the stored bonds as integers 0..65535.
pub fn classic(
    wb: &SparseMatrix,
    b: SparseMatrix,
    active_stake: &[I32F32],
    incentive: &[I32F32],
    rate: I32F32,
    n: usize,
) -> BondsOutcome {
    let sums = b.col_sums(n);
    classic_with_col_sums(wb, b, &sums, active_stake, incentive, rate, n)
}

/// [`classic`] given the column sums of `b` (`b.col_sums(n)`, accumulated as it is built).
/// Each step's column sums or maxima are gathered in the pass that produces its entries, so
/// every matrix is walked once or twice rather than once per helper.
pub fn classic_with_col_sums(
    wb: &SparseMatrix,
    mut b: SparseMatrix,
    b_col_sums: &[I32F32],
    active_stake: &[I32F32],
    incentive: &[I32F32],
    rate: I32F32,
    n: usize,
) -> BondsOutcome {
    // B column-normalised; ΔB = Wb ∘ A column-normalised.
    b.divide_by_columns(b_col_sums);
    let (mut delta, delta_sums) = wb.row_hadamard_col_sums(active_stake, n);
    delta.divide_by_columns(&delta_sums);
    // E = EMA, column-normalised; D = E · I; the column maxima of E.
    let (mut e, e_sums) = mat_ema_with_col_sums(&delta, &b, rate, n);
    let (mut dividends, max) = e.col_normalize_dots_max(&e_sums, incentive, n);
    normalize(&mut dividends);
    // Stored form: column max = 1.
    e.divide_by_columns(&max);
    BondsOutcome {
        bonds: e,
        dividends,
    }
}

/// Yuma3 bonds (§4.10b): `b` holds the stored bonds as proportions `v / 65535`; `liquid` is
/// `Some` when liquid alpha is on.
#[allow(clippy::too_many_arguments)] // the spec's inputs, each a distinct vector of §4.10b
pub fn yuma3(
    wb: &SparseMatrix,
    b: &SparseMatrix,
    active_stake: &[I32F32],
    incentive: &[I32F32],
    consensus: &[I32F32],
    liquid: Option<&AlphaParams>,
    rate: I32F32,
    n: usize,
) -> BondsOutcome {
    let (e, col_sums) = match liquid {
        Some(p) if consensus.iter().any(|c| *c != ZERO) => {
            let e = mat_ema_liquid(wb, b, consensus, p);
            let sums = e.col_sums(n);
            (e, sums)
        }
        _ => mat_ema_with_col_sums(wb, b, rate, n),
    };
    let total = e.col_normalized_row_dots_with(&col_sums, incentive);
    let mut dividends = vec_mul(&total, active_stake);
    normalize(&mut dividends);
    BondsOutcome {
        bonds: e,
        dividends,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::fixed::{ema_rate, ONE};

    #[test]
    fn classic_first_epoch_follows_stake() {
        // two validators (stake 1/4, 3/4) both weight server 2 fully; no previous bonds
        let wb = SparseMatrix::from_rows(&[vec![(2, ONE)], vec![(2, ONE)], vec![]]);
        let b = SparseMatrix::from_rows(&[vec![], vec![], vec![]]);
        let a = vec![ONE / 4, ONE * 3 / 4, ZERO];
        let inc = vec![ZERO, ZERO, ONE];
        // moving average 0: the EMA rate is 1, so E = ΔB
        let out = classic(&wb, b, &a, &inc, ema_rate(0), 3);
        // ΔB column 2 = (1/4, 3/4) = E; D = (1/4, 3/4)
        assert_eq!(out.dividends[0], ONE / 4);
        assert_eq!(out.dividends[1], ONE * 3 / 4);
        // stored form: column max 1
        assert_eq!(out.bonds.row(1), &[(2, ONE)]);
        assert_eq!(out.bonds.row(0), &[(2, ONE / 3)]);
    }

    #[test]
    fn yuma3_fixed_rate_moves_bonds_toward_weights() {
        // one validator, weight 1 on server 1, old bond 0; rate 1/10
        let wb = SparseMatrix::from_rows(&[vec![(1, ONE)], vec![]]);
        let b = SparseMatrix::from_rows(&[vec![], vec![]]);
        let rate = ONE / 10;
        let out = yuma3(
            &wb,
            &b,
            &[ONE, ZERO],
            &[ZERO, ONE],
            &[ZERO, ONE],
            None,
            rate,
            2,
        );
        assert_eq!(out.bonds.row(0), &[(1, rate)]);
        assert_eq!(out.dividends, vec![ONE, ZERO]);
    }
}
