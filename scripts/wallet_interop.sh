#!/usr/bin/env bash
# Two-way wallet interop with the real bittensor-wallet from PyPI (issue 9):
#   1. a wallet bittensor-wallet creates (encrypted coldkey, plain hotkey) is listed, unlocked
#      and signs in yuma, and its signatures verify in yuma;
#   2. a wallet yuma creates is unlocked by bittensor-wallet with the same addresses and the
#      same decrypted mnemonic, and yuma's signatures verify there.
# usage: scripts/wallet_interop.sh PATH/TO/yuma   (BTW_VENV to reuse a virtualenv)
set -euo pipefail
YUMA=$(realpath "$1")
VENV=${BTW_VENV:-$(mktemp -d)/venv}
BTW_VERSION=4.0.1
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "bittensor-wallet==$BTW_VERSION"
fi
PY="$VENV/bin/python"
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
PW="interop-Pass-42"
printf '%s\n' "$PW" > "$D/pw"

# 1. bittensor-wallet → yuma
# (bittensor-wallet prints progress on stdout, so results go to a file.)
"$PY" - "$D" "$PW" "$D/py.json" > /dev/null <<'PYEOF'
import json, sys
from bittensor_wallet import Wallet
path, pw, out = sys.argv[1], sys.argv[2], sys.argv[3]
w = Wallet(name="py", hotkey="hk", path=path)
w.create_new_coldkey(n_words=12, use_password=True, overwrite=True, suppress=True, coldkey_password=pw)
w.create_new_hotkey(n_words=12, use_password=False, overwrite=True, suppress=True)
ck = w.get_coldkey(password=pw)
hk = w.get_hotkey()
json.dump({"coldkey": ck.ss58_address, "hotkey": hk.ss58_address,
           "sig": "0x" + ck.sign(b"interop").hex()}, open(out, "w"))
PYEOF
want_ck=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["coldkey"])' "$D/py.json")
want_hk=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["hotkey"])' "$D/py.json")
py_sig=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["sig"])' "$D/py.json")
"$YUMA" wallet --wallet-path "$D" list --json > "$D/list.json"
"$PY" - "$D/list.json" "$want_ck" "$want_hk" <<'PYEOF'
import json, sys
entries = {e["name"]: e for e in json.load(open(sys.argv[1]))}
assert entries["py"]["coldkey"] == sys.argv[2], entries
assert entries["py"]["hotkeys"] == [["hk", sys.argv[3]]], entries
PYEOF
"$YUMA" wallet verify --message interop --signature "$py_sig" --address "$want_ck" > /dev/null
y_sig=$("$YUMA" wallet --wallet-path "$D" --wallet-name py sign --message interop --password-file "$D/pw")
y_hsig=$("$YUMA" wallet --wallet-path "$D" --wallet-name py --hotkey hk sign --use-hotkey --message interop)
"$PY" - "$want_ck" "$y_sig" "$want_hk" "$y_hsig" <<'PYEOF'
import sys
from bittensor_wallet import Keypair
for addr, sig in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    assert Keypair(ss58_address=addr).verify(b"interop", bytes.fromhex(sig[2:])), addr
PYEOF
echo "ok: bittensor-wallet $BTW_VERSION wallet read, unlocked and signing in yuma"

# 2. yuma → bittensor-wallet
"$YUMA" wallet --wallet-path "$D" --wallet-name rs --hotkey hk create --password-file "$D/pw" --json > "$D/rs.json"
"$PY" - "$D" "$PW" "$D/rs.json" "$YUMA" > /dev/null <<'PYEOF'
import json, subprocess, sys
from bittensor_wallet import Wallet
path, pw, made, yuma = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
keys = {k["key"]: k for k in map(json.loads, open(made).read().split("\n")[:-1])}
w = Wallet(name="rs", hotkey="hk", path=path)
ck = w.get_coldkey(password=pw)
hk = w.get_hotkey()
assert ck.ss58_address == keys["coldkey"]["ss58"], (ck.ss58_address, keys)
assert hk.ss58_address == keys["hotkey"]["ss58"]
assert w.get_coldkeypub().ss58_address == ck.ss58_address
# Same decrypted secret: the mnemonic yuma printed regenerates the key bittensor-wallet unlocked.
from bittensor_wallet import Keypair
assert Keypair.create_from_mnemonic(keys["coldkey"]["mnemonic"]).ss58_address == ck.ss58_address
sig = "0x" + ck.sign(b"interop").hex()
subprocess.run([yuma, "wallet", "verify", "--message", "interop", "--signature", sig,
                "--address", ck.ss58_address], check=True, stdout=subprocess.DEVNULL)
PYEOF
echo "ok: yuma wallet read and unlocked by bittensor-wallet $BTW_VERSION"
