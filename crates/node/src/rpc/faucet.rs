//! The dev faucet: `yuma_faucet(account, amount)` mints test TAO on a dev chain.
//!
//! Minting goes through consensus like any transaction: the faucet signs, as the dev sudo key
//! `//Alice`, `Sudo.sudo(Balances.force_set_balance(account, free + amount))` and submits it to
//! the mempool. Every validator applies it deterministically; the runtime raises
//! `Balances.TotalIssuance` (and `Yuma.Minted`) by the difference and emits `BalanceSet`.
//!
//! `force_set_balance` sets an absolute balance, so two faucet requests for one account made
//! before the first is finalized must not both start from the same balance: the faucet
//! remembers the target of its last pending request per account and builds on it while that
//! request's nonce is not yet used in the finalized state. (A transfer that reaches the
//! account between a request and its inclusion is overwritten; this is a test faucet.)
//!
//! On a chain not started with `--dev` the method is refused (1030) before anything is signed.

use super::Error;
use crate::engine::Handle;
use std::{collections::HashMap, sync::Mutex};
use yuma_primitives::{
    call::{BalancesCall, SudoCall},
    extrinsic::MultiAddress,
    AccountId, Balance, Pair, RuntimeCall, H256,
};
use yuma_runtime::query;

/// Mortality of the transactions the faucet signs, blocks.
const ERA_PERIOD: u64 = 64;
/// The dev sudo key.
const SUDO_URI: &str = "//Alice";

/// Nonces and pending targets of the faucet's own transactions.
#[derive(Default)]
pub(super) struct Faucet {
    inner: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The last nonce the faucet used.
    last_nonce: Option<u32>,
    /// Per account: the nonce and target balance of the latest faucet request.
    pending: HashMap<AccountId, (u32, u64)>,
}

impl Faucet {
    /// Mints `amount` rao into `who` on `node` (dev chains only); returns the transaction hash.
    pub(super) async fn mint(
        &self,
        node: &Handle,
        who: AccountId,
        amount: u64,
    ) -> Result<H256, Error> {
        if !node.dev {
            return Err(Error::DevOnly("yuma_faucet"));
        }
        if amount == 0 {
            return Err(Error::Params("amount: must be above 0 rao".into()));
        }
        let pair = Pair::from_uri(SUDO_URI).map_err(|e| Error::Internal(e.to_string()))?;
        let (head, genesis) = {
            let g = node.chain.lock();
            (g.head().clone(), g.genesis_hash)
        };
        let state = head.state.as_ref();
        if !yuma_runtime::subtensor::is_sudo(state, &pair.public())
            .map_err(|e| Error::Internal(e.to_string()))?
        {
            return Err(Error::Invalid(format!(
                "the faucet signs as {SUDO_URI}, which is not this chain's sudo key"
            )));
        }
        let sudo_nonce = query::account(state, &pair.public())
            .map_err(|e| Error::Internal(e.to_string()))?
            .nonce;
        let free = query::account(state, &who)
            .map_err(|e| Error::Internal(e.to_string()))?
            .free;
        let (nonce, target) = {
            let mut s = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            s.pending.retain(|_, (n, _)| *n >= sudo_nonce);
            let base = s.pending.get(&who).map_or(free, |(_, t)| *t);
            let target = base.checked_add(amount).ok_or_else(|| {
                Error::Params(format!(
                    "amount: {base} + {amount} rao does not fit in a balance"
                ))
            })?;
            let nonce = match s.last_nonce {
                Some(last) if last >= sudo_nonce => last + 1,
                _ => sudo_nonce,
            };
            s.last_nonce = Some(nonce);
            s.pending.insert(who, (nonce, target));
            (nonce, target)
        };
        let call = RuntimeCall::Sudo(SudoCall::Sudo {
            call: Box::new(RuntimeCall::Balances(BalancesCall::ForceSetBalance {
                who: MultiAddress::Id(who),
                new_free: Balance(target),
            })),
        });
        let bytes = crate::sign(
            &pair,
            call,
            nonce,
            0,
            genesis,
            head.block.header().number,
            head.hash,
            ERA_PERIOD,
        );
        match node.mempool.clone().submit(bytes).await {
            Ok(h) => Ok(h),
            Err(e) => {
                // Start over from the state next time.
                let mut s = self.inner.lock().unwrap_or_else(|e| e.into_inner());
                s.last_nonce = None;
                s.pending.clear();
                Err(Error::Pool(e.to_string()))
            }
        }
    }
}
