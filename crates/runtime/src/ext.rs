//! The execution context of one block: staged state, the events so far and the block's
//! environment. Every module's logic takes `&mut Ext`.

use crate::{
    event::{EventRecord, Phase, RuntimeEvent},
    storage::{Overlay, StorageRead},
};
use yuma_primitives::{AccountId, BlockNumber};

/// One block's execution context.
pub struct Ext<'a> {
    /// State with this block's writes staged.
    pub state: Overlay<'a>,
    /// Events deposited so far.
    pub events: Vec<EventRecord>,
    /// The block being built.
    pub block: BlockNumber,
    /// Who receives transaction fees; `None` burns them.
    pub author: Option<AccountId>,
    phase: Phase,
}

impl<'a> Ext<'a> {
    /// A context for block `block` over `base`.
    pub fn new(base: &'a dyn StorageRead, block: BlockNumber, author: Option<AccountId>) -> Self {
        Self {
            state: Overlay::new(base),
            events: Vec::new(),
            block,
            author,
            phase: Phase::Initialization,
        }
    }

    /// Sets the phase recorded with later events.
    pub fn set_phase(&mut self, phase: Phase) {
        self.phase = phase;
    }

    /// Records an event.
    pub fn deposit_event(&mut self, event: impl Into<RuntimeEvent>) {
        self.events.push(EventRecord {
            phase: self.phase,
            event: event.into(),
            topics: Vec::new(),
        });
    }

    /// Runs `f` atomically: on error its state writes and events are undone.
    pub fn transactional<T, E>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, E>,
    ) -> Result<T, E> {
        let mark = self.events.len();
        self.state.start_transaction();
        let r = f(self);
        match r {
            Ok(_) => self.state.commit_transaction(),
            Err(_) => {
                self.state.rollback_transaction();
                self.events.truncate(mark);
            }
        }
        r
    }
}

macro_rules! impl_event_from {
    ($($variant:ident($ty:ty)),* $(,)?) => {$(
        impl From<$ty> for RuntimeEvent {
            fn from(e: $ty) -> Self {
                RuntimeEvent::$variant(e)
            }
        }
    )*};
}

impl_event_from!(
    System(crate::event::SystemEvent),
    Balances(crate::event::BalancesEvent),
    TransactionPayment(crate::event::TransactionPaymentEvent),
    SubtensorModule(crate::subtensor::SubtensorEvent),
    Sudo(crate::event::SudoEvent),
    Swap(crate::event::SwapEvent),
);
