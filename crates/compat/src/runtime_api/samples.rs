//! A sample chain for the runtime APIs: a started subnet with registered neurons, stake from
//! owners and a nominator, weights and epochs. The integration tests check every API against
//! yuma's own queries on it, and the `dump_runtime_api` example writes the APIs' answers on it
//! for the real Python clients to decode (`scripts/compat/check_runtime_api.py`).
//!
//! Test fixture code: a failing setup step panics with what failed.

use parity_scale_codec::Encode;
use std::collections::BTreeMap;
use yuma_primitives::{AccountId, AdminUtilsCall, NetUid, Pair, RuntimeCall, SubtensorCall as C};
use yuma_runtime::{genesis::GenesisConfig, query, MemoryChain, Outcome};

/// One TAO in rao.
pub const TAO: u64 = 1_000_000_000;
/// The sample subnet.
pub const NET: NetUid = NetUid(1);
/// Its tempo.
pub const TEMPO: u16 = 10;

/// The sr25519 pair of a dev URI.
pub fn pair(uri: &str) -> Pair {
    Pair::from_uri(uri).unwrap_or_else(|e| panic!("{uri}: {e:?}"))
}
/// `//Alice`, the sudo key.
pub fn alice() -> Pair {
    pair("//Alice")
}
/// Coldkey `i` (0 owns the subnet).
pub fn cold(i: usize) -> Pair {
    pair(&format!("//user{i}"))
}
/// Hotkey of coldkey `i`.
pub fn hot(i: usize) -> Pair {
    pair(&format!("//user{i}//hot"))
}

fn sub(c: C) -> RuntimeCall {
    RuntimeCall::SubtensorModule(c)
}
fn admin(c: AdminUtilsCall) -> RuntimeCall {
    RuntimeCall::AdminUtils(c)
}

/// Applies one block of `(signer, call)` and asserts each succeeded.
fn ok(chain: &mut MemoryChain, calls: &[(&Pair, RuntimeCall)]) {
    let mut nonces: BTreeMap<AccountId, u32> = BTreeMap::new();
    let xts = calls
        .iter()
        .map(|(p, c)| {
            let who = p.public();
            let n = *nonces
                .entry(who)
                .and_modify(|n| *n += 1)
                .or_insert_with(|| query::account(&chain.state, &who).expect("account").nonce);
            chain.sign(p, c.clone(), n, 0)
        })
        .collect();
    let out = chain.apply(xts).expect("block");
    for (i, r) in out.receipts.iter().enumerate() {
        assert_eq!(r.outcome, Outcome::Success, "call {i}: {:?}", calls[i].1);
    }
}

fn advance(chain: &mut MemoryChain, n: u64) {
    for _ in 0..n {
        chain.apply(Vec::new()).expect("empty block");
    }
}

