//! Integration tests of `yuma-compat`: the runtime APIs over a real chain
//! ([`yuma_compat::runtime_api::samples::chain`]: a started subnet with registered neurons,
//! stake from owners and a nominator, weights and epochs). Every API's SCALE result is decoded
//! into the mirror structs and checked against yuma's own query JSON for the same state (the
//! same numbers, read through the other path), and `query_info`'s fee against the fee the chain
//! charges. One module per API area.

mod delegates;
mod dispatch;
mod fees;
mod neurons;
mod stake;
mod subnets;
mod swap;
mod util;
