//! The mempool actor: owns the [`Pool`] and serves its mailbox.
//!
//! Submissions are admitted in batches: when one arrives, every submission already waiting in
//! the mailbox (up to [`MAX_ADMIT_BATCH`]) joins it, and their signatures are verified
//! together, batched and on every core ([`Pool::submit_batch`]). No timer holds a lone
//! submission back: under light load a batch is one transaction, under heavy load the batch
//! grows by itself while the previous one is being verified. Messages keep their order: a
//! non-submission met while collecting is served right after the batch before it.

use super::{ingress::Message, Config, Mailbox, Pool, MAILBOX_SIZE};
use crate::chain::Chain;
use futures::{
    channel::{mpsc, oneshot},
    StreamExt as _,
};
use yuma_primitives::H256;

/// Most submissions admitted in one batch.
pub const MAX_ADMIT_BATCH: usize = 4096;

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
        let mut next = None;
        loop {
            let msg = match next.take() {
                Some(m) => m,
                None => match self.receiver.next().await {
                    Some(m) => m,
                    None => return,
                },
            };
            let Message::Submit { bytes, respond } = msg else {
                self.serve(msg);
                continue;
            };
            let mut batch = vec![bytes];
            let mut responders = vec![respond];
            while batch.len() < MAX_ADMIT_BATCH {
                match self.receiver.try_recv() {
                    Ok(Message::Submit { bytes, respond }) => {
                        batch.push(bytes);
                        responders.push(respond);
                    }
                    Ok(other) => {
                        next = Some(other);
                        break;
                    }
                    // Nothing waiting, or closed (noticed by the next `next()`).
                    Err(_) => break,
                }
            }
            self.admit(batch, responders);
        }
    }

    fn admit(
        &mut self,
        batch: Vec<Vec<u8>>,
        responders: Vec<oneshot::Sender<Result<H256, super::Error>>>,
    ) {
        let (state, hash) = self.chain.finalized_head();
        let results = self.pool.submit_batch(state.as_ref(), hash, batch);
        for (respond, res) in responders.into_iter().zip(results) {
            let _ = respond.send(res);
        }
    }

    fn serve(&mut self, msg: Message) {
        match msg {
            Message::Submit { bytes, respond } => self.admit(vec![bytes], vec![respond]),
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
