//! Fixed-point arithmetic, vector and sparse-matrix helpers of spec-epoch §1.

pub mod fast;
pub mod fixed;
pub mod sparse;
pub mod vector;
