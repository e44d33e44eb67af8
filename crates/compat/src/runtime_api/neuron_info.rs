//! `NeuronInfoRuntimeApi` (spec-subnets §9.2): one neuron or all of a subnet, with or without
//! weights and bonds, from yuma's `neuron_info` view.

use super::{
    common::{self, AxonInfo, PrometheusInfo},
    method, Api, ApiContext, ApiResult,
};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::TypeInfo;
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::subnets::info;

/// `NeuronInfo<AccountId32>`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct NeuronInfo {
    pub hotkey: AccountId,
    pub coldkey: AccountId,
    pub uid: Compact<u16>,
    pub netuid: Compact<u16>,
    pub active: bool,
    pub axon_info: AxonInfo,
    pub prometheus_info: PrometheusInfo,
    pub stake: Vec<(AccountId, Compact<u64>)>,
    pub rank: Compact<u16>,
    pub emission: Compact<u64>,
    pub incentive: Compact<u16>,
    pub consensus: Compact<u16>,
    pub trust: Compact<u16>,
    pub validator_trust: Compact<u16>,
    pub dividends: Compact<u16>,
    pub last_update: Compact<u64>,
    pub validator_permit: bool,
    pub weights: Vec<(Compact<u16>, Compact<u16>)>,
    pub bonds: Vec<(Compact<u16>, Compact<u16>)>,
    pub pruning_score: Compact<u16>,
}

/// `NeuronInfoLite<AccountId32>`: `NeuronInfo` without weights and bonds.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct NeuronInfoLite {
    pub hotkey: AccountId,
    pub coldkey: AccountId,
    pub uid: Compact<u16>,
    pub netuid: Compact<u16>,
    pub active: bool,
    pub axon_info: AxonInfo,
    pub prometheus_info: PrometheusInfo,
    pub stake: Vec<(AccountId, Compact<u64>)>,
    pub rank: Compact<u16>,
    pub emission: Compact<u64>,
    pub incentive: Compact<u16>,
    pub consensus: Compact<u16>,
    pub trust: Compact<u16>,
    pub validator_trust: Compact<u16>,
    pub dividends: Compact<u16>,
    pub last_update: Compact<u64>,
    pub validator_permit: bool,
    pub pruning_score: Compact<u16>,
}

fn pairs(v: &[(u16, u16)]) -> Vec<(Compact<u16>, Compact<u16>)> {
    v.iter().map(|&(a, b)| (Compact(a), Compact(b))).collect()
}

impl From<info::NeuronInfo> for NeuronInfo {
    fn from(i: info::NeuronInfo) -> Self {
        let coldkey = i.coldkey.unwrap_or_default();
        Self {
            hotkey: i.hotkey,
            coldkey,
            uid: Compact(i.uid),
            netuid: Compact(i.netuid),
            active: i.active,
            axon_info: i.axon_info.into(),
            prometheus_info: i.prometheus_info.into(),
            // One entry: the owner coldkey with the hotkey's whole alpha on the subnet.
            stake: vec![(coldkey, Compact(i.stake))],
            rank: Compact(i.rank),
            emission: Compact(i.emission),
            incentive: Compact(i.incentive),
            consensus: Compact(i.consensus),
            trust: Compact(i.trust),
            validator_trust: Compact(i.validator_trust),
            dividends: Compact(i.dividends),
            last_update: Compact(i.last_update),
            validator_permit: i.validator_permit,
            weights: pairs(&i.weights),
            bonds: pairs(&i.bonds),
            pruning_score: Compact(i.pruning_score),
        }
    }
}

impl From<NeuronInfo> for NeuronInfoLite {
    fn from(i: NeuronInfo) -> Self {
        Self {
            hotkey: i.hotkey,
            coldkey: i.coldkey,
            uid: i.uid,
            netuid: i.netuid,
            active: i.active,
            axon_info: i.axon_info,
            prometheus_info: i.prometheus_info,
            stake: i.stake,
            rank: i.rank,
            emission: i.emission,
            incentive: i.incentive,
            consensus: i.consensus,
            trust: i.trust,
            validator_trust: i.validator_trust,
            dividends: i.dividends,
            last_update: i.last_update,
            validator_permit: i.validator_permit,
            pruning_score: i.pruning_score,
        }
    }
}

fn get_neuron(ctx: &ApiContext<'_>, netuid: u16, uid: u16) -> ApiResult<Option<NeuronInfo>> {
    let n = NetUid(netuid);
    if !common::exists(ctx, n)? {
        return Ok(None);
    }
    Ok(info::neuron_info(ctx.state, n, uid)?.map(Into::into))
}

/// Uids 0..N, stopping at the first without a hotkey.
fn get_neurons(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<Vec<NeuronInfo>> {
    let n = NetUid(netuid);
    if !common::exists(ctx, n)? {
        return Ok(Vec::new());
    }
    let count = yuma_runtime::subtensor::storage::SUBNETWORK_N
        .get(ctx.state, &n)?
        .unwrap_or(0);
    let mut out = Vec::new();
    for uid in 0..count {
        match info::neuron_info(ctx.state, n, uid)? {
            Some(i) => out.push(i.into()),
            None => break,
        }
    }
    Ok(out)
}

fn get_neuron_lite(
    ctx: &ApiContext<'_>,
    netuid: u16,
    uid: u16,
) -> ApiResult<Option<NeuronInfoLite>> {
    Ok(get_neuron(ctx, netuid, uid)?.map(Into::into))
}

fn get_neurons_lite(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<Vec<NeuronInfoLite>> {
    let n = NetUid(netuid);
    if !common::exists(ctx, n)? {
        return Ok(Vec::new());
    }
    Ok(info::neurons_lite(ctx.state, n)?
        .into_iter()
        .map(|i| NeuronInfoLite::from(NeuronInfo::from(i)))
        .collect())
}

/// `NeuronInfoRuntimeApi`.
pub(super) const API: Api = Api {
    version: 1,
    name: "NeuronInfoRuntimeApi",
    docs: "Neurons of a subnet (pallet_subtensor).",
    methods: &[
        method!("get_neurons"(netuid: u16) -> Vec<NeuronInfo> = get_neurons),
        method!("get_neuron"(netuid: u16, uid: u16) -> Option<NeuronInfo> = get_neuron),
        method!("get_neurons_lite"(netuid: u16) -> Vec<NeuronInfoLite> = get_neurons_lite),
        method!("get_neuron_lite"(netuid: u16, uid: u16) -> Option<NeuronInfoLite> = get_neuron_lite),
    ],
};
