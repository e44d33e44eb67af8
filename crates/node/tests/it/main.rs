//! Integration tests of the node.

mod dev;
mod exec_cost;
mod kill9;
mod loopback;
mod observe;
mod queries;
mod restart_cost;
mod simulation;
mod substrate;
