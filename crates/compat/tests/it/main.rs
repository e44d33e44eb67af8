//! Integration tests of `yuma-compat`, one module per area.

mod runtime_api;
