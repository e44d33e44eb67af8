//! Integration tests of the node.

mod dev;
mod kill9;
mod queries;
mod restart_cost;
