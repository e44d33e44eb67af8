//! Integration tests of the epoch crate: the conformance vectors and the scenarios of
//! spec-epoch §11, one module per area.

mod conformance;
mod reference;
mod scenarios;
