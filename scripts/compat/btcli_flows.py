"""Flows of btcli (bittensor-cli 9.x) against a yuma dev node, each checked against yuma's own
CLI for the same state. usage: python btcli_flows.py FLOW (environment: BTCLI, COMPAT_WS,
COMPAT_HTTP, COMPAT_WALLETS, YUMA; COMPAT_NETUID for the flows on the created subnet). Any
python runs it: btcli itself runs from its own venv."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import btcli, btcli_json, check, env, rpc, run, wallet_args, yuma  # noqa: E402

ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
ALICE_HOT = "5G6Fyo6U2fDhJXDJGp4Dr6XViVCdPcryiyLBDsusguSRcYvJ"
BOB = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"


def free(ss58):
    return yuma("wallet", "balance", "--ss58", ss58)["free"]


def netuid():
    return env("COMPAT_NETUID")


def tao_to_rao(x):
    return round(float(x) * 1e9)


def fee_of(ext_id):
    """The fee yuma recorded for the extrinsic btcli reports as `block-index`."""
    number, index = (int(p) for p in ext_id.split("-"))
    h = rpc("chain_getBlockHash", [number])
    block = rpc("chain_getBlock", [h])
    ext = block["block"]["extrinsics"][index]
    import hashlib

    tx = "0x" + hashlib.blake2b(bytes.fromhex(ext[2:]), digest_size=32).hexdigest()
    info = rpc("yuma_getTransaction", [tx])
    check(info is not None, f"yuma does not know extrinsic {ext_id} ({tx})")
    return info


def balance():
    out = btcli_json("wallet", "balance", *wallet_args(hotkey=False))
    got = tao_to_rao(out["totals"]["free"])
    want = free(ALICE)
    check(got == want, f"btcli free {got} rao, yuma {want}")
    return {"free": got}


def transfer():
    amount = 1_500_000_000
    a0, b0 = free(ALICE), free(BOB)
    out = btcli_json(
        "wallet", "transfer", "--dest", BOB, "--amount", "1.5", *wallet_args(hotkey=False),
        "--no-prompt",
    )
    check(out.get("success") is True, f"btcli transfer: {out}")
    a1, b1 = free(ALICE), free(BOB)
    check(b1 - b0 == amount, f"Bob got {b1 - b0} rao, expected {amount}")
    info = fee_of(out["extrinsic_identifier"])
    check(info["success"], f"yuma receipt: {info}")
    check(a0 - a1 == amount + info["fee"], f"Alice paid {a0 - a1}, expected {amount} + fee {info['fee']}")
    return {"extrinsic": out["extrinsic_identifier"], "fee": info["fee"]}


def subnets_list():
    out = btcli_json("subnets", "list")
    subnets = out.get("subnets", out) if isinstance(out, dict) else out
    got = sorted(int(k) for k in subnets) if isinstance(subnets, dict) else sorted(
        int(s["netuid"]) for s in subnets
    )
    want = sorted(s["netuid"] for s in yuma("subnet", "list"))
    check(got == want, f"btcli subnets {got}, yuma {want}")
    return {"netuids": got}


def subnets_create():
    before = {s["netuid"] for s in yuma("subnet", "list")}
    out = btcli_json(
        "subnets", "create", *wallet_args(), "--subnet-name", "compat",
        "--repo", "https://github.com/yuma/compat", "--contact", "dev@example.com",
        "--url", "https://example.com", "--discord", "compat", "--description", "compat-test",
        "--logo-url", "https://example.com/logo.png", "--additional-info", "none",
        "--no-mev-protection", "--no-prompt",
    )
    check(out.get("success") is True, f"btcli subnets create: {out}")
    after = {s["netuid"]: s for s in yuma("subnet", "list")}
    new = sorted(set(after) - before)
    check(len(new) == 1, f"expected one new subnet, yuma shows {sorted(after)} (was {sorted(before)})")
    n = new[0]
    check(after[n]["owner_coldkey"] == ALICE, f"subnet {n} owner {after[n]['owner_coldkey']}")
    if "netuid" in out:
        check(int(out["netuid"]) == n, f"btcli says netuid {out['netuid']}, yuma {n}")
    return {"netuid": n}


def subnets_start():
    btcli("subnets", "start", "--netuid", netuid(), *wallet_args(), "--no-prompt")
    s = yuma("subnet", "show", "--netuid", netuid())
    return {"subnet": {k: s.get(k) for k in ("netuid", "first_emission_block", "subtoken_enabled") if k in s}}


def subnets_register():
    out = btcli_json("subnets", "register", "--netuid", netuid(), *wallet_args(), "--no-prompt")
    m = yuma("metagraph", "--netuid", netuid())
    check(ALICE_HOT in m["hotkeys"], f"hotkey not in yuma metagraph: {m['hotkeys']} ({out})")
    return {"uid": m["hotkeys"].index(ALICE_HOT)}


def subnets_show():
    out = btcli_json("subnets", "show", "--netuid", netuid(), "--no-prompt")
    m = yuma("metagraph", "--netuid", netuid())
    text = str(out)
    for hk in m["hotkeys"]:
        check(hk in text, f"btcli subnets show lacks hotkey {hk}")
    return {"uids": len(m["hotkeys"])}


def subnets_metagraph():
    out = btcli_json("subnets", "metagraph", "--netuid", netuid(), "--no-prompt")
    m = yuma("metagraph", "--netuid", netuid())
    text = str(out)
    for hk in m["hotkeys"]:
        check(hk in text, f"btcli subnets metagraph lacks hotkey {hk}")
    return {"uids": len(m["hotkeys"])}


def _alpha(stakes):
    for s in stakes if isinstance(stakes, list) else stakes.get("stakes", []):
        if s.get("hotkey") == ALICE_HOT and str(s.get("netuid")) == netuid():
            return s.get("alpha", s.get("stake", 0))
    return 0


def stake_add():
    before = _alpha(yuma("stake", "list", *wallet_args()))
    out = btcli_json(
        "stake", "add", "--netuid", netuid(), "--amount", "10", "--include-hotkeys", ALICE_HOT,
        *wallet_args(), "--no-mev-protection", "--unsafe", "--no-prompt",
    )
    after = _alpha(yuma("stake", "list", *wallet_args()))
    check(after > before, f"yuma stake {before} -> {after} after btcli stake add ({out})")
    return {"alpha_before": before, "alpha_after": after}


def stake_remove():
    before = _alpha(yuma("stake", "list", *wallet_args()))
    out = btcli_json(
        "stake", "remove", "--netuid", netuid(), "--amount", "1", "--include-hotkeys", ALICE_HOT,
        *wallet_args(), "--no-mev-protection", "--unsafe", "--no-prompt",
    )
    after = _alpha(yuma("stake", "list", *wallet_args()))
    check(after < before, f"yuma stake {before} -> {after} after btcli stake remove ({out})")
    return {"alpha_before": before, "alpha_after": after}


if __name__ == "__main__":
    run(
        {
            "balance": balance,
            "transfer": transfer,
            "subnets_list": subnets_list,
            "subnets_create": subnets_create,
            "subnets_start": subnets_start,
            "subnets_register": subnets_register,
            "subnets_show": subnets_show,
            "subnets_metagraph": subnets_metagraph,
            "stake_add": stake_add,
            "stake_remove": stake_remove,
        }
    )
