#!/usr/bin/env python3
"""Offline check that the unmodified Bittensor clients decode yuma's runtime-API answers.

Reads what `cargo run -p yuma-compat --example dump_runtime_api -- DIR` wrote (the V15 metadata
and, for each sample call on the sample chain, its SCALE arguments and result), then with the
client's own codec and nothing but that metadata:
  - encodes each call's arguments from plain Python values and compares them with yuma's bytes
    (so the declared input types are what clients send);
  - decodes each result with the declared output type, consuming every byte;
  - reads the fields clients use by name and checks a few figures of the sample chain.

Run it with the interpreter of the client's virtualenv:
  /work/venv-btcli/bin/python scripts/compat/check_runtime_api.py DIR   # bittensor-cli 9.23.2
  /work/venv-bt11/bin/python  scripts/compat/check_runtime_api.py DIR   # bittensor 11.3.0
It detects the client stack and exits non-zero on the first mismatch.
"""

import json
import sys
from pathlib import Path

TAO = 1_000_000_000


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)
    print(f"ok: {msg}")


# The fee queries' arguments are not encoded from the metadata by either client: both send the
# zero-signature extrinsic's own bytes (length prefix included) followed by that length as a
# little-endian u32. The script checks yuma's sample has exactly that shape.
RAW_ARGS = {"TransactionPaymentApi_query_info", "TransactionPaymentApi_query_fee_details"}


def raw_fee_args(row):
    args = bytes.fromhex(row["args"][2:])
    xt, length = args[:-4], int.from_bytes(args[-4:], "little")
    check(length == len(xt), f"{row['method']}: extrinsic bytes then their length, as clients send")
    return "0x" + xt.hex()


def params_of(method, keys):
    """Plain Python arguments of each sample call (the order of `samples::calls`)."""
    c, h = keys["cold"], keys["hot"]
    return {
        "SubnetInfoRuntimeApi_get_dynamic_info": [1],
        "SubnetInfoRuntimeApi_get_metagraph": [1],
        "SubnetInfoRuntimeApi_get_mechagraph": [1, 0],
        "SubnetInfoRuntimeApi_get_subnet_state": [1],
        "SubnetInfoRuntimeApi_get_subnet_hyperparams_v3": [1],
        "SubnetInfoRuntimeApi_get_subnet_hyperparams_v2": [1],
        "SubnetInfoRuntimeApi_get_subnet_hyperparams": [1],
        "SubnetInfoRuntimeApi_get_subnet_info_v2": [1],
        "SubnetInfoRuntimeApi_get_next_epoch_start_block": [1],
        "SubnetInfoRuntimeApi_get_selective_metagraph": [1, [0, 1, 21, 52, 72, 73]],
        "NeuronInfoRuntimeApi_get_neurons_lite": [1],
        "NeuronInfoRuntimeApi_get_neurons": [1],
        "NeuronInfoRuntimeApi_get_neuron": [1, 1],
        "NeuronInfoRuntimeApi_get_neuron_lite": [1, 2],
        "StakeInfoRuntimeApi_get_stake_info_for_coldkey": [c[3]],
        "StakeInfoRuntimeApi_get_stake_info_for_coldkeys": [[c[0], c[1], c[3]]],
        "StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid": [h[1], c[3], 1],
        "StakeInfoRuntimeApi_get_stake_availability_for_coldkeys": [[c[1], c[3]], None],
        "StakeInfoRuntimeApi_get_coldkey_lock": [c[1], 1],
        "StakeInfoRuntimeApi_get_hotkey_conviction": [h[2], 1],
        "StakeInfoRuntimeApi_get_most_convicted_hotkey_on_subnet": [1],
        "DelegateInfoRuntimeApi_get_delegate": [h[1]],
        "DelegateInfoRuntimeApi_get_delegated": [c[3]],
        "SwapRuntimeApi_current_alpha_price": [1],
        "SwapRuntimeApi_sim_swap_tao_for_alpha": {"netuid": 1, "tao": 10 * TAO},
        "SwapRuntimeApi_sim_swap_alpha_for_tao": {"netuid": 1, "alpha": 10 * TAO},
    }.get(method, [])


