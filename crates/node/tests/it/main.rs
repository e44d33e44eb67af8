//! Integration tests of the node.

mod dev;
mod loopback;
mod observe;
mod queries;
mod simulation;
mod substrate;
