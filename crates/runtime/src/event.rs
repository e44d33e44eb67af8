//! Runtime events with Substrate's and subtensor's pallet and variant indices, stored as
//! `System.Events` (a `Vec<EventRecord>`) and rendered as JSON for scenarios and RPC.

use crate::{dispatch::DispatchError, subtensor::SubtensorEvent};
use parity_scale_codec::{Compact, Encode};
use serde_json::{json, Value};
use yuma_primitives::{AccountId, NetUid, H256};

/// When in the block an event happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode)]
pub enum Phase {
    /// While applying the extrinsic with this index.
    ApplyExtrinsic(u32),
    /// After the last extrinsic.
    Finalization,
    /// Before the first extrinsic (coinbase, epochs).
    Initialization,
}

/// `frame_system::EventRecord`.
#[derive(Clone, Debug, PartialEq, Eq, Encode)]
pub struct EventRecord {
    /// When.
    pub phase: Phase,
    /// What.
    pub event: RuntimeEvent,
    /// Topics (unused, always empty).
    pub topics: Vec<H256>,
}

/// `sp_weights::Weight`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode)]
pub struct Weight {
    /// Computation time, picoseconds.
    #[codec(compact)]
    pub ref_time: u64,
    /// Proof size, bytes.
    #[codec(compact)]
    pub proof_size: u64,
}

/// `frame_support::dispatch::DispatchClass`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode)]
pub enum DispatchClass {
    /// Ordinary transactions.
    Normal,
    /// Operational transactions.
    Operational,
    /// Inherents.
    Mandatory,
}

/// `frame_support::dispatch::Pays`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode)]
pub enum Pays {
    /// The signer pays the fee.
    Yes,
    /// The call is fee-free (only the tip is paid).
    No,
}

/// `frame_system::DispatchEventInfo`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode)]
pub struct DispatchInfo {
    /// Weight.
    pub weight: Weight,
    /// Class.
    pub class: DispatchClass,
    /// Fee-paying or not.
    pub pays_fee: Pays,
}

/// Every event of the runtime, by pallet.
#[derive(Clone, Debug, PartialEq, Eq, Encode, scale_info::TypeInfo)]
pub enum RuntimeEvent {
    /// `frame_system` (pallet 0).
    #[codec(index = 0)]
    System(SystemEvent),
    /// `pallet_balances` (pallet 5).
    #[codec(index = 5)]
    Balances(BalancesEvent),
    /// `pallet_transaction_payment` (pallet 6).
    #[codec(index = 6)]
    TransactionPayment(TransactionPaymentEvent),
    /// `pallet_subtensor` (pallet 7).
    #[codec(index = 7)]
    SubtensorModule(SubtensorEvent),
    /// `pallet_sudo` (pallet 12).
    #[codec(index = 12)]
    Sudo(SudoEvent),
    /// `pallet_subtensor_swap` (pallet 28).
    #[codec(index = 28)]
    Swap(SwapEvent),
}

/// Events of `pallet_subtensor_swap`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, scale_info::TypeInfo)]
pub enum SwapEvent {
    /// A subnet's swap fee rate was set.
    #[codec(index = 0)]
    FeeRateSet {
        /// Subnet.
        netuid: NetUid,
        /// Fee, parts of 65 535.
        rate: u16,
    },
}

/// Events of `pallet_sudo`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, scale_info::TypeInfo)]
pub enum SudoEvent {
    /// A root call was made by the sudo key.
    #[codec(index = 0)]
    Sudid {
        /// The call's result.
        sudo_result: Result<(), DispatchError>,
    },
}