def text(v):
    """Bytes as clients see them (list of ints, hex or str) → str."""
    if isinstance(v, str):
        return bytes.fromhex(v[2:]).decode() if v.startswith("0x") else v
    return bytes(v).decode()


def figures(results, keys, tag):
    """Field-by-name reads clients do, on the sample chain."""
    c, h = keys["cold"], keys["hot"]
    dyn = results["SubnetInfoRuntimeApi_get_dynamic_info"]
    check(dyn["netuid"] == 1 and text(dyn["subnet_name"]) == "apex", f"{tag}: DynamicInfo netuid 1 named apex")
    check(dyn["owner_coldkey"] == c[0] and dyn["owner_hotkey"] == h[0], f"{tag}: DynamicInfo owner keys as SS58")
    check(isinstance(dyn["moving_price"], dict) and "bits" in dyn["moving_price"], f"{tag}: moving_price has bits")
    alld = results["SubnetInfoRuntimeApi_get_all_dynamic_info"]
    check(len(alld) == 2 and alld[0]["netuid"] == 0, f"{tag}: get_all_dynamic_info lists root first")
    prices = results["SwapRuntimeApi_current_alpha_price_all"]
    check([p["netuid"] for p in prices] == [0, 1] and prices[0]["price"] == TAO, f"{tag}: SubnetPrice list")
    check(results["SwapRuntimeApi_current_alpha_price"] == prices[1]["price"], f"{tag}: current_alpha_price")
    mg = results["SubnetInfoRuntimeApi_get_metagraph"]
    check(mg["hotkeys"] == h and len(mg["alpha_stake"]) == 4, f"{tag}: Metagraph hotkeys and stake columns")
    check(mg["coldkeys"] == c, f"{tag}: Metagraph coldkeys")
    lite = results["NeuronInfoRuntimeApi_get_neurons_lite"]
    check([n["uid"] for n in lite] == [0, 1, 2, 3], f"{tag}: NeuronInfoLite uids")
    check(all(n["stake"][0][0] == n["coldkey"] for n in lite), f"{tag}: NeuronInfoLite stake pairs")
    full = results["NeuronInfoRuntimeApi_get_neurons"]
    check(len(full[1]["weights"]) == 2, f"{tag}: NeuronInfo weights of uid 1")
    si = results["StakeInfoRuntimeApi_get_stake_info_for_coldkey"]
    nominated = [s for s in si if s["hotkey"] == h[1]]
    check(len(nominated) == 1 and nominated[0]["stake"] > 0, f"{tag}: StakeInfo of the nominator on hot(1)")
    one = results["StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid"]
    check(one["stake"] == nominated[0]["stake"], f"{tag}: get_stake_info_for_hotkey_coldkey_netuid")
    avail = results["StakeInfoRuntimeApi_get_stake_availability_for_coldkeys"]
    print(f"   availability: {avail}")
    v3 = results["SubnetInfoRuntimeApi_get_subnet_hyperparams_v3"]
    names = [text(e["name"]) for e in v3]
    check(names[0] == "kappa" and "min_childkey_take" in names, f"{tag}: hyperparams v3 by name")
    tempo = next(e["value"] for e in v3 if text(e["name"]) == "tempo")
    print(f"   tempo entry: {tempo}")
    d = results["DelegateInfoRuntimeApi_get_delegate"]
    check(d["delegate_ss58"] == h[1] and len(d["nominators"]) == 2, f"{tag}: DelegateInfo with two nominators")
    sim = results["SwapRuntimeApi_sim_swap_tao_for_alpha"]
    check(sim["tao_amount"] + sim["tao_fee"] == 10 * TAO and sim["alpha_slippage"] > 0, f"{tag}: SimSwapResult")
    check(results["StakeInfoRuntimeApi_get_coldkey_lock"] is None, f"{tag}: no lock")
    info = results["TransactionPaymentApi_query_info"]
    print(f"   query_info: {info}")
    check(info["partial_fee"] > 0 and "ref_time" in info["weight"], f"{tag}: RuntimeDispatchInfo")
    details = results["TransactionPaymentApi_query_fee_details"]
    incl = details["inclusion_fee"]
    check(
        incl["base_fee"] + incl["len_fee"] + incl["adjusted_weight_fee"] == info["partial_fee"],
        f"{tag}: FeeDetails add up to partial_fee",
    )


