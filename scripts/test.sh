#!/usr/bin/env bash
# README command 2: install what is missing, build, and run every test: the Rust unit and
# integration tests of the workspace, then the end-to-end tests (real nodes, @polkadot/api).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_system_packages with-browser
install_rust_targets
build_node
install_npm_packages

# Two cargo invocations, not one `--workspace`: cargo unifies the features of every selected
# package's dev-dependencies, and the programs crate's (proptest, criterion) would change the
# features of crates deep in the node's tree and rebuild half of it a second time.
log "cargo test: node and runtime (release profile: reuses the node's build)"
(cd "$ROOT" && cargo test --release --locked -p sortition-node -p sortition-runtime)

# The runtime built with try-runtime: real blocks re-executed with every pallet's try_state, and
# the runtime upgrade's checks (its own feature set; the first build takes a while).
"$ROOT/scripts/try-runtime.sh"

log "cargo test: pallets, the prover host function, receipts and the example consumer (unit tests with real proofs, offchain worker, each benchmark run once)"
(cd "$ROOT" && cargo test --release --locked -p pallet-provers -p pallet-jobs -p sortition-prover-host \
	-p sortition-receipts -p pallet-sortition-consumer \
	--features pallet-provers/runtime-benchmarks,pallet-jobs/runtime-benchmarks)

# A short fuzzing run (scripts/fuzz.sh runs ten million executions by default).
"$ROOT/scripts/fuzz.sh" 20000

log "cargo test: STARK programs (prover, verifier, what fuzzing found) and the verifier for JavaScript"
(cd "$ROOT" && cargo test --release --locked -p sortition-programs -p sortition-verifier-wasm)

# `--cfg substrate_runtime` as substrate-wasm-builder sets it: in a runtime, sp-io's crypto
# is the host's, not compiled in (secp256k1's C code would need clang).
log "the STARK verifier and the receipts check build without std, as in a runtime (wasm32v1-none)"
(cd "$ROOT" && RUSTFLAGS="--cfg substrate_runtime" cargo build --release --locked \
	-p sortition-programs -p sortition-receipts --no-default-features --target wasm32v1-none)

# The verifier for JavaScript (wasm32-unknown-unknown: scripts/sortition verify, the e2e tests)
# and the dashboard's static files, which the browser tests load in Chromium.
build_dashboard

log "the prover outside the node (the e2e tests prove jobs with it until the node does)"
(cd "$ROOT" && cargo build --release --locked -p sortition-programs --features prover --example prove)

build_upgrade_runtime

log "end-to-end tests against real nodes"
cd "$ROOT/tests"
SORTITION_NODE="$NODE_BIN" node --test --test-concurrency=1 --test-reporter=spec e2e/

# Last, a short soak: the soak's network under jobs and random faults for 2 minutes, with a fixed
# seed (scripts/soak.sh runs it for an hour, with a seed of its own).
log "zombienet: multi-node networks (native provider), each torn down after its test, then a short soak"
cd "$ROOT"
SOAK_MINUTES=2 SOAK_SEED=20261203 scripts/zombienet.sh zombienet/*.zndsl zombienet/soak/soak.zndsl
