//! Values the runtime really writes, for checking that clients decode them with the metadata
//! (`tests.rs` here, `scripts/compat/check_clients.py` through the `dump_compat` example).

use yuma_primitives::{
    hashing::storage_prefix, AccountId, Balance, BalancesCall, NetUid, RuntimeCall, SubtensorCall,
    SudoCall,
};
use yuma_runtime::{
    genesis::dev_account, storage::StorageRead, system, GenesisConfig, MemoryChain,
};

/// Raw state values after one block of the dev chain.
pub struct Samples {
    /// `Balances.transfer_keep_alive(Bob, 1 TAO)` as yuma encodes it.
    pub transfer_call: Vec<u8>,
    /// `System.Account` key of Alice.
    pub alice_account_key: Vec<u8>,
    /// `System.Account` value of Alice after the block.
    pub alice_account: Vec<u8>,
    /// `System.Events` after a block with a transfer, a failing `add_stake`, a subnet
    /// registration and three root parameter changes through `Sudo.sudo`.
    pub events: Vec<u8>,
    /// The extrinsics of that block.
    pub extrinsics: Vec<Vec<u8>>,
    /// Every `(key, value)` of the state after the block.
    pub state: Vec<(Vec<u8>, Vec<u8>)>,
}

/// Builds the dev chain and applies one block: Alice transfers 1 TAO to Bob (success), Alice
/// stakes on a subnet that does not exist (module error), Bob registers a subnet (subtensor
/// events including `<Name>Set` ones), and Alice, the sudo key, sets the three childkey-take
/// parameters through `Sudo.sudo` (the root-only `<Name>Set` events); then Bob starts the
/// subnet and Alice stakes 10 TAO on its owner hotkey (stake pools, swap reserves).
pub fn samples() -> Samples {
    let genesis = GenesisConfig::preset("dev").unwrap_or_else(|e| panic!("dev preset: {e}"));
    let mut chain = MemoryChain::new(&genesis).unwrap_or_else(|e| panic!("dev genesis: {e}"));
    let alice = yuma_primitives::Pair::from_uri("//Alice").unwrap_or_else(|_| unreachable!());
    let bob_pair = yuma_primitives::Pair::from_uri("//Bob").unwrap_or_else(|_| unreachable!());
    let bob = dev_account("Bob");
    let transfer = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
        dest: bob.into(),
        value: Balance(1_000_000_000),
    });
    let stake = RuntimeCall::SubtensorModule(SubtensorCall::AddStake {
        hotkey: bob,
        netuid: NetUid(99),
        amount_staked: 1_000_000_000,
    });
    let register = RuntimeCall::SubtensorModule(SubtensorCall::RegisterNetwork {
        hotkey: AccountId([9; 32]),
    });
    let sudo = |call: SubtensorCall| {
        RuntimeCall::Sudo(SudoCall::Sudo {
            call: Box::new(RuntimeCall::SubtensorModule(call)),
        })
    };
    let extrinsics = vec![
        chain.sign(&alice, transfer.clone(), 0, 0),
        chain.sign(&alice, stake, 1, 0),
        chain.sign(&bob_pair, register, 0, 0),
        chain.sign(
            &alice,
            sudo(SubtensorCall::SudoSetTxChildkeyTakeRateLimit { tx_rate_limit: 7 }),
            2,
            0,
        ),
        chain.sign(
            &alice,
            sudo(SubtensorCall::SudoSetMinChildkeyTake { take: 1 }),
            3,
            0,
        ),
        chain.sign(
            &alice,
            sudo(SubtensorCall::SudoSetMaxChildkeyTake { take: 9_000 }),
            4,
            0,
        ),
        chain.sign(
            &bob_pair,
            RuntimeCall::SubtensorModule(SubtensorCall::StartCall { netuid: NetUid(1) }),
            1,
            0,
        ),
        chain.sign(
            &alice,
            RuntimeCall::SubtensorModule(SubtensorCall::AddStake {
                hotkey: AccountId([9; 32]),
                netuid: NetUid(1),
                amount_staked: 10_000_000_000,
            }),
            5,
            0,
        ),
    ];
    chain
        .apply(extrinsics.clone())
        .unwrap_or_else(|e| panic!("sample block: {e}"));
    let events_key = storage_prefix(system::EVENTS_KEY.0, system::EVENTS_KEY.1);
    let alice_account_key = system::ACCOUNT.key(&alice.public());
    Samples {
        transfer_call: parity_scale_codec::Encode::encode(&transfer),
        alice_account: chain.state.get(&alice_account_key).unwrap_or_default(),
        alice_account_key,
        events: chain.state.get(&events_key).unwrap_or_default(),
        extrinsics,
        state: chain.state.iter_prefix(&[]),
    }
}
