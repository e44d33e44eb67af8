#!/usr/bin/env bash
# Starts a local network of N validators (default 4) on loopback: `yuma testnet init` writes
# the keys and chain spec into DIR, then one `yuma node` per validator runs in the background
# with its data and log under DIR. Ctrl-C stops them all.
#
#   scripts/testnet.sh [N] [DIR]       (YUMA=path/to/yuma to use another binary)
#
# RPC of validator i is on 127.0.0.1:$((9943 + i)), metrics on 127.0.0.1:$((9614 + i)).
set -euo pipefail
N="${1:-4}"
DIR="${2:-$(mktemp -d -t yuma-testnet.XXXXXX)}"
YUMA="${YUMA:-$(dirname "$0")/../target/release/yuma}"
if [ ! -x "$YUMA" ]; then
  echo "no yuma binary at $YUMA: build it (cargo build --release -p yuma-cli) or set YUMA=" >&2
  exit 2
fi
if [ ! -f "$DIR/chain.json" ]; then
  "$YUMA" testnet init --validators "$N" --out "$DIR"
fi
PIDS=()
stop() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "stopped; data and logs in $DIR"
}
trap stop EXIT INT TERM
for i in $(seq 1 "$N"); do
  "$YUMA" node --chain "$DIR/chain.json" --key "$DIR/validator-$i.key" \
    --base-path "$DIR/data-$i" --metrics-port $((9614 + i)) \
    2> "$DIR/validator-$i.log" &
  PIDS+=("$!")
  echo "validator-$i: pid $!, rpc http://127.0.0.1:$((9943 + i)), log $DIR/validator-$i.log"
done
echo "running $N validators; Ctrl-C to stop"
wait
