//! `NeuronInfoRuntimeApi` against the neuron queries.

use crate::util::*;
use parity_scale_codec::Compact;
use serde_json::json;
use yuma_compat::runtime_api::{samples::chain, NeuronInfo, NeuronInfoLite};

#[test]
fn neurons_match_the_neuron_queries() {
    let c = chain();
    let lite: Vec<NeuronInfoLite> = call(&c, "NeuronInfoRuntimeApi_get_neurons_lite", 1u16);
    let full: Vec<NeuronInfo> = call(&c, "NeuronInfoRuntimeApi_get_neurons", 1u16);
    let listed = q(&c, "neurons_lite", json!({ "netuid": 1 }));
    let listed = listed.as_array().unwrap();
    assert_eq!(lite.len(), 4);
    assert_eq!(lite.len(), listed.len());
    assert_eq!(full.len(), lite.len());
    let mut any_emission = false;
    for ((l, f), j) in lite.iter().zip(&full).zip(listed) {
        let uid = l.uid.0;
        let one = q(&c, "neuron_info", json!({ "netuid": 1, "uid": uid }));
        assert_eq!(acct(&l.hotkey), j["hotkey"]);
        assert_eq!(acct(&l.coldkey), j["coldkey"]);
        assert_eq!(l.stake, vec![(l.coldkey, Compact(u(&j["stake"])))]);
        assert_eq!(l.emission.0, u(&j["emission"]));
        assert_eq!(u64::from(l.incentive.0), u(&j["incentive"]));
        assert_eq!(u64::from(l.consensus.0), u(&j["consensus"]));
        assert_eq!(u64::from(l.dividends.0), u(&j["dividends"]));
        assert_eq!(u64::from(l.validator_trust.0), u(&j["validator_trust"]));
        assert_eq!(l.last_update.0, u(&j["last_update"]));
        assert_eq!(l.active, j["active"].as_bool().unwrap());
        assert_eq!(l.validator_permit, j["validator_permit"].as_bool().unwrap());
        assert_eq!(l.axon_info.port as u64, u(&j["axon_info"]["port"]));
        assert_eq!((l.rank.0, l.trust.0, l.pruning_score.0), (0, 0, u16::MAX));
        let w: Vec<(u16, u16)> = f.weights.iter().map(|(a, b)| (a.0, b.0)).collect();
        assert_eq!(serde_json::to_value(&w).unwrap(), one["weights"]);
        let b: Vec<(u16, u16)> = f.bonds.iter().map(|(a, b)| (a.0, b.0)).collect();
        assert_eq!(serde_json::to_value(&b).unwrap(), one["bonds"]);
        assert_eq!(&NeuronInfoLite::from(f.clone()), l);
        let single: Option<NeuronInfo> = call(&c, "NeuronInfoRuntimeApi_get_neuron", (1u16, uid));
        assert_eq!(single.as_ref(), Some(f));
        let single: Option<NeuronInfoLite> =
            call(&c, "NeuronInfoRuntimeApi_get_neuron_lite", (1u16, uid));
        assert_eq!(single.as_ref(), Some(l));
        any_emission |= l.emission.0 > 0;
    }
    assert!(any_emission, "an epoch ran");
    // The validators' weight rows are on chain.
    assert_eq!(full[1].weights.len(), 2);
    let none: Option<NeuronInfo> = call(&c, "NeuronInfoRuntimeApi_get_neuron", (1u16, 99u16));
    assert!(none.is_none());
    let empty: Vec<NeuronInfoLite> = call(&c, "NeuronInfoRuntimeApi_get_neurons_lite", 7u16);
    assert!(empty.is_empty());
}
