#!/usr/bin/env bash
# Unmodified Bittensor clients against `yuma node --dev --tmp` (issue 10,
# shared/spec/substrate-compat.md §9 steps 1-5): btcli (bittensor-cli) and the bittensor SDK
# from PyPI, each in its own virtualenv, run the flows below; every flow checks its outcome
# against yuma's own CLI (`yuma --json …`) for the same state.
#
# usage: scripts/compat_flows.sh PATH/TO/yuma
#
# Environment:
#   BTCLI_VENV, BT_VENV  virtualenvs to use (created with the pinned versions when missing;
#                        default under ${XDG_CACHE_HOME:-~/.cache}/yuma-compat/)
#   COMPAT_ALLOW_FAIL    space-separated flow names allowed to fail (reported as XFAIL)
#   FLOW_TIMEOUT         seconds per flow (default 180): bittensor 11 can hang on errors
#
# Pinned client versions: bump BTCLI_VERSION / BT_VERSION below, delete the cached venvs, run
# this script, and fix what breaks (clients read new storage items/APIs as they appear).
#
# Exit status: 0 when every flow passed (or is allowed to fail); 1 naming the failing flows.
set -uo pipefail

BTCLI_VERSION=9.23.2
BT_VERSION=11.3.0

YUMA=$(realpath "${1:?usage: $0 PATH/TO/yuma}")
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/yuma-compat
BTCLI_VENV=${BTCLI_VENV:-$CACHE/btcli-$BTCLI_VERSION}
BT_VENV=${BT_VENV:-$CACHE/bittensor-$BT_VERSION}
FLOW_TIMEOUT=${FLOW_TIMEOUT:-180}
ALLOW_FAIL=" ${COMPAT_ALLOW_FAIL:-} "

ensure_venv() { # DIR PACKAGE VERSION
  local dir=$1 pkg=$2 ver=$3
  if [ ! -x "$dir/bin/python" ]; then
    python3 -m venv "$dir" && "$dir/bin/pip" install -q "$pkg==$ver" || {
      echo "cannot create $dir with $pkg==$ver" >&2
      exit 1
    }
  fi
  local have
  have=$("$dir/bin/python" -c "import importlib.metadata as m; print(m.version('$pkg'))" 2>/dev/null)
  if [ "$have" != "$ver" ]; then
    echo "$dir has $pkg ${have:-missing}, this script pins $ver" >&2
    exit 1
  fi
}
ensure_venv "$BTCLI_VENV" bittensor-cli "$BTCLI_VERSION"
ensure_venv "$BT_VENV" bittensor "$BT_VERSION"

D=$(mktemp -d)
NODE_PID=
cleanup() {
  if [ -n "$NODE_PID" ]; then
    kill "$NODE_PID" 2>/dev/null
    wait "$NODE_PID" 2>/dev/null
  fi
  rm -rf "$D"
}
trap cleanup EXIT

# Clients keep caches (metadata by genesis and spec version, block hashes by URL) under HOME;
# a fresh HOME and DISK_CACHE=0 keep runs independent (substrate-compat.md §6.4).
export HOME="$D/home" DISK_CACHE=0 NO_COLOR=1
mkdir -p "$HOME"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$YUMA" node --dev --tmp --rpc-port "$PORT" > "$D/node.log" 2>&1 &
NODE_PID=$!
export YUMA BTCLI="$BTCLI_VENV/bin/btcli" COMPAT_WS="ws://127.0.0.1:$PORT" \
  COMPAT_HTTP="http://127.0.0.1:$PORT" COMPAT_WALLETS="$D/wallets"
for _ in $(seq 1 150); do
  if "$YUMA" chain status --url "$COMPAT_HTTP" --json > /dev/null 2>&1; then break; fi
  sleep 0.2
done
"$YUMA" chain status --url "$COMPAT_HTTP" --json > /dev/null || {
  echo "node did not start:" >&2
  cat "$D/node.log" >&2
  exit 1
}
"$BTCLI_VENV/bin/python" "$HERE/compat/make_wallet.py" "$COMPAT_WALLETS" > /dev/null

PASSED=()
FAILED=()
XFAILED=()
# run_flow NAME CMD…: runs one flow under the timeout and records it.
run_flow() {
  local name=$1
  shift
  if timeout -k 10 "$FLOW_TIMEOUT" "$@" > "$D/$name.out" 2> "$D/$name.err"; then
    echo "PASS $name $(tail -n 1 "$D/$name.out")"
    PASSED+=("$name")
    return 0
  fi
  local why
  why=$(tail -n 30 "$D/$name.err")
  [ -n "$why" ] || why="(timed out or no output after ${FLOW_TIMEOUT}s)"
  if [[ "$ALLOW_FAIL" == *" $name "* ]]; then
    echo "XFAIL $name"
    XFAILED+=("$name")
  else
    echo "FAIL $name"
    FAILED+=("$name")
  fi
  printf '%s\n' "$why" | sed 's/^/    /'
  return 1
}
sdk() { run_flow "sdk:$1" "$BT_VENV/bin/python" "$HERE/compat/sdk_flows.py" "$1"; }
cli() { run_flow "btcli:$1" "$BTCLI_VENV/bin/python" "$HERE/compat/btcli_flows.py" "$1"; }

# 1. Connect and read the block.
sdk connect
# 2. Balances.
sdk balance
cli balance
# 3. Transfers end to end.
cli transfer
sdk transfer
# 4. Subnet views (the dev genesis has the root subnet only).
cli subnets_list
sdk subnets
# 5. Participant writes on a subnet btcli creates.
if cli subnets_create; then
  COMPAT_NETUID=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["result"]["netuid"])' < "$D/btcli:subnets_create.out")
  export COMPAT_NETUID
  cli subnets_start
  cli subnets_register
  cli subnets_show
  cli subnets_metagraph
  sdk metagraph
  cli stake_add
  cli stake_remove
  sdk set_weights
else
  for f in btcli:subnets_start btcli:subnets_register btcli:subnets_show \
    btcli:subnets_metagraph sdk:metagraph btcli:stake_add btcli:stake_remove sdk:set_weights; do
    if [[ "$ALLOW_FAIL" == *" $f "* ]]; then XFAILED+=("$f"); else FAILED+=("$f"); fi
    echo "SKIP $f (no subnet)"
  done
fi

echo "passed: ${#PASSED[@]} (${PASSED[*]:-})"
[ ${#XFAILED[@]} -eq 0 ] || echo "allowed to fail: ${XFAILED[*]}"
if [ ${#FAILED[@]} -ne 0 ]; then
  echo "FAILED flows: ${FAILED[*]}" >&2
  exit 1
fi
