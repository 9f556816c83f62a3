#!/usr/bin/env bash
# The offchain-worker prover against the bare programs-crate prover on the same jobs (2^16 and
# 2^20 steps), and the largest job through a dev node (tests/bench/prover.mjs). Needs the node
# and the `prove` example built (scripts/test.sh builds both). RUNS=3 by default.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_npm_packages
cd "$ROOT/tests"
SORTITION_NODE="$NODE_BIN" node bench/prover.mjs
