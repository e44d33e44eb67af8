#!/usr/bin/env bash
# The yuma quick start, end to end on a fresh dev chain:
#   start `yuma node --dev --tmp`, create owner / miner / validator wallets, fund them from
#   the faucet, create a subnet and start it, register the miner and the validator, set
#   weights (once with commit–reveal, once directly), stake to the validator and unstake
#   with a price limit, wait for the epoch and show the metagraph with incentive, dividends
#   and emission; then move, transfer and swap stake, set child hotkeys and takes, and show
#   costs and prices.
#
#   examples/walkthrough.sh [path/to/yuma]      (default: target/release/yuma, else target/debug/yuma)
#
# Environment: RPC_PORT (default 9944), BLOCK_TIME ms (default 250), KEEP=1 to leave the
# node running at the end. Every command runs with --no-prompt; drop it to be asked.
set -euo pipefail

YUMA=${1:-}
if [[ -z "$YUMA" ]]; then
  if [[ -x target/release/yuma ]]; then YUMA=target/release/yuma; else YUMA=target/debug/yuma; fi
fi
RPC_PORT=${RPC_PORT:-9944}
BLOCK_TIME=${BLOCK_TIME:-250}
URL="ws://127.0.0.1:${RPC_PORT}"
WALLETS=$(mktemp -d)
NODE_LOG="$WALLETS/node.log"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Wallet-bound commands: yw WALLET GROUP SUBCOMMAND [ARGS...]
yw() {
  local wallet=$1; shift
  "$YUMA" "$@" --url "$URL" --wallet-path "$WALLETS" --wallet-name "$wallet" --no-prompt
}
yq() { "$YUMA" "$@" --url "$URL"; }

step "start a dev node (RPC $URL, blocks every ${BLOCK_TIME} ms)"
"$YUMA" node --dev --tmp --rpc-port "$RPC_PORT" --block-time "$BLOCK_TIME" >"$NODE_LOG" 2>&1 &
NODE_PID=$!
cleanup() {
  if [[ "${KEEP:-0}" != 1 ]]; then kill "$NODE_PID" 2>/dev/null || true; wait "$NODE_PID" 2>/dev/null || true; fi
  rm -rf "$WALLETS"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  yq chain status --json >/dev/null 2>&1 && break
  sleep 0.1
done
yq chain status

step "wallets: owner, miner, validator (unencrypted for the demo), and //Alice as the dev sudo key"
for w in owner miner validator; do
  "$YUMA" wallet --wallet-path "$WALLETS" --wallet-name "$w" create --no-password --json >/dev/null
done
"$YUMA" wallet --wallet-path "$WALLETS" --wallet-name alice regen-coldkey --uri //Alice --no-password --json >/dev/null
"$YUMA" wallet --wallet-path "$WALLETS" list

step "fund them from the faucet"
yw owner wallet faucet --amount 5000
yw miner wallet faucet --amount 100
yw validator wallet faucet --amount 100
yw owner wallet balance

step "a transfer: the fee is shown before sending, the receipt after finality"
MINER_COLDKEY=$("$YUMA" wallet --wallet-path "$WALLETS" list --json | jq -r '.[] | select(.name=="miner") | .coldkey')
yw owner wallet transfer --dest "$MINER_COLDKEY" --amount 1.5

step "create a subnet (locks the network lock cost) and start it"
yw owner subnet create
NETUID=$(yq subnet list --json | jq '[.[].netuid] | max')
echo "netuid $NETUID"
yw owner subnet start --netuid "$NETUID"

step "root (//Alice on dev) shortens the epoch to 20 blocks and lifts the weights rate limit"
yw alice subnet set-hyperparameter --sudo --param admin_freeze_window --value 0
yw alice subnet set-hyperparameter --sudo --netuid "$NETUID" --param tempo --value 20
yw alice subnet set-hyperparameter --sudo --netuid "$NETUID" --param weights_set_rate_limit --value 0

step "register the miner and the validator (burned_register)"
yw miner subnet register --netuid "$NETUID"
yw validator subnet register --netuid "$NETUID"
yq metagraph --netuid "$NETUID"

epoch() { yq subnet show --netuid "$NETUID" --json | jq .epoch_index; }

step "commit–reveal: the owner's hotkey (UID 0, the subnet's validator until staking lands) commits weights"
yw owner weights commit --netuid "$NETUID" --uids 1,2 --weights 3,1 --salt 7,7,7
E=$(epoch)
echo "committed in epoch $E; waiting for epoch $((E + 1)) to reveal"
while [[ $(epoch) -le $E ]]; do sleep 0.5; done
yw owner weights reveal --netuid "$NETUID" --uids 1,2 --weights 3,1 --salt 7,7,7

step "turn commit–reveal off and set weights directly"
yw owner subnet set-hyperparameter --netuid "$NETUID" --param commit_reveal_weights_enabled --value false
yw owner weights set --netuid "$NETUID" --uids 1,2 --weights 1,1

step "stake 1 τ to the validator (quote and 0.5 % price limit shown first), then unstake 0.5 α"
yw validator stake add --netuid "$NETUID" --amount 1
yw validator stake list
yw validator stake remove --netuid "$NETUID" --amount 0.5
yw validator stake list

step "after an epoch the staked validator has a permit; it and the owner weight the miner, UID 1"
E=$(epoch)
while [[ $(epoch) -le $E ]]; do sleep 0.5; done
yw validator weights set --netuid "$NETUID" --uids 1 --weights 1
yw owner weights set --netuid "$NETUID" --uids 1 --weights 1

step "wait two epochs: the miner has incentive, the validators dividends, both emission"
E=$(epoch)
while [[ $(epoch) -le $((E + 1)) ]]; do sleep 0.5; done
yq metagraph --netuid "$NETUID"
yw owner wallet overview

wallet_key() { "$YUMA" wallet --wallet-path "$WALLETS" list --json | jq -r ".[] | select(.name==\"$1\") | $2"; }
MINER_HOTKEY=$(wallet_key miner '.hotkeys[0][1]')
OWNER_COLDKEY=$(wallet_key owner .coldkey)

step "move 0.1 α to the miner's hotkey, give 0.04 α of it to the owner, swap the rest to root"
yw validator stake move --origin-netuid "$NETUID" --dest-hotkey "$MINER_HOTKEY" --amount 0.1
yw validator stake transfer --dest "$OWNER_COLDKEY" --origin-netuid "$NETUID" --hotkey-ss58 "$MINER_HOTKEY" --amount 0.04
yw validator stake swap --origin-netuid "$NETUID" --dest-netuid 0 --hotkey-ss58 "$MINER_HOTKEY" --all
yw validator stake list

step "child hotkeys and takes: the owner lends 25 % of its stake weight to the miner's hotkey"
yw owner stake children set --netuid "$NETUID" --children "$MINER_HOTKEY" --proportions 0.25
yw owner stake children get --netuid "$NETUID"
yw miner stake childkey-take --netuid "$NETUID" --take 0.09
yw validator delegate set-take --take 0.1
yw validator delegate get-take

step "costs and prices"
yq subnet burn-cost --netuid "$NETUID"
yq subnet lock-cost
yq subnet price
yq subnet hyperparameters --netuid "$NETUID" --json | jq '{tempo, commit_reveal_weights_enabled, weights_rate_limit}'
yq chain status

step "done"
if [[ "${KEEP:-0}" == 1 ]]; then echo "node still running (pid $NODE_PID), log $NODE_LOG"; fi