def run_btcli(blob, data):
    """async-substrate-interface 2.2.1 + cyscale (bittensor-cli 9.23.2)."""
    from async_substrate_interface.types import Runtime, _decode_v15_metadata
    from async_substrate_interface.utils.decoding import _determine_if_old_runtime_call
    from scalecodec import ScaleBytes
    from scalecodec.base import RuntimeConfigurationObject
    from scalecodec.type_registry import load_type_registry_preset

    rc = RuntimeConfigurationObject(ss58_format=42)
    rc.clear_type_registry()
    rc.update_type_registry(load_type_registry_preset(name="core") or {})
    meta = _decode_v15_metadata(blob, runtime_config=rc)
    rt = Runtime(
        chain="Bittensor",
        metadata=meta,
        type_registry={},
        runtime_config=rc,
        metadata_v15=meta,
        runtime_info={"specVersion": data["spec_version"], "transactionVersion": 1},
        ss58_format=42,
    )
    results = {}
    for row in data["calls"]:
        api, method = row["method"].split("_", 1)
        d = rt.runtime_api_map[api][method]
        if _determine_if_old_runtime_call(d, rt):
            fail(f"btcli: {row['method']} would take the legacy Vec<u8> path")
        params = params_of(row["method"], data["keys"])
        if row["method"] in RAW_ARGS:
            ext = rt.runtime_config.create_scale_object(
                "Extrinsic", data=ScaleBytes(raw_fee_args(row)), metadata=rt.metadata
            )
            ext.decode()
            check(ext.value["call"]["call_function"] == "transfer_keep_alive", "btcli: fee preview decodes")
        enc = b""
        for idx, p in enumerate([] if row["method"] in RAW_ARGS else d["inputs"]):
            value = params[idx] if isinstance(params, list) else params[p["name"]]
            obj = rt.runtime_config.create_scale_object(f"scale_info::{p['ty']}", metadata=rt.metadata)
            enc += bytes(obj.encode(value).data)
        if row["method"] not in RAW_ARGS and "0x" + enc.hex() != row["args"]:
            fail(f"btcli: {row['method']} arguments encode as 0x{enc.hex()}, yuma expects {row['args']}")
        obj = rt.runtime_config.create_scale_object(
            f"scale_info::{d['output']}", data=ScaleBytes(row["result"]), metadata=rt.metadata
        )
        obj.decode(check_remaining=True)
        results[row["method"]] = obj.value
    check(True, f"btcli: {len(results)} calls: arguments encode as yuma decodes them, results decode fully")
    figures(results, data["keys"], "btcli")
    btcli_objects(results, data["keys"])

    # Outcomes (§5.5): async-substrate-interface's receipt helpers over the block's events.
    from async_substrate_interface.utils import receipt as rcpt
    from async_substrate_interface.utils.storage import StorageKey

    key = StorageKey.create_from_storage_function(
        "System", "Events", [], runtime_config=rt.runtime_config, metadata=rt.metadata
    )
    events = rt.runtime_config.create_scale_object(
        key.value_scale_type, data=ScaleBytes(data["events"]), metadata=rt.metadata
    )
    events.decode(check_remaining=True)
    for idx, want in enumerate(data["outcomes"]):
        triggered = [e for e in events.value if e["extrinsic_idx"] == idx]
        fee, has_fee_event = rcpt.extract_total_fee_amount(triggered)
        success, error = False, None
        for e in triggered:
            if rcpt.is_extrinsic_success_event(e):
                success = True
            elif rcpt.is_extrinsic_failure_event(e):
                details = rcpt.extract_failure_details(e)
                module = rcpt.normalize_module_error(details["dispatch_error"])
                error = rt.metadata.get_module_error(
                    module_index=module["module_index"], error_index=module["error_index"]
                ).name
        check(has_fee_event and fee == want["preview_fee"] == want["charged_fee"], f"btcli: extrinsic {idx} fee {fee} = query_info's")
        if idx == 2:
            # This client version reads no wrapper events: a sudo call is a success to it.
            check(success, "btcli: the sudo extrinsic itself succeeds")
        else:
            check((error is None) == success and error == want["error"], f"btcli: extrinsic {idx} outcome {error or 'success'}")


