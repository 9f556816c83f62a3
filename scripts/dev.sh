#!/usr/bin/env bash
# README command 1: install what is missing, build the node, and start a one-node development
# chain (Alice authors and finalises blocks) with RPC on ws://127.0.0.1:9944.
#
# Extra arguments go to the node. `--dev` keeps the chain in a temporary directory, deleted on
# exit; `scripts/dev.sh --base-path <dir>` keeps it between runs.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_system_packages without-node
install_rust_targets
build_node

log "starting the dev chain: open https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944"
exec "$NODE_BIN" --dev --rpc-cors all "$@"