/// Events of `frame_system`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, scale_info::TypeInfo)]
pub enum SystemEvent {
    /// An extrinsic completed successfully.
    #[codec(index = 0)]
    ExtrinsicSuccess {
        /// Its dispatch info.
        dispatch_info: DispatchInfo,
    },
    /// An extrinsic failed (its fee was still paid).
    #[codec(index = 1)]
    ExtrinsicFailed {
        /// Why.
        dispatch_error: DispatchError,
        /// Its dispatch info.
        dispatch_info: DispatchInfo,
    },
    /// A new account was created.
    #[codec(index = 3)]
    NewAccount {
        /// The account.
        account: AccountId,
    },
    /// An account was reaped.
    #[codec(index = 4)]
    KilledAccount {
        /// The account.
        account: AccountId,
    },
    /// On-chain remark happened.
    #[codec(index = 5)]
    Remarked {
        /// Who.
        sender: AccountId,
        /// blake2-256 of the remark.
        hash: H256,
    },
}

/// Events of `pallet_balances` (polkadot-sdk indices).
#[derive(Clone, Debug, PartialEq, Eq, Encode, scale_info::TypeInfo)]
pub enum BalancesEvent {
    /// An account was created with some free balance.
    #[codec(index = 0)]
    Endowed {
        /// The account.
        account: AccountId,
        /// Its first balance.
        free_balance: u64,
    },
    /// A reaped account's remaining balance, below the existential deposit, was burned.
    #[codec(index = 1)]
    DustLost {
        /// The account.
        account: AccountId,
        /// Rao burned.
        amount: u64,
    },
    /// Transfer succeeded.
    #[codec(index = 2)]
    Transfer {
        /// Sender.
        from: AccountId,
        /// Recipient.
        to: AccountId,
        /// Rao.
        amount: u64,
    },
    /// A balance was set by Root (`force_set_balance`).
    #[codec(index = 3)]
    BalanceSet {
        /// The account.
        who: AccountId,
        /// Its new free balance.
        free: u64,
    },
    /// Some amount was deposited (e.g. a fee to the block author).
    #[codec(index = 7)]
    Deposit {
        /// Who.
        who: AccountId,
        /// Rao.
        amount: u64,
    },
    /// Some amount was withdrawn (e.g. a transaction fee).
    #[codec(index = 8)]
    Withdraw {
        /// Who.
        who: AccountId,
        /// Rao.
        amount: u64,
    },
    /// Some amount was minted into an account.
    #[codec(index = 10)]
    Minted {
        /// Who.
        who: AccountId,
        /// Rao.
        amount: u64,
    },
    /// Some amount was burned from an account.
    #[codec(index = 11)]
    Burned {
        /// Who.
        who: AccountId,
        /// Rao.
        amount: u64,
    },
    /// Total issuance was decreased by an amount nobody holds any more (a burned fee).
    #[codec(index = 16)]
    Rescinded {
        /// Rao.
        amount: u64,
    },
}

/// Events of `pallet_transaction_payment`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, scale_info::TypeInfo)]
pub enum TransactionPaymentEvent {
    /// A transaction fee `actual_fee`, of which `tip` was added to the minimum fee, was paid.
    #[codec(index = 0)]
    TransactionFeePaid {
        /// Payer.
        who: AccountId,
        /// Rao in total.
        actual_fee: u64,
        /// Rao of tip.
        tip: u64,
    },
}

fn info_json(i: &DispatchInfo) -> Value {
    json!({
        "weight": {"ref_time": i.weight.ref_time, "proof_size": i.weight.proof_size},
        "class": format!("{:?}", i.class),
        "pays_fee": format!("{:?}", i.pays_fee),
    })
}

impl RuntimeEvent {
    /// `(pallet, variant)` names.
    pub fn name(&self) -> (&'static str, &'static str) {
        match self {
            Self::System(e) => (
                "System",
                match e {
                    SystemEvent::ExtrinsicSuccess { .. } => "ExtrinsicSuccess",
                    SystemEvent::ExtrinsicFailed { .. } => "ExtrinsicFailed",
                    SystemEvent::NewAccount { .. } => "NewAccount",
                    SystemEvent::KilledAccount { .. } => "KilledAccount",
                    SystemEvent::Remarked { .. } => "Remarked",
                },
            ),
            Self::Balances(e) => (
                "Balances",
                match e {
                    BalancesEvent::Endowed { .. } => "Endowed",
                    BalancesEvent::DustLost { .. } => "DustLost",
                    BalancesEvent::Transfer { .. } => "Transfer",
                    BalancesEvent::BalanceSet { .. } => "BalanceSet",
                    BalancesEvent::Deposit { .. } => "Deposit",
                    BalancesEvent::Withdraw { .. } => "Withdraw",
                    BalancesEvent::Minted { .. } => "Minted",
                    BalancesEvent::Burned { .. } => "Burned",
                    BalancesEvent::Rescinded { .. } => "Rescinded",
                },
            ),
            Self::TransactionPayment(_) => ("TransactionPayment", "TransactionFeePaid"),
            Self::SubtensorModule(e) => ("SubtensorModule", e.name()),
            Self::Sudo(_) => ("Sudo", "Sudid"),
            Self::Swap(SwapEvent::FeeRateSet { .. }) => ("Swap", "FeeRateSet"),
        }
    }