def btcli_objects(results, keys):
    """bittensor-cli's own chain_data classes over the decoded results, as its commands build
    them (`subtensor_interface.py`): a missing or misshapen field raises here."""
    from bittensor_cli.src.bittensor import chain_data as cd

    r = results
    subnets = cd.DynamicInfo.list_from_any(r["SubnetInfoRuntimeApi_get_all_dynamic_info"])
    check([s.netuid for s in subnets] == [0, 1], "btcli: DynamicInfo.list_from_any")
    sn = cd.DynamicInfo.from_any(r["SubnetInfoRuntimeApi_get_dynamic_info"])
    print(f"   subnet 1: name={sn.subnet_name!r} symbol={sn.symbol!r} price={sn.price} tao_in={sn.tao_in}")
    check(sn.subnet_name == "apex" and sn.price.tao > 0, "btcli: DynamicInfo name and price")
    mg = cd.MetagraphInfo.from_any(r["SubnetInfoRuntimeApi_get_metagraph"])
    check(len(mg.hotkeys) == 4 and mg.name == "apex", "btcli: MetagraphInfo.from_any")
    cd.MetagraphInfo.from_any(r["SubnetInfoRuntimeApi_get_mechagraph"])
    check(len(cd.MetagraphInfo.list_from_any(r["SubnetInfoRuntimeApi_get_all_metagraphs"])) == 2, "btcli: MetagraphInfo.list_from_any")
    state = cd.SubnetState.from_any(r["SubnetInfoRuntimeApi_get_subnet_state"])
    check(len(state.hotkeys) == 4, "btcli: SubnetState.from_any")
    hp = cd.SubnetHyperparameters.from_any(r["SubnetInfoRuntimeApi_get_subnet_hyperparams_v3"])
    check(hp["tempo"] == 10 and "burn_increase_mult" in hp, f"btcli: SubnetHyperparameters (burn_increase_mult {hp['burn_increase_mult']})")
    lite = cd.NeuronInfoLite.list_from_any(r["NeuronInfoRuntimeApi_get_neurons_lite"])
    check([n.uid for n in lite] == [0, 1, 2, 3] and lite[1].hotkey == keys["hot"][1], "btcli: NeuronInfoLite.list_from_any")
    n1 = cd.NeuronInfo.from_any(r["NeuronInfoRuntimeApi_get_neuron"])
    check(n1.uid == 1 and len(n1.weights) == 2, "btcli: NeuronInfo.from_any")
    stakes = cd.StakeInfo.list_from_any(r["StakeInfoRuntimeApi_get_stake_info_for_coldkey"])
    check(any(s.hotkey_ss58 == keys["hot"][1] for s in stakes), "btcli: StakeInfo.list_from_any")
    for coldkey, rows in r["StakeInfoRuntimeApi_get_stake_info_for_coldkeys"]:
        cd.StakeInfo.list_from_any(rows)
    check(cd.StakeInfo.from_any(r["StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid"]).stake.rao > 0, "btcli: StakeInfo.from_any")
    # Not checked: `get_delegated` through `DelegateInfo.list_from_any` — bittensor-cli 9.23.2
    # reads `hotkey_ss58` and flat nominator pairs there, which subtensor @14bc6f9f's
    # `(DelegateInfo { delegate_ss58, .. }, (netuid, stake))` entries do not have either; yuma
    # answers subtensor's shape.
    sim = cd.SimSwapResult.from_dict(r["SwapRuntimeApi_sim_swap_tao_for_alpha"], 1)
    check(sim.alpha_amount.rao > 0, f"btcli: SimSwapResult.from_dict ({sim})")


