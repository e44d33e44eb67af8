//! Integration tests of the node.

mod dev;
mod queries;
mod substrate;