/// Subnet 1 owned by user 0 (hotkey `hot(0)`), started, tempo 10; users 1–3
/// registered; users 0–2 stake on their own hotkeys, user 3 nominates `hot(1)`; after an
/// epoch the two validators set weights; then two more epochs pass.
pub fn chain() -> MemoryChain {
    let mut g = GenesisConfig::preset("empty").expect("empty preset");
    g.set_balance(alice().public(), 100_000 * TAO);
    for i in 0..4 {
        g.set_balance(cold(i).public(), 100_000 * TAO);
        g.set_balance(hot(i).public(), TAO);
    }
    let mut c = MemoryChain::new(&g).expect("genesis");
    let a = alice();
    ok(
        &mut c,
        &[
            (
                &a,
                admin(AdminUtilsCall::SudoSetNetworkRateLimit { rate_limit: 0 }),
            ),
            (
                &a,
                admin(AdminUtilsCall::SudoSetNetworkMinLockCost {
                    lock_cost: 10 * TAO,
                }),
            ),
            (
                &a,
                admin(AdminUtilsCall::SudoSetAdminFreezeWindow { window: 0 }),
            ),
        ],
    );
    ok(
        &mut c,
        &[(
            &cold(0),
            sub(C::RegisterNetwork {
                hotkey: hot(0).public(),
            }),
        )],
    );
    ok(
        &mut c,
        &[
            (&cold(0), sub(C::StartCall { netuid: NET })),
            (
                &a,
                admin(AdminUtilsCall::SudoSetSubnetEmissionEnabled {
                    netuid: NET,
                    enabled: true,
                }),
            ),
            (
                &a,
                admin(AdminUtilsCall::SudoSetTempo {
                    netuid: NET,
                    tempo: TEMPO,
                }),
            ),
            (
                &a,
                admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                    netuid: NET,
                    weights_set_rate_limit: 0,
                }),
            ),
            (
                &a,
                admin(AdminUtilsCall::SudoSetCommitRevealWeightsEnabled {
                    netuid: NET,
                    enabled: false,
                }),
            ),
        ],
    );
    let regs: Vec<(Pair, RuntimeCall)> = (1..4)
        .map(|i| {
            (
                cold(i),
                sub(C::BurnedRegister {
                    netuid: NET,
                    hotkey: hot(i).public(),
                }),
            )
        })
        .collect();
    ok(
        &mut c,
        &regs.iter().map(|(p, x)| (p, x.clone())).collect::<Vec<_>>(),
    );
    let stake = |i: usize, to: usize, tao: u64| {
        (
            cold(i),
            sub(C::AddStake {
                hotkey: hot(to).public(),
                netuid: NET,
                amount_staked: tao * TAO,
            }),
        )
    };
    // User 3 stakes through `add_stake_limit`, which makes `hot(1)` an explicit delegate.
    let nominate = (
        cold(3),
        sub(C::AddStakeLimit {
            hotkey: hot(1).public(),
            netuid: NET,
            amount_staked: 100 * TAO,
            limit_price: u64::MAX,
            allow_partial: false,
        }),
    );
    let stakes = [
        stake(0, 0, 500),
        stake(1, 1, 300),
        stake(2, 2, 20),
        nominate,
    ];
    ok(
        &mut c,
        &stakes
            .iter()
            .map(|(p, x)| (p, x.clone()))
            .collect::<Vec<_>>(),
    );
    // A first epoch hands out validator permits.
    advance(&mut c, u64::from(TEMPO) + 2);
    let weights = |i: usize| {
        (
            hot(i),
            sub(C::SetWeights {
                netuid: NET,
                dests: vec![2, 3],
                weights: vec![30_000, 10_000],
                version_key: 0,
            }),
        )
    };
    let ws = [weights(0), weights(1)];
    ok(
        &mut c,
        &ws.iter().map(|(p, x)| (p, x.clone())).collect::<Vec<_>>(),
    );
    advance(&mut c, 2 * u64::from(TEMPO) + 2);
    c
}

/// `signed` with its signature zeroed, as clients send an extrinsic to `query_info`.
pub fn zero_signature(signed: &[u8]) -> Vec<u8> {
    let (mut x, _) =
        yuma_primitives::extrinsic::UncheckedExtrinsic::from_bytes(signed).expect("own extrinsic");
    if let Some((_, sig, _)) = x.signature.as_mut() {
        *sig = yuma_primitives::extrinsic::MultiSignature::Sr25519([0; 64]);
    }
    x.to_bytes()
}

/// `query_info`'s arguments for the extrinsic `preview`: its bytes, then its length.
pub fn fee_args(preview: &[u8]) -> Vec<u8> {
    let mut args = preview.to_vec();
    args.extend_from_slice(&(preview.len() as u32).encode());
    args
}

fn transfer_to_cold3() -> RuntimeCall {
    RuntimeCall::Balances(yuma_primitives::BalancesCall::TransferKeepAlive {
        dest: cold(3).public().into(),
        value: yuma_primitives::Balance(TAO),
    })
}

/// A transfer of 1 TAO from `cold(2)` to `cold(3)` as clients send it to `query_info`: signed
/// for the next block of `chain` but with a zero signature.
pub fn fee_preview(chain: &MemoryChain) -> Vec<u8> {
    let nonce = query::account(&chain.state, &cold(2).public())
        .expect("account")
        .nonce;
    zero_signature(&chain.sign(&cold(2), transfer_to_cold3(), nonce, 0))
}

