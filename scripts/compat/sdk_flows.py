"""Flows of the bittensor SDK (11.x, its async Client) against a yuma dev node, each checked
against yuma's own CLI for the same state. usage: python sdk_flows.py FLOW (environment:
COMPAT_WS, COMPAT_HTTP, COMPAT_WALLETS, YUMA, COMPAT_NETUID for the subnet flows)."""

import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import check, env, rpc, run, yuma, wallet_args  # noqa: E402

import bittensor as bt  # noqa: E402
from bittensor.result import ChainError  # noqa: E402

ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
BOB = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"


def client():
    return bt.Client(env("COMPAT_WS"), fallback_endpoints=[], archive_endpoints=[])


def wallet():
    return bt.Wallet(name="alice", hotkey="default", path=env("COMPAT_WALLETS"))


def free(ss58):
    return yuma("wallet", "balance", "--ss58", ss58)["free"]


def finalized():
    return yuma("chain", "status")["status"]["finalizedNumber"]


async def _connect():
    before = finalized()
    async with client() as c:
        n = await c.block()
    after = finalized()
    check(before <= n <= after + 1, f"SDK block {n} outside yuma's finalized {before}..{after}")
    return {"block": n}


async def _balance():
    async with client() as c:
        b = await c.balances.get(ALICE)
    want = free(ALICE)
    check(b.rao == want, f"SDK balance {b.rao} rao, yuma says {want}")
    return {"free": b.rao}


async def _transfer():
    amount = 2_000_000_000
    a0, b0 = free(ALICE), free(BOB)
    async with client() as c:
        r = await c.execute(bt.Transfer(dest_ss58=BOB, amount_tao=amount / 1e9), wallet())
    check(r.success, f"SDK transfer failed: {r.to_dict()}")
    a1, b1 = free(ALICE), free(BOB)
    check(b1 - b0 == amount, f"Bob got {b1 - b0} rao, expected {amount}")
    fee = a0 - a1 - amount
    check(fee > 0, f"Alice paid {a0 - a1}, expected the amount plus a fee")
    if r.fee is not None:
        check(r.fee.rao == fee, f"SDK reports fee {r.fee.rao}, Alice paid {fee}")
    return {"block_hash": r.block_hash, "fee": fee}


async def _subnets():
    async with client() as c:
        subnets = await c.subnets.all()
    got = sorted(s.netuid for s in subnets)
    want = sorted(s["netuid"] for s in yuma("subnet", "list"))
    check(got == want, f"SDK subnets {got}, yuma {want}")
    return {"netuids": got}


async def _metagraph():
    netuid = int(env("COMPAT_NETUID"))
    async with client() as c:
        m = await c.subnets.metagraph(netuid, commitments=False)
    check(m is not None, f"SDK metagraph({netuid}) is None")
    y = yuma("metagraph", "--netuid", str(netuid))
    got = [n.hotkey for n in m.neurons]
    check(got == y["hotkeys"], f"SDK metagraph hotkeys {got}, yuma {y['hotkeys']}")
    return {"netuid": netuid, "hotkeys": got}


async def _set_weights():
    netuid = int(env("COMPAT_NETUID"))
    w = wallet()
    before = yuma("metagraph", "--netuid", str(netuid))["last_update"][0]
    # Registration sets LastUpdate, so the subnet's weights rate limit (100 blocks, 25 s on a
    # 250 ms dev chain) may still run: the SDK's own preflight says so; wait it out.
    deadline = asyncio.get_running_loop().time() + 90
    async with client() as c:
        while True:
            try:
                r = await c.execute(bt.SetWeights(netuid=netuid, uids=[0], weights=[1.0]), w)
                break
            except ChainError as e:
                if "rate limit" not in str(e) or asyncio.get_running_loop().time() > deadline:
                    raise
                await asyncio.sleep(2)
    check(r.success, f"SDK set_weights failed: {r.to_dict()}")
    after = yuma("metagraph", "--netuid", str(netuid))["last_update"][0]
    check(after > before, f"yuma's last_update of uid 0 did not move ({before} -> {after})")
    return {"block_hash": r.block_hash, "last_update": after}


FLOWS = {
    "connect": _connect,
    "balance": _balance,
    "transfer": _transfer,
    "subnets": _subnets,
    "metagraph": _metagraph,
    "set_weights": _set_weights,
}

if __name__ == "__main__":
    run({k: (lambda f=f: asyncio.run(f())) for k, f in FLOWS.items()})
