//! Property: over random sequences of transfers (valid and invalid), total issuance equals
//! the sum of all balances, and genesis issuance equals issuance plus everything burned.

use crate::util::*;
use proptest::prelude::*;
use yuma_runtime::{balances, system};

#[derive(Clone, Debug)]
struct Tx {
    from: usize,
    to: usize,
    amount: u64,
    kind: u8,
    nonce_skew: i8,
}

fn tx() -> impl Strategy<Value = Tx> {
    (
        0usize..6,
        0usize..7,
        prop_oneof![0u64..2_000, 0u64..5_000_000, any::<u64>()],
        0u8..4,
        prop_oneof![4 => Just(0i8), 1 => -1i8..=1],
    )
        .prop_map(|(from, to, amount, kind, nonce_skew)| Tx {
            from,
            to,
            amount,
            kind,
            nonce_skew,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn issuance_is_conserved(blocks in proptest::collection::vec(proptest::collection::vec(tx(), 0..8), 1..5)) {
        let genesis_balances = [3_000_000u64, 1_000_000, 600_000, 10_000_000_000, 501];
        let genesis_total: u64 = genesis_balances.iter().sum();
        let mut chain = chain_with(&genesis_balances);
        for block in blocks {
            let mut xts = Vec::new();
            let mut nonces = std::collections::BTreeMap::new();
            for t in &block {
                let from = user(t.from);
                let to = user(t.to).public();
                let n = nonces.entry(t.from).or_insert_with(|| {
                    yuma_runtime::query::account(&chain.state, &from.public()).unwrap().nonce
                });
                let nonce = (*n as i64 + t.nonce_skew as i64).max(0) as u32;
                *n += 1;
                let call = match t.kind {
                    0 => transfer(to, t.amount, true),
                    1 => transfer(to, t.amount, false),
                    2 => yuma_primitives::RuntimeCall::Balances(yuma_primitives::call::BalancesCall::TransferAll {
                        dest: yuma_primitives::extrinsic::MultiAddress::Id(to),
                        keep_alive: t.amount % 2 == 0,
                    }),
                    _ => remark(),
                };
                xts.push(chain.sign(from, call, nonce, t.amount % 3));
            }
            chain.apply(xts).unwrap();
            let accounts = system::ACCOUNT.iter(&chain.state).unwrap();
            let sum: u64 = accounts.iter().map(|(_, a)| a.data.free).sum();
            let ti = balances::total_issuance(&chain.state).unwrap();
            let burned = balances::BURNED.get(&chain.state).unwrap().unwrap_or(0);
            // The coinbase mints every block; with no subnet emitting it is all recycled.
            let minted = balances::MINTED.get(&chain.state).unwrap().unwrap_or(0);
            prop_assert_eq!(ti, sum);
            prop_assert_eq!(genesis_total + minted, ti + burned);
            // No live account holds less than the existential deposit.
            for (_, a) in accounts.iter().filter(|(_, a)| a.providers > 0) {
                prop_assert!(a.data.free >= balances::EXISTENTIAL_DEPOSIT);
            }
        }
    }
}
