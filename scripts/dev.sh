#!/usr/bin/env bash
# README command 1: install what is missing, build the node, and start a one-node development
# chain (Alice authors and finalises blocks) with RPC on ws://127.0.0.1:9944.
#
# Extra arguments go to the node, e.g. `scripts/dev.sh --tmp` for a chain that is wiped on exit
# (without it, the dev chain's state persists in the node's base path; see `purge-chain`).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_system_packages without-node
install_rust_targets
build_node

log "starting the dev chain: open https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944"
exec "$NODE_BIN" --dev --rpc-cors all "$@"
