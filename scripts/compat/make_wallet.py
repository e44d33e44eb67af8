"""Creates the dev wallet the flows use, in bittensor-wallet's format (which yuma, btcli and
the bittensor SDK all read): wallet "alice" under argv[1], coldkey //Alice (the dev chain's
funded sudo account) and hotkey "default" = //Alice//hot, both unencrypted so no client
prompts for a password. Run with a python that has bittensor-wallet (the btcli venv)."""

import json
import sys

from bittensor_wallet import Keypair, Wallet

path = sys.argv[1]
cold = Keypair.create_from_uri("//Alice")
hot = Keypair.create_from_uri("//Alice//hot")
w = Wallet(name="alice", hotkey="default", path=path)
w.set_coldkey(cold, encrypt=False, overwrite=True)
w.set_coldkeypub(cold, overwrite=True)
w.set_hotkey(hot, encrypt=False, overwrite=True)
w.set_hotkeypub(hot, overwrite=True)
print(json.dumps({"coldkey": cold.ss58_address, "hotkey": hot.ss58_address}))
