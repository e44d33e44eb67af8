//! Helpers: the call context on the sample chain, typed calls, queries and JSON numbers.

use parity_scale_codec::{Decode, Encode};
use serde_json::{json, Value};
use yuma_compat::runtime_api::{self as api, ApiContext};
use yuma_primitives::AccountId;
use yuma_runtime::{query, MemoryChain};

pub(crate) fn ctx(c: &MemoryChain) -> ApiContext<'_> {
    ApiContext {
        state: &c.state,
        block_number: c.best_number(),
    }
}

pub(crate) fn call<T: Decode>(c: &MemoryChain, method: &str, args: impl Encode) -> T {
    let bytes =
        api::call(&ctx(c), method, &args.encode()).unwrap_or_else(|e| panic!("{method}: {e}"));
    let mut input = &bytes[..];
    let v = T::decode(&mut input).unwrap_or_else(|e| panic!("{method}: {e}"));
    assert!(input.is_empty(), "{method}: trailing bytes");
    v
}

pub(crate) fn q(c: &MemoryChain, name: &str, args: Value) -> Value {
    query::run(&c.state, name, &args).unwrap()
}

pub(crate) fn acct(a: &AccountId) -> Value {
    json!(a.to_ss58())
}

pub(crate) fn u(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a u64: {v}"))
}

/// A `fixed_string` ("int.fraction", 9 digits) as units of 10^-9.
pub(crate) fn nano(v: &Value) -> u64 {
    let (i, f) = v.as_str().unwrap().split_once('.').unwrap();
    i.parse::<u64>().unwrap() * 1_000_000_000 + f.parse::<u64>().unwrap()
}