    /// `{"pallet": …, "name": …, …fields}` with accounts as SS58 and amounts in rao.
    pub fn to_json(&self) -> Value {
        let (pallet, name) = self.name();
        let mut fields = match self {
            Self::System(e) => match e {
                SystemEvent::ExtrinsicSuccess { dispatch_info } => {
                    json!({"dispatch_info": info_json(dispatch_info)})
                }
                SystemEvent::ExtrinsicFailed {
                    dispatch_error,
                    dispatch_info,
                } => json!({
                    "dispatch_error": dispatch_error.name(),
                    "dispatch_info": info_json(dispatch_info),
                }),
                SystemEvent::NewAccount { account } | SystemEvent::KilledAccount { account } => {
                    json!({"account": account})
                }
                SystemEvent::Remarked { sender, hash } => json!({"sender": sender, "hash": hash}),
            },
            Self::Balances(e) => match e {
                BalancesEvent::Endowed {
                    account,
                    free_balance,
                } => {
                    json!({"account": account, "free_balance": free_balance})
                }
                BalancesEvent::DustLost { account, amount } => {
                    json!({"account": account, "amount": amount})
                }
                BalancesEvent::Transfer { from, to, amount } => {
                    json!({"from": from, "to": to, "amount": amount})
                }
                BalancesEvent::Deposit { who, amount }
                | BalancesEvent::Withdraw { who, amount }
                | BalancesEvent::Minted { who, amount }
                | BalancesEvent::Burned { who, amount } => json!({"who": who, "amount": amount}),
                BalancesEvent::Rescinded { amount } => json!({"amount": amount}),
                BalancesEvent::BalanceSet { who, free } => json!({"who": who, "free": free}),
            },
            Self::TransactionPayment(TransactionPaymentEvent::TransactionFeePaid {
                who,
                actual_fee,
                tip,
            }) => json!({"who": who, "actual_fee": actual_fee, "tip": tip}),
            Self::SubtensorModule(e) => e.fields_json(),
            Self::Sudo(SudoEvent::Sudid { sudo_result }) => match sudo_result {
                Ok(()) => json!({"sudo_result": "Ok"}),
                Err(e) => json!({"sudo_result": e.name()}),
            },
            Self::Swap(SwapEvent::FeeRateSet { netuid, rate }) => {
                json!({"netuid": netuid.0, "rate": rate})
            }
        };
        if let Value::Object(m) = &mut fields {
            m.insert("pallet".into(), pallet.into());
            m.insert("name".into(), name.into());
        }
        fields
    }
}

/// Encodes `Compact(len) ‖ records`, the value of `System.Events`.
pub fn encode_events(records: &[EventRecord]) -> Vec<u8> {
    let mut out = Compact(records.len() as u32).encode();
    for r in records {
        r.encode_to(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfer_event_bytes() {
        let e = RuntimeEvent::Balances(BalancesEvent::Transfer {
            from: AccountId([1; 32]),
            to: AccountId([2; 32]),
            amount: 5,
        });
        let b = e.encode();
        assert_eq!(&b[..2], &[5, 2]);
        assert_eq!(b.len(), 2 + 32 + 32 + 8);
        assert_eq!(e.to_json()["name"], "Transfer");
    }
}
