#!/usr/bin/env python3
"""Produce golden vectors with the real `bittensor-wallet` package (its Rust sr25519 signer is
sp-core's), for crates/primitives/tests/external_vectors.rs.

    python3 -m venv /tmp/btw && /tmp/btw/bin/pip install bittensor-wallet==4.0.1
    /tmp/btw/bin/python scripts/gen_external_vectors.py > crates/primitives/tests/data/external_vectors.json

The extrinsic envelope is SCALE written out by hand below (the layout of
shared/spec/substrate-compat.md §5); the signature over its payload is bittensor-wallet's.
Regenerating changes the signatures (sr25519 signing is randomised): a reviewed decision.
"""
import hashlib, json
from bittensor_wallet import Keypair


def compact(n):
    if n < 1 << 6:
        return bytes([n << 2])
    if n < 1 << 14:
        return ((n << 2) | 1).to_bytes(2, "little")
    if n < 1 << 30:
        return ((n << 2) | 2).to_bytes(4, "little")
    b = n.to_bytes((n.bit_length() + 7) // 8, "little")
    return bytes([((len(b) - 4) << 2) | 3]) + b


def mortal_era(period, current):
    # sp-runtime Era::mortal, then its two-byte encoding.
    p = 1 << max(2, min(16, (period - 1).bit_length()))
    phase = current % p
    q = max(p >> 12, 1)
    phase = phase // q * q
    low = min(15, max(1, (p & -p).bit_length() - 2))
    return (low | ((phase // q) << 4)).to_bytes(2, "little")


alice = Keypair.create_from_uri("//Alice")
bob = Keypair.create_from_uri("//Bob")
msg = b"yuma"
sig = alice.sign(msg)

genesis = bytes(range(32))
birth = bytes(range(32, 64))
spec_version, tx_version = 1, 1
call = bytes([5, 3, 0]) + bob.public_key + compact(10**9)
extra = mortal_era(16, 5) + compact(7) + compact(0) + bytes([0])
payload = call + extra + spec_version.to_bytes(4, "little") + tx_version.to_bytes(4, "little") \
    + genesis + birth + bytes([0])
if len(payload) > 256:
    payload = hashlib.blake2b(payload, digest_size=32).digest()
xsig = alice.sign(payload)
body = bytes([0x84, 0]) + alice.public_key + bytes([1]) + xsig + extra + call
xt = compact(len(body)) + body

print(json.dumps({
    "generator": "bittensor-wallet 4.0.1 Keypair.create_from_uri / sign",
    "signature": {
        "public": "0x" + alice.public_key.hex(),
        "ss58": alice.ss58_address,
        "message": "0x" + msg.hex(),
        "signature": "0x" + sig.hex(),
    },
    "extrinsic": {
        "description": "//Alice transfer_keep_alive(//Bob, 1 TAO), mortal(16) at block 5, nonce 7, tip 0",
        "genesis_hash": "0x" + genesis.hex(),
        "birth_hash": "0x" + birth.hex(),
        "spec_version": spec_version,
        "transaction_version": tx_version,
        "bytes": "0x" + xt.hex(),
    },
}, indent=2))
