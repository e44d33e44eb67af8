//! Integration tests of the node.

mod dev;
mod queries;
