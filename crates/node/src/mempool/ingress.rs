//! Messages to the mempool and the mailbox that sends them.

use super::Error;
use crate::view::StateView;
use futures::{
    channel::{mpsc, oneshot},
    SinkExt as _,
};
use std::sync::Arc;
use yuma_primitives::{AccountId, H256};

/// A request to the mempool actor.
pub enum Message {
    /// Admit a transaction (validated against the finalized state).
    Submit {
        /// Its bytes.
        bytes: Vec<u8>,
        /// The hash, or why not.
        respond: oneshot::Sender<Result<H256, Error>>,
    },
    /// Transactions for a block built on `state`.
    Ready {
        /// The parent's state.
        state: Arc<StateView>,
        /// The chosen transactions.
        respond: oneshot::Sender<Vec<Vec<u8>>>,
    },
    /// A block was finalized with `state` after it.
    Finalized {
        /// The state after it.
        state: Arc<StateView>,
    },
    /// A proposer found these invalid: drop them.
    Reject {
        /// Their hashes.
        hashes: Vec<H256>,
    },
    /// The next nonce of an account, counting its pooled run.
    NextNonce {
        /// The account.
        who: AccountId,
        /// The nonce.
        respond: oneshot::Sender<Result<u32, Error>>,
    },
    /// Whether a transaction is pooled.
    Contains {
        /// Its hash.
        hash: H256,
        /// Whether.
        respond: oneshot::Sender<bool>,
    },
    /// Pooled count and bytes.
    Status {
        /// `(count, bytes)`.
        respond: oneshot::Sender<(usize, usize)>,
    },
}

/// Sends [`Message`]s to the mempool.
#[derive(Clone)]
pub struct Mailbox {
    sender: mpsc::Sender<Message>,
}

impl Mailbox {
    pub(super) fn new(sender: mpsc::Sender<Message>) -> Self {
        Self { sender }
    }

    /// Submits a transaction.
    pub async fn submit(&mut self, bytes: Vec<u8>) -> Result<H256, Error> {
        let (tx, rx) = oneshot::channel();
        self.sender
            .send(Message::Submit { bytes, respond: tx })
            .await
            .map_err(|_| Error::Stopped)?;
        rx.await.map_err(|_| Error::Stopped)?
    }

    /// Transactions for a block on `state` (empty if the mempool stopped).
    pub async fn ready(&mut self, state: Arc<StateView>) -> Vec<Vec<u8>> {
        let (tx, rx) = oneshot::channel();
        if self
            .sender
            .send(Message::Ready { state, respond: tx })
            .await
            .is_err()
        {
            return Vec::new();
        }
        rx.await.unwrap_or_default()
    }

    /// Reports a finalized state.
    pub async fn finalized(&mut self, state: Arc<StateView>) {
        let _ = self.sender.send(Message::Finalized { state }).await;
    }

    /// Drops transactions found invalid.
    pub async fn reject(&mut self, hashes: Vec<H256>) {
        let _ = self.sender.send(Message::Reject { hashes }).await;
    }

    /// `who`'s next nonce: the finalized state's, advanced past its pooled run.
    pub async fn next_nonce(&mut self, who: AccountId) -> Result<u32, Error> {
        let (tx, rx) = oneshot::channel();
        self.sender
            .send(Message::NextNonce { who, respond: tx })
            .await
            .map_err(|_| Error::Stopped)?;
        rx.await.map_err(|_| Error::Stopped)?
    }

    /// Whether `hash` is pooled.
    pub async fn contains(&mut self, hash: H256) -> Result<bool, Error> {
        let (tx, rx) = oneshot::channel();
        self.sender
            .send(Message::Contains { hash, respond: tx })
            .await
            .map_err(|_| Error::Stopped)?;
        rx.await.map_err(|_| Error::Stopped)
    }

    /// `(count, bytes)` pooled.
    pub async fn status(&mut self) -> Result<(usize, usize), Error> {
        let (tx, rx) = oneshot::channel();
        self.sender
            .send(Message::Status { respond: tx })
            .await
            .map_err(|_| Error::Stopped)?;
        rx.await.map_err(|_| Error::Stopped)
    }
}
