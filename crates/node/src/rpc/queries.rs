//! Every runtime query (`yuma_runtime::query::QUERIES`) as a method `yuma_<camelCase name>`,
//! plus `yuma_query(name, args?, at?)`, through one generic path: a query added to the
//! runtime's table is served here without node changes.
//!
//! Parameters of `yuma_<name>` are either positional, in the order of the query's argument
//! names, optionally followed by one more: the block (`at`); or named, an object of the
//! argument names plus an optional `"at"`.

use super::{server::RpcServer, Error};
use jsonrpsee::{
    types::{ErrorObjectOwned, Params},
    RpcModule,
};
use serde_json::{Map, Value};
use yuma_primitives::rpc::BlockId;
use yuma_runtime::query::{self, QueryDef, QueryError};

impl From<QueryError> for Error {
    fn from(e: QueryError) -> Self {
        match e {
            QueryError::Unknown(_) | QueryError::Args { .. } => Error::Params(e.to_string()),
            QueryError::Storage(_) | QueryError::Encode(_) => Error::Internal(e.to_string()),
        }
    }
}

/// The method name serving `query`.
pub fn method_name(query: &str) -> String {
    format!("yuma_{}", query::camel_case(query))
}

fn block_id(v: Value) -> Result<Option<BlockId>, Error> {
    if v.is_null() {
        return Ok(None);
    }
    serde_json::from_value(v)
        .map(Some)
        .map_err(|_| Error::Params("at: expected a block number or a 0x block hash".into()))
}

/// Splits a call's parameters into the query's named arguments and the block.
pub fn split_params(def: &QueryDef, params: Value) -> Result<(Value, Option<BlockId>), Error> {
    match params {
        Value::Null => Ok((Value::Null, None)),
        Value::Object(mut m) => {
            let at = block_id(m.remove("at").unwrap_or(Value::Null))?;
            Ok((Value::Object(m), at))
        }
        Value::Array(items) => {
            if items.len() > def.args.len() + 1 {
                return Err(Error::Params(format!(
                    "{} takes at most {} parameters ({:?} and the block)",
                    method_name(def.name),
                    def.args.len() + 1,
                    def.args
                )));
            }
            let mut items = items.into_iter();
            let mut m = Map::new();
            for name in def.args {
                match items.next() {
                    Some(v) => {
                        m.insert((*name).to_string(), v);
                    }
                    None => break,
                }
            }
            let at = block_id(items.next().unwrap_or(Value::Null))?;
            Ok((Value::Object(m), at))
        }
        _ => Err(Error::Params(
            "parameters must be an array or an object".into(),
        )),
    }
}

fn params_json(params: &Params<'_>) -> Result<Value, Error> {
    match params.as_str() {
        None => Ok(Value::Null),
        Some(s) => serde_json::from_str(s).map_err(|e| Error::Params(e.to_string())),
    }
}

/// Registers `yuma_query` and one method per query. A name the typed API already serves
/// keeps its typed method.
pub(super) fn register(module: &mut RpcModule<RpcServer>) {
    let generic = module.register_method(
        "yuma_query",
        |params, ctx: &RpcServer, _| -> Result<Value, ErrorObjectOwned> {
            let mut seq = params.sequence();
            let name: String = seq.next()?;
            let args: Option<Value> = seq.optional_next()?;
            let at: Option<BlockId> = seq.optional_next()?;
            Ok(ctx.query(&name, &args.unwrap_or(Value::Null), at)?)
        },
    );
    if let Err(e) = generic {
        tracing::warn!(%e, "yuma_query not registered");
    }
    for def in query::QUERIES {
        let name = method_name(def.name);
        if module.method(&name).is_some() {
            continue;
        }
        // Method names are 'static in jsonrpsee; the table is fixed, so this leaks once.
        let name: &'static str = Box::leak(name.into_boxed_str());
        let res = module.register_method(
            name,
            move |params, ctx: &RpcServer, _| -> Result<Value, ErrorObjectOwned> {
                let (args, at) = split_params(def, params_json(&params)?)?;
                Ok(ctx.query(def.name, &args, at)?)
            },
        );
        if let Err(e) = res {
            tracing::warn!(%e, name, "query method not registered");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn def(name: &str) -> &'static QueryDef {
        query::find(name).expect("query exists")
    }

    #[test]
    fn positional_params_fill_argument_names_then_the_block() {
        let (args, at) = split_params(def("metagraph"), json!([3, 1, 17])).expect("ok");
        assert_eq!(args, json!({"netuid": 3, "mechid": 1}));
        assert_eq!(at, Some(BlockId::Number(17)));
        let (args, at) = split_params(def("metagraph"), json!([3])).expect("ok");
        assert_eq!(args, json!({"netuid": 3}));
        assert_eq!(at, None);
        let (args, at) = split_params(def("block_number"), json!([5])).expect("ok");
        assert_eq!(args, json!({}));
        assert_eq!(at, Some(BlockId::Number(5)));
        assert!(split_params(def("block_number"), json!([5, 6])).is_err());
    }

    #[test]
    fn named_params_take_at_out() {
        let (args, at) = split_params(def("burn"), json!({"netuid": 1, "at": 9})).expect("ok");
        assert_eq!(args, json!({"netuid": 1}));
        assert_eq!(at, Some(BlockId::Number(9)));
        assert!(split_params(def("burn"), json!({"netuid": 1, "at": "x"})).is_err());
    }

    #[test]
    fn method_names_are_camel_case() {
        assert_eq!(method_name("subnet_hyperparams"), "yuma_subnetHyperparams");
        assert_eq!(method_name("block_number"), "yuma_blockNumber");
        assert_eq!(method_name("account"), "yuma_account");
    }
}
