//! The mempool actor: owns the [`Pool`] and serves its mailbox.

use super::{ingress::Message, Config, Mailbox, Pool, MAILBOX_SIZE};
use crate::chain::Chain;
use futures::{channel::mpsc, StreamExt as _};

/// The mempool actor.
pub struct Actor {
    pool: Pool,
    chain: Chain,
    receiver: mpsc::Receiver<Message>,
}

impl Actor {
    /// A mempool validating against `chain`'s finalized state.
    pub fn new(config: Config, chain: Chain) -> (Self, Mailbox) {
        let (sender, receiver) = mpsc::channel(MAILBOX_SIZE);
        (
            Self {
                pool: Pool::new(config),
                chain,
                receiver,
            },
            Mailbox::new(sender),
        )
    }

    /// Serves messages until every mailbox is dropped.
    pub async fn run(mut self) {
        while let Some(msg) = self.receiver.next().await {
            match msg {
                Message::Submit { bytes, respond } => {
                    let (state, hash) = self.chain.finalized_head();
                    let _ = respond.send(self.pool.submit(state.as_ref(), hash, bytes));
                }
                Message::Ready { state, respond } => {
                    let _ = respond.send(self.pool.ready(state.as_ref()));
                }
                Message::Finalized { state } => self.pool.prune(state.as_ref()),
                Message::Reject { hashes } => self.pool.reject(&hashes),
                Message::NextNonce { who, respond } => {
                    let state = self.chain.finalized_state();
                    let res = yuma_runtime::query::account(state.as_ref(), &who)
                        .map(|a| self.pool.next_nonce(&who, a.nonce))
                        .map_err(|e| super::Error::State(e.to_string()));
                    let _ = respond.send(res);
                }
                Message::Contains { hash, respond } => {
                    let _ = respond.send(self.pool.contains(&hash));
                }
                Message::Status { respond } => {
                    let _ = respond.send((self.pool.len(), self.pool.bytes()));
                }
            }
        }
    }
}