/// One transaction of [`outcome_block`] and how it ended.
pub struct OutcomeSample {
    /// Its wire bytes.
    pub extrinsic: Vec<u8>,
    /// `query_info`'s fee for it before the block (zero signature).
    pub preview_fee: u64,
    /// The fee the block charged.
    pub charged_fee: u64,
    /// `None` on success, else the error name a client should resolve: the extrinsic's
    /// `DispatchError`, or the inner call's for a sudo call whose inner call failed.
    pub error: Option<&'static str>,
}

/// Applies one block to `chain` with a transfer (succeeds), an `add_stake` on a subnet that
/// does not exist (fails with a module error) and a sudo call whose inner call fails (the
/// extrinsic succeeds, `Sudo.Sudid` carries the error); returns each transaction's sample and
/// the block's `System.Events` bytes.
pub fn outcome_block(chain: &mut MemoryChain) -> (Vec<OutcomeSample>, Vec<u8>) {
    use yuma_runtime::event::{RuntimeEvent, SudoEvent};
    let nonce = query::account(&chain.state, &cold(2).public())
        .expect("account")
        .nonce;
    let alice_nonce = query::account(&chain.state, &alice().public())
        .expect("account")
        .nonce;
    let stake_nowhere = sub(C::AddStake {
        hotkey: hot(2).public(),
        netuid: NetUid(99),
        amount_staked: TAO,
    });
    let sudo_fails = RuntimeCall::Sudo(yuma_primitives::SudoCall::Sudo {
        call: Box::new(admin(AdminUtilsCall::SudoSetTempo {
            netuid: NetUid(99),
            tempo: 7,
        })),
    });
    let xts = vec![
        chain.sign(&cold(2), transfer_to_cold3(), nonce, 0),
        chain.sign(&cold(2), stake_nowhere, nonce + 1, 0),
        chain.sign(&alice(), sudo_fails, alice_nonce, 0),
    ];
    let ctx = crate::runtime_api::ApiContext {
        state: &chain.state,
        block_number: chain.best_number(),
    };
    let previews: Vec<u64> = xts
        .iter()
        .map(|x| {
            let out = crate::runtime_api::call(
                &ctx,
                "TransactionPaymentApi_query_info",
                &fee_args(&zero_signature(x)),
            )
            .expect("query_info");
            let info: crate::runtime_api::RuntimeDispatchInfo =
                parity_scale_codec::Decode::decode(&mut &out[..]).expect("RuntimeDispatchInfo");
            info.partial_fee
        })
        .collect();
    let out = chain.apply(xts.clone()).expect("block");
    let samples = out
        .receipts
        .iter()
        .zip(xts)
        .zip(previews)
        .map(|((r, extrinsic), preview_fee)| {
            let nested = out.events[r.events.clone()]
                .iter()
                .find_map(|e| match &e.event {
                    RuntimeEvent::Sudo(SudoEvent::Sudid {
                        sudo_result: Err(err),
                    }) => Some(err.name()),
                    _ => None,
                });
            let error = match &r.outcome {
                Outcome::Success => nested,
                Outcome::Failed(e) => Some(e.name()),
                other => panic!("not included: {other:?}"),
            };
            OutcomeSample {
                extrinsic,
                preview_fee,
                charged_fee: r.fee,
                error,
            }
        })
        .collect();
    let events = yuma_runtime::storage::StorageRead::get(
        &chain.state,
        &yuma_runtime::storage::StorageValue::<()>::new(
            yuma_runtime::system::EVENTS_KEY.0,
            yuma_runtime::system::EVENTS_KEY.1,
        )
        .key(),
    )
    .unwrap_or_default();
    (samples, events)
}

