#!/usr/bin/env python3
"""Offline check that the unmodified Bittensor clients accept yuma's metadata.

Loads the V15 blob written by `cargo run -p yuma-compat --example dump_compat -- DIR` with the
client's own decoder, then with nothing but that metadata:
  - composes `Balances.transfer_keep_alive(Bob, 1 TAO)` and compares it with yuma's encoding;
  - computes the `System.Account` key of Alice and compares it with the runtime's key;
  - decodes Alice's `System.Account` value and the block's `System.Events` as the runtime
    wrote them, and finds the transfer, the fee and the failed call's module error by name.

Run it with the interpreter of the client's virtualenv:
  /work/venv-btcli/bin/python scripts/compat/check_clients.py DIR   # bittensor-cli 9.23.2
  /work/venv-bt11/bin/python  scripts/compat/check_clients.py DIR   # bittensor 11.3.0
It detects the client stack (async-substrate-interface/cyscale, or bittensor-core) and exits
non-zero on the first mismatch.
"""

import json
import sys
from pathlib import Path

ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
BOB = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"


def _twox64(data, seed):
    import xxhash

    return xxhash.xxh64(data, seed=seed).intdigest().to_bytes(8, "little")


def _prefix_hex(pallet, item):
    """twox128(pallet) ‖ twox128(item) as hex, Substrate's storage prefix."""
    out = b""
    for name in (pallet, item):
        out += _twox64(name.encode(), 0) + _twox64(name.encode(), 1)
    return out.hex()


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)
    print(f"ok: {msg}")


def names_of(events, key_module, key_event):
    return [(e[key_module], e[key_event]) for e in events]


