//! Integration tests of `yuma-primitives` against vectors from outside tools.

mod external_vectors;
