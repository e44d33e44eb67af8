//! Integration tests of the node.

mod dev;
mod loopback;
mod queries;
mod simulation;
mod substrate;