def run_btcli(blob, samples):
    """async-substrate-interface 2.2.1 + cyscale (bittensor-cli 9.23.2)."""
    from async_substrate_interface.types import Runtime, _decode_v15_metadata
    from async_substrate_interface.utils.storage import StorageKey
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
        runtime_info={"specVersion": samples["spec_version"], "transactionVersion": 1},
        ss58_format=42,
    )
    check(rt.implements_scaleinfo, "btcli: runtime loaded with a portable registry")

    call = rt.runtime_config.create_scale_object(type_string="Call", metadata=rt.metadata)
    call.encode(
        {
            "call_module": "Balances",
            "call_function": "transfer_keep_alive",
            "call_args": {"dest": BOB, "value": 1_000_000_000},
        }
    )
    check(call.data.to_hex() == samples["transfer_call"], "btcli: composed transfer equals yuma's call bytes")

    key = StorageKey.create_from_storage_function(
        "System", "Account", [ALICE], runtime_config=rt.runtime_config, metadata=rt.metadata
    )
    check("0x" + key.to_hex().removeprefix("0x") == samples["alice_account_key"], "btcli: System.Account key of Alice")

    value_type = key.value_scale_type
    account = rt.runtime_config.create_scale_object(
        value_type, data=ScaleBytes(samples["alice_account"]), metadata=rt.metadata
    )
    account.decode()
    info = account.value
    check(
        set(info) >= {"nonce", "consumers", "providers", "sufficients", "data"}
        and set(info["data"]) >= {"free", "reserved", "frozen", "flags"},
        f"btcli: AccountInfo decodes (nonce {info['nonce']}, free {info['data']['free']})",
    )
    check(info["nonce"] == 6, "btcli: Alice's nonce is 6 after six extrinsics")

    events_key = StorageKey.create_from_storage_function(
        "System", "Events", [], runtime_config=rt.runtime_config, metadata=rt.metadata
    )
    events = rt.runtime_config.create_scale_object(
        events_key.value_scale_type, data=ScaleBytes(samples["events"]), metadata=rt.metadata
    )
    events.decode()
    records = events.value
    names = [(r["module_id"], r["event_id"]) for r in records]
    print("   events:", names)
    check(("Balances", "Transfer") in names, "btcli: Balances.Transfer decoded")
    check(("TransactionPayment", "TransactionFeePaid") in names, "btcli: TransactionFeePaid decoded")
    check(("System", "ExtrinsicFailed") in names, "btcli: ExtrinsicFailed decoded")
    failed = next(r for r in records if r["event_id"] == "ExtrinsicFailed")
    err = failed["attributes"]["dispatch_error"]
    print("   dispatch_error:", err)
    module = err["Module"]
    index = module["index"]
    error = module["error"]
    error_index = error[0] if isinstance(error, (list, tuple, bytes)) else int(error[2:4], 16)
    pallet = next(p for p in rt.metadata.pallets if p.value["index"] == index)
    err_name = pallet.errors[error_index].name if hasattr(pallet, "errors") and pallet.errors else None
    if err_name is None:
        err_meta = rt.metadata.get_module_error(module_index=index, error_index=error_index)
        err_name = err_meta.name if err_meta else None
    check(err_name == "SubnetNotExists", f"btcli: module error resolves to {err_name}")
    for xt in samples["extrinsics"]:
        ext = rt.runtime_config.create_scale_object("Extrinsic", data=ScaleBytes(xt), metadata=rt.metadata)
        ext.decode()
    check(True, "btcli: every block extrinsic decodes as Extrinsic")

    price = rt.runtime_config.create_scale_object(
        StorageKey.create_from_storage_function(
            "SubtensorModule", "SubnetMovingPrice", [1], runtime_config=rt.runtime_config, metadata=rt.metadata
        ).value_scale_type,
        data=ScaleBytes("0x" + (2**32).to_bytes(16, "little").hex()),
        metadata=rt.metadata,
    )
    price.decode()
    check(price.value == {"bits": 2**32}, f"btcli: SubnetMovingPrice decodes as I96F32 {price.value}")

    # The whole state: every value decodes with its entry's type, as btcli reads it.
    entries = {}
    for pallet in rt.metadata.pallets:
        for fn in pallet.storage or []:
            entries[_prefix_hex(pallet.name, fn.name)] = fn
    decoded = 0
    for key, value in samples["state"]:
        fn = entries.get(key[2:66])
        if fn is None:
            fail(f"btcli: undeclared key {key}")
        obj = rt.runtime_config.create_scale_object(
            fn.get_value_type_string(), data=ScaleBytes(value), metadata=rt.metadata
        )
        obj.decode(check_remaining=True)
        decoded += 1
    check(decoded == len(samples["state"]), f"btcli: all {decoded} state values decode with their entries")

    v14 = (OUT / "metadata_v14.scale").read_bytes()
    rc14 = RuntimeConfigurationObject(ss58_format=42)
    rc14.clear_type_registry()
    rc14.update_type_registry(load_type_registry_preset(name="core") or {})
    meta14 = _decode_v15_metadata(v14, runtime_config=rc14)
    rc14.add_portable_registry(meta14)
    check(meta14.value_object[1].index == 14, "btcli: V14 metadata (state_getMetadata) decodes and registers")


