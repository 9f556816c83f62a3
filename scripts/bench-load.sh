#!/usr/bin/env bash
# Jobs on a dev chain against the bare prover, in one run: starts its own `--dev` node (Alice
# proving), then 20 small jobs one at a time and a burst of 1,000, and prints latency in blocks,
# proofs verified per block, jobs lost, prover failures, how full the busiest block was, and the
# chain's throughput as a ratio of the bare prover's rate on the same job (measured first).
#
#   scripts/bench-load.sh [--jobs 1000] [--singles 20] [--program fibonacci] [--steps 1024] [--bare 20]
#
# Needs the node and the `prove` example (scripts/test.sh builds both; this builds what is
# missing). Takes about 10 minutes with the defaults.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_system_packages with-node
install_rust_targets
[ -x "$NODE_BIN" ] || build_node
[ -x "$CARGO_TARGET_DIR/release/examples/prove" ] ||
	(cd "$ROOT" && cargo build --release --locked -p sortition-programs --features prover --example prove)
[ -d "$ROOT/tests/node_modules/@polkadot/api" ] || (cd "$ROOT/tests" && npm ci --no-audit --no-fund --loglevel=error)
cd "$ROOT/tests"
SORTITION_NODE="$NODE_BIN" exec node bench/load.mjs "$@"
