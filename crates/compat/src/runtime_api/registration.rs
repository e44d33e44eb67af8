//! `SubnetRegistrationRuntimeApi`: what `register_network` locks at this block.

use super::{method, Api, ApiContext, ApiResult};

/// `get_network_lock_cost` at the queried block (subtensor evaluates it at the current block;
/// yuma's `network_lock_cost` query looks one block ahead, for the next transaction).
fn get_network_registration_cost(ctx: &ApiContext<'_>) -> ApiResult<u64> {
    Ok(yuma_runtime::subnets::lock_cost(
        ctx.state,
        ctx.block_number,
    )?)
}

/// `SubnetRegistrationRuntimeApi`.
pub(super) const API: Api = Api {
    version: 1,
    name: "SubnetRegistrationRuntimeApi",
    docs: "The cost of registering a subnet (pallet_subtensor).",
    methods: &[method!("get_network_registration_cost"() -> u64 = get_network_registration_cost)],
};