def run_bt11(blob, samples):
    """bittensor 11.3.0 on bittensor-core."""
    from bittensor._transport.codec import RuntimeCodec
    from bittensor._transport.storage import decode_storage_value

    codec = RuntimeCodec(blob, spec_version=samples["spec_version"], transaction_version=1, spec_name="yuma")
    check(codec.is_v15, "bt11: V15 metadata loaded")
    call = codec.compose_call("Balances", "transfer_keep_alive", {"dest": BOB, "value": 1_000_000_000})
    check("0x" + codec.call_data(call).hex() == samples["transfer_call"], "bt11: composed transfer equals yuma's call bytes")
    entry = codec.storage_entry("System", "Account")
    key = codec.storage_key(entry, [ALICE])
    check("0x" + key.hex() == samples["alice_account_key"], "bt11: System.Account key of Alice")
    info = decode_storage_value(codec, entry, bytes.fromhex(samples["alice_account"][2:]))
    print("   account:", info)
    check(info["nonce"] == 6 and info["data"]["free"] > 0, "bt11: AccountInfo decodes")
    entry = codec.storage_entry("System", "Events")
    records = decode_storage_value(codec, entry, bytes.fromhex(samples["events"][2:]))
    print("   first record:", records[0] if records else None)
    names = [(r.get("module_id"), r.get("event_id")) for r in records]
    print("   events:", names)
    check(("Balances", "Transfer") in names, "bt11: Balances.Transfer decoded (EventRecord flattened)")
    check(("System", "ExtrinsicFailed") in names, "bt11: ExtrinsicFailed decoded")
    failed = next(r for r in records if r.get("event_id") == "ExtrinsicFailed")
    print("   failed:", failed)
    err = codec.module_error(7, 76)
    check(err.get("name") == "SubnetNotExists", f"bt11: module_error(7, 76) = {err}")
    check(codec.constant("Balances", "ExistentialDeposit") == 500, "bt11: ExistentialDeposit constant")
    check(codec.constant("Aura", "SlotDuration") is not None, "bt11: Aura.SlotDuration constant")
    for xt in samples["extrinsics"]:
        codec._rt.decode_extrinsic(bytes.fromhex(xt[2:]))
    check(True, "bt11: every block extrinsic decodes")
    entry = codec.storage_entry("SubtensorModule", "SubnetEpochConsensus")
    mode = decode_storage_value(codec, entry, None)
    check(mode == "Yuma", f"bt11: SubnetEpochConsensus declared, absent reads {mode!r} (set_weights preflight)")
    entry = codec.storage_entry("SubtensorModule", "SubnetMovingPrice")
    price = decode_storage_value(codec, entry, (2**32).to_bytes(16, "little"))
    check(price == {"bits": 2**32}, f"bt11: SubnetMovingPrice decodes as I96F32 {price}")
    entry = codec.storage_entry("SubtensorModule", "SubnetEmaTaoFlow")
    flow = decode_storage_value(codec, entry, (5).to_bytes(8, "little") + (2**64).to_bytes(16, "little"))
    check(flow in ((5, {"bits": 2**64}), [5, {"bits": 2**64}]), f"bt11: SubnetEmaTaoFlow decodes as (u64, I64F64) {flow}")
    # The whole state: every key's parameters and every value decode with the entry's types.
    ir = codec._rt.metadata_ir()
    names = [(p["name"], st["name"]) for p in ir["pallets"] for st in p["storage"]]
    by_prefix = {bytes(codec._rt.storage_prefix(p, n)).hex(): (p, n) for p, n in names}
    decoded = 0
    for key, value in samples["state"]:
        p, n = by_prefix.get(key[2:66], (None, None))
        if p is None:
            fail(f"bt11: undeclared key {key}")
        entry = codec.storage_entry(p, n)
        raw_key = bytes.fromhex(key[2:])
        if entry.param_types:
            codec.decode_storage_key_params(entry, raw_key, fixed=0)
        codec.decode(entry.value_type, bytes.fromhex(value[2:]))
        decoded += 1
    check(decoded == len(samples["state"]), f"bt11: all {decoded} state keys and values decode with their entries")
    v14 = RuntimeCodec((OUT / "metadata_v14.scale").read_bytes(), spec_version=samples["spec_version"], transaction_version=1)
    check(not v14.is_v15 and v14.storage_entry("System", "Account") is not None, "bt11: V14 metadata loads")


OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "target/compat")


def main():
    out = OUT
    blob = (out / "metadata_v15.scale").read_bytes()
    samples = json.loads((out / "samples.json").read_text())
    print(f"metadata v15: {len(blob)} bytes")
    try:
        import bittensor_core  # noqa: F401

        run_bt11(blob, samples)
    except ImportError:
        run_btcli(blob, samples)
    print("all checks passed")


if __name__ == "__main__":
    main()
