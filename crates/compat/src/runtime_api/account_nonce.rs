//! `AccountNonceApi`: an account's next nonce (clients use `account_nextIndex`; declared for
//! other tools, as subtensor implements it).

use super::{method, Api, ApiContext, ApiResult};
use yuma_primitives::AccountId;

fn account_nonce(ctx: &ApiContext<'_>, account: AccountId) -> ApiResult<u32> {
    Ok(yuma_runtime::system::account(ctx.state, &account)?.nonce)
}

/// `AccountNonceApi`.
pub(super) const API: Api = Api {
    version: 1,
    name: "AccountNonceApi",
    docs: "The API to query account nonce.",
    methods: &[method!("account_nonce"(account: AccountId) -> u32 = account_nonce)],
};