/// Representative calls on [`chain`]: `(Api_method, SCALE arguments)`, one or more per method
/// the clients use.
pub fn calls(chain: &MemoryChain) -> Vec<(&'static str, Vec<u8>)> {
    let (c0, c1, c3) = (cold(0).public(), cold(1).public(), cold(3).public());
    let (h1, h2) = (hot(1).public(), hot(2).public());
    let fee = fee_args(&fee_preview(chain));
    vec![
        ("TransactionPaymentApi_query_info", fee.clone()),
        ("TransactionPaymentApi_query_fee_details", fee),
        ("Core_version", vec![]),
        ("Metadata_metadata_versions", vec![]),
        ("SubnetInfoRuntimeApi_get_all_dynamic_info", vec![]),
        ("SubnetInfoRuntimeApi_get_dynamic_info", 1u16.encode()),
        ("SubnetInfoRuntimeApi_get_metagraph", 1u16.encode()),
        ("SubnetInfoRuntimeApi_get_mechagraph", (1u16, 0u8).encode()),
        ("SubnetInfoRuntimeApi_get_all_metagraphs", vec![]),
        ("SubnetInfoRuntimeApi_get_subnet_state", 1u16.encode()),
        (
            "SubnetInfoRuntimeApi_get_subnet_hyperparams_v3",
            1u16.encode(),
        ),
        (
            "SubnetInfoRuntimeApi_get_subnet_hyperparams_v2",
            1u16.encode(),
        ),
        ("SubnetInfoRuntimeApi_get_subnet_hyperparams", 1u16.encode()),
        ("SubnetInfoRuntimeApi_get_subnet_info_v2", 1u16.encode()),
        ("SubnetInfoRuntimeApi_get_subnets_info", vec![]),
        (
            "SubnetInfoRuntimeApi_get_next_epoch_start_block",
            1u16.encode(),
        ),
        ("SubnetInfoRuntimeApi_get_subnet_to_prune", vec![]),
        (
            "SubnetInfoRuntimeApi_get_selective_metagraph",
            (1u16, vec![0u16, 1, 21, 52, 72, 73]).encode(),
        ),
        ("NeuronInfoRuntimeApi_get_neurons_lite", 1u16.encode()),
        ("NeuronInfoRuntimeApi_get_neurons", 1u16.encode()),
        ("NeuronInfoRuntimeApi_get_neuron", (1u16, 1u16).encode()),
        (
            "NeuronInfoRuntimeApi_get_neuron_lite",
            (1u16, 2u16).encode(),
        ),
        (
            "StakeInfoRuntimeApi_get_stake_info_for_coldkey",
            c3.encode(),
        ),
        (
            "StakeInfoRuntimeApi_get_stake_info_for_coldkeys",
            vec![c0, c1, c3].encode(),
        ),
        (
            "StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid",
            (h1, c3, 1u16).encode(),
        ),
        (
            "StakeInfoRuntimeApi_get_stake_availability_for_coldkeys",
            (vec![c1, c3], None::<Vec<u16>>).encode(),
        ),
        ("StakeInfoRuntimeApi_get_coldkey_lock", (c1, 1u16).encode()),
        (
            "StakeInfoRuntimeApi_get_hotkey_conviction",
            (h2, 1u16).encode(),
        ),
        (
            "StakeInfoRuntimeApi_get_most_convicted_hotkey_on_subnet",
            1u16.encode(),
        ),
        ("DelegateInfoRuntimeApi_get_delegates", vec![]),
        ("DelegateInfoRuntimeApi_get_delegate", h1.encode()),
        ("DelegateInfoRuntimeApi_get_delegated", c3.encode()),
        (
            "SubnetRegistrationRuntimeApi_get_network_registration_cost",
            vec![],
        ),
        ("SwapRuntimeApi_current_alpha_price", 1u16.encode()),
        ("SwapRuntimeApi_current_alpha_price_all", vec![]),
        (
            "SwapRuntimeApi_sim_swap_tao_for_alpha",
            (1u16, 10 * TAO).encode(),
        ),
        (
            "SwapRuntimeApi_sim_swap_alpha_for_tao",
            (1u16, 10 * TAO).encode(),
        ),
    ]
}
