//! Integration tests of the node.

mod dev;
mod observe;
mod queries;
