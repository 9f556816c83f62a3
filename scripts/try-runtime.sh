#!/usr/bin/env bash
# The runtime built with `try-runtime`: every block of a chain that runs jobs (real proofs, a
# slashed prover, a validator who joins) executed again with `Executive::try_execute_block`,
# every pallet's `try_state` after each, and the runtime upgrade's checks
# (`Executive::try_runtime_upgrade`: the migrations' pre/post checks, the entire state decoded,
# every `try_state`) on that chain with its jobs at storage version 0.
# (runtime/src/try_runtime_tests.rs.) Its own feature set: the first build compiles the
# runtime's dependencies again with `try-runtime`, about 25 minutes here; later ones only what
# changed.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_system_packages
install_rust_targets

log "cargo test: the runtime with try-runtime (native; no wasm needed)"
cd "$ROOT"
SKIP_WASM_BUILD=1 cargo test --release --locked -p sortition-runtime --features try-runtime \
	try_runtime_tests -- --nocapture