def run_bt11(blob, data):
    """bittensor 11.3.0 on bittensor-core."""
    from bittensor._transport.codec import RuntimeCodec
    from bittensor._transport.runtime_api import (
        _is_legacy_method,
        decode_runtime_api_result,
        encode_runtime_api_params,
    )

    codec = RuntimeCodec(blob, spec_version=data["spec_version"], transaction_version=1, spec_name="yuma")
    results = {}
    for row in data["calls"]:
        api, method = row["method"].split("_", 1)
        if _is_legacy_method(codec, api, method):
            fail(f"bt11: {row['method']} would take the legacy path")
        if row["method"] in RAW_ARGS:
            codec._rt.decode_extrinsic(bytes.fromhex(raw_fee_args(row)[2:]))
        else:
            args = encode_runtime_api_params(codec, api, method, params_of(row["method"], data["keys"]))
        if row["method"] not in RAW_ARGS and "0x" + args != row["args"]:
            fail(f"bt11: {row['method']} arguments encode as 0x{args}, yuma expects {row['args']}")
        results[row["method"]] = decode_runtime_api_result(codec, api, method, bytes.fromhex(row["result"][2:]))
    check(True, f"bt11: {len(results)} calls: arguments encode as yuma decodes them, results decode")
    figures(results, data["keys"], "bt11")

    # The SDK's typed metagraph, built from the decoded answer as `metagraph.fetch` does.
    from bittensor.metagraph import _build

    m = _build(1, results["SubnetInfoRuntimeApi_get_metagraph"], {})
    print(f"   metagraph: {m.name} {m.symbol} tempo {m.tempo} price {m.price} moving {m.moving_price}")
    check(
        m.name == "apex" and len(m.neurons) == 4 and m.neurons[1].hotkey == data["keys"]["hot"][1],
        "bt11: typed Metagraph from get_metagraph",
    )

    # Outcomes (§5.5): the SDK's own resolver over the block's events.
    from bittensor._transport.extrinsics import resolve_outcome
    from bittensor._transport.storage import decode_storage_value

    records = decode_storage_value(codec, codec.storage_entry("System", "Events"), bytes.fromhex(data["events"][2:]))
    for idx, want in enumerate(data["outcomes"]):
        triggered = [r for r in records if r.get("extrinsic_idx") == idx]
        out = resolve_outcome(triggered, codec)
        err = out["error_message"]
        name = err.get("name") if isinstance(err, dict) else err
        print(f"   extrinsic {idx}: {out['is_success']} fee {out['total_fee_amount']} error {err}")
        check(out["total_fee_amount"] == want["preview_fee"] == want["charged_fee"], f"bt11: extrinsic {idx} fee = query_info's")
        check(out["is_success"] == (want["error"] is None) and name == want["error"], f"bt11: extrinsic {idx} outcome {name or 'success'}")


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "target/compat")
    blob = (out / "metadata_v15.scale").read_bytes()
    data = json.loads((out / "runtime_api.json").read_text())
    try:
        import bittensor_core  # noqa: F401

        run_bt11(blob, data)
    except ImportError:
        run_btcli(blob, data)
    print("all checks passed")


if __name__ == "__main__":
    main()
